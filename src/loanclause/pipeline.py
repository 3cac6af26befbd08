"""The one pipeline: ingest → segment → extract → check.  Batch scanning, linting and the evidence check all call
``analyze``; there is no second pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from os import PathLike
from typing import IO

from loanclause.models import ContractReport, Document

Source = str | bytes | IO[bytes]

__all__ = ["analyze", "analyze_text", "ingest", "report_from_document", "segment"]


def ingest(source: Source, *, pages: tuple[int, int] | None = None) -> Document:
    """Read a PDF, DOCX or text file (path, bytes or binary file object) into a normalised ``Document``."""
    from loanclause.ingest import read_document

    return read_document(source, pages=pages)


def segment(document_or_text: Document | str) -> list:
    """Split a document (or plain text) into its clause tree, in reading order."""
    from loanclause.segment import segment_document, segment_text

    if isinstance(document_or_text, str):
        return segment_text(document_or_text)
    return segment_document(document_or_text)


def _version() -> str:
    from loanclause import __version__

    return __version__


def report_from_document(
    document: Document,
    *,
    lender_kind: str = "private",
    as_of: date | str | None = None,
    fragment: bool = False,
    contract_date: date | str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    lpr_table: str | PathLike[str] | None = None,
) -> ContractReport:
    """Run every stage after ingest on an already-read document.

    ``contract_date`` (when given) overrides the one found in the text; ``select`` / ``ignore`` choose rules by
    code or prefix (``LC1``, ``LC201``, ``ALL``); ``lpr_table`` is a newer one-year LPR CSV (or ``LprTable``)."""
    from loanclause.segment import segment_document

    clauses = segment_document(document)
    from loanclause.extract import extract_terms

    entities, terms = extract_terms(document.text, clauses)
    report = ContractReport(
        source=document.source,
        sha256=document.sha256,
        format=document.format,
        text=document.text,
        pages=document.pages,
        warnings=document.warnings,
        clauses=clauses,
        entities=entities,
        terms=terms,
        lender_kind=lender_kind,
        as_of=date.fromisoformat(as_of) if isinstance(as_of, str) else as_of,
        fragment=fragment,
        loanclause_version=_version(),
    )
    report._document = document
    if contract_date is not None:
        report.terms.contract_date = (
            date.fromisoformat(contract_date) if isinstance(contract_date, str) else contract_date
        )
    from loanclause.rules import check

    report.findings = check(report, select=select, ignore=ignore, as_of=report.as_of, lpr_table=lpr_table)
    return report


def analyze(
    source: Source,
    *,
    lender_kind: str = "private",
    as_of: date | str | None = None,
    pages: tuple[int, int] | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    lpr_table: str | PathLike[str] | None = None,
) -> ContractReport:
    """Read one contract and report on it.

    The report holds the document's text, pages, warnings and clause tree, the entities found in each clause by
    the rule baseline (``loanclause.extract``) and the terms assembled from them, and the findings of the rules.
    A term the text does not state (or states ambiguously) stays null rather than guessed."""
    return report_from_document(
        ingest(source, pages=pages),
        lender_kind=lender_kind,
        as_of=as_of,
        select=select,
        ignore=ignore,
        lpr_table=lpr_table,
    )


def analyze_text(
    text: str,
    *,
    contract_date: date | str | None = None,
    lender_kind: str = "private",
    as_of: date | str | None = None,
    fragment: bool = False,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    lpr_table: str | PathLike[str] | None = None,
) -> ContractReport:
    """Report on contract text given as a string (``fragment=True`` for a clause or snippet, not a whole contract,
    so that missing-clause rules stay silent).  ``contract_date`` is recorded in the terms."""
    from loanclause.ingest import document_from_text

    return report_from_document(
        document_from_text(text),
        lender_kind=lender_kind,
        as_of=as_of,
        fragment=fragment,
        contract_date=contract_date,
        select=select,
        ignore=ignore,
        lpr_table=lpr_table,
    )
