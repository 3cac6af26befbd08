"""Helpers for the rule tests: build a ContractReport straight from the models (no extraction needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from loanclause.models import Clause, ContractReport, LoanTerms, Page, Rate

AS_OF = date(2026, 1, 31)


def make_report(
    text: str = "",
    *,
    clauses: list[Clause] | None = None,
    lender_kind: str = "private",
    fragment: bool = False,
    pages: list[Page] | None = None,
    **terms: Any,
) -> ContractReport:
    return ContractReport(
        sha256="0" * 64,
        format="text",
        text=text,
        pages=pages or [Page(number=1, start=0, end=len(text))],
        clauses=clauses or [],
        terms=LoanTerms(**terms),
        lender_kind=lender_kind,
        fragment=fragment,
    )


def clause(cid: str, text: str, needle: str, kinds: list[str], level: int = 2) -> Clause:
    """A clause covering ``needle`` inside ``text``."""
    start = text.index(needle)
    return Clause(
        id=cid,
        level=level,
        style="article",
        kinds=kinds,
        start=start,
        end=start + len(needle),
        body_start=start,
    )


def rate(value: str, period: str | None, text: str = "", **kw: Any) -> Rate:
    v = Decimal(value)
    factor = {"year": 1, "month": 12, "day": 365, None: None}[period]
    annual = v * factor if factor is not None else None
    return Rate(value=v, period=period, annual=annual, text=text, **kw)
