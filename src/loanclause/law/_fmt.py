"""Formatting shared by law, rules and calc messages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["money", "pct"]

_CENT = Decimal("0.01")


def pct(rate: Decimal | None, places: int | None = None) -> str:
    """A fraction as a percentage: ``0.146`` → ``14.6%``, ``0.1825`` → ``18.25%``.

    Without ``places`` the value is rounded to two decimals and trailing zeros dropped (the way caps are usually
    written); with ``places`` exactly that many decimals are shown (``12.80%``)."""
    if rate is None:
        return "?"
    value = Decimal(rate) * 100
    if places is not None:
        return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}%"
    q = value.quantize(_CENT, rounding=ROUND_HALF_UP).normalize()
    return f"{q:f}%"


def money(amount: Decimal | None) -> str:
    """``Decimal('100000')`` → ``100,000.00``."""
    if amount is None:
        return "?"
    return f"{Decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP):,.2f}"
