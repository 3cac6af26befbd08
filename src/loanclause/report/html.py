"""One contract as a single self-contained HTML page: the text clause by clause with the extracted entities
highlighted, each finding beside the clause it is about, the terms table, and the rates against the cap over time.

Why one file with no scripts, fonts or images from anywhere: a lawyer mails it, opens it offline, prints it, or a
court clerk opens it on a locked-down machine.  The page carries a Content-Security-Policy that forbids every
request (``default-src 'none'``), so even a hostile contract text — escaped everywhere anyway — cannot make the
page fetch anything.  No JavaScript: the page reads the same with scripts disabled and prints the same as it shows.

``render_html(report)`` is the contract page; ``render_index(entries)`` the overview page of a scan.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape
from os import PathLike

from loanclause.law import LprTable
from loanclause.models import Clause, ContractReport, Finding

__all__ = ["LABEL_NAMES", "IndexEntry", "render_html", "render_index"]

# label → (Chinese name, English name, highlight colour); the colours are told apart in print and by readers
# with the common colour-vision deficiencies (each label also carries its name in a tooltip and the legend).
LABEL_NAMES: dict[str, tuple[str, str, str]] = {
    "LENDER": ("出借人", "lender", "#cfe8ff"),
    "BORROWER": ("借款人", "borrower", "#ffe2c6"),
    "GUARANTOR": ("保证人", "guarantor", "#e8dcff"),
    "PRINCIPAL": ("本金", "principal", "#c9f2d0"),
    "INTEREST_RATE": ("借期利率", "interest rate", "#fff3a8"),
    "OVERDUE_RATE": ("逾期利率", "overdue rate", "#ffd0d0"),
    "PENALTY": ("违约金", "penalty", "#ffc2e5"),
    "FEE": ("费用", "fee", "#f5d7b8"),
    "TERM": ("期限", "term", "#d6f0f0"),
    "REPAY_METHOD": ("还款方式", "repayment method", "#e3ecc5"),
    "REPAY_DATE": ("还款日", "repayment date", "#dde3f7"),
    "CONTRACT_DATE": ("签订日", "contract date", "#e6e6e6"),
    "JURISDICTION": ("管辖", "jurisdiction", "#f0e0c8"),
    "ADDRESS": ("送达地址", "address", "#e0eedd"),
}
_OTHER_LABEL = ("其他", "other", "#eeeeee")
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

_CSS = """
:root { --ink:#1d232b; --muted:#5b6570; --line:#d9dee4; --paper:#fff; --error:#b3261e; --warning:#9a6700;
  --info:#3b5b8c; --cap:#b3261e; --loan:#1f5fa8; --overdue:#8a3ab9; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:#f4f6f8; font: 15px/1.65 "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", "Noto Serif CJK SC", system-ui, sans-serif; }
header.top { background:#1d2b3a; color:#fff; padding:1rem 1.5rem; }
header.top h1 { margin:0 0 .25rem; font-size:1.35rem; word-break:break-all; }
header.top .meta { color:#c9d3dd; font-size:.85rem; }
header.top .meta span + span::before { content:" · "; }
main { max-width:78rem; margin:0 auto; padding:1rem 1.5rem 3rem; }
section.panel { background:var(--paper); border:1px solid var(--line); border-radius:6px; padding:1rem 1.25rem;
  margin:1rem 0; }
h2 { font-size:1.1rem; margin:0 0 .75rem; }
.counts { display:flex; gap:.75rem; flex-wrap:wrap; margin:.25rem 0 0; padding:0; list-style:none; }
.counts li { padding:.15rem .6rem; border-radius:999px; font-size:.85rem; background:#eef1f4; }
.counts .error { background:#fbe3e1; color:var(--error); }
.counts .warning { background:#fdf0cf; color:var(--warning); }
.counts .info { background:#e3ebf7; color:var(--info); }
table { border-collapse:collapse; width:100%; font-size:.9rem; }
th, td { text-align:left; vertical-align:top; padding:.35rem .5rem; border-bottom:1px solid var(--line); }
th { color:var(--muted); font-weight:600; white-space:nowrap; }
td.quote { color:var(--muted); }
.legend { display:flex; flex-wrap:wrap; gap:.4rem .8rem; font-size:.8rem; margin:.5rem 0 0; padding:0;
  list-style:none; }
.legend li mark { padding:0 .3rem; }
.clause { display:grid; grid-template-columns:minmax(0,3fr) minmax(15rem,2fr); gap:1rem;
  border-top:1px solid var(--line); padding:.75rem 0; }
.clause:first-of-type { border-top:0; }
.clause .text { white-space:pre-wrap; word-break:break-word; }
.clause .pages { float:right; color:var(--muted); font-size:.75rem; margin-left:.75rem; }
.lvl2 .text { padding-left:1.25rem; }
.lvl3 .text { padding-left:2.5rem; }
.side { display:flex; flex-direction:column; gap:.5rem; }
mark { border-radius:3px; padding:0 1px; color:inherit; }
mark.model { outline:1px dashed #7d8790; outline-offset:-1px; }
.ev { text-decoration:underline wavy var(--error); text-underline-offset:3px; text-decoration-thickness:1.5px; }
.ev.warning { text-decoration-color:var(--warning); }
.ev.info { text-decoration-color:var(--info); }
article.finding { border-left:4px solid var(--info); background:#f7f9fc; padding:.5rem .7rem; border-radius:4px;
  font-size:.88rem; break-inside:avoid; }
article.finding.error { border-left-color:var(--error); background:#fdf3f2; }
article.finding.warning { border-left-color:var(--warning); background:#fdf8ec; }
article.finding header { display:flex; gap:.5rem; align-items:baseline; flex-wrap:wrap; }
article.finding .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight:700; }
article.finding .sev { font-size:.75rem; text-transform:uppercase; letter-spacing:.04em; }
article.finding.error .sev { color:var(--error); } article.finding.warning .sev { color:var(--warning); }
article.finding.info .sev { color:var(--info); }
article.finding .title { font-weight:600; }
article.finding p { margin:.3rem 0; }
article.finding .en, article.finding .cite, article.finding .where { color:var(--muted); font-size:.82rem; }
article.finding .plain { background:#fff; border-radius:3px; padding:.3rem .45rem; }
.provisional { font-size:.75rem; color:var(--warning); border:1px solid var(--warning); border-radius:3px;
  padding:0 .3rem; }
svg.timeline { width:100%; height:auto; max-width:60rem; display:block; }
svg text { font-size:11px; fill:var(--ink); font-family:inherit; }
.swatch { display:inline-block; width:1.4rem; height:0; border-top:3px solid var(--loan); vertical-align:middle;
  margin-right:.4rem; }
.swatch.cap { border-top:3px dashed var(--cap); } .swatch.overdue { border-top-color:var(--overdue); }
ol.finding-index { margin:.6rem 0 .25rem; padding-left:1.4rem; font-size:.88rem; }
ol.finding-index .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight:700; }
ol.finding-index .sev { font-size:.75rem; } ol.finding-index .sev.error { color:var(--error); }
ol.finding-index .sev.warning { color:var(--warning); } ol.finding-index .sev.info { color:var(--info); }
ol.finding-index .where { color:var(--muted); font-size:.8rem; }
ul.notes { margin:.25rem 0 0; padding-left:1.2rem; color:var(--muted); font-size:.85rem; }
a { color:#1f5fa8; }
footer { color:var(--muted); font-size:.8rem; text-align:center; margin-top:2rem; }
td { overflow-wrap:anywhere; }
@media (max-width: 52rem) { .clause { grid-template-columns:1fr; } main { padding:.5rem; }
  section.panel { padding:.75rem; } th { white-space:normal; } th, td { padding:.3rem .3rem; } }
@media print {
  body { background:#fff; font-size:11pt; }
  header.top { background:#fff; color:#000; border-bottom:2px solid #000; padding:0 0 .5rem; }
  header.top .meta { color:#333; }
  main { max-width:none; padding:0; }
  section.panel { border:0; padding:0; margin:.75rem 0; }
  .clause { break-inside:avoid-page; }
  a { color:inherit; text-decoration:none; }
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


# ---------------------------------------------------------------------------------------------- text with marks


def _marked(
    text: str, lo: int, hi: int, marks: list[tuple[int, int, str, str, str]], anchors: dict[int, str]
) -> str:
    """``text[lo:hi]`` as HTML, with the annotations that fall in it.  ``marks`` are (start, end, kind, key,
    title): kind "ent" (key = label) or "ev" (key = severity).  The text is cut into runs over which the set of
    annotations does not change, so overlapping entities and evidence spans never produce crossed tags."""
    cuts = {lo, hi}
    inside = [m for m in marks if m[0] < hi and m[1] > lo and m[1] > m[0]]
    for m in inside:
        cuts.add(max(lo, m[0]))
        cuts.add(min(hi, m[1]))
    cuts.update(a for a in anchors if lo <= a < hi)
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        if a in anchors:
            out.append(f'<span id="{anchors[a]}"></span>')
        chunk = _e(text[a:b])
        active = [m for m in inside if m[0] <= a and m[1] >= b]
        ents = [m for m in active if m[2] == "ent"]
        evs = [m for m in active if m[2] == "ev"]
        if evs:
            worst = min(evs, key=lambda m: _SEVERITY_RANK.get(m[3], 3))
            chunk = f'<span class="ev {worst[3]}" title="{_e(" / ".join(m[4] for m in evs))}">{chunk}</span>'
        if ents:
            ent = ents[0]
            colour = LABEL_NAMES.get(ent[3], _OTHER_LABEL)[2]
            model = " model" if "model" in ent[4] else ""
            chunk = (
                f'<mark class="ent{model}" data-label="{_e(ent[3])}" style="background:{colour}" '
                f'title="{_e(ent[4])}">{chunk}</mark>'
            )
        out.append(chunk)
    return "".join(out)


def _entity_title(label: str, source: str, score: float) -> str:
    zh, en, _ = LABEL_NAMES.get(label, _OTHER_LABEL)
    how = "模型 model" if source == "model" else "规则 rule"
    return f"{zh} {en} ({label}) · {how} {score:.2f}"


# ---------------------------------------------------------------------------------------------- pieces


def _pieces(report: ContractReport) -> list[tuple[Clause | None, int, int]]:
    """The text cut at every clause start: each piece belongs to the deepest clause starting there (a parent's
    piece is its heading and lead-in, its children follow); what precedes the first clause is the preamble."""
    starts = sorted(report.clauses, key=lambda c: (c.start, c.level))
    pieces: list[tuple[Clause | None, int, int]] = []
    if not starts:
        return [(None, 0, len(report.text))]
    if starts[0].start > 0 and report.text[: starts[0].start].strip():
        pieces.append((None, 0, starts[0].start))
    for i, clause in enumerate(starts):
        nxt = starts[i + 1].start if i + 1 < len(starts) else len(report.text)
        end = max(clause.start, min(nxt, len(report.text)))
        if i + 1 < len(starts) and starts[i + 1].start == clause.start:
            continue  # the same start: the deeper clause takes the piece
        pieces.append((clause, clause.start, end))
    return pieces


def _finding_card(report: ContractReport, finding: Finding, index: int) -> str:
    from loanclause.report.findings import citation_line
    from loanclause.report.lint import locate

    loc = locate(report, finding.start)
    where = (
        f"第{loc.page}页 第{loc.line}行 / page {loc.page}, line {loc.line}"
        if loc
        else "整份合同 / whole document"
    )
    evidence = ""
    if finding.start is not None and finding.end is not None and finding.end > finding.start:
        quoted = report.text[finding.start : finding.end]
        evidence = f' · <a href="#ev-{index}">“{_e(quoted[:60])}{"…" if len(quoted) > 60 else ""}”</a>'
    parts = [
        f'<article class="finding {finding.severity}" id="f-{index}" data-code="{_e(finding.code)}" '
        f'data-severity="{finding.severity}">',
        "<header>"
        f'<span class="code">{_e(finding.code)}</span>'
        f'<span class="sev">{_SEVERITY_ZH[finding.severity]} {finding.severity}</span>'
        f'<span class="title">{_e(finding.title)}</span>'
        + ('<span class="provisional">假定 provisional</span>' if finding.provisional else "")
        + "</header>",
        f"<p>{_e(finding.message)}</p>",
    ]
    if finding.message_en:
        parts.append(f'<p class="en" lang="en">{_e(finding.message_en)}</p>')
    if finding.explanation is not None:
        parts.append(f'<p class="plain">{_e(finding.explanation.zh)}</p>')
    cite = citation_line(finding.citation)
    if cite:
        parts.append(f'<p class="cite">依据 citation: {_e(cite)}</p>')
    parts.append(f'<p class="where">{_e(where)}{evidence}</p>')
    parts.append("</article>")
    return "".join(parts)


def _finding_index(report: ContractReport, findings: list[tuple[int, Finding]]) -> str:
    """The findings, worst first, each a link to its card: what a reader scans before reading the contract."""
    if not findings:
        return ""
    from loanclause.report.lint import locate

    items = []
    for i, f in findings:
        loc = locate(report, f.start)
        where = f"第{loc.page}页" if loc else "全文"
        items.append(
            f'<li><a href="#f-{i}"><span class="code">{_e(f.code)}</span></a> '
            f'<span class="sev {f.severity}">{_SEVERITY_ZH[f.severity]}</span> {_e(f.title)} '
            f'<span class="where">{where}</span></li>'
        )
    return f'<ol class="finding-index">{"".join(items)}</ol>'


def _terms_table(report: ContractReport) -> str:
    from loanclause.report.terms_table import terms_rows

    rows = "".join(
        f'<tr><th scope="row">{_e(term)}</th><td>{_e(value)}</td><td class="quote">{_e(quote)}</td></tr>'
        for term, value, quote in terms_rows(report)
    )
    return (
        '<table class="terms"><thead><tr><th>条款 term</th><th>数值 value</th><th>原文 as written</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _assumptions(report: ContractReport) -> str:
    from loanclause.law._fmt import money

    a = report.assumptions
    items = [f"<li>{_e(n)}</li>" for n in (a.notes if a else [])]
    c = report.claimable
    if c is not None:
        items.append(
            f"<li>截至 {c.as_of} 可主张（按上限，未计已还款）：本金 {_e(money(c.principal))}元 ＋ 利息 "
            f"{_e(money(c.interest))}元 ＝ {_e(money(c.total))}元；按合同约定利息为 {_e(money(c.agreed_interest))}元 "
            f"/ claimable at {c.as_of} under the caps, before repayments</li>"
        )
    for w in report.warnings:
        items.append(f"<li>{_e(w.code)}：{_e(w.message)}{f'（第{w.page}页）' if w.page else ''}</li>")
    return f'<ul class="notes">{"".join(items)}</ul>' if items else ""


# ---------------------------------------------------------------------------------------------- the timeline


def _timeline_svg(report: ContractReport, lpr_table: LprTable | str | PathLike[str] | None) -> str:
    from loanclause.law._fmt import pct
    from loanclause.report.rate_timeline import rate_timeline

    tl = rate_timeline(report, lpr_table=lpr_table)
    if tl is None:
        return '<p class="notes">合同未载明起始日或签订日，无法画出时间轴 / no start or contract date: no timeline.</p>'
    width, height, left, right, top, bottom = 760, 230, 56, 24, 22, 40
    span = max(1, (tl.end - tl.start).days)
    top_rate = max([s.rate for s in tl.segments] + [Decimal("0.05")]) * Decimal("1.15")

    def x(day: date) -> float:
        return left + (width - left - right) * ((day - tl.start).days / span)

    def y(rate: Decimal) -> float:
        return top + (height - top - bottom) * (1 - float(rate / top_rate))

    colour = {"cap": "var(--cap)", "loan": "var(--loan)", "overdue": "var(--overdue)"}
    out = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="利率与上限时间轴 rates against the cap">'
    ]
    # axes and gridlines every 5 % (or 10 % on a tall scale)
    step = Decimal("0.05") if top_rate <= Decimal("0.6") else Decimal("0.1")
    g = Decimal(0)
    while g <= top_rate:
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(g):.1f}" y2="{y(g):.1f}" stroke="#e3e7eb"/>'
            f'<text x="{left - 6}" y="{y(g) + 4:.1f}" text-anchor="end">{_e(pct(g))}</text>'
        )
        g += step
    marks = {tl.start, tl.end, tl.as_of} | ({tl.due_date} if tl.due_date else set())
    marks |= {s.start for s in tl.segments if s.kind == "cap"}
    for day in sorted(marks):
        if not tl.start <= day <= tl.end:
            continue
        out.append(
            f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{top}" y2="{height - bottom}" stroke="#eef0f2"/>'
        )
    labels_at: list[float] = []
    for day in sorted(marks):
        if not tl.start <= day <= tl.end or any(abs(x(day) - p) < 70 for p in labels_at):
            continue
        labels_at.append(x(day))
        anchor = "start" if day == tl.start else "end" if day == tl.end else "middle"
        out.append(f'<text x="{x(day):.1f}" y="{height - bottom + 16}" text-anchor="{anchor}">{day}</text>')
    if tl.due_date and tl.start <= tl.due_date <= tl.end:
        out.append(
            f'<text x="{x(tl.due_date):.1f}" y="{height - 6}" text-anchor="middle" fill="#5b6570">到期 due</text>'
        )
    if tl.start <= tl.as_of <= tl.end:
        out.append(
            f'<line x1="{x(tl.as_of):.1f}" x2="{x(tl.as_of):.1f}" y1="{top}" y2="{height - bottom}" '
            f'stroke="#5b6570" stroke-dasharray="2 3"/>'
            f'<text x="{x(tl.as_of) - 4:.1f}" y="{top + 10}" text-anchor="end" fill="#5b6570">检查日 as of</text>'
        )
    for seg in tl.segments:
        x1, x2, yy = x(seg.start), x(seg.end), y(seg.rate)
        dash = ' stroke-dasharray="7 4"' if seg.kind == "cap" else ""
        out.append(
            f'<line class="seg {seg.kind}" x1="{x1:.1f}" x2="{max(x2, x1 + 2):.1f}" y1="{yy:.1f}" y2="{yy:.1f}" '
            f'stroke="{colour[seg.kind]}" stroke-width="3"{dash}><title>{_e(seg.label)} {seg.start}–{seg.end}'
            f"{(': ' + seg.detail) if seg.detail else ''}</title></line>"
        )
    out.append("</svg>")
    over = [
        s
        for s in tl.segments
        if s.kind != "cap"
        and any(
            c.kind == "cap" and c.start <= s.end and c.end >= s.start and s.rate > c.rate for c in tl.segments
        )
    ]
    table = "".join(
        f'<tr><td><span class="swatch {s.kind}"></span>{_e(s.label)}</td>'
        f"<td>{s.start} – {s.end}</td><td>{_e(pct(s.rate))}</td>"
        f'<td class="quote">{_e(s.detail)}</td></tr>'
        for s in tl.segments
    )
    verdict = (
        "<p><strong>高于上限 above the cap:</strong> " + "、".join(_e(s.label) for s in over) + "</p>"
        if over
        else ""
    )
    notes = "".join(f"<li>{_e(n)}</li>" for n in tl.notes)
    return (
        "".join(out)
        + verdict
        + '<table class="timeline-table"><thead><tr><th>线 line</th><th>期间 days</th><th>年化 per year</th>'
        f"<th>来源 source</th></tr></thead><tbody>{table}</tbody></table>"
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
    )


# ---------------------------------------------------------------------------------------------- the page


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>\n"
    )


def render_html(
    report: ContractReport,
    *,
    lpr_table: LprTable | str | PathLike[str] | None = None,
    title: str | None = None,
) -> str:
    """The report page of one contract (a complete HTML document, UTF-8)."""
    from loanclause import __version__

    name = title or report.source or "contract"
    findings = sorted(
        enumerate(report.findings), key=lambda p: (_SEVERITY_RANK[p[1].severity], p[1].start or -1)
    )
    counts = Counter(f.severity for f in report.findings)

    marks: list[tuple[int, int, str, str, str]] = []
    for ent in report.entities:
        marks.append((ent.start, ent.end, "ent", ent.label, _entity_title(ent.label, ent.source, ent.score)))
    anchors: dict[int, str] = {}
    for i, f in enumerate(report.findings):
        if f.start is not None and f.end is not None and f.end > f.start:
            marks.append((f.start, f.end, "ev", f.severity, f"{f.code} {f.title}"))
            anchors.setdefault(f.start, f"ev-{i}")
    # an anchor per finding even when two share a start: the later ones sit on the same spot
    extra_anchor: dict[int, list[str]] = {}
    for i, f in enumerate(report.findings):
        if (
            f.start is not None
            and f.end is not None
            and f.end > f.start
            and anchors.get(f.start) != f"ev-{i}"
        ):
            extra_anchor.setdefault(f.start, []).append(f"ev-{i}")

    clause_ids = {c.id for c in report.clauses}
    by_clause: dict[str | None, list[tuple[int, Finding]]] = {}
    for i, f in findings:
        key = f.clause_id if f.clause_id in clause_ids else None
        by_clause.setdefault(key, []).append((i, f))
    # a finding about a clause whose own piece is only its heading stays with that clause: it names it

    pieces = _pieces(report)
    # each annotation handed to the pieces it overlaps (bisect), so a long contract costs marks + pieces, not
    # marks × pieces
    piece_starts = [lo for _c, lo, _h in pieces]
    piece_marks: list[list[tuple[int, int, str, str, str]]] = [[] for _ in pieces]
    for m in marks:
        first = max(0, bisect.bisect_right(piece_starts, m[0]) - 1)
        last = max(0, bisect.bisect_left(piece_starts, m[1]) - 1)
        for k in range(first, last + 1):
            piece_marks[k].append(m)
    sections: list[str] = []
    for k, (clause, lo, hi) in enumerate(pieces):
        cut = max(lo, min(hi, clause.body_start)) if clause is not None else lo

        def run(a: int, b: int, here: list = piece_marks[k]) -> str:  # type: ignore[type-arg]
            html = _marked(report.text, a, b, here, {at: v for at, v in anchors.items() if a <= at < b})
            ids = [i for at, group in extra_anchor.items() if a <= at < b for i in group]
            return "".join(f'<span id="{i}"></span>' for i in ids) + html

        text_html = (f'<strong class="heading">{run(lo, cut)}</strong>' if cut > lo else "") + run(cut, hi)
        cards = "".join(
            _finding_card(report, f, i) for i, f in by_clause.get(clause.id if clause else "", [])
        )
        if clause is None:
            pages, level, cid = "前言 preamble", 1, ""
        else:
            pages = (
                f"第{clause.first_page}页"
                if clause.first_page == clause.last_page
                else f"第{clause.first_page}–{clause.last_page}页"
            )
            level, cid = max(1, min(3, clause.level or 1)), f' id="clause-{_e(clause.id)}"'
        sections.append(
            f'<div class="clause lvl{level}"{cid}><div class="body"><span class="pages">{pages}</span>'
            f'<div class="text">{text_html}</div></div><div class="side">{cards}</div></div>'
        )
    whole = "".join(_finding_card(report, f, i) for i, f in by_clause.get(None, []))

    legend_labels = sorted(
        {e.label for e in report.entities},
        key=lambda lab: list(LABEL_NAMES).index(lab) if lab in LABEL_NAMES else 99,
    )
    legend = "".join(
        f'<li><mark style="background:{LABEL_NAMES.get(lab, _OTHER_LABEL)[2]}">'
        f"{_e(LABEL_NAMES.get(lab, _OTHER_LABEL)[0])}</mark> {_e(LABEL_NAMES.get(lab, _OTHER_LABEL)[1])}</li>"
        for lab in legend_labels
    )
    a = report.assumptions
    meta = [
        f"<span>{_e(report.format.upper())}，{len(report.pages)}页</span>",
        f"<span>sha256 {_e(report.sha256[:12])}</span>",
        f"<span>检查日 as of {_e(a.as_of if a else report.as_of or '—')}</span>",
        f"<span>出借人类型 lender kind {_e(report.lender_kind)}</span>",
        f"<span>loanclause {_e(report.loanclause_version or __version__)}</span>",
    ]
    if report.extractors:
        meta.append(f"<span>{_e(', '.join(report.extractors))}</span>")
    count_items = "".join(
        f'<li class="{sev}">{_SEVERITY_ZH[sev]} {sev}: {counts.get(sev, 0)}</li>'
        for sev in ("error", "warning", "info")
    )
    not_loan = (
        "<p><strong>未识别为借款合同 / not read as a loan agreement:</strong> 缺条款规则未运行。</p>"
        if not report.is_loan_agreement
        else ""
    )
    body = (
        f'<header class="top"><h1>{_e(name)}</h1><div class="meta">{"".join(meta)}</div></header><main>'
        f'<section class="panel" id="summary"><h2>概要 summary</h2><ul class="counts">{count_items}'
        f"<li>条款 clauses: {len(report.clauses)}</li><li>实体 entities: {len(report.entities)}</li></ul>"
        f"{not_loan}{_finding_index(report, findings)}{_assumptions(report)}</section>"
        + (
            f'<section class="panel" id="whole-document"><h2>整份合同的问题 whole-document findings</h2>'
            f'<div class="side">{whole}</div></section>'
            if whole
            else ""
        )
        + f'<section class="panel" id="terms"><h2>主要条款 terms</h2>{_terms_table(report)}</section>'
        f'<section class="panel" id="timeline"><h2>利率与上限 rates against the cap</h2>'
        f"{_timeline_svg(report, lpr_table)}</section>"
        f'<section class="panel" id="contract"><h2>合同正文 the contract, clause by clause</h2>'
        f'<ul class="legend">{legend}<li><span class="ev error">波浪线 wavy underline</span> = 问题证据 '
        f'finding evidence</li><li><mark class="model" style="background:#fff">虚线框</mark> = 模型识别 read '
        f"by the model</li></ul>{''.join(sections)}</section>"
        "<footer>由 loanclause 生成，仅供参考，不构成法律意见 · generated by loanclause; not legal advice · "
        "本页不加载任何外部资源 this page loads nothing from the network</footer></main>"
    )
    return _page(f"{name} — loanclause", body)


# ---------------------------------------------------------------------------------------------- scan index


@dataclass(frozen=True)
class IndexEntry:
    """One input of a scan on the overview page: its report page (None when it could not be read)."""

    name: str
    href: str | None
    status: str
    reason: str = ""
    counts: tuple[int, int, int] = (0, 0, 0)  # error, warning, info
    codes: tuple[str, ...] = ()


def render_index(entries: list[IndexEntry], *, title: str = "loanclause scan") -> str:
    """The overview page: every file with its finding counts and codes, linked to its page; the files that could
    not be read with their reasons, so that none disappears from the report."""
    rows = []
    for e in entries:
        name = f'<a href="{_e(e.href)}">{_e(e.name)}</a>' if e.href else _e(e.name)
        if e.status == "ok":
            cells = "".join(f"<td>{n}</td>" for n in e.counts) + f"<td>{_e(', '.join(e.codes))}</td>"
        else:
            cells = f'<td colspan="4"><strong>{_e(e.status)}</strong>：{_e(e.reason)}</td>'
        rows.append(f'<tr class="{_e(e.status)}"><td>{name}</td>{cells}</tr>')
    ok = sum(e.status == "ok" for e in entries)
    body = (
        f'<header class="top"><h1>{_e(title)}</h1><div class="meta"><span>{len(entries)} files</span>'
        f"<span>{ok} read</span><span>{len(entries) - ok} not read</span></div></header><main>"
        '<section class="panel"><table><thead><tr><th>文件 file</th><th>错误 error</th><th>警告 warning</th>'
        f"<th>提示 info</th><th>规则 codes</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
        "<footer>由 loanclause 生成 · generated by loanclause</footer></main>"
    )
    return _page(title, body)
