"""``loanclause calc``: claimable interest under the caps, and the annualised cost of a loan by IRR.

The commands only parse options and print; the arithmetic is in :mod:`loanclause.calc`.  Register on the main
group with ``main.add_command(calc)``.  Errors print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

import click

__all__ = ["calc", "parse_amount", "parse_payments", "parse_rate"]

_CTX = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


class CalcError(click.ClickException):
    """A usage or input error: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"loanclause calc: {self.format_message()}", err=True, file=file)


# ------------------------------------------------------------------------------------------- parsing

_AMOUNT_RE = re.compile(r"^([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万|w|W|k|K)?\s*元?$")


def parse_amount(text: str, what: str) -> Decimal:
    """``100000``, ``100,000.00``, ``10万`` → Decimal."""
    m = _AMOUNT_RE.match(text.strip())
    if not m:
        raise CalcError(f"{what}: not an amount: {text!r} (e.g. 100000, 100,000.00 or 10万)")
    value = Decimal(m.group(1).replace(",", "").replace("，", ""))
    unit = (m.group(2) or "").lower()
    if unit in ("万", "w"):
        value *= 10000
    elif unit == "k":
        value *= 1000
    return value


_PERIODS = {
    "y": "year",
    "yr": "year",
    "year": "year",
    "a": "year",
    "年": "year",
    "m": "month",
    "mo": "month",
    "month": "month",
    "月": "month",
    "d": "day",
    "day": "day",
    "日": "day",
}
_FACTORS = {"year": Decimal(1), "month": Decimal(12), "day": Decimal(365)}
_RATE_RE = re.compile(
    r"^(?P<num>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>%|‰|‱)?\s*(?:(?:/|per\s*|每)\s*(?P<period>[a-z年月日]+))?$",
    re.I,
)


def parse_rate(text: str, what: str) -> Decimal:
    """An annual fraction from ``24%``, ``0.24``, ``2%/month``, ``0.05%/day``, ``5‱/day`` (× 12 a month,
    × 365 a day), or from contract wording such as ``月息2分`` or ``日万分之五``."""
    m = _RATE_RE.match(text.strip().replace("％", "%"))
    if not m:
        # Contract wording (月息2分, 日万分之五, 年利率24%) goes through the same parser as the contracts.
        from loanclause.values.rates import parse_rate as parse_contract_rate

        rate = parse_contract_rate(text)
        if rate is not None and rate.annual is not None:
            return rate.annual
        if rate is not None and rate.value is not None:
            raise CalcError(f"{what}: {text!r} does not say per day, month or year (e.g. 月息2分, 年利率24%)")
        raise CalcError(
            f"{what}: not a rate: {text!r} (e.g. 24%, 0.24, 2%/month, 0.05%/day, 月息2分, 日万分之五)"
        )
    value = Decimal(m.group("num"))
    unit = m.group("unit")
    if unit == "%":
        value /= 100
    elif unit == "‰":
        value /= 1000
    elif unit == "‱":
        value /= 10000
    elif value >= 1:
        raise CalcError(
            f"{what}: {text!r} is ambiguous: write {text}% for a percentage or a fraction below 1"
        )
    period = "year"
    if m.group("period"):
        key = m.group("period").lower()
        if key not in _PERIODS:
            raise CalcError(f"{what}: unknown period {m.group('period')!r} (use year, month or day)")
        period = _PERIODS[key]
    return value * _FACTORS[period]


def _parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CalcError(f"{what}: not a date: {text!r} (use YYYY-MM-DD)") from None


def _need(value: Any, what: str) -> Any:
    if value is None:
        raise CalcError(f"missing {what} (see --help)")
    return value


