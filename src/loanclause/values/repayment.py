"""Repayment method and repayment day.

=====================================================  ====================
written                                                method
=====================================================  ====================
等额本息                                                equal_installment
等额本金, 按月等额还本                                    equal_principal
先息后本, 按月付息到期还本, 按月结息、到期一次性偿还, 净息还款    interest_first
到期一次性还本付息, 一次还本付息, 利随本清                    bullet
another method stated after 还款方式 (not a placeholder)   other
=====================================================  ====================
"""

from __future__ import annotations

import re
from typing import get_args

from loanclause.models import RepaymentMethod
from loanclause.values.money import reading_text
from loanclause.values.numbers import parse_number

__all__ = ["REPAYMENT_METHODS", "find_repayment_method", "parse_repayment_day", "parse_repayment_method"]

REPAYMENT_METHODS: tuple[str, ...] = get_args(RepaymentMethod)

_METHODS: list[tuple[str, re.Pattern[str]]] = [
    ("equal_installment", re.compile(r"等额本息")),
    ("equal_principal", re.compile(r"等额本金|等额还本")),
    (
        "interest_first",
        re.compile(
            r"先息后本|净息还款|按(?:月|季|季度|年)(?:付息|结息|还息)[,，、]?\s*(?:到期|期末)(?:一次性?)?(?:还本|偿还|归还)"
        ),
    ),
    (
        "bullet",
        re.compile(
            r"(?:到期)?一次性?(?:还本付息|偿还本息|归还本息|还清本息)|利随本清|本息一次性?(?:偿还|还清|结清)"
        ),
    ),
]


def find_repayment_method(text: str) -> tuple[str, int, int] | None:
    """``(method, start, end)`` of the first repayment-method phrase in ``text``."""
    t = reading_text(text)
    best: tuple[str, int, int] | None = None
    for name, rx in _METHODS:
        m = rx.search(t)
        if m and (best is None or m.start() < best[1]):
            best = (name, m.start(), m.end())
    if best:
        return best
    m = re.search(r"还款方式\s*(?:为|是|[:：])\s*(?P<v>[^\s,，;；。$]{2,})", t)
    if m and "${" not in m.group("v") and not m.group("v").startswith("$"):
        return ("other", m.start("v"), m.end("v"))
    return None


def parse_repayment_method(text: str) -> RepaymentMethod | None:
    """等额本息 → ``equal_installment``, 等额本金 → ``equal_principal``, 先息后本 / 按月付息到期还本 →
    ``interest_first``, 到期一次性还本付息 / 利随本清 → ``bullet``, another stated method → ``other``."""
    found = find_repayment_method(text)
    return found[0] if found else None  # type: ignore[return-value]


def parse_repayment_day(text: str) -> int | None:
    """``每月20日`` / ``每月的20号`` / ``每月二十日`` → 20 (1–31); placeholders and others → None."""
    t = reading_text(text)
    m = re.search(r"每(?:个)?月(?:的)?\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]", t)
    if not m:
        return None
    n = parse_number(m.group("d"))
    if n is None or not 1 <= n <= 31:
        return None
    return int(n)
