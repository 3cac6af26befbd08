"""Errors of the law lookups.  Each is a ``LoanClauseError`` (stable ``code``, one-line ``reason``) and a
``ValueError``, so callers that do not know loanclause's hierarchy still catch them."""

from __future__ import annotations

from loanclause.errors import LoanClauseError

__all__ = ["LawError", "LprTableError", "LprUnavailableError", "UnknownLenderKindError"]


class LawError(LoanClauseError, ValueError):
    code = "law"


class LprUnavailableError(LawError):
    """No one-year LPR exists for the date (the series starts on 2019-08-20)."""

    code = "no_lpr"


class LprTableError(LawError):
    """A user-supplied LPR table cannot be read (bad header, date, rate or duplicate date)."""

    code = "bad_lpr_table"


class UnknownLenderKindError(LawError):
    code = "bad_lender_kind"
