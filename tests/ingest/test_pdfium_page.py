"""The PDFium fast path gives the same Document as pdfminer, and hands pdfminer what it should not read."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from loanclause.errors import InputError, TruncatedFileError
from loanclause.ingest.pdf import read_pdf
from loanclause.ingest.pdfium_page import FastPathUnavailable, read_pages

from ._pdfgen import NO_UNICODE_FONT, raw_pdf, sample_contract

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "contracts").glob("*.pdf"))


@pytest.fixture(autouse=True, scope="module")
def pdf_reader():
    """These tests name the reader themselves (overrides the conftest's run-everything-twice fixture)."""
    return None


def _both(data: bytes):
    out = []
    for reader in ("pdfium", "pdfminer"):
        try:
            out.append(read_pdf(data, reader=reader))
        except InputError as exc:
            out.append(f"{type(exc).__name__}: {exc}")
    return out


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_same_document_as_pdfminer_on_every_fixture(path):
    fast, slow = _both(path.read_bytes())
    if isinstance(slow, str):  # an unreadable fixture: the same one-line reason
        assert fast == slow
        return
    assert fast.text == slow.text
    assert [w.model_dump() for w in fast.warnings] == [w.model_dump() for w in slow.warnings]
    assert [(ln.page, ln.start, ln.end) for ln in fast.lines] == [
        (ln.page, ln.start, ln.end) for ln in slow.lines
    ]
    # the same boxes: for the fixtures' non-embedded fonts both take widths and descent from the PDF itself
    for a, b in zip(fast.lines, slow.lines, strict=True):
        assert max(abs(x - y) for x, y in zip(_coords(a.bbox), _coords(b.bbox), strict=True)) < 0.01
    assert fast.metadata["pdf_reader"] == "pdfium"
    assert slow.metadata["pdf_reader"] == "pdfminer"
    assert {k: v for k, v in fast.metadata.items() if k != "pdf_reader"} == {
        k: v for k, v in slow.metadata.items() if k != "pdf_reader"
    }


def test_character_boxes_agree_with_pdfminer():
    data = sample_contract(pages=3).build()
    fast, slow = _both(data)
    assert fast.text == slow.text
    boxes = [(fast.bbox_at(i), slow.bbox_at(i)) for i in range(len(fast.text))]
    pairs = [(a, b) for a, b in boxes if a is not None and b is not None]
    assert len(pairs) > 1000
    assert all((a is None) == (b is None) for a, b in boxes)
    # to a hundredth of a point: the font is not embedded, so the PDFium reader takes the advance (/W) and the
    # descent (/Descent) from the PDF as pdfminer does, never from whatever substitute the machine has
    assert max(abs(a.x0 - b.x0) for a, b in pairs) < 0.01
    assert max(max(abs(a.x1 - b.x1), abs(a.top - b.top), abs(a.bottom - b.bottom)) for a, b in pairs) < 0.01


def _coords(box) -> tuple[float, ...]:
    return (box.x0, box.top, box.x1, box.bottom)


def test_rotated_page_goes_to_pdfminer():
    pdf = pdfium.PdfDocument(sample_contract(pages=2).build())
    pdf[0].set_rotation(90)
    buffer = io.BytesIO()
    pdf.save(buffer)
    data = buffer.getvalue()
    with pytest.raises(FastPathUnavailable, match="rotated"):
        read_pages(data, 1, None)
    assert read_pdf(data).metadata["pdf_reader"] == "pdfminer"


def test_truncated_file_is_reported_not_repaired():
    data = sample_contract(pages=2).build()
    cut = data[: len(data) * 2 // 3]
    with pytest.raises(TruncatedFileError):
        read_pdf(cut, reader="pdfium")


def test_page_range_and_count():
    data = sample_contract(pages=5).build()
    doc = read_pdf(data, pages=(2, 3))
    assert [p.number for p in doc.pages] == [2, 3]
    assert doc.metadata["page_count"] == "5"
    with pytest.raises(InputError, match="out of range"):
        read_pdf(data, pages=(9, 10))


def test_unknown_reader_is_a_usage_error():
    with pytest.raises(ValueError, match="unknown PDF reader"):
        read_pdf(b"%PDF-1.4", reader="ocr")


def test_font_without_unicode_mapping_goes_to_pdfminer():
    data = raw_pdf(b"BT /F1 12 Tf 72 700 Td <0123045601230789> Tj ET", NO_UNICODE_FONT)
    with pytest.raises(FastPathUnavailable, match="Unicode mapping"):
        read_pages(data, 1, None)
    doc = read_pdf(data)
    assert doc.metadata["pdf_reader"] == "pdfminer"
    assert "(cid:" in doc.text


def test_checked_bindings_give_the_same_glyphs(monkeypatch):
    """Where the bare library cannot be loaded, pypdfium2's checked functions read the same glyphs."""
    import importlib

    module = importlib.import_module("loanclause.ingest.pdfium_page")
    data = FIXTURES[0].read_bytes()
    fast = read_pages(data, 1, None)[2]
    monkeypatch.setattr(module, "_BARE", [None])
    checked = read_pages(data, 1, None)[2]
    assert [p.glyphs for p in checked] == [p.glyphs for p in fast]


def test_table_drawn_inside_a_form_xobject():
    """Text and ruled cells inside a reused form (a letterhead, a stamped table) come out the same way."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from ._pdfgen import FONT

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.beginForm("table")
    c.setFont(FONT, 11)
    xs = [72, 172, 322, 472]
    for row, cells in enumerate([["期数", "还款日", "金额"], ["1", "2024-06-01", "8,333.33"]]):
        y = 700 - row * 20
        for x, cell in zip(xs, cells, strict=False):
            c.drawString(x + 4, y + 5, cell)
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, 660, x, 720)
    c.endForm()
    c.setFont(FONT, 11)
    c.drawString(72, 760, "第三条　还款计划")
    c.saveState()
    c.translate(20, -40)  # the form's own matrix: rules and glyphs must move together
    c.doForm("table")
    c.restoreState()
    c.showPage()
    c.save()
    fast, slow = _both(buffer.getvalue())
    assert fast.metadata["pdf_reader"] == "pdfium"
    assert fast.text == slow.text
    assert "期数 | 还款日 | 金额" in fast.text
