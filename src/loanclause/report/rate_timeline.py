"""The contract's rates against the cap over time, as data for a chart: the cap that governs each stretch of days
(a pre-2020-08-20 loan changes cap on that day), the agreed loan-period rate up to the due date, and the overdue
charges that run by the day, month or year after it.

The figures come from the same places as the verdicts — ``RuleContext`` for the dates, the regime and the
annualised rates — so the chart can never disagree with a finding.  Nothing is drawn where the dates are not
known: a timeline on an assumed date would look more certain than the contract is."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from os import PathLike
from typing import Literal

from pydantic import BaseModel, Field

from loanclause.law import LprTable
from loanclause.models import ContractReport

__all__ = ["RateTimeline", "TimelineSegment", "rate_timeline"]

# After the due date the chart shows this long an overdue stretch when the check date does not reach further, so
# that the overdue charges are visible for a contract checked before it falls due.
OVERDUE_SHOWN = timedelta(days=180)

# what a cap line is called: the law's ceiling, a court guideline (secondary source), a regulator's target
_CAP_NAMES = {
    "ceiling": ("上限", "cap"),
    "reference": ("参考线", "reference line"),
    "target": ("监管目标", "regulator's target"),
    "regulatory": ("监管上限", "regulatory cap"),
}


class TimelineSegment(BaseModel):
    kind: Literal["cap", "loan", "overdue"]
    start: date
    end: date = Field(description="last day, inclusive")
    rate: Decimal = Field(description="annual rate as a fraction")
    label: str = Field(description="Chinese / English, what the line is")
    detail: str = Field(default="", description="how the figure was made, or the cap's source")


class RateTimeline(BaseModel):
    start: date
    end: date
    due_date: date | None = Field(
        description="the last due date: the last instalment, else the end of the term"
    )
    as_of: date
    segments: list[TimelineSegment]
    notes: list[str] = Field(default_factory=list, description="what the chart leaves out, in words")


def rate_timeline(
    report: ContractReport, *, lpr_table: LprTable | str | PathLike[str] | None = None
) -> RateTimeline | None:
    """The timeline, or None when the report has no check assumptions or neither a start date nor a contract
    date is stated (the caps hang on the formation date, the phases on the start and due dates)."""
    from loanclause.deadlines import last_due_date
    from loanclause.law._fmt import pct
    from loanclause.rules.context import RuleContext

    a = report.assumptions
    t = report.terms
    if a is None or (t.start_date is None and t.contract_date is None):
        return None
    ctx = RuleContext.build(report, as_of=a.as_of, lpr_table=lpr_table, filing_date=a.filing_date)
    start = ctx.loan_start
    _schedule, due = last_due_date(report, ctx)
    notes: list[str] = []
    if due is None:
        notes.append("到期日不明，未分借期与逾期 / due date unknown: loan and overdue phases not told apart")
        end = max(a.as_of, start + OVERDUE_SHOWN)
    else:
        end = max(a.as_of, due + OVERDUE_SHOWN)
    if end <= start:
        return None

    segments: list[TimelineSegment] = []
    for cap in ctx.regime.caps_between(start, end):
        lo = max(start, cap.applies_from or start)
        hi = min(end, cap.applies_to or end)
        if lo > hi:
            continue
        segments.append(
            TimelineSegment(
                kind="cap",
                start=lo,
                end=hi,
                rate=cap.rate,
                label="{0} {2} / {1}".format(*_CAP_NAMES.get(cap.nature, ("上限", "cap")), pct(cap.rate)),
                detail=f"{cap.describe_zh}（{cap.citation.document}{cap.citation.article or ''}）",
            )
        )

    loan_last = due or end
    if ctx.interest is not None and loan_last >= start:
        segments.append(
            TimelineSegment(
                kind="loan",
                start=start,
                end=loan_last,
                rate=ctx.interest.value,
                label=f"借期利率 {pct(ctx.interest.value)} / loan rate",
                detail=ctx.interest.text,
            )
        )
    elif t.interest_rate is not None:
        notes.append("借期利率未能年化，未画出 / the loan rate could not be annualised: not drawn")

    if due is not None and due < end:
        parts: list[tuple[str, Decimal]] = []
        if ctx.overdue is not None:
            parts.append(("逾期利率", ctx.overdue.value))
        elif t.overdue_rate is None and ctx.interest is not None:
            parts.append(("借期利率（逾期后继续计收）", ctx.interest.value))
        elif t.overdue_rate is not None:
            notes.append("逾期利率未能年化，未计入 / the overdue rate could not be annualised: left out")
        if t.penalty is not None:
            value, how = ctx.penalty_annual(t.penalty)
            if t.penalty.form == "daily_rate" and value is not None:
                parts.append(("违约金", value))
            else:
                notes.append(
                    f"违约金未按年计入（{how or '一次性收取'}）/ the penalty is not a running rate: left out"
                )
        for fee in t.fees:
            if fee.period in ("day", "month", "year"):
                value, how = ctx.fee_annual(fee)
                if value is not None:
                    parts.append((fee.name, value))
                    continue
            notes.append(f"{fee.name}不按期计收，未计入 / {fee.name}: not a running charge, left out")
        if parts:
            total = sum((p[1] for p in parts), Decimal(0))
            segments.append(
                TimelineSegment(
                    kind="overdue",
                    start=due + timedelta(days=1),
                    end=end,
                    rate=total,
                    label=f"逾期合计 {pct(total)} / overdue charges",
                    detail="＋".join(f"{name}{pct(value)}" for name, value in parts),
                )
            )
    if not any(s.kind != "cap" for s in segments):
        notes.append("合同未载明可年化的利率 / no rate that can be put per year")
    return RateTimeline(start=start, end=end, due_date=due, as_of=a.as_of, segments=segments, notes=notes)
