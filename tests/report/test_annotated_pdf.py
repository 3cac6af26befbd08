"""The annotated PDF: highlights land on the characters they name, on the right page, and the pages themselves
are left as they were."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import loanclause
from loanclause.cli import main
from loanclause.report.annotated_pdf import analyze_annotated, annotate_pdf, span_rectangles

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"


def _annotations(data: bytes) -> list[tuple[int, dict]]:
    reader = PdfReader(io.BytesIO(data))
    return [(i + 1, a.get_object()) for i, p in enumerate(reader.pages) for a in (p.get("/Annots") or [])]


def _chars_under(pdf_bytes: bytes, page_no: int, quads: list[float]) -> str:
    """The original page's characters whose centre lies in one of the highlight's quads (PDF coordinates)."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as doc:
        page = doc.pages[page_no - 1]
        height = float(page.height)
        boxes = []
        for k in range(0, len(quads), 8):
            xs, ys = quads[k : k + 8 : 2], quads[k + 1 : k + 8 : 2]
            boxes.append((min(xs), height - max(ys), max(xs), height - min(ys)))
        out = []
        for ch in page.chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes):
                out.append(ch["text"])
        return "".join(out)


@pytest.fixture(scope="module")
def contract01():
    data = (FIXTURES / "01_single_column.pdf").read_bytes()
    report = loanclause.analyze(data, as_of="2026-01-31", ner=False)
    return data, report


def test_every_entity_and_finding_is_highlighted_over_its_own_characters(contract01):
    data, report = contract01
    annotated = annotate_pdf(data, report, report.document)
    notes = _annotations(annotated)
    assert all(a["/Subtype"] == "/Highlight" for _p, a in notes)
    spans = [*report.entities, *[f for f in report.findings if f.start is not None and f.end is not None]]
    assert len(notes) >= len(spans)  # a span across lines or pages may take one note per page
    for item in spans:
        text = "".join(report.text[item.start : item.end].split())
        page = report.document.page_at(item.start)
        title = f"loanclause {getattr(item, 'code', None) or item.label}"
        hits = [a for p, a in notes if p == page and a["/T"] == title]
        assert hits, (title, text)
        under = [
            "".join(_chars_under(data, page, [float(v) for v in a["/QuadPoints"]]).split()) for a in hits
        ]
        assert text in under, (title, text, under)


def test_finding_notes_carry_the_code_message_and_citation(contract01):
    data, report = contract01
    notes = [a for _p, a in _annotations(annotate_pdf(data, report, report.document))]
    finding = next(f for f in report.findings if f.start is not None)
    note = next(a for a in notes if a["/T"] == f"loanclause {finding.code}")
    assert finding.code in note["/Contents"] and finding.message[:15] in note["/Contents"]
    assert "依据" in note["/Contents"]


def test_the_pages_are_unchanged(contract01):
    data, report = contract01
    before = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    after = [
        p.extract_text() for p in PdfReader(io.BytesIO(annotate_pdf(data, report, report.document))).pages
    ]
    assert before == after


def test_a_span_across_a_page_break_is_drawn_on_both_pages():
    report = loanclause.analyze(FIXTURES / "03_page_break_clause.pdf", ner=False)
    doc = report.document
    boundary = doc.pages[1].start
    rects = span_rectangles(doc, boundary - 8, boundary + 8)
    assert set(rects) == {1, 2}


def test_text_files_get_a_report_and_no_pdf(tmp_path):
    out = tmp_path / "x.pdf"
    report = analyze_annotated((FIXTURES / "08_gbk.txt").read_bytes(), pdf_out=str(out), ner=False)
    assert report.terms.principal is not None and not out.exists()


def test_cli_writes_the_annotated_pdf_and_keeps_the_original(tmp_path):
    source = FIXTURES / "04_fake_bold.pdf"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    page = tmp_path / "r.html"
    run = CliRunner().invoke(
        main, ["report", str(source), "-o", str(page), "--annotated-pdf", "--as-of", "2026-01-31", "--no-ner"]
    )
    assert run.exit_code == 0, run.output
    pdf = tmp_path / "r.annotated.pdf"
    assert pdf.exists() and len(PdfReader(pdf).pages) == 2
    assert {a["/T"] for _p, a in _annotations(pdf.read_bytes())} >= {"loanclause LC102"}
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
    refused = CliRunner().invoke(
        main, ["report", str(source), "-o", str(page), "--annotated-pdf", "--redact"]
    )
    assert refused.exit_code == 2 and "redact" in refused.output


def test_a_pdf_the_annotator_refuses_still_gets_its_report(tmp_path, monkeypatch):
    import loanclause.report.annotated_pdf as module

    def refuse(*_a, **_k):
        raise ValueError("xref damaged")

    monkeypatch.setattr(module, "annotate_pdf", refuse)
    out = tmp_path / "x.pdf"
    report = analyze_annotated((FIXTURES / "01_single_column.pdf").read_bytes(), pdf_out=str(out), ner=False)
    assert not out.exists() and report.terms.principal is not None
    assert any(w.code == "annotated_pdf_failed" for w in report.warnings)
