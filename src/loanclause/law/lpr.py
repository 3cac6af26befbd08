"""The one-year Loan Prime Rate (一年期贷款市场报价利率, LPR) and which one was in force on a date.

The LPR is published monthly since 2019-08-20 by the National Interbank Funding Center under PBoC authorisation,
on the 20th (moved to the next working day when the 20th is not one).  The rate *in force on a date* is the latest
publication on or before that date; the private-lending caps take it on the day the contract was formed
(SPC private-lending provisions, current Art. 25).

The package ships ``law/data/lpr_1y.csv`` (``date,rate_percent,confirmed,source``); a newer table with the same
columns can be loaded with :func:`load_lpr_table` (CLI: ``--lpr-table FILE``).  Rates are returned as fractions
(``Decimal("0.0365")`` for 3.65 %).
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from os import PathLike
from pathlib import Path

from loanclause.law._data import caps_data, data_text
from loanclause.law.errors import LprTableError, LprUnavailableError

__all__ = [
    "LPR_FIRST_PUBLICATION",
    "LprLookup",
    "LprRow",
    "LprTable",
    "default_lpr_table",
    "load_lpr_table",
    "lpr_on",
    "parse_lpr_csv",
    "resolve_lpr_table",
]

LPR_FIRST_PUBLICATION = date.fromisoformat(str(caps_data()["lpr"]["first_publication"]))  # from caps.yaml
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LprRow:
    published: date
    rate: Decimal  # fraction: 0.0365
    confirmed: bool = True
    source: str = ""


@dataclass(frozen=True)
class LprLookup:
    """The one-year LPR in force on ``on``.

    ``stale`` is True when ``on`` falls on or after the day the next publication after the table's last row was
    due (the 20th of the following month): the table may be missing a newer rate, so the last known rate is
    used and ``note`` says so.  A date between the last row and that day is *not* stale: no newer publication
    can exist yet.  ``note`` also flags rows the table marks as unconfirmed (single source)."""

    rate: Decimal
    published: date
    stale: bool
    note: str | None
    on: date
    confirmed: bool = True
    table: str = "package"

    @property
    def percent(self) -> Decimal:
        """The rate in percent, e.g. ``Decimal("3.65")``."""
        return (self.rate * _HUNDRED).normalize()

    @property
    def note_en(self) -> str | None:
        return self.note


@dataclass(frozen=True)
class LprTable:
    """A validated LPR series, oldest first."""

    rows: tuple[LprRow, ...]
    origin: str = "package"
    _dates: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.rows:
            raise LprTableError(f"LPR table {self.origin} has no rows")
        object.__setattr__(self, "_dates", tuple(r.published for r in self.rows))

    @property
    def first(self) -> LprRow:
        return self.rows[0]

    @property
    def last(self) -> LprRow:
        return self.rows[-1]

    def next_due_after_last(self) -> date:
        """The 20th of the month after the last publication: the earliest day a newer rate could exist."""
        last = self.last.published
        year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
        return date(year, month, 20)

    def on(self, day: date | str) -> LprLookup:
        """The rate in force on ``day``: the latest publication on or before it."""
        day = _as_date(day)
        if day < LPR_FIRST_PUBLICATION:
            raise LprUnavailableError(
                f"no one-year LPR on {day}: the LPR has been published only since {LPR_FIRST_PUBLICATION} "
                "(SPC private-lending provisions Art. 25(2)); earlier contracts fall under the 2015 regime "
                "and the transition rules"
            )
        i = bisect.bisect_right(self._dates, day) - 1
        if i < 0:
            raise LprUnavailableError(
                f"no one-year LPR on {day} in LPR table {self.origin}: its first row is "
                f"{self.first.published}; use a table that covers the date"
            )
        row = self.rows[i]
        notes: list[str] = []
        stale = i == len(self.rows) - 1 and day >= self.next_due_after_last()
        if stale:
            notes.append(
                f"LPR table ends at {row.published}; {day} is after the next publication was due "
                f"({self.next_due_after_last()}), so the last known rate {_pct(row.rate)} was used and may be "
                "out of date (pass a newer table with --lpr-table / lpr_table=)"
            )
        if not row.confirmed:
            notes.append(f"the LPR of {row.published} ({_pct(row.rate)}) has a single source (unconfirmed)")
        return LprLookup(
            rate=row.rate,
            published=row.published,
            stale=stale,
            note="; ".join(notes) or None,
            on=day,
            confirmed=row.confirmed,
            table=self.origin,
        )


def _pct(rate: Decimal) -> str:
    return f"{(rate * _HUNDRED).normalize():f}%"


def _as_date(value: date | str) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    return value


def parse_lpr_csv(text: str, *, origin: str = "<text>") -> LprTable:
    """Parse LPR CSV text: header ``date,rate_percent`` and optionally ``confirmed`` (yes/no) and ``source``.

    Rows may come in any order; a date repeated with the same rate is kept once, with a different rate it is an
    error.  Rates are in percent (``3.65``) and must lie in (0, 100)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    missing = {"date", "rate_percent"} - set(fields)
    if missing:
        raise LprTableError(
            f"LPR table {origin}: missing column(s) {', '.join(sorted(missing))}; "
            "expected header 'date,rate_percent,confirmed,source'"
        )
    by_date: dict[date, LprRow] = {}
    for lineno, raw in enumerate(reader, start=2):
        row = {
            k.strip(): (v or "").strip()
            for k, v in raw.items()
            if isinstance(k, str) and isinstance(v, str | None)
        }
        if not any(row.values()):
            continue
        try:
            published = date.fromisoformat(row["date"])
        except ValueError:
            raise LprTableError(f"LPR table {origin}, line {lineno}: bad date {row['date']!r}") from None
        try:
            percent = Decimal(row["rate_percent"].rstrip("%"))
        except InvalidOperation:
            raise LprTableError(
                f"LPR table {origin}, line {lineno}: bad rate_percent {row['rate_percent']!r}"
            ) from None
        if not Decimal(0) < percent < _HUNDRED:
            raise LprTableError(
                f"LPR table {origin}, line {lineno}: rate_percent {percent} is not a percentage in (0, 100)"
            )
        confirmed = row.get("confirmed", "yes").lower() not in {"no", "n", "false", "0"}
        new = LprRow(published, percent / _HUNDRED, confirmed, row.get("source", ""))
        old = by_date.get(published)
        if old is not None and old.rate != new.rate:
            raise LprTableError(
                f"LPR table {origin}, line {lineno}: {published} appears twice with different rates "
                f"({_pct(old.rate)} and {_pct(new.rate)})"
            )
        by_date[published] = new
    if not by_date:
        raise LprTableError(f"LPR table {origin} has no rows")
    return LprTable(tuple(by_date[d] for d in sorted(by_date)), origin=origin)


