"""Options shared by several commands, defined once so that their spelling and help never drift apart."""

from __future__ import annotations

import click

__all__ = ["case_options", "check_dates", "limit_options", "ner_option", "redact_option"]

ner_option = click.option(
    "--ner/--no-ner",
    default=True,
    show_default=True,
    help="Read the clauses with the shipped NER model beside the rules (--no-ner: the rules alone, faster).",
)


def limit_options(func):  # type: ignore[no-untyped-def]
    """``--timeout`` and ``--memory-mb`` for the single-file commands, with scan's defaults."""
    from loanclause.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S

    func = click.option(
        "--memory-mb",
        type=click.IntRange(min=0),
        default=DEFAULT_MEMORY_MB,
        show_default=True,
        help="Memory limit per file in MB; a file that needs more fails with memory_limit (0: none).",
    )(func)
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIMEOUT_S,
        show_default=True,
        help="Seconds per file; a file still running is stopped and fails with timeout (0 with --memory-mb 0: "
        "no limits, analysed in this process).",
    )(func)


def case_options(func):  # type: ignore[no-untyped-def]
    """``--contract-date``, ``--filing-date`` and ``--lender-kind`` for the commands that write about one case
    (``evidence``, ``report``): the facts a lawyer may know better than the text.  ``check`` has its own, longer
    versions because a configuration file can set them too."""
    from loanclause.law import LENDER_KINDS

    func = click.option(
        "--lender-kind",
        type=click.Choice(LENDER_KINDS),
        default=None,
        help="Who lends (default: read from the lender's name, else private).",
    )(func)
    func = click.option("--filing-date", help="Assumed date of suit (YYYY-MM-DD).  Default: the check date.")(
        func
    )
    return click.option(
        "--contract-date", help="Formation date (YYYY-MM-DD) when the text does not state it."
    )(func)


redact_option = click.option(
    "--redact",
    is_flag=True,
    help="Mask ID, phone and account numbers and the names of natural persons in every output, character for "
    "character (offsets still hold).",
)


def check_dates(**options: str | None) -> None:
    """Refuse a date option that is not YYYY-MM-DD, naming it (``as_of="…"`` → ``--as-of``)."""
    from datetime import date

    for name, value in options.items():
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                hint = "--" + name.replace("_", "-")
                raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=hint) from None
