"""``loanclause report`` and ``scan --html`` as a user runs them: the pages, the names, the exit codes, the
failures listed; and ``extract --terms``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from loanclause.cli import main
from loanclause.cli_report import page_filename

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contracts"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_one_file_one_page(tmp_path):
    out = tmp_path / "r.html"
    result = _run("report", str(FIXTURES / "08_gbk.txt"), "-o", str(out), "--as-of", "2026-01-31", "--no-ner")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "LC102" in html and "2026-01-31" in html
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


def test_default_name_is_the_contract_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run("report", str(FIXTURES / "08_gbk.txt"), "--no-ner").exit_code == 0
    assert (tmp_path / "08_gbk.html").exists()


def test_a_folder_gives_pages_and_an_index_and_lists_what_failed(tmp_path):
    folder = tmp_path / "out"
    result = _run("report", str(FIXTURES), "-o", str(folder), "--as-of", "2026-01-31", "--no-ner")
    assert result.exit_code == 2  # five fixtures cannot be read
    assert "[encrypted]" in result.stderr
    pages = sorted(p.name for p in folder.glob("*.html") if p.name != "index.html")
    readable = [p for p in FIXTURES.iterdir() if p.name[:2] not in ("10", "11", "12", "13", "15")]
    assert len(pages) == len(readable)
    index = (folder / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="{page}"' in index
    assert "11_encrypted.pdf" in index and "a password is needed" in index
    # names are the contracts' own, relative to the folder given
    assert any(p.startswith("01_single_column.pdf-") for p in pages)


def test_redact_masks_the_page(tmp_path):
    out = tmp_path / "r.html"
    assert _run("report", str(FIXTURES / "08_gbk.txt"), "-o", str(out), "--redact", "--no-ner").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "周八" not in html and "320102197908024614" not in html


def test_bad_dates_and_codes_are_usage_errors(tmp_path):
    assert _run("report", str(FIXTURES / "08_gbk.txt"), "--as-of", "31.01.2026").exit_code == 2
    bad = _run("report", str(FIXTURES / "08_gbk.txt"), "--select", "LC999", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code == 2 and "LC999" in bad.output


def test_page_names_never_collide():
    a, b = page_filename("a/合同.pdf"), page_filename("b/合同.pdf")
    assert a != b and a.startswith("a__合同.pdf-") and a.endswith(".html")
    assert "/" not in page_filename("../../etc/passwd") and not page_filename("../x").startswith(".")
    assert page_filename("x.zip!inner/1.pdf").startswith("x.zip__inner__1.pdf")


def test_scan_html_writes_a_page_per_contract_also_when_resumed(tmp_path):
    db, folder = tmp_path / "s.sqlite", tmp_path / "html"
    args = ["scan", str(FIXTURES / "08_gbk.txt"), str(FIXTURES / "13_empty.pdf"), "--db", str(db)]
    args += ["--as-of", "2026-01-31", "--html", str(folder), "--fail-on", "never", "--no-ner", "--jobs", "1"]
    assert _run(*args).exit_code == 0
    first = sorted(p.name for p in folder.iterdir())
    assert len(first) == 2 and "index.html" in first
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "13_empty.pdf" in index and "empty" in index
    # a second run takes the results from the store and still writes the pages
    for p in folder.iterdir():
        p.unlink()
    assert _run(*args).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == first


def test_extract_terms(tmp_path):
    text = _run("extract", str(FIXTURES / "08_gbk.txt"), "--terms", "--no-ner")
    assert text.exit_code == 0 and "违约金 penalty" in text.output and "200,000.00" in text.output
    line = _run("extract", str(FIXTURES / "08_gbk.txt"), "--terms", "--no-ner", "--format", "jsonl")
    record = json.loads(line.stdout)
    assert record["terms"]["principal"]["amount"] == "200000"
    plain = json.loads(_run("extract", str(FIXTURES / "08_gbk.txt"), "--format", "jsonl").stdout)
    assert "terms" not in plain
