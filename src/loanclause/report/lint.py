"""Lint output in the conventions CI tools already read: ruff-style text, GitHub annotations, JUnit XML, and
the per-code statistics.

Locations are ``path:page:line:col``: the page of the finding, the line within that page and the column within
that line, all 1-based and counted in loanclause's normalised text (for a text file these are the file's own
lines; for a PDF the lines as read from the page).  The same numbers appear in every format.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from loanclause.models import ContractReport, Finding

__all__ = [
    "UNREADABLE",
    "Location",
    "fingerprint",
    "github_unreadable",
    "locate",
    "render_github",
    "render_junit",
    "render_lint_text",
    "render_statistics",
    "totals_line",
]

#: the code an unreadable file is reported under (as ruff reports an unreadable file as E902)
UNREADABLE = "LC001"
UNREADABLE_TITLE = "File could not be read"


@dataclass(frozen=True)
class Location:
    page: int
    line: int
    col: int
    line_start: int  # offset of the line's first character in report.text
    line_end: int


def locate(report: ContractReport, offset: int | None) -> Location | None:
    """Page, line within the page and column of a character offset (None when the finding has no span)."""
    if offset is None:
        return None
    text = report.text
    offset = max(0, min(offset, len(text)))
    page_no, page_start = 1, 0
    for page in report.pages:
        if page.start <= offset:
            page_no, page_start = page.number, page.start
        else:
            break
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    line = text.count("\n", min(page_start, line_start), line_start) + 1
    return Location(page_no, line, offset - line_start + 1, line_start, line_end)


def fingerprint(report: ContractReport, finding: Finding, seen: Counter[str]) -> str:
    """A fingerprint that stays the same across runs, page reflows and file moves: the code and the evidence
    (whitespace removed), plus the how-many-th such finding in the file.  Not the path, not the offsets."""
    evidence = ""
    if finding.start is not None and finding.end is not None:
        evidence = "".join(report.text[finding.start : finding.end].split())
    key = f"{finding.code}\x00{evidence or finding.message}"
    seen[key] += 1
    return hashlib.sha256(f"{key}\x00{seen[key]}".encode()).hexdigest()[:32]


def _style(text: str, **kw: Any) -> str:
    import click

    return click.style(text, **kw)


_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_lint_text(report: ContractReport, *, context: bool = True) -> str:
    """ruff's shape: ``path:page:line:col: LC101 [error] message``, then the line quoted with the evidence
    underlined, the English message and the citation."""
    from loanclause.report.findings import citation_line

    name = report.source or "<text>"
    out: list[str] = []
    for finding in report.findings:
        loc = locate(report, finding.start)
        where = f"{name}:{loc.page}:{loc.line}:{loc.col}" if loc else f"{name}:{finding.page or 1}:1:1"
        out.append(
            f"{_style(where, bold=True)}: {_style(finding.code, fg=_SEVERITY_COLOUR[finding.severity], bold=True)} "
            f"[{finding.severity}] {finding.message}"
        )
        if context and loc is not None and finding.end is not None:
            line = report.text[loc.line_start : loc.line_end]
            lo = loc.col - 1
            hi = min(len(line), max(lo + 1, finding.end - loc.line_start))
            shown, mark_lo, mark_hi = line, lo, hi
            if len(line) > 120:  # a long paragraph: the part around the evidence
                a = max(0, lo - 30)
                shown = ("…" if a else "") + line[a : a + 120] + ("…" if a + 120 < len(line) else "")
                shift = a - (1 if a else 0)
                mark_lo, mark_hi = lo - shift, min(hi - shift, len(shown))
            gutter = f"{loc.line:>5} | "
            out.append(f"{gutter}{shown}")
            # CJK characters take two columns on a terminal
            pad = sum(2 if _wide(ch) else 1 for ch in shown[:mark_lo])
            width = sum(2 if _wide(ch) else 1 for ch in shown[mark_lo:mark_hi]) or 1
            out.append(" " * (len(gutter) - 2) + "| " + " " * pad + _style("^" * width, fg="red"))
        if finding.message_en:
            out.append(f"      = {finding.message_en}")
        cited = citation_line(finding.citation)
        if cited:
            out.append(f"      = 依据 citation: {cited}")
    return "\n".join(out)


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def totals_line(counts: Counter[str], files: int, unreadable: int) -> str:
    """``Found 7 findings (2 errors, 4 warnings, 1 info) in 3 files; 1 file could not be read.``"""
    total = sum(counts.values())
    parts = ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in ("error", "warning", "info")
    )
    tail = f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read" if unreadable else ""
    if not total:
        return f"All checked: no findings in {files} file{'s' if files != 1 else ''}{tail}."
    return f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}{tail}."


def render_statistics(by_code: Counter[str]) -> str:
    """ruff's ``--statistics``: count, code, title, most frequent first."""
    from loanclause.rules import RULES

    rows = []
    for code, n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
        title = UNREADABLE_TITLE if code == UNREADABLE else RULES[code].title if code in RULES else ""
        rows.append(f"{n:>5}\t{code}\t{title}")
    return "\n".join(rows)


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(report: ContractReport) -> list[str]:
    """GitHub Actions workflow commands: one ``::error file=…,line=…,col=…,title=LC101::message`` per finding.
    The line is the line within the page; the page is in the title, since GitHub shows lines of text files."""
    out = []
    name = report.source or "<text>"
    for f in report.findings:
        loc = locate(report, f.start)
        line, col, page = (loc.line, loc.col, loc.page) if loc else (1, 1, f.page or 1)
        title = f"{f.code} (page {page})"
        out.append(
            f"::{_GH_LEVEL[f.severity]} file={_gh_escape(name, prop=True)},line={line},col={col},"
            f"title={_gh_escape(title, prop=True)}::{_gh_escape(f.message + ' / ' + f.message_en)}"
        )
    return out


