"""The one pipeline: ingest → segment → extract → check.  Batch scanning, linting and the evidence check all call
``analyze``; there is no second pipeline."""

from __future__ import annotations

from datetime import date
from typing import IO

from loanclause.models import ContractReport, Document

Source = str | bytes | IO[bytes]

__all__ = ["analyze", "analyze_text", "ingest", "segment", "report_from_document"]


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
) -> ContractReport:
    """Run every stage after ingest on an already-read document."""
    from loanclause.segment import segment_document

    clauses = segment_document(document)
    report = ContractReport(
        source=document.source,
        sha256=document.sha256,
        format=document.format,
        text=document.text,
        pages=document.pages,
        warnings=document.warnings,
        clauses=clauses,
        lender_kind=lender_kind,
        as_of=date.fromisoformat(as_of) if isinstance(as_of, str) else as_of,
        fragment=fragment,
        loanclause_version=_version(),
    )
    report._document = document
    return report


def analyze(
    source: Source,
    *,
    lender_kind: str = "private",
    as_of: date | str | None = None,
    pages: tuple[int, int] | None = None,
) -> ContractReport:
    """Read one contract and report on it.

    Today the report holds the document's text, pages, warnings and clause tree.  ``terms``, ``entities`` and
    ``findings`` stay empty until the extraction and rule stages land: an empty list here means "not checked yet",
    which is why nothing is filled in by guesswork."""
    return report_from_document(ingest(source, pages=pages), lender_kind=lender_kind, as_of=as_of)


def analyze_text(
    text: str,
    *,
    contract_date: date | str | None = None,
    lender_kind: str = "private",
    as_of: date | str | None = None,
    fragment: bool = False,
) -> ContractReport:
    """Report on contract text given as a string (``fragment=True`` for a clause or snippet, not a whole contract,
    so that missing-clause rules stay silent).  ``contract_date`` is recorded in the terms."""
    from loanclause.ingest import document_from_text

    report = report_from_document(
        document_from_text(text), lender_kind=lender_kind, as_of=as_of, fragment=fragment
    )
    if contract_date is not None:
        report.terms.contract_date = (
            date.fromisoformat(contract_date) if isinstance(contract_date, str) else contract_date
        )
    return report