def parse_payments(items: tuple[str, ...]) -> list[Decimal]:
    """``("8833.3x12",)`` → twelve payments; ``("500x11", "100500")`` → eleven of 500 then one of 100,500."""
    pays: list[Decimal] = []
    for item in items:
        m = re.fullmatch(r"\s*(?P<amount>[^x×*]+?)\s*(?:[x×*]\s*(?P<count>\S+))?\s*", item)
        if not m:
            raise CalcError(f"--payment: expected AMOUNT or AMOUNTxN, got {item!r} (e.g. 8833.3x12)")
        n = 1
        if m.group("count") is not None:
            if not m.group("count").isdigit() or int(m.group("count")) <= 0:
                raise CalcError(f"--payment: bad count in {item!r} (e.g. 8833.3x12)")
            n = int(m.group("count"))
        pays.extend([parse_amount(m.group("amount"), "--payment")] * n)
    return pays


def _echo_json(text: str) -> None:
    click.echo(text)


# ------------------------------------------------------------------------------------------- commands


@click.group("calc", context_settings=_CTX)
def calc() -> None:
    """Loan arithmetic under the PRC caps: claimable interest, annualised cost.

    \b
      loanclause calc interest   interest a court can support between two dates
      loanclause calc apr        annualised cost (IRR) from payments and fees

    Run a subcommand with --help for its options and worked examples.
    """


