"""The rule baseline on real clause texts (from the dev set; they are real, so they are copied here verbatim)."""

from datetime import date
from decimal import Decimal

import pytest

import loanclause
from loanclause.extract import extract_terms, find_entities
from loanclause.extract.terms import clause_pieces
from loanclause.models import Clause

D = Decimal


def terms(text):
    return extract_terms(text, [])[1]


def annual(rate):
    return None if rate is None else rate.annual


# ------------------------------------------------------------------------------------------ rates


@pytest.mark.parametrize(
    ("text", "interest", "overdue"),
    [
        (
            "经审理查明，2008年12月30日，被告（合同甲方）与农信社（合同乙方）签订了《人民币资金借款合同》、《农户短期借款合同》，"
            "约定甲方向乙方贷款30000元，借款期限自2008年12月30日至2009年12月20日止，月利率为8.4‰。",
            "0.1008",
            None,
        ),
        ("贷款利息为月利率7.5‰，逾期还款则按借款合同载明的贷款利率加收30%的罚息。", "0.09", "0.117"),
        (
            "同日，中信南通分行按约向被告汇能公司发放了贷款3700万元，借据上载明年利率为4.35%，罚息利率为6.525%，"
            "起息日期为2016年5月24日，到期日期为2017年5月8日。",
            "0.0435",
            "0.06525",
        ),
        (
            "原告现为该债权的合法持有人，有权向被告进行追索，故请求法院判令被告立即偿还借款15000元以及利息（借款期间利息按月千分之8.4计付，"
            "从借款到期之日至判决确定的给付之日止按照月千分之8.4加收30%的罚息）。",
            "0.1008",
            "0.13104",
        ),
        (
            "三、约定利息：浮动年利率，借款时按中国人民银行公布的半年期基准年利率5.6%上浮30%，按半年调整，按月结息，结息日为每月的20日，"
            "罚息利率为贷款利率150%，对贷款期内不能按期支付的利息按合同利率按月计收复利，贷款逾期后改按合同罚息利率计收复利。",
            "0.0728",
            "0.1092",
        ),
        (
            "2、借款利率执行固定利率，按照合同签订日单笔借款期限所对应的人民银行公布的同期同档次基准利率基础上浮25%（即执行年利率7.50%）；",
            "0.075",
            None,
        ),
        (
            "月息为10.08‰，按季度结息，不按期归还贷款，逾期部分加收利息20%，如国家调整利率，从调整之日起，按调整后的贷款利率计算贷款利息。",
            "0.12096",
            "0.145152",
        ),
        (
            "合同虽约定借款年利率为8.235%，但原告起诉时明确表示以借款年利率8.233%计算，对应的罚息利率以12.3495%计算，有利于被告，予以许可。",
            "0.08235",
            "0.123495",
        ),
        (
            "但在第五条第五项“罚息和复利”中约定，如借款人出现违约行为，则未偿还的借款年利率提高至25%，并按延迟支付天数，"
            "对逾期未付本息按日利率0.5‰计收罚息。",
            None,
            "0.4325",
        ),
        (
            "之后逾期利息以所欠本金9946936.12元为基数按年利率10.17%计算至本判决确定的履行之日止，期内利息的复利以期内利息202600.5元为基数，"
            "按年利率6.78%计算至本判决确定的履行之日止）。",
            None,
            "0.1017",
        ),
        ("对上述利息及罚息，按日利率0.5‰计收复利。", None, "0.1825"),
        (
            "2009年4月10日到2009年8月28日以11.781‰计算，2009年8月29日到清偿完借款之日止的利息按月息11.781‰的1.5倍计算。",
            "0.141372",
            "0.212058",
        ),
        (
            "事实与理由：2016年4月12日，被告张某1以做生意周转为由向原告借款20000元，口头约定月息1毛，被告靳某1签名担保。",
            "1.2",
            None,
        ),
        (
            "原告诉称：2011年2月13日，被告曾某1以生意周转为由，向原告李某1借款150000元，约定月利率1.8％，按季度付息，每三个月8100元。",
            "0.216",
            None,
        ),
        (
            "同日，二被告再次向原告借款16800元，还款期限一个月，逾期按月利息二分计算，并出具另一张借据。",
            None,
            "0.24",
        ),
        (
            "原告黄某1为支持其诉讼请求，向本院提交了1、借条一份，证明被告杨某1于2017年6月8日向原告借款70000元，约定借款期限52天，月利率0.7％，逾期按月利率1％计付逾期利息。",
            "0.084",
            "0.12",
        ),
        (
            "本院认定事实如下：2016年3月17日，被告向原告借款20万元，并出具借条一张，载明：“今借到杨某1人民币贰拾万元整，¥200000，（月息2500）。",
            "0.15",
            None,
        ),
        ("固定额度 1000 固定年贷款利率 23%(即月利率：1.92%)", "0.23", None),
        ("本合同项下借款年利率为LPR+3%，即年利率6.65%。", "0.0665", None),
        (
            "至于2003年12月21日至2013年6月20日的利息，原告主张按年利率7.56%计算，没有超出合同约定的年利率14.04%"
            "（月息9.75‰加收20%，年利率为14.04%），经计算，该段利息为123878.89元。",
            "0.0756",  # the claim comes first; the bracket explains 14.04% as the raised rate
            "0.1404",
        ),
        (
            "2、甲方未按约定还款的，自逾期之日起至付清之日至每日按应还本息的 0.05%收取罚息，每月单独计算。",
            None,
            "0.1825",
        ),
    ],
)
def test_interest_and_overdue(text, interest, overdue):
    t = terms(text)
    assert annual(t.interest_rate) == (None if interest is None else D(interest))
    assert annual(t.overdue_rate) == (None if overdue is None else D(overdue))


