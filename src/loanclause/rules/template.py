"""LC209: a figure that a template leaves blank (``____``, ``【 】``, ``${rate}``, ``{{amount}}``).

A template linter must tell a blank from a missing clause: "年利率为____%" has an interest clause, so LC203 stays
silent, but a contract signed with the blank unfilled has no agreed rate (between natural persons no interest can
be claimed, SPC private-lending provisions Art. 24) or no agreed amount or term.  So the blank is reported where it
is, naming the term it leaves open, once per blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loanclause.law import citation
from loanclause.rules.context import RuleContext
from loanclause.rules.registry import Hit, rule

__all__ = ["PLACEHOLDER_RE"]

#: blanks as templates write them: underscores, empty brackets, template-engine variables
PLACEHOLDER_RE = re.compile(
    r"_{2,}|＿{2,}|【[\s\u3000]*】|\[[\s\u3000]*\]|［[\s\u3000]*］|（[\s\u3000]{2,}）|\([\s\u3000]{2,}\)"
    r"|\$\{[^{}\n]{0,60}\}|\{\{[^{}\n]{0,60}\}\}|#\{[^{}\n]{0,60}\}"
)

# what the blank stands for, read from the words just before it (or right after it for units)
_FIELDS: tuple[tuple[str, str, str, re.Pattern[str]], ...] = (
    (
        "overdue",
        "逾期利率/罚息",
        "the overdue (default) rate",
        re.compile(r"(?:罚息|逾期)[^，。；,;]{0,10}$"),
    ),
    ("penalty", "违约金", "the penalty (违约金)", re.compile(r"违约金[^，。；,;]{0,10}$")),
    (
        "fee",
        "费用",
        "a fee",
        re.compile(r"(?:服务费|管理费|手续费|咨询费|审核费|费率)[^，。；,;]{0,10}$"),
    ),
    (
        "interest",
        "利率",
        "the interest rate",
        re.compile(r"(?:年利率|月利率|日利率|利率|年化|月息|年息|日息)[^，。；,;]{0,10}$"),
    ),
    (
        "principal",
        "借款金额",
        "the loan amount",
        re.compile(r"(?:借款金额|借款本金|出借金额|贷款金额|借款数额|本金)[^，。；,;]{0,10}$"),
    ),
    ("term", "借款期限", "the term", re.compile(r"(?:借款期限|贷款期限|期限)[^，。；,;]{0,10}$")),
)
_RATE_UNIT_RE = re.compile(r"^\s*(?:%|％|‰|‱)")


@rule(code="LC209", title="Rate, amount or term left blank", severity="info", citation_key="civil_code:668")
def left_blank(ctx: RuleContext) -> Iterator[Hit]:
    """A rate, amount or term left blank in a template (____, 【 】, ${x}, {{x}}): the clause exists, the figure does not."""
    text = ctx.report.text
    for m in PLACEHOLDER_RE.finditer(text):
        before = text[max(0, m.start() - 14) : m.start()]
        field = next(((k, zh, en) for k, zh, en, rx in _FIELDS if rx.search(before)), None)
        if field is None:
            continue
        kind, zh, en = field
        if kind in ("principal", "term") and _RATE_UNIT_RE.match(text[m.end() : m.end() + 2]):
            continue  # "本金的____%": a rate of the principal, read as a penalty or fee elsewhere
        consequence_zh = (
            "签署时仍未填写的，视为对该项没有约定（自然人之间借贷未约定利息的，出借人不得主张利息）"
            if kind == "interest"
            else "签署时仍未填写的，该项视为没有约定"
        )
        consequence_en = (
            "left blank at signing, there is no agreement on it (between natural persons, no interest can then be "
            "claimed)"
            if kind == "interest"
            else "left blank at signing, there is no agreement on it"
        )
        yield Hit(
            f"{zh}留空（模板占位符“{m.group(0)}”）：条款存在但未填写数值，{consequence_zh}",
            f"{en[0].upper() + en[1:]} is left blank (template placeholder “{m.group(0)}”): the clause is there, the "
            f"figure is not; {consequence_en}.",
            m.start(),
            m.end(),
            citation=citation("spc_pl_current:24") if kind == "interest" else None,
        )
