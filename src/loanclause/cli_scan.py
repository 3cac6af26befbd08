"""``loanclause scan``: the command-line front of ``loanclause.batch``.  Thin: it parses options, installs the
signal handlers, drives a ``Scan``, shows progress and prints the summary.  Registered by ``cli.py`` with
``main.add_command(scan)``."""

from __future__ import annotations

import signal
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from loanclause.cli_options import ner_option
from loanclause.law import LENDER_KINDS

__all__ = ["scan"]

EXIT_ERROR = 2


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _out(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and Path(value).suffix.lower() not in (".jsonl", ".ndjson", ".csv"):
        raise click.BadParameter(f"{value!r}: the file name must end in .jsonl or .csv")
    return value


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True, file_okay=True))
@click.option(
    "--db",
    default="scan.sqlite",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite results store; running the same command again resumes from it.",
)
@click.option(
    "--out",
    callback=_out,
    type=click.Path(dir_okay=False),
    help="Also export this run's results to a .jsonl or .csv file (written atomically at the end).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes.  [default: the usable CPUs]"
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=120.0,
    show_default=True,
    help="Seconds per file before its worker is killed and the file recorded as 'timeout' (0: none).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    default=0,
    help="Refuse PDFs with more pages than this ('too_large'; 0: no limit).",
)
@click.option(
    "--memory-mb",
    type=click.IntRange(min=0),
    default=2048,
    show_default=True,
    help="Per-worker memory limit in MB; a file that needs more is recorded as crashed (0: none).",
)
@click.option(
    "--lender-kind",
    type=click.Choice(LENDER_KINDS),
    default=None,
    help="Which cap regime applies to every file.  Default: each contract's own, read from its lender's name, "
    "else private.",
)
@click.option(
    "--as-of",
    callback=_as_of,
    metavar="DATE",
    help="Judge the contracts as of this date (YYYY-MM-DD). Default: the day each file is analysed.",
)
@click.option(
    "--lpr-table",
    type=click.Path(exists=True, dir_okay=False),
    help="A newer one-year LPR CSV (same columns as the packaged table).",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes (comma-separated)."
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Skip these rule codes or prefixes (comma-separated)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is found.",
)
@click.option("--rescan", is_flag=True, help="Analyse everything again, even what the store already has.")
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Files to read in directories and archives (repeatable).  [default: *.pdf *.docx *.txt]",
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files or folders to skip (repeatable).")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes here; dask: a Dask cluster (pip install 'loanclause[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://host:8786 (implies --engine dask; without it a local cluster).",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Mask ID, phone and account numbers and party names with ＊ in the store and exports.",
)
@click.option(
    "--html",
    "html_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Also write an HTML report page per contract and DIR/index.html listing every file (failures with "
    "their reasons); see `loanclause report`.",
)
@ner_option
def scan(
    paths: tuple[str, ...],
    db: str,
    out: str | None,
    jobs: int | None,
    timeout: float,
    max_pages: int,
    memory_mb: int,
    lender_kind: str | None,
    as_of: date | None,
    lpr_table: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    rescan: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    engine: str,
    scheduler: str | None,
    redact: bool,
    html_dir: str | None,
    ner: bool,
) -> None:
    """Scan many contracts: files, directories (recursively) and zip / tar / tar.gz archives.

    \b
    Examples:
      loanclause scan contracts/ --out results.csv
      loanclause scan 2023.zip 2024.tar.gz --jobs 8 --timeout 60 --fail-on warning
      loanclause scan /data --exclude 'drafts/*' --db /var/lib/scan.sqlite --redact
      loanclause scan /data --engine dask --scheduler tcp://10.0.0.5:8786
      loanclause scan contracts/ --as-of 2026-01-31 --html reports/      (a page per contract + index.html)

    \b
    Every file runs in a worker process with a time and memory limit; a file that hangs, crashes its
    worker or needs too much memory is recorded with the reason and the scan goes on.  Results are
    committed to --db as they complete: after a crash or ^C, run the same command again and only the
    unfinished files are analysed.  Identical files are analysed once.  The first ^C finishes the files in
    flight, a second one (or SIGTERM) stops at once.  Archive members that try to escape (absolute or ..
    paths), links, devices and zip bombs are refused and recorded.

    \b
    Exit codes: 0 no findings at or above --fail-on; 1 such findings; 2 usage error, a store or engine
    that cannot be used, no input found, or every input unreadable (unreadable files among readable ones
    are listed in the summary, not in the exit code); 130 / 143 interrupted by SIGINT / SIGTERM.
    """
    from rich.console import Console

    from loanclause.batch import EngineError, Scan, StoreError
    from loanclause.batch.summary import ScanSummary

    err_console = Console(stderr=True)
    debug = _debug()
    try:
        job = Scan(
            list(paths),
            db=db,
            jobs=jobs,
            timeout=timeout or None,
            memory_mb=memory_mb or None,
            max_pages=max_pages or None,
            lender_kind=lender_kind,
            as_of=as_of,
            lpr_table=lpr_table,
            select=_codes(select),
            ignore=_codes(ignore),
            rescan=rescan,
            include=include or None,
            exclude=exclude,
            engine="dask" if scheduler else engine,  # type: ignore[arg-type]
            scheduler=scheduler,
            redact=redact,
            ner=ner,
            with_reports=html_dir is not None,
            worker_stderr=debug,
        )
    except (StoreError, ValueError) as err:  # a bad --select / --ignore is a ValueError
        click.echo(f"loanclause: {err}", err=True)
        sys.exit(EXIT_ERROR)

    received: list[int] = []

    def on_interrupt(signum: int, _frame: Any) -> None:
        received.append(signum)
        if signum == signal.SIGINT and not job.control.draining:
            job.control.drain()
            err_console.print("[yellow]finishing the files in flight; ^C again to stop at once[/yellow]")
        else:
            job.control.abandon()

    previous = {s: signal.signal(s, on_interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    summary = ScanSummary()
    pages = _HtmlPages(Path(html_dir), lpr_table) if html_dir else None
    try:
        with job, _progress(err_console, job, paths, include, exclude) as advance:
            try:
                for result in job:
                    summary.add(result)
                    if pages is not None:
                        pages.add(result)
                    advance(result)
            except (StoreError, EngineError) as err:
                if debug:
                    raise
                click.echo(f"loanclause: {err}", err=True)
                sys.exit(EXIT_ERROR)
            if job.interrupted:
                signum = received[-1] if received else signal.SIGINT
                click.echo(
                    f"loanclause: interrupted; {summary.total} results are in {db}. "
                    "Run the same command again to resume." + (f" {out} was not written." if out else ""),
                    err=True,
                )
                sys.exit(128 + signum)
            if out:
                count = job.export(out)
                click.echo(f"wrote {count} results to {out}", err=True)
            if pages is not None:
                click.echo(f"wrote {pages.finish()}", err=True)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)

    if summary.total == 0:
        click.echo("loanclause: no input files found (check the paths and --include / --exclude)", err=True)
        sys.exit(EXIT_ERROR)
    summary.render(Console(), store=str(db), export=str(out) if out else None)
    sys.exit(summary.exit_code(fail_on))


class _HtmlPages:
    """``--html DIR``: each contract's page as its result arrives (atomically, so an interrupted scan leaves whole
    pages), the overview page at the end."""

    def __init__(self, folder: Path, lpr_table: str | None) -> None:
        self.folder, self.lpr_table = folder, lpr_table
        self.entries: list[Any] = []
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, result: Any) -> None:
        from loanclause.cli_report import page_filename, write_page
        from loanclause.report.html import IndexEntry, render_html

        name = result.display_path
        if not result.ok or result.report is None:
            self.entries.append(
                IndexEntry(name, None, result.status, result.reason or result.error_code or "")
            )
            return
        page = page_filename(name)
        write_page(self.folder / page, render_html(result.report, lpr_table=self.lpr_table, title=name))
        findings = result.report.findings
        counts = tuple(sum(f.severity == s for f in findings) for s in ("error", "warning", "info"))
        codes = tuple(sorted({f.code for f in findings}))
        self.entries.append(IndexEntry(name, page, "ok", "", counts, codes))  # type: ignore[arg-type]

    def finish(self) -> Path:
        from loanclause.cli_report import write_page
        from loanclause.report.html import render_index

        index = self.folder / "index.html"
        entries = sorted(self.entries, key=lambda e: e.name)
        write_page(index, render_index(entries, title=f"loanclause scan — {len(entries)} files"))
        return index


class _progress:
    """A rich progress bar on a terminal; nothing when stderr is not a TTY."""

    def __init__(
        self,
        console: Any,
        job: Any,
        paths: tuple[str, ...],
        include: tuple[str, ...],
        exclude: tuple[str, ...],
    ) -> None:
        self.console, self.job, self.paths, self.include, self.exclude = console, job, paths, include, exclude
        self.progress: Any = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not sys.stderr.isatty():
            return lambda result: None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from loanclause.batch.sources import DEFAULT_INCLUDE, count_inputs

        total = count_inputs(self.paths, include=self.include or DEFAULT_INCLUDE, exclude=self.exclude)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]scan[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} files/s"),
            TextColumn("[red]{task.fields[failed]} failed[/red]"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.progress.start()
        task = self.progress.add_task("scan", total=total, rate="-", failed=0)
        failed = 0

        def advance(result: Any) -> None:
            nonlocal failed
            failed += result.status != "ok"
            t = self.progress.tasks[0]
            speed = t.finished_speed or t.speed
            self.progress.update(task, advance=1, failed=failed, rate=f"{speed:.1f}" if speed else "-")

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
