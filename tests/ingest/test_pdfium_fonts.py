"""The PDFium reader gives the same Document whatever fonts the machine has installed.

Most Chinese PDFs name fonts they do not embed (STSong-Light, SimSun, 宋体 …), and PDFium draws those with a
substitute from the machine's fonts.  Each test process below starts PDFium with a font folder of its own as
the machine's only fonts: an empty one (a fresh server) and one holding "SimSun", "STSong", "Arial",
"Helvetica" … made by ``_fontgen`` with metrics unlike any PDF's.  The fixtures and generated contracts must
read identically in both, to the hundredth of a point.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ._fontgen import build_font_folder
from ._pdfgen import PdfBuilder, sample_contract

HERE = Path(__file__).parent
FIXTURES = sorted((HERE.parents[1] / "fixtures" / "contracts").glob("*.pdf"))
READABLE = [p for p in FIXTURES if p.name.split("_", 1)[0] not in {"10", "11", "12", "13", "15"}]


@pytest.fixture(autouse=True, scope="module")
def pdf_reader():
    """These tests name the reader themselves (overrides the conftest's run-everything-twice fixture)."""
    return None


def _repeated_lines() -> bytes:
    # identical lines one under another: PDFium's duplicate filter judges "the same place" by font boxes
    b = PdfBuilder(header=None, footer=None)
    for _ in range(4):
        b.para("丙" * 37 + "，" + "丁" * 20 + "。", indent=0)
    b.para("壬" * 10, indent=0)
    return b.build()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("pdfs")
    made = {"repeated_lines.pdf": _repeated_lines(), "sample_bold.pdf": sample_contract(pages=3).build()}
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return [str(p) for p in READABLE] + [str(folder / name) for name in made]


def _probe(font_dir: Path, out: Path, pdfs: list[str], **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LOANCLAUSE_")} | env
    subprocess.run(
        [sys.executable, str(HERE / "_font_probe.py"), str(font_dir), str(out), *pdfs],
        check=True,
        env=environment,
        timeout=300,
    )
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def runs(tmp_path_factory, pdfs) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("fonts")
    no_fonts = root / "none"
    no_fonts.mkdir()
    with_fonts = build_font_folder(root / "cjk")
    return {
        "none": _probe(no_fonts, root / "none.json", pdfs),
        "cjk": _probe(with_fonts, root / "cjk.json", pdfs),
        "cjk, system fonts kept": _probe(
            with_fonts, root / "kept.json", pdfs, LOANCLAUSE_PDFIUM_SYSTEM_FONTS="1"
        ),
        "none, system fonts kept": _probe(
            no_fonts, root / "bare.json", pdfs, LOANCLAUSE_PDFIUM_SYSTEM_FONTS="1"
        ),
    }


def test_the_installed_fonts_reach_pdfium(runs, pdfs):
    """The set-up is real: bare PDFium boxes of non-embedded fonts change with the fonts installed."""
    changed = [p for p in pdfs if runs["none"]["bare"][p] != runs["cjk"]["bare"][p]]
    assert len(changed) == len(pdfs)


def _assert_same(a: dict, b: dict, tolerance: float) -> None:
    assert a["text"] == b["text"]
    assert [ln[:3] for ln in a["lines"]] == [ln[:3] for ln in b["lines"]]
    for x, y in zip(a["lines"], b["lines"], strict=True):
        assert max(abs(u - v) for u, v in zip(x[3:], y[3:], strict=True)) <= tolerance, (x, y)
    assert [c is None for c in a["chars"]] == [c is None for c in b["chars"]]
    worst = max(
        (
            abs(u - v)
            for x, y in zip(a["chars"], b["chars"], strict=True)
            if x
            for u, v in zip(x, y, strict=True)
        ),
        default=0.0,
    )
    assert worst <= tolerance


@pytest.mark.parametrize("setup", ["cjk", "cjk, system fonts kept", "none, system fonts kept"])
def test_same_document_with_and_without_a_cjk_font(runs, pdfs, setup):
    for p in pdfs:
        _assert_same(runs["none"]["read"][p], runs[setup]["read"][p], tolerance=0.1)


def test_same_reader_with_and_without_a_cjk_font(runs, pdfs):
    """loanclause's own substitute font gives PDFium a glyph box for every Chinese character, so PDFium's text
    page keeps lone punctuation and repeated lines, and every file stays on the fast path."""
    for setup in ("none", "cjk"):
        assert {runs[setup]["read"][p]["reader"] for p in pdfs} == {"pdfium"}, setup


def test_a_text_object_pdfium_dropped_sends_the_file_to_pdfminer(runs, pdfs):
    """Without the substitute and without any CJK font (system fonts kept, none installed) PDFium's text page
    drops the repeated lines as overprints; the reader notices and reads that file with pdfminer instead."""
    bare = runs["none, system fonts kept"]["read"]
    assert bare[pdfs[-2]]["reader"] == "pdfminer"
    assert "left out a text object" in bare[pdfs[-2]]["fallback"]


def test_the_shipped_substitute_font_is_what_its_script_builds(tmp_path):
    """The committed font is reproducible from ``scripts/make_substitute_font.py``, byte for byte."""
    import importlib.util

    script = HERE.parents[1] / "scripts" / "make_substitute_font.py"
    spec = importlib.util.spec_from_file_location("make_substitute_font", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path / "font.ttf").read_bytes()
    from loanclause.ingest import pdfium_fonts

    assert built == pdfium_fonts._font_bytes()
