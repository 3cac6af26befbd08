"""The clause outline that ``loanclause extract`` prints: a readable indented tree, or a JSON record."""

from __future__ import annotations

import unicodedata
from typing import Any

from loanclause.models import Clause, ContractReport

__all__ = ["outline_record", "page_span", "render_outline"]

_BLOCK_LABELS = {
    "title": "标题 title",
    "preamble": "前言 preamble",
    "parties": "当事人 parties",
    "signature": "签署 signature",
}


def page_span(clause: Clause) -> str:
    if clause.first_page == clause.last_page:
        return f"p.{clause.first_page}"
    return f"p.{clause.first_page}-{clause.last_page}"


def outline_record(report: ContractReport, *, with_text: bool = False) -> dict[str, Any]:
    """A JSON-ready summary of the document and its clauses (no full text unless asked)."""
    clauses = []
    for clause in report.clauses:
        item = clause.model_dump(mode="json")
        if with_text:
            item["text"] = report.clause_text(clause)
        clauses.append(item)
    return {
        "source": report.source,
        "status": "ok",
        "format": report.format,
        "sha256": report.sha256,
        "pages": len(report.pages),
        "characters": len(report.text),
        "warnings": [w.model_dump(mode="json") for w in report.warnings],
        "clauses": clauses,
    }


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(1, width - _display_width(text))


def _one_line(text: str, width: int) -> str:
    """The text on one line, cut to ``width`` terminal columns (a CJK character takes two)."""
    text = " ".join(text.split())
    if _display_width(text) <= width:
        return text
    out, used = [], 1
    for ch in text:
        used += _display_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + "…"


def render_outline(report: ContractReport, *, width: int = 60) -> str:
    """An indented outline: number, title (or the opening words), kinds and page span per clause."""
    lines = [
        f"{report.source or '<text>'}  ({len(report.pages)} pages, {report.format}, {len(report.clauses)} clauses)"
    ]
    for warning in report.warnings:
        where = f" p.{warning.page}" if warning.page else ""
        lines.append(f"  ! {warning.code}{where}: {warning.message}")
    for clause in report.clauses:
        indent = "  " * max(1, clause.level)
        if clause.number is None:
            label = f"[{_BLOCK_LABELS.get(clause.style, clause.style)}]"
            shown = clause.title or report.text[clause.start : clause.end]
        else:
            label = clause.number
            shown = clause.title or report.text[clause.body_start : clause.end]
            if not clause.title:
                shown = "… " + shown
        head = f"{indent}{label} {_one_line(shown, width - _display_width(indent + label))}"
        kinds = ",".join(clause.kinds)
        lines.append(f"{_pad(head, 72)}{_pad(kinds, 30)}{page_span(clause)}")
    return "\n".join(lines)
