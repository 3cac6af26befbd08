"""``loanclause check`` (the contract linter) and ``loanclause rule`` (what a code means), in ruff's conventions.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it, or a file that could not be read
(reported as ``LC001``, as ruff reports E902); 2 a usage or configuration error.  ``--exit-zero`` makes findings
exit 0; an unreadable file whose ``LC001`` is ignored is reported on stderr and exits 2 as before.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import click

from loanclause.cli_options import check_dates, limit_options, ner_option, redact_option
from loanclause.law import LENDER_KINDS

OUTPUT_FORMATS = ["text", "json", "jsonl", "sarif", "github", "junit"]


def _existing_or_stdin(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    for v in values:
        if v != "-" and not Path(v).exists() and not Path(v).is_symlink():
            raise click.BadParameter(f"path {v!r} does not exist", ctx=ctx, param=param)
    if values.count("-") > 1:
        raise click.BadParameter("'-' (standard input) may be given once", ctx=ctx, param=param)
    return values


@click.command()
@click.argument("files", nargs=-1, required=True, callback=_existing_or_stdin)
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="text: path:page:line:col findings with the clause quoted; json/jsonl: terms and findings; sarif: SARIF "
    "2.1.0 for code scanning; github: workflow annotations; junit: JUnit XML, one test per file.",
)
@click.option(
    "--lender-kind",
    type=click.Choice(LENDER_KINDS),
    default=None,
    help="Who lends: private lending (民间借贷), a licensed financial institution, or a local financial "
    "organisation.  Default: the configuration's lender-kind, else read from the lender's name (…小额贷款有限公司 "
    "→ local_fin_org, …银行 / 消费金融 → licensed_fi), else private.",
)
@click.option(
    "--as-of",
    help="Check date (YYYY-MM-DD), used as the filing date for the transition rule.  Default: the "
    "configuration's as-of, else today (set it in CI so that verdicts do not drift day by day).",
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
@click.option(
    "--select",
    help="Rule codes or prefixes to run, comma-separated (LC1,LC301); replaces the "
    "configuration's select.  Default: all.",
)
@click.option("--extend-select", help="Codes or prefixes to run on top of select.")
@click.option(
    "--ignore", help="Codes or prefixes to skip, comma-separated (added to the configuration's ignore)."
)
@click.option("--lpr-table", type=click.Path(exists=True, dir_okay=False), help="A newer one-year LPR CSV.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Exit 1 when a finding at or above this severity is present.  Default: the configuration's fail-on, "
    "else error.",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means a usage error)."
)
@click.option(
    "--statistics", is_flag=True, help="Print the number of findings per code instead of the findings."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A loanclause.toml or pyproject.toml to use.  Default: the nearest one at or above the first file.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--terms/--no-terms",
    "show_terms",
    default=True,
    show_default=True,
    help="In text output, print the extracted terms as a table under each contract's findings.",
)
@click.option(
    "--stdin-filename",
    default="stdin.txt",
    show_default=True,
    help="The name to report for '-' (standard input); its suffix says the format (.pdf, .docx, .txt).",
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
    extend_select: str | None,
    ignore: str | None,
    lpr_table: str | None,
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    config_path: str | None,
    isolated: bool,
    show_terms: bool,
    stdin_filename: str,
    ner: bool,
    redact: bool,
    timeout: float,
    memory_mb: int,
) -> None:
    """Check contracts against the interest caps and for missing, inconsistent or one-sided clauses.

    \b
    Examples:
      loanclause check contract.pdf
      loanclause check contracts/ --output-format sarif > loanclause.sarif
      loanclause check contract.pdf --lender-kind licensed_fi --as-of 2026-01-31
      loanclause check templates/ --ignore LC2 --fail-on warning     (a template linter in CI)
      loanclause check templates/ --output-format github             (annotations in a pull request)
      loanclause check iou.pdf --contract-date 2021-06-01 --received 90000 --as-of 2026-01-31
      cat clause.txt | loanclause check - --statistics
      loanclause rule LC102                                           (what a code means)

    \b
    Settings can live in loanclause.toml or pyproject.toml ([tool.loanclause]):
      select = ["LC1", "LC3"]    ignore = ["LC204"]    extend-select = ["LC4"]
      per-file-ignores = { "drafts/*" = ["LC2"] }    per-clause-ignores = { "第十二条" = ["LC403"] }
      lender-kind = "licensed_fi"    as-of = 2026-01-31    fail-on = "warning"
    Options on the command line win over the file.  In a template, "loanclause: noqa LC403" silences those
    codes in the clause that holds it ("loanclause: noqa-file LC204": the whole file); an unused one is noted.

    Each finding names its rule code, the page, line and column, the evidence and the legal citation.  Every
    contract ends with the assumptions the verdicts rest on and the amount claimable at --as-of under the caps.
    Exit codes: 0 nothing at or above --fail-on, 1 findings or an unreadable file (LC001), 2 usage error.
    """
    from loanclause import __version__
    from loanclause.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, _error_record, _expand, _redacted, _State
    from loanclause.config import LintConfig, find_config, load_config
    from loanclause.errors import LoanClauseError
    from loanclause.limits import LimitedRunner, Limits
    from loanclause.report.findings import SEVERITY_ORDER, findings_record, render_assumptions, to_sarif
    from loanclause.report.lint import (
        UNREADABLE,
        github_unreadable,
        locate,
        render_github,
        render_junit,
        render_lint_text,
        render_statistics,
        totals_line,
    )
    from loanclause.report.terms_table import render_terms
    from loanclause.rules import parse_selectors
    from loanclause.rules.registry import is_selected
    from loanclause.suppress import apply_suppressions

    # ---- configuration: defaults < file < command line
    config = LintConfig()
    if not isolated:
        where = (
            Path(config_path)
            if config_path
            else find_config(Path(files[0]) if files[0] != "-" else Path.cwd())
        )
        if where is not None:
            try:
                config = load_config(where)
            except LoanClauseError as err:
                raise click.UsageError(str(err)) from None
    lender_kind = lender_kind or config.lender_kind
    as_of = as_of or config.as_of
    fail_on = fail_on or config.fail_on or "error"
    check_dates(as_of=as_of, contract_date=contract_date, filing_date=filing_date)
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
        cli_select = parse_selectors(select)
        chosen = cli_select if cli_select is not None else config.select
        extra = [*config.extend_select, *(parse_selectors(extend_select) or [])]
        if extra:
            chosen = [*(chosen or ["ALL"]), *extra]
        base_ignore = [*config.ignore, *(parse_selectors(ignore) or [])]
    except LoanClauseError as err:
        raise click.BadParameter(str(err), param_hint="--select/--extend-select/--ignore") from None

    # ---- the files (standard input copied to a temporary file, so that it runs under the same limits)
    stdin_dir = None
    paths: list[tuple[Path, str | None]] = []
    for raw in files:
        if raw == "-":
            stdin_dir = tempfile.TemporaryDirectory(prefix="loanclause-stdin-")
            tmp = Path(stdin_dir.name) / Path(stdin_filename).name
            tmp.write_bytes(sys.stdin.buffer.read())
            paths.append((tmp, stdin_filename))
        else:
            paths.extend((p, None) for p in _expand([raw]))

    reports = []
    records: list[dict] = []
    failed: list[tuple[str, str, str]] = []
    worst = -1
    by_severity: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    runner = LimitedRunner(Limits(timeout or None, memory_mb or None))
    report_unreadable = is_selected(UNREADABLE, chosen, base_ignore)
    try:
        for path, shown_as in paths:
            file_ignore = [*base_ignore, *config.ignores_for(shown_as or path)]
            try:
                report = runner.run(
                    str(path),
                    "loanclause.pipeline:analyze",
                    lender_kind=lender_kind,
                    as_of=as_of,
                    select=chosen,
                    ignore=file_ignore or None,
                    lpr_table=lpr_table,
                    ner=ner,
                    contract_date=contract_date,
                    filing_date=filing_date,
                    received=received_amount,
                )
                if shown_as:
                    report.source = shown_as
                report = _redacted(report, redact)
                report, unused = apply_suppressions(report, config.per_clause_ignores)
            except Exception as err:  # a batch goes on; the reason is reported
                if _State.debug and not isinstance(err, LoanClauseError):
                    raise
                record = _error_record(Path(shown_as) if shown_as else path, err)
                records.append(record)
                failed.append((record["source"], record["error"]["code"], _reason(err, record)))
                if fmt == "jsonl" and not statistics:
                    click.echo(json.dumps(record, ensure_ascii=False))
                continue
            reports.append(report)
            records.append(findings_record(report))
            if unused:
                records[-1]["unused_suppressions"] = [u.describe() for u in unused]
            for finding in report.findings:
                worst = max(worst, SEVERITY_ORDER[finding.severity])
                by_severity[finding.severity] += 1
                by_code[finding.code] += 1
            if statistics:
                continue
            if fmt == "text":
                for w in report.warnings:
                    click.echo(f"{report.source}:{w.page or 1}:1:1: note: {w.code}: {w.message}")
                block = render_lint_text(report)
                if block:
                    click.echo(block)
                for u in unused:
                    loc = locate(report, u.start)
                    where = f"{loc.page}:{loc.line}:{loc.col}" if loc else "1:1:1"
                    click.echo(f"{report.source}:{where}: note: unused suppression ({u.describe()})")
                if show_terms:
                    click.echo(render_terms(report))
                extra_lines = render_assumptions(report)
                if extra_lines:
                    click.echo(f"{report.source}:")
                    click.echo("\n".join(extra_lines))
            elif fmt == "jsonl":
                click.echo(json.dumps(records[-1], ensure_ascii=False))
            elif fmt == "github":
                for line in render_github(report):
                    click.echo(line)
    finally:
        runner.close()
        if stdin_dir is not None:
            stdin_dir.cleanup()

    if report_unreadable and failed:
        by_code[UNREADABLE] += len(failed)
        by_severity["error"] += len(failed)
    if statistics:
        click.echo(render_statistics(by_code))
    elif fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        sarif = to_sarif(reports, version=__version__, failed=failed if report_unreadable else [])
        click.echo(json.dumps(sarif, ensure_ascii=False, indent=2))
    elif fmt == "junit":
        click.echo(
            render_junit(reports, [(n, r) for n, _c, r in failed] if report_unreadable else []), nl=False
        )
    elif fmt == "github" and report_unreadable:
        for name, _code, reason in failed:
            click.echo(github_unreadable(name, reason))
    if fmt == "text" or statistics:
        if fmt == "text" and report_unreadable:
            for name, _code, reason in failed:
                click.echo(f"{name}:1:1:1: {UNREADABLE} [error] {reason}")
        click.echo(totals_line(by_severity, len(reports) + len(failed), len(failed)))

    if failed and not report_unreadable:
        sys.exit(EXIT_ERROR)
    if exit_zero:
        sys.exit(EXIT_OK)
    if failed or (fail_on != "never" and worst >= SEVERITY_ORDER[fail_on]):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _reason(err: Exception, record: dict) -> str:
    from loanclause.errors import LoanClauseError

    if isinstance(err, LoanClauseError):
        return err.reason
    return f"internal error: {record['error']['message']} [internal]"


@click.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every code with its title.")
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
def rule(code: str | None, show_all: bool, fmt: str) -> None:
    """What a rule code means: its title, severity, doc line, the cited article with its text, and an example
    that the rule flags.

    \b
    Examples:
      loanclause rule LC102
      loanclause rule --all
      loanclause rule LC401 --output-format json
    """
    from loanclause.rules.docs import rule_doc, rule_docs

    if show_all or not code:
        docs = rule_docs()
        if fmt == "json":
            click.echo(json.dumps([d.model_dump() for d in docs], ensure_ascii=False, indent=2))
        else:
            for d in docs:
                click.echo(f"{d.code}  {d.severity:<7}  {d.title}")
        return
    try:
        doc = rule_doc(code)
    except KeyError:
        import difflib

        from loanclause.rules.docs import rule_docs as _all

        codes = [d.code for d in _all()]
        near = difflib.get_close_matches(code.upper(), codes, n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(near)}?" if near else "; `loanclause rule --all` lists them"
        raise click.BadParameter(f"unknown rule {code!r}{hint}", param_hint="CODE") from None
    if fmt == "json":
        click.echo(json.dumps(doc.model_dump(), ensure_ascii=False, indent=2))
        return
    click.echo(click.style(f"{doc.code}: {doc.title}", bold=True))
    click.echo(f"severity: {doc.severity}" + ("  (whole documents only)" if doc.whole_document_only else ""))
    click.echo("")
    click.echo(doc.doc)
    click.echo("")
    click.echo(f"依据 citation: {doc.citation}")
    if doc.citation_text:
        click.echo("\n".join(f"  > {line}" for line in doc.citation_text.splitlines()))
    if doc.example:
        opts = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in doc.example_options.items())
        click.echo("")
        click.echo(f"例 example{(' (' + opts + ')') if opts else ''}:")
        click.echo("\n".join(f"  {line}" for line in doc.example.splitlines()))
