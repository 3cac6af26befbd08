"""Words the rule baseline reads context by.  Kept in one place so that a lawyer can check them.

Each charge noun says what a figure near it is: 罚息 → overdue rate, 违约金 → penalty, 服务费 → fee, 利率 →
interest (or overdue interest when the sentence is about default).  Decoy nouns say the figure is not a term of
this loan at all (a cash margin, an investor's yield, a platform cap, a benchmark, statutory interest for late
performance of a judgment).
"""

from __future__ import annotations

import re

#: (category, alternatives) — longer words first where one contains another
CHARGE_NOUNS: list[tuple[str, str]] = [
    (
        "prepay",
        r"提前还款服务费|提前还款手续费|提前还本手续费|提前还款费用?|提前还款补偿金?|提前还本违约金|提前还款违约金",
    ),
    (
        "penalty",
        r"违约赔偿金|违约金费率|违约金率|违约金|滞纳金费率|滞纳金率|迟延履行违约金|迟延履行金|延迟履行金|滞纳金|补偿金|赔偿金|补偿金额",
    ),
    (
        "overdue",
        r"逾期罚息利率|逾期罚息|罚息费率|罚息利率|罚息率|罚息|逾期利息|逾期利率|逾期贷款利率|逾期借款利率|透支利息|透支利率|罚收利息",
    ),
    ("overdue_weak", r"复利"),
    (
        "fee",
        r"服务费|管理费|使用费|手续费|咨询费|担保费|风险金|风险基金|风险准备金|垫资费|劳务费|催收费|保险费|审核费|评估费|收费|费率",
    ),
    (
        "decoy",
        r"保证金|收益率|收益|利率上限|利率下限|上限|下限|基准[年月日]?利率|报价利率|迟延履行|提现|充值|LPR",
    ),
    ("interest", r"利率|利息|月息|年息|日息|年利|月利|日利|计息|(?<![结付还本])息"),
]
SPECIFIC = {"prepay", "penalty", "overdue", "overdue_weak", "fee", "decoy"}

NOUN_RE = re.compile("|".join(f"(?P<{cat}>{alts})" for cat, alts in CHARGE_NOUNS))

#: the sentence is about default: interest named here is overdue interest
DEFAULT_RE = re.compile(
    r"逾期|到期不还|到期未还|到期后未|到期如不能|到期未能|未按期|不按期|未按时|没有按时|未能按期|未能按时|未按约定|"
    r"违约期间|违约行为|出现违约|违约后|违约之日|延迟支付|拖欠期间|超期|如不能按期|垫款|实际履行|实际清偿|"
    r"判决确定的(?:给付|履行)"
)

#: the rate is of an amount of money, not the size of a rate (for penalties and fees)
PRINCIPAL_BASE_RE = re.compile(
    r"借款本金|本金|借款金额|借款总额|借款总金额|借款数额|合同金额|出资额|剩余借款|借款剩余|借款全部|提前还贷金额|"
    r"提前还款金额|提前还本金额|贷款金额|借款额"
)
OVERDUE_BASE_RE = re.compile(
    r"逾期金额|逾期本息|逾期款项|逾期本金|逾期总额|应还本息|应还未还|未还本息|未偿还|尚未履行|最低还款额|当期应还|当月应还|"
    r"欠款|未付|垫款金额|垫付金额"
)
#: a fee charged on these is not a cost of the loan (goods advanced, an investor's withdrawal, interest received)
FOREIGN_BASE_RE = re.compile(r"商品总价|购买商品|提现金额|充值金额|应收利息|利息总金额|收益")

#: words that make an amount the loan principal
PRINCIPAL_KEYWORDS_RE = re.compile(
    r"借款本金|贷款本金|借款金额|贷款金额|借款额度|本金|今借到?|借到|借给|借取|借了|借款(?!人|合同|协议)|贷款(?!人)|"
    r"今贷到?|贷到|出借|所借|借(?![据条款])|发放|拨付|放款|转入|转账|转取|交付|实际给"
)
#: words that make an amount anything but the principal
NOT_PRINCIPAL_RE = re.compile(
    r"利息|息|罚息|违约金|滞纳金|手续费|服务费|管理费|咨询费|费|汇票|票面|承兑|保证金|最高额|最高额度|首付|代偿|本息|"
    r"计息本金|收益|工资|赔偿|损失|扣除|余额|标的|归还|偿还|包括|其中"
)
#: the words that state a sum as a total (共计, 合计 …), here and in ``role_words.CHARGE_TOTAL_RE``
TOTAL_WORDS = r"(?:共计|合计|总计|共)"
TOTAL_RE = re.compile(TOTAL_WORDS + r"\s*(?:借款|借到|借)?\s*(?:本金)?\s*(?:人民币)?\s*$")

#: sentences that quote a rule, state a benchmark, or give an example: no term of this loan in them
STATUTE_CITE_RE = re.compile(r"《[^》]{2,40}》\s*第[^,，。;；]{1,10}条")
BENCHMARK_SUBJECT_RE = re.compile(
    r"(?:人民银行|央行|国家).{0,25}(?:基准利率|贷款利率|报价利率)|贷款市场报价利率|LPR"
)
CONTRACT_WORDS_RE = re.compile(r"约定|合同|借条|借据|协议|计收|罚息|执行|逾期|载明|欠条")
EXAMPLE_RE = re.compile(r"例[:：]|例如|举例|比如|假设|如果一个")
LIST_RE = re.compile(r"分别")

#: 分期 instalments: "分36期", "共需支付12期" — read as monthly instalments
INSTALMENTS_RE = re.compile(r"(?:分|共需支付|共|计)\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*期")

PLACEHOLDER_RE = re.compile(r"\$\{[^}]*\}|此栏空白|_{2,}|\[\s*\]")
