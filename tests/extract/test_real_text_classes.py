"""Value classes that real text uses (issue 10, item 4), one table row each: the value, or null where the text
gives no figure."""

from decimal import Decimal

import pytest

import loanclause

D = Decimal

CASES = [
    # (text, field, expected)
    ("借款本金100000元，年利率12﹪。", "interest", D("0.12")),  # U+FE6A small percent sign
    ("借款金额壹拾萬元整，年利率12%。", "principal", D("100000")),  # Traditional 萬
    ("借款本金为人民币貳佰萬元", "principal", D("2000000")),  # 貳 萬
    ("借款金额新臺幣貳拾萬圓整。", "principal", D("200000")),  # 圓, TWD
    ("贷款年利率为4.35%，罚息浮动系数30%。", "overdue", D("0.05655")),  # 4.35% × 1.3
    ("借款年利率为6%，逾期利率为合同利率的1.5倍。", "overdue", D("0.09")),
    ("借款年利率为6%，逾期罚息利率在借款利率基础上上浮50%。", "overdue", D("0.09")),
    ("借款本金10万元，借款人每逾期一日应支付违约金100元。", "penalty_daily", D("0.001")),  # 100 / 100000
    ("借款本金10万元，每月利息2000元。", "interest", D("0.24")),  # 2000 / 100000 × 12
    ("原告诉称，被告向原告借款人民币50000元，约定月利率2%，并支付利息合计6000元。", "principal", D("50000")),
    ("授信额度为人民币50万元，本次借款金额为人民币10万元，年利率10%。", "principal", D("100000")),
    ("借款利率为一年期LPR加3个百分点。", "interest", None),  # no figure for the LPR: null, never a number
    ("逾期利息按银行同期贷款利率的四倍计算。", "overdue", None),
    # a platform's template with its blanks filled in: the figures stay bracketed or underlined
    ("借款金额：人民币【50000】元", "principal", D("50000")),
    ("借款年利率为【12】%。", "interest", D("0.12")),
    ("借款年利率为___12___%。", "interest", D("0.12")),
    ("逾期罚息为每日万分之【5】。", "overdue", D("0.1825")),
    ("乙方还需支付未支付金额的【0.65】%/日作为迟延履行金。", "penalty_daily", D("0.0065")),
    # the charge a compound noun names: 违约金费率 is a 违约金's rate, not a fee
    ("违约金：违约金费率为0.075%／日，按照实际逾期天数计收。", "penalty_daily", D("0.00075")),
    ("借款人逾期的，按每日【0.066】%的逾期手续费率计收逾期手续费。", "fee", D("0.2409")),
    ("甲方有权收取以借款本金为基数计算的每日0.2%的费用作为甲方垫付金使用费。", "fee", D("0.73")),
    ("借款年利率为____%。", "interest", None),  # a blank left empty
    # how IOUs and case notes write a rate: percentage points, yuan per sum lent per period
    ("双方约定年息18个点。", "interest", D("0.18")),
    ("借款利息为每月1.5个点。", "interest", D("0.18")),
    ("约定按每万元每天5元计息。", "interest", D("0.1825")),
    ("借款10万元，利息为每百元每月2元。", "interest", D("0.24")),
    ("逾期后按每万元每日10元支付罚息。", "overdue", D("0.365")),
    ("被告称借款的利息是1万元每天300元。", "interest", D("10.95")),
    ("借款11万元，每月利息1100元。", "interest", D("0.12")),  # 11万元 is the sum lent, not "per 10,000"
    ("今借到现金5万元，每月前付息壹仟元。", "interest", D("0.24")),  # 付息 with a sum: 1000 / 50000 × 12
    ("借款5万元，按月付息，每月15日前还款。", "interest", None),  # 付息 with no sum: a repayment method
    # the period noun after the figure (按2％的月息)
    ("借款10万元，并按照2％的月息支付至借款还清之日止。", "interest", D("0.24")),
    ("借款10万元，按3%的年利率计算利息。", "interest", D("0.03")),
    # several loans of one size with no total named as the loan: no one amount is the principal
    ("被告先后于2013年7月28日、8月30日向原告借款各30000元，均约定按月利率2％计算利息。", "principal", None),
    ("借款各方应遵守本合同。借款金额为10000元。", "principal", D("10000")),  # 借款各方: the parties
    # sums that are not the loan: what was repaid (仅偿还本金…), what a guarantor paid for the borrower (代偿)
    ("借款期间，被告仅偿还本金6966.17元。", "principal", None),
    ("被告向原告借款5万元，仅偿还本金1万元。", "principal", D("50000")),
    ("原告担保公司代偿银行贷款本金15万元后向被告追偿。", "principal", None),
    ("被告应于判决生效后十日内偿还原告代为支付的贷款本金共计54554元。", "principal", None),
    # a 共计 / 合计 after interest was named takes the interest in: it is no amount lent, wherever it recurs
    (
        "要求判令：1、被告立即偿还原告借款人民币300000元及利息100000，共计400000元；2、诉讼费用由被告承担。",
        "principal",
        D("300000"),
    ),
    (
        "被告应归还欠款本金1309000元，支付利息并赔偿利息损失合计186718.79元，原告主张的金额低于186718.79元。",
        "principal",
        D("1309000"),
    ),
    (
        "尚欠借款本金100000元及利息14000元（从2016年1月25日起至8月25日止，100000元×2％×7个月），共计114000元。",
        "principal",
        D("100000"),
    ),
    (
        "被告先后借款10万元、25万元，共计35万元。",
        "principal",
        D("350000"),
    ),  # a total of loans is still the loan
    # several loans told one by one and the claim or 合计借款 that adds them up (two loans of one size count twice)
    (
        "请求判令归还借款60000元。被告分别于2013年7月28日、8月30日向原告借款30000元、30000元。",
        "principal",
        D("60000"),
    ),
    (
        "请求判令归还借款200000元。被告向原告借款100000元整，后又向原告借款100000元整，合计借款200000元。",
        "principal",
        D("200000"),
    ),
    # a currency note of any length between 人民币 and the figure; 共同偿还 (jointly) is no repayment made
    (
        "要求被告归还借款人民币（以下所涉币种均为人民币）10万元，并以此为基数支付利息。",
        "principal",
        D("100000"),
    ),
    ("被告张某、王某共同偿还原告银行贷款本金5万元。", "principal", D("50000")),
    # two sums of two groups of loans: no one amount is the loan
    (
        "被告分别借款6万元、5万元、6万元，以上三次借款合计17万元；又分别借款14万元、4万元、3万元，以上三次借款合计21万元。",
        "principal",
        None,
    ),
    # the same loan in words and figures (贰万元整（￥20000元整）) does not add up to another amount
    (
        "被告向原告借款2万元，借条载明：今借到人民币贰万元整（￥20000元整）。被告再次向原告借款1万元，借条载明壹万元整（10000.00元）。",
        "principal",
        None,
    ),
    # several loans at several rates, each rate on its own sum: no one rate is the loan's
    (
        "被告偿付借款本金13000元及利息（6000元借款利息自2007年7月11日起按照月息9.3‰计算，7000元借款利息自2007年11月3日起按照月息9‰计算）。",
        "interest",
        None,
    ),
    (
        "其中100万元于1995年7月13日出借，借款月利率为12.06‰，70万元于1996年4月22日出借，借款月利率为10.08‰。",
        "interest",
        None,
    ),
    # one sum, an agreed rate and a claimed one: the agreed rate still wins
    (
        "被告向原告借款50000元，约定月利率3%。原告请求判令被告偿还借款50000元及利息（按年利率24%计算）。",
        "interest",
        D("0.36"),
    ),
    # judgments: 万分五 without 之, a raise joined to its base across 计算并
    ("自2019年1月1日起至判决确定的给付之日止，逾期利息按日万分五计算。", "overdue", D("0.1825")),
    ("自逾期之日起按月利率6‰计算并加付40%罚息。", "overdue", D("0.1008")),
]


