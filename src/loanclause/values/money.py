"""Money amounts: figures (``¥100,000.00``, ``3700万元``), words (``人民币壹拾万元整``) and both at once
(``人民币壹拾万元整（¥100,000.00）``, so a rule can flag words ≠ figures).

A number is money only when the text says so: a currency before it (人民币, RMB, ¥, 美元 …) or a unit after it
(元, 万元, 美元 …).  ``10多万元`` is an approximation and is not read.  In anonymised judgments a party is written
``张某1``; the digit right after ``某`` is a name index, not part of a figure (``今借张某150，000元`` lends 50,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from loanclause.models import Money
from loanclause.values.numbers import normalize_width, open_fill_ins, parse_chinese_number, parse_number
from loanclause.values.spans import SpanSet

__all__ = [
    "MoneyMatch",
    "currency_of",
    "find_money",
    "mask_name_indices",
    "parse_money",
    "parse_money_pair",
    "scan_money",
]

_CURRENCY_WORDS: dict[str, str] = {
    "人民币": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "元": "CNY",
    "圆": "CNY",
    "圓": "CNY",
    "块": "CNY",
    "美元": "USD",
    "美金": "USD",
    "USD": "USD",
    "US$": "USD",
    "新台币": "TWD",
    "新臺幣": "TWD",
    "台币": "TWD",
    "NT$": "TWD",
    "TWD": "TWD",
    "港币": "HKD",
    "港元": "HKD",
    "HKD": "HKD",
    "HK$": "HKD",
    "欧元": "EUR",
    "EUR": "EUR",
    "日元": "JPY",
    "JPY": "JPY",
    "英镑": "GBP",
    "GBP": "GBP",
}

_PREFIX_ALT = r"(?:人民币|RMB|CNY|美元|美金|USD|US\$|新台币|新臺幣|台币|NT\$|TWD|港币|港元|HKD|HK\$|欧元|EUR|日元|JPY|英镑|GBP|¥|￥)"


def _prefix(name: str) -> str:
    return f"(?P<{name}>{_PREFIX_ALT})"


_FILLER = r"(?:[\s:：]*(?:[（(\[［](?:大写|小写)[)）\]］])?[\s:：]*(?:共计|合计|现金|计)?[\s:：]*)"
# Figures with Western (100,000) or Chinese four-digit (10,0000) grouping.
_FIG = r"(?:\d{1,3}(?:[,，]\d{3})+(?!\d)|\d{1,4}(?:[,，]\d{4})+(?!\d)|\d+)(?:\.\d+)?"
# A magnitude after the figure, possibly with a lower part: 1.5万, 2千, 3万5千, 1万2千5百.
_BIG = r"(?:(?:千万|百万|十万|万|亿|千)(?:\d+(?:千|百))*)"
_UNIT = r"(?P<unit>美元|美金|港元|港币|欧元|日元|英镑|元|圆|圓|块)"
# Traditional forms too (萬 億 貳 參 陸 兩), as Taiwanese and Hong Kong contracts and older judgments write them
_CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億貳參叄陸兩"
_CN_START = "一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾貳參叄陸兩"

_FIGURES_RE = re.compile(
    rf"(?:{_prefix('cur')}{_FILLER})?(?<![\d.])(?<!\d[,，])(?P<num>{_FIG})\s*(?P<big>{_BIG})?\s*{_UNIT}"
    rf"|{_prefix('cur2')}{_FILLER}(?<![\d.])(?<!\d[,，])(?P<num2>{_FIG})(?![\d.])\s*(?P<big2>{_BIG})?"
)
_WORDS_RE = re.compile(
    rf"(?:{_prefix('cur')}{_FILLER})?(?<![\d多余几{_CN}])(?P<num>[{_CN_START}][{_CN}]*)"
    rf"(?P<unit>美元|美金|港元|港币|欧元|日元|英镑|元|圆|圓)"
    rf"(?:零?(?P<jiao>[{_CN}])角)?(?:零?(?P<fen>[{_CN}])分)?(?P<zheng>整|正)?"
)


_FIG_BEFORE_BRACKET_RE = re.compile(rf"(?<![\d.#])({_FIG})\s*[（(\[［]\s*$")
#: a figure below 10^18 with separators and decimals, spaces and the bracket fit well within this
_FIG_BEFORE_BRACKET_WIDTH = 64


@dataclass(frozen=True)
class MoneyMatch:
    """One amount found in a text: value, currency, where, and whether written in figures or in words."""

    amount: Decimal
    currency: str
    start: int
    end: int
    text: str
    kind: Literal["figures", "words"]

    def to_money(self) -> Money:
        return Money(
            amount=self.amount, currency=self.currency, text=self.text, start=self.start, end=self.end
        )


def currency_of(word: str | None, default: str = "CNY") -> str:
    return _CURRENCY_WORDS.get(word or "", default)


def mask_name_indices(text: str) -> str:
    """Replace the digit of an anonymised name (``张某1``) by ``#`` so that it is not read as part of a figure."""
    return re.sub(r"(?<=某)\d", "#", text)