@pytest.mark.parametrize(
    "text",
    [
        # placeholders
        "3 、借款利息： 在合同规定的借款期内，利率为${item.rate} % 。",
        "借款年利率 ${rate!''}",
        # statutory interest for late performance of a judgment
        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条及相关司法解释之规定，"
        "加倍支付迟延履行期间的债务利息（加倍部分债务利息=债务人尚未清偿的生效法律文书确定的除一般债务利息之外的金钱债务×日万分之一点七五×迟延履行期间）。",
        # a statute quoted by the court
        "本院认为，该约定不违反中国人民银行《支付结算办法》第九十一条对银行承兑汇票的出票人于汇票到期日未能足额交存票款时，"
        "对尚未支付的汇票金额，按照每日万分之五计收利息的规定，合法有效。",
        # a benchmark, not the contract
        "另查明，中国人民银行2015年6月8日至今的半年期贷款利率为年利率5.1％。",
        "另查明，2013年3月27日，中国人民银行公布的一年期的贷款基准利率为年利率6%，该利率上浮25%后为年利率7.5%，年利率7.5%上浮50%为年利率11.25%。",
        # platform ranges, caps, examples, glossaries
        "借款利率 6% — 24%（取决于借贷双方以及借款人信用等级）",
        "A：E贷通目前的借款利率上限是24.4%，（其中利率上限参照一年期人民银行贷款基准利率，上限不高于人民银行贷款基准利率4倍）。",
        "指把当前收益率（日收益率、周收益率、月收益率）换算成年从而得出的收益率。如果一个借款人标明的年化收益率是13.2%，而其仅借款6个月，则到期年化收益率为6.6%。",
        # the PBOC 30-50% rule, several rates with different standing
        "2004年1月1日至2011年11月28日的逾期贷款利率，中国人民银行规定按借款合同载明的贷款利率水平加上30%至50%计付，共计95个月，利息合计137685.95元。",
        # a rate without its period, and a relative rate without its base
        "宣城市信达融资担保有限公司诉称：2008年8月28日，陈永颖向原宣城市宣州区农村信用合作社联社借款15万元，借款期限12个月，利率8.1%。",
        "逾期罚息利率在原借款利率基础上加收50%确定；",
        "月息为银行同期利率的四倍，如不能足额归还借款，本人愿意承担由此引起的一切法律责任及为此所产生的相关费用。",
        # several loans
        "约定向工行宁海支行借款4000000元、7000000元、2500000元，借款年利率分别为6.372%、6.372%、6.116%。",
        # tiers
        "逾期天数\n1—30天\n31天及以上\n罚息利率\n0.05%\n0.1%",
        # a cap, not the rate
        "双方约定的年化利率不超过24%。",
        "借款利率在年利率24%以内由双方协商确定。",
        # a spread over a benchmark the text does not give
        "借款利率按全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）加100个基点执行。",
        # a court holding on the cap
        "因宣城市信达融资担保有限公司与陈永颖、张玉美约定的经济损失1‰元／日超过中国人民银行同期同类贷款利率的四倍，对超过部分不予支持。",
    ],
)
def test_decoys_give_no_rate(text):
    t = terms(text)
    assert annual(t.interest_rate) is None
    assert annual(t.overdue_rate) is None
    assert sum(f.annual or 0 for f in t.fees) == 0


