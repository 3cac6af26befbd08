"""Repayment schedules to the fen.

Every expected amount here was worked out by hand (the arithmetic is in each test's docstring) or by a
separate calculation written out in the test with ``fractions.Fraction``, never by calling the module under
test.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from pydantic import ValidationError

from loanclause.calc import apr
from loanclause.models import Duration, LoanTerms, Money, Rate
from loanclause.schedule import Instalment, RepaymentSchedule, build_schedule, schedule_from_terms

D = Decimal
START = date(2024, 1, 15)


def _fen(x: Fraction) -> Decimal:
    return (D(x.numerator) / D(x.denominator)).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _rows(s: RepaymentSchedule) -> list[tuple[Decimal, Decimal, Decimal, Decimal]]:
    return [(i.principal, i.interest, i.payment, i.balance_after) for i in s.instalments]


def _consistent(s: RepaymentSchedule) -> None:
    """Invariants every schedule keeps: payment = principal + interest, the balance falls to zero, totals sum."""
    balance = s.principal
    for k, i in enumerate(s.instalments, start=1):
        assert i.number == k
        assert i.payment == i.principal + i.interest
        balance -= i.principal
        assert i.balance_after == balance
        assert i.principal >= 0 and i.interest >= 0
        assert i.payment == i.payment.quantize(D("0.01"))
    assert balance == 0
    assert s.periods == len(s.instalments)
    assert s.total_interest == sum(i.interest for i in s.instalments)
    assert s.total_payment == sum(i.payment for i in s.instalments) == s.principal + s.total_interest
    assert [i.due_date for i in s.instalments] == sorted(i.due_date for i in s.instalments)


# ------------------------------------------------------------------------------------ equal instalment


def test_equal_installment_120000_at_12_percent_for_12_months():
    """120,000 at 12 % a year, 12 months, 等额本息.

    r = 0.12 / 12 = 0.01; (1 + r)^12 = 1.01^12 = 1.126825030131969720661201
    A = 120000 × 0.01 × 1.126825030… / 0.126825030… = 10,661.8546414… → 10,661.85
    k = 1: interest 120,000.00 × 0.01 = 1,200.00; principal 10,661.85 − 1,200.00 = 9,461.85; balance 110,538.15
    k = 2: interest 110,538.15 × 0.01 = 1,105.3815 → 1,105.38; principal 9,556.47; balance 100,981.68
    …
    k = 11: interest 21,008.12 × 0.01 = 210.0812 → 210.08; principal 10,451.77; balance 10,556.35
    k = 12: interest 10,556.35 × 0.01 = 105.5635 → 105.56; principal = the rest 10,556.35;
            payment 10,661.91 (6 fen more than A)
    total interest = 11 × 10,661.85 + 10,661.91 − 120,000 = 117,280.35 + 10,661.91 − 120,000 = 7,942.26
    """
    s = build_schedule(D(120000), D("0.12"), START, months=12, method="equal_installment")
    _consistent(s)
    assert s.periods == 12
    first = s.instalments[0]
    assert (first.payment, first.interest, first.principal, first.balance_after) == (
        D("10661.85"),
        D("1200.00"),
        D("9461.85"),
        D("110538.15"),
    )
    assert s.instalments[1].interest == D("1105.38")
    assert all(i.payment == D("10661.85") for i in s.instalments[:-1])
    last = s.instalments[-1]
    assert (last.principal, last.interest, last.payment, last.balance_after) == (
        D("10556.35"),
        D("105.56"),
        D("10661.91"),
        D("0.00"),
    )
    assert s.total_interest == D("7942.26")
    assert s.total_payment == D("127942.26")
    assert any("10661.91" in n and "+0.06" in n for n in s.notes)

    # the whole table by a separate calculation in exact fractions, rounded to the fen at each step
    r = Fraction(12, 100) / 12
    a = Fraction(_fen(120000 * r * (1 + r) ** 12 / ((1 + r) ** 12 - 1)))
    balance = Fraction(120000)
    expected = []
    for k in range(1, 13):
        interest = Fraction(_fen(balance * r))
        principal = balance if k == 12 else a - interest
        balance -= principal
        expected.append((_fen(principal), _fen(interest), _fen(principal + interest), _fen(balance)))
    assert _rows(s) == expected


def test_equal_installment_due_dates_and_inputs_as_strings():
    """Strings are read like the CLI reads them; dates are start + k months."""
    s = build_schedule("120,000", "0.12", "2024-01-15", months=12, method="equal_installment")
    assert s.instalments[0].payment == D("10661.85")
    assert [i.due_date for i in s.instalments[:3]] == [
        date(2024, 2, 15),
        date(2024, 3, 15),
        date(2024, 4, 15),
    ]
    assert s.instalments[-1].due_date == date(2025, 1, 15)


def test_equal_installment_at_zero_rate():
    """100,000 at 0 % over 3 months: P / n = 33,333.333… → 33,333.33, 33,333.33; the last takes the rest,
    100,000 − 66,666.66 = 33,333.34.  No interest."""
    s = build_schedule(D(100000), D(0), START, months=3, method="equal_installment")
    _consistent(s)
    assert [i.payment for i in s.instalments] == [D("33333.33"), D("33333.33"), D("33333.34")]
    assert s.total_interest == 0


def test_equal_installment_single_month():
    """1 month: A = P·r·(1+r) / r = P·(1 + r) = 10,000 × 1.01 = 10,100.00, all in the one instalment."""
    s = build_schedule(D(10000), D("0.12"), START, months=1, method="equal_installment")
    _consistent(s)
    assert _rows(s) == [(D("10000"), D("100.00"), D("10100.00"), D("0"))]


# ------------------------------------------------------------------------------------- equal principal


def test_equal_principal_120000_at_12_percent_for_12_months():
    """120,000 at 12 %, 12 months, 等额本金: principal 120,000 / 12 = 10,000.00 a month, r = 0.01.

    k = 1: interest 120,000 × 0.01 = 1,200.00 → payment 11,200.00
    k: interest (120,000 − 10,000 (k − 1)) × 0.01 = 1,200 − 100 (k − 1)
    k = 12: interest 10,000 × 0.01 = 100.00 → payment 10,100.00
    total interest = 100 × (12 + 11 + … + 1) = 100 × 78 = 7,800.00; total paid 127,800.00
    """
    s = build_schedule(D(120000), D("0.12"), START, months=12, method="equal_principal")
    _consistent(s)
    assert s.instalments[0].payment == D("11200.00")
    assert s.instalments[-1].payment == D("10100.00")
    for k, i in enumerate(s.instalments, start=1):
        assert i.principal == D("10000.00")
        assert i.interest == D(1200 - 100 * (k - 1))
    assert s.total_interest == D("7800.00")
    assert s.total_payment == D("127800.00")


def test_equal_principal_remainder_goes_to_the_last_instalment():
    """100,000 at 12 % over 3 months: principal 100,000 / 3 = 33,333.333… → 33,333.33; the last takes
    100,000 − 66,666.66 = 33,333.34.

    k = 1: interest 100,000.00 × 0.01 = 1,000.00 → 34,333.33; balance 66,666.67
    k = 2: interest 66,666.67 × 0.01 = 666.6667 → 666.67 → 34,000.00; balance 33,333.34
    k = 3: interest 33,333.34 × 0.01 = 333.3334 → 333.33 → 33,666.67
    total interest 1,000.00 + 666.67 + 333.33 = 2,000.00
    """
    s = build_schedule(D(100000), D("0.12"), START, months=3, method="equal_principal")
    _consistent(s)
    assert _rows(s) == [
        (D("33333.33"), D("1000.00"), D("34333.33"), D("66666.67")),
        (D("33333.33"), D("666.67"), D("34000.00"), D("33333.34")),
        (D("33333.34"), D("333.33"), D("33666.67"), D("0.00")),
    ]
    assert s.total_interest == D("2000.00")
    assert any("33333.34" in n for n in s.notes)


# -------------------------------------------------------------------------------------- interest first


def test_interest_first_100000_at_10_percent_for_6_months():
    """100,000 at 10 %, 6 months, 先息后本: interest 100,000 × 0.10 / 12 = 833.333… → 833.33 each month;
    the 6th instalment adds the principal: 100,833.33.  Total interest 6 × 833.33 = 4,999.98."""
    s = build_schedule(D(100000), D("0.10"), START, months=6, method="interest_first")
    _consistent(s)
    assert [i.payment for i in s.instalments] == [D("833.33")] * 5 + [D("100833.33")]
    assert [i.principal for i in s.instalments] == [D(0)] * 5 + [D(100000)]
    assert all(i.balance_after == D(100000) for i in s.instalments[:-1])
    assert s.total_interest == D("4999.98")
    assert s.total_payment == D("104999.98")


# ---------------------------------------------------------------------------------------------- bullet


def test_bullet_in_months():
    """100,000 at 12 % for 12 months, 到期一次性还本付息: interest 100,000 × 0.12 × 12 / 12 = 12,000.00;
    one payment of 112,000.00 at start + 12 months."""
    s = build_schedule(D(100000), D("0.12"), START, months=12, method="bullet")
    _consistent(s)
    assert s.periods == 1
    only = s.instalments[0]
    assert (only.due_date, only.principal, only.interest, only.payment) == (
        date(2025, 1, 15),
        D(100000),
        D("12000.00"),
        D("112000.00"),
    )


def test_bullet_in_days():
    """50,000 at 10 % for 90 days, actual/365: 50,000 × 0.10 × 90 / 365 = 450,000 / 365 = 1,232.8767… →
    1,232.88; payment 51,232.88.  Maturity 2024-01-01 + 90 days = 2024-03-31 (31 + 29 + 30 = 90)."""
    s = build_schedule(D(50000), D("0.10"), date(2024, 1, 1), days=90, method="bullet")
    _consistent(s)
    only = s.instalments[0]
    assert only.interest == D("1232.88")
    assert only.payment == D("51232.88")
    assert only.due_date == date(2024, 3, 31) == date(2024, 1, 1) + timedelta(days=90)
    assert s.day_basis == 365


def test_bullet_in_days_on_a_360_day_basis():
    """50,000 × 0.10 × 90 / 360 = 1,250.00."""
    s = build_schedule(D(50000), D("0.10"), date(2024, 1, 1), days=90, method="bullet", day_basis=360)
    assert s.instalments[0].interest == D("1250.00")
    assert s.day_basis == 360


def test_bullet_in_months_and_days():
    """1年零10天, 100,000 at 12 %: 100,000 × 0.12 × 12/12 + 100,000 × 0.12 × 10/365 = 12,000 + 328.767… =
    12,328.767… → 12,328.77 (rounded once).  Maturity 2024-01-01 + 12 months + 10 days = 2025-01-11."""
    s = build_schedule(D(100000), D("0.12"), date(2024, 1, 1), months=12, days=10, method="bullet")
    only = s.instalments[0]
    assert only.interest == D("12328.77")
    assert only.due_date == date(2025, 1, 11)


def test_bullet_ignores_repayment_day_and_says_so():
    s = build_schedule(D(100000), D("0.12"), START, months=12, method="bullet", repayment_day=20)
    assert s.instalments[0].due_date == date(2025, 1, 15)
    assert any("20" in n and "bullet" in n for n in s.notes)


# ----------------------------------------------------------------------------------------------- dates


def test_due_dates_clamp_to_the_month_end_without_carrying_over():
    """Start 2024-01-31 (leap year): 2024-02-29, 2024-03-31, 2024-04-30, 2024-05-31 — each counted from the
    start, so February's clamp does not pull March back to the 29th."""
    s = build_schedule(D(10000), D("0.12"), date(2024, 1, 31), months=4, method="interest_first")
    assert [i.due_date for i in s.instalments] == [
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
        date(2024, 5, 31),
    ]
    assert any("月末" in n for n in s.notes)
    common = build_schedule(D(10000), D("0.12"), date(2023, 1, 31), months=2, method="interest_first")
    assert [i.due_date for i in common.instalments] == [date(2023, 2, 28), date(2023, 3, 31)]


