"""LC3xx: the contract contradicting itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from loanclause.law._fmt import money
from loanclause.rules.context import RuleContext
from loanclause.rules.registry import Hit, rule

__all__: list[str] = []

# what may stand between an amount in words and the same amount in figures: 壹拾万元整（小写：¥100,000.00）
_GAP_RE = re.compile(r"^(?:[\s（()\[\]［］【】:：,，、]|大写|小写|即|计|人民币|RMB|金额|为)*$")
_MAX_GAP = 12


@rule(
    code="LC301",
    title="Amount in words differs from amount in figures",
    severity="error",
    citation_key="civil_code:668",
)
def words_vs_figures(ctx: RuleContext) -> Iterator[Hit]:
    """An amount written in words (大写) next to figures (小写) that say a different sum."""
    try:
        from loanclause.values.money import parse_money_pair, scan_money
    except ImportError:  # pragma: no cover - the values package is part of loanclause
        return
    text = ctx.report.text
    found = scan_money(text)
    for a, b in pairwise(found):
        if a.kind == b.kind:
            continue
        gap = text[a.end : b.start]
        if len(gap) > _MAX_GAP or not _GAP_RE.match(gap):
            continue
        words, figures = parse_money_pair(text[a.start : b.end])  # re-parse the pair on its own
        if words is None or figures is None or words.amount == figures.amount:
            continue
        if words.currency != figures.currency:
            continue
        yield Hit(
            f"大写金额“{words.text}”（{money(words.amount)}元）与小写金额“{figures.text}”（{money(figures.amount)}元）"
            "不一致：借款数额约定不明，应核实实际约定并结合出借事实（转账记录等）认定",
            f"The amount in words “{words.text}” ({money(words.amount)}) differs from the figures "
            f"“{figures.text}” ({money(figures.amount)}): the amount is unclear; check what was agreed against the "
            "evidence of payment (transfer records).",
            a.start,
            b.end,
        )
