"""``loanclause scan``: exit codes, exports, and resuming after SIGKILL / SIGINT / SIGTERM (real subprocesses)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from batch_helpers import analysis_log, db_rows, hook_env, write_contracts
from click.testing import CliRunner

from loanclause.cli_scan import scan

CLI = [sys.executable, "-c", "from loanclause.cli_scan import scan; scan()"]


def _invoke(*args):
    return CliRunner().invoke(scan, [str(a) for a in args], catch_exceptions=False)


def test_exit_codes_summary_and_exports(hooks, tmp_path):
    write_contracts(tmp_path / "in", 3)
    write_contracts(tmp_path / "info", 2, codes=("LC205 info",))
    db = tmp_path / "scan.sqlite"

    result = _invoke(tmp_path / "in", "--db", db, "--out", tmp_path / "r.csv", "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "LC101" in result.output and "Contracts above the rate caps" in result.output
    with open(tmp_path / "r.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [Path(r["path"]).name for r in rows] == ["c00.txt", "c01.txt", "c02.txt"]
    assert (
        rows[0]["principal"] == "10000"
        and rows[0]["interest_rate_annual"] == "0.36"
        and rows[0]["codes"] == "LC101"
    )

    # everything is in the store now: no worker starts, same verdict, a JSONL export
    result = _invoke(tmp_path / "in", "--db", db, "--out", tmp_path / "r.jsonl", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3 and lines[0]["report"]["findings"][0]["code"] == "LC101"
    assert len(analysis_log(hooks)) == 3

    assert _invoke(tmp_path / "info", "--db", db).exit_code == 0
    assert _invoke(tmp_path / "info", "--db", db, "--fail-on", "info").exit_code == 1
    assert _invoke(tmp_path / "info", "--db", db, "--ignore", "LC2").exit_code == 0


def test_usage_and_fatal_errors_exit_2(hooks, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "a.txt").write_text("#RAISE empty")
    (tmp_path / "bad" / "b.txt").write_text("LOANCLAUSE_TEST_EXIT")
    db = tmp_path / "s.sqlite"
    result = _invoke(tmp_path / "empty", "--db", db)
    assert result.exit_code == 2 and "no input files" in result.output
    result = _invoke(tmp_path / "bad", "--db", db)  # every input unreadable
    assert result.exit_code == 2 and "error: empty" in result.output and "crashed" in result.output
    assert _invoke(tmp_path / "bad", "--out", tmp_path / "r.xlsx").exit_code == 2
    assert _invoke(tmp_path / "bad", "--select", "E501").exit_code == 2
    (tmp_path / "not.sqlite").write_text("not sqlite" * 50)
    result = _invoke(tmp_path / "bad", "--db", tmp_path / "not.sqlite")
    assert result.exit_code == 2 and "not a usable results store" in result.output


def _start(args, env):
    return subprocess.Popen(
        CLI + [str(a) for a in args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _wait_rows(db: Path, n: int, proc, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if db.exists():
            try:
                if len(db_rows(db)) >= n:
                    return
            except Exception:  # the store is being created
                pass
        time.sleep(0.05)
    raise AssertionError(f"fewer than {n} results committed in {limit} s")


def _gone(pids, limit=5.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.05)
    return False


def _pids(log: Path) -> set[int]:
    return {int(line.split()[1]) for line in log.read_text().splitlines()} if log.exists() else set()


def test_sigkill_mid_batch_then_resume(tmp_path):
    paths = write_contracts(tmp_path / "in", 12)
    all_shas = {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    db, log1, log2 = tmp_path / "scan.sqlite", tmp_path / "run1.log", tmp_path / "run2.log"
    args = [tmp_path / "in", "--db", db, "--jobs", "2"]

    proc = _start(args, hook_env(LOANCLAUSE_TEST_SLEEP="0.3", LOANCLAUSE_TEST_ANALYSIS_LOG=str(log1)))
    _wait_rows(db, 3, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    committed = {r["sha256"] for r in db_rows(db)}
    assert 3 <= len(committed) < 12
    assert _gone(_pids(log1)), "workers outlived their SIGKILLed parent"

    proc = _start(args, hook_env(LOANCLAUSE_TEST_ANALYSIS_LOG=str(log2)))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err  # the fake contracts carry an LC101 error finding
    second = analysis_log(log2)
    assert not committed & set(second), "a committed result was analysed again"
    assert Counter(second).most_common(1)[0][1] == 1
    assert committed | set(second) == all_shas
    rows = db_rows(db)
    assert (
        len(rows) == 12 and {r["status"] for r in rows} == {"ok"} and {r["sha256"] for r in rows} == all_shas
    )


def test_sigint_drains_sigterm_abandons(tmp_path):
    write_contracts(tmp_path / "in", 12)
    db = tmp_path / "scan.sqlite"
    logs = [tmp_path / f"run{i}.log" for i in range(3)]
    args = [tmp_path / "in", "--db", db, "--jobs", "2"]

    # ^C: the files in flight finish and are committed; nothing analysed is lost
    proc = _start(args, hook_env(LOANCLAUSE_TEST_SLEEP="0.3", LOANCLAUSE_TEST_ANALYSIS_LOG=str(logs[0])))
    _wait_rows(db, 2, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"Run the same command again to resume" in err
    first = {r["sha256"] for r in db_rows(db)}
    assert set(analysis_log(logs[0])) == first and len(first) < 12

    # SIGTERM: stop at once; what is committed stays committed
    proc = _start(args, hook_env(LOANCLAUSE_TEST_SLEEP="0.3", LOANCLAUSE_TEST_ANALYSIS_LOG=str(logs[1])))
    _wait_rows(db, len(first) + 1, proc)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert _gone(_pids(logs[1]))
    second = {r["sha256"] for r in db_rows(db)}
    assert first < second and not first & set(analysis_log(logs[1]))

    proc = _start(args, hook_env(LOANCLAUSE_TEST_ANALYSIS_LOG=str(logs[2])))
    proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert not second & set(analysis_log(logs[2]))
    assert len(db_rows(db)) == 12
    assert os.path.getsize(db) > 0
