"""The command line: outline output, machine formats, exit codes, and no torch at --help time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from loanclause.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
TEXT = "借款合同\n出借人：张三\n借款人：李四\n第一条　借款金额\n人民币壹拾万元整。\n第二条　借款期限\n十二个月。\n"


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "contract.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_extract_text_outline(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(_write(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "第一条 借款金额" in result.output
    assert "p.1" in result.output


def test_extract_jsonl_and_json(tmp_path):
    path = _write(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl", "--with-text"])
    assert result.exit_code == 0
    record = json.loads(result.output.strip())
    numbers = [c["number"] for c in record["clauses"] if c["number"]]
    assert numbers == ["第一条", "第二条"]
    assert any(c.get("text", "").startswith("第一条") for c in record["clauses"])
    result = CliRunner().invoke(main, ["extract", str(path), str(path), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.output)) == 2


def test_batch_goes_on_after_a_bad_file(tmp_path):
    good = _write(tmp_path)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), "--format", "jsonl"])
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["error", "ok"]
    assert "Traceback" not in result.output


def test_pages_option_validated(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(_write(tmp_path)), "--pages", "3-1"])
    assert result.exit_code == 2
    assert "page range" in result.output


def test_help_does_not_import_torch():
    code = (
        "import sys; from loanclause.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'torch' not in sys.modules, 'torch imported'\n"
        "assert 'transformers' not in sys.modules\n"
        "assert 'pdfplumber' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


OVER_CAP = (
    "借款合同\n出借人：张三\n借款人：李四\n第一条　借款金额\n借款金额为人民币壹拾万元整（¥100,000.00）。\n"
    "第二条　借款利率\n年利率为36%。\n第三条　借款期限\n借款期限为12个月，自2023年5月1日起至2024年4月30日止。\n"
)


def test_check_reports_cap_breach_with_citation(tmp_path):
    path = tmp_path / "over_cap.txt"
    path.write_text(OVER_CAP, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(path), "--as-of", "2026-01-31"])
    assert result.exit_code == 1, result.output
    assert "LC101" in result.output and "依据" in result.output
    result = runner.invoke(main, ["check", str(path), "--ignore", "LC1,LC2", "--format", "jsonl"])
    record = json.loads(result.output)
    assert all(not f["code"].startswith(("LC1", "LC2")) for f in record["findings"])
    result = runner.invoke(main, ["check", str(path), "--format", "sarif", "--fail-on", "never"])
    assert result.exit_code == 0
    sarif = json.loads(result.output)
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "LC101" for r in sarif["runs"][0]["results"])
    assert all(r["properties"]["provisional"] is False for r in sarif["runs"][0]["results"])


def test_an_undated_verdict_is_marked_provisional_in_every_output(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("第一条　借款利率\n借款年利率为15%。\n", encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["check", str(path), "--as-of", "2026-01-31", "--fail-on", "never"])
    assert "【暂定" in text.output
    record = json.loads(
        runner.invoke(main, ["check", str(path), "--as-of", "2026-01-31", "--format", "jsonl"]).output
    )
    [lc101] = [f for f in record["findings"] if f["code"] == "LC101"]
    assert lc101["provisional"] is True and lc101["severity"] == "warning"
    sarif = json.loads(
        runner.invoke(main, ["check", str(path), "--as-of", "2026-01-31", "--format", "sarif"]).output
    )
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "LC101"]
    assert result["properties"]["provisional"] is True and result["level"] == "warning"


def test_check_bad_date_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["check", str(_write(tmp_path)), "--as-of", "yesterday"])
    assert result.exit_code == 2


def test_no_input_files_is_a_usage_error(tmp_path):
    for command in ("extract", "check"):
        result = CliRunner().invoke(main, [command, str(tmp_path)])
        assert result.exit_code == 2
        assert "no .pdf" in result.output


def test_bad_rule_selector_fails_up_front(tmp_path):
    result = CliRunner().invoke(main, ["check", str(_write(tmp_path)), "--select", "LCX9"])
    assert result.exit_code == 2
    assert result.output.count("bad rule selector") == 1


def test_check_with_and_without_the_model(tmp_path):
    path = _write(tmp_path)  # 人民币壹拾万元整 alone under its heading: only the model reads it
    records = {}
    for flag in ("--ner", "--no-ner"):
        result = CliRunner().invoke(
            main, ["check", str(path), "--format", "json", "--fail-on", "never", flag]
        )
        assert result.exit_code == 0, result.output
        [records[flag]] = json.loads(result.output)
    assert records["--no-ner"]["extractors"] == ["rule-baseline-v1"]
    assert "principal" not in records["--no-ner"]["terms"]
    assert records["--ner"]["extractors"][1].startswith("loanclause-ner@")
    assert records["--ner"]["terms"]["principal"]["amount"] == "100000"
