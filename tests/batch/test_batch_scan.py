"""``loanclause.batch.scan`` with real worker processes: identical content analysed once, resumable store,
``rescan``, hung / crashing / memory-hungry files isolated, the initializer hook, the real pipeline."""

from __future__ import annotations

import os
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from batch_helpers import analysis_log, contract_text, write_contracts

import loanclause
from loanclause.batch import EngineError, Scan, scan

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "contracts"


def _children() -> set[int]:
    """Live (non-zombie) child processes of this test process."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[1]) == me and fields[0] != "Z":
                found.add(int(entry))
    return found


def _fully_exited(pid: int) -> bool:
    """True once every thread of ``pid`` has exited, so its sockets are closed.

    A multi-threaded process's leader turns zombie before its other threads (here the parent watchdog) have
    released the shared file table, so "not a live child" alone is too early: a message sent then still lands.
    """
    try:
        threads = os.listdir(f"/proc/{pid}/task")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return len(threads) <= 1 and stat[stat.rindex(")") + 2] == "Z"


def test_identical_content_once_resume_and_rescan(hooks, tmp_path):
    paths = write_contracts(tmp_path / "in", 4)
    (tmp_path / "in" / "copy.txt").write_bytes(paths[0].read_bytes())
    with zipfile.ZipFile(tmp_path / "in" / "more.zip", "w") as zf:
        zf.writestr("docs/copy2.txt", paths[1].read_bytes())
        zf.writestr("docs/new.txt", contract_text(99))
    db = tmp_path / "scan.sqlite"

    results = list(scan([tmp_path / "in"], db=db, jobs=2, timeout=30))
    assert len(results) == 7 and all(r.ok for r in results)
    assert Counter(analysis_log(hooks)) == Counter(
        {r.sha256: 1 for r in results}
    )  # 5 distinct contents, once each
    assert sum(r.cached for r in results) == 2
    member = next(r for r in results if r.member == "docs/new.txt")
    assert member.display_path.endswith("more.zip!/docs/new.txt")
    assert member.report.terms.principal.amount == 10099 and [f.code for f in member.findings] == ["LC101"]
    assert member.report.source == member.display_path

    again = list(scan([tmp_path / "in"], db=db, jobs=2, timeout=30))
    assert len(again) == 7 and all(r.cached for r in again)
    assert len(analysis_log(hooks)) == 5  # nothing re-analysed
    assert {r.display_path: r.report for r in again} == {r.display_path: r.report for r in results}

    with Scan([tmp_path / "in"], db=db, jobs=2, rescan=True, with_reports=False) as job:
        rescanned = list(job)
        assert job.analysed == 5
    assert len(rescanned) == 7 and all(r.report is None for r in rescanned)
    assert Counter(analysis_log(hooks)) == Counter({sha: 2 for sha in set(analysis_log(hooks))})


def test_hangs_and_crashes_are_recorded_and_the_batch_goes_on(hooks, tmp_path):
    write_contracts(tmp_path / "in", 3)
    (tmp_path / "in" / "hang.txt").write_text("LOANCLAUSE_TEST_HANG")
    (tmp_path / "in" / "segv.txt").write_text("LOANCLAUSE_TEST_SEGV")
    (tmp_path / "in" / "exit.txt").write_text("LOANCLAUSE_TEST_EXIT")
    (tmp_path / "in" / "empty.txt").write_text("#RAISE empty")
    (tmp_path / "in" / "bug.txt").write_text("#RAISE boom")
    started = time.monotonic()
    results = {
        Path(r.path).name: r for r in scan([tmp_path / "in"], db=tmp_path / "s.sqlite", jobs=2, timeout=1.5)
    }
    assert time.monotonic() - started < 20
    assert [results[f"c0{i}.txt"].status for i in range(3)] == ["ok"] * 3
    assert (results["hang.txt"].status, results["hang.txt"].error_code) == ("timeout", "timeout")
    assert "no result after 1.5 s" in results["hang.txt"].reason
    assert results["segv.txt"].status == "crashed" and "signal 11 (SIGSEGV)" in results["segv.txt"].reason
    assert results["exit.txt"].status == "crashed" and "exited with code 77" in results["exit.txt"].reason
    assert (results["empty.txt"].status, results["empty.txt"].error_code) == ("error", "empty")
    assert results["bug.txt"].error_code == "internal" and "RuntimeError: boom" in results["bug.txt"].reason
    assert not _children()  # every worker, killed or not, is gone


def test_memory_limit(hooks, monkeypatch, tmp_path):
    monkeypatch.setenv("LOANCLAUSE_TEST_MEMORY_MB", "400")
    write_contracts(tmp_path / "in", 1)
    (tmp_path / "in" / "hog.txt").write_text("LOANCLAUSE_TEST_MEMORY")
    results = {Path(r.path).name: r for r in scan([tmp_path / "in"], jobs=1, timeout=20, memory_mb=150)}
    hog = results["hog.txt"]
    assert (hog.status, hog.error_code) == ("crashed", "memory_limit"), hog.reason
    assert results["c00.txt"].ok


def test_closing_early_kills_the_workers(hooks, tmp_path):
    write_contracts(tmp_path / "in", 1)
    (tmp_path / "in" / "hang.txt").write_text("LOANCLAUSE_TEST_HANG")
    results = scan([tmp_path / "in"], db=tmp_path / "s.sqlite", jobs=2, timeout=60)
    first = next(results)
    assert first.ok and _children()
    results.close()
    assert not _children()
    # the abandoned file was not recorded: the next run analyses it
    again = list(scan([tmp_path / "in"], db=tmp_path / "s.sqlite", jobs=1, timeout=0.5))
    assert {(Path(r.path).name, r.cached, r.status) for r in again} == {
        ("c00.txt", True, "ok"),
        ("hang.txt", False, "timeout"),
    }


def test_select_ignore_and_options_fingerprint(hooks, tmp_path):
    [path] = write_contracts(tmp_path / "in", 1, codes=("LC101 error", "LC102 error", "LC205 info"))
    db = tmp_path / "s.sqlite"
    [r] = scan([path], db=db, jobs=1, select=["LC1"], ignore="lc102")
    assert [f.code for f in r.findings] == ["LC101"]
    [r] = scan([path], db=db, jobs=1)  # other options: analysed again, not taken from the store
    assert not r.cached and [f.code for f in r.findings] == ["LC101", "LC102", "LC205"]
    [r] = scan([path], db=db, jobs=1, select="LC1", ignore=["LC102"])
    assert r.cached and [f.code for f in r.findings] == ["LC101"]
    with pytest.raises(ValueError, match="bad rule selector"):
        list(scan([path], select="E501"))
    with pytest.raises(ValueError, match="unknown lender kind"):
        list(scan([path], lender_kind="individual"))


def test_initializer_runs_once_per_worker(hooks, tmp_path):
    write_contracts(tmp_path / "in", 4)
    log = tmp_path / "init.log"
    list(scan([tmp_path / "in"], jobs=2, initializer="batch_doubles:init_worker", initargs=(str(log),)))
    initialised = log.read_text().split()
    analysed_by = {int(line.split()[1]) for line in hooks.read_text().splitlines()}
    # once per worker (a worker still starting when the last file is done may be stopped before its turn)
    assert 1 <= len(initialised) == len(set(initialised)) <= 2
    assert analysed_by <= {int(pid) for pid in initialised}
    with pytest.raises(EngineError, match="model file missing"):
        list(scan([tmp_path / "in"], jobs=1, initializer="batch_doubles:failing_init"))


def test_real_pipeline_text_pdf_and_redaction(tmp_path, monkeypatch):
    monkeypatch.delenv("LOANCLAUSE_TEST_HOOKS", raising=False)
    text = tmp_path / "in" / "contract.txt"
    text.parent.mkdir()
    text.write_text(
        "借款合同\n出借人：张三\n借款人：李四，手机13812345678\n第一条 借款金额\n人民币壹拾万元整。\n",
        encoding="utf-8",
    )
    paths = [text] + [
        FIXTURES / n for n in ("01_single_column.pdf", "10_scanned_image_only.pdf") if (FIXTURES / n).exists()
    ]
    results = {Path(r.path).name: r for r in scan(paths, jobs=2, timeout=60, redact=True)}
    report = results["contract.txt"].report
    assert results["contract.txt"].ok and report.clauses
    assert "张三" not in report.text and "13812345678" not in report.text
    assert report.text.startswith("借款合同\n出借人：＊＊\n")
    plain = loanclause.analyze(text.read_bytes())
    assert len(report.text) == len(plain.text) and report.clauses == plain.clauses
    if "01_single_column.pdf" in results:
        assert results["01_single_column.pdf"].ok and results["01_single_column.pdf"].pages == 2
        assert (results["10_scanned_image_only.pdf"].error_code) == "no_text_layer"
        [r] = scan([paths[1]], jobs=1, max_pages=1)
        assert (r.status, r.error_code, r.pages) == ("error", "too_large", 2)


def test_a_worker_killed_while_idle_is_replaced(hooks, tmp_path):
    write_contracts(tmp_path / "in", 3)
    results = scan([tmp_path / "in"], jobs=1, timeout=30)
    first = next(results)  # the one worker is idle now: the next file is handed over when we ask for it
    [worker] = _children()
    os.kill(worker, 9)
    deadline = time.monotonic() + 10
    while not _fully_exited(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    rest = list(results)
    assert first.ok and len(rest) == 2
    assert [(r.status, r.error_code, r.reason) for r in rest if not r.ok] == []
    assert worker not in {int(line.split()[1]) for line in hooks.read_text().splitlines()[1:]}


def test_user_lpr_table_reaches_the_rules_and_the_fingerprint(tmp_path, monkeypatch):
    monkeypatch.delenv("LOANCLAUSE_TEST_HOOKS", raising=False)
    contract = tmp_path / "in" / "c.txt"
    contract.parent.mkdir()
    contract.write_text(
        "借款合同\n出借人：张三\n借款人：李四\n第一条 借款金额\n人民币拾万元整。\n第二条 利率\n年利率为13%。\n"
        "第三条 期限\n借款期限自2026年10月10日起至2027年10月9日止。\n",
        encoding="utf-8",
    )
    packaged = (Path(loanclause.__file__).parent / "law" / "data" / "lpr_1y.csv").read_text(encoding="utf-8")
    newer = tmp_path / "lpr.csv"
    newer.write_text(packaged + "2026-09-21,3.50,yes,test\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    # packaged table: last LPR 3.00 % → cap 12 % < 13 %; the newer table: 3.50 % → cap 14 %
    [r] = scan([contract], db=db, jobs=1, as_of="2026-11-28")
    assert "LC101" in {f.code for f in r.findings}
    [r] = scan([contract], db=db, jobs=1, as_of="2026-11-28", lpr_table=newer)
    assert not r.cached and "LC101" not in {f.code for f in r.findings}
    [r] = scan([contract], db=db, jobs=1, as_of="2026-11-28", lpr_table=newer)
    assert r.cached


def test_the_ner_choice_reaches_the_workers_and_the_fingerprint(tmp_path, monkeypatch):
    monkeypatch.delenv("LOANCLAUSE_TEST_HOOKS", raising=False)
    contract = tmp_path / "in" / "c.txt"
    contract.parent.mkdir()
    contract.write_text(
        "借款合同\n第一条 借款金额\n人民币拾万元整。\n第二条 利率\n年利率为8%。\n", encoding="utf-8"
    )
    db = tmp_path / "s.sqlite"
    [rules] = scan([contract], db=db, jobs=1, ner=False)
    [both] = scan([contract], db=db, jobs=1)
    assert not both.cached  # another extractor: the stored rules-only result is not reused
    assert rules.report.extractors == ["rule-baseline-v1"] and rules.report.terms.principal is None
    assert (
        both.report.extractors[1].startswith("loanclause-ner@")
        and both.report.terms.principal.amount == 100000
    )
    [again] = scan([contract], db=db, jobs=1, ner=False)
    assert again.cached and again.report == rules.report
