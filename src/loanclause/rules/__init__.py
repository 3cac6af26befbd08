"""The rule engine: one rule per code, ruff-style selection, findings with citations.

>>> import loanclause.rules as rules
>>> sorted(rules.RULES)[:2]
['LC101', 'LC102']

Families: ``LC1xx`` rates and caps (:mod:`.caps`), ``LC2xx`` missing clauses (:mod:`.missing`, whole documents
only), ``LC3xx`` consistency (:mod:`.consistency`).  See :mod:`.registry` for the decorator and selection.
"""

from __future__ import annotations

from loanclause.rules import caps, conduct, consistency, missing, template  # noqa: F401  (registers the rules)
from loanclause.rules.context import RuleContext
from loanclause.rules.registry import (
    RULES,
    Hit,
    RuleSelectorError,
    RuleSpec,
    check,
    parse_selectors,
    rule,
    select_rules,
)

__all__ = [
    "RULES",
    "Hit",
    "RuleContext",
    "RuleSelectorError",
    "RuleSpec",
    "check",
    "parse_selectors",
    "rule",
    "select_rules",
]
