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
