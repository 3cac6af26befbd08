"""Options shared by several commands, defined once so that their spelling and help never drift apart."""

from __future__ import annotations

import click

__all__ = ["ner_option"]

ner_option = click.option(
    "--ner/--no-ner",
    default=True,
    show_default=True,
    help="Read the clauses with the shipped NER model beside the rules (--no-ner: the rules alone, faster).",
)
