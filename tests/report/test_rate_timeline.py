"""The rate-vs-cap timeline takes its dates, caps and rates from the same place as the verdicts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import loanclause
from loanclause.report.rate_timeline import rate_timeline


def _report(text: str, **kw):
    return loanclause.analyze_text(text, ner=False, **kw)


CONTRACT = (
    "借款合同\n出借人：张三\n借款人：李四\n第一条 借款金额为人民币100000元。\n"
    "第二条 借款期限自2024年3月15日起至2025年3月14日止。\n第三条 年利率为8%。\n"
    "第四条 逾期还款的，按年利率15%计收逾期利息，并按日万分之五支付违约金。\n"
)


def test_segments_follow_the_loan_and_the_overdue_phase():
    tl = rate_timeline(_report(CONTRACT, as_of="2026-01-31"))
    assert tl is not None
    kinds = {s.kind: s for s in tl.segments}
    assert set(kinds) == {"cap", "loan", "overdue"}
    assert kinds["loan"].start == date(2024, 3, 15) and kinds["loan"].end == date(2025, 3, 14)
    assert kinds["loan"].rate == Decimal("0.08")
    # the overdue day after the last due day; the running charges added up: 15 % + 0.05 %/day × 365
    assert kinds["overdue"].start == date(2025, 3, 15)
    assert kinds["overdue"].rate == Decimal("0.15") + Decimal("0.0005") * 365
    # the private-lending cap: 4 × the LPR at formation (3.45 % on 2024-03-15)
    assert kinds["cap"].rate == Decimal("0.1380")
    assert tl.end == date(2026, 1, 31)


def test_a_check_before_the_due_date_still_shows_an_overdue_stretch():
    tl = rate_timeline(_report(CONTRACT, as_of="2024-06-01"))
    assert tl is not None and tl.end > tl.due_date
    assert any(s.kind == "overdue" for s in tl.segments)


def test_an_old_loan_changes_cap_on_the_transition_day():
    text = CONTRACT.replace("2024年3月15日", "2019年3月15日").replace("2025年3月14日", "2020年3月14日")
    tl = rate_timeline(_report(text, as_of="2026-01-31"))
    caps = [s for s in tl.segments if s.kind == "cap"]
    assert len(caps) >= 2, caps
    assert caps[0].start == date(2019, 3, 15)
    assert caps[0].rate == Decimal("0.24")
    assert caps[1].start == date(2020, 8, 20)


def test_no_dates_no_timeline():
    report = _report(
        "借款合同\n出借人：张三\n借款人：李四\n借款金额为人民币100000元，年利率为8%。\n", as_of="2026-01-31"
    )
    assert report.terms.start_date is None and report.terms.contract_date is None
    assert rate_timeline(report) is None


def test_a_one_off_penalty_is_named_in_the_notes_not_drawn_as_a_rate():
    text = CONTRACT.replace("并按日万分之五支付违约金", "并一次性支付借款本金20%的违约金")
    tl = rate_timeline(_report(text, as_of="2026-01-31"))
    overdue = next(s for s in tl.segments if s.kind == "overdue")
    assert overdue.rate == Decimal("0.15")
    assert any("违约金" in note for note in tl.notes)


def test_a_monthly_rate_is_drawn_per_year():
    tl = rate_timeline(_report(CONTRACT.replace("年利率为8%", "月利率为1%"), as_of="2026-01-31"))
    assert next(s for s in tl.segments if s.kind == "loan").rate == Decimal("0.12")
