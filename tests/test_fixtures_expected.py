"""Every bundled fixture against its hand-checked expectation: clause numbers and titles for readable files, the
error class and a one-line reason for unreadable ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import loanclause
from loanclause.cli import main
from loanclause.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "fixtures" / "expected").glob("*.json"))
READABLE = [s for s in SPECS if json.loads(s.read_text(encoding="utf-8"))["readable"]]
UNREADABLE = [s for s in SPECS if not json.loads(s.read_text(encoding="utf-8"))["readable"]]

# What the one-line reason must name, per error code (Chinese users read the English reason too).
REASON_WORDS = {
    "encrypted": "encrypted",
    "no_text_layer": "text layer",
    "truncated": "truncated",
    "empty": "empty",
    "not_a_document": "not a",
}


def _spec(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_fixture_set_is_complete():
    assert len(SPECS) >= 15
    assert len(READABLE) >= 9 and len(UNREADABLE) >= 5
    for spec in SPECS:
        assert (ROOT / "fixtures" / "contracts" / _spec(spec)["file"]).exists(), spec.name


@pytest.mark.parametrize("spec_path", READABLE, ids=lambda p: p.stem)
def test_readable_fixture_clauses_match(spec_path: Path):
    spec = _spec(spec_path)
    report = loanclause.analyze(str(ROOT / "fixtures" / "contracts" / spec["file"]))
    got = [{"number": c.number, "title": c.title} for c in report.clauses if c.number is not None]
    assert got == spec["clauses"]
    for clause in report.clauses:
        assert 0 <= clause.start <= clause.body_start <= clause.end <= len(report.text)
        assert 1 <= clause.first_page <= clause.last_page <= len(report.pages)

    result = CliRunner().invoke(main, ["extract", str(ROOT / "fixtures" / "contracts" / spec["file"])])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("spec_path", UNREADABLE, ids=lambda p: p.stem)
def test_unreadable_fixture_fails_with_reason(spec_path: Path):
    spec = _spec(spec_path)
    path = ROOT / "fixtures" / "contracts" / spec["file"]
    with pytest.raises(InputError) as caught:
        loanclause.analyze(str(path))
    assert caught.value.code == spec["error"]

    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 1
    assert REASON_WORDS[spec["error"]] in error_lines[0].lower()
