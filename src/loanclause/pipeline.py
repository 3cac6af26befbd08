"""The one pipeline: ingest → segment → extract → check.  Batch scanning, linting and the evidence check all call
``analyze``; there is no second pipeline."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from os import PathLike
from typing import IO, TYPE_CHECKING, Union

from loanclause import clock
from loanclause.models import Clause, ContractReport, Document, DocumentWarning, LoanTerms, Money

if TYPE_CHECKING:
    from loanclause.extract.ner import NerModel

Source = str | bytes | IO[bytes]
# The NER model to read clauses with: True (the shipped one), a model directory, a loaded NerModel, or False.
Ner = Union[bool, str, "PathLike[str]", "NerModel", None]

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


_LOAN_KINDS = frozenset({"principal", "interest", "repayment", "term", "overdue_interest"})


def _looks_like_loan_agreement(text: str, clauses: list[Clause], terms: LoanTerms) -> bool:
    """Whether missing-clause rules make sense: a loan agreement names at least two of principal, interest,
    term, repayment and overdue interest (as clause kinds or extracted terms).  A news article that mentions
    逾期 once must not be told it lacks a delivery-address clause."""
    found = {kind for clause in clauses for kind in clause.kinds if kind in _LOAN_KINDS}
    if terms.principal is not None:
        found.add("principal")
    if terms.interest_rate is not None:
        found.add("interest")
    if terms.term is not None or terms.end_date is not None:
        found.add("term")
    return len(found) >= 2 or bool(re.search(r"借款|贷款|借据|借条|欠条|借贷", text[:60]))


def _lender_kind(terms: LoanTerms, given: str | None) -> str:
    """The lender kind the caps are taken for, recorded in the terms with where it came from: the caller's,
    else the one the lender's name shows, else private lending (assumed, and said so)."""
    from loanclause.extract.lender_kind import infer_lender_kind
    from loanclause.law import check_lender_kind

    if given:
        terms.lender_kind, terms.lender_kind_source = check_lender_kind(given), "caller"
        terms.lender_kind_evidence = None
        return terms.lender_kind
    kind, why, _ = infer_lender_kind(terms.lender)
    if kind is None:
        terms.lender_kind, terms.lender_kind_source = "private", "assumed"
        terms.lender_kind_evidence = "未识别出借人名称，按民间借贷"
    else:
        terms.lender_kind, terms.lender_kind_source, terms.lender_kind_evidence = kind, "lender_name", why
    return terms.lender_kind


