#!/usr/bin/env python3
"""Run every hostile case (``fixtures/hostile`` and the cases ``make_hostile.make_runtime`` makes at run time)
through ``loanclause extract``, ``loanclause check`` and one ``loanclause scan``, the way
``tests/hostile/test_hostile.py`` does, and print what happened to each: the reason (the first line of stderr,
or the results store's reason), the exit code (or the store's status), the seconds and the peak memory.

    python scripts/hostile_report.py               # a plain table
    python scripts/hostile_report.py --markdown    # a Markdown table, for the docs
    python scripts/hostile_report.py --no-scan     # the single-file commands only

Each command runs in its own process group under a hard outer timeout (``--timeout``, default 60 s; the scan
``--scan-timeout``, default 600 s) and is killed whole when it overruns.  Peak memory is the child's
``ru_maxrss`` from ``os.wait4``: the largest process of the command's tree that it waited for (the isolated
worker included).  The test imports the helpers here (``run_command``, ``single_commands``, ``build_scan_folder``,
``scan_rows``), so the report and the test cannot drift apart.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import make_hostile  # noqa: E402  (the script folder is not a package)

HOSTILE = ROOT / "fixtures" / "hostile"
CONTRACTS = ROOT / "fixtures" / "contracts"
EXPECTED = ROOT / "fixtures" / "expected"
LOANCLAUSE = str(Path(sys.executable).with_name("loanclause"))

OUTER_TIMEOUT_S = float(os.environ.get("LOANCLAUSE_HOSTILE_TIMEOUT", "60"))
SCAN_OUTER_TIMEOUT_S = float(os.environ.get("LOANCLAUSE_HOSTILE_SCAN_TIMEOUT", "600"))
# the isolated worker's default limit (--memory-mb 2048) plus room for the parent and the polling interval
PEAK_MB_LIMIT = float(os.environ.get("LOANCLAUSE_HOSTILE_PEAK_MB", str(2048 + 512)))
SCAN_OPTIONS = ("--no-ner", "--jobs", "2", "--timeout", "30")

# cases only a scan sees (a single-file command follows a link it is given: that is the user's choice)
SCAN_ONLY = {"link_passwd", "link_dangling"}
ARCHIVE_SUFFIXES = (".zip", ".tar")


@dataclass
class Run:
    argv: list[str]
    rc: int | None
    seconds: float
    peak_mb: float | None
    stdout: bytes
    stderr: bytes
    timed_out: bool

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.decode("utf-8", "backslashreplace").splitlines() if line.strip()]

    def reason(self, path: str | None = None) -> str:
        """The first line of stderr, without the ``loanclause: `` prefix and the file's own path."""
        if self.timed_out:
            return f"(killed by the outer timeout after {self.seconds:.0f} s)"
        lines = self.stderr_lines
        if not lines:
            return ""
        text = lines[0].removeprefix("loanclause: ")
        if path:
            from loanclause.limits import safe_name

            for name in (safe_name(os.path.abspath(path)), safe_name(path)):
                if text.startswith(name + ": "):
                    text = text[len(name) + 2 :]
                    break
        return text