@calc.command("interest", context_settings=_CTX)
@click.option("--principal", metavar="AMOUNT", help="Principal actually lent, e.g. 100000 or 10万.")
@click.option(
    "--rate",
    metavar="RATE",
    help="Agreed loan-period rate: 24%, 0.24, 2%/month, 0.05%/day. Omit if no interest was agreed.",
)
@click.option("--from", "start", metavar="DATE", help="First day of interest (YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="End date; interest runs to the day before (算头不算尾).")
@click.option(
    "--contract-date", metavar="DATE", help="Day the contract was formed (for private loans: paid out)."
)
@click.option(
    "--filing-date",
    metavar="DATE",
    help="Day the suit is filed; matters for contracts formed before 2020-08-20. Default: today.",
)
@click.option("--overdue-from", metavar="DATE", help="First overdue day; from then the overdue rate applies.")
@click.option(
    "--overdue-rate", metavar="RATE", help="Agreed overdue rate; omit to apply the statutory default."
)
@click.option(
    "--penalty-rate",
    metavar="RATE",
    help="A 违约金 that runs after the due date, e.g. 0.05%/day; capped together with the overdue rate.",
)
@click.option(
    "--fee-rate", metavar="RATE", help="Overdue fees that run, e.g. 1%/month; capped together with the rest."
)
@click.option(
    "--penalty-amount",
    metavar="AMOUNT",
    help="A one-off 违约金, e.g. 5000 (for 本金的5%, work out the sum): claimable only within the room the "
    "combined cap leaves over the overdue days.",
)
@click.option(
    "--day-basis",
    type=click.Choice(["365", "360"]),
    default="365",
    show_default=True,
    help="Days in a year for the day count (360 only where the contract says so).",
)
@click.option(
    "--repay",
    "repays",
    multiple=True,
    metavar="DATE:AMOUNT",
    help="A repayment, e.g. 2020-06-01:20000; repeat for more. Applied to interest first, then principal.",
)
@click.option(
    "--lender-kind",
    default="private",
    show_default=True,
    metavar="KIND",
    help="private (民间借贷), licensed_fi (banks, consumer finance …) or local_fin_org (小额贷款公司 …).",
)
@click.option(
    "--lpr-table", metavar="FILE", help="A newer one-year LPR CSV (date,rate_percent,confirmed,source)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output.",
)
def interest(
    principal: str | None,
    rate: str | None,
    start: str | None,
    end: str | None,
    contract_date: str | None,
    filing_date: str | None,
    overdue_from: str | None,
    overdue_rate: str | None,
    penalty_rate: str | None,
    fee_rate: str | None,
    penalty_amount: str | None,
    day_basis: str,
    repays: tuple[str, ...],
    lender_kind: str,
    lpr_table: str | None,
    fmt: str,
) -> None:
    """Interest a court can support from --from to --to, period by period, with the rule for each.

    \b
    What it applies:
      * the cap for the contract date and lender kind: private loans formed from 2020-08-20 →
        4 × the one-year LPR when the contract was formed (SPC private-lending provisions Art. 25);
      * private loans formed before 2020-08-20 → interest to 2020-08-19 under the 2015 rule (24%;
        above 36% void) and from 2020-08-20 under 4 × the LPR at the filing date (Art. 31(2); "at
        filing" is the common reading, not the text);
      * licensed lenders → the 24% comprehensive-cost reference (secondary source);
      * overdue: the agreed overdue rate, capped; none agreed → the loan rate runs; neither agreed →
        the one-year LPR of the time (2015 rule: 6%);
      * --penalty-rate / --fee-rate: a running 违约金 and fees, added to the overdue rate and capped
        together with it (Art. 29; 2015 text Art. 30: 24%);
      * --penalty-amount: a one-off 违约金, claimable within what the combined cap leaves over the
        overdue days after the overdue interest (a short delay leaves little room);
      * repayments: to accrued interest first, then principal (Civil Code Art. 561); under the 2015
        text, interest paid between 24% and 36% stays paid (Art. 31) and is not netted against principal.
    Day count: actual days / 365 (--day-basis 360 where the contract says so); interest from --from up to
    the day before --to.

    \b
    Examples:
      # 24% loan of 2019-06-01, sued 2021-07-01: 24% to 2020-08-19, then 4 × 3.85% = 15.4%
      loanclause calc interest --principal 100000 --rate 24% --from 2019-06-01 --to 2021-06-01 \\
          --contract-date 2019-06-01 --filing-date 2021-07-01 --repay 2020-06-01:20000
      # monthly rate, overdue from 2024-05-01 at 日万分之五
      loanclause calc interest --principal 10万 --rate 1.5%/month --from 2023-05-01 --to 2025-05-01 \\
          --contract-date 2023-05-01 --overdue-from 2024-05-01 --overdue-rate 0.05%/day --format json
    """
    from loanclause.calc import claimable_interest
    from loanclause.errors import LoanClauseError
    from loanclause.law import check_lender_kind, load_lpr_table

    p = parse_amount(_need(principal, "--principal"), "--principal")
    r = parse_rate(rate, "--rate") if rate is not None else None
    od = parse_rate(overdue_rate, "--overdue-rate") if overdue_rate is not None else None
    pen = parse_rate(penalty_rate, "--penalty-rate") if penalty_rate is not None else None
    fees = parse_rate(fee_rate, "--fee-rate") if fee_rate is not None else None
    one_off = parse_amount(penalty_amount, "--penalty-amount") if penalty_amount is not None else None
    start_d = _parse_date(_need(start, "--from"), "--from")
    end_d = _parse_date(_need(end, "--to"), "--to")
    cdate = _parse_date(_need(contract_date, "--contract-date"), "--contract-date")
    fdate = _parse_date(filing_date, "--filing-date")
    odate = _parse_date(overdue_from, "--overdue-from")
    repayments = []
    for item in repays:
        day, sep, amount = item.partition(":")
        if not sep:
            raise CalcError(f"--repay: expected DATE:AMOUNT, got {item!r} (e.g. 2020-06-01:20000)")
        repayments.append((_parse_date(day, "--repay"), parse_amount(amount, "--repay")))
    try:
        kind = check_lender_kind(lender_kind)
        table = load_lpr_table(lpr_table) if lpr_table else None
        schedule = claimable_interest(
            p,
            r,
            start_d,
            end_d,
            contract_date=cdate,
            lender_kind=kind,
            filing_date=fdate,
            overdue_from=odate,
            overdue_rate=od,
            repayments=repayments,
            lpr_table=table,
            penalty_rate=pen,
            fee_rate=fees,
            penalty_amount=one_off,
            day_basis=int(day_basis),
        )
    except (LoanClauseError, ValueError) as err:
        raise CalcError(str(err).replace("\n", " ")) from None
    if fmt == "json":
        _echo_json(schedule.model_dump_json(indent=2))
        return
    from rich.console import Console

    Console().print(schedule.to_table(with_why=False))
    lines = [*schedule.summary_lines(), "依据 why (借期 loan period, 逾期 overdue, 还款 repayment):"]
    lines += ["  " + line for line in schedule.reasons()]
    lines += ["注 notes:"] + ["  - " + line for line in schedule.notes]
    click.echo("\n".join(lines))


@calc.command("apr", context_settings=_CTX)
@click.option("--principal", metavar="AMOUNT", help="Amount of the loan as stated, e.g. 100000.")
@click.option(
    "--fee",
    "fees",
    multiple=True,
    metavar="AMOUNT|RATE%",
    help="A fee paid or deducted at the start: an amount, or a percentage of the principal; repeat for more.",
)
@click.option(
    "--payment",
    "payments",
    multiple=True,
    metavar="AMOUNT[xN]",
    help="Payments at the end of each period, in order: 8833.3x12, or one per option.",
)
@click.option(
    "--periods-per-year",
    default="12",
    show_default=True,
    metavar="N",
    help="12 for monthly payments, 52 weekly; for one payment after D days use 365/D.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output.",
)
def apr_command(
    principal: str | None, fees: tuple[str, ...], payments: tuple[str, ...], periods_per_year: str, fmt: str
) -> None:
    """Annualised cost of a loan by IRR, both ways the PBoC allows (Announcement [2021] No. 3).

    Solves principal − fees = Σ payment_k / (1 + i)^k for the periodic rate i, then reports
    i × periods per year (simple; a disclosure must label it 单利) and (1 + i)^n − 1 (compound).

    \b
    Examples:
      # the PBoC example: 100,000 loan, 1,000 fee, 12 monthly payments of 8,833.3
      loanclause calc apr --principal 100000 --fee 1000 --payment 8833.3x12
      →  simple 12.80%, compound 13.58% (monthly IRR 1.0670%)
      # interest-only 11 months, principal in month 12, 2% service fee deducted at payout
      loanclause calc apr --principal 100000 --fee 2% --payment 1000x11 --payment 101000
    """
    from loanclause.calc import apr
    from loanclause.law._fmt import money, pct

    p = parse_amount(_need(principal, "--principal"), "--principal")
    if not payments:
        raise CalcError("missing --payment (see --help)")
    pays = parse_payments(payments)
    fee_total = Decimal(0)
    for item in fees:
        if item.strip().endswith("%"):
            fee_total += p * parse_rate(item, "--fee")
        else:
            fee_total += parse_amount(item, "--fee")
    try:
        ppy_text = periods_per_year.strip()
        if "/" in ppy_text:
            num, den = ppy_text.split("/", 1)
            ppy = Decimal(num) / Decimal(den)
        else:
            ppy = Decimal(ppy_text)
    except (InvalidOperation, ZeroDivisionError):
        raise CalcError(f"--periods-per-year: not a number: {periods_per_year!r}") from None
    try:
        result = apr(p, pays, fee_total, periods_per_year=ppy)
    except ValueError as err:
        raise CalcError(str(err)) from None
    if fmt == "json":
        _echo_json(json.dumps(json.loads(result.model_dump_json()), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"年化利率 annualised rate — 本金 {money(p)}，费用 {money(fee_total)}，{len(pays)}期")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("periodic IRR 期利率", pct(result.periodic_irr, 4))
    table.add_row(f"simple 单利 (i × {ppy.normalize():f})", pct(result.simple_annual, 2))
    table.add_row(f"compound 复利 ((1+i)^{ppy.normalize():f} − 1)", pct(result.compound_annual, 2))
    table.add_row("received 实际到手", money(result.net_principal))
    table.add_row("paid 还款合计", money(result.total_paid))
    Console().print(table)
    click.echo("单利 figures must be labelled 单利 when disclosed (PBoC Announcement [2021] No. 3).")