def test_due_dates_across_the_year_end():
    s = build_schedule(D(10000), D("0.12"), date(2024, 11, 30), months=3, method="interest_first")
    assert [i.due_date for i in s.instalments] == [date(2024, 12, 30), date(2025, 1, 30), date(2025, 2, 28)]


def test_repayment_day_starts_in_the_month_after_the_start():
    """Start 2024-01-05, 每月20日: 2024-02-20, 2024-03-20, 2024-04-20.  The first period (46 days) is still
    charged one month: 10,000 × 0.01 = 100.00."""
    s = build_schedule(
        D(10000), D("0.12"), date(2024, 1, 5), months=3, method="equal_principal", repayment_day=20
    )
    assert [i.due_date for i in s.instalments] == [date(2024, 2, 20), date(2024, 3, 20), date(2024, 4, 20)]
    assert s.instalments[0].interest == D("100.00")
    assert s.repayment_day == 20
    assert any("20" in n and "first period" in n for n in s.notes)


def test_repayment_day_clamps_to_the_month_end():
    """每月31日 from 2024-01-10: 2024-02-29, 2024-03-31, 2024-04-30."""
    s = build_schedule(
        D(10000), D("0.12"), date(2024, 1, 10), months=3, method="interest_first", repayment_day=31
    )
    assert [i.due_date for i in s.instalments] == [date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]