# ---------------------------------------------------------------------------------------- penalty


@pytest.mark.parametrize(
    ("text", "form", "value"),
    [
        (
            "5.1乙方应严格履行约定的业务手续费支付以及本金还款义务，乙方逾期支付或还款超过规定日期3天的，应从逾期之日起按照逾期金额向甲方支付每日万分之五的违约金。即：\n违约金总额 = 逾期金额×0.05%×逾期天数；",
            "daily_rate",
            "0.0005",
        ),
        (
            "贰：应支付提前还本违约金。提前还本违约金计算方法为：违约金=提前还贷金额×违约金率，违约金率为1‰ 。",
            "rate_of_principal",
            "0.001",
        ),
        (
            "1）乙方提前清偿全部剩余借款时，应向甲方支付当期应还本息，剩余本金及提前还款补偿（补偿金额为剩余本金的1%）。",
            "rate_of_principal",
            "0.01",
        ),
        (
            "1、甲方未按约定还款的，按照当月应还本息的 10%计算计收逾期违约金，不低于100元，每月单独计算。",
            "rate_of_overdue_amount",
            "0.1",
        ),
        ("如不能按期足额归还借款，借款人应向出借人支付违约金人民币60000元。", "fixed_amount", "60000"),
        (
            "自2014年4月19日起至2014年7月18日止，如没有按时还款，借款人自愿交纳违约金壹万元，另加利息每月2％计算等”。",
            "fixed_amount",
            "10000",
        ),
        (
            "如逾期未还，本人承诺每月支付借款金额千分之五的违约金给王某1先生，直至本借款结清为止。",
            "other",
            "0.06",
        ),
        ("逾期归还，被告愿意每天承担500元违约金。", "other", None),
        (
            "故诉至法院，要求被告偿还借款5000元并给付违约金（自2017年3月12日起按每日100元计算至判决给付之日），由被告承担诉讼费。",
            "daily_rate",
            "0.02",
        ),
        (
            "如到期未能还清，我自愿每天向杨某1先生缴纳￥50000的百分之一即金额伍佰元正小写金额￥500作为违约赔偿金。",
            "daily_rate",
            "0.01",
        ),
        (
            "3.乙方可以提前还款，若乙方于当期付息日前15天（包括15天）内还款的，由其向甲方支付半个月的利\n息作为违约金；"
            "若乙方于当期付息日前15天以外还款的，由其向甲方支付一个月的利息作为违约金。",
            "other",
            None,
        ),
        (
            "特起诉至法院，请求判令：1、被告立即归还借款50000元，并从2010年7月15日起至还清款项之日止按年36％的利率计算逾期违约金，"
            "暂计至2016年4月14日止违约金为105000元，合共155000元；2、本案诉讼费用由被告承担。",
            "other",
            "0.36",
        ),
        (
            "1、 若乙方要求全额提前还款，乙方应向甲方支付的提前还款服务费 = 借款剩余本金×3%。",
            "rate_of_principal",
            "0.03",
        ),
    ],
)
def test_penalty(text, form, value):
    p = terms(text).penalty
    assert p is not None
    assert p.form == form
    assert p.value == (None if value is None else D(value))


@pytest.mark.parametrize(
    "text",
    [
        "三、关于缩短借款期限违约金的约定为：贷款人对借款人缩短借款期限不收取违约金。",
        "抵押担保的范围包括各主合同项下债权本金及利息、复利、罚息、违约金、损害赔偿金和实现债权及抵押权的费用，并办理了抵押登记手续。",
        "该借条载明：今借到焦某1现金60000（陆万元正），2014年5月5日到期归还，如到期没还，邓某1将付违约金20％给予焦某1。",
        "1、 若乙方申请提前全部还款，乙方需向甲方支付提前还款违约金：\n提前还款违约金 = 借款剩余本金× %。",
    ],
)
def test_no_penalty(text):
    assert terms(text).penalty is None


