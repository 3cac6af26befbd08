"""Formatting shared by law, rules and calc messages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = ["money", "pct"]

_CENT = Decimal("0.01")
#: quantizing a 20-digit figure to the fen needs more than the default 28 digits
_WIDE = Context(prec=80, rounding=ROUND_HALF_UP)


def pct(rate: Decimal | None, places: int | None = None) -> str:
    """A fraction as a percentage: ``0.146`` → ``14.6%``, ``0.1825`` → ``18.25%``.

    Without ``places`` the value is rounded to two decimals and trailing zeros dropped (the way caps are usually
    written); with ``places`` exactly that many decimals are shown (``12.80%``)."""
    if rate is None:
        return "?"
    value = Decimal(rate) * 100
    if places is not None:
        return f"{value.quantize(Decimal(1).scaleb(-places), context=_WIDE):f}%"
    q = value.quantize(_CENT, context=_WIDE).normalize(_WIDE)
    return f"{q:f}%"


def money(amount: Decimal | None) -> str:
    """``Decimal('100000')`` → ``100,000.00``."""
    if amount is None:
        return "?"
    return f"{Decimal(amount).quantize(_CENT, context=_WIDE):,.2f}"