def test_repayment_day_before_the_start_day_gives_a_short_first_period():
    """Start 2024-01-25, 每月10日: the first due date is 2024-02-10 (16 days later), then 03-10, 04-10."""
    s = build_schedule(
        D(10000), D("0.12"), date(2024, 1, 25), months=3, method="interest_first", repayment_day=10
    )
    assert [i.due_date for i in s.instalments] == [date(2024, 2, 10), date(2024, 3, 10), date(2024, 4, 10)]


# ---------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"principal": D(0)}, "principal must be positive"),
        ({"principal": D(-1)}, "principal must be positive"),
        ({"principal": "abc"}, "not a number"),
        ({"annual_rate": D("-0.01")}, "annual_rate must not be negative"),
        ({"months": None}, "a term is needed"),
        ({"months": 0}, "months must be a positive"),
        ({"months": None, "days": -5, "method": "bullet"}, "days must be a positive"),
        ({"months": None, "days": 90}, "no monthly schedule"),
        ({"method": "other"}, "no schedule for repayment method 'other'"),
        ({"repayment_day": 0}, "repayment_day"),
        ({"repayment_day": 32}, "repayment_day"),
        ({"day_basis": 0}, "day_basis"),
        ({"start_date": "2024-13-01"}, "not an ISO date"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, match):
    args = {
        "principal": D(100000),
        "annual_rate": D("0.12"),
        "start_date": START,
        "months": 12,
        "method": "equal_installment",
    } | kwargs
    p, a, s = args.pop("principal"), args.pop("annual_rate"), args.pop("start_date")
    with pytest.raises(ValueError, match=match):
        build_schedule(p, a, s, **args)