# ------------------------------------------------------------------------------------------- fees


@pytest.mark.parametrize(
    ("text", "fee_annual"),
    [
        (
            "2、对于丙方向乙方提供的一系列信用服务，乙方同意在借款成功时向丙方支付本次借款本金的3%(人民币)作为居间服务费，"
            "此笔费用乙方委托丙方在借款成功时从借款本金中扣除缴纳。在还款期间，乙方每月向丙方支付借款本金的0.5%，作为借款管理费用，"
            "共需支付12期，借款管理费的缴纳时间与乙方向甲方支付本息的还款日一致。",
            "0.09",
        ),
        ("人人贷将按照借款人的借款期限，每月向借款人收取其借款本金的0.3%作为借款管理费。", "0.036"),
        ("2、丁方有权就所提供的服务向乙方收取手续费：手续费每月收取，按剩余借款金额的0.2%/月计算", "0.024"),
        (
            "一、借款合同：2016年8月5日，被告黄冬梅与中国农业银行股份有限公司萧山分行签订借款合同一份，约定：借款金额为186500元，"
            "被告黄冬梅使用卡号为62×××的贷记卡分36期偿还，分期手续费15852.50元。",
            "0.02833333",
        ),
        (
            "4、甲方就接受武汉聚宝袋网络科技有限公司所提供之服务应当向武汉聚宝袋网络科技有限公司支付咨询服务费及商品垫资费用，"
            "咨询服务费金额为：借款总金额*18%*借款总天数${approveTerm}天/365，总计人民币${interest}元整；"
            "商品垫资费用：购买商品总价*垫资天数${approveTerm}天*36%/365，总计人民币${advanceFee}元",
            "0.18",
        ),
        (
            "宣城市信达融资担保有限公司、陈永颖、张玉美约定，如陈永颖、张玉美未按约还款，由宣城市信达融资担保有限公司代为垫付，"
            "垫付期间宣城市信达融资担保有限公司按照垫付金额×每日1‰×天数或者单笔不低于15元／天计算收费。",
            "0.365",
        ),
        (
            "事实与理由：被告李某1因买车需要，于2014年8月2日向原告出具借条借款20000元，双方约定借款期限为1年，借款利息为月利率2％和中介劳务费月利率2％，每月30日还息。",
            "0.24",
        ),
    ],
)
def test_fees(text, fee_annual):
    t = terms(text)
    assert sum((f.annual for f in t.fees if f.annual is not None), D(0)) == D(fee_annual)


@pytest.mark.parametrize(
    "text",
    [
        "普通会员提现时按照额度，每笔收取提现金额的千分之三（0.3%），上不封顶。",
        "7.3对于丁方向乙方提供的居间服务，乙方同意在出借本协议约定的借款资金后按照应收利息总金额的 10 %并按照借款期限的时间采用分期支付向丁方支付居间服务费。",
        "贷款手续费为52567.2元，余款和手续费均分为36期（按月）等额偿还。",
        "根据当事人陈述和经审查确认的证据，本院认定事实如下：被告李某1因买车需要，于2014年8月2日向原告出具借条借款20000元，双方约定借款期限为1年，"
        "每月30日还息，借款月利率4％（月利率2％和中介劳务费月利率2％）；该笔借款由被告罗某1提供担保。",
    ],
)
def test_fees_that_are_not_the_borrowers_cost(text):
    assert all(f.annual is None for f in terms(text).fees)


