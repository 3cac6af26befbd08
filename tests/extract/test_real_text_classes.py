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
]


def _value(terms, field):
    if field == "interest":
        return terms.interest_rate.annual if terms.interest_rate else None
    if field == "overdue":
        return terms.overdue_rate.annual if terms.overdue_rate else None
    if field == "principal":
        return terms.principal.amount if terms.principal else None
    if field == "penalty_daily":
        return terms.penalty.value if terms.penalty and terms.penalty.form == "daily_rate" else None
    raise AssertionError(field)


@pytest.mark.parametrize(("text", "field", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_value(text, field, expected):
    terms = loanclause.analyze_text(text, ner=False, fragment=True).terms
    assert _value(terms, field) == expected
