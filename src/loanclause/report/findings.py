"""Findings for people and for tools: a terminal table, JSON records, and SARIF 2.1.0 for code-scanning UIs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from loanclause.models import Citation, ContractReport, Finding

__all__ = [
    "SEVERITY_ORDER",
    "citation_line",
    "findings_record",
    "render_assumptions",
    "render_findings",
    "to_sarif",
]

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _citation_text(finding: Finding) -> str:
    return citation_line(finding.citation)


def citation_line(citation: Citation | None) -> str:
    """A citation on one line: document, article, effective date, and whether the source is secondary."""
    if citation is None:
        return ""
    parts = [citation.document]
    if citation.article:
        parts.append(citation.article)
    if citation.effective_from:
        parts.append(f"自{citation.effective_from.isoformat()}起施行")
    if citation.confidence == "secondary":
        parts.append("secondary source")
    return "，".join(parts)


def findings_record(report: ContractReport) -> dict[str, Any]:
    """A JSON-ready summary of one contract: terms and findings (no full text)."""
    return {
        "source": report.source,
        "status": "ok",
        "sha256": report.sha256,
        "pages": len(report.pages),
        "lender_kind": report.lender_kind,
        "extractors": report.extractors,
        "warnings": [w.model_dump(mode="json") for w in report.warnings],
        "terms": report.terms.model_dump(mode="json", exclude_defaults=True),
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "assumptions": report.assumptions.model_dump(mode="json") if report.assumptions else None,
        "claimable": report.claimable.model_dump(mode="json") if report.claimable else None,
        "schedule": report.schedule.model_dump(mode="json") if report.schedule else None,
        "term_explanations": {k: v.model_dump(mode="json") for k, v in report.term_explanations.items()},
    }


def render_findings(report: ContractReport) -> str:
    """One block per contract: a header line, then each finding with its code, page, message and citation."""
    lines = [f"{report.source or '<text>'}: {len(report.findings)} findings"]
    for warning in report.warnings:
        where = f" p.{warning.page}" if warning.page else ""
        lines.append(f"  ! {warning.code}{where}: {warning.message}")
    for finding in report.findings:
        where = f"p.{finding.page}" if finding.page else "-"
        evidence = ""
        if finding.start is not None and finding.end is not None:
            snippet = " ".join(report.text[finding.start : finding.end].split())
            evidence = snippet if len(snippet) <= 40 else snippet[:39] + "…"
        lines.append(f"  {finding.code} {finding.severity:<7} {where:<5} {finding.message}")
        if finding.message_en:
            lines.append(f"        {finding.message_en}")
        if finding.explanation is not None:
            lines.append(f"        白话 in plain words: {finding.explanation.zh} / {finding.explanation.en}")
        if evidence:
            lines.append(f"        证据 evidence: 「{evidence}」")
        cited = _citation_text(finding)
        if cited:
            lines.append(f"        依据 citation: {cited}")
    lines.extend(render_assumptions(report))
    return "\n".join(lines)


def render_assumptions(report: ContractReport) -> list[str]:
    """The stated-assumptions block and the claimable amount, indented under a contract's findings."""
    from loanclause.law._fmt import money
    from loanclause.schedule import METHOD_NAMES_ZH

    out: list[str] = []
    if report.assumptions is not None:
        out.append("  假定 assumptions:")
        out.extend(f"    - {note}" for note in report.assumptions.notes)
    c = report.claimable
    if c is not None:
        overdue = f"，逾期{c.overdue_days}天" if c.overdue_days else ""
        overdue_en = f", {c.overdue_days} days overdue" if c.overdue_days else ""
        out.append(
            f"  可主张 claimable at {c.as_of}: 本金{money(c.principal)} + 受保护利息{money(c.interest)}"
            f" = {money(c.total)}元{overdue}（按约定利率计利息{money(c.agreed_interest)}） / principal "
            f"{money(c.principal)} + interest within the caps {money(c.interest)} = {money(c.total)}{overdue_en} "
            f"(at the agreed rates: {money(c.agreed_interest)})"
        )
        out.extend(f"    - {note}" for note in c.assumptions)
    sch = report.schedule
    if sch is not None:
        first, last = sch.instalments[0], sch.instalments[-1]
        out.append(
            f"  还款计划 schedule: {METHOD_NAMES_ZH.get(sch.method, sch.method)} {sch.periods}期，首期{first.due_date} "
            f"{money(first.payment)}元，末期{last.due_date} {money(last.payment)}元，利息合计{money(sch.total_interest)}元"
            f" / {sch.periods} instalments ({sch.method}), first {money(first.payment)} on {first.due_date}, last "
            f"{money(last.payment)} on {last.due_date}, interest {money(sch.total_interest)}"
        )
    return out