# -------------------------------------------------------------------------------------- principal


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "经审理查明：1995年9月26日，恩平市金沙煤矿与恩平市沙湖信用合作社签订合同，向恩平市沙湖信用合作社贷款1，560，000.00元用于购买材料，利率按月息16.08‰计算。",
            "1560000",
        ),
        (
            "本院认定如下：被告于2014年2月24日出具借条的主要内容为，今借张某150，000元，月息2％，1，000元，期限半年，以此条为证，朱某1。",
            "50000",
        ),
        ("原告国有资产公司向本院提出诉讼请求：1.依法判令被告偿还借款本金15万元（壹拾伍万元整）。", "150000"),
        (
            "经审理查明，被告分别于2013年4月12日、2013年4月21日、2013年9月18日向原告借款20000元、50000元、30000元，共计100000元，双方约定月利率3分。",
            "100000",
        ),
        ("合同签订当天，原告郑某1预先扣除4000.00元利息后，向被告罗某1账户转入96000.00元。", "96000"),
        (
            "2000年3月21日至2003年12月31日的逾期贷款利率，中国人民银行规定按每日万分之二点一计付，共1380天，利息为54005.94元（155300元×0.21‰×1380天）；",
            "155300",
        ),
        (
            "2012年1月9日，何强按约定向工行星沙支行支付了分期付款手续费60000元、向汽车销售商支付了首付车款238000元，工行星沙支行按约定向汽车销售商拨付了剩余的车款500000元。",
            "500000",
        ),
        (
            "2016年8月3日，被告刘某1向原告出具《借据》一份，载明：“借款人刘某1于2014年7月16日向出借人吴某1借款人民币（大写）共计贰拾万元，小写200000.00元，（其中银行转账144000元，收到现金56000元），约定每月利息2分。",
            "200000",
        ),
    ],
)
def test_principal(text, amount):
    p = terms(text).principal
    assert p is not None and p.amount == D(amount) and p.currency == "CNY"


@pytest.mark.parametrize(
    "text",
    [
        "2.依法判令被告支付拖欠至2016年6月20日利息209595.49元（贰拾万零玖仟伍佰玖拾伍元肆角玖分）。",
        "被保证的主债权最高额度为等值人民币壹仟万元整。",
        "1998年4月23日，农行营业部与舒美鞋业公司签订银行承兑合同，约定承付期限为1998年4月24日到1998年10月24日，金额为叁佰万元。",
        "经审理查明：1999年6月10日、7月21日，被告南方摩托车配件厂分别向金兴信用社本部借款500000元、200000元，月利率均为6.33‰。",
        "借款利息回报每月2％即肆万元正，每月18日支付。",
        "1、借款金额：乙方因资金周转需要，现向甲方借款人民币￥ ${item.loanMoney} 元（ 大写：\n${item.loanMoneyUpper} ）。",
        "A：例：借款3000元，15%利率，借款期限3个月，每月还本息1025.1元。",
    ],
)
def test_no_principal(text):
    p = terms(text).principal
    assert p is None or p.currency != "CNY"


def test_usd_principal_keeps_its_currency():
    p = terms("工行佛山分行已于1996年8月21日向被告纺织公司发放100万美元贷款，年利率为14%").principal
    assert p is not None and (p.amount, p.currency) == (D(1000000), "USD")


# ----------------------------------------------------------------------------------- other labels


def test_other_labels():
    text = (
        "贷款人（甲方）:德清德华小额贷款有限公司\n"
        "借款人（乙方）:张三\n"
        "还款方式：按月等额还本。\n"
        "借款期限12个月，还款日为每月20日。\n"
        "本合同于2016年3月1日签订。\n"
        "本协议的签订、履行、终止、解释均适用中华人民共和国法律，并由丙方所在地的人民法院管辖。"
    )
    ents, t = extract_terms(text, [])
    labels = {e.label for e in ents}
    assert {
        "LENDER",
        "BORROWER",
        "REPAY_METHOD",
        "TERM",
        "REPAY_DATE",
        "CONTRACT_DATE",
        "JURISDICTION",
    } <= labels
    assert t.lender == "德清德华小额贷款有限公司"
    assert t.borrower == "张三"
    assert t.repayment_method == "equal_principal"
    assert t.term is not None and t.term.months == 12
    assert t.repayment_day == 20
    assert t.contract_date == date(2016, 3, 1)
    assert t.jurisdiction == "丙方所在地的人民法院"


def test_placeholders_give_nothing():
    text = "2 、借款期限： ${item.borrowMonth} ，自 ${item.dateTime} 起至 ${item.monthBack} 止。\n4、还款方式：${item.bonaType}；"
    ents, t = extract_terms(text, [])
    assert ents == []
    assert t.term is None and t.repayment_method is None


# ------------------------------------------------------------------------------------ the contract


