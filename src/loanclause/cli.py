"""The ``loanclause`` command.  Thin: every command parses options, calls the library and formats the result.

Exit codes, the same for every command so CI can use them: 0 clean, 1 findings at or above the fail level,
2 usage error or an input that could not be read (one line on stderr, no traceback unless ``--debug``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from loanclause.cli_options import limit_options, ner_option, redact_option

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt")


class _State:
    debug = False


def _fail(message: str) -> None:
    click.echo(f"loanclause: {message}", err=True)


def _expand(paths: Iterable[str]) -> list[Path]:
    """Files as given; directories walked (links to directories not followed, so a link loop cannot trap the
    walk), keeping the suffixes loanclause reads, in sorted order.  A FIFO or device with such a suffix is kept, to
    be reported as not a regular file, never opened.  Finding nothing is a usage error: a CI job pointed at the
    wrong folder must not pass silently.  (Archives are for ``loanclause scan``.)"""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside: list[Path] = []
            for root, _dirs, names in os.walk(path, followlinks=False):
                inside.extend(Path(root, n) for n in names if Path(n).suffix.lower() in SUPPORTED_SUFFIXES)
            found.extend(sorted(inside, key=lambda p: os.fsencode(p)))
        else:
            found.append(path)
    if not found:
        raise click.UsageError(f"no {', '.join(SUPPORTED_SUFFIXES)} files found in {' '.join(paths)}")
    return found


def _error_record(path: Path, err: Exception) -> dict:
    """Report a file that failed: one line on stderr, and a record for the machine-readable output."""
    from loanclause.errors import LoanClauseError
    from loanclause.limits import safe_name

    name = safe_name(path)
    if isinstance(err, LoanClauseError):
        if not err.source:
            err.source = name
        _fail(err.reason)
        code, message = err.code, str(err).replace("\n", " ")
    else:
        _fail(f"{name}: internal error: {type(err).__name__}: {err} [internal]")
        code, message = "internal", f"{type(err).__name__}: {err}"
    return {"source": name, "status": "error", "error": {"code": code, "message": message}}


def _redacted(report, redact: bool):  # type: ignore[no-untyped-def]
    """The report with personal data masked character for character (``--redact``), else as it is."""
    if not redact:
        return report
    from loanclause.batch.redact import redact_report
    from loanclause.models import ContractReport

    return ContractReport.model_validate(redact_report(report.model_dump(mode="json")))


def _parse_pages(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        if "-" in value:
            first, last = (int(x) for x in value.split("-", 1))
        else:
            first = last = int(value)
    except ValueError:
        raise click.BadParameter(f"expected N or N-M, got {value!r}", param_hint="--pages") from None
    if first < 1 or last < first:
        raise click.BadParameter(f"invalid page range {value!r}", param_hint="--pages")
    return first, last


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="loanclause")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def main(debug: bool) -> None:
    """Read Chinese loan agreements: clauses, terms, and where they break the interest caps.

    \b
    Typical use:
      loanclause extract contract.pdf                 clause outline of one contract
      loanclause extract contracts/ --format jsonl    one JSON line per file, for jq or a database
      loanclause check contract.pdf                   findings: caps, missing clauses, with citations
      loanclause scan archive.zip --out results.csv   thousands of contracts, resumable, in worker processes
      loanclause calc interest --help                 legally claimable interest between two dates

    Exit codes: 0 ok, 1 findings at or above the fail level, 2 usage error or unreadable input.
    """
    _State.debug = debug


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: an indented outline with page numbers; json: one array; jsonl: one object per line.",
)
@click.option("--pages", help="Only read these PDF pages, e.g. 1-3 or 2.")
@click.option("--with-text", is_flag=True, help="Include each clause's text in json/jsonl output.")
@redact_option
@limit_options
def extract(
    files: tuple[str, ...],
    fmt: str,
    pages: str | None,
    with_text: bool,
    redact: bool,
    timeout: float,
    memory_mb: int,
) -> None:
    """Print the clause tree of each contract (PDF, DOCX or text; directories are searched recursively).

    \b
    Examples:
      loanclause extract fixtures/contracts/01_single_column.pdf
      loanclause extract fixtures/contracts --format jsonl | jq -r '.clauses[].title'
      loanclause extract big.pdf --pages 1-3

    A file that cannot be read (encrypted, scanned without a text layer, truncated, empty, not a document) is
    reported on stderr in one line; the other files are still processed, and the exit code is 2.
    """
    import json

    from loanclause.errors import LoanClauseError
    from loanclause.limits import LimitedRunner, Limits
    from loanclause.report.outline import document_of, outline_record, render_outline

    page_range = _parse_pages(pages)
    records: list[dict] = []
    failed = 0
    runner = LimitedRunner(Limits(timeout or None, memory_mb or None))
    for path in _expand(files):
        try:
            report = _redacted(runner.run(str(path), "loanclause.pipeline:outline", pages=page_range), redact)
            document, clauses = document_of(report), report.clauses
        except Exception as err:  # a batch goes on; the reason is reported
            if _State.debug and not isinstance(err, LoanClauseError):
                raise
            failed += 1
            record = _error_record(path, err)
        else:
            if fmt == "text":
                click.echo(render_outline(document, clauses))
                continue
            record = outline_record(document, clauses, with_text=with_text)
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "json":
            records.append(record)
    runner.close()
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "sarif"]),
    default="text",
    show_default=True,
    help="text: findings per contract; json/jsonl: terms and findings; sarif: SARIF 2.1.0 for code scanning.",
)
@click.option(
    "--lender-kind",
    type=click.Choice(["private", "licensed_fi", "local_fin_org"]),
    default=None,
    help="Who lends: private lending (民间借贷), a licensed financial institution, or a local financial "
    "organisation.  Default: read from the lender's name (…小额贷款有限公司 → local_fin_org, …银行 / 消费金融 → "
    "licensed_fi), else private.",
)
@click.option(
    "--as-of",
    help="Check date (YYYY-MM-DD), used as the filing date for the transition rule. Default: today.",
)
@click.option(
    "--contract-date",
    help="Formation date (YYYY-MM-DD) when the text does not state it or states it wrongly; the caps are taken "
    "for this date.  Default: read from the text (signing date, else the loan start date).",
)
@click.option(
    "--filing-date",
    help="Assumed date of suit (YYYY-MM-DD), which decides the cap for loans formed before 2020-08-20.  "
    "Default: the check date.",
)
@click.option(
    "--received",
    help="Amount the borrower actually received (元), when less than the principal in the contract (interest or "
    "fees deducted in advance).  Default: what the text says, else the principal.",
)
@click.option("--select", help="Rule codes or prefixes to run, comma-separated (LC1,LC301). Default: all.")
@click.option("--ignore", help="Rule codes or prefixes to skip, comma-separated.")
@click.option("--lpr-table", type=click.Path(exists=True, dir_okay=False), help="A newer one-year LPR CSV.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity is present.",
)
@ner_option
@redact_option
@limit_options
def check(
    files: tuple[str, ...],
    fmt: str,
    lender_kind: str | None,
    as_of: str | None,
    contract_date: str | None,
    filing_date: str | None,
    received: str | None,
    select: str | None,
    ignore: str | None,
    lpr_table: str | None,
    fail_on: str,
    ner: bool,
    redact: bool,
    timeout: float,
    memory_mb: int,
) -> None:
    """Check contracts against the interest caps and for missing, inconsistent or one-sided clauses.

    \b
    Examples:
      loanclause check contract.pdf
      loanclause check contracts/ --format sarif > loanclause.sarif
      loanclause check contract.pdf --lender-kind licensed_fi --as-of 2026-01-31
      loanclause check templates/ --ignore LC2 --fail-on warning     (a template linter in CI)
      loanclause check iou.pdf --contract-date 2021-06-01 --received 90000 --as-of 2026-01-31

    Each finding names its rule code (LC101 …), the page and evidence, and the legal citation.  Every contract
    ends with the assumptions the verdicts rest on (contract date and where it came from, date of suit, day
    basis, lender kind, amount received) and the amount claimable at --as-of under the caps.
    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or an unreadable file.
    """
    import json
    from datetime import date

    from loanclause import __version__
    from loanclause.errors import LoanClauseError
    from loanclause.limits import LimitedRunner, Limits
    from loanclause.report.findings import SEVERITY_ORDER, findings_record, render_findings, to_sarif
    from loanclause.rules import parse_selectors

    for value, hint in (
        (as_of, "--as-of"),
        (contract_date, "--contract-date"),
        (filing_date, "--filing-date"),
    ):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=hint) from None
    received_amount = None
    if received:
        from loanclause.cli_calc import CalcError, parse_amount

        try:
            received_amount = parse_amount(received, "--received")
        except CalcError as err:
            raise click.BadParameter(err.format_message(), param_hint="--received") from None
        if received_amount <= 0:
            raise click.BadParameter(f"must be positive, got {received!r}", param_hint="--received")
    try:
        selected, ignored = parse_selectors(select), parse_selectors(ignore)
    except LoanClauseError as err:
        raise click.BadParameter(str(err), param_hint="--select/--ignore") from None
    reports = []
    records: list[dict] = []
    failed = 0
    worst = -1
    runner = LimitedRunner(Limits(timeout or None, memory_mb or None))
    for path in _expand(files):
        try:
            report = runner.run(
                str(path),
                "loanclause.pipeline:analyze",
                lender_kind=lender_kind,
                as_of=as_of,
                select=selected,
                ignore=ignored,
                lpr_table=lpr_table,
                ner=ner,
                contract_date=contract_date,
                filing_date=filing_date,
                received=received_amount,
            )
            report = _redacted(report, redact)
        except Exception as err:  # a batch goes on; the reason is reported
            if _State.debug and not isinstance(err, LoanClauseError):
                raise
            failed += 1
            records.append(_error_record(path, err))
            if fmt == "jsonl":
                click.echo(json.dumps(records[-1], ensure_ascii=False))
            continue
        reports.append(report)
        records.append(findings_record(report))
        for finding in report.findings:
            worst = max(worst, SEVERITY_ORDER[finding.severity])
        if fmt == "text":
            click.echo(render_findings(report))
        elif fmt == "jsonl":
            click.echo(json.dumps(records[-1], ensure_ascii=False))
    runner.close()
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(to_sarif(reports, version=__version__), ensure_ascii=False, indent=2))
    if failed:
        sys.exit(EXIT_ERROR)
    if fail_on != "never" and worst >= SEVERITY_ORDER[fail_on]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _register_optional_commands() -> None:
    """Commands that live in their own modules (each a thin front of its library part)."""
    from loanclause.cli_calc import calc
    from loanclause.cli_due import due
    from loanclause.cli_scan import scan

    main.add_command(calc)
    main.add_command(due)
    main.add_command(scan)


_register_optional_commands()


def run() -> None:
    """Entry point that turns stray exceptions into a one-line error and exit code 2."""
    try:
        main.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as err:
        if _State.debug or "--debug" in sys.argv:
            raise
        _fail(f"{type(err).__name__}: {err}")
        sys.exit(EXIT_ERROR)