def github_unreadable(name: str, reason: str) -> str:
    return f"::error file={_gh_escape(name, prop=True)},title={UNREADABLE}::{_gh_escape(reason)}"


def render_junit(reports: list[ContractReport], failed: list[tuple[str, str]]) -> str:
    """JUnit XML: one test suite, one test case per file; findings at or above ``error`` severity and unreadable
    files are failures, others are in the case's output.  CI dashboards show a contract as a red or green test."""
    cases: list[str] = []
    n_fail = 0
    for report in reports:
        name = report.source or "<text>"
        errors = [f for f in report.findings if f.severity == "error"]
        body = ""
        lines = []
        for f in report.findings:
            loc = locate(report, f.start)
            where = f"{name}:{loc.page}:{loc.line}:{loc.col}" if loc else name
            lines.append(f"{where}: {f.code} [{f.severity}] {f.message} / {f.message_en}")
        if errors:
            n_fail += 1
            body += (
                f"<failure message={quoteattr(f'{len(errors)} error finding(s): ' + ', '.join(sorted({f.code for f in errors})))}"
                f' type="loanclause">{escape(chr(10).join(lines))}</failure>'
            )
        elif lines:
            body += f"<system-out>{escape(chr(10).join(lines))}</system-out>"
        cases.append(f'<testcase classname="loanclause.check" name={quoteattr(name)}>{body}</testcase>')
    for name, reason in failed:
        n_fail += 1
        cases.append(
            f'<testcase classname="loanclause.check" name={quoteattr(name)}>'
            f"<failure message={quoteattr(reason)} type={quoteattr(UNREADABLE)}/></testcase>"
        )
    total = len(reports) + len(failed)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="loanclause" tests="{total}" failures="{n_fail}">'
        f'<testsuite name="loanclause check" tests="{total}" failures="{n_fail}" errors="0">'
        + "".join(cases)
        + "</testsuite></testsuites>\n"
    )
