"""The plain objects that flow through the pipeline.

ingest → ``Document`` → segment → ``Clause`` list → extract → ``Entity`` list and ``LoanTerms`` → check →
``Finding`` list → ``ContractReport``.  Every stage takes and returns these models, so a user (or a test) can
stop at any stage or feed any stage directly.  Money and rates are ``Decimal`` (JSON: strings) because a cap
test on ``0.24`` must not fail on a binary-float rounding error.
"""

from __future__ import annotations

import bisect
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

__all__ = [
    "CLAUSE_KINDS",
    "NER_LABELS",
    "Assumptions",
    "BBox",
    "Citation",
    "Claimable",
    "Clause",
    "ContractReport",
    "Document",
    "DocumentWarning",
    "Duration",
    "Entity",
    "Explanation",
    "Fee",
    "Finding",
    "Instalment",
    "Line",
    "LoanTerms",
    "Money",
    "Page",
    "Penalty",
    "Rate",
    "RepaymentSchedule",
]

CLAUSE_KINDS: tuple[str, ...] = (
    "parties",
    "principal",
    "purpose",
    "term",
    "interest",
    "repayment",
    "overdue_interest",
    "penalty",
    "fees",
    "guarantee",
    "acceleration",
    "early_repayment",
    "collection",
    "dispute_resolution",
    "delivery_address",
    "governing_law",
    "signature",
    "other",
)

