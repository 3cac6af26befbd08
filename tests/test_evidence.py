"""``loanclause evidence`` on the fixtures against hand-checked checklists (``fixtures/expected_evidence/``)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import loanclause
from loanclause.cli import main
from loanclause.evidence import evidence_checklist, render_markdown

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = sorted((ROOT / "fixtures/expected_evidence").glob("*.json"))


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_checklist_matches_the_hand_checked_one(path: Path):
    want = json.loads(path.read_text(encoding="utf-8"))
    report = loanclause.analyze(ROOT / "fixtures/contracts" / want["file"], ner=False, as_of=want["as_of"])
    checklist = evidence_checklist(report, as_of=want["as_of"])
    assert [[i.key, i.status] for i in checklist.items] == want["items"], want["why"]
    details = {i.key: i.detail for i in checklist.items}
    for key, fragment in want["detail_contains"].items():
        assert fragment in details[key], (key, details[key])


def test_evidence_command_formats_and_exit_code():
    path = ROOT / "fixtures/contracts/01_single_column.pdf"
    base = ["evidence", str(path), "--as-of", "2026-01-31", "--no-ner"]
    out = CliRunner().invoke(main, base)
    assert out.exit_code == 1  # the rates item fails
    assert "✗ fail" in out.output and "假定 assumptions" in out.output
    [record] = json.loads(CliRunner().invoke(main, [*base, "--output-format", "json"]).stdout)
    signature = next(i for i in record["items"] if i["key"] == "signature")
    assert signature["status"] == "needs_external_evidence" and signature["page"] == 2
    memo = CliRunner().invoke(main, [*base, "--output-format", "markdown"]).stdout
    assert memo.startswith("# 起诉前证据核查") and "| 1 | 当事人身份" in memo and "## 依据 Citations" in memo
    assert CliRunner().invoke(main, ["evidence", str(path)]).exit_code == 2  # --as-of is required


def test_markdown_quotes_the_evidence():
    report = loanclause.analyze(
        ROOT / "fixtures/contracts/01_single_column.pdf", ner=False, as_of="2026-01-31"
    )
    memo = render_markdown(evidence_checklist(report, as_of="2026-01-31"), report)
    assert "**签章 / signature and seal blocks**（第2页）：「出借人（甲方）签字：」" in memo