def load_lpr_table(path: str | PathLike[str]) -> LprTable:
    """Read a user-supplied LPR table (same columns as the packaged ``lpr_1y.csv``).

    The table replaces the packaged one: a date before its first row cannot be looked up."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise LprTableError(f"cannot read LPR table {p}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise LprTableError(f"LPR table {p} is not UTF-8 text") from None
    return parse_lpr_csv(text, origin=str(p))


@functools.cache
def default_lpr_table() -> LprTable:
    """The packaged table (``law/data/lpr_1y.csv``), read once."""
    return parse_lpr_csv(data_text("lpr_1y.csv"), origin="package")


def resolve_lpr_table(table: LprTable | str | PathLike[str] | None) -> LprTable:
    """``None`` → the packaged table; a path → :func:`load_lpr_table`; a table → itself."""
    if table is None:
        return default_lpr_table()
    if isinstance(table, LprTable):
        return table
    return _load_cached(str(table))


@functools.lru_cache(maxsize=8)
def _load_cached(path: str) -> LprTable:
    return load_lpr_table(path)


def lpr_on(day: date | str, table: LprTable | str | PathLike[str] | None = None) -> LprLookup:
    """The one-year LPR in force on ``day`` (latest publication on or before it).

    Raises :class:`LprUnavailableError` before 2019-08-20.  After the table's last row the last rate is returned
    with ``stale=True`` and a note (see :class:`LprLookup`)."""
    return resolve_lpr_table(table).on(day)