def report_from_document(
    document: Document,
    *,
    lender_kind: str | None = None,
    as_of: date | str | None = None,
    fragment: bool = False,
    contract_date: date | str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    lpr_table: str | PathLike[str] | None = None,
    ner: Ner = True,
    filing_date: date | str | None = None,
    received: Decimal | int | str | None = None,
) -> ContractReport:
    """Run every stage after ingest on an already-read document.

    ``contract_date`` (when given) overrides the one found in the text; ``select`` / ``ignore`` choose rules by
    code or prefix (``LC1``, ``LC201``, ``ALL``); ``lpr_table`` is a newer one-year LPR CSV (or ``LprTable``);
    ``ner`` is the NER model that reads the clauses beside the rules: ``True`` the shipped one, a directory or a
    loaded ``NerModel``, or ``False`` for the rules alone (faster; no torch).  ``filing_date`` is the assumed
    date of suit (default: the check date) and ``received`` the amount the borrower actually received (it
    overrides what the text says); both are recorded in ``report.assumptions``."""
    from loanclause.claim import claimable_at, stated_assumptions
    from loanclause.extract import BASELINE_NAME, extract_terms
    from loanclause.extract.ner import resolve_model
    from loanclause.report.explain import explain_finding, explain_terms
    from loanclause.rules.context import RuleContext
    from loanclause.rules.registry import run_rules
    from loanclause.schedule import schedule_from_terms
    from loanclause.segment import segment_document

    clauses = segment_document(document)
    model, no_model = resolve_model(ner)
    entities, terms = extract_terms(document.text, clauses, model=model)
    warnings = list(document.warnings)
    if no_model:
        warnings.append(DocumentWarning(code="ner_model_missing", message=no_model))
    is_loan = fragment or _looks_like_loan_agreement(document.text, clauses, terms)
    if not is_loan:
        warnings.append(
            DocumentWarning(
                code="not_a_loan_agreement",
                message="未发现借款合同的基本条款（借款金额、利率、期限、还款），可能不是借款合同；未检查缺失条款 / "
                "no principal, rate, term or repayment clause found: probably not a loan agreement, "
                "so missing-clause rules were not run",
            )
        )
    kind = _lender_kind(terms, lender_kind)
    report = ContractReport(
        source=document.source,
        sha256=document.sha256,
        format=document.format,
        text=document.text,
        pages=document.pages,
        warnings=warnings,
        clauses=clauses,
        entities=entities,
        terms=terms,
        lender_kind=kind,
        # The check date is recorded on every report, so a store that mixes days of analysis shows which is which.
        as_of=(date.fromisoformat(as_of) if isinstance(as_of, str) else as_of) or clock.today(),
        fragment=fragment,
        is_loan_agreement=is_loan,
        loanclause_version=_version(),
        extractors=[BASELINE_NAME, *([model.name] if model is not None else [])],
    )
    report._document = document
    if contract_date is not None:
        report.terms.contract_date = (
            date.fromisoformat(contract_date) if isinstance(contract_date, str) else contract_date
        )
        report.terms.contract_date_source = "caller"
    if received is not None:
        amount = Decimal(str(received))
        if amount <= 0:
            raise ValueError(f"received must be a positive amount: {received}")
        report.terms.disbursed = Money(amount=amount, text="（调用方提供 / given by the caller）")
    ctx = RuleContext.build(report, as_of=report.as_of, lpr_table=lpr_table, filing_date=filing_date)
    report.findings = run_rules(ctx, select=select, ignore=ignore)
    report.assumptions = stated_assumptions(ctx, received_given=received is not None)
    report.schedule = schedule_from_terms(report.terms)
    for finding in report.findings:
        finding.explanation = explain_finding(finding, report.terms)
    report.term_explanations = explain_terms(report.terms)
    report.claimable = claimable_at(ctx, report.assumptions)
    return report


def outline(source: Source, *, pages: tuple[int, int] | None = None, **_ignored: object) -> ContractReport:
    """Ingest and segment only: a report with the text, pages, warnings and clause tree, no terms or findings
    (what ``loanclause extract`` shows).  Other keywords are accepted and ignored so that the batch worker can
    call it like ``analyze``."""
    from loanclause.segment import segment_document

    document = ingest(source, pages=pages)
    report = ContractReport(
        source=document.source,
        sha256=document.sha256,
        format=document.format,
        text=document.text,
        pages=document.pages,
        warnings=document.warnings,
        clauses=segment_document(document),
        loanclause_version=_version(),
    )
    report._document = document
    return report


def analyze(
    source: Source,
    *,
    lender_kind: str | None = None,
    contract_date: date | str | None = None,
    as_of: date | str | None = None,
    pages: tuple[int, int] | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    lpr_table: str | PathLike[str] | None = None,
    ner: Ner = True,
    filing_date: date | str | None = None,
    received: Decimal | int | str | None = None,
) -> ContractReport:
    """Read one contract and report on it.

    The report holds the document's text, pages, warnings and clause tree, the entities found in each clause (by
    the rule baseline and, unless ``ner=False``, the NER model: ``loanclause.extract``), the terms assembled from
    them, and the findings of the rules.  A term the text does not state (or states ambiguously) stays null rather
    than guessed."""
    return report_from_document(
        ingest(source, pages=pages),
        lender_kind=lender_kind,
        contract_date=contract_date,
        as_of=as_of,
        select=select,
        ignore=ignore,
        lpr_table=lpr_table,
        ner=ner,
        filing_date=filing_date,
        received=received,
    )


def analyze_text(
    text: str,
    *,
    contract_date: date | str | None = None,
    lender_kind: str | None = None,
    as_of: date | str | None = None,
    fragment: bool = False,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    lpr_table: str | PathLike[str] | None = None,
    ner: Ner = True,
    filing_date: date | str | None = None,
    received: Decimal | int | str | None = None,
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
        ner=ner,
        filing_date=filing_date,
        received=received,
    )