def reading_text(text: str) -> str:
    """The text as every scanner reads it, one character for one (offsets stay valid): full-width forms made
    ASCII, filled-in blanks opened (``【50000】元``), the digit of an anonymised name masked.

    Clause-sized texts are cached: the rate, money and date scanners and both entity readers each ask for the same
    clause's reading.  A whole contract or a hostile megabyte is read afresh, never kept."""
    if len(text) <= _CACHED_UP_TO:
        return _cached_reading(text)
    return _reading(text)


_CACHED_UP_TO = 4000


def _reading(text: str) -> str:
    return mask_name_indices(open_fill_ins(normalize_width(text)))


_cached_reading = lru_cache(maxsize=1024)(_reading)


def _unit_currency(prefix: str | None, unit: str | None) -> str:
    if prefix and currency_of(prefix) != "CNY":
        return currency_of(prefix)
    if unit and currency_of(unit) != "CNY":
        return currency_of(unit)
    return "CNY"


def scan_money(text: str) -> list[MoneyMatch]:
    """Every amount in ``text`` (figures and words), in order, offsets into ``text``."""
    t = reading_text(text)
    found: list[MoneyMatch] = []
    taken = SpanSet()
    for m in _WORDS_RE.finditer(t):
        n = parse_chinese_number(m.group("num"))
        if n is None:
            continue
        amount = n
        if m.group("jiao"):
            j = parse_chinese_number(m.group("jiao"))
            if j is None:
                continue
            amount += j / 10
        if m.group("fen"):
            f = parse_chinese_number(m.group("fen"))
            if f is None:
                continue
            amount += f / 100
        s, e = m.start(), m.end()
        found.append(
            MoneyMatch(amount, _unit_currency(m.group("cur"), m.group("unit")), s, e, text[s:e], "words")
        )
        taken.add(s, e)
    for m in _FIGURES_RE.finditer(t):
        num = m.group("num") or m.group("num2")
        big = m.group("big") or m.group("big2")
        n = parse_number(re.sub(r"[,，]", "", num) + (big or ""))
        if n is None:
            continue
        s, e = m.start(), m.end()
        if taken.overlaps(s, e):
            continue
        cur = m.group("cur") or m.group("cur2")
        found.append(MoneyMatch(n, _unit_currency(cur, m.group("unit")), s, e, text[s:e], "figures"))
        taken.add(s, e)
    # a bare figure directly followed by the amount in words in brackets: 60000（陆万元正）
    for w in [f for f in found if f.kind == "words"]:
        # only the few characters before the bracket can hold the figure: searching all the text before each
        # amount in words would be quadratic (lookbehinds still see the characters before the window)
        m = _FIG_BEFORE_BRACKET_RE.search(t, max(0, w.start - _FIG_BEFORE_BRACKET_WIDTH), w.start)
        if m and not taken.overlaps(m.start(1), m.end(1)):
            n = parse_number(m.group(1))
            if n is not None:
                s, e = m.start(1), m.end(1)
                found.append(MoneyMatch(n, w.currency, s, e, text[s:e], "figures"))
                taken.add(s, e)
    found.sort(key=lambda x: x.start)
    return found


def find_money(text: str) -> list[Money]:
    """Every amount in ``text`` as ``Money`` with ``start``/``end`` offsets into ``text``."""
    return [m.to_money() for m in scan_money(text)]


def parse_money(text: str) -> Money | None:
    """The first amount in ``text`` (``人民币壹拾万元整（¥100,000.00）`` → 100000 CNY), or None."""
    found = scan_money(text)
    return found[0].to_money() if found else None


def parse_money_pair(text: str) -> tuple[Money | None, Money | None]:
    """``(words, figures)``: the first amount written in words and the first in figures, for a words ≠ figures
    check (``人民币壹拾万元整（¥100,000.00）`` → both 100000)."""
    found = scan_money(text)
    words = next((m.to_money() for m in found if m.kind == "words"), None)
    figures = next((m.to_money() for m in found if m.kind == "figures"), None)
    return words, figures