def test_entities_are_spans_of_the_text():
    text = (
        "经审理查明，被告李鸿泽与国家开发银行股份有限公司签订借款合同，双方约定国家开发银行向李鸿泽发放贷款50000元，年利率9.56%，"
        "期限12个月（自2011年11月16日至2012年11月15日止），逾期借款罚息利率为借款利率的150%。"
    )
    ents = find_entities(text)
    assert ents and all(text[e.start : e.end] == e.text and e.source == "rule" for e in ents)
    by_label = {e.label: e.text for e in ents}
    assert by_label["PRINCIPAL"] == "50000元"
    assert by_label["INTEREST_RATE"] == "年利率9.56%"
    assert "150%" in by_label["OVERDUE_RATE"]
    shifted = find_entities(text, clause_id="c7", offset=100)
    assert [(e.start - 100, e.end - 100) for e in shifted] == [(e.start, e.end) for e in ents]
    assert {e.clause_id for e in shifted} == {"c7"}
    t = terms(text)
    assert (t.interest_rate.annual, t.overdue_rate.annual, t.principal.amount) == (
        D("0.0956"),
        D("0.1434"),
        D(50000),
    )
    assert t.overdue_rate.text.endswith("150%")
    assert t.start_date == date(2011, 11, 16) and t.end_date == date(2012, 11, 15)


def _clause(cid, start, end, level, parent=None):
    return Clause(
        id=cid, level=level, style="article", start=start, end=end, body_start=start, parent_id=parent
    )


def test_clause_pieces_read_each_character_once():
    clauses = [_clause("a", 0, 10, 1), _clause("b", 3, 6, 2, "a"), _clause("c", 10, 20, 1)]
    assert clause_pieces("x" * 25, clauses) == [
        ("a", 0, 3),
        ("b", 3, 6),
        ("a", 6, 10),
        ("c", 10, 20),
        (None, 20, 25),
    ]
    assert clause_pieces("abc", []) == [(None, 0, 3)]


def test_relative_overdue_rate_resolved_across_clauses():
    text = "第一条 借款年利率为6%。\n第二条 逾期罚息按借款利率上浮50%计收。"
    clauses = [_clause("c1", 0, 14, 2), _clause("c2", 14, len(text), 2)]
    ents, t = extract_terms(text, clauses)
    assert {e.clause_id for e in ents} == {"c1", "c2"}
    assert t.interest_rate.annual == D("0.06")
    assert t.overdue_rate.annual == D("0.09")
    assert t.overdue_rate.relative_to == "interest_rate" and t.overdue_rate.multiplier == D("1.5")


def test_pipeline_fills_entities_and_terms():
    report = loanclause.analyze_text(
        "借款金额：人民币壹拾万元整（¥100,000.00），月利率1.5%。", fragment=True, contract_date="2023-05-01"
    )
    assert report.entities
    assert report.terms.principal.amount == D(100000)
    assert report.terms.interest_rate.annual == D("0.18")
    assert report.terms.contract_date == date(2023, 5, 1)


def test_blank_party_line_is_no_name() -> None:
    """A form with the borrower left blank: the next line's label (身份证号) is not the borrower's name."""
    import loanclause

    r = loanclause.analyze_text("借款合同\n甲方（借款人）：\n身份证号：\n乙方（出借人）：张三\n", ner=False)
    assert r.terms.borrower is None and r.terms.lender == "张三"
    r = loanclause.analyze_text("借款合同\n借款人：身份证号：110101199003077777\n出借人：李四\n", ner=False)
    assert r.terms.borrower is None and r.terms.lender == "李四"


def test_party_lines_of_p2p_forms() -> None:
    """Platforms write the parties as 投资人 / 融资方, with the name after a 姓名 field, or on the line under an
    empty role line."""
    import loanclause

    r = loanclause.analyze_text("借款协议\n出借人姓名：吕二\n出借人身份证号：320106198512194027\n", ner=False)
    assert r.terms.lender == "吕二"
    r = loanclause.analyze_text(
        "出借与借款协议\n甲方（投资人）：韩七\n乙方（融资方）：\n姓名/企业名称：郑十\n身份证/企业营业执照：310115\n",
        ner=False,
    )
    assert r.terms.lender == "韩七" and r.terms.borrower == "郑十"
    # an empty role line whose next line is another field still names no one
    r = loanclause.analyze_text("借款合同\n借款人：\n身份证号：110101199003077777\n", ner=False)
    assert r.terms.borrower is None
