"""A rate stated only against a benchmark the text gives no figure for is null, with the reason — never a number.
(Issue 10: LPR-linked rates, 银行同期贷款利率的四倍, 上浮 on a loan rate that has no figure.)"""

from __future__ import annotations

from decimal import Decimal

import pytest

import loanclause

HEAD = "借款合同\n出借人：张三\n借款人：李四\n借款金额10万元，借款期限12个月。"


def _terms(sentence: str):
    return loanclause.analyze_text(HEAD + sentence, ner=False, as_of="2026-01-31").terms


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("借款年利率为LPR加100个基点。", "LPR"),
        ("借款利率为一年期贷款市场报价利率（LPR）加3%。", "LPR"),
        ("借款利率按中国人民银行同期贷款利率的四倍计算。", "人民银行"),
        ("借款利息按银行同期贷款利率上浮30%计算。", "同期"),
    ],
)
def test_loan_rate_on_a_benchmark_is_null_with_the_reason(sentence, named):
    rate = _terms(sentence).interest_rate
    assert rate is not None and rate.annual is None and rate.value is None
    assert rate.relative_to == "benchmark" and named in rate.note and "未载明" in rate.note
    assert rate.text and rate.text in HEAD + sentence


def test_overdue_rate_on_a_benchmark_is_null_with_the_reason():
    terms = _terms("借款年利率为8%。逾期利息按同期贷款市场报价利率上浮50%计收。")
    assert terms.interest_rate.annual == Decimal("0.08")
    od = terms.overdue_rate
    assert od is not None and od.annual is None and od.multiplier == Decimal("1.5") and "LPR" in od.note


def test_overdue_relative_to_a_loan_rate_without_a_figure():
    terms = _terms("借款利率为LPR加3%。逾期利率按借款利率上浮50%。")
    od = terms.overdue_rate
    assert (
        od is not None and od.annual is None and od.relative_to == "interest_rate" and "借款利率" in od.note
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "年利率不得超过同期贷款利率的四倍。借款年利率为8%。",  # a limit quoted, the loan's own rate stated
        "逾期利率按同期贷款利率的四倍。",  # an overdue rate: not the loan rate
    ],
)
def test_a_quoted_limit_or_an_overdue_rate_is_not_taken_for_the_loan_rate(sentence):
    rate = _terms(sentence).interest_rate
    assert rate is None or not rate.note


def test_the_reason_reaches_the_plain_words_and_the_cap_finding():
    report = loanclause.analyze_text(
        HEAD + "借款年利率为8%。逾期利息按同期贷款市场报价利率上浮50%计收。", ner=False, as_of="2026-01-31"
    )
    assert "未载明" in report.term_explanations["overdue_rate"].zh
    lc102 = [f for f in report.findings if f.code == "LC102"]
    assert lc102 and "未载明其数值" in lc102[0].message and lc102[0].severity == "info"