# ------------------------------------------------------------------------------------------ cash flows


def test_cash_flows_from_the_borrowers_side():
    """+120,000 on the start date, −10,661.85 × 11 and −10,661.91 after; the net is −7,942.26 (the interest).
    Received 118,000 (2,000 of fees deducted in advance) replaces the first flow only."""
    s = build_schedule(D(120000), D("0.12"), START, months=12, method="equal_installment")
    flows = s.cash_flows()
    assert flows[0] == (START, D(120000))
    assert flows[1] == (date(2024, 2, 15), D("-10661.85"))
    assert flows[-1] == (date(2025, 1, 15), D("-10661.91"))
    assert len(flows) == 13
    assert all(amount < 0 for _, amount in flows[1:])
    assert sum(amount for _, amount in flows) == D("-7942.26")
    net = s.cash_flows(D(118000))
    assert net[0] == (START, D(118000))
    assert net[1:] == flows[1:]


def test_cash_flows_feed_the_apr():
    """The IRR of the schedule's own payments is the contract rate: 1 % a month, 12 % a year (simple), to
    about a fen's worth of rounding."""
    s = build_schedule(D(120000), D("0.12"), START, months=12, method="equal_installment")
    flows = s.cash_flows()
    r = apr(flows[0][1], [-amount for _, amount in flows[1:]])
    assert abs(r.simple_annual - D("0.12")) < D("0.00001")


# ----------------------------------------------------------------------------------------- from terms


def _terms(**update) -> LoanTerms:
    base = LoanTerms(
        principal=Money(amount=D(120000), text="人民币壹拾贰万元整"),
        interest_rate=Rate(value=D("0.12"), period="year", annual=D("0.12"), text="年利率12%"),
        term=Duration(months=12, text="12个月"),
        start_date=START,
        repayment_method="equal_installment",
    )
    return base.model_copy(update=update)


def test_schedule_from_terms_matches_build_schedule():
    s = schedule_from_terms(_terms())
    assert s is not None
    assert s.instalments[0].payment == D("10661.85")
    assert s.total_interest == D("7942.26")
    direct = build_schedule(D(120000), D("0.12"), START, months=12, method="equal_installment")
    assert s.instalments == direct.instalments


@pytest.mark.parametrize(
    "update",
    [
        {"principal": None},
        {"interest_rate": None},
        {"interest_rate": Rate(value=D(2), period=None, annual=None, text="利息2分")},
        {"start_date": None},
        {"term": None},
        {"term": Duration(text="借款期限")},
        {"repayment_method": None},
        {"repayment_method": "other"},
        {"term": Duration(days=90), "repayment_method": "equal_installment"},
        {"principal": Money(amount=D(0))},
        {"term": None, "end_date": date(2024, 1, 1)},
    ],
    ids=[
        "no-principal",
        "no-rate",
        "rate-without-period",
        "no-start-or-contract-date",
        "no-term-no-end-date",
        "empty-term",
        "no-method",
        "other-method",
        "days-term-monthly-method",
        "zero-principal",
        "end-before-start",
    ],
)
def test_schedule_from_terms_is_none_when_a_piece_is_missing(update):
    assert schedule_from_terms(_terms(**update)) is None


