"""The rule registry, in the spirit of ruff: one rule = one code, one function, one doc line, a default severity
and a citation.

>>> from loanclause.rules import RULES, select_rules
>>> [r.code for r in select_rules(select=["LC10"], ignore=["LC106"])][:3]
['LC101', 'LC102', 'LC103']

A rule is a generator over a :class:`~loanclause.rules.context.RuleContext` that yields :class:`Hit` objects;
:func:`check` turns each hit into a ``Finding`` with the rule's code, title, default severity (a hit may lower or
raise it, e.g. a secondary-source cap reports a warning) and citation (a hit may carry a more specific one),
and fills in the clause and page from the character span.

Selection (``select`` / ``ignore``) takes codes or prefixes (``LC1``, ``LC20``, ``LC101``) or ``ALL``; as in
ruff, the most specific matching selector wins and, at equal length, ``ignore`` wins.  ``select=None`` means
``ALL``.  Rules marked ``whole_document_only`` (missing-clause rules) are skipped for fragments
(``report.fragment``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from os import PathLike
from typing import TYPE_CHECKING, Literal

from loanclause.errors import LoanClauseError
from loanclause.models import Citation, ContractReport, Finding

if TYPE_CHECKING:
    from loanclause.law import LprTable
    from loanclause.rules.context import RuleContext

__all__ = [
    "RULES",
    "Hit",
    "RuleSelectorError",
    "RuleSpec",
    "Severity",
    "check",
    "is_selected",
    "parse_selectors",
    "rule",
    "run_rules",
    "select_rules",
]

Severity = Literal["error", "warning", "info"]
_SEVERITIES = ("error", "warning", "info")
_CODE_RE = re.compile(r"^LC\d{3}$")
_SELECTOR_RE = re.compile(r"^(ALL|LC\d{0,3})$")


class RuleSelectorError(LoanClauseError, ValueError):
    """A ``select`` / ``ignore`` entry that is not ``ALL`` or ``LC`` followed by up to three digits."""

    code = "bad_rule_selector"


@dataclass
class Hit:
    """What a rule found; :func:`check` makes the ``Finding``.  ``severity`` / ``citation`` override the rule's
    defaults; ``clause_id`` is looked up from ``start`` when not given.  A ``provisional`` hit is never an error:
    a verdict that rests on an assumed fact is at most a warning, and says what it assumed."""

    message: str
    message_en: str
    start: int | None = None
    end: int | None = None
    clause_id: str | None = None
    severity: Severity | None = None
    citation: Citation | None = None
    provisional: bool = False  # rests on an assumed contract date or an unconfirmed / possibly stale LPR


RuleFunc = Callable[["RuleContext"], Iterable[Hit]]


@dataclass(frozen=True)
class RuleSpec:
    code: str
    title: str
    severity: Severity
    citation_key: str
    whole_document_only: bool
    func: RuleFunc
    doc: str

    @property
    def family(self) -> str:
        return self.code[:3]


RULES: dict[str, RuleSpec] = {}
#: codes that the command reports but no rule on the text raises: LC001, a file that could not be read
TOOL_CODES = ("LC001",)


def rule(
    *,
    code: str,
    title: str,
    severity: Severity,
    citation_key: str,
    whole_document_only: bool = False,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule.  The function's docstring's first line is the rule's doc line."""
    if not _CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must look like LC123")
    if severity not in _SEVERITIES:
        raise ValueError(f"rule {code}: severity {severity!r} not in {_SEVERITIES}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES and RULES[code].func.__qualname__ != func.__qualname__:
            raise ValueError(f"rule code {code} registered twice ({RULES[code].func.__qualname__})")
        doc = (func.__doc__ or "").strip().splitlines()
        if not doc:
            raise ValueError(f"rule {code} needs a docstring (its first line is the rule's doc line)")
        RULES[code] = RuleSpec(code, title, severity, citation_key, whole_document_only, func, doc[0].strip())
        return func

    return register


def parse_selectors(value: str | Iterable[str] | None) -> list[str] | None:
    """``"LC1, LC201"`` or ``["LC1", "LC201"]`` → ``["LC1", "LC201"]`` (upper-cased, validated)."""
    if value is None:
        return None
    items = re.split(r"[,\s]+", value) if isinstance(value, str) else [str(v) for v in value]
    out: list[str] = []
    for item in items:
        item = item.strip().upper()
        if not item:
            continue
        if not _SELECTOR_RE.match(item):
            raise RuleSelectorError(
                f"bad rule selector {item!r}: use ALL, a prefix such as LC1, or a code LC101"
            )
        codes = sorted([*_registry(), *TOOL_CODES])
        if item != "ALL" and not any(code.startswith(item) for code in codes):
            import difflib

            near = difflib.get_close_matches(item, codes, n=3, cutoff=0.6)
            hint = (
                f"; did you mean {' or '.join(near)}?" if near else f"; known codes: {codes[0]} … {codes[-1]}"
            )
            raise RuleSelectorError(f"unknown rule {item!r}: no rule code starts with it{hint}")
        out.append(item)
    return out


def _match_len(code: str, selectors: list[str]) -> int:
    best = -1
    for sel in selectors:
        if sel == "ALL":
            best = max(best, 0)
        elif code.startswith(sel):
            best = max(best, len(sel))
    return best


def _registry() -> dict[str, RuleSpec]:
    # importing the package registers every rule module
    import loanclause.rules  # noqa: F401

    return RULES


def is_selected(
    code: str, select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None
) -> bool:
    """Whether ``code`` is chosen by ``select`` / ``ignore`` under the same precedence as :func:`select_rules`."""
    sel = parse_selectors(select) or ["ALL"]
    ign = parse_selectors(ignore) or []
    s, i = _match_len(code, sel), _match_len(code, ign)
    return s >= 0 and s > i


def select_rules(
    select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None
) -> list[RuleSpec]:
    """The rules chosen by ``select`` and ``ignore`` (codes, prefixes or ``ALL``), in code order."""
    sel = parse_selectors(select)
    ign = parse_selectors(ignore) or []
    if sel is None:
        sel = ["ALL"]
    chosen = []
    for code, spec in sorted(_registry().items()):
        s, i = _match_len(code, sel), _match_len(code, ign)
        if s >= 0 and s > i:
            chosen.append(spec)
    return chosen


def _page_of(report: ContractReport, offset: int) -> int | None:
    if report.document is not None:
        return report.document.page_at(offset)
    page = None
    for p in report.pages:
        if p.start <= offset:
            page = p.number
        else:
            break
    return page if page is not None else (report.pages[0].number if report.pages else None)


def _findings(spec: RuleSpec, ctx: RuleContext) -> Iterator[Finding]:
    from loanclause.law import citation

    for hit in spec.func(ctx):
        clause_id = hit.clause_id
        if clause_id is None and hit.start is not None:
            clause = ctx.clause_at(hit.start)
            clause_id = clause.id if clause else None
        start, end = hit.start, hit.end
        if start is None and clause_id is not None:
            clause = ctx.report.clause(clause_id)
            if clause is not None:
                start, end = clause.start, clause.end
        severity = hit.severity or spec.severity
        message, message_en = hit.message, hit.message_en
        if hit.provisional:
            severity = "warning" if severity == "error" else severity
            if ctx.date_source == "as_of":
                message = f"【暂定：合同未载明成立日期，按检查日{ctx.as_of}推定】{message}"
                message_en = f"Provisional (no contract date in the text; the check date {ctx.as_of} was assumed): {message_en}"
            else:
                message = f"【暂定：所依据的LPR可能未更新或仅有单一来源】{message}"
                message_en = (
                    f"Provisional (the LPR used may be out of date or has a single source): {message_en}"
                )
        yield Finding(
            code=spec.code,
            severity=severity,
            provisional=hit.provisional,
            title=spec.title,
            message=message,
            message_en=message_en,
            clause_id=clause_id,
            start=start,
            end=end,
            page=_page_of(ctx.report, start) if start is not None else None,
            citation=hit.citation or citation(spec.citation_key),
        )


def check(
    report: ContractReport,
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    as_of: date | str | None = None,
    lpr_table: LprTable | str | PathLike[str] | None = None,
    filing_date: date | str | None = None,
) -> list[Finding]:
    """Run the selected rules over a report and return their findings (rule-code order, then position).

    ``as_of`` (default ``report.as_of``, else today) is the check date, used as the hypothetical filing date and
    as the last-resort contract date; ``filing_date`` (default: ``as_of``) is the assumed date of suit;
    ``lpr_table`` is an ``LprTable`` or a CSV path (default: the packaged
    table).  Raises ``UnknownLenderKindError`` for a lender kind other than private, licensed_fi or
    local_fin_org, and ``RuleSelectorError`` for a malformed selector."""
    from loanclause.rules.context import RuleContext

    ctx = RuleContext.build(report, as_of=as_of, lpr_table=lpr_table, filing_date=filing_date)
    return run_rules(ctx, select=select, ignore=ignore)


def run_rules(
    ctx: RuleContext, *, select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None
) -> list[Finding]:
    """The findings of the selected rules over a context already built (the pipeline reuses the context for the
    assumptions block instead of building it twice)."""
    report = ctx.report
    specs = select_rules(select, ignore)
    out: list[Finding] = []
    for spec in specs:
        if spec.whole_document_only and (report.fragment or not report.is_loan_agreement):
            continue
        found = list(_findings(spec, ctx))
        found.sort(key=lambda f: (f.start is None, f.start or 0))
        out.extend(found)
    return out