def _value(terms, field):
    if field == "interest":
        return terms.interest_rate.annual if terms.interest_rate else None
    if field == "overdue":
        return terms.overdue_rate.annual if terms.overdue_rate else None
    if field == "principal":
        return terms.principal.amount if terms.principal else None
    if field == "fee":
        return terms.fees[0].annual if terms.fees else None
    if field == "penalty_daily":
        return terms.penalty.value if terms.penalty and terms.penalty.form == "daily_rate" else None
    raise AssertionError(field)


@pytest.mark.parametrize(("text", "field", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_value(text, field, expected):
    terms = loanclause.analyze_text(text, ner=False, fragment=True).terms
    assert _value(terms, field) == expected


# Classes of the real (judgment and IOU) text, each with invented sentences: the amount lent among the other
# amounts a sentence names, the agreed rate among claimed ones, interest charged after default, 分 rates before 支付.
ROLE_CASES = [
    # repayments are not the principal
    (
        "借款本金为300000元，2015年3月1日归还本金2000元，2015年9月1日归还本金6000元。",
        "principal",
        D("300000"),
    ),
    ("被告共归还本金8000元，利息1000元。", "principal", None),
    ("被告向原告借款60000元，后被告归还借款20000元，余下40000元未还。", "principal", D("60000")),
    # a claim for the balance: the amount lent wins; a balance not called 本金 alone is no principal
    (
        "请求判令被告偿还借款40000元。事实和理由：被告于2016年5月1日向原告借款52000元。",
        "principal",
        D("52000"),
    ),
    ("判令被告偿还原告欠款15000元及利息。", "principal", None),
    # guarantee ceilings and credit lines
    ("被告丙在800000元范围内对上述债务承担连带清偿责任。", "principal", None),
    ("保证人为债务人提供最高债权本金限额为500万元的连带责任保证。", "principal", None),
    # assigned claims, totals with interest, monthly interest sums
    ("截至2016年1月1日，本案所涉债权转让本金为900000元、利息为50000元。", "principal", None),
    (
        "被告出具借据载明借到40000元，该借据中的40000元包括借款本金30000元、利息10000元。",
        "principal",
        D("30000"),
    ),
    ("被告向原告借款200000元，被告每月按5000元向原告支付利息。", "principal", D("200000")),
    # the total of several loans: the amount that is the sum of the others
    ("被告先向原告借款3万元，又借款5万元，双方结算确认被告共欠原告本金8万元。", "principal", D("80000")),
    # several loans and no total of them: no one of them is the loan (docs/annotation.md)
    ("被告于2013年4月16日向原告借款1万元，又于2013年4月18日向原告借款2万元，均未归还。", "principal", None),
    ("被告分别向原告借款470000元和130000元，约定月利率3%。", "principal", None),
    # …but 先后借款 before one amount states the total
    ("2014年3月11日至同年5月5日，王某1先后向纵某1借款105000元，并出具借条。", "principal", D("105000")),
    # the amount actually delivered (interest deducted in advance is not lent)
    ("双方约定借款100000元，原告预先扣除利息5000元，实际给被告借款95000元。", "principal", D("95000")),
    # a transfer that delivered the loan does not compete with the amount lent
    ("被告向原告借款80000元，原告通过银行转账50000元、现金30000元交付被告。", "principal", D("80000")),
    # 借款人民币（以下币种同）X元 and X元借款本金
    ("被告向原告借款人民币（以下币种同）70，000元。", "principal", D("70000")),
    ("判令被告偿还1200万元借款本金及利息。", "principal", D("12000000")),
    # the agreed rate over the rate claimed (often cut to a cap)
    ("判令被告按月利率2%支付利息。事实与理由：被告向原告借款10000元，约定月息3分。", "interest", D("0.36")),
    # an agreed monthly interest sum on a known principal over the claimed rate
    ("请求按年利率24%支付利息。被告向原告借款50000元，借条写明每月利息1500元。", "interest", D("0.36")),
    # 分 before 支付 is a rate (分支 alone is a branch, not a rate)
    ("被告向原告借款100000元，并按月息2分支付利息。", "interest", D("0.24")),
    # interest a court orders after the sum accrued to a date: the overdue rate
    (
        "被告支付利息5000元（计至2016年5月1日，之后的利息按年利率9%计算至判决确定的履行之日止）。",
        "overdue",
        D("0.09"),
    ),
    (
        "借款10000元于2016年1月15日还清，如到期不能付清则从2016年1月16日起按月利率2%计算利息。",
        "overdue",
        D("0.24"),
    ),
    # no figure: null, never a number
    ("利息按中国人民银行同期同类贷款利率计算至实际还款之日。", "overdue", None),
]


@pytest.mark.parametrize(("text", "field", "expected"), ROLE_CASES, ids=[c[0][:18] for c in ROLE_CASES])
def test_real_text_class(text, field, expected):
    terms = loanclause.analyze_text(text, ner=False, fragment=True).terms
    assert _value(terms, field) == expected


def test_branch_is_no_rate():
    from loanclause.values.rates import scan_rates

    assert scan_rates("中国银行某某2分支行") == []
    assert [r.annual for r in scan_rates("月息2分支付利息")] == [D("0.24")]


def test_subset_sum_picks_total_of_parts():
    from loanclause.extract.terms import _subset_sum

    assert _subset_sum(D(8), [D(3), D(5), D(12)])
    assert not _subset_sum(D(8), [D(3), D(4)])
    assert not _subset_sum(D(8), [D(8)])  # one part alone is no sum


def test_fee_table_row_keeps_its_own_name():
    """A fee table whose cells arrive joined by spaces: each rate goes with the fee named in its own row."""
    text = "费用名称 费率 收取方式 平台服务费 0.5%/月 按月收取 账户管理费 0.3%/月 按月收取"
    fees = loanclause.analyze_text(text, ner=False, fragment=True).terms.fees
    assert {f.name: f.annual for f in fees} == {"平台服务费": D("0.06"), "账户管理费": D("0.036")}


FORM_CASES = [
    # a form or a table the PDF gives row by row: the label on one line, its value on the next
    ("借款金额\n人民币100,005.00元\n借款期限\n3个月\n年化利率\n7.2%\n", "interest", D("0.072")),
    ("罚息利率\n日利率0.05%\n", "overdue", D("0.1825")),
    ("逾期罚息\n0.05%/日", "overdue", D("0.1825")),
    ("违约金\n每日0.05%", "penalty_daily", D("0.0005")),
    ("平台服务费\n0.5%/月", "fee", D("0.06")),
    # a clause heading titles the clause; it does not label the figure under it
    ("第五条 违约金\n借款年利率为12%。", "interest", D("0.12")),
    ("第五条 违约金\n借款年利率为12%。", "penalty_daily", None),
]


@pytest.mark.parametrize(("text", "field", "expected"), FORM_CASES, ids=[c[0][:12] for c in FORM_CASES])
def test_form_rows(text, field, expected):
    terms = loanclause.analyze_text(text, ner=False, fragment=True).terms
    assert _value(terms, field) == expected