def test_schedule_from_terms_does_not_assume_bullet_for_a_single_period():
    """No method, 90 days: it looks like a one-payment loan, but the method is not assumed."""
    terms = _terms(term=Duration(days=90), repayment_method=None)
    assert schedule_from_terms(terms) is None
    terms = _terms(term=Duration(months=1), repayment_method=None)
    assert schedule_from_terms(terms) is None


def test_schedule_from_terms_falls_back_to_the_contract_date_and_says_so():
    s = schedule_from_terms(_terms(start_date=None, contract_date=date(2024, 3, 1)))
    assert s is not None
    assert s.start_date == date(2024, 3, 1)
    assert s.instalments[0].due_date == date(2024, 4, 1)
    assert any("2024-03-01" in n and "contract date" in n for n in s.notes)


def test_schedule_from_terms_derives_whole_months_from_the_end_date():
    """2024-01-15 to 2025-01-15 is exactly 12 months: the same 等额本息 schedule as a stated 12个月."""
    s = schedule_from_terms(_terms(term=None, end_date=date(2025, 1, 15)))
    assert s is not None
    assert s.periods == 12
    assert s.instalments[-1].due_date == date(2025, 1, 15)
    assert s.total_interest == D("7942.26")
    assert any("derived" in n for n in s.notes)


def test_schedule_from_terms_reads_an_inclusive_end_date_as_whole_months():
    """等额本息 2024-01-15 至 2025-01-14: the contract writes the last day of the term, so twelve monthly
    instalments (the same schedule as 12个月, total interest 7,942.26), the last on 2025-01-15."""
    s = schedule_from_terms(_terms(term=None, end_date=date(2025, 1, 14)))
    assert s is not None and s.periods == 12
    assert s.total_interest == D("7942.26")


def test_schedule_from_terms_derives_days_from_the_end_date_for_a_bullet_loan():
    """2024-01-01 to 2024-03-31 is not whole months: 90 days; 50,000 × 0.10 × 90 / 365 → 1,232.88."""
    terms = LoanTerms(
        principal=Money(amount=D(50000)),
        interest_rate=Rate(value=D("0.10"), period="year", annual=D("0.10")),
        start_date=date(2024, 1, 1),
        end_date=date(2024, 3, 31),
        repayment_method="bullet",
    )
    s = schedule_from_terms(terms)
    assert s is not None
    assert s.instalments[0].payment == D("51232.88")
    assert s.instalments[0].due_date == date(2024, 3, 31)


def test_schedule_from_terms_annualises_a_monthly_rate_and_uses_the_repayment_day():
    """月利率1% with no annual figure: 1 % × 12 = 12 % a year; 每月20日 from 2024-01-15 → 2024-02-20 first."""
    terms = _terms(
        interest_rate=Rate(value=D("0.01"), period="month", annual=None, text="月利率1%"),
        repayment_day=20,
    )
    s = schedule_from_terms(terms)
    assert s is not None
    assert s.annual_rate == D("0.12")
    assert s.instalments[0].due_date == date(2024, 2, 20)
    assert s.instalments[0].payment == D("10661.85")


def test_schedule_from_terms_uses_the_stated_term_over_the_end_date():
    s = schedule_from_terms(_terms(end_date=date(2024, 7, 15)))
    assert s is not None
    assert s.periods == 12


# ------------------------------------------------------------------------------------------- the models


def test_models_forbid_unknown_fields_and_round_trip_through_json():
    s = build_schedule(D(100000), D("0.10"), START, months=6, method="interest_first")
    assert RepaymentSchedule.model_validate_json(s.model_dump_json()) == s
    with pytest.raises(ValidationError):
        Instalment(
            number=1,
            due_date=START,
            principal=D(0),
            interest=D(0),
            payment=D(0),
            balance_after=D(0),
            late_fee=D(1),
        )


@pytest.mark.parametrize("method", ["equal_installment", "equal_principal", "interest_first", "bullet"])
def test_every_note_is_bilingual(method):
    s = build_schedule(D(100000), D("0.10"), date(2024, 1, 31), months=7, method=method, repayment_day=31)
    assert s.notes
    for note in s.notes:
        assert " / " in note
        assert any("\u4e00" <= ch <= "\u9fff" for ch in note)
        assert any("a" <= ch <= "z" for ch in note)
