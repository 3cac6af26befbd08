"""The facts a verdict rests on, stated, and the amount claimable at the check date.

A cap finding is only as good as the contract date, the assumed date of suit, the day basis, the lender kind and
the amount the borrower actually received.  The text states some of these; loanclause or the caller supplies the
rest.  :func:`stated_assumptions` says which is which, in every report.  :func:`claimable_at` puts the
calculator's figure beside the cap findings: what the lender could claim at ``as_of`` under the caps, period by
period, *if nothing had been repaid* (the contract cannot say what was).
"""

from __future__ import annotations

import re
from datetime import timedelta

from loanclause.law._fmt import money
from loanclause.models import Assumptions, Claimable
from loanclause.rules.context import RuleContext

__all__ = ["claimable_at", "stated_assumptions"]

_BASIS_360_RE = re.compile(
    r"(?:一年|全年|每年|年)(?:按|以|计)?\s*360\s*(?:天|日)|360\s*(?:天|日)(?:/|为一|计)"
)

_DATE_SOURCE_ZH = {
    "caller": "由调用方指定",
    "contract_date": "合同载明的签订日期",
    "disbursement": "自然人之间借款自提供借款时成立，取借款起始日",
    "start_date": "合同未载明签订日期，取借款起始日",
    "as_of": "合同未载明任何日期，假定为检查日（结论为暂定）",
}
_DATE_SOURCE_EN = {
    "caller": "given by the caller",
    "contract_date": "the signing date in the text",
    "disbursement": "the loan start date (a loan between natural persons is formed when the money is provided)",
    "start_date": "no signing date; the loan start date",
    "as_of": "no date in the text; the check date assumed (verdicts provisional)",
}
_KIND_SOURCE = {
    "caller": ("由调用方指定", "given by the caller"),
    "lender_name": ("根据出借人名称推断", "read from the lender's name"),
    "assumed": ("未找到出借人名称，按民间借贷", "no lender name found; private lending assumed"),
    None: ("按民间借贷", "private lending assumed"),
}


def stated_assumptions(ctx: RuleContext, *, received_given: bool = False) -> Assumptions:
    """The assumptions block of a report; ``received_given``: the caller supplied the amount received."""
    t = ctx.terms
    date_source = ctx.date_source
    basis_360 = any(r is not None and r.basis_days == 360 for r in (t.interest_rate, t.overdue_rate))
    basis_360 = basis_360 or bool(_BASIS_360_RE.search(ctx.report.text))
    if received_given and t.disbursed is not None:
        received, received_source = t.disbursed.amount, "caller"
    elif ctx.paid_out is not None:
        received, received_source = ctx.paid_out[0], "text"
    elif t.principal is not None:
        received, received_source = t.principal.amount, "principal"
    else:
        received, received_source = None, None
    kind_zh, kind_en = _KIND_SOURCE.get(t.lender_kind_source, _KIND_SOURCE[None])
    filing_source = "caller" if ctx.filing_date is not None else "as_of"
    notes = [
        f"合同成立日 {ctx.contract_date}：{_DATE_SOURCE_ZH[date_source]} / contract date {ctx.contract_date}: "
        f"{_DATE_SOURCE_EN[date_source]}",
        f"起诉日 {ctx.filed}："
        + ("由调用方指定" if filing_source == "caller" else "假定为检查日")
        + f" / date of suit {ctx.filed}: "
        + ("given by the caller" if filing_source == "caller" else "the check date assumed"),
        ("计息基数 360天/年：合同载明" if basis_360 else "计息基数 365天/年：合同未载明，按实际天数")
        + (
            " / day basis 360: stated in the contract"
            if basis_360
            else " / day basis 365: not stated, actual days used"
        ),
        f"出借人类型 {ctx.lender_kind_zh}：{kind_zh} / lender kind {ctx.lender_kind_en}: {kind_en}",
    ]
    if received is not None:
        why_zh = {
            "caller": "由调用方指定",
            "text": "合同载明的实际到账金额",
            "principal": "未见预扣，按合同本金",
        }[
            received_source  # type: ignore[index]
        ]
        why_en = {
            "caller": "given by the caller",
            "text": "the amount the text says was paid out",
            "principal": "no deduction stated; the stated principal",
        }[received_source]  # type: ignore[index]
        notes.append(f"实际收到 {money(received)}元：{why_zh} / received {money(received)}: {why_en}")
    return Assumptions(
        as_of=ctx.as_of,
        contract_date=ctx.contract_date,
        contract_date_source=date_source,  # type: ignore[arg-type]
        filing_date=ctx.filed,
        filing_date_source=filing_source,
        day_basis=360 if basis_360 else 365,
        day_basis_source="contract" if basis_360 else "default",
        lender_kind=ctx.lender_kind,
        lender_kind_source=t.lender_kind_source,
        received=received,
        received_source=received_source,  # type: ignore[arg-type]
        notes=notes,
    )


def claimable_at(ctx: RuleContext, assumptions: Assumptions) -> Claimable | None:
    """Principal and capped interest claimable at ``as_of`` if nothing was repaid; None when the text lacks the
    principal or a start date, or the loan has not started by ``as_of``."""
    from loanclause.calc import claimable_interest

    t = ctx.terms
    principal = assumptions.received
    start = t.start_date or t.contract_date
    if principal is None or principal <= 0 or start is None or start >= ctx.as_of:
        return None
    loan_rate = t.interest_rate.annual if t.interest_rate is not None else None
    end = ctx.loan_end
    overdue_from = end + timedelta(days=1) if end is not None and end < ctx.as_of else None
    overdue_rate = t.overdue_rate.annual if t.overdue_rate is not None else None
    penalty_rate = None
    if overdue_from is not None and t.penalty is not None and t.penalty.form == "daily_rate":
        penalty_rate = ctx.penalty_annual(t.penalty)[0]
    schedule = claimable_interest(
        principal,
        loan_rate,
        start,
        ctx.as_of,
        contract_date=ctx.contract_date,
        lender_kind=ctx.lender_kind,
        filing_date=ctx.filed,
        overdue_from=overdue_from,
        overdue_rate=overdue_rate,
        penalty_rate=penalty_rate,
        lpr_table=ctx.lpr_table,
        day_basis=assumptions.day_basis,
    )
    notes = [
        "假定自借款起始日至检查日未还任何款项 / assumes nothing was repaid between the start and the check date",
        f"计息区间 {start} 至 {ctx.as_of}（不含当日） / interest from {start} to the day before {ctx.as_of}",
    ]
    if t.repayment_method in ("equal_installment", "equal_principal", "interest_first"):
        notes.append(
            "分期还款合同：逾期按到期日整体计算，未逐期计算 / an instalment loan: overdue charges are counted from "
            "maturity, not per instalment"
        )
    if overdue_from is not None and t.penalty is not None and penalty_rate is None:
        notes.append("一次性违约金未计入 / a one-off penalty is not included in the figure")
    return Claimable(
        as_of=ctx.as_of,
        principal=principal,
        interest=schedule.total_interest,
        agreed_interest=schedule.agreed_interest,
        total=principal + schedule.total_interest,
        overdue_from=overdue_from,
        overdue_days=(ctx.as_of - overdue_from).days if overdue_from is not None else 0,
        assumptions=notes + list(schedule.notes),
    )
