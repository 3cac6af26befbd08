"""``loanclause report``: the HTML page of ``loanclause.report.html`` for one contract, or a folder of pages with an
overview for many.  Also the page writing that ``scan --html`` shares."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import click

from loanclause.cli_options import case_options, check_dates, limit_options, ner_option, redact_option

__all__ = ["page_filename", "report", "write_page"]

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def page_filename(display_name: str) -> str:
    """A file name for a contract's page inside a report folder: the contract's own name (folders and archive
    members joined by "__", anything a file system or a URL dislikes replaced), plus a short hash of the full
    name so that a/合同.pdf and b/合同.pdf never overwrite each other."""
    stem = _UNSAFE.sub("_", display_name.replace("\\", "/").replace("/", "__").replace("!", "__")).strip("._")
    digest = hashlib.sha256(display_name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{stem[:80] or 'contract'}-{digest}.html"


def write_page(destination: Path, html: str) -> None:
    """Write a page atomically: a reader (or a crash) never leaves half a page behind."""
    from loanclause.batch.export import atomic_write

    atomic_write(destination, lambda fh: fh.write(html))


def _within(path: Path, given: tuple[str, ...]) -> str:
    """The file's name relative to the folder it was found in (reports/a.pdf → a.pdf), else as given."""
    from loanclause.limits import safe_name

    for raw in given:
        root = Path(raw)
        if root.is_dir() and path.is_relative_to(root):
            return safe_name(path.relative_to(root))
    return safe_name(path)


@click.command("report")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="For one file: the page to write (default: FILE's name with .html, in the current folder).  For several "
    "files or a folder: a folder, created if needed, with one page per contract and index.html (default: "
    "loanclause-report/).",
)
@click.option(
    "--as-of",
    help="Check date (YYYY-MM-DD) the verdicts and the claimable amount are for; the page states it.  Default: "
    "today — give it, so that the same contract gives the same page tomorrow.",
)
@case_options
@click.option("--lpr-table", type=click.Path(exists=True, dir_okay=False), help="A newer one-year LPR CSV.")
@click.option(
    "--annotated-pdf",
    is_flag=True,
    help="Also write each PDF with the findings and entities highlighted on its own pages (NAME.annotated.pdf "
    "beside the page; the notes hold the code, message and citation).  Text and DOCX files get none.",
)
@click.option("--select", help="Rule codes or prefixes to run, comma-separated.  Default: all.")
@click.option("--ignore", help="Rule codes or prefixes to skip, comma-separated.")
@ner_option
@redact_option
@limit_options
def report(
    files: tuple[str, ...],
    output: str | None,
    as_of: str | None,
    contract_date: str | None,
    filing_date: str | None,
    lender_kind: str | None,
    lpr_table: str | None,
    annotated_pdf: bool,
    select: str | None,
    ignore: str | None,
    ner: bool,
    redact: bool,
    timeout: float,
    memory_mb: int,
) -> None:
    """Write a self-contained HTML report a lawyer can open, mail and print: the contract clause by clause with
    the extracted terms highlighted, every finding beside its clause with its code, message and citation, the
    terms table and the rates against the cap over time.

    \b
    Examples:
      loanclause report contract.pdf -o report.html --as-of 2026-01-31
      loanclause report contracts/ -o reports/ --as-of 2026-01-31      (one page per file + index.html)
      loanclause report iou.pdf --redact -o iou-redacted.html
      loanclause report contract.pdf -o report.html --annotated-pdf   (+ report.annotated.pdf)

    The page makes no network request (it forbids them itself) and needs no script.  A file that cannot be read
    is reported on stderr in one line and listed on the overview page; the others are still written.
    Exit codes: 0 every page written, 2 usage error or a file that could not be read.
    """
    from loanclause.cli import EXIT_ERROR, EXIT_OK, _error_record, _expand, _redacted, _State
    from loanclause.errors import LoanClauseError
    from loanclause.limits import LimitedRunner, Limits, safe_name
    from loanclause.report.html import IndexEntry, render_html, render_index
    from loanclause.rules import parse_selectors

    check_dates(as_of=as_of, contract_date=contract_date, filing_date=filing_date)
    if annotated_pdf and redact:
        raise click.BadParameter(
            "an annotated PDF keeps the original pages, which --redact cannot mask",
            param_hint="--annotated-pdf",
        )
    try:
        chosen, skipped = parse_selectors(select), parse_selectors(ignore)
    except LoanClauseError as err:
        raise click.BadParameter(str(err), param_hint="--select/--ignore") from None
    paths = _expand(files)
    single = len(paths) == 1 and not Path(files[0]).is_dir()
    if single:
        target = Path(output) if output else Path(Path(paths[0]).stem + ".html")
        if target.is_dir():
            target = target / (Path(paths[0]).stem + ".html")
        folder = target.parent
    else:
        folder = Path(output or "loanclause-report")
        if folder.exists() and not folder.is_dir():
            raise click.BadParameter(f"{folder} is a file; several contracts need a folder", param_hint="-o")
    folder.mkdir(parents=True, exist_ok=True)

    entries: list[IndexEntry] = []
    failed = 0
    runner = LimitedRunner(Limits(timeout or None, memory_mb or None))
    try:
        for path in paths:
            name = safe_name(path)
            page = target if single else folder / page_filename(_within(path, files))
            pdf_out = page.with_name(page.name.removesuffix(".html") + ".annotated.pdf")
            annotate = annotated_pdf and path.suffix.lower() == ".pdf"
            if annotate and pdf_out.resolve() == path.resolve():
                raise click.BadParameter(f"{pdf_out} would overwrite the input", param_hint="-o")
            try:
                result = runner.run(
                    str(path),
                    "loanclause.report.annotated_pdf:analyze_annotated"
                    if annotate
                    else "loanclause.pipeline:analyze",
                    lender_kind=lender_kind,
                    as_of=as_of,
                    select=chosen,
                    ignore=skipped,
                    lpr_table=lpr_table,
                    ner=ner,
                    contract_date=contract_date,
                    filing_date=filing_date,
                    **({"pdf_out": str(pdf_out)} if annotate else {}),
                )
                result = _redacted(result, redact)
            except Exception as err:  # a batch goes on; the reason is reported and listed
                if _State.debug and not isinstance(err, LoanClauseError):
                    raise
                failed += 1
                record = _error_record(path, err)
                entries.append(IndexEntry(name, None, record["error"]["code"], record["error"]["message"]))
                continue
            write_page(page, render_html(result, lpr_table=lpr_table, title=name))
            counts = tuple(
                sum(f.severity == s for f in result.findings) for s in ("error", "warning", "info")
            )
            codes = tuple(sorted({f.code for f in result.findings}))
            entries.append(IndexEntry(name, page.name, "ok", "", counts, codes))  # type: ignore[arg-type]
            if single:
                click.echo(
                    f"wrote {page}" + (f" and {pdf_out}" if pdf_out.exists() and annotate else ""), err=True
                )
    finally:
        runner.close()
    if not single:
        write_page(
            folder / "index.html", render_index(entries, title=f"loanclause report — {len(entries)} files")
        )
        click.echo(f"wrote {len(entries) - failed} pages and {folder / 'index.html'}", err=True)
    sys.exit(EXIT_ERROR if failed else EXIT_OK)
