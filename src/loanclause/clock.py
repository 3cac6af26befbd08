"""The check date used when the caller names none.

Cap rules, the limitation period and the claimable amounts all turn on a date.  Left to the calendar, the same
contract gives another answer tomorrow, and a CI job that lints templates turns red on its own.  So "today" is
asked for in this one place: ``LOANCLAUSE_AS_OF=YYYY-MM-DD`` pins it for a whole run (a CI job, an archive
re-scan that must match last month's, the test suite), and an explicit ``as_of`` / ``--as-of`` always wins.

The calendar date is China Standard Time's (UTC+8), not the machine's: the contracts are governed by PRC law and
their days are counted in Beijing time, and a server in UTC (or a laptop in San Francisco) must not be a day
behind for eight or sixteen hours of every day.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

from loanclause.errors import ConfigError

__all__ = ["AS_OF_VARIABLE", "CHINA_STANDARD_TIME", "today"]

AS_OF_VARIABLE = "LOANCLAUSE_AS_OF"
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def today() -> date:
    """``LOANCLAUSE_AS_OF`` when set, else the date in Beijing; a malformed value is a ``ConfigError``, never
    silently ignored (a check run on the wrong day would look right)."""
    value = os.environ.get(AS_OF_VARIABLE, "").strip()
    if not value:
        return datetime.now(CHINA_STANDARD_TIME).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{AS_OF_VARIABLE}={value!r}: expected a date as YYYY-MM-DD") from None
