"""The repayment schedule of a loan from its terms, to the fen.

``build_schedule`` lays out every instalment (due date, principal, interest, payment, balance after) of a loan
repaid by one of the four methods contracts name (see ``loanclause.values.repayment``):

* 等额本息 ``equal_installment``: the same payment every month;
* 等额本金 ``equal_principal``: the same principal every month, interest on the falling balance;
* 先息后本 / 按月付息到期还本 ``interest_first``: interest every month, all principal with the last;
* 到期一次性还本付息 ``bullet``: principal and interest in one payment at maturity.

``schedule_from_terms`` does the same from extracted ``LoanTerms``, and returns None rather than guess when a
piece is missing.  ``RepaymentSchedule.cash_flows`` gives the borrower's dated cash flows, for an IRR or APR.

Conventions, and why:

* Monthly rate r = annual rate / 12.  Contracts and banks quote a nominal annual rate and compute monthly
  interest as one twelfth of it (月利率 = 年利率 ÷ 12), not as the twelfth root of 1 + the annual rate.
* Every amount is rounded to the fen (0.01) with ROUND_HALF_UP at each instalment, as a bank statement shows
  it; totals are sums of the rounded amounts.  Intermediate products are worked at 40 significant digits.
* Interest for a monthly instalment is one month's interest on the balance before it (balance × r), whatever
  the number of calendar days in the period: monthly schedules are quoted that way.  With a repayment day the
  first period may be longer or shorter than a month and is still charged one month (a note says so).
* 等额本息: the payment A = P·r·(1+r)^n / ((1+r)^n − 1), rounded to the fen (P / n when r = 0); interest_k =
  balance_{k−1}·r rounded; principal_k = A − interest_k.  Because A is rounded, the balance after n − 1
  instalments is not exactly one instalment's principal: the LAST instalment repays the remaining balance
  exactly, so its payment may differ from A by a few fen (a note gives the difference).
* 等额本金: principal part P / n rounded to the fen, the last instalment takes the remainder; interest_k =
  balance_{k−1}·r rounded.
* 先息后本: interest P·r rounded every month, the whole principal with the last instalment.
* 到期一次性: one instalment at maturity with simple interest P·annual·months/12 for a term in months and
  P·annual·days/day_basis for a term in days (both parts for a term such as 1年零10天), rounded once.
* Due dates.  With a repayment day d: day d of the month after the start date's month, then day d of each
  following month, clamped to the month's end (d = 31 → 2024-02-29).  Without: start date + k months, the same
  day of the month, clamped to the month's end (2024-01-31 → 2024-02-29, 2024-03-31, 2024-04-30); each date is
  counted from the start date, not from the previous due date, so a clamp does not carry over.  A bullet loan
  falls due at start date + the term (months, then days); a repayment day is not used for it.
* Interest runs from the start date (taken as the day the money is paid out); a term in days is counted from
  the start date with the day of payment out counted and the day of maturity not (算头不算尾), like
  ``loanclause.calc``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal, localcontext

from loanclause.calc import _cents, _day, _dec, annual_rate
from loanclause.models import Instalment, LoanTerms, RepaymentMethod, RepaymentSchedule
from loanclause.values.dates import add_months

__all__ = ["METHOD_NAMES_ZH", "Instalment", "RepaymentSchedule", "build_schedule", "schedule_from_terms"]

_ZERO = Decimal(0)
_METHODS = ("equal_installment", "equal_principal", "interest_first", "bullet")
METHOD_NAMES_ZH = {
    "equal_installment": "等额本息",
    "equal_principal": "等额本金",
    "interest_first": "先息后本",
    "bullet": "到期一次性还本付息",
}


# --------------------------------------------------------------------------------------------- dates


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _due_dates(start: date, n: int, repayment_day: int | None) -> list[date]:
    """The ``n`` monthly due dates: start + k months, or day ``repayment_day`` of the k-th month after the start
    date's month; both clamped to the month's end."""
    if repayment_day is None:
        return [add_months(start, k) for k in range(1, n + 1)]
    first = start.replace(day=1)
    return [_clamped((m := add_months(first, k)).year, m.month, repayment_day) for k in range(1, n + 1)]


# ------------------------------------------------------------------------------------------ schedule


def _monthly(
    method: str, p: Decimal, annual: Decimal, n: int, dues: list[date], notes: list[str]
) -> list[Instalment]:
    with localcontext() as ctx:
        ctx.prec = 40
        r = annual / 12
        if method == "equal_installment":
            level = p / n if r == 0 else p * r * (1 + r) ** n / ((1 + r) ** n - 1)
        elif method == "equal_principal":
            level = p / n
        else:
            level = _ZERO
    level = _cents(level)

    out: list[Instalment] = []
    balance = p
    for k, due in enumerate(dues, start=1):
        with localcontext() as ctx:
            ctx.prec = 40
            interest = _cents(balance * annual / 12)
        last = k == n
        if last:
            part = balance
        elif method == "equal_installment":
            part = level - interest
        elif method == "equal_principal":
            part = level
        else:
            part = _ZERO
        part = min(max(part, _ZERO), balance)  # only tiny loans over many months could overshoot
        balance -= part
        out.append(
            Instalment(
                number=k,
                due_date=due,
                principal=part,
                interest=interest,
                payment=part + interest,
                balance_after=balance,
            )
        )

    if method == "equal_installment" and n > 1 and out[-1].payment != level:
        diff = out[-1].payment - level
        notes.append(
            f"每期还款额 {level} 元；最后一期还清剩余本金，还款额为 {out[-1].payment} 元，"
            f"与每期相差 {diff:+} 元（每期金额取整到分所致） / "
            f"regular payment {level}; the last instalment repays the remaining balance exactly and is "
            f"{out[-1].payment}, {diff:+} off the regular payment because each amount is rounded to the fen"
        )
    if method == "equal_principal" and n > 1 and out[-1].principal != level:
        notes.append(
            f"每期本金 {level} 元，最后一期本金为剩余的 {out[-1].principal} 元 / principal {level} per "
            f"instalment; the last instalment takes the remaining {out[-1].principal}"
        )
    return out


def build_schedule(
    principal: Decimal | int | str,
    annual_rate: Decimal | int | str,
    start_date: date | str,
    *,
    months: int | None = None,
    days: int | None = None,
    method: RepaymentMethod,
    repayment_day: int | None = None,
    day_basis: int = 365,
) -> RepaymentSchedule:
    """The schedule of a loan of ``principal`` at the nominal ``annual_rate`` (a fraction: 0.12 for 12 %) from
    ``start_date`` for ``months`` months (monthly methods and bullet) or ``days`` days (bullet; a bullet term
    may have both, as in 1年零10天).  See the module docstring for the conventions.

    >>> s = build_schedule(Decimal(120000), Decimal("0.12"), date(2024, 1, 15), months=12,
    ...                    method="equal_installment")
    >>> s.instalments[0].payment, s.instalments[0].interest, s.instalments[0].due_date
    (Decimal('10661.85'), Decimal('1200.00'), datetime.date(2024, 2, 15))

    Raises ``ValueError`` for a principal not positive, a negative rate, no term, a term not positive, a term in
    days for a monthly method, a repayment day outside 1–31, a day basis not positive, or a method with no
    schedule (``other``).
    """
    p = _dec(principal, "principal")
    annual = _dec(annual_rate, "annual_rate")
    start = _day(start_date, "start_date")
    if p <= 0:
        raise ValueError(f"principal must be positive: {p}")
    if annual < 0:
        raise ValueError(f"annual_rate must not be negative: {annual}")
    if method not in _METHODS:
        raise ValueError(
            f"no schedule for repayment method {method!r}: expected one of {', '.join(_METHODS)}"
        )
    if months is None and days is None:
        raise ValueError("a term is needed: months or days")
    for name, value in (("months", months), ("days", days)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise ValueError(f"{name} must be a positive whole number: {value!r}")
    if repayment_day is not None and not (isinstance(repayment_day, int) and 1 <= repayment_day <= 31):
        raise ValueError(f"repayment_day must be a day of the month, 1 to 31: {repayment_day!r}")
    if not isinstance(day_basis, int) or day_basis <= 0:
        raise ValueError(f"day_basis must be a positive number of days: {day_basis!r}")

    notes = [
        f"还款方式：{METHOD_NAMES_ZH[method]} / repayment method: {method.replace('_', ' ')}",
        "起息日为借款起始日（视为出借款项交付之日） / interest runs from the start date, taken as the day the "
        "money is paid out",
        "每期金额按四舍五入取整到分，合计为各期取整后金额之和 / every amount is rounded to the fen (half up) at "
        "each instalment; totals are sums of the rounded amounts",
    ]

    if method == "bullet":
        m, d = months or 0, days or 0
        due = add_months(start, m) + timedelta(days=d)
        with localcontext() as ctx:
            ctx.prec = 40
            interest = _cents(p * annual * m / 12 + p * annual * d / day_basis)
        parts = []
        if m:
            parts.append((f"{m} 个月按 {m}/12 年", f"{m} months as {m}/12 of a year"))
        if d:
            parts.append(
                (
                    f"{d} 天按 {d}/{day_basis} 年",
                    f"{d} days as {d}/{day_basis} of a year (actual/{day_basis})",
                )
            )
        notes.append(
            "到期一次性还本付息，单利：利息 = 本金 × 年利率 × 期限（"
            + "，".join(cn for cn, _ in parts)
            + "） / one payment at maturity with simple interest: principal × annual rate × term ("
            + ", ".join(en for _, en in parts)
            + ")"
        )
        if d:
            notes.append(
                f"到期日 = 起始日 + {d} 天（算头不算尾） / maturity = start date + {d} days (the first day counts, "
                "the last does not)"
            )
        if repayment_day is not None:
            notes.append(
                f"一次性还本付息不按每月还款日（{repayment_day} 日）排期，到期日为期限届满之日 / the repayment "
                f"day ({repayment_day}) is not used for a bullet loan: it falls due at the end of the term"
            )
        instalments = [
            Instalment(
                number=1,
                due_date=due,
                principal=p,
                interest=interest,
                payment=p + interest,
                balance_after=_ZERO,
            )
        ]
    else:
        if days is not None:
            raise ValueError(
                f"a term in days ({days}) has no monthly schedule for {method}: give the term in whole months"
            )
        assert months is not None
        notes.append(
            "月利率 = 年利率 ÷ 12（名义利率），每期利息 = 上期末本金余额 × 月利率，不按实际天数 / monthly rate = "
            "annual rate ÷ 12 (nominal); each instalment's interest is one month's interest on the balance "
            "before it, whatever the number of days in the period"
        )
        dues = _due_dates(start, months, repayment_day)
        if repayment_day is None:
            notes.append(
                "未约定还款日：每期还款日为起始日后每满一个月的对应日，无对应日的取该月末日 / no repayment day: "
                "each due date is the start date plus k months, on the same day of the month or the month's "
                "last day where there is none"
            )
        else:
            notes.append(
                f"还款日为每月 {repayment_day} 日（无该日的取月末日），首期为起始日次月；首期不足或超过一个月仍按一个月"
                f"计息 / due on day {repayment_day} of each month (the month's last day where there is none), "
                "from the month after the start date; the first period is charged one month's interest even "
                "when it is shorter or longer than a month"
            )
        if any(due.day != (repayment_day or start.day) for due in dues):
            notes.append(
                "部分还款日因当月无对应日而取月末日 / some due dates fall on the month's last day because the "
                "month has no such day"
            )
        instalments = _monthly(method, p, annual, months, dues, notes)

    total_interest = sum((i.interest for i in instalments), _ZERO)
    total_payment = sum((i.payment for i in instalments), _ZERO)
    return RepaymentSchedule(
        method=method,
        principal=p,
        annual_rate=annual,
        start_date=start,
        periods=len(instalments),
        repayment_day=repayment_day,
        day_basis=day_basis,
        instalments=instalments,
        total_interest=total_interest,
        total_payment=total_payment,
        notes=notes,
    )


# ------------------------------------------------------------------------------------------ from terms


def _term_from_dates(start: date, end: date, *, inclusive_end: bool) -> tuple[int | None, int | None]:
    """Whole months when ``end`` is ``start`` + m months (clamped) — or, with ``inclusive_end``, the day before
    it, as contracts write the last day of the term (2024-01-15 至 2025-01-14 is twelve monthly instalments) —
    else the days between them (a bullet loan pays for the days it ran, to the end date written)."""
    for last in (end, end + timedelta(days=1)) if inclusive_end else (end,):
        m = (last.year - start.year) * 12 + last.month - start.month
        if m > 0 and add_months(start, m) == last:
            return m, None
    return None, (end - start).days


def schedule_from_terms(terms: LoanTerms) -> RepaymentSchedule | None:
    """The schedule of the loan ``terms`` describe, or None (never a guess) when one of these is missing or
    unusable: the principal; the annual interest rate (a rate with no period is not annualised); the start
    date (``start_date``, else ``contract_date``); the term (``term.months`` / ``term.days``, else derived from
    ``end_date``: whole months when the end date is the start date + m months, else its days); the repayment
    method (None or ``other``: none is assumed, not even for a single-period loan).  None too when the terms
    cannot make a schedule (a principal not positive, a negative rate, a term in days with a monthly method).
    """
    if terms.principal is None or terms.interest_rate is None:
        return None
    method = terms.repayment_method
    if method is None or method not in _METHODS:
        return None
    try:
        annual = annual_rate(terms.interest_rate, "interest rate")
    except ValueError:
        return None
    if annual is None:
        return None
    start = terms.start_date or terms.contract_date
    if start is None:
        return None

    notes: list[str] = []
    if terms.start_date is None:
        notes.append(
            f"合同未载明借款起始日，以合同签订日 {start.isoformat()} 为起始日 / no start date stated: the contract "
            f"date {start.isoformat()} is taken as the start date"
        )
    months = days = None
    if terms.term is not None:
        months = terms.term.months or None
        days = terms.term.days or None
    if months is None and days is None and terms.end_date is not None:
        if terms.end_date <= start:
            return None
        months, days = _term_from_dates(start, terms.end_date, inclusive_end=method != "bullet")
        term_text = f"{months} 个月 / {months} months" if months else f"{days} 天 / {days} days"
        notes.append(
            f"期限由起止日期 {start.isoformat()} 至 {terms.end_date.isoformat()} 推得：{term_text} / the term is "
            "derived from the start and end dates"
        )
    if months is None and days is None:
        return None

    try:
        schedule = build_schedule(
            terms.principal.amount,
            annual,
            start,
            months=months,
            days=days,
            method=method,
            repayment_day=terms.repayment_day,
            day_basis=terms.interest_rate.basis_days or 365,
        )
    except ValueError:
        return None
    schedule.notes.extend(notes)
    return schedule
