"""When a loan falls due, and when the periods that run from that day end.

One place for what ``loanclause due`` (an archive's calendar) and ``loanclause evidence`` (one contract's
checklist) both need, so that the two never disagree about a contract's last due date or its limitation period:

* the last due date is the last instalment of the repayment schedule when one can be built, else the end of the
  loan term (``RuleContext.loan_end``);
* the limitation period is three years from the last due date (Civil Code Arts. 188, 189; interruptions under
  Art. 195 are not known from the text);
* a surety's guarantee period, when none is agreed, is six months from the due date (Civil Code Art. 692).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from loanclause.values.dates import add_months

if TYPE_CHECKING:
    from loanclause.models import ContractReport, RepaymentSchedule
    from loanclause.rules.context import RuleContext

__all__ = ["GUARANTEE_MONTHS", "LIMITATION_YEARS", "last_due_date", "limitation_ends"]

LIMITATION_YEARS = 3  # Civil Code Art. 188 (citation key civil_code:188)
GUARANTEE_MONTHS = 6  # Civil Code Art. 692 (civil_code:692): no agreed guarantee period


def last_due_date(report: ContractReport, ctx: RuleContext) -> tuple[RepaymentSchedule | None, date | None]:
    """The repayment schedule (the report's, else one built from its terms) and the last due date."""
    from loanclause.schedule import schedule_from_terms

    schedule = report.schedule or schedule_from_terms(report.terms)
    if schedule is not None:
        return schedule, schedule.instalments[-1].due_date
    return None, ctx.loan_end


def limitation_ends(last_due: date) -> date:
    """The last day of the limitation period that starts at ``last_due``."""
    return add_months(last_due, 12 * LIMITATION_YEARS)
