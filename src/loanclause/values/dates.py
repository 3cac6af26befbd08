"""Dates (``2023年5月1日``, ``二〇二三年五月一日``, ``2023-05-01``, ``2023.5.1``, ``2023/5/1``) and durations
(``12个月``, ``一年``, ``90天``, ``壹年``, ``半年``, ``3年``, ``1年零3个月``).

A date that does not exist (``2023年2月30日``) is not read.  Years outside 1900–2199 are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loanclause.models import Duration
from loanclause.values.money import reading_text
from loanclause.values.numbers import normalize_width, parse_number
from loanclause.values.spans import SpanSet

__all__ = [
    "DateMatch",
    "DurationMatch",
    "add_months",
    "find_dates",
    "find_durations",
    "parse_date",
    "parse_duration",
]

_CN_DIGIT = "零〇○一二两三四五六七八九十"
_YEAR_CN = r"[零〇○一二三四五六七八九]{4}"
_SMALL = rf"(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})"

_CN_DATE_RE = re.compile(rf"(?P<y>\d{{4}}|{_YEAR_CN})\s*年\s*(?P<m>{_SMALL})\s*月\s*(?P<d>{_SMALL})\s*[日号]")
_NUM_DATE_RE = re.compile(
    r"(?<![\d.])(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d])"
)


@dataclass(frozen=True)
class DateMatch:
    value: date
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class DurationMatch:
    value: Duration
    start: int
    end: int


def add_months(d: date, months: int) -> date:
    """``d`` + ``months`` calendar months, the day clamped to the month's end (2024-01-31 + 1 → 2024-02-29): how
    contracts count a term and due dates ("每月31日" falls on the last day of shorter months)."""
    import calendar

    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _int(s: str) -> int | None:
    n = parse_number(s)
    if n is None or n != n.to_integral_value():
        return None
    return int(n)


def _make_date(y: str, m: str, d: str) -> date | None:
    yi, mi, di = _int(y), _int(m), _int(d)
    if yi is None or mi is None or di is None or not 1900 <= yi <= 2199:
        return None
    try:
        return date(yi, mi, di)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every calendar date in ``text``, with offsets into ``text``."""
    t = reading_text(text)
    out: list[DateMatch] = []
    taken = SpanSet()
    for rx in (_CN_DATE_RE, _NUM_DATE_RE):
        for m in rx.finditer(t):
            if taken.overlaps(m.start(), m.end()):
                continue
            v = _make_date(m.group("y"), m.group("m"), m.group("d"))
            if v is not None:
                out.append(DateMatch(v, text[m.start() : m.end()], m.start(), m.end()))
                taken.add(m.start(), m.end())
    out.sort(key=lambda x: x.start)
    return out


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    found = find_dates(text)
    return found[0].value if found else None


_DUR_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN_DIGIT}壹贰叁肆伍陆柒捌玖拾两]{{1,4}})"
_DURATION_RE = re.compile(
    rf"(?<![\d.{_CN_DIGIT}壹贰叁肆伍陆柒捌玖拾])"
    rf"(?:(?P<y>{_DUR_NUM}|半)\s*(?:个)?\s*年(?P<half>半)?(?:零|又)?)?"
    rf"(?:(?P<mo>{_DUR_NUM}|半)\s*个\s*月)?"
    rf"(?:(?P<d>{_DUR_NUM})\s*(?:天|个自然日|自然日|个工作日|工作日))?"
)


def _duration_from(m: re.Match[str], text: str) -> Duration | None:
    months = 0
    days = None
    have = False
    if m.group("y"):
        y = m.group("y")
        years = 0.5 if y == "半" else _int(y)
        if years is None or years > 50:
            return None
        months += int(years * 12)
        if m.group("half"):
            months += 6
        have = True
    mo = m.group("mo")
    if mo:
        n = 0.5 if mo == "半" else _int(mo)
        if n is None:
            return None
        if n == 0.5:
            days = 15
        else:
            months += int(n)
        have = True
    if m.group("d"):
        d = _int(m.group("d"))
        if d is None:
            return None
        days = (days or 0) + d
        have = True
    if not have:
        return None
    has_months = bool(m.group("y") or (mo and mo != "半"))
    return Duration(months=months if has_months else None, days=days, text=text)


def find_durations(text: str) -> list[DurationMatch]:
    """Every duration (``12个月``, ``一年``, ``90天``, ``半年``) in ``text``.  ``2015年`` is a year, not a duration."""
    t = reading_text(text)
    out = []
    for m in _DURATION_RE.finditer(t):
        if m.end() == m.start():
            continue
        if m.group("y") and re.match(r"\s*\d", t[m.end() : m.end() + 2]):
            continue  # 2015年9月: a date
        dur = _duration_from(m, text[m.start() : m.end()])
        if dur is not None:
            out.append(DurationMatch(dur, m.start(), m.end()))
    return out


def parse_duration(text: str) -> Duration | None:
    """The first duration in ``text``: ``12个月`` → months 12; ``90天`` → days 90; ``壹年`` → months 12."""
    found = find_durations(text)
    if found:
        return found[0].value
    m = re.fullmatch(rf"\s*(?P<d>{_DUR_NUM})\s*日\s*", normalize_width(text))  # 90日, only standing alone
    if m:
        d = _int(m.group("d"))
        if d is not None:
            return Duration(days=d, text=text)
    return None
