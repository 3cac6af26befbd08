"""When the period a rate is charged for begins: before the loan fell due (the loan's own interest) or after it
(overdue interest).

Judgments and statements of claim rarely call a charge 逾期利息.  They write "支付自2018年6月22日起至款清之日止按月
利率2%计算的利息" or "从起诉之日起按年利率6%支付资金占用利息", and whether that is interest for the loan period or
overdue interest depends on the day it runs from: the day after the agreed due date, the day of filing, or the
loss from holding the money past the due date (资金占用损失) make it overdue interest — the reading the courts
give it where no overdue rate was agreed (最高人民法院关于审理民间借贷案件适用法律若干问题的规定, 2015 art. 29 /
2020 art. 28: interest from the date of default at the statutory measure).  A period that starts before the due
date (from the day the money was lent) is the loan's own rate even when it runs "至实际清偿之日止".

The reading only decides between the two labels for a generic interest word (利息, 利率); an explicit 罚息 or
逾期利息 never reaches it.  Where the text gives no start or no due date the answer is None and the other cues of
the rule baseline decide.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from loanclause.values.dates import DateMatch, find_dates

__all__ = ["ChargePeriods", "due_dates", "starts_after_due"]

_D = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
#: the verbs that make a date the day the loan is due
_REPAY = r"(?:归还|还清|偿还|还款|付清|清偿|还本付息|返还|结清)"

#: ``约定于2015年6月18日偿还``, ``定于2016年1月15日还清``, ``2018年6月21日前归还``
_DUE_BY_RE = re.compile(
    rf"(?P<d>{_D})\s*(?P<before>前|以前|之前)?\s*(?:止)?\s*(?:全部|一次性)?"
    rf"{_REPAY}"
)
#: ``借款期限自2016年4月23日至2016年10月30日止``, ``借期为2014年6月8日至2014年12月7日``
_TERM_RANGE_RE = re.compile(
    rf"(?:借款|还款|借|使用|贷款)?期(?:限|间)?\s*(?:为|是|:)?\s*(?:自|从)?\s*{_D}\s*(?:起)?\s*(?:至|到|-|—|~)\s*"
    rf"(?P<d>{_D})"
)
#: ``还款期限为2012年11月21日``, ``到期日为…``
_DUE_NAMED_RE = re.compile(
    rf"(?:还款期限|还款日期|到期日|借款到期日|最后还款日)\s*(?:为|是|:|至)?\s*(?P<d>{_D})"
)

#: ``约定同年12月10日前归还``: the year is the one of the date before
_SAME_YEAR_DUE_RE = re.compile(
    r"同年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]\s*(?P<before>前|以前|之前)?\s*(?:全部|一次性)?"
    rf"{_REPAY}"
)
#: ``约定借款期限至2015年底还清``, ``2016年年底前归还``: the last day of that year
_DUE_YEAR_END_RE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?:年)?(?:底|末)\s*(?P<before>前|以前|之前)?\s*(?:全部|一次性)?"
    rf"{_REPAY}"
    r"|期(?:限)?\s*(?:为|是)?\s*(?:至|到)\s*(?P<y2>\d{4})\s*年\s*(?:年)?(?:底|末)"
)
#: the claim names its period in the comma segment after the figure: ``按年利息6%计息,从起诉之日起至实际付款日的利息``
_PERIOD_AFTER_RE = re.compile(r"\s*(?:从|自)[^\d%‰,;。]{0,30}?起[^\d%‰,;。]{0,20}?(?:的)?(?:利息|资金占用)")
#: the period runs from the default itself: ``从逾期之日起``, ``自到期之日起``, ``借款期满后``
_FROM_DEFAULT_RE = re.compile(
    r"(?:自|从)\s*(?:借款)?(?:逾期|到期|期满|期限届满)(?:之日|日|后|的次日|之次日)?\s*起"
)
#: the period runs from the day the money was lent (从借款之日起, 自放款之日起): the loan's own rate, whatever the
#: period's end
_FROM_LENDING_RE = re.compile(
    r"(?:自|从)\s*(?:借款|借款发放|放款|出借|借款交付|款项交付|实际借款|实际放款|借款到账|款项到账)(?:之日|日|当日|当天)\s*起"
)
#: the period runs from the day of filing
_FROM_FILING_RE = re.compile(
    r"(?:起诉|立案|诉讼|起诉日|起诉时|起诉之日|立案之日)(?:之日|日|时)?\s*(?:\([^)]{0,16}\))?\s*起"
)
#: the loss from holding the money past the due date
_USE_OF_FUNDS_RE = re.compile(
    r"(?:资金|款项)占用(?:期间)?的?(?:利息|损失)|占用(?:资金|款项)(?:期间)?的?(?:利息|损失)"
)
#: ``自2014年1月13日起``, ``从2015年10月1日起``, ``2018年6月22日起至``
_FROM_DATE_RE = re.compile(rf"(?:(?:自|从)\s*(?P<a>{_D})\s*(?:起|开始)?|(?P<b>{_D})\s*(?:起|开始))")
#: the claim item a figure belongs to ends here: a sentence, a numbered item (1、 2. 二、), a semicolon
_TERM_WORD_RE = re.compile(r"期限\s*(?:为|是|:)?\s*$|借期\s*(?:为|是|:)?\s*$")
_ITEM_END = re.compile(r"[。;]|(?<![\d.])\d{1,2}\s*[、.](?!\d)|[一二三四五六七八九十]、")

_REACH = 80


def due_dates(t: str, dates: list[DateMatch]) -> list[date]:
    """Every due date the text states (``t`` is the reading text, ``dates`` its dates by start offset); a due
    date written ``同年12月10日`` takes the year of the last full date before it; "before X" (X前归还) makes the day
    before X the last day of the term."""
    by_start = {d.start: d.value for d in dates}
    out = []
    for rx in (_DUE_BY_RE, _TERM_RANGE_RE, _DUE_NAMED_RE):
        for m in rx.finditer(t):
            d = by_start.get(m.start("d"))
            if d is not None:
                out.append(_last_day(d, m))
    for m in _DUE_YEAR_END_RE.finditer(t):
        year = int(m.group("y") or m.group("y2"))
        if 1900 < year < 2200:
            out.append(_last_day(date(year, 12, 31), m))
    ends = [d.end for d in dates]  # find_dates gives them in text order
    for m in _SAME_YEAR_DUE_RE.finditer(t):
        k = bisect.bisect_right(ends, m.start())
        if k:
            try:
                d = date(dates[k - 1].value.year, int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            out.append(_last_day(d, m))
    return out


def _last_day(d: date, m: re.Match[str]) -> date:
    """``2015年6月18日前归还``: repaid *before* that day, so the day itself is the first day of default."""
    if "before" in m.re.groupindex and m.group("before"):
        return d - timedelta(days=1)
    return d


def _item(t: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _REACH)
    left = [m.end() for m in _ITEM_END.finditer(t, lo, start)]
    hi = min(len(t), end + _REACH)
    right = _ITEM_END.search(t, end, hi)
    return (left[-1] if left else lo), (right.start() if right else hi)


def starts_after_due(t: str, dates: list[DateMatch], due: list[date], start: int, end: int) -> bool | None:
    """True when the rate at ``[start, end)`` is charged from the due date or later (or from filing, or for the
    use of the money past the due date); False when its period starts before every due date the text states;
    None when the text does not say."""
    lo, hi = _item(t, start, end)
    # the period is named in the figure's own comma segment or the one before it (自…起至…止, 按月利率2%计算):
    # a later segment (…, 则从逾期之日起按…1.5倍) speaks of another figure
    left = t[lo:start]
    cut = left.rfind(",", 0, max(0, left.rfind(",")))
    lo = lo + cut + 1 if cut >= 0 else lo
    right = t[end:hi]
    if "," in right:
        cut = right.find(",")
        after = _PERIOD_AFTER_RE.match(right, cut + 1)
        hi = end + (after.end() if after else cut)
    item_left, item_right = t[lo:start], t[end:hi]
    if _FROM_FILING_RE.search(item_left) or _FROM_FILING_RE.search(item_right):
        return True
    if _FROM_DEFAULT_RE.search(item_left) or _FROM_DEFAULT_RE.search(item_right):
        return True
    if _USE_OF_FUNDS_RE.search(item_right) or _USE_OF_FUNDS_RE.search(item_left[-12:]):
        return True
    if _FROM_LENDING_RE.search(item_left) or _FROM_LENDING_RE.search(item_right):
        return False
    if not due:
        return None
    by_start = {d.start: d.value for d in dates}
    found: list[tuple[int, date]] = []
    for m in _FROM_DATE_RE.finditer(t, lo, hi):
        if _TERM_WORD_RE.search(t, max(0, m.start() - 6), m.start()):
            continue  # 借款期限为自…至…: the loan's term, not the period a charge runs for
        g = "a" if m.group("a") else "b"
        d = by_start.get(m.start(g))
        if d is not None:
            found.append((min(abs(m.end() - start), abs(m.start() - end)), d))
    if not found:
        return None
    begins = min(found)[1]
    if begins > max(due):
        return True
    if begins < min(due):
        return False
    return None  # from the due date itself: the last day of the term or the first of the default


class ChargePeriods:
    """``starts_after_due`` for one text, its dates and due dates found once, on the first question."""

    def __init__(self, text: str, t: str) -> None:
        self.text, self.t = text, t
        self._dates: list[DateMatch] | None = None
        self._due: list[date] = []

    def starts_after_due(self, start: int, end: int) -> bool | None:
        if self._dates is None:
            self._dates = find_dates(self.text)
            self._due = due_dates(self.t, self._dates)
        return starts_after_due(self.t, self._dates, self._due, start, end)