def run_command(argv: list[str], *, cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` in a new process group with stdout/stderr to files; kill the whole group at ``timeout``.
    Peak memory from ``os.wait4`` (this child and the descendants it waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, start_new_session=True
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                # the group this call created: the command and its workers
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            argv=argv,
            rc=None if timed_out else proc.returncode,
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024 if not timed_out else None,
            stdout=out.read(),
            stderr=err.read(),
            timed_out=timed_out,
        )


def _extract_has_no_ner() -> bool:
    out = subprocess.run([LOANCLAUSE, "extract", "--help"], capture_output=True, timeout=60)
    return b"--no-ner" in out.stdout


_NO_NER: bool | None = None


def command_argv(command: str, arg: str) -> list[str]:
    """``loanclause extract --format json [--no-ner] -- FILE`` / ``loanclause check --no-ner --format json --
    FILE`` (``--`` so a name that starts with a dash is a file, not an option).  ``extract`` has no NER option
    today; ``--no-ner`` is passed once it has one."""
    global _NO_NER
    if command == "extract":
        if _NO_NER is None:
            _NO_NER = _extract_has_no_ner()
        return [LOANCLAUSE, "extract", "--format", "json", *(["--no-ner"] if _NO_NER else []), "--", arg]
    return [LOANCLAUSE, "check", "--no-ner", "--format", "json", "--", arg]


# ================================================================================== single-file commands


def make_workdir(work: Path) -> dict[str, Path]:
    """The working directory the single-file commands run in, holding the run-time cases (and a FIFO)."""
    made = make_hostile.make_runtime(work, specials=False)
    os.mkfifo(work / "x.txt")
    made["fifo"] = work / "x.txt"
    return made


def single_cases(work: Path, runtime: dict[str, Path]) -> list[tuple[make_hostile.Case, str]]:
    """(case, the argument to pass): committed files by absolute path, run-time ones relative to ``work``."""
    cases = []
    for case in make_hostile.CASES:
        if case.name in SCAN_ONLY:
            continue
        if case.runtime:
            key = case.name.removesuffix(".txt")
            cases.append((case, os.path.relpath(runtime[key], work)))
        else:
            cases.append((case, str(HOSTILE / case.name)))
    return cases


def snapshot(*folders: Path) -> dict[str, list[bytes]]:
    """Names in each folder (bytes, so undecodable names compare too)."""
    return {str(f): sorted(os.listdir(os.fsencode(f))) for f in folders if f.exists()}


ESCAPE_TARGETS = (Path("/tmp/loanclause-evil.txt"), Path("/evil.txt"), Path("/escape.txt"))


def problems_of_single(case: make_hostile.Case, command: str, run: Run) -> list[str]:
    """What is wrong with one single-file run (empty: nothing)."""
    found = []
    if run.timed_out:
        return [f"still running after {run.seconds:.0f} s (killed by the outer timeout)"]
    # check reports an unreadable file as a finding of its own (LC001) and exits 1; extract exits 2
    if command == "extract":
        allowed = {"ok": {0}, "unreadable": {2}, "any": {0, 2}}[case.expect]
    else:
        allowed = {"ok": {0, 1}, "unreadable": {1}, "any": {0, 1}}[case.expect]
    if run.rc not in allowed:
        found.append(f"exit code {run.rc}, expected {sorted(allowed)} ({case.expect}): {run.reason()!r}")
    text = run.stderr.decode("utf-8", "backslashreplace")
    if "Traceback" in text:
        found.append("a Traceback on stderr: " + text.strip().splitlines()[-1][:200])
    lines = run.stderr_lines
    if len(lines) > 1:
        found.append(f"{len(lines)} lines on stderr, not one: {lines[:3]!r}")
    refused = run.rc == 2 or (
        command == "check" and '"status": "error"' in run.stdout.decode("utf-8", "replace")
    )
    if refused and not (len(lines) == 1 and lines[0].startswith("loanclause: ")):
        found.append(f"a refused file without a one-line 'loanclause: …' reason: {lines[:2]!r}")
    if run.rc in (0, 1, 2):
        try:
            json.loads(run.stdout)
        except ValueError as err:
            found.append(f"stdout is not JSON ({err})")
    if run.peak_mb is not None and run.peak_mb > PEAK_MB_LIMIT:
        found.append(f"peak memory {run.peak_mb:.0f} MB, more than {PEAK_MB_LIMIT:.0f} MB")
    if case.no_leak and b"root:" in run.stdout + run.stderr:
        found.append("/etc/passwd content in the output")
    return found


# ================================================================================== scan


def good_fixtures() -> list[str]:
    """Names of the files in fixtures/contracts that their expected JSON says are readable."""
    names = []
    for path in sorted(CONTRACTS.iterdir()):
        expected = json.loads((EXPECTED / (path.stem + ".json")).read_text(encoding="utf-8"))
        if expected.get("readable"):
            names.append(path.name)
    return names


def build_scan_folder(folder: Path) -> dict[str, Path]:
    """The hostile corpus, the fixtures from fixtures/contracts (copies: a link to them would be 'outside the
    folder'), and the run-time cases with the special entries.  Returns ``{case or fixture name: path}``."""
    folder.mkdir(parents=True)
    entries: dict[str, Path] = {}
    for case in make_hostile.CASES:
        if not case.runtime:
            shutil.copyfile(HOSTILE / case.name, folder / case.name)
            entries[case.name] = folder / case.name
    for path in sorted(CONTRACTS.iterdir()):
        shutil.copyfile(path, folder / path.name)
        entries[path.name] = folder / path.name
    for key, path in make_hostile.make_runtime(folder).items():
        entries[key + ".txt" if key.startswith("text_") else key] = path
    return entries


def scan_argv(folder: Path, db: Path) -> list[str]:
    return [LOANCLAUSE, "scan", str(folder), "--db", str(db), *SCAN_OPTIONS]


@dataclass
class Row:
    path: str
    member: str
    status: str
    error_code: str | None
    reason: str | None
    wall_ms: int | None


def scan_rows(db: Path) -> list[Row]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return [
            Row(*r)
            for r in conn.execute(
                "SELECT path, member, status, error_code, reason, wall_ms FROM files ORDER BY path, member"
            )
        ]


def recorded_path(path: Path) -> str:
    """How the store names a file: absolute and printable."""
    from loanclause.limits import safe_name

    return safe_name(os.path.abspath(path))


def scan_problems(folder: Path, entries: dict[str, Path], run: Run, rows: list[Row]) -> dict[str, list[str]]:
    """What is wrong with the scan, by topic: 'run', 'good', 'recorded', 'not_followed', 'archives'."""
    out: dict[str, list[str]] = {k: [] for k in ("run", "good", "recorded", "not_followed", "archives")}
    if run.timed_out:
        out["run"].append(f"scan still running after {run.seconds:.0f} s (killed by the outer timeout)")
    elif run.rc not in (0, 1):
        out["run"].append(f"scan exit code {run.rc}: {run.stderr_lines[-3:]!r}")
    if b"Traceback" in run.stderr:
        out["run"].append("a Traceback on stderr: " + run.stderr_lines[-1][:200])
    by_path: dict[str, list[Row]] = {}
    for row in rows:
        by_path.setdefault(row.path, []).append(row)
    for name in good_fixtures():
        got = by_path.get(recorded_path(entries[name]), [])
        if not got or got[0].status != "ok":
            out["good"].append(f"{name}: {(got[0].status, got[0].reason) if got else 'no row'}")
    for name, path in sorted(entries.items()):
        if name in good_fixtures():
            continue
        got = by_path.get(recorded_path(path), [])
        if not got:
            out["recorded"].append(f"{name}: no row in the store")
        for row in got:
            if row.status != "ok" and not (row.reason and row.reason.strip()):
                out["recorded"].append(f"{name}!/{row.member}: status {row.status} without a reason")
            if row.reason and ("\n" in row.reason or "\r" in row.reason):
                out["recorded"].append(f"{name}!/{row.member}: a reason of several lines")
    fifo = by_path.get(recorded_path(entries["fifo"]), [])
    if fifo and fifo[0].error_code != "not_a_regular_file":
        out["recorded"].append(
            f"the FIFO x.txt: {fifo[0].status} {fifo[0].error_code}, not not_a_regular_file"
        )
    link = by_path.get(recorded_path(entries["link_passwd"]), [])
    if link and link[0].status == "ok":
        out["not_followed"].append("passwd.txt (a link to /etc/passwd) was analysed")
    for sub in ("loop", "etc", "root"):
        inside = recorded_path(folder / sub) + "/"
        hits = [r.path for r in rows if r.path.startswith(inside)]
        if hits:
            out["not_followed"].append(f"{sub}/ was followed: {hits[:3]}")
    for name in (
        "archive_zip_slip.zip",
        "archive_abs_path.zip",
        "archive_zip_bomb.zip",
        "archive_tar_specials.tar",
    ):
        members = {r.member: r for r in by_path.get(recorded_path(entries[name]), [])}
        ok = members.get("ok.txt")
        if ok is None or ok.status != "ok":
            out["archives"].append(f"{name}!/ok.txt not analysed: {ok.status if ok else 'no row'}")
        for member, row in members.items():
            if member != "ok.txt" and row.status == "ok":
                out["archives"].append(f"{name}!/{member} was analysed, not refused")
    for target in ESCAPE_TARGETS:
        if target.exists():
            out["archives"].append(f"{target} exists")
    return out


# ================================================================================== report


@dataclass
class Line:
    case: str
    command: str
    reason: str
    exit: str
    seconds: float | None
    peak_mb: float | None


def run_all(base: Path, *, timeout: float, scan: bool, scan_timeout: float) -> tuple[list[Line], Run | None]:
    lines: list[Line] = []
    work = base / "work"
    runtime = make_workdir(work)
    for case, arg in single_cases(work, runtime):
        for command in ("extract", "check"):
            run = run_command(command_argv(command, arg), cwd=work, timeout=timeout)
            reason = run.reason(arg) or ("ok" if run.rc in (0, 1) else "")
            lines.append(
                Line(
                    case.name,
                    command,
                    reason,
                    "killed" if run.timed_out else str(run.rc),
                    run.seconds,
                    run.peak_mb,
                )
            )
    scan_run = None
    if scan:
        folder, db, cwd = base / "scan_in", base / "scan.sqlite", base / "scan_cwd"
        cwd.mkdir()
        entries = build_scan_folder(folder)
        scan_run = run_command(scan_argv(folder, db), cwd=cwd, timeout=scan_timeout)
        names = {recorded_path(p): n for n, p in entries.items()}
        for row in scan_rows(db):
            case = names.get(row.path, row.path)
            if row.member:
                case += "!/" + row.member
            reason = "ok" if row.status == "ok" else f"{row.reason} [{row.error_code}]"
            lines.append(
                Line(
                    case,
                    "scan",
                    reason,
                    row.status,
                    row.wall_ms / 1000 if row.wall_ms is not None else None,
                    None,
                )
            )
        lines.append(
            Line(
                "(the whole scan)",
                "scan",
                scan_run.reason() or "finished",
                "killed" if scan_run.timed_out else str(scan_run.rc),
                scan_run.seconds,
                scan_run.peak_mb,
            )
        )
    return lines, scan_run


def _fmt(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def render(lines: list[Line], *, markdown: bool) -> str:
    from loanclause.limits import safe_name

    header = ("case", "command", "reason", "exit", "seconds", "peak MB")
    rows = [
        (safe_name(x.case), x.command, x.reason, x.exit, _fmt(x.seconds, ".1f"), _fmt(x.peak_mb, ".0f"))
        for x in lines
    ]
    if markdown:

        def cell(text: str) -> str:
            return text.replace("|", "\\|")

        out = ["| " + " | ".join(header) + " |", "| --- | --- | --- | ---: | ---: | ---: |"]
        out += [
            "| " + " | ".join(cell(c) if i else f"`{cell(c)}`" for i, c in enumerate(r)) + " |" for r in rows
        ]
        return "\n".join(out)
    rows = [(c[:44], cmd, reason[:110], e, s, m) for c, cmd, reason, e, s, m in rows]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {3, 4, 5}

    def fmt_row(r: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    return "\n".join([fmt_row(header), "  ".join("-" * w for w in widths), *map(fmt_row, rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--no-scan", action="store_true", help="only extract and check, file by file")
    parser.add_argument("--timeout", type=float, default=OUTER_TIMEOUT_S, help="outer limit per command (s)")
    parser.add_argument(
        "--scan-timeout", type=float, default=SCAN_OUTER_TIMEOUT_S, help="outer limit of the scan"
    )
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="loanclause-hostile-"))
    try:
        lines, _ = run_all(base, timeout=args.timeout, scan=not args.no_scan, scan_timeout=args.scan_timeout)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(render(lines, markdown=args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
