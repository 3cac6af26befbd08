"""Legally claimable interest between two dates, and the annualised cost of a loan by IRR.

``claimable_interest`` splits the time from ``start`` to ``end`` into periods and applies, period by period:

* the cap for the contract date and lender kind (``loanclause.law.regime_for``): 4 × the one-year LPR at
  formation for private loans formed from 2020-08-20; for private loans formed earlier, the 2015 rule (24 %
  enforceable, above 36 % void) for interest up to 2020-08-19 and 4 × the LPR at the filing date from 2020-08-20
  (SPC private-lending provisions Art. 31(2); "at filing" is the common reading, not the text); the 24 %
  comprehensive-cost reference for licensed lenders (secondary source);
* the overdue rate: the agreed one, capped (Art. 28(1)); none agreed → the loan-period rate runs (Art.
  28(2)(二)); neither agreed → the one-year LPR at the time (Art. 28(2)(一); the 2015 text: 6 %);
* partial repayments, applied to interest first and then principal (Civil Code Art. 561: costs of enforcement,
  interest, principal — no costs are modelled here).

Day count: actual days / 365.  Interest accrues on every day from ``start`` up to the day before ``end`` (算头不
算尾: the first day counts, the last does not), so ``days = (end − start).days``; a repayment on day *d* reduces the
balance from *d* on.  Each period's interest is rounded to the cent (half up); totals are sums of the rounded
amounts.  Interest is simple: unpaid interest never earns interest.

``apr`` solves the internal rate of return of a loan's cash flows (principal less up-front fees paid out,
periodic payments in) and annualises it both ways the PBoC allows (Announcement [2021] No. 3): simple
(periodic IRR × periods per year, to be labelled 单利) and compound ((1 + i)^n − 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, Field

from loanclause.law import Cap, LprTable, Regime, citation, regime_for
from loanclause.law._fmt import money, pct
from loanclause.models import Citation, Rate

__all__ = [
    "DAYS_PER_YEAR",
    "AprResult",
    "Period",
    "RepaymentApplied",
    "Schedule",
    "annual_rate",
    "apr",
    "claimable_interest",
    "installment_payments",
]

DAYS_PER_YEAR = Decimal(365)
_CENT = Decimal("0.01")
_ZERO = Decimal(0)
#: an amount of 10^30 yuan (a hostile rate on a large principal) has more digits than the default context holds
#: once written to the fen; rounding in a wide context keeps every finite result representable
_WIDE = Context(prec=80)


def _cents(x: Decimal) -> Decimal:
    return x.quantize(_CENT, rounding=ROUND_HALF_UP, context=_WIDE)


def _dec(value: Any, what: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{what}: not a number: {value!r}") from None


def _day(value: date | str, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{what}: not an ISO date (YYYY-MM-DD): {value!r}") from None


def annual_rate(rate: Decimal | Rate | str | int | float | None, what: str = "rate") -> Decimal | None:
    """An annual fraction from a Decimal (already annual), a ``Rate`` (its ``annual``, or its value × 12 / ×
    basis days) or a string such as ``"0.24"``.  A ``Rate`` with no period is refused: it cannot be annualised
    without guessing (see rule LC107)."""
    if rate is None:
        return None
    if isinstance(rate, Rate):
        if rate.annual is not None:
            return rate.annual
        if rate.value is None or rate.period is None:
            raise ValueError(f"{what} {rate.text or rate.value!r} has no period (day, month or year)")
        factor = {"year": Decimal(1), "month": Decimal(12), "day": Decimal(rate.basis_days)}[rate.period]
        return rate.value * factor
    value = _dec(rate, what)
    if value < 0:
        raise ValueError(f"{what} must not be negative: {value}")
    return value


# ------------------------------------------------------------------------------------------ claimable interest


class Period(BaseModel):
    """One stretch of days with the same balance, phase, rate and cap.  ``start`` and ``end`` are the first and
    the last day that accrue interest (both inclusive); ``days`` = end − start + 1."""

    start: date
    end: date
    days: int
    phase: Literal["loan", "overdue"]
    principal: Decimal = Field(description="principal outstanding during the period")
    rate_agreed: Decimal | None = Field(
        description="annual rate the contract agreed for this phase (None: none)"
    )
    rate_applied: Decimal = Field(description="annual rate claimable after the cap or the statutory default")
    cap: Decimal | None = Field(default=None, description="the cap that governed the period")
    capped: bool = False
    why: str = Field(description="Chinese: which rule set the rate")
    why_en: str = ""
    citation: Citation | None = None
    interest: Decimal = Field(description="claimable interest for the period, rounded to the cent")
    agreed_interest: Decimal = Field(description="interest at the agreed rate, for comparison")


class RepaymentApplied(BaseModel):
    on: date
    amount: Decimal
    to_interest: Decimal
    to_principal: Decimal
    to_paid_zone_interest: Decimal = Field(
        default=_ZERO,
        description="interest between 24 % and the agreed rate (at most 36 %) of periods under the 2015 text, paid "
        "voluntarily: not refundable (2015 Art. 31), so neither claimable nor netted against principal",
    )
    unapplied: Decimal = Field(default=_ZERO, description="overpayment beyond everything due")
    principal_after: Decimal
    interest_unpaid_after: Decimal


class Schedule(BaseModel):
    """The periods of a claimable-interest calculation and its totals (JSON: ``model_dump_json()``)."""

    principal: Decimal
    start: date
    end: date = Field(description="exclusive: interest runs to the day before")
    contract_date: date
    lender_kind: str
    filing_date: date
    filing_date_assumed: bool
    regime: str
    day_count: str = "actual/365"
    periods: list[Period] = Field(default_factory=list)
    repayments: list[RepaymentApplied] = Field(default_factory=list)
    total_interest: Decimal = Field(description="claimable interest accrued over all periods")
    agreed_interest: Decimal = Field(description="interest at the agreed rates, before caps")
    disallowed_interest: Decimal = Field(description="agreed minus claimable")
    interest_paid: Decimal
    paid_zone_interest: Decimal = Field(
        default=_ZERO,
        description="part of the repayments kept by the lender as 24–36 % interest under the 2015 text (not refundable)",
    )
    interest_outstanding: Decimal
    principal_outstanding: Decimal
    penalty_agreed: Decimal = Field(
        default=_ZERO, description="a one-off 违约金 the contract sets (penalty_amount)"
    )
    penalty_claimable: Decimal = Field(
        default=_ZERO,
        description="the part of it within the combined cap: what the capped rate over the overdue days leaves "
        "after the overdue interest (current Art. 29; 2015 Art. 30)",
    )
    amount_due: Decimal = Field(
        description="principal, interest and claimable one-off penalty outstanding at the end"
    )
    notes: list[str] = Field(default_factory=list)

    def to_table(self, *, title: str | None = None, with_why: bool = True) -> Any:
        """A ``rich.table.Table`` of the periods and repayments in date order, totals in the footer.

        ``with_why=False`` leaves out the long "why" column and numbers the rows instead; print
        :meth:`reasons` under the table (the CLI does this)."""
        from rich import box
        from rich.table import Table

        table = Table(
            title=title
            or f"可主张利息 claimable interest — 本金 {money(self.principal)}, {self.start} → {self.end}",
            show_footer=True,
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column("#", justify="right", footer="")
        table.add_column("from", footer="合计", no_wrap=True, min_width=10)
        table.add_column("to", no_wrap=True, min_width=10)
        table.add_column("days", justify="right")
        table.add_column("phase", no_wrap=True)
        table.add_column("principal", justify="right", no_wrap=True)
        table.add_column("agreed", justify="right", no_wrap=True)
        table.add_column("applied", justify="right", no_wrap=True)
        if with_why:
            table.add_column("why / 依据", overflow="fold", ratio=1)
        table.add_column("interest", justify="right", footer=money(self.total_interest), no_wrap=True)
        for n, ev in enumerate(self._events(), start=1):
            if isinstance(ev, Period):
                row = [
                    str(n),
                    str(ev.start),
                    str(ev.end),
                    str(ev.days),
                    "借期" if ev.phase == "loan" else "逾期",
                    money(ev.principal),
                    pct(ev.rate_agreed) if ev.rate_agreed is not None else "—",
                    pct(ev.rate_applied),
                ]
                if with_why:
                    row.append(_why_text(ev))
                row.append(money(ev.interest))
            else:
                row = [str(n), str(ev.on), "", "", "还款", f"-{money(ev.to_principal)}", "", ""]
                if with_why:
                    row.append(_repay_text(ev))
                row.append(f"({money(ev.to_interest)})")
            table.add_row(*row)
        return table

    def _events(self) -> list[Period | RepaymentApplied]:
        events: list[tuple[date, int, Period | RepaymentApplied]] = [(p.start, 1, p) for p in self.periods]
        events += [(r.on, 0, r) for r in self.repayments]
        return [ev for _, _, ev in sorted(events, key=lambda e: (e[0], e[1]))]

    def reasons(self) -> list[str]:
        """One line per table row (same numbering as ``to_table(with_why=False)``): the rule applied."""
        return [
            f"[{n}] " + (_why_text(ev) if isinstance(ev, Period) else _repay_text(ev))
            for n, ev in enumerate(self._events(), start=1)
        ]

    def summary_lines(self) -> list[str]:
        return [
            f"claimable interest 可主张利息: {money(self.total_interest)}"
            f" (agreed 约定 {money(self.agreed_interest)}, disallowed 不予支持 {money(self.disallowed_interest)})",
            f"interest paid 已付利息: {money(self.interest_paid)}; outstanding 未付: {money(self.interest_outstanding)}",
            *(
                [
                    f"paid 24–36% interest, kept by the lender 已付24%–36%区间利息（不予返还）: "
                    f"{money(self.paid_zone_interest)}"
                ]
                if self.paid_zone_interest
                else []
            ),
            *(
                [
                    f"one-off penalty 一次性违约金: agreed 约定 {money(self.penalty_agreed)}, within the combined cap "
                    f"可主张 {money(self.penalty_claimable)}"
                ]
                if self.penalty_agreed
                else []
            ),
            f"principal outstanding 未还本金: {money(self.principal_outstanding)}; "
            f"amount due 应还合计: {money(self.amount_due)}",
        ]


def _why_text(p: Period) -> str:
    cit = p.citation
    if cit is None:
        return p.why
    return f"{p.why}〔{cit.document}{cit.article or ''}〕"


def _repay_text(r: RepaymentApplied) -> str:
    extra = f"，多付{money(r.unapplied)}" if r.unapplied else ""
    zone = (
        f"，{money(r.to_paid_zone_interest)}为2015年规定下24%–36%区间的利息（自愿支付不予返还，不抵本金）"
        if r.to_paid_zone_interest
        else ""
    )
    return (
        f"{r.on} 还款{money(r.amount)}：先抵利息{money(r.to_interest)}{zone}，再抵本金{money(r.to_principal)}"
        f"{extra}〔民法典第五百六十一条〕"
    )


def _loan_why(agreed: Decimal | None, cap: Cap) -> tuple[Decimal, bool, str, str, Citation]:
    """(applied rate, capped?, why zh, why en, citation) for the loan phase."""
    if agreed is None:
        return (
            _ZERO,
            False,
            "未约定借期利息，借期内不计利息",
            "no interest agreed: none for the loan period",
            citation("spc_pl_current:24", detail="第一款")
            if cap.regime != "pl2015"
            else citation("spc_pl_2015:25", detail="第一款"),
        )
    if cap.regime == "pl2015":
        if agreed <= cap.rate:
            return (
                agreed,
                False,
                f"约定{pct(agreed)}未超过2015年规定的{pct(cap.rate)}",
                f"{pct(agreed)} ≤ {pct(cap.rate)} (2015 rule)",
                (cap.citation),
            )
        void = cap.void_above or cap.rate
        low, high = pct(cap.rate), pct(void)
        zone = (
            f"约定{pct(agreed)}在{low}–{high}区间：超过{low}部分法院不支持、已付不退，按{low}计"
            if agreed <= void
            else f"约定{pct(agreed)}超过{high}，超过部分无效，{low}–{high}部分法院不支持，按{low}计"
        )
        zone_en = (
            f"{pct(agreed)} is in the {low}–{high} zone: not enforced above {low} (not refundable if paid); "
            f"{low} applied"
            if agreed <= void
            else f"{pct(agreed)} is above {high}: void above {high}, not enforced above {low}; {low} applied"
        )
        return cap.rate, True, zone, zone_en, cap.citation
    extra_zh = "（“起诉时”取起诉日LPR，系通行解释而非条文）" if cap.interpretation else ""
    extra_en = " ('at filing' is an interpretation)" if cap.interpretation else ""
    if cap.nature == "reference":
        if agreed <= cap.rate:
            return (
                agreed,
                False,
                f"约定{pct(agreed)}未超过24%参考线",
                f"{pct(agreed)} ≤ the 24% reference",
                (cap.citation),
            )
        return (
            cap.rate,
            True,
            f"约定{pct(agreed)}超过{cap.describe_zh}；借款人请求时法院可调减，按24%计",
            f"{pct(agreed)} exceeds {cap.describe_en}; reducible on the borrower's request; 24% applied",
            cap.citation,
        )
    if agreed <= cap.rate:
        return (
            agreed,
            False,
            f"约定{pct(agreed)}未超过{cap.describe_zh}{extra_zh}",
            f"{pct(agreed)} ≤ {cap.describe_en}{extra_en}",
            cap.citation,
        )
    return (
        cap.rate,
        True,
        f"约定{pct(agreed)}超过{cap.describe_zh}，按上限计{extra_zh}",
        f"{pct(agreed)} exceeds {cap.describe_en}; capped{extra_en}",
        cap.citation,
    )


def _overdue_why(
    regime: Regime, cap: Cap, day: date, overdue_rate: Decimal | None, loan_rate: Decimal | None
) -> tuple[Decimal | None, Decimal, bool, str, str, Citation]:
    """(agreed, applied, capped?, why zh, why en, citation) for an overdue period starting on ``day``."""
    if overdue_rate is not None:
        if cap.regime == "pl2015":
            cit = citation("spc_pl_2015:29", detail="第一款")
        elif cap.regime == "pl2021" and cap.basis == "lpr_at_formation":
            cit = citation("spc_pl_current:28", detail="第一款")
        else:
            cit = cap.citation
        if overdue_rate <= cap.rate:
            return (
                overdue_rate,
                overdue_rate,
                False,
                f"逾期：约定逾期利率{pct(overdue_rate)}未超过{cap.describe_zh}",
                f"overdue: agreed {pct(overdue_rate)} ≤ {cap.describe_en}",
                cit,
            )
        if cap.nature == "reference":
            return (
                overdue_rate,
                cap.rate,
                True,
                f"逾期：约定逾期利率{pct(overdue_rate)}超过{cap.describe_zh}；借款人请求时法院可调减，按{pct(cap.rate)}计",
                f"overdue: agreed {pct(overdue_rate)} exceeds {cap.describe_en}; reducible on the borrower's "
                f"request; {pct(cap.rate)} applied",
                cit,
            )
        return (
            overdue_rate,
            cap.rate,
            True,
            f"逾期：约定逾期利率{pct(overdue_rate)}超过{cap.describe_zh}，按上限计",
            f"overdue: agreed {pct(overdue_rate)} exceeds {cap.describe_en}; capped",
            cit,
        )
    default = regime.overdue_default(day, loan_rate=loan_rate)
    assert default.rate is not None
    applied = min(default.rate, cap.rate)
    capped = applied < default.rate
    why = "逾期：" + default.why_zh + ("，并以上限" + cap.describe_zh + "为限" if capped else "")
    why_en = "overdue: " + default.why_en + (f", capped at {cap.describe_en}" if capped else "")
    return None, applied, capped, why, why_en, default.citation


def _combined_why(
    cap: Cap, overdue: Decimal, penalty: Decimal, fee: Decimal, why: str, why_en: str
) -> tuple[Decimal, Decimal, bool, str, str, Citation]:
    """Overdue interest, a running 违约金 and running fees together, under the combined cap: (agreed total,
    applied, capped?, why zh, why en, citation)."""
    total = overdue + penalty + fee
    parts = [("逾期利率", "overdue", overdue), ("违约金", "违约金", penalty), ("费用", "fees", fee)]
    parts_zh = "＋".join(f"{zh}{pct(v)}" for zh, _, v in parts if v or zh == "逾期利率")
    parts_en = " + ".join(f"{en} {pct(v)}" for zh, en, v in parts if v or zh == "逾期利率")
    base_zh = why.removeprefix("逾期：") + "；" if why else ""
    base_en = why_en.removeprefix("overdue: ") + "; " if why_en else ""
    if total <= cap.rate:
        return (
            total,
            total,
            False,
            f"逾期：{base_zh}{parts_zh}＝{pct(total)}，未超过合计上限{cap.describe_zh}",
            f"overdue: {base_en}{parts_en} = {pct(total)}, within the combined cap of {cap.describe_en}",
            cap.combined_citation,
        )
    if cap.nature == "reference":
        verdict_zh, verdict_en = "借款人请求时法院可调减", "reducible on the borrower's request"
    else:
        verdict_zh, verdict_en = "超过部分法院不予支持", "the excess is not enforceable"
    return (
        total,
        cap.rate,
        True,
        f"逾期：{base_zh}{parts_zh}＝{pct(total)}，超过合计上限{cap.describe_zh}，{verdict_zh}，按{pct(cap.rate)}计",
        f"overdue: {base_en}{parts_en} = {pct(total)}, above the combined cap of {cap.describe_en}; "
        f"{verdict_en}; {pct(cap.rate)} applied",
        cap.combined_citation,
    )


def claimable_interest(
    principal: Decimal | int | str,
    rate: Decimal | Rate | str | int | None,
    start: date | str,
    end: date | str,
    *,
    contract_date: date | str,
    lender_kind: str = "private",
    filing_date: date | str | None = None,
    overdue_from: date | str | None = None,
    overdue_rate: Decimal | Rate | str | int | None = None,
    repayments: Iterable[tuple[date | str, Decimal | int | str]] = (),
    lpr_table: LprTable | str | None = None,
    penalty_rate: Decimal | Rate | str | int | None = None,
    fee_rate: Decimal | Rate | str | int | None = None,
    day_basis: int = 365,
    penalty_amount: Decimal | int | str | None = None,
) -> Schedule:
    """The interest a court can support from ``start`` to ``end`` (exclusive), period by period.

    ``rate`` is the agreed loan-period annual rate (fraction, e.g. ``Decimal("0.24")``, or a ``Rate``; None = no
    interest agreed).  ``overdue_from`` is the first overdue day (the day after the due date); from then the
    agreed ``overdue_rate`` (capped) or the statutory default applies.  ``repayments`` are ``(date, amount)``
    pairs, applied to the interest accrued so far and then to principal.  ``filing_date`` (None → today,
    noted) matters for contracts formed before 2020-08-20.  ``penalty_rate`` (a 违约金 that runs by the day,
    e.g. 日万分之五) and ``fee_rate`` (overdue fees that run) are yearly rates added to the overdue rate and
    capped together with it (current Art. 29; 2015 Art. 30).  ``penalty_amount`` is a one-off 违约金 (a sum, or
    a share of the principal worked out by the caller): it is claimable only within what the combined cap leaves
    over the overdue days after the overdue interest, never spread over the whole term (a short delay leaves
    little room).  ``day_basis`` is 365 (default) or 360 days a year, for contracts that say so."""
    p0 = _dec(principal, "principal")
    if p0 <= 0:
        raise ValueError(f"principal must be positive: {p0}")
    start_d, end_d = _day(start, "start"), _day(end, "end")
    if end_d <= start_d:
        raise ValueError(f"end {end_d} must be after start {start_d}")
    cdate = _day(contract_date, "contract_date")
    if day_basis not in (360, 365):
        raise ValueError(f"day_basis must be 365 or 360: {day_basis}")
    year_days = Decimal(day_basis)
    penalty = annual_rate(penalty_rate, "penalty_rate") or _ZERO
    fee = annual_rate(fee_rate, "fee_rate") or _ZERO
    one_off = _dec(penalty_amount, "penalty_amount") if penalty_amount is not None else _ZERO
    if one_off < 0:
        raise ValueError(f"penalty_amount must not be negative: {one_off}")
    if (penalty or fee or one_off) and overdue_from is None:
        raise ValueError(
            "penalty_rate, fee_rate and penalty_amount apply after the due date: give overdue_from"
        )
    loan_rate = annual_rate(rate, "rate")
    od_rate = annual_rate(overdue_rate, "overdue_rate")
    od_from = _day(overdue_from, "overdue_from") if overdue_from is not None else None
    regime = regime_for(
        cdate,
        lender_kind,
        filing_date=_day(filing_date, "filing_date") if filing_date is not None else None,
        lpr_table=lpr_table,
    )

    pays: dict[date, Decimal] = {}
    for raw_day, raw_amount in repayments:
        d = _day(raw_day, "repayment date")
        amount = _dec(raw_amount, "repayment amount")
        if amount <= 0:
            raise ValueError(f"repayment on {d} must be positive: {amount}")
        if not start_d <= d <= end_d:
            raise ValueError(f"repayment on {d} is outside {start_d} … {end_d}")
        pays[d] = pays.get(d, _ZERO) + amount

    bounds = {start_d, end_d, *pays}
    bounds.update(c.applies_from for c in regime.caps if c.applies_from and start_d < c.applies_from < end_d)
    if od_from is not None and start_d < od_from < end_d:
        bounds.add(od_from)
    cuts = sorted(bounds)

    notes: list[str] = [
        f"day count: actual days / {day_basis}; interest from the start day to the day before the end (算头不算尾)",
    ]
    notes.extend(regime.notes)
    for cap in regime.caps:
        notes.extend(n for n in cap.notes if n not in notes)
        if cap.interpretation and cap.overlaps(start_d, end_d - timedelta(days=1)):
            notes.append(cap.interpretation)
    if pays:
        notes.append(
            "repayments applied to accrued interest first, then principal (Civil Code Art. 561: costs, interest, "
            "principal; no costs modelled)"
        )
    if cdate > start_d:
        notes.append(f"contract date {cdate} is after the start {start_d}: caps taken at the contract date")

    balance = p0
    unpaid = _ZERO
    unpaid_zone = _ZERO  # 2015 text: agreed interest between 24 % and 36 %, owed as a natural obligation only
    paid_zone = _ZERO
    paid_interest = _ZERO
    total = _ZERO
    agreed_total = _ZERO
    headroom = _ZERO  # combined cap over the overdue days, less the overdue interest claimed
    periods: list[Period] = []
    applied_pays: list[RepaymentApplied] = []

    def apply_payment(day: date) -> None:
        nonlocal balance, unpaid, unpaid_zone, paid_interest, paid_zone
        amount = pays.get(day)
        if not amount:
            return
        # claimable interest first, then the 2015 zone interest (paid, it stays paid: 2015 Art. 31), then principal
        to_int = min(amount, unpaid)
        to_zone = min(amount - to_int, unpaid_zone)
        to_pr = min(amount - to_int - to_zone, balance)
        unapplied = amount - to_int - to_zone - to_pr
        unpaid -= to_int
        unpaid_zone -= to_zone
        paid_interest += to_int
        paid_zone += to_zone
        balance -= to_pr
        if unapplied:
            notes.append(f"repayment on {day}: {money(unapplied)} beyond everything due (overpaid)")
        applied_pays.append(
            RepaymentApplied(
                on=day,
                amount=amount,
                to_interest=to_int,
                to_paid_zone_interest=to_zone,
                to_principal=to_pr,
                unapplied=unapplied,
                principal_after=balance,
                interest_unpaid_after=unpaid,
            )
        )

    for a, b in pairwise(cuts):
        apply_payment(a)
        if balance <= 0:
            continue
        days = (b - a).days
        cap = regime.cap_on(a)
        if od_from is not None and a >= od_from:
            # the default rule is the one in force for this period; its "LPR at the time" is the LPR on the first
            # overdue day that rule governs (2020-08-20 for an overdue period running across the change)
            rule_day = max(od_from, cap.applies_from) if cap.applies_from else od_from
            agreed, applied, capped, why, why_en, cit = _overdue_why(
                regime, cap, rule_day, od_rate, loan_rate
            )
            phase: Literal["loan", "overdue"] = "overdue"
            agreed_for_cmp = agreed if agreed is not None else applied
            if agreed is None and loan_rate is not None:
                agreed_for_cmp = loan_rate
            if penalty or fee:
                # the default's reason is kept when no overdue rate was agreed
                agreed, applied, capped, why, why_en, cit = _combined_why(
                    cap,
                    agreed_for_cmp,
                    penalty,
                    fee,
                    why if agreed is None else "",
                    why_en if agreed is None else "",
                )
                agreed_for_cmp = agreed
        else:
            applied, capped, why, why_en, cit = _loan_why(loan_rate, cap)
            agreed = loan_rate
            phase = "loan"
            agreed_for_cmp = loan_rate or _ZERO
        interest = _cents(balance * applied * days / year_days)
        agreed_interest = _cents(balance * agreed_for_cmp * days / year_days)
        if phase == "overdue":
            headroom += _cents(balance * cap.rate * days / year_days) - interest
        if cap.regime == "pl2015" and agreed_for_cmp > applied:
            zone_top = min(agreed_for_cmp, cap.void_above or cap.rate)
            unpaid_zone += _cents(balance * (zone_top - applied) * days / year_days)
        total += interest
        agreed_total += agreed_interest
        unpaid += interest
        periods.append(
            Period(
                start=a,
                end=b - timedelta(days=1),
                days=days,
                phase=phase,
                principal=balance,
                rate_agreed=agreed,
                rate_applied=applied,
                cap=cap.rate,
                capped=capped,
                why=why,
                why_en=why_en,
                citation=cit,
                interest=interest,
                agreed_interest=agreed_interest,
            )
        )
    apply_payment(end_d)
    penalty_ok = min(one_off, max(headroom, _ZERO))
    if one_off:
        notes.append(
            f"one-off penalty {money(one_off)}: {money(penalty_ok)} claimable, the room the combined cap leaves over "
            f"the overdue days after the overdue interest (current Art. 29; 2015 Art. 30)"
            + (f"; {money(one_off - penalty_ok)} above it is not supported" if penalty_ok < one_off else "")
        )
    if paid_zone:
        notes.append(
            f"{money(paid_zone)} of the repayments paid interest between 24% and 36% accrued under the 2015 text: "
            "paid voluntarily, it is not refundable and is not netted against principal (2015 provisions Art. 31; "
            "only interest above 36% is refundable, Art. 26(2))"
        )

    return Schedule(
        principal=p0,
        start=start_d,
        end=end_d,
        contract_date=cdate,
        lender_kind=regime.lender_kind,
        filing_date=regime.filing_date,
        filing_date_assumed=regime.filing_date_assumed,
        regime=regime.id,
        day_count=f"actual/{day_basis}",
        periods=periods,
        repayments=applied_pays,
        total_interest=total,
        agreed_interest=agreed_total,
        disallowed_interest=agreed_total - total,
        interest_paid=paid_interest,
        paid_zone_interest=paid_zone,
        interest_outstanding=unpaid,
        principal_outstanding=balance,
        penalty_agreed=one_off,
        penalty_claimable=penalty_ok,
        amount_due=balance + unpaid + penalty_ok,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------------- APR


class AprResult(BaseModel):
    """The annualised cost of a loan by IRR (PBoC Announcement [2021] No. 3).

    ``periodic_irr`` solves ``principal − fees = Σ payment_k / (1 + i)^k``; ``simple_annual`` = i × periods per
    year (must be labelled 单利 when disclosed); ``compound_annual`` = (1 + i)^periods_per_year − 1.  Values are
    fractions rounded to 12 decimal places; the solver stops when a Newton step is below 1e-20, so the
    periodic rate is exact to the 12 places shown."""

    periodic_irr: Decimal
    simple_annual: Decimal
    compound_annual: Decimal
    periods_per_year: Decimal
    net_principal: Decimal = Field(
        description="principal less up-front fees: what the borrower actually receives"
    )
    payments: int
    total_paid: Decimal
    method: str = "IRR (Newton's method with bisection safeguard, Decimal arithmetic)"


_Q12 = Decimal("1e-12")


def _npv_and_slope(i: Decimal, net: Decimal, pays: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    v = 1 / (1 + i)
    f = -net
    df = _ZERO
    vk = Decimal(1)
    for k, pay in enumerate(pays, start=1):
        vk *= v
        f += pay * vk
        df -= k * pay * vk * v
    return f, df


def apr(
    principal: Decimal | int | str,
    payments: Sequence[Decimal | int | str],
    fees: Decimal | int | str | Sequence[Decimal | int | str] = 0,
    *,
    periods_per_year: Decimal | int | str = 12,
) -> AprResult:
    """Annualised rate of a loan paid out at period 0 and repaid by ``payments`` at periods 1, 2, …

    ``fees`` are charged at the start (deducted from what the borrower receives; a list is summed).  Periodic
    fees belong in ``payments``.  ``periods_per_year`` is 12 for monthly payments, 52 for weekly, 365/days for
    a single payment after ``days`` days.

    >>> r = apr(100000, [Decimal("8833.3")] * 12, 1000)
    >>> f"{r.simple_annual:.4f} {r.compound_annual:.4f}"
    '0.1280 0.1358'
    """
    p = _dec(principal, "principal")
    fee_list = list(fees) if isinstance(fees, list | tuple) else [fees]
    fee_total = sum((_dec(f, "fee") for f in fee_list), _ZERO)
    pays = [_dec(x, "payment") for x in payments]
    ppy = _dec(periods_per_year, "periods_per_year")
    net = p - fee_total
    if p <= 0:
        raise ValueError(f"principal must be positive: {p}")
    if net <= 0:
        raise ValueError(f"fees {fee_total} leave nothing of the principal {p}")
    if not pays or any(x < 0 for x in pays) or not any(pays):
        raise ValueError("payments must be a non-empty list of non-negative amounts, not all zero")
    if ppy <= 0:
        raise ValueError(f"periods_per_year must be positive: {ppy}")

    with localcontext() as ctx:
        ctx.prec = 40
        lo, hi = Decimal("-0.999999"), Decimal(1)
        while _npv_and_slope(hi, net, pays)[0] > 0:  # NPV falls as i rises: widen until it changes sign
            hi *= 2
            if hi > 10**6:
                raise ValueError("no IRR found: the payments are far larger than the principal")
        if _npv_and_slope(lo, net, pays)[0] < 0:
            raise ValueError("no IRR found: the payments do not repay the amount received")
        i = Decimal("0.01")
        for _ in range(200):
            f, df = _npv_and_slope(i, net, pays)
            if f > 0:
                lo = i
            else:
                hi = i
            step = f / df if df else Decimal(0)
            nxt = i - step
            if not lo < nxt < hi:  # Newton left the bracket: bisect instead
                nxt = (lo + hi) / 2
            if abs(nxt - i) < Decimal("1e-20"):
                i = nxt
                break
            i = nxt
        simple = i * ppy
        compound = (1 + i) ** ppy - 1
    return AprResult(
        periodic_irr=i.quantize(_Q12, context=_WIDE),
        simple_annual=simple.quantize(_Q12, context=_WIDE),
        compound_annual=compound.quantize(_Q12, context=_WIDE),
        periods_per_year=ppy,
        net_principal=net,
        payments=len(pays),
        total_paid=sum(pays, _ZERO),
    )


def installment_payments(
    principal: Decimal,
    annual: Decimal,
    months: int,
    method: str | None,
    *,
    monthly_fee: Decimal = _ZERO,
) -> list[Decimal]:
    """The ``months`` monthly payments of a loan, from its repayment schedule (``loanclause.schedule``: monthly
    rate = annual / 12, each payment to the fen): ``equal_installment`` (等额本息), ``equal_principal`` (等额本金),
    ``interest_first`` (先息后本) or ``bullet`` (到期一次性还本付息; also used when the method is unknown, the
    months before maturity paying nothing).  ``monthly_fee`` is added to each month's payment."""
    from loanclause.schedule import build_schedule

    if months <= 0:
        raise ValueError(f"months must be positive: {months}")
    how = method if method in ("equal_installment", "equal_principal", "interest_first") else "bullet"
    schedule = build_schedule(principal, annual, date(2001, 1, 1), months=months, method=how)  # type: ignore[arg-type]
    pays = [i.payment for i in schedule.instalments]
    if how == "bullet":
        pays = [_ZERO] * (months - 1) + pays
    return [x + monthly_fee for x in pays]
