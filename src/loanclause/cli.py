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
      loanclause report contract.pdf -o report.html   the contract with its findings, as a page to read
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
@click.option(
    "--terms",
    "with_terms",
    is_flag=True,
    help="Also read the terms (principal, rates, penalty, fees, term, parties …): a table under the outline in "
    "text output, a 'terms' object in json/jsonl.  Runs the extractors (the NER model unless --no-ner).",
)
@ner_option
@redact_option
@limit_options
def extract(
    files: tuple[str, ...],
    fmt: str,
    pages: str | None,
    with_text: bool,
    with_terms: bool,
    ner: bool,
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
      loanclause extract contract.pdf --terms                        the outline and the terms as a table

    A file that cannot be read (encrypted, scanned without a text layer, truncated, empty, not a document) is
    reported on stderr in one line; the other files are still processed, and the exit code is 2.
    """
    import json

    from loanclause.errors import LoanClauseError
    from loanclause.limits import LimitedRunner, Limits
    from loanclause.report.outline import document_of, outline_record, render_outline
    from loanclause.report.terms_table import render_terms

    page_range = _parse_pages(pages)
    records: list[dict] = []
    failed = 0
    runner = LimitedRunner(Limits(timeout or None, memory_mb or None))
    for path in _expand(files):
        try:
            if with_terms:
                found = runner.run(str(path), "loanclause.pipeline:analyze", pages=page_range, ner=ner)
            else:
                found = runner.run(str(path), "loanclause.pipeline:outline", pages=page_range)
            report = _redacted(found, redact)
            document, clauses = document_of(report), report.clauses
        except Exception as err:  # a batch goes on; the reason is reported
            if _State.debug and not isinstance(err, LoanClauseError):
                raise
            failed += 1
            record = _error_record(path, err)
        else:
            if fmt == "text":
                click.echo(render_outline(document, clauses))
                if with_terms:
                    click.echo(render_terms(report))
                continue
            record = outline_record(document, clauses, with_text=with_text)
            if with_terms:
                record["terms"] = report.terms.model_dump(mode="json", exclude_defaults=True)
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "json":
            records.append(record)
    runner.close()
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def _register_optional_commands() -> None:
    """Commands that live in their own modules (each a thin front of its library part)."""
    from loanclause.cli_calc import calc
    from loanclause.cli_check import check, rule
    from loanclause.cli_due import due
    from loanclause.cli_evidence import evidence
    from loanclause.cli_report import report
    from loanclause.cli_scan import scan

    main.add_command(check)
    main.add_command(rule)
    main.add_command(evidence)
    main.add_command(report)
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
