"""The same input gives byte-identical JSON across runs, --jobs values, time zones and core counts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"
CLI = str(Path(sys.executable).with_name("loanclause"))


def _run(args: list[str], cwd: Path, **env: str) -> bytes:
    full = {**os.environ, **env}
    proc = subprocess.run([CLI, *args], cwd=cwd, capture_output=True, timeout=300, env=full)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    return proc.stdout


def test_scan_export_same_bytes_for_any_jobs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted(FIXTURES.glob("0[1-8]_*")):
        shutil.copy(src, folder / src.name)
    outs = []
    for jobs in ("1", "3"):
        out = tmp_path / f"o{jobs}.jsonl"
        _run(
            [
                "scan",
                str(folder),
                "--db",
                str(tmp_path / f"s{jobs}.sqlite"),
                "--out",
                str(out),
                "--jobs",
                jobs,
                "--as-of",
                "2026-01-31",
                "--no-ner",
            ],
            tmp_path,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 8


def test_check_json_same_bytes_across_runs_time_zones_and_threads(tmp_path: Path) -> None:
    args = [
        "check",
        str(FIXTURES / "01_single_column.pdf"),
        "--as-of",
        "2026-01-31",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]
    a = _run(args, tmp_path, TZ="UTC", LOANCLAUSE_THREADS="1")
    b = _run(args, tmp_path, TZ="Asia/Shanghai", LOANCLAUSE_THREADS="4")
    c = _run(args, tmp_path, TZ="America/Los_Angeles")
    assert a == b == c and b'"findings"' in a