NER_LABELS: tuple[str, ...] = (
    "LENDER",
    "BORROWER",
    "GUARANTOR",
    "PRINCIPAL",
    "INTEREST_RATE",
    "OVERDUE_RATE",
    "PENALTY",
    "FEE",
    "TERM",
    "REPAY_METHOD",
    "REPAY_DATE",
    "CONTRACT_DATE",
    "JURISDICTION",
    "ADDRESS",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------------- ingest


class BBox(_Model):
    """A rectangle in PDF points, origin top-left (pdfplumber's ``x0, top, x1, bottom``)."""

    x0: float
    top: float
    x1: float
    bottom: float


class Line(_Model):
    """One physical line of the source, and where its characters landed in ``Document.text``.

    Hard-wrapped lines are joined into paragraphs in the normalised text, but each physical line keeps its own
    record so that any character offset can be traced to a page (and, for PDF, a rectangle)."""

    page: int = Field(description="1-based page number")
    start: int = Field(description="offset of the line's first character in Document.text")
    end: int = Field(description="offset just past the line's last character in Document.text")
    bbox: BBox | None = None


class Page(_Model):
    number: int = Field(description="1-based")
    width: float | None = None
    height: float | None = None
    start: int = Field(description="offset of the page's first character in Document.text")
    end: int
    has_text_layer: bool = True


class DocumentWarning(_Model):
    """Something the reader must know about the text: it may be incomplete or garbled.

    Codes: ``no_text_layer`` (scanned page, needs OCR), ``broken_font`` ((cid:NN) or U+FFFD soup),
    ``encoding_guess`` (text file decoded by a fallback), ``truncated`` and others from ingest."""

    code: str
    message: str
    page: int | None = None


class Document(_Model):
    """The normalised text of one file, with the map from every character back to its page.

    ``text`` is the canonical text every later stage works on: Kangxi radicals and full-width ASCII mapped,
    fake-bold duplicates removed, headers/footers/page numbers dropped, hard wraps joined.  The per-character
    page and box arrays are private (they are large and derivable from the file); use ``page_at`` and
    ``bbox_at``."""

    source: str | None = Field(default=None, description="path, or None for bytes / file objects")
    format: Literal["pdf", "docx", "text"]
    sha256: str
    text: str
    pages: list[Page]
    lines: list[Line] = Field(default_factory=list)
    warnings: list[DocumentWarning] = Field(default_factory=list)
    encoding: str | None = Field(default=None, description="detected encoding for text files")
    metadata: dict[str, str] = Field(default_factory=dict)

    _char_boxes: list[tuple[float, float, float, float] | None] | None = PrivateAttr(default=None)
    _page_starts: list[int] | None = PrivateAttr(default=None)

    def set_char_boxes(self, boxes: list[tuple[float, float, float, float] | None]) -> None:
        """Attach one PDF rectangle (or None for inserted characters such as joins) per character of text."""
        if len(boxes) != len(self.text):
            raise ValueError(f"need {len(self.text)} boxes, got {len(boxes)}")
        self._char_boxes = boxes

    def page_at(self, offset: int) -> int:
        """1-based page that holds the character at ``offset`` (clamped to the text)."""
        if not self.pages:
            return 1
        if self._page_starts is None:
            self._page_starts = [p.start for p in self.pages]
        i = bisect.bisect_right(self._page_starts, max(0, offset)) - 1
        return self.pages[max(0, i)].number

    def bbox_at(self, offset: int) -> BBox | None:
        if self._char_boxes is None or not 0 <= offset < len(self._char_boxes):
            return None
        box = self._char_boxes[offset]
        return None if box is None else BBox(x0=box[0], top=box[1], x1=box[2], bottom=box[3])

    @property
    def page_count(self) -> int:
        return len(self.pages)


# -------------------------------------------------------------------------------------------- segment

ClauseStyle = Literal[
    "title",
    "preamble",
    "parties",
    "chapter",
    "article",
    "item_cn",
    "item_paren_cn",
    "item_decimal",
    "item_number",
    "item_paren_number",
    "item_circled",
    "signature",
    "appendix",
    "body",
]


class Clause(_Model):
    """A node of the clause tree.  ``start``/``end`` index ``Document.text``; the span covers the heading and
    the body up to the next clause of the same or a higher level (children included)."""

    id: str
    number: str | None = Field(default=None, description="as printed, e.g. 第五条, 一、, （二）, 3.1")
    title: str | None = None
    level: int = Field(
        description="depth in the clause tree (1 = top-level heading); 0 for title, parties, preamble, signature"
    )
    style: ClauseStyle
    kinds: list[str] = Field(default_factory=list)
    start: int
    end: int
    body_start: int = Field(description="offset where the text after number and title begins")
    first_page: int = 1
    last_page: int = 1
    parent_id: str | None = None


# -------------------------------------------------------------------------------------------- extract


class Entity(_Model):
    label: str
    text: str
    start: int
    end: int
    score: float = 1.0
    clause_id: str | None = None
    source: Literal["model", "rule"] = "rule"


class Money(_Model):
    amount: Decimal
    currency: str = "CNY"
    text: str = ""
    start: int | None = None
    end: int | None = None


class Rate(_Model):
    """A rate as the contract states it, and per year.  ``period`` is None when the contract does not say per
    what (利息2分): such a rate is never annualised by guesswork; ``annual`` stays None and a finding says so."""

    value: Decimal | None
    period: Literal["day", "month", "year"] | None
    annual: Decimal | None
    basis_days: int = 365
    text: str = ""
    relative_to: str | None = Field(default=None, description="e.g. 'interest_rate' for 按借款利率上浮50%")
    multiplier: Decimal | None = Field(
        default=None,
        description="factor on the base rate for a relative rate: 1.5 for 上浮50% or 1.5倍, 0.9 for 下浮10%",
    )
    note: str = Field(
        default="",
        description="why there is no figure per year when there is none, Chinese / English: a rate linked to a "
        "benchmark (LPR加100个基点, 银行同期贷款利率的四倍) whose value the text does not state",
    )
    start: int | None = None
    end: int | None = None


class Penalty(_Model):
    form: Literal["daily_rate", "rate_of_principal", "rate_of_overdue_amount", "fixed_amount", "other"]
    value: Decimal | None
    annual: Decimal | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None


class Fee(_Model):
    name: str
    form: Literal["rate", "fixed_amount", "other"] = "rate"
    value: Decimal | None = None
    period: Literal["day", "month", "year", "once"] | None = None
    annual: Decimal | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None


class Duration(_Model):
    months: int | None = None
    days: int | None = None
    text: str = ""


RepaymentMethod = Literal["equal_installment", "equal_principal", "interest_first", "bullet", "other"]


class Instalment(_Model):
    """One payment: what of it is principal and interest, and the principal still owed after it."""

    number: int
    due_date: date
    principal: Decimal
    interest: Decimal
    payment: Decimal
    balance_after: Decimal


class RepaymentSchedule(_Model):
    """Every instalment of a loan, with the totals and the assumptions made (``notes``, each one string in
    Chinese and English)."""

    method: RepaymentMethod
    principal: Decimal
    annual_rate: Decimal
    start_date: date
    periods: int
    repayment_day: int | None
    day_basis: int = 365
    instalments: list[Instalment]
    total_interest: Decimal
    total_payment: Decimal
    notes: list[str]

    def cash_flows(self, received: Decimal | None = None) -> list[tuple[date, Decimal]]:
        """The borrower's cash flows: + ``received`` (the principal unless given, e.g. the amount actually paid
        out after fees deducted in advance) on the start date, − each payment on its due date."""
        amount = self.principal if received is None else Decimal(str(received))
        return [(self.start_date, amount)] + [(i.due_date, -i.payment) for i in self.instalments]


class LoanTerms(_Model):
    principal: Money | None = None
    disbursed: Money | None = Field(
        default=None,
        description="amount actually paid out (实际到账/实际出借), when the contract states it; less than principal "
        "means interest or fees were deducted in advance (LC103)",
    )
    interest_rate: Rate | None = None
    overdue_rate: Rate | None = None
    penalty: Penalty | None = None
    fees: list[Fee] = Field(default_factory=list)
    term: Duration | None = None
    start_date: date | None = None
    end_date: date | None = None
    contract_date: date | None = None
    contract_date_source: Literal["text", "caller"] | None = Field(
        default=None, description="caller: given by the user, and then it wins over every date in the text"
    )
    repayment_method: RepaymentMethod | None = None
    repayment_day: int | None = None
    lender: str | None = None
    borrower: str | None = None
    guarantors: list[str] = Field(default_factory=list)
    jurisdiction: str | None = None
    delivery_address: str | None = None
    lender_kind: str | None = Field(
        default=None, description="private, licensed_fi or local_fin_org: the kind the caps were taken for"
    )
    lender_kind_source: Literal["caller", "lender_name", "assumed"] | None = Field(
        default=None,
        description="caller: given by the user; lender_name: read from the lender's name; assumed: no lender "
        "name found, private lending assumed",
    )
    lender_kind_evidence: str | None = Field(
        default=None, description="why, in Chinese, e.g. 出借人“…”为小额贷款公司"
    )


# ---------------------------------------------------------------------------------------------- check


class Citation(_Model):
    document: str = Field(
        description="e.g. 最高人民法院关于审理民间借贷案件适用法律若干问题的规定（法释〔2020〕17号）"
    )
    article: str | None = Field(default=None, description="e.g. 第二十五条第一款")
    effective_from: date | None = None
    effective_to: date | None = None
    confidence: Literal["verified_text", "secondary"] = "verified_text"


class Explanation(_Model):
    """One sentence a borrower understands, in Chinese (``zh``) and English (``en``): no article numbers, the
    numbers that matter, "可能 / may" where the verdict is provisional (``loanclause.report.explain``)."""

    zh: str
    en: str


class Finding(_Model):
    code: str
    severity: Literal["error", "warning", "info"]
    title: str
    message: str = Field(description="Chinese, stating the numbers")
    message_en: str = ""
    clause_id: str | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    citation: Citation | None = None
    explanation: Explanation | None = Field(
        default=None, description="the finding in plain words, for the borrower"
    )
    provisional: bool = Field(
        default=False,
        description="the verdict rests on an assumption (no contract date in the text, an LPR the table may not "
        "have yet or has from one source only): at most a warning, and the message says what was assumed",
    )


class Assumptions(_Model):
    """What the verdicts rest on, and where each fact came from, so that a reader can see which of them the text
    states and which loanclause (or the caller) supplied.  A verdict is only as good as its contract date."""

    as_of: date = Field(description="the check date: amounts are claimable 'as of' this day")
    contract_date: date = Field(description="the formation date the caps were taken for")
    contract_date_source: Literal["caller", "contract_date", "disbursement", "start_date", "as_of"] = Field(
        description="caller: given by the user; contract_date: the date the text gives for signing; disbursement: "
        "the loan start date, because a loan between natural persons is formed when the money is provided; "
        "start_date: no signing date, the loan start date used; as_of: no date at all, the check date assumed"
    )
    filing_date: date = Field(
        description="the assumed date of suit (matters for loans formed before 2020-08-20)"
    )
    filing_date_source: Literal["caller", "as_of"]
    day_basis: int = Field(description="days a year for daily rates and day-count interest: 365 or 360")
    day_basis_source: Literal["contract", "default"]
    lender_kind: str
    lender_kind_source: Literal["caller", "lender_name", "assumed"] | None = None
    received: Decimal | None = Field(
        default=None, description="amount actually received by the borrower, when known"
    )
    received_source: Literal["caller", "text", "principal"] | None = Field(
        default=None,
        description="caller: --received; text: the contract says what was paid out; principal: "
        "nothing says otherwise, the stated principal is taken as received",
    )
    notes: list[str] = Field(
        default_factory=list, description="each assumption in a sentence, Chinese / English"
    )


class Claimable(_Model):
    """What the lender could claim at ``as_of`` under the caps, if nothing had been repaid: principal (the amount
    actually received), loan-period interest and overdue charges, each capped period by period by the calculator
    (``loanclause.calc.claimable_interest``).  A figure beside the cap findings, not a judgment."""

    as_of: date
    principal: Decimal
    interest: Decimal = Field(description="loan-period and overdue interest claimable up to as_of, capped")
    agreed_interest: Decimal = Field(description="the same at the contract's rates, before the caps")
    total: Decimal = Field(description="principal + interest")
    overdue_from: date | None = None
    overdue_days: int = 0
    assumptions: list[str] = Field(default_factory=list)


class ContractReport(_Model):
    """What loanclause says about one contract.

    ``terms``, ``entities`` and ``findings`` are filled by the extract and check stages; until a stage is part
    of the pipeline its fields stay empty rather than guessed (see ``loanclause.analyze``)."""

    source: str | None = None
    sha256: str
    format: Literal["pdf", "docx", "text"]
    text: str
    pages: list[Page]
    warnings: list[DocumentWarning] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    terms: LoanTerms = Field(default_factory=LoanTerms)
    findings: list[Finding] = Field(default_factory=list)
    assumptions: Assumptions | None = None
    term_explanations: dict[str, Explanation] = Field(
        default_factory=dict, description="each extracted term in plain words (principal, interest_rate, …)"
    )
    schedule: RepaymentSchedule | None = Field(
        default=None,
        description="the repayment schedule, when principal, rate, start, term and method are stated",
    )
    claimable: Claimable | None = Field(
        default=None, description="the claimable amount at as_of, when principal, rate and dates allow it"
    )
    lender_kind: str = "private"
    as_of: date | None = None
    fragment: bool = False
    is_loan_agreement: bool = Field(
        default=True,
        description="False when no basic loan clause was found; missing-clause rules then stay silent",
    )
    loanclause_version: str = ""
    extractors: list[str] = Field(
        default_factory=list,
        description="what read the terms: the rule baseline's name, and the NER model's name@weights-hash if used",
    )

    _document: Document | None = PrivateAttr(default=None)

    @property
    def document(self) -> Document | None:
        """The ingested Document (lines, per-character boxes), when the report was made in this process."""
        return self._document

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def clause_text(self, clause: Clause) -> str:
        return self.text[clause.start : clause.end]

    def to_spacy(self, nlp: Any = None) -> Any:
        """A spaCy ``Doc`` (character tokens) with the entities as ``doc.ents`` and clauses and findings as span
        groups, for spaCy users and displaCy."""
        from loanclause.report.spacy_doc import report_to_doc

        return report_to_doc(self, nlp)
