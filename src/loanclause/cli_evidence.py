"""``loanclause evidence``: the pre-litigation checklist of ``loanclause.evidence`` for one or more contracts."""

from __future__ import annotations

import json
import sys

import click

from loanclause.cli_options import case_options, check_dates, limit_options, ner_option, redact_option


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--as-of",
    required=True,
    help="The check date (YYYY-MM-DD): limitation and guarantee periods and the "
    "claimable amount are judged at it.  Required, so that a memo says which day it speaks of.",
)
@case_options
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: a checklist per contract; json: the items with spans; markdown: a memo a lawyer can paste.",
)
@ner_option
@redact_option
@limit_options
def evidence(
    files: tuple[str, ...],
    as_of: str,
    filing_date: str | None,
    contract_date: str | None,
    lender_kind: str | None,
    fmt: str,
    ner: bool,
    redact: bool,
    timeout: float,
    memory_mb: int,
) -> None:
    """The pre-litigation evidence checklist: parties, signatures, principal, delivery, rates, advance deduction,
    term, limitation and guarantee periods, jurisdiction, service address and the claimable amount, each pass /
    warn / fail / needs external evidence, with the evidence span.

    \b
    Examples:
      loanclause evidence contract.pdf --as-of 2026-01-31
      loanclause evidence contract.pdf --as-of 2026-01-31 --filing-date 2026-03-01 --output-format markdown > memo.md

    Exit codes: 0 no item fails, 1 an item fails, 2 usage error or an unreadable file.
    """
    from loanclause.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, _error_record, _expand, _redacted
    from loanclause.errors import LoanClauseError
    from loanclause.evidence import evidence_checklist, render_markdown, render_text
    from loanclause.limits import LimitedRunner, Limits

    check_dates(as_of=as_of, contract_date=contract_date, filing_date=filing_date)
    runner = LimitedRunner(Limits(timeout or None, memory_mb or None))
    failed = worst_fail = False
    records = []
    try:
        for path in _expand(files):
            try:
                report = runner.run(
                    str(path),
                    "loanclause.pipeline:analyze",
                    as_of=as_of,
                    lender_kind=lender_kind,
                    ner=ner,
                    contract_date=contract_date,
                    filing_date=filing_date,
                )
                report = _redacted(report, redact)
            except LoanClauseError as err:
                failed = True
                records.append(_error_record(path, err))
                continue
            checklist = evidence_checklist(report, as_of=as_of, filing_date=filing_date)
            worst_fail = worst_fail or checklist.worst == "fail"
            if fmt == "text":
                click.echo(render_text(checklist))
            elif fmt == "markdown":
                click.echo(render_markdown(checklist, report))
            else:
                records.append(checklist.model_dump(mode="json"))
    finally:
        runner.close()
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    sys.exit(EXIT_ERROR if failed else EXIT_FINDINGS if worst_fail else EXIT_OK)
