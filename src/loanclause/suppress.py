"""Suppressing findings in templates, as ruff's ``# noqa``: a marker in the text, or a clause number in the
configuration, and a notice for every suppression that suppressed nothing.

Markers (anywhere in a line of the template, typically in a comment the template engine drops):

* ``loanclause: noqa`` — every finding in the clause that holds the marker;
* ``loanclause: noqa LC403, LC404`` — those codes (or prefixes: ``LC4``) in that clause;
* ``loanclause: noqa-file LC204`` — those codes anywhere in the file.

Configuration: ``per-clause-ignores = { "第十二条" = ["LC403"] }`` suppresses the codes in every clause whose
printed number is that one (``第十二条``, ``12.3``, ``（二）``).

A suppression that matched no finding is *unused*: like ruff's RUF100 it is reported (text output and
``unused_suppressions`` in JSON), so stale markers do not pile up when a template is fixed.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from loanclause.models import Clause, ContractReport, Finding

__all__ = ["Suppression", "apply_suppressions", "find_markers"]

_MARKER_RE = re.compile(
    r"loanclause:\s*noqa(?P<file>-file)?(?:\s*[:：]?\s*(?P<codes>LC\d{0,3}(?:\s*[,，]\s*LC\d{0,3})*))?", re.I
)


class Suppression(BaseModel):
    """One suppression: where it is written, which codes (empty: all), which clause or the whole file."""

    origin: str  # "marker" or "config"
    codes: list[str]
    clause_id: str | None = None  # None with scope "file"
    scope: str = "clause"  # "clause" or "file"
    start: int | None = None  # the marker's offset in the text
    used: int = 0

    def matches(self, finding: Finding, clause_ids: set[str]) -> bool:
        if self.codes and not any(finding.code.startswith(c) for c in self.codes):
            return False
        return self.scope == "file" or (self.clause_id is not None and self.clause_id in clause_ids)

    def describe(self) -> str:
        what = ", ".join(self.codes) or "all codes"
        where = "the file" if self.scope == "file" else f"clause {self.clause_id}"
        how = f"marker at offset {self.start}" if self.origin == "marker" else "per-clause-ignores"
        return f"{how}: {what} in {where}"


def _innermost(report: ContractReport, offset: int) -> Clause | None:
    best = None
    for c in report.clauses:
        if c.start <= offset < c.end and (best is None or c.level >= best.level):
            best = c
    return best


def _ancestry(report: ContractReport, clause_id: str | None) -> set[str]:
    """The clause and all its parents: a marker in a clause also covers the findings in its sub-clauses."""
    by_id = {c.id: c for c in report.clauses}
    out: set[str] = set()
    while clause_id is not None and clause_id not in out:
        out.add(clause_id)
        clause_id = by_id[clause_id].parent_id if clause_id in by_id else None
    return out


def find_markers(report: ContractReport) -> list[Suppression]:
    """The ``loanclause: noqa`` markers written in the text."""
    out = []
    for m in _MARKER_RE.finditer(report.text):
        codes = [c.strip().upper() for c in re.split(r"[,，]", m.group("codes") or "") if c.strip()]
        clause = _innermost(report, m.start())
        file_wide = bool(m.group("file"))
        out.append(
            Suppression(
                origin="marker",
                codes=codes,
                clause_id=None if file_wide else (clause.id if clause else None),
                scope="file" if file_wide or clause is None else "clause",
                start=m.start(),
            )
        )
    return out


def apply_suppressions(
    report: ContractReport, per_clause: dict[str, list[str]] | None = None
) -> tuple[ContractReport, list[Suppression]]:
    """The report without the suppressed findings, and the suppressions that suppressed nothing."""
    rules = find_markers(report)
    for number, codes in (per_clause or {}).items():
        for c in report.clauses:
            if c.number and c.number.strip() == number.strip():
                rules.append(Suppression(origin="config", codes=list(codes), clause_id=c.id))
    if not rules:
        return report, []
    kept = []
    for f in report.findings:
        ids = _ancestry(report, f.clause_id) if f.clause_id else set()
        if f.start is not None and not ids:
            inner = _innermost(report, f.start)
            ids = _ancestry(report, inner.id if inner else None)
        hit = next((s for s in rules if s.matches(f, ids)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used += 1
    unused = [s for s in rules if not s.used]
    return report.model_copy(update={"findings": kept}), unused
