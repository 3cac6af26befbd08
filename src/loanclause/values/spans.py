"""A set of character spans that answers "does this overlap anything taken?" in logarithmic time.

The scanners take matches in several passes (ranges, then multipliers, then percentages …) and a later pass must
not re-read characters an earlier one took.  Comparing each match with every span taken before is quadratic,
and a garbled table with tens of thousands of figures turns that into minutes; this keeps the union of the taken
spans as sorted, disjoint intervals instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

__all__ = ["SpanSet"]


class SpanSet:
    """Half-open spans ``[start, end)``; ``overlaps`` is true when a query shares a character with any of them."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, start: int, end: int) -> bool:
        # the last merged interval starting before ``end`` is the only one that can reach past ``start``
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        # merge with every interval that shares a character with [start, end)
        lo = bisect.bisect_right(self._ends, start)
        hi = bisect.bisect_left(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def __len__(self) -> int:
        return len(self._starts)
