"""Suppressions in templates (``loanclause.suppress``) and through ``check``."""

import json
from pathlib import Path

from click.testing import CliRunner

import loanclause
from loanclause.cli import main
from loanclause.suppress import apply_suppressions

TEXT = (
    "借款合同\n出借人：王某甲　借款人：赵某乙　签订日期：2024年1月1日\n"
    "第一条 借款金额人民币100,000元，借款期限12个月。\n"
    "第二条 借款年利率为24%。loanclause: noqa LC101\n"
    "第三条 借款人同意出借人可以联系借款人的亲友告知欠款情况。\n"
    "第四条 逾期按日万分之五计收罚息。loanclause: noqa LC403\n"
)


def _report(text=TEXT):
    return loanclause.analyze_text(text, ner=False, as_of="2026-01-31")


def test_marker_silences_its_clause_only_and_unused_markers_are_returned():
    before = {f.code for f in _report().findings}
    assert {"LC101", "LC401"} <= before
    after, unused = apply_suppressions(_report())
    codes = {f.code for f in after.findings}
    assert "LC101" not in codes and "LC401" in codes
    assert [u.codes for u in unused] == [["LC403"]]  # nothing of LC403 in 第四条


def test_file_marker_and_per_clause_ignores():
    text = TEXT + "loanclause: noqa-file LC2\n"
    after, _ = apply_suppressions(_report(text), {"第三条": ["LC401"]})
    codes = {f.code for f in after.findings}
    assert not any(c.startswith("LC2") for c in codes) and "LC401" not in codes


def test_check_reports_unused_suppressions(tmp_path: Path):
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    args = ["check", str(path), "--no-ner", "--as-of", "2026-01-31", "--fail-on", "never"]
    out = CliRunner().invoke(main, args)
    assert "note: unused suppression (marker at offset" in out.output and "LC403" in out.output
    [record] = json.loads(CliRunner().invoke(main, [*args, "--output-format", "json"]).stdout)
    assert record["unused_suppressions"] and "LC101" not in {f["code"] for f in record["findings"]}
