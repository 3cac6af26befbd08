"""Per-file limits for the single-file commands, the error hierarchy, printable names (``loanclause.limits``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from loanclause import errors
from loanclause.cli import main
from loanclause.limits import safe_name


def test_hanging_file_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A file that hangs its worker (the test hook's content marker) is stopped at --timeout; the next file is
    still checked, and the exit code says a file failed."""
    (tmp_path / "a_hang.txt").write_text("借条 LOANCLAUSE_TEST_HANG", encoding="utf-8")
    (tmp_path / "b_good.txt").write_text("借条\n今借到张三人民币1000元，年利率6%。\n", encoding="utf-8")
    started = time.monotonic()
    out = CliRunner().invoke(
        main,
        ["check", str(tmp_path), "--no-ner", "--timeout", "3", "--format", "jsonl", "--fail-on", "never"],
        env={"LOANCLAUSE_TEST_HOOKS": "1"},
    )
    assert time.monotonic() - started < 60
    assert out.exit_code == 1  # the hung file is reported as LC001
    assert "a_hang.txt: stopped after 3 s (--timeout)" in out.output and "[timeout]" in out.output
    assert '"status": "ok"' in out.output and "b_good.txt" in out.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_fifo_is_refused_without_opening(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    for command, code in (("extract", 2), ("check", 1)):  # check reports an unreadable file as LC001
        out = CliRunner().invoke(main, [command, str(tmp_path / "pipe.txt")])
        assert out.exit_code == code
        assert "not a regular file (a FIFO): not opened [not_a_regular_file]" in out.output


def test_extract_and_check_without_limits_run_in_process(tmp_path: Path) -> None:
    path = tmp_path / "loan.txt"
    path.write_text("第一条 借款金额\n人民币壹拾万元整。\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["extract", str(path), "--timeout", "0", "--memory-mb", "0"])
    assert out.exit_code == 0 and "第一条" in out.output


def test_safe_name() -> None:
    assert safe_name("合同.pdf") == "合同.pdf"
    assert safe_name(os.fsdecode(b"/x/\xff\xfe.txt")) == "/x/\\xff\\xfe.txt"
    assert safe_name("a\nb.txt") == "a\\nb.txt"
    assert safe_name(b"c\xe4.txt") == "c\\xe4.txt"


def test_error_hierarchy_and_codes() -> None:
    assert issubclass(errors.EncryptedDocument, errors.InputError)
    assert issubclass(errors.TruncatedFileError, errors.CorruptDocument)
    assert issubclass(errors.TooLargeError, errors.ResourceLimitExceeded)
    assert issubclass(errors.TimeLimitExceeded, errors.ResourceLimitExceeded)
    assert errors.EncryptedPDFError is errors.EncryptedDocument  # the old names still work
    err = errors.error_for_code("encrypted", "the PDF is encrypted", source="x.pdf")
    assert isinstance(err, errors.EncryptedDocument)
    assert err.reason == "x.pdf: the PDF is encrypted [encrypted]"
    odd = errors.error_for_code("worker_lost", "gone")
    assert type(odd) is errors.LoanClauseError and odd.code == "worker_lost"
    codes = [c.code for c in errors.LoanClauseError.__subclasses__()]
    assert len(codes) == len(set(codes))


def test_redact_in_every_output_of_check_and_extract(tmp_path: Path) -> None:
    """--redact masks the natural persons' names, the ID and phone numbers in text, JSON and SARIF alike."""
    path = tmp_path / "loan.txt"
    path.write_text(
        "借款合同\n出借人：张三\n身份证号：11010519491231002X\n借款人：李四，电话：13812345678\n"
        "借款金额10000元，年利率36%，借款期限12个月。\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    for args in (
        ["check", str(path), "--no-ner", "--redact", "--fail-on", "never"],
        ["check", str(path), "--no-ner", "--redact", "--fail-on", "never", "--format", "json"],
        ["check", str(path), "--no-ner", "--redact", "--fail-on", "never", "--format", "sarif"],
        ["extract", str(path), "--redact", "--format", "json", "--with-text"],
        ["extract", str(path), "--redact"],
    ):
        out = runner.invoke(main, args)
        assert out.exit_code == 0, out.output
        for secret in ("张三", "李四", "11010519491231002X", "13812345678"):
            assert secret not in out.output, (args, secret)
    plain = runner.invoke(main, ["check", str(path), "--no-ner", "--fail-on", "never", "--format", "json"])
    assert "张三" in plain.output  # without --redact the lender's name is in the terms
