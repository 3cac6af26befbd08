"""The bundled fixture set: ``scripts/make_fixtures.py`` rebuilds exactly what is committed under
``fixtures/contracts`` and ``fixtures/expected``, and every file is what its expected JSON says it is (page count,
text, tables, the way it fails).  The checks run on the committed files and on a fresh build in a temp dir."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")
docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SCRIPT = ROOT / "scripts" / "make_fixtures.py"
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _load(where: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((where / "expected").glob("*.json"))]


EXPECTED = _load(FIXTURES)
READABLE_PDF = [e for e in EXPECTED if e["readable"] and e["format"] == "pdf"]
TEXTS = [e for e in EXPECTED if e["readable"] and e["format"] == "text"]
DOCXS = [e for e in EXPECTED if e["readable"] and e["format"] == "docx"]
UNREADABLE = [e for e in EXPECTED if not e["readable"]]
READABLE = [e for e in EXPECTED if e["readable"]]


def _id(e: dict) -> str:
    return e["file"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixtures")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True, timeout=120
    )
    return out


@pytest.fixture(params=["committed", "generated"])
def root(request, generated) -> Path:
    return FIXTURES if request.param == "committed" else generated


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s)


# -------------------------------------------------------------------------------------------- the set


def test_set_is_complete():
    files = sorted(p.name for p in (FIXTURES / "contracts").iterdir())
    assert len(files) >= 17
    assert files == sorted(e["file"] for e in EXPECTED)
    assert (FIXTURES / "contracts" / "13_empty.pdf").stat().st_size == 0
    errors = {e["error"] for e in UNREADABLE}
    assert errors == {"encrypted", "no_text_layer", "truncated", "empty", "not_a_document"}
    formats = {e["format"] for e in READABLE}
    assert formats == {"pdf", "docx", "text"}
    assert {e["encoding"] for e in TEXTS} == {"gbk", "big5", "utf-8"}
    assert any(e["pages"] >= 8 for e in READABLE_PDF)


def test_error_codes_exist_in_errors_module():
    from loanclause import errors

    codes = {cls.code for cls in vars(errors).values() if isinstance(cls, type) and hasattr(cls, "code")}
    assert {e["error"] for e in UNREADABLE} <= codes


def test_generated_names_and_expected_json_match_committed(generated):
    for sub in ("contracts", "expected"):
        assert sorted(p.name for p in (generated / sub).iterdir()) == sorted(
            p.name for p in (FIXTURES / sub).iterdir()
        )
    for p in sorted((FIXTURES / "expected").glob("*.json")):
        assert (generated / "expected" / p.name).read_bytes() == p.read_bytes(), p.name


def test_generated_files_are_byte_identical(generated):
    """Text-like files always; PDFs and the DOCX when built with the same library versions as the committed set
    (recorded in the PDF /Subject).  Otherwise the content checks below still run on the fresh build."""
    with pdfplumber.open(FIXTURES / "contracts" / "01_single_column.pdf") as pdf:
        built_with = pdf.metadata.get("Subject", "")
    here = "loanclause fixture; " + "; ".join(
        f"{p} {version(p)}" for p in ("reportlab", "pillow", "python-docx")
    )
    for p in sorted((FIXTURES / "contracts").iterdir()):
        library_made = p.read_bytes().startswith(b"%PDF-") or p.suffix == ".docx"
        if library_made and built_with != here:
            continue
        assert (generated / "contracts" / p.name).read_bytes() == p.read_bytes(), p.name


# -------------------------------------------------------------------------------------------- expected JSON


@pytest.mark.parametrize("exp", READABLE, ids=_id)
def test_clause_numbers_start_source_lines_in_order(exp):
    lines = [line.translate(FW_DIGITS) for line in exp["source_text"].split("\n")]
    k = 0
    for clause in exp["clauses"]:
        while not lines[k].startswith(clause["number"]):
            k += 1
            assert k < len(lines), clause
        k += 1
        assert clause["title"] is None or clause["title"] in exp["source_text"]


@pytest.mark.parametrize("exp", READABLE_PDF, ids=_id)
def test_physical_lines_join_to_source_lines(exp):
    physical = [line for page in exp["page_lines"] for line in page]
    k = 0
    for line in exp["source_text"].split("\n"):
        acc = ""
        while acc != line:
            acc += physical[k]
            k += 1
            assert line.startswith(acc), (line, acc)
    assert k == len(physical)
    assert len(exp["page_lines"]) == len(exp["furniture"]) == exp["pages"]


# -------------------------------------------------------------------------------------------- readable files


@pytest.mark.parametrize("exp", READABLE_PDF, ids=_id)
def test_pdf_pages_and_text(root, exp):
    """Every page holds exactly header + body lines + footer, in drawing order (fake-bold copies removed)."""
    with pdfplumber.open(root / "contracts" / exp["file"]) as pdf:
        assert len(pdf.pages) == exp["pages"]
        for page, lines, furniture in zip(pdf.pages, exp["page_lines"], exp["furniture"], strict=True):
            chars = page.dedupe_chars(tolerance=1.5).chars
            got = _squash("".join(c["text"] for c in chars))
            want = _squash("".join([*furniture["header"], *lines, *furniture["footer"]]))
            assert got == want, (exp["file"], page.page_number)


def test_single_column_plain_extract_text(root):
    exp = next(e for e in EXPECTED if e["file"] == "01_single_column.pdf")
    with pdfplumber.open(root / "contracts" / exp["file"]) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert _squash(text) == _squash(exp["source_text"])
    for line in exp["source_text"].split("\n"):
        assert _squash(line) in _squash(text)


def test_fake_bold_really_duplicates(root):
    exp = next(e for e in EXPECTED if e["file"] == "04_fake_bold.pdf")
    with pdfplumber.open(root / "contracts" / exp["file"]) as pdf:
        page = pdf.pages[0]
        raw = page.extract_text()
        assert "第第一一条条" in _squash(raw)
        assert len(page.chars) > len(page.dedupe_chars(tolerance=1.5).chars)


def test_repayment_table(root):
    exp = next(e for e in EXPECTED if e["file"] == "06_repayment_table.pdf")
    (table,) = exp["tables"]
    with pdfplumber.open(root / "contracts" / exp["file"]) as pdf:
        tables = pdf.pages[table["page"] - 1].extract_tables()
    assert table["rows"] in tables


def _docx_lines(path: Path) -> list[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = docx.Document(str(path))
    out: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc).text)
        elif child.tag == qn("w:tbl"):
            out.extend(" ".join(c.text for c in row.cells) for row in Table(child, doc).rows)
    while out and out[-1] == "":
        out.pop()
    return out


@pytest.mark.parametrize("exp", DOCXS, ids=_id)
def test_docx_text(root, exp):
    path = root / "contracts" / exp["file"]
    assert zipfile.is_zipfile(path)
    assert _docx_lines(path) == exp["source_text"].split("\n")


@pytest.mark.parametrize("exp", TEXTS, ids=_id)
def test_text_file(root, exp):
    data = (root / "contracts" / exp["file"]).read_bytes()
    nl = exp["newline"]
    assert data == (nl.join(exp["source_text"].split("\n")) + nl).encode(exp["encoding"])
    if exp["encoding"] != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


# -------------------------------------------------------------------------------------------- unreadable files


@pytest.mark.parametrize("exp", UNREADABLE, ids=_id)
def test_unreadable_fails_as_stated(root, exp):
    path = root / "contracts" / exp["file"]
    data = path.read_bytes()
    error = exp["error"]
    if error == "empty":
        assert data == b""
        return
    if error == "no_text_layer":
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == exp["pages"]
            for page in pdf.pages:
                assert page.chars == []
                assert page.images
        return
    if error == "encrypted":
        assert b"/Encrypt" in data
        with pdfplumber.open(path, password=exp["password"]) as pdf:
            assert len(pdf.pages) == exp["pages"]
    if error == "truncated":
        assert data.startswith(b"%PDF-") and b"%%EOF" not in data
        assert len(data) == exp["full_size"] // 2
    if error == "not_a_document":
        assert not data.startswith(b"%PDF")
    with pytest.raises(Exception), pdfplumber.open(path) as pdf:  # noqa: B017 - pdfminer's errors vary
        for page in pdf.pages:
            page.extract_text()
