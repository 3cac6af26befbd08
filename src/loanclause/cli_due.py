"""``loanclause due``: over a scanned archive, what falls due in a window (the work is in
:mod:`loanclause.batch.due`)."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

import click

__all__ = ["due"]

_WITHIN_RE = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$")


def _within_days(value: str) -> int:
    m = _WITHIN_RE.match(value)
    if not m:
        raise click.BadParameter(f"expected days such as 30, 30d or 4w, got {value!r}", param_hint="--within")
    n = int(m.group(1))
    return n * 7 if m.group(2) == "w" else n


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _table(report) -> None:
    from rich.console import Console
    from rich.table import Table

    from loanclause.law._fmt import money

    table = Table(
        title=f"loanclause due — {report.as_of} … {report.until} ({report.contracts} contracts)",
        title_justify="left",
    )
    for col in ("what", "date", "contract", "borrower", "amount", "days overdue", "limitation ends"):
        table.add_column(
            col,
            justify="right" if col in ("amount", "days overdue") else "left",
            no_wrap=col in ("date", "amount", "limitation ends"),
        )
    label = {"overdue": "逾期", "instalment": "到期", "limitation": "时效"}
    for e in report.events:
        what = label[e.kind] + (f" #{e.number}" if e.number else "")
        table.add_row(
            what,
            str(e.date),
            Path(e.path).name + (f"!/{e.member}" if e.member else ""),
            e.borrower or "-",
            money(e.amount) if e.amount is not None else "-",
            str(e.days_overdue) if e.days_overdue is not None else "",
            str(e.limitation_ends) if e.limitation_ends else "",
        )
    console = Console()
    console.print(table)
    if report.without_dates:
        console.print(f"{report.without_dates} contracts left out: the text gives no maturity date.")
    for note in report.assumptions:
        console.print(f"- {note}", highlight=False)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default="scan.sqlite",
    show_default=True,
    help="The results store written by `loanclause scan`.",
)
@click.option("--as-of", help="The day to look from (YYYY-MM-DD).  Default: today (Beijing).")
@click.option(
    "--within",
    default="30d",
    show_default=True,
    help="Window after --as-of for instalments and limitation deadlines: days (30, 30d) or weeks (4w).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "ics"]),
    default="table",
    show_default=True,
    help="table for people; csv / json for tools; ics for a calendar (Outlook, Google, Apple).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (atomically).")
@click.option("--lpr-table", type=click.Path(exists=True, dir_okay=False), help="A newer one-year LPR CSV.")
def due(db: str, as_of: str | None, within: str, fmt: str, output: str | None, lpr_table: str | None) -> None:
    """Instalments due soon, contracts past maturity, and limitation deadlines, over a scanned archive.

    \b
    Examples:
      loanclause scan contracts/ --db scan.sqlite
      loanclause due --db scan.sqlite --as-of 2026-12-01 --within 30d
      loanclause due --db scan.sqlite --format ics -o due.ics      (import into a calendar)
      loanclause due --db scan.sqlite --format csv > due.csv

    The store holds each contract's terms, not its repayments: a contract past maturity is listed as unpaid,
    with the amount claimable under the caps at --as-of if nothing was repaid, and the limitation period is
    three years from the last due date (Civil Code Arts. 188, 189) with no interruption counted.

    Exit codes: 0 done; 2 usage error or a store that cannot be read.
    """
    from loanclause import clock
    from loanclause.batch.due import due_report, to_csv, to_ics
    from loanclause.errors import LoanClauseError

    if as_of:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise click.BadParameter(f"expected YYYY-MM-DD, got {as_of!r}", param_hint="--as-of") from None
    else:
        day = clock.today()
    try:
        report = due_report(db, as_of=day, within_days=_within_days(within), lpr_table=lpr_table)
    except LoanClauseError as err:
        click.echo(f"loanclause due: {err}", err=True)
        sys.exit(2)
    if fmt == "table" and output is None:
        _table(report)
        return
    if fmt == "csv":
        data = to_csv(report).encode("utf-8")
    elif fmt == "json":
        data = (report.model_dump_json(indent=2) + "\n").encode("utf-8")
    elif fmt == "ics":
        data = to_ics(report)
    else:  # a table to a file: the CSV is the machine-readable table
        data = to_csv(report).encode("utf-8")
    if output:
        _write_atomic(Path(output), data)
        click.echo(f"{len(report.events)} items written to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
