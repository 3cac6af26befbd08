"""loanclause.calc and the ``calc`` command.

The worked examples are computed by hand in the comments (actual days / 365, interest from the start day to the
day before the end, each period rounded to the cent) and the code must agree to the cent."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.calc import annual_rate, apr, claimable_interest, installment_payments
from loanclause.cli_calc import calc, parse_amount, parse_payments, parse_rate
from loanclause.models import Rate

D = Decimal


# ------------------------------------------------------------------------------------------------ APR


def test_pboc_2021_worked_example() -> None:
    # PBoC Announcement [2021] No. 3: 100,000 loan, 1,000 fee, 12 monthly payments of 8,833.3
    # 99,000 = Σ 8,833.3 / (1 + i)^k, k = 1..12  →  i = 1.0670%;  12 i = 12.80%;  (1 + i)^12 − 1 = 13.58%
    r = apr(D(100000), [D("8833.3")] * 12, D(1000))
    assert r.periodic_irr.quantize(D("0.000001")) == D("0.010670")
    assert r.simple_annual.quantize(D("0.0001")) == D("0.1280")
    assert r.compound_annual.quantize(D("0.0001")) == D("0.1358")
    assert r.net_principal == D(99000) and r.payments == 12 and r.total_paid == D("105999.6")


def test_apr_without_fees_returns_the_nominal_rate() -> None:
    # an equal-instalment loan at 12% a year (1% a month) with no fees has an IRR of 1% a month; the payments
    # are the schedule's, to the fen (11 x 8,884.88 and a last one of 8,884.85), so the IRR is 1% within 1e-7
    pays = installment_payments(D(100000), D("0.12"), 12, "equal_installment")
    assert pays[0] == D("8884.88") and sum(pays) == D("106618.53")
    r = apr(D(100000), pays)
    assert abs(r.periodic_irr - D("0.01")) < D("1e-7")
    assert r.simple_annual.quantize(D("0.0001")) == D("0.1200")
    assert r.compound_annual.quantize(D("0.0001")) == D("0.1268")


def test_apr_single_payment_and_fee_list() -> None:
    # 10,000 for 30 days, repaid 10,100, fees 50 + 50 deducted: 9,900 in, 10,100 out
    # i = 10,100 / 9,900 − 1 = 2.0202%; simple = i × 365/30 = 24.58%
    r = apr(D(10000), [D(10100)], [D(50), D(50)], periods_per_year=D(365) / D(30))
    assert r.periodic_irr.quantize(D("0.000001")) == D("0.020202")
    assert r.simple_annual.quantize(D("0.0001")) == D("0.2458")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((D(0), [D(1)]), "principal"),
        ((D(100), [D(1)], D(100)), "fees"),
        ((D(100), []), "payments"),
        ((D(100), [D(-1), D(200)]), "payments"),
    ],
)
def test_apr_errors(args, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        apr(*args)


def test_apr_payments_below_the_amount_received_give_a_negative_rate() -> None:
    # 100 received, 50 repaid after one period: i = 50 / 100 − 1 = −50%
    assert apr(D(100), [D(50)]).periodic_irr == D("-0.5")


def test_installment_methods() -> None:
    assert installment_payments(D(1200), D("0.12"), 12, "equal_principal")[0] == D(112)  # 100 + 1,200 × 1%
    interest_first = installment_payments(D(1000), D("0.12"), 3, "interest_first")
    assert interest_first == [D(10), D(10), D(1010)]
    assert installment_payments(D(1000), D("0.12"), 6, None)[-1] == D(1060)  # bullet: 1,000 × 12% × 6/12


# ------------------------------------------------------------------------------------- claimable interest


def test_worked_example_after_2020_capped_at_4x_lpr_at_formation() -> None:
    # Private loan formed 2023-05-01; LPR in force = 3.65% (published 2023-04-20) → cap 4 × 3.65% = 14.6%.
    # Agreed 24% > 14.6% → 14.6% applies.  2023-05-01 … 2024-04-30 = 366 days (2024 is a leap year).
    # 100,000 × 14.6% × 366 / 365 = 14,600 × 1.0027397 = 14,640.00
    s = claimable_interest(
        D(100000), D("0.24"), "2023-05-01", "2024-05-01", contract_date="2023-05-01", filing_date="2024-06-01"
    )
    [p] = s.periods
    assert (p.days, p.rate_agreed, p.rate_applied, p.capped) == (366, D("0.24"), D("0.146"), True)
    assert p.interest == D("14640.00") and s.total_interest == D("14640.00")
    # agreed: 100,000 × 24% × 366 / 365 = 24,065.75; disallowed = 24,065.75 − 14,640.00 = 9,425.75
    assert s.agreed_interest == D("24065.75") and s.disallowed_interest == D("9425.75")
    assert "合同成立时（2023-05-01）一年期LPR 3.65%的四倍14.6%" in p.why
    assert p.citation.article == "第二十五条"
    assert s.regime == "pl2021" and not s.filing_date_assumed


def test_worked_example_crossing_2020_08_20() -> None:
    # Private loan formed 2019-06-01 at 30%, interest claimed to 2021-06-01, suit filed 2021-07-01.
    # (1) 2019-06-01 … 2020-08-19: 446 days under the 2015 rule: 30% is in the 24–36% zone → 24% enforceable.
    #     100,000 × 24% × 446 / 365 = 24,000 × 1.2219178 = 29,326.03
    # (2) 2020-08-20 … 2021-05-31: 285 days under 4 × LPR at filing: LPR on 2021-07-01 = 3.85% (2021-06-21)
    #     → 15.4%.  100,000 × 15.4% × 285 / 365 = 15,400 × 0.7808219 = 12,024.66
    # total 29,326.03 + 12,024.66 = 41,350.69
    s = claimable_interest(
        D(100000), D("0.30"), "2019-06-01", "2021-06-01", contract_date="2019-06-01", filing_date="2021-07-01"
    )
    first, second = s.periods
    assert (first.start, first.end, first.days) == (date(2019, 6, 1), date(2020, 8, 19), 446)
    assert (first.rate_applied, first.interest) == (D("0.24"), D("29326.03"))
    assert "24%–36%区间" in first.why and "2015" in first.citation.document
    assert (second.start, second.end, second.days) == (date(2020, 8, 20), date(2021, 5, 31), 285)
    assert (second.rate_applied, second.interest) == (D("0.154"), D("12024.66"))
    assert second.citation.article == "第三十一条第二款" and "解释" in second.why
    assert s.total_interest == D("41350.69")
    assert any("interpretation, not the text" in n for n in s.notes)


def test_worked_example_neither_rate_agreed_then_lpr_when_overdue() -> None:
    # Private loan of 50,000 formed 2022-01-10, no interest agreed, due 2022-07-09 (overdue from 2022-07-10).
    # Loan period: no interest (Art. 24(1)).  Overdue: neither rate agreed → LPR "at the time" (Art. 28(2)(i)),
    # taken on the first overdue day: LPR on 2022-07-10 = 3.70% (2022-06-20).
    # 2022-07-10 … 2023-01-09 = 184 days: 50,000 × 3.7% × 184 / 365 = 1,850 × 0.5041096 = 932.60
    s = claimable_interest(
        D(50000),
        None,
        "2022-01-10",
        "2023-01-10",
        contract_date="2022-01-10",
        overdue_from="2022-07-10",
        filing_date="2023-02-01",
    )
    loan, overdue = s.periods
    assert (loan.days, loan.interest, loan.rate_agreed) == (181, D("0.00"), None)
    assert loan.citation.article == "第二十四条第一款"
    assert (overdue.phase, overdue.days, overdue.rate_applied, overdue.interest) == (
        "overdue",
        184,
        D("0.037"),
        D("932.60"),
    )
    assert overdue.citation.article == "第二十八条第二款第（一）项"


def test_default_overdue_rate_changes_rule_at_2020_08_20() -> None:
    # Issue 12 (1).  Private loan of 100,000 formed 2019-06-01, no rate agreed, overdue from 2020-01-01, filed
    # 2021-06-01.  The default is looked up per period, by the rule in force in it:
    # (1) 2020-01-01 … 2020-08-19 = 232 days, 2015 text Art. 29(2)(i): 6 %.  100,000 × 6% × 232 / 365 = 3,813.70
    # (2) 2020-08-20 … 2020-12-31 = 134 days, current Art. 28(2)(i): the one-year LPR "at the time", the first
    #     overdue day under that rule: LPR on 2020-08-20 = 3.85% (2020-04-20).
    #     100,000 × 3.85% × 134 / 365 = 3,850 × 0.3671233 = 1,413.42   (not 6%: 2,202.74, 789.32 too much)
    s = claimable_interest(
        D(100000), None, "2019-06-01", "2021-01-01", contract_date="2019-06-01",
        overdue_from="2020-01-01", filing_date="2021-06-01",
    )  # fmt: skip
    loan, before, after = s.periods
    assert loan.interest == D("0.00")
    assert (before.days, before.rate_applied, before.interest) == (232, D("0.06"), D("3813.70"))
    assert (after.start, after.days, after.rate_applied, after.interest) == (
        date(2020, 8, 20),
        134,
        D("0.0385"),
        D("1413.42"),
    )
    assert after.citation.article == "第二十八条第二款第（一）项"
    assert s.total_interest == D("5227.12")


def test_worked_example_repayment_to_interest_first() -> None:
    # 100,000 at 12% (under the 14.6% cap), formed 2023-05-01, 30,000 repaid on 2023-11-01.
    # (1) 2023-05-01 … 2023-10-31: 184 days: 100,000 × 12% × 184 / 365 = 6,049.32
    # repayment 30,000 → interest 6,049.32, principal 23,950.68 → balance 76,049.32 (Civil Code Art. 561)
    # (2) 2023-11-01 … 2024-04-30: 182 days: 76,049.32 × 12% × 182 / 365 = 9,125.9184 × 0.4986301 = 4,550.46
    s = claimable_interest(
        D(100000),
        D("0.12"),
        "2023-05-01",
        "2024-05-01",
        contract_date="2023-05-01",
        filing_date="2024-06-01",
        repayments=[("2023-11-01", D(30000))],
    )
    p1, p2 = s.periods
    assert (p1.days, p1.interest) == (184, D("6049.32"))
    [r] = s.repayments
    assert (r.to_interest, r.to_principal, r.principal_after) == (D("6049.32"), D("23950.68"), D("76049.32"))
    assert (p2.days, p2.principal, p2.interest) == (182, D("76049.32"), D("4550.46"))
    assert s.total_interest == D("10599.78") and s.interest_paid == D("6049.32")
    assert s.amount_due == D("76049.32") + D("4550.46")
    assert any("Art. 561" in n for n in s.notes)


def test_2015_zone_interest_paid_is_kept_not_netted_against_principal() -> None:
    # Issue 12 (7).  Private loan of 100,000 at 30% formed 2019-06-01, filed 2021-07-01, 30,000 repaid 2020-06-01.
    # (1) 2019-06-01 … 2020-05-31 = 366 days under the 2015 text: claimable at 24%:
    #     100,000 × 24% × 366 / 365 = 24,065.75; the 24–30% part: 100,000 × 6% × 366 / 365 = 6,016.44
    # repayment 30,000: 24,065.75 claimable interest, then 5,934.25 of the 6,016.44 zone interest (paid
    #     voluntarily, not refundable: 2015 Art. 31), principal 0 → balance stays 100,000
    # (2) 2020-06-01 … 2020-08-19 = 80 days at 24%: 100,000 × 24% × 80 / 365 = 5,260.27
    # (3) 2020-08-20 … 2021-05-31 = 285 days at 4 × 3.85% = 15.4%: 100,000 × 15.4% × 285 / 365 = 12,024.66
    # due: 100,000 + 5,260.27 + 12,024.66 = 117,284.93 (netting the 5,934.25 against principal gave 110,324.95)
    s = claimable_interest(
        D(100000), D("0.30"), "2019-06-01", "2021-06-01", contract_date="2019-06-01",
        filing_date="2021-07-01", repayments=[("2020-06-01", D(30000))],
    )  # fmt: skip
    [r] = s.repayments
    assert (r.to_interest, r.to_paid_zone_interest, r.to_principal) == (D("24065.75"), D("5934.25"), D(0))
    assert [p.interest for p in s.periods] == [D("24065.75"), D("5260.27"), D("12024.66")]
    assert s.principal_outstanding == D(100000) and s.amount_due == D("117284.93")
    assert s.paid_zone_interest == D("5934.25")
    assert any("not refundable" in n and "Art. 31" in n for n in s.notes)
    assert any("不予返还" in line for line in s.summary_lines())

    # at 26% the zone is 100,000 × 2% × 366 / 365 = 2,005.48, and 30,000 − 24,065.75 − 2,005.48 = 3,928.77 goes
    # to principal; at 60% the zone stops at 36% (void above: 12% × 366 / 365 = 12,032.88), and 5,934.25 < 12,032.88
    # so all of it is zone interest
    def first_repayment(rate: str):
        return claimable_interest(
            D(100000), D(rate), "2019-06-01", "2021-06-01", contract_date="2019-06-01",
            filing_date="2021-07-01", repayments=[("2020-06-01", D(30000))],
        ).repayments[0]  # fmt: skip

    low, high = first_repayment("0.26"), first_repayment("0.60")
    assert (low.to_paid_zone_interest, low.to_principal) == (D("2005.48"), D("3928.77"))
    assert (high.to_paid_zone_interest, high.to_principal) == (D("5934.25"), D(0))


def test_overdue_agreed_rate_is_capped_and_loan_rate_runs_when_none() -> None:
    # formed 2023-05-01 (cap 14.6%), 12% loan rate, overdue from 2023-11-01
    agreed = claimable_interest(
        D(100000), D("0.12"), "2023-05-01", "2024-05-01", contract_date="2023-05-01",
        overdue_from="2023-11-01", overdue_rate=D("0.1825"), filing_date="2024-06-01",
    )  # fmt: skip
    assert (
        agreed.periods[1].rate_applied == D("0.146")
        and agreed.periods[1].citation.article == "第二十八条第一款"
    )
    default = claimable_interest(
        D(100000), D("0.12"), "2023-05-01", "2024-05-01", contract_date="2023-05-01",
        overdue_from="2023-11-01", filing_date="2024-06-01",
    )  # fmt: skip
    assert default.periods[1].rate_applied == D("0.12")
    assert default.periods[1].citation.article == "第二十八条第二款第（二）项"


def test_2015_regime_overdue_default_is_6_percent() -> None:
    # suit filed 2020-05-01, before 2020-08-20: the 2015 rule throughout; neither rate agreed → 6%
    # overdue 2019-07-01 … 2019-12-31 = 184 days: 10,000 × 6% × 184 / 365 = 302.47
    s = claimable_interest(
        D(10000), None, "2019-01-01", "2020-01-01", contract_date="2019-01-01",
        overdue_from="2019-07-01", filing_date="2020-05-01",
    )  # fmt: skip
    assert s.regime == "pl2015"
    assert (s.periods[1].rate_applied, s.periods[1].interest) == (D("0.06"), D("302.47"))


def test_licensed_lender_24_reference() -> None:
    s = claimable_interest(
        D(10000), D("0.30"), "2023-01-01", "2024-01-01", contract_date="2023-01-01",
        lender_kind="licensed_fi", filing_date="2024-02-01",
    )  # fmt: skip
    [p] = s.periods
    # 10,000 × 24% × 365 / 365 = 2,400.00
    assert (p.rate_applied, p.interest) == (D("0.24"), D("2400.00"))
    assert p.citation.confidence == "secondary"
    assert "可调减" in p.why
    # the overdue phase says the same (issue 12, 8): reducible on request, not "capped"
    s = claimable_interest(
        D(10000), D("0.12"), "2023-01-01", "2024-01-01", contract_date="2023-01-01",
        lender_kind="licensed_fi", filing_date="2024-02-01", overdue_from="2023-07-01", overdue_rate=D("0.36"),
    )  # fmt: skip
    overdue = s.periods[-1]
    assert overdue.rate_applied == D("0.24") and "可调减" in overdue.why and "reducible" in overdue.why_en


def test_rate_object_and_monthly_rate() -> None:
    r = Rate(value=D("0.01"), period="month", annual=None, text="月利率1%")
    assert annual_rate(r) == D("0.12")
    with pytest.raises(ValueError, match="no period"):
        annual_rate(Rate(value=D("0.02"), period=None, annual=None, text="2分"))


def test_overpayment_and_validation() -> None:
    s = claimable_interest(
        D(1000), D("0.1"), "2023-05-01", "2023-06-01", contract_date="2023-05-01",
        repayments=[("2023-06-01", D(2000))], filing_date="2023-07-01",
    )  # fmt: skip
    assert s.principal_outstanding == 0 and s.repayments[0].unapplied > 0
    with pytest.raises(ValueError, match="outside"):
        claimable_interest(D(1000), D("0.1"), "2023-05-01", "2023-06-01", contract_date="2023-05-01",
                           repayments=[("2024-01-01", D(1))])  # fmt: skip
    with pytest.raises(ValueError, match="after start"):
        claimable_interest(D(1000), D("0.1"), "2023-05-01", "2023-05-01", contract_date="2023-05-01")


def test_schedule_outputs() -> None:
    from rich.console import Console

    s = claimable_interest(
        D(100000), D("0.30"), "2019-06-01", "2021-06-01", contract_date="2019-06-01", filing_date="2021-07-01",
        repayments=[("2020-06-01", D(20000))],
    )  # fmt: skip
    data = json.loads(s.model_dump_json())
    assert data["total_interest"] == str(s.total_interest) and len(data["periods"]) == 3
    console = Console(record=True, width=200)
    console.print(s.to_table())
    out = console.export_text()
    assert "2020-08-20" in out and "15.4%" in out and "第三十一条第二款" in out
    assert len(s.reasons()) == 4  # three periods and one repayment


@settings(max_examples=60, deadline=None)
@given(
    principal=st.integers(min_value=1000, max_value=10_000_000),
    rate_bp=st.integers(min_value=0, max_value=6000),
    start_offset=st.integers(min_value=0, max_value=2000),
    length=st.integers(min_value=1, max_value=1500),
    overdue_at=st.integers(min_value=0, max_value=1500),
)
def test_properties(principal: int, rate_bp: int, start_offset: int, length: int, overdue_at: int) -> None:
    start = date(2019, 9, 1) + timedelta(days=start_offset)
    end = start + timedelta(days=length)
    s = claimable_interest(
        D(principal),
        D(rate_bp) / D(10000),
        start,
        end,
        contract_date=start,
        overdue_from=start + timedelta(days=overdue_at),
        filing_date=date(2026, 1, 31),
    )
    assert sum(p.days for p in s.periods) == length
    assert s.total_interest == sum((p.interest for p in s.periods), D(0))
    assert s.total_interest <= s.agreed_interest + D("0.01") * len(s.periods) or any(
        p.rate_agreed is None for p in s.periods
    )
    for p in s.periods:
        assert p.rate_applied <= p.cap
        assert p.interest >= 0


# ------------------------------------------------------------------------------------------------ CLI


def run(*args: str):
    return CliRunner().invoke(calc, list(args))


def test_cli_apr_pboc_example() -> None:
    result = run("apr", "--principal", "100000", "--fee", "1000", "--payment", "8833.3x12")
    assert result.exit_code == 0, result.output
    assert "12.80%" in result.output and "13.58%" in result.output and "单利" in result.output
    as_json = run("apr", "--principal", "100000", "--fee", "1%", "--payment", "8833.3x12", "--format", "json")
    data = json.loads(as_json.output)
    assert D(data["simple_annual"]).quantize(D("0.0001")) == D("0.1280")


def test_cli_interest_table_and_json() -> None:
    args = [
        "interest", "--principal", "100000", "--rate", "30%", "--from", "2019-06-01", "--to", "2021-06-01",
        "--contract-date", "2019-06-01", "--filing-date", "2021-07-01",
    ]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "41,350.69" in result.output and "第三十一条第二款" in result.output
    data = json.loads(run(*args, "--format", "json").output)
    assert data["total_interest"] == "41350.69" and data["regime"] == "pl_transition"


def test_cli_interest_monthly_rate_repayment_and_overdue() -> None:
    result = run(
        "interest", "--principal", "10万", "--rate", "1.5%/month", "--from", "2023-05-01", "--to", "2024-05-01",
        "--contract-date", "2023-05-01", "--filing-date", "2024-06-01", "--overdue-from", "2023-11-01",
        "--overdue-rate", "0.05%/day", "--repay", "2023-11-01:30000", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["phase"] for p in data["periods"]] == ["loan", "overdue"]
    assert D(data["periods"][1]["rate_agreed"]) == D("0.1825")


def test_cli_lpr_table(tmp_path) -> None:
    path = tmp_path / "lpr.csv"
    path.write_text("date,rate_percent,confirmed,source\n2019-08-20,4.25,yes,t\n2023-04-20,2.00,yes,t\n")
    result = run(
        "interest", "--principal", "100000", "--rate", "24%", "--from", "2023-05-01", "--to", "2024-05-01",
        "--contract-date", "2023-05-01", "--filing-date", "2024-06-01", "--lpr-table", str(path), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert D(json.loads(result.output)["periods"][0]["rate_applied"]) == D("0.08")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["interest", "--rate", "24%"], "missing --principal"),
        (["interest", "--principal", "1e5"], "not an amount"),
        (["interest", "--principal", "100", "--rate", "24"], "ambiguous"),
        (["interest", "--principal", "100", "--rate", "24%", "--from", "2020-13-01"], "not a date"),
        (
            ["interest", "--principal", "100", "--rate", "24%", "--from", "2023-01-01", "--to", "2024-01-01",
             "--contract-date", "2023-01-01", "--lender-kind", "individual"],
            "unknown lender kind",
        ),
        (
            ["interest", "--principal", "100", "--from", "2023-01-01", "--to", "2024-01-01",
             "--contract-date", "2023-01-01", "--repay", "2023-06-01"],
            "DATE:AMOUNT",
        ),
        (
            ["interest", "--principal", "100", "--from", "2023-01-01", "--to", "2024-01-01",
             "--contract-date", "2023-01-01", "--lpr-table", "/nonexistent.csv"],
            "cannot read LPR table",
        ),
        (["apr", "--principal", "100"], "missing --payment"),
        (["apr", "--principal", "100", "--payment", "10x0"], "bad count"),
        (["apr", "--principal", "100", "--payment", "abc"], "not an amount"),
    ],
)  # fmt: skip
def test_cli_errors_are_one_line_exit_2(args: list[str], match: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("loanclause calc: ") and match in lines[0], result.output


def test_cli_help_teaches() -> None:
    for sub in ("interest", "apr"):
        result = run(sub, "--help")
        assert result.exit_code == 0 and "Examples:" in result.output
    assert "8833.3x12" in run("apr", "--help").output
    assert "2020-08-20" in run("interest", "--help").output
    assert "interest" in run("--help").output


def test_parsers() -> None:
    assert parse_amount("100,000.50", "x") == D("100000.50") and parse_amount("1.5万", "x") == D(15000)
    assert parse_rate("24%", "x") == D("0.24") and parse_rate("0.24", "x") == D("0.24")
    assert parse_rate("2%/month", "x") == D("0.24") and parse_rate("0.05%/day", "x") == D("0.1825")
    assert parse_rate("5‱/d", "x") == D("0.1825") and parse_rate("1.5%/月", "x") == D("0.18")
    assert parse_payments(("500x2", "1000")) == [D(500), D(500), D(1000)]


def test_calc_rate_accepts_contract_wording() -> None:
    # 月息2分 = 2 % a month = 24 % a year; formed 2023-05-01 (LPR 3.65 %, cap 14.6 %): 366 days at 14.6 %.
    args = ["calc", "interest", "--principal", "100000", "--from", "2023-05-01", "--to", "2024-05-01"]
    args += ["--contract-date", "2023-05-01", "--filing-date", "2024-06-01", "--format", "json"]
    worded = CliRunner().invoke(calc, [*args[1:], "--rate", "月息2分"])
    plain = CliRunner().invoke(calc, [*args[1:], "--rate", "2%/month"])
    assert worded.exit_code == 0 and worded.output == plain.output
    assert json.loads(worded.output)["total_interest"] == "14640.00"


def test_penalty_and_fees_are_capped_together_with_the_overdue_rate() -> None:
    # Issue 12, build 1.  100,000 at 12% formed 2023-05-01 (cap 14.6%), overdue from 2023-11-01 at 10% with a
    # 违约金 of 日万分之二 (0.02% × 365 = 7.3%): 17.3% > 14.6% → 14.6% for the overdue phase (Art. 29):
    # 2023-11-01 … 2024-04-30 = 182 days: 100,000 × 14.6% × 182 / 365 = 7,280.00; loan phase 6,049.32
    s = claimable_interest(
        D(100000), D("0.12"), "2023-05-01", "2024-05-01", contract_date="2023-05-01", filing_date="2024-06-01",
        overdue_from="2023-11-01", overdue_rate=D("0.10"), penalty_rate=Rate(value=D("0.0002"), period="day", annual=None, text="日万分之二"),
    )  # fmt: skip
    loan, overdue = s.periods
    assert loan.interest == D("6049.32")
    assert (overdue.rate_agreed, overdue.rate_applied, overdue.interest) == (
        D("0.173"),
        D("0.146"),
        D("7280.00"),
    )
    assert overdue.capped and overdue.citation.article == "第二十九条" and "违约金7.3%" in overdue.why
    assert s.total_interest == D("6049.32") + D("7280.00")
    # within the cap: 10% + a 1%-a-year fee = 11%: 100,000 × 11% × 182 / 365 = 5,484.93
    within = claimable_interest(
        D(100000), D("0.12"), "2023-05-01", "2024-05-01", contract_date="2023-05-01", filing_date="2024-06-01",
        overdue_from="2023-11-01", overdue_rate=D("0.10"), fee_rate=D("0.01"),
    )  # fmt: skip
    assert (within.periods[1].rate_applied, within.periods[1].interest) == (D("0.11"), D("5484.93"))
    with pytest.raises(ValueError, match="overdue_from"):
        claimable_interest(
            D(1000), D("0.1"), "2023-05-01", "2024-05-01", contract_date="2023-05-01", penalty_rate=D("0.1")
        )


def test_360_day_basis() -> None:
    # 100,000 at 12% from 2023-05-01 for 184 days on a 360-day year: 100,000 × 12% × 184 / 360 = 6,133.33
    s = claimable_interest(
        D(100000), D("0.12"), "2023-05-01", "2023-11-01", contract_date="2023-05-01", filing_date="2024-06-01",
        day_basis=360,
    )  # fmt: skip
    assert s.periods[0].interest == D("6133.33") and s.day_count == "actual/360"
    assert any("/ 360" in n for n in s.notes)
    with pytest.raises(ValueError, match="365 or 360"):
        claimable_interest(D(1), None, "2023-05-01", "2023-11-01", contract_date="2023-05-01", day_basis=366)


def test_cli_interest_penalty_rate_and_day_basis() -> None:
    result = CliRunner().invoke(
        calc,
        ["interest", "--principal", "100000", "--rate", "12%", "--from", "2023-05-01", "--to", "2024-05-01",
         "--contract-date", "2023-05-01", "--filing-date", "2024-06-01", "--overdue-from", "2023-11-01",
         "--overdue-rate", "10%", "--penalty-rate", "0.02%/day", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["periods"][1]["interest"] == "7280.00" and data["day_count"] == "actual/365"


def test_one_off_penalty_only_within_the_combined_cap_over_the_overdue_days() -> None:
    """100,000 at 10 % formed 2023-05-01 (cap 4 × 3.65 % = 14.6 %), overdue from 2024-05-01, one-off 违约金 5,000.

    Overdue 2024-05-01 … 2024-05-31, 31 days: the combined cap allows 100,000 × 0.146 × 31 / 365 = 1,240.00; the
    loan rate runs on as overdue interest, 100,000 × 0.10 × 31 / 365 = 849.32; room left for the 违约金:
    390.68 (the other 4,609.32 is above the cap).  Loan period 2023-05-01 … 2024-04-30, 366 days:
    100,000 × 0.10 × 366 / 365 = 10,027.40.  Amount due 100,000 + 10,027.40 + 849.32 + 390.68 = 111,267.40.
    Spread over the whole 13 months instead, 5,000 would look like a mere 4.6 % a year and hide the excess."""
    s = claimable_interest(
        D(100000),
        D("0.10"),
        "2023-05-01",
        "2024-06-01",
        contract_date="2023-05-01",
        filing_date="2024-06-01",
        overdue_from="2024-05-01",
        penalty_amount=5000,
    )
    assert s.total_interest == D("10876.72")
    assert s.penalty_agreed == D(5000) and s.penalty_claimable == D("390.68")
    assert s.amount_due == D("111267.40")
    assert any("4,609.32 above it is not supported" in n for n in s.notes)
    with pytest.raises(ValueError, match="overdue_from"):
        claimable_interest(
            D(1000), D("0.1"), "2023-01-01", "2023-06-01", contract_date="2023-01-01", penalty_amount=1
        )
