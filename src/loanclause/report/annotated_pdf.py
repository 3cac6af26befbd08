"""The original PDF with loanclause's reading drawn on its own pages: every finding's evidence and every extracted
entity highlighted from the glyph boxes, the finding's code, message and citation in the highlight's note.

Why on the original: a court, a client or opposing counsel trusts the pages they know, not a re-typeset text.  The
pages themselves are not changed — only annotations are added, which every PDF viewer shows, lists and can hide
or delete, and which print when the viewer prints annotations.

``analyze_annotated`` runs as a ``LimitedRunner`` analyzer (in the worker, under the file's time and memory
limits), because the glyph boxes live in the ingested Document, which stays in the process that read the file.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from loanclause.models import ContractReport, Document

__all__ = ["analyze_annotated", "annotate_pdf", "span_rectangles"]

# (r, g, b) hex: findings by severity, entities lighter (the HTML report's label colours, in their hue)
_FINDING_COLOUR = {"error": "ff6b6b", "warning": "ffc857", "info": "8fb3ff"}
_ENTITY_COLOUR = "bfe3c4"
_LINE_GAP = 2.0  # boxes whose tops differ by more than this many points are on different lines


def span_rectangles(
    document: Document, start: int, end: int
) -> dict[int, list[tuple[float, float, float, float]]]:
    """The characters ``start``…``end`` as one rectangle per page line, in the page's top-left coordinates
    (x0, top, x1, bottom), by page number.  Characters without a box (inserted joins) are skipped."""
    by_page: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
    current: list[float] | None = None
    current_page = 0
    for offset in range(max(0, start), min(end, len(document.text))):
        box = document.bbox_at(offset)
        if box is None:
            continue
        page = document.page_at(offset)
        same_line = (
            current is not None
            and page == current_page
            and abs(box.top - current[1]) <= _LINE_GAP
            and box.x0 >= current[0] - 1
        )
        if same_line:
            current[2] = max(current[2], box.x1)  # type: ignore[index]
            current[1] = min(current[1], box.top)  # type: ignore[index]
            current[3] = max(current[3], box.bottom)  # type: ignore[index]
            continue
        if current is not None:
            by_page[current_page].append((current[0], current[1], current[2], current[3]))
        current, current_page = [box.x0, box.top, box.x1, box.bottom], page
    if current is not None:
        by_page[current_page].append((current[0], current[1], current[2], current[3]))
    return dict(by_page)


def _highlight(
    rects: list[tuple[float, float, float, float]], page: Any, colour: str, note: str, title: str
) -> Any:
    """One highlight annotation over several line rectangles, converted to the page's PDF coordinates."""
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    box = page.mediabox
    left, bottom_edge, top_edge = float(box.left), float(box.bottom), float(box.top)
    quads: list[float] = []
    xs: list[float] = []
    ys: list[float] = []
    for x0, top, x1, bottom in rects:
        y_hi, y_lo = top_edge - top, top_edge - bottom
        x0p, x1p = left + x0, left + x1
        quads += [x0p, y_hi, x1p, y_hi, x0p, y_lo, x1p, y_lo]
        xs += [x0p, x1p]
        ys += [y_lo, y_hi]
    annotation = Highlight(
        rect=(min(xs), max(min(ys), bottom_edge), max(xs), min(max(ys), top_edge)),
        quad_points=ArrayObject(FloatObject(v) for v in quads),
        highlight_color=colour,
        printing=True,
    )
    annotation[NameObject("/Contents")] = TextStringObject(note)
    annotation[NameObject("/T")] = TextStringObject(title)
    return annotation


def annotate_pdf(pdf: bytes, report: ContractReport, document: Document) -> bytes:
    """The PDF with a highlight per finding (by severity, its message and citation as the note) and per entity
    (its label as the note).  Raises ``ValueError`` for a document that is not a PDF."""
    from pypdf import PdfReader, PdfWriter

    from loanclause.report.findings import citation_line

    if document.format != "pdf":
        raise ValueError("an annotated PDF needs a PDF")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    pages = writer.pages

    def add(start: int | None, end: int | None, colour: str, note: str, title: str) -> None:
        if start is None or end is None or end <= start:
            return
        for number, rects in span_rectangles(document, start, end).items():
            if 1 <= number <= len(pages) and rects:
                writer.add_annotation(number - 1, _highlight(rects, pages[number - 1], colour, note, title))

    for entity in report.entities:
        add(
            entity.start,
            entity.end,
            _ENTITY_COLOUR,
            f"{entity.label}：{entity.text}",
            f"loanclause {entity.label}",
        )
    for finding in report.findings:
        cite = citation_line(finding.citation)
        note = "\n".join(
            x for x in (f"{finding.code} {finding.title}", finding.message, cite and f"依据：{cite}") if x
        )
        add(finding.start, finding.end, _FINDING_COLOUR[finding.severity], note, f"loanclause {finding.code}")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def analyze_annotated(source: bytes, *, pdf_out: str, **options: Any) -> ContractReport:
    """``loanclause.analyze`` and the annotated PDF written to ``pdf_out`` (atomically), in one pass over the file.
    A text or DOCX file gets its report and no PDF (there are no pages to draw on)."""
    from loanclause.batch.export import atomic_write
    from loanclause.pipeline import analyze

    report = analyze(source, **options)
    document = report.document
    if document is not None and document.format == "pdf":
        try:
            data = annotate_pdf(source, report, document)
        except Exception as err:  # pypdf may refuse a PDF that the reader could read: the report still stands
            from loanclause.models import DocumentWarning

            report.warnings.append(
                DocumentWarning(
                    code="annotated_pdf_failed",
                    message=f"未能生成批注PDF / no annotated PDF: {type(err).__name__}: {str(err)[:120]}",
                )
            )
        else:
            atomic_write(pdf_out, lambda fh: fh.write(data), binary=True)
    return report