def _rule_help(code: str) -> tuple[str, str]:
    """Plain text and Markdown help for a rule: its doc line, the cited article and the example."""
    from loanclause.rules.docs import rule_doc

    doc = rule_doc(code)
    text = f"{doc.doc}\n\nCitation: {doc.citation}" + (f"\n\nExample:\n{doc.example}" if doc.example else "")
    md = f"**{doc.code}** {doc.title}\n\n{doc.doc}\n\n*Citation*: {doc.citation}"
    if doc.citation_text:
        md += "\n\n> " + doc.citation_text.replace("\n", "\n> ")
    if doc.example:
        md += "\n\n*Example*:\n\n```text\n" + doc.example + "\n```"
    return text, md


def to_sarif(
    reports: list[ContractReport], *, version: str, failed: list[tuple[str, str, str]] | None = None
) -> dict[str, Any]:
    """SARIF 2.1.0 as code-scanning UIs use it: the rule registry (with help) as the tool's rules, one result per
    finding with its page, ``ruleIndex`` and a ``partialFingerprints`` entry that survives re-runs and file moves;
    unreadable files (``failed``: name, error code, reason) as ``LC001`` results and as notifications of the
    invocation."""
    from loanclause.report.lint import UNREADABLE, UNREADABLE_TITLE, fingerprint, locate
    from loanclause.rules import RULES

    failed = failed or []
    rules: list[dict[str, Any]] = [
        {
            "id": UNREADABLE,
            "name": "unreadable-file",
            "shortDescription": {"text": UNREADABLE_TITLE},
            "fullDescription": {
                "text": "The file could not be read (encrypted, corrupt, scanned without a text "
                "layer, not a document, or stopped by a limit); nothing in it was checked."
            },
            "help": {
                "text": "Open the file, fix or replace it, or exclude it.",
                "markdown": "Open the file, fix or "
                "replace it, or exclude it. The reason names the cause and ends in its error code.",
            },
            "defaultConfiguration": {"level": "error"},
        }
    ]
    for spec in sorted(RULES.values(), key=lambda r: r.code):
        text, md = _rule_help(spec.code)
        rules.append(
            {
                "id": spec.code,
                "name": spec.code,
                "shortDescription": {"text": spec.title},
                "fullDescription": {"text": spec.doc},
                "help": {"text": text, "markdown": md},
                "defaultConfiguration": {"level": _SARIF_LEVEL[spec.severity]},
                "properties": {"tags": [spec.family], "citation": spec.citation_key},
            }
        )
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        seen: Counter[str] = Counter()
        for finding in report.findings:
            # No SARIF byte region: loanclause's offsets index its normalised text, not the bytes of a PDF or a
            # CRLF text file; the region gives the page's line and column in that text, the page is named too.
            location: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": report.source or "<text>"}}
            }
            loc = locate(report, finding.start)
            if loc is not None:
                location["physicalLocation"]["region"] = {"startLine": loc.line, "startColumn": loc.col}
            page = finding.page or (loc.page if loc else None)
            if page:
                location["logicalLocations"] = [{"name": f"page {page}", "kind": "page"}]
            results.append(
                {
                    "ruleId": finding.code,
                    "ruleIndex": index.get(finding.code, 0),
                    "level": _SARIF_LEVEL[finding.severity],
                    "message": {"text": f"{finding.message} / {finding.message_en}".strip(" /")},
                    "locations": [location],
                    "partialFingerprints": {"loanclauseFinding/v1": fingerprint(report, finding, seen)},
                    "properties": {
                        "citation": _citation_text(finding),
                        "provisional": finding.provisional,
                        "clause_id": finding.clause_id,
                        "page": page,
                        "text_start": finding.start,
                        "text_end": finding.end,
                        "evidence": report.text[finding.start : finding.end]
                        if finding.start is not None and finding.end is not None
                        else None,
                    },
                }
            )
    notifications = []
    for name, code, reason in failed:
        results.append(
            {
                "ruleId": UNREADABLE,
                "ruleIndex": 0,
                "level": "error",
                "message": {"text": reason},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": name}}}],
                "partialFingerprints": {"loanclauseFinding/v1": f"{UNREADABLE}-{code}"},
                "properties": {"error_code": code},
            }
        )
        notifications.append(
            {
                "level": "error",
                "message": {"text": reason},
                "descriptor": {"id": code},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": name}}}],
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "loanclause",
                        "version": version,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {"executionSuccessful": not failed, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
