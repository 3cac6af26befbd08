"""Hostile inputs (``fixtures/hostile``, see its README; issue 13): every single-file command and one scan over
the lot must end in bounded time and memory, with a one-line reason and no traceback, and write nothing.

Not part of the default run (the corpus takes minutes): ``pytest -m hostile``.  The commands run in
subprocesses under a hard outer timeout (``LOANCLAUSE_HOSTILE_TIMEOUT``, default 60 s per command), with the
product's own default limits; peak memory is the command's ``ru_maxrss`` from ``os.wait4``.  The harness lives
in ``scripts/hostile_report.py`` (``python scripts/hostile_report.py`` prints the same runs as a table).
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import hostile_report as hr  # noqa: E402
import make_hostile  # noqa: E402

pytestmark = [
    pytest.mark.hostile,
    pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="POSIX FIFOs and links"),
]


SINGLE = [c.name for c in make_hostile.CASES if c.name not in hr.SCAN_ONLY]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    work = tmp_path_factory.mktemp("hostile") / "work"
    return work, hr.make_workdir(work)


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("name", SINGLE)
def test_single_file(name: str, command: str, workdir: tuple[Path, dict[str, Path]]) -> None:
    work, runtime = workdir
    case, arg = dict((c.name, (c, a)) for c, a in hr.single_cases(work, runtime))[name]
    before = hr.snapshot(work, hr.HOSTILE, hr.CONTRACTS)
    run = hr.run_command(hr.command_argv(command, arg), cwd=work, timeout=hr.OUTER_TIMEOUT_S)
    problems = hr.problems_of_single(case, command, run)
    if hr.snapshot(work, hr.HOSTILE, hr.CONTRACTS) != before:
        problems.append("files appeared or vanished in the working directory or the fixtures")
    assert not problems, f"{command} {name} ({run.seconds:.1f} s): " + "; ".join(problems)


def test_xxe_entities_are_not_resolved(workdir: tuple[Path, dict[str, Path]]) -> None:
    """With the clause text in the output, /etc/passwd must not be in it."""
    work, _ = workdir
    argv = [
        hr.LOANCLAUSE,
        "extract",
        "--format",
        "json",
        "--with-text",
        "--",
        str(hr.HOSTILE / "docx_xxe.docx"),
    ]
    run = hr.run_command(argv, cwd=work, timeout=hr.OUTER_TIMEOUT_S)
    assert not run.timed_out
    assert b"root:" not in run.stdout and b"/bin/" not in run.stdout


# ================================================================================== scan


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("hostile_scan")
    folder, db, cwd = base / "scan_in", base / "tmp" / "scan.sqlite", base / "cwd"
    db.parent.mkdir()
    cwd.mkdir()
    entries = hr.build_scan_folder(folder)
    before = hr.snapshot(folder, cwd, hr.HOSTILE, hr.CONTRACTS)
    run = hr.run_command(hr.scan_argv(folder, db), cwd=cwd, timeout=hr.SCAN_OUTER_TIMEOUT_S)
    after = hr.snapshot(folder, cwd, hr.HOSTILE, hr.CONTRACTS)
    rows = hr.scan_rows(db)
    return {
        "run": run,
        "rows": rows,
        "problems": hr.scan_problems(folder, entries, run, rows),
        "unchanged": before == after,
    }


def test_scan_finishes(scan) -> None:  # type: ignore[no-untyped-def]
    assert not scan["problems"]["run"], scan["problems"]["run"]


def test_scan_analyses_every_good_fixture(scan) -> None:  # type: ignore[no-untyped-def]
    assert scan["rows"], "no rows in the store"
    assert not scan["problems"]["good"], scan["problems"]["good"]


def test_scan_records_every_hostile_input_with_a_reason(scan) -> None:  # type: ignore[no-untyped-def]
    assert scan["rows"], "no rows in the store"
    assert not scan["problems"]["recorded"], scan["problems"]["recorded"]


def test_scan_follows_no_link_out_of_the_folder(scan) -> None:  # type: ignore[no-untyped-def]
    assert not scan["problems"]["not_followed"], scan["problems"]["not_followed"]


def test_scan_refuses_bad_archive_members_and_reads_the_rest(scan) -> None:  # type: ignore[no-untyped-def]
    assert scan["rows"], "no rows in the store"
    assert not scan["problems"]["archives"], scan["problems"]["archives"]


def test_scan_writes_nothing_but_its_store(scan) -> None:  # type: ignore[no-untyped-def]
    assert scan["unchanged"], "files appeared or vanished in the scanned folder, the cwd or the fixtures"


# ================================================================================== the corpus itself


def test_corpus_is_small_and_reproducible(tmp_path: Path) -> None:
    """make_hostile.py rebuilds the committed corpus byte for byte (the reportlab PDFs when the reportlab
    version matches the one in the README), and the corpus stays under 3 MB."""
    committed = sorted(p.name for p in hr.HOSTILE.iterdir())
    assert sum((hr.HOSTILE / n).stat().st_size for n in committed) < 3_000_000
    make_hostile.build_all(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    same_reportlab = f"reportlab {version('reportlab')}" in (hr.HOSTILE / "README.md").read_text(
        encoding="utf-8"
    )
    reportlab_made = {
        "pdf_truncated.pdf",
        "pdf_encrypted_user.pdf",
        "pdf_encrypted_owner_only.pdf",
        "pdf_enormous_page.pdf",
        "README.md",
    }
    differ = [
        n
        for n in committed
        if (same_reportlab or n not in reportlab_made)
        and hashlib.sha256((tmp_path / n).read_bytes()).digest()
        != hashlib.sha256((hr.HOSTILE / n).read_bytes()).digest()
    ]
    assert not differ, f"rebuilt files differ from the committed ones: {differ}"
