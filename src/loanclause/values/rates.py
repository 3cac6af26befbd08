"""Interest-rate expressions, as contracts and judgments write them.

Absolute rates (a fraction per period):

========================================  ==========================================================
written                                   read as
========================================  ==========================================================
年利率6%, 年息6%, 14.4%年, 12%/年          0.06 (0.144, 0.12) per year
月利率1.5%, 月息8.4‰, 月千分之8.4          per month
日利率万分之五, 每日万分之二点一, 0.6%/日      per day; 日万分之五 = 0.0005
百分之X / 千分之X / 万分之X, %, ‰, ‱        /100, /1000, /10000
月息2分, 月息2分4厘, 一分五, 月利率3.5分       分 = 1% and 厘 = 0.1% per month
年息1分, 年利1分                           分 = 10% and 厘 = 1% per year
日息1分                                   分 = 0.1% and 厘 = 0.01% per day
每元每月1分, 月息1毛                        money units per yuan: 分 = 0.01, 厘 = 0.001, 毛/角 = 0.1
========================================  ==========================================================

The period comes from a word before the number (年利率, 月息, 每日, 按日 …, nearest one wins), a unit after it
(``%年``, ``/月``, ``每日``), or a formula around it (``×0.05%×逾期天数`` is per day, ``×18%×天数/365`` and
``×14%÷360×224天`` are per year on a 365/360-day basis).  A rate with no stated period (``利率8.1%``,
``利息2分``) keeps ``period=None`` and ``annual=None``: it is never annualised by guesswork.  (For 分/厘 the
size depends on the period, so such a rate also has ``value=None``.)

A spread over a benchmark (``LPR+3%``, ``基准利率加177个基点``) is relative to ``"benchmark"`` with no multiplier.

Relative rates: ``上浮50%`` / ``加收50%`` / ``提高50%`` (×1.5), ``下浮10%`` (×0.9), ``1.5倍`` / ``四倍`` (×N),
``贷款利率150%`` (×1.5).  With their base in the same phrase (``14.4%年利率上浮50%``, ``月息11.781‰的1.5倍``,
``年利率百分之六的四倍``, ``7.572%×150%``) they are resolved at once; otherwise ``value=None``, ``multiplier``
set and ``relative_to`` says against what: ``"interest_rate"`` (借款利率, 原利率, 合同利率) or ``"benchmark"``
(基准利率, 人民银行, LPR, 银行同期利率 — whose value the text does not give).  ``resolve_relative`` applies a
relative rate to a base rate.

Annualising: month ×12, day ×365, or ×360 where the text states 日利率=年利率/360 (``basis_days=360``).
Values are ``Decimal`` quantized to 1e-8.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from loanclause.models import Rate
from loanclause.values.money import reading_text, scan_money
from loanclause.values.numbers import normalize_width, parse_number, plausible, tidy
from loanclause.values.spans import SpanSet

__all__ = [
    "RateMatch",
    "annualise",
    "find_rates",
    "label_line_above",
    "parse_rate",
    "resolve_relative",
    "scan_rates",
    "states_360_day_basis",
]

Period = Literal["day", "month", "year"]

_Q = Decimal("1e-8")
_PERIOD_FACTOR = {"month": 12, "year": 1}


def _q(d: Decimal) -> Decimal:
    return tidy(d, _Q)


def annualise(value: Decimal | None, period: str | None, basis_days: int = 365) -> Decimal | None:
    """A per-period fraction as a fraction per year; None when the value or the period is unknown."""
    if value is None or period is None:
        return None
    if period == "day":
        return _q(value * basis_days)
    return _q(value * _PERIOD_FACTOR[period])


@dataclass(frozen=True)
class RateMatch:
    """One rate mention with everything the span finder needs to judge it.

    ``kind``: ``absolute`` (a value, perhaps with no period), ``relative`` (a multiplier on another rate),
    ``range`` (``30%-50%``, ``6% — 24%``: never one rate) or ``garbled`` (``3％0``: a number we cannot read).
    ``unit`` is the notation (``%``, ``‰``, ``‱``, ``分``), used to carry a period stated once to another figure
    written the same way in the same text."""

    start: int
    end: int
    text: str
    kind: Literal["absolute", "relative", "range", "garbled"]
    value: Decimal | None = None
    period: Period | None = None
    basis_days: int = 365
    unit: str = "%"
    multiplier: Decimal | None = None
    relative_to: str | None = None
    base_value: Decimal | None = None
    base: RateMatch | None = None  # for a rate built on a base in the same phrase: that base figure
    period_from: str | None = None  # prefix / suffix / formula / inherited / per_sum

    @property
    def annual(self) -> Decimal | None:
        return annualise(self.value, self.period, self.basis_days)

    def to_rate(self) -> Rate:
        return Rate(
            value=None if self.value is None else _q(self.value),
            period=self.period,
            annual=self.annual,
            basis_days=self.basis_days,
            text=self.text,
            relative_to=self.relative_to if self.kind == "relative" else None,
            multiplier=None if self.multiplier is None else _q(self.multiplier),
            start=self.start,
            end=self.end,
        )


# ------------------------------------------------------------------------------------------- patterns

#: a figure starts where a digit run starts: matching from inside a run would backtrack over all of it
_AR = r"(?<![\d.])\d+(?:\.\d+)?"
_CN = r"[零〇一二两俩三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+(?:[点點][零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]+)?"
_NUM = rf"(?:{_AR}|{_CN})"
_FEN_NUM = r"(?:(?<![\d.])\d+(?:\.\d+)?|[一二两俩三四五六七八九十壹贰叁肆伍陆柒捌玖拾半])"
_ONE_DIGIT = r"(?:\d|[一二三四五六七八九壹贰叁肆伍陆柒捌玖])"
_STOP = ",;。；，\n!?！？"

_RANGE_RE = re.compile(rf"(?P<a>{_AR})\s*(?:%|‰)?\s*(?:[-—–~～]+|至|到)\s*(?P<b>{_AR})\s*(?:%|‰)(?!\d)")
_REL_VERB_RE = re.compile(
    rf"(?P<verb>上浮|上调|加收|加付|加计|提高|罚收|下浮|下调|浮动系数为?)了?(?:利息|利率)?\s*"
    rf"(?:(?P<n>{_AR})\s*%|百分之(?P<cn>{_NUM}))(?![\d%])"
)
_TIMES_RE = re.compile(rf"(?P<n>{_NUM})倍")
_SPREAD_RE = re.compile(
    rf"(?:LPR|基准利率|报价利率|基准)\s*(?:\)|）)?\s*(?:[+＋]|加)\s*(?:(?P<n>{_AR})\s*%|(?P<bp>{_AR})\s*个?基点)"
)
_RATE_PCT_MULT_RE = re.compile(rf"(?:利率|利息)的?\s*(?P<n>{_AR})\s*%(?!\d)|[×*]\s*(?P<n2>{_AR})\s*%(?!\d)")
#: 万分之五, and judgments' 万分五 / 千分三 (之 left out); not 两千分三期 (a count of thousands before 分)
_FRAC_RE = re.compile(rf"(?<![零〇一二两三四五六七八九十百千万\d])(?P<k>百|千|万)分之?\s*(?P<n>{_NUM})")
_PCT_RE = re.compile(rf"(?P<n>{_AR})\s*(?P<sym>%|‰|‱|个点(?![数位]))(?P<garble>\d)?")
#: interest as yuan per sum lent per period, as IOUs write it: 每万元每天5元 = 0.05 % a day, 每百元每月2元 = 2 % a month,
#: 1万元每天500元的利息 = 5 % a day (one unit of the sum, not 11万元 or 十一万元)
_PER_SUM_RE = re.compile(
    rf"(?:每\s*|(?<![\d.零〇一二两三四五六七八九十百千万])(?:1|一)\s*(?=[万千百]\s*元\s*(?:每|一)))"
    rf"(?P<base>万|千|百)\s*元\s*(?:每|一)?\s*(?P<p>天|日|月|年)\s*(?:的?利息|计息|付息|收取|支付)?\s*(?:为|是)?"
    rf"\s*(?P<n>{_AR}|{_CN})\s*元"
)
_FEN_RE = re.compile(
    # 分支 (a branch) is no rate, but 月息2分支付利息 is
    rf"(?P<fen>{_FEN_NUM})分(?:(?P<li>{_ONE_DIGIT})厘?|(?![之期别钟为配行摊成笔开布散享红担岁数析手])(?!支(?!付)))"
    rf"|(?P<li_only>{_FEN_NUM})厘"
    rf"|(?P<mao>{_FEN_NUM})[毛角](?![钱])"
)
_FEN_CONTEXT_LEFT = re.compile(r"[息利]|每元")
_FEN_CONTEXT_RIGHT = re.compile(r"^\s*(?:的)?(?:利息|息|利)")

_YEAR_WORD = r"(?<![\d])年(?:化|息|利|费率|[^\d,;:。\s年月日天]{0,4}利率)|每年|按年"
_MONTH_WORD = r"(?<![\d])月(?:息|利|费率|[^\d,;:。\s年月日天]{0,4}利率)|每月|按月"
_DAY_WORD = (
    r"(?<![\d])日(?:息|利|费率|[^\d,;:。\s年月日天]{0,4}利率)|每日|每天|按日|按天|逐日|每逾期一?[日天]"
)
_PERIOD_WORD_RE = re.compile(rf"(?P<year>{_YEAR_WORD})|(?P<month>{_MONTH_WORD})|(?P<day>{_DAY_WORD})")
_ADJ_PERIOD_RE = re.compile(r"(?<![\d个])(?P<p>[年月日])\s*(?:的)?\s*$")
#: a unit after the figure: 12%/年, 0.05%每日, 14.4%年利率; 按2%的月息 / 按3%的年利率 (the period noun after 的)
_SUFFIX_RE = re.compile(
    r"^\s*(?:元)?\s*(?:/|每)\s*(?P<p>年|月|日|天)|^(?P<p2>年)(?!底|末|初|内|间|月|\d)"
    r"|^\s*的\s*(?P<p3>年|月|日)(?=利率|息|利息|化利率)"
)
_DAY_BASIS_RE = re.compile(r"日利率\s*[=＝]\s*年利率\s*[/÷]\s*360")
_BENCHMARK_RE = re.compile(r"基准|人民银行|央行|同期|同档次|同类|报价利率|LPR|国家规定|银行.{0,6}利率")

_PERIOD_OF = {"年": "year", "月": "month", "日": "day", "天": "day"}
_FRAC_DIV = {"百": 100, "千": 1000, "万": 10000}
_SYM_DIV = {"%": 100, "‰": 1000, "‱": 10000, "个点": 100}
# 分/厘 size per period; money units per yuan where 每元 is written
_FEN_SIZE: dict[str | None, tuple[Decimal, Decimal]] = {
    "year": (Decimal("0.1"), Decimal("0.01")),
    "month": (Decimal("0.01"), Decimal("0.001")),
    "day": (Decimal("0.001"), Decimal("0.0001")),
    "per_yuan": (Decimal("0.01"), Decimal("0.001")),
}


def states_360_day_basis(text: str) -> bool:
    """True when the text fixes 日利率 = 年利率/360 (then daily rates are annualised ×360)."""
    return bool(_DAY_BASIS_RE.search(normalize_width(text)))


def _window_left(t: str, start: int, floor: int, width: int = 20) -> str:
    """The text before ``start`` back to the nearest stop punctuation, the floor, or ``width`` characters."""
    lo = max(floor, start - width)
    seg = t[lo:start]
    cut = max(seg.rfind(ch) for ch in _STOP)
    if cut >= 0:
        # 每逾期一日，按… : the daily unit is stated before the comma
        before = seg[:cut]
        if re.search(r"每逾期一?[日天]\s*$", before):
            return seg
        seg = seg[cut + 1 :]
    return seg


_BANK_RATE_RE = re.compile(r"(?:固定|浮动)利率\s*(?:为)?\s*$")


_LABEL_LINE_MAX = 16
_HEADING_NO_RE = re.compile(
    r"第\s*[一二三四五六七八九十百零〇\d]+\s*[条章节款]|[一二三四五六七八九十]+\s*[、.]|[(（]"
)


def label_line_above(t: str, pos: int) -> str | None:
    """The line just above ``pos`` when ``pos`` starts a line and that line is a field label: short, without a
    figure or a sentence end (a table cell or a form field that the PDF gives as its own line: 年化利率 / 7.2%).
    A clause heading (第五条 违约金) titles a clause; it does not label one figure."""
    if pos <= 0 or t[pos - 1] != "\n":
        return None
    # look back no further than a label can be long (a text of one endless line stays linear)
    floor = max(0, pos - 2 - 4 * _LABEL_LINE_MAX)
    begin = t.rfind("\n", floor, pos - 1) + 1
    if begin == 0 and floor > 0:
        return None
    line = t[begin : pos - 1].strip()
    if not line or len(line) > _LABEL_LINE_MAX or re.search(r"[\d。;:%]", line) or _HEADING_NO_RE.match(line):
        return None
    return line


def _label_period(t: str, start: int) -> Period | None:
    """The period the label line above names, for a figure that (nearly) starts its line."""
    line_start = t.rfind("\n", max(0, start - 12), start) + 1
    if not line_start or len(t[line_start:start].strip()) > 6:
        return None
    label = label_line_above(t, line_start)
    return _prefix_period(label) if label else None


def _prefix_period(window: str) -> Period | None:
    if _BANK_RATE_RE.search(window):
        return "year"  # 固定利率7.995%: a bank's fixed / floating rate is quoted per year
    m = _ADJ_PERIOD_RE.search(window)
    if m:
        return _PERIOD_OF[m.group("p")]  # type: ignore[return-value]
    last = None
    for m in _PERIOD_WORD_RE.finditer(window):
        last = m
    if last is None:
        return None
    return "year" if last.group("year") else "month" if last.group("month") else "day"


def _formula_period(t: str, start: int, end: int) -> tuple[Period | None, int | None]:
    """Period from a computation around the figure: ``×0.05%×逾期天数`` (day), ``×18%×天数/365`` (year)."""
    right = t[end : end + 40]
    right = re.split(r"[,;。；，\n]", right, maxsplit=1)[0]
    left = t[max(0, start - 12) : start]
    in_product = bool(re.search(r"[×*xX]\s*$", left)) or bool(re.match(r"^\s*[×*]", right))
    if not in_product:
        return None, None
    m = re.search(r"[÷/]\s*(360|365)", right)
    if m:
        return "year", int(m.group(1))
    if re.match(r"^\s*[×*][^÷/]*?(?:天数|\d+\s*天)", right):
        return "day", None
    return None, None


def _number(s: str) -> Decimal | None:
    return parse_number(s)


def scan_rates(text: str) -> list[RateMatch]:
    """Every rate mention in ``text``, in order, with offsets into ``text``.

    Ranges and garbled figures are returned too (``kind``) so that a caller can see them and stay silent."""
    t = reading_text(text)
    basis360 = bool(_DAY_BASIS_RE.search(t))
    money_spans = SpanSet((m.start, m.end) for m in scan_money(text))
    taken = SpanSet()
    atoms: list[RateMatch] = []

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    def add(m: RateMatch) -> None:
        atoms.append(m)
        taken.add(m.start, m.end)

    for m in _RANGE_RE.finditer(t):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is not None and b is not None and a < b:
            add(RateMatch(m.start(), m.end(), text[m.start() : m.end()], "range"))

    # LPR+3%, 基准利率加177个基点: a spread over a benchmark the text does not give
    for m in _SPREAD_RE.finditer(t):
        s = m.start("n") if m.group("n") else m.start("bp")
        add(RateMatch(s, m.end(), text[s : m.end()], "relative", relative_to="benchmark"))

    for m in _REL_VERB_RE.finditer(t):
        if not free(m.start(), m.end()):
            continue
        lead = t[max(0, m.start() - 6) : m.start()]
        if re.search(r"(?:本金|金额|总额|本息|欠款|余额)$", lead):
            continue  # 按借款总额加收2%: a rate of an amount, not of a rate
        if re.match(r"至|到", t[m.end("verb") : m.end("verb") + 1]):
            continue  # 提高至25%: the new rate itself
        n = _number(m.group("n") or m.group("cn") or "")
        if n is None:
            continue
        frac = n / 100
        mult = 1 - frac if m.group("verb") in ("下浮", "下调") else 1 + frac
        add(_relative(text, t, m.start(), m.end(), mult))

    for m in _TIMES_RE.finditer(t):
        if not free(m.start(), m.end()):
            continue
        n = _number(m.group("n"))
        if n is None or n <= 0:
            continue
        add(_relative(text, t, m.start(), m.end(), n))

    for m in _RATE_PCT_MULT_RE.finditer(t):
        g = "n" if m.group("n") else "n2"
        n = _number(m.group(g))
        s = m.start(g)
        if n is None or n < 100 or not free(s, m.end()):
            continue
        add(_relative(text, t, s, m.end(), n / 100))

    for m in _PER_SUM_RE.finditer(t):
        n = _number(m.group("n"))
        if n is None or not free(m.start(), m.end()):
            continue
        add(
            RateMatch(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                "absolute",
                value=n / _FRAC_DIV[m.group("base")],
                period=_PERIOD_OF[m.group("p")],  # type: ignore[arg-type]
                unit="%",
                period_from="per_sum",
            )
        )

    for m in _FRAC_RE.finditer(t):
        if not free(m.start(), m.end()):
            continue
        n = _number(m.group("n"))
        if n is None:
            continue
        add(
            RateMatch(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                "absolute",
                value=n / _FRAC_DIV[m.group("k")],
                unit={"百": "%", "千": "‰", "万": "‱"}[m.group("k")],
            )
        )

    for m in _PCT_RE.finditer(t):
        s, e = m.start(), m.end("sym")
        figure = _number(m.group("n"))
        if figure is None or not free(s, e):
            continue
        if t[max(0, s - 1) : s] in ("$", "{") or money_spans.overlaps(s, e):
            continue
        if m.group("garble"):
            add(RateMatch(s, m.end(), text[s : m.end()], "garbled"))
            continue
        add(
            RateMatch(
                s,
                e,
                text[s:e],
                "absolute",
                value=figure / _SYM_DIV[m.group("sym")],
                unit="%" if m.group("sym") == "个点" else m.group("sym"),
            )
        )

    for m in _FEN_RE.finditer(t):
        s, e = m.start(), m.end()
        if not free(s, e) or money_spans.overlaps(s, e):
            continue
        left = _window_left(t, s, 0, 8)
        if not (_FEN_CONTEXT_LEFT.search(left) or _FEN_CONTEXT_RIGHT.match(t[e : e + 4])):
            continue
        fen = _number(m.group("fen")) if m.group("fen") else Decimal(0)
        if m.group("fen") == "半":
            fen = Decimal("0.5")
        li = _number(m.group("li") or m.group("li_only") or "0")
        mao = _number(m.group("mao")) if m.group("mao") else None
        if fen is None or li is None:
            continue
        per_yuan = "每元" in left
        period = _prefix_period(left)
        if m.group("mao"):
            value = None if mao is None or not (per_yuan or period == "month") else mao / 10
        else:
            size = _FEN_SIZE.get("per_yuan" if per_yuan else period)
            value = None if size is None else fen * size[0] + li * size[1]
        if per_yuan and period is None:
            period = "month" if "月" in left else None
        add(
            RateMatch(
                s,
                e,
                text[s:e],
                "absolute",
                value=value,
                period=period,
                unit="分",
                period_from="prefix" if period else None,
            )
        )

    atoms.sort(key=lambda a: a.start)
    ends = sorted(a.end for a in atoms)
    atoms = [_with_period(t, a, ends, basis360) for a in atoms]
    atoms = _compose(t, text, atoms)
    return _same_figure_period(atoms)


def _same_figure_period(atoms: list[RateMatch]) -> list[RateMatch]:
    """A figure written again without its period (``以11.781‰计算 … 按月息11.781‰的1.5倍``) takes the period
    the text gives that same figure elsewhere, when it gives exactly one."""
    known: dict[tuple[Decimal, str], set[str]] = {}
    for a in atoms:
        if a.kind == "absolute" and a.period and a.unit != "分":
            base = a.base_value if a.base_value is not None else a.value
            if base is not None:
                known.setdefault((base.normalize(), a.unit), set()).add(a.period)
    out = []
    for a in atoms:
        base = a.base_value if a.base_value is not None else a.value
        if a.kind == "absolute" and a.period is None and base is not None and a.unit != "分":
            periods = known.get((base.normalize(), a.unit), set())
            if len(periods) == 1:
                a = replace(a, period=next(iter(periods)), period_from="same_figure")
        out.append(a)
    return out


def _relative(text: str, t: str, s: int, e: int, mult: Decimal) -> RateMatch:
    window = t[max(0, s - 24) : s]
    window = re.split(r"[;。；\n]", window)[-1]
    rel_to = "benchmark" if _BENCHMARK_RE.search(window) else "interest_rate"
    return RateMatch(s, e, text[s:e], "relative", multiplier=mult, relative_to=rel_to)


def _with_period(t: str, a: RateMatch, ends: list[int], basis360: bool) -> RateMatch:
    """``ends``: the sorted end offsets of all rate mentions; the period words are read back to the last one."""
    if a.kind != "absolute" or a.unit == "分" or a.period_from == "per_sum":
        return a
    i = bisect.bisect_right(ends, a.start)
    prev_end = ends[i - 1] if i else 0
    left = _window_left(t, a.start, prev_end)
    period, source, basis = _prefix_period(left), "prefix", a.basis_days
    m = _SUFFIX_RE.match(t[a.end : a.end + 6])
    if m and m.group("p3") and period is not None:
        m = None  # 月利率1%的年利率…: the period word before the figure is its own
    if m:
        period, source = _PERIOD_OF[m.group("p") or m.group("p2") or m.group("p3")], "suffix"  # type: ignore[assignment]
    fp, fbasis = _formula_period(t, a.start, a.end)
    if fp is not None and (period is None or fbasis is not None):
        period, source = fp, "formula"
        if fbasis:
            basis = fbasis
    if period is None and (period := _label_period(t, a.start)) is not None:
        source = "label"  # 年化利率 / 7.2%: the period word is on the label's line
    if period == "day" and basis360:
        basis = 360
    if period is None:
        source = None
    return replace(a, period=period, period_from=source, basis_days=basis)


#: what may stand between a rate and the relative rate applied to it: 14.4%年利率上浮50%, 月息11.781‰的1.5倍,
#: judgments' 按月利率8.4‰计算并加付30%罚息
_JOIN_BASE_REL = re.compile(
    r"^\s*(?:年|月|日)?(?:[^\d,;:。]{0,2}利率)?\s*(?:的|之)?\s*(?:基础上|基础|水平上|水平)?\s*(?:[×*xX])?\s*"
    r"(?:(?:计算|计息)?\s*并|(?:计算|计息)?\s*再)?\s*$"
)
_JOIN_REL_REL = re.compile(r"^\s*(?:后|之后)?\s*再?\s*$")


def _compose(t: str, text: str, atoms: list[RateMatch]) -> list[RateMatch]:
    """Join a rate and the relative rate right after it (``14.4%年利率上浮50%`` → 0.216) and chains of relative
    rates (``上浮20%后再上浮50%`` → ×1.8)."""
    out: list[RateMatch] = []
    for a in atoms:
        if out and a.kind == "relative":
            prev = out[-1]
            gap = t[prev.end : a.start]
            if (
                prev.kind == "absolute"
                and prev.value is not None
                and a.multiplier is not None
                and plausible(prev.value * a.multiplier) is not None
                and _JOIN_BASE_REL.match(gap)
            ):
                out[-1] = replace(
                    prev,
                    end=a.end,
                    text=text[prev.start : a.end],
                    value=prev.value * a.multiplier,
                    multiplier=a.multiplier,
                    base_value=prev.value,
                    base=prev,
                )
                continue
            if (
                prev.kind == "relative"
                and prev.multiplier is not None
                and a.multiplier is not None
                and plausible(prev.multiplier * a.multiplier) is not None
                and _JOIN_REL_REL.match(gap)
            ):
                out[-1] = replace(
                    prev, end=a.end, text=text[prev.start : a.end], multiplier=prev.multiplier * a.multiplier
                )
                continue
        out.append(a)
    return out


def find_rates(text: str) -> list[Rate]:
    """Every readable rate in ``text`` as ``Rate`` (ranges and garbled figures left out), offsets into ``text``."""
    return [m.to_rate() for m in scan_rates(text) if m.kind in ("absolute", "relative")]


def resolve_relative(rate: Rate, base: Rate) -> Rate:
    """Apply a relative rate (``multiplier``) to ``base``: 上浮50% of 年利率6% → 年利率9%."""
    if rate.multiplier is None or base.value is None:
        return rate
    value = _q(base.value * rate.multiplier)
    return rate.model_copy(
        update={
            "value": value,
            "period": base.period,
            "basis_days": base.basis_days,
            "annual": annualise(value, base.period, base.basis_days),
        }
    )


def parse_rate(text: str, *, base: Rate | None = None) -> Rate | None:
    """The first rate in ``text`` (``月利率1.5%`` → 0.015/month, annual 0.18).  A relative rate
    (``按借款利率上浮50%``) is resolved against ``base`` when one is given."""
    for m in scan_rates(text):
        if m.kind == "absolute":
            return m.to_rate()
        if m.kind == "relative":
            r = m.to_rate()
            if base is not None and m.relative_to == "interest_rate":
                return resolve_relative(r, base)
            return r
    return None
