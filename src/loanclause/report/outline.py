"""The clause outline that ``loanclause extract`` prints: a readable indented tree, or a JSON record.

It needs only ingest and segment (a ``Document`` and its clauses), so printing an outline never waits for, or
fails in, extraction or the rules."""

from __future__ import annotations

import unicodedata
from typing import Any

from loanclause.models import Clause, ContractReport, Document

__all__ = ["document_of", "outline_record", "page_span", "render_outline"]

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


def document_of(report: ContractReport) -> Document:
    """The report's Document when it was made in this process, else one rebuilt from the report's text, pages and
    warnings (a report that came back from a worker process): what the outline needs."""
    if report.document is not None:
        return report.document
    return Document(
        source=report.source,
        format=report.format,
        sha256=report.sha256,
        text=report.text,
        pages=report.pages,
        warnings=report.warnings,
    )


def outline_record(document: Document, clauses: list[Clause], *, with_text: bool = False) -> dict[str, Any]:
    """A JSON-ready summary of the document and its clauses (no full text unless asked)."""
    items = []
    for clause in clauses:
        item = clause.model_dump(mode="json")
        if with_text:
            item["text"] = document.text[clause.start : clause.end]
        items.append(item)
    return {
        "source": document.source,
        "status": "ok",
        "format": document.format,
        "sha256": document.sha256,
        "pages": len(document.pages),
        "characters": len(document.text),
        "warnings": [w.model_dump(mode="json") for w in document.warnings],
        "clauses": items,
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


def render_outline(document: Document, clauses: list[Clause], *, width: int = 60) -> str:
    """An indented outline: number, title (or the opening words), kinds and page span per clause."""
    lines = [
        f"{document.source or '<text>'}  ({len(document.pages)} pages, {document.format}, {len(clauses)} clauses)"
    ]
    for warning in document.warnings:
        where = f" p.{warning.page}" if warning.page else ""
        lines.append(f"  ! {warning.code}{where}: {warning.message}")
    for clause in clauses:
        indent = "  " * max(1, clause.level)
        if clause.number is None:
            label = f"[{_BLOCK_LABELS.get(clause.style, clause.style)}]"
            shown = clause.title or document.text[clause.start : clause.end]
        else:
            label = clause.number
            shown = clause.title or document.text[clause.body_start : clause.end]
            if not clause.title:
                shown = "… " + shown
        head = f"{indent}{label} {_one_line(shown, width - _display_width(indent + label))}"
        kinds = ",".join(clause.kinds)
        lines.append(f"{_pad(head, 72)}{_pad(kinds, 30)}{page_span(clause)}")
    return "\n".join(lines)
