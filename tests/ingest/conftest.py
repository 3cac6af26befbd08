"""Every ingest test runs once per PDF reader: PDFium (the fast path, the default) and pdfminer (pdfplumber)."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["pdfium", "pdfminer"], autouse=True, scope="module")
def pdf_reader(request: pytest.FixtureRequest):
    patch = pytest.MonkeyPatch()
    patch.setenv("LOANCLAUSE_PDF_READER", request.param)
    yield request.param
    patch.undo()
