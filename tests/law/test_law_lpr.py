"""The one-year LPR table and lookups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import resources

import pytest

from loanclause.law import (
    LPR_FIRST_PUBLICATION,
    LprTableError,
    LprUnavailableError,
    default_lpr_table,
    load_lpr_table,
    lpr_on,
    parse_lpr_csv,
)

# README §1.4: every rate level (first publication and the 12 changes) and its 4× cap
LEVELS = [
    ("2019-08-20", "4.25", "0.17"),
    ("2019-09-20", "4.20", "0.168"),
    ("2019-11-20", "4.15", "0.166"),
    ("2020-02-20", "4.05", "0.162"),
    ("2020-04-20", "3.85", "0.154"),
    ("2021-12-20", "3.80", "0.152"),
    ("2022-01-20", "3.70", "0.148"),
    ("2022-08-22", "3.65", "0.146"),
    ("2023-06-20", "3.55", "0.142"),
    ("2023-08-21", "3.45", "0.138"),
    ("2024-07-22", "3.35", "0.134"),
    ("2024-10-21", "3.10", "0.124"),
    ("2025-05-20", "3.00", "0.12"),
]


def test_packaged_table_is_package_data() -> None:
    text = resources.files("loanclause.law").joinpath("data", "lpr_1y.csv").read_text(encoding="utf-8")
    assert text.startswith("date,rate_percent,confirmed,source")
    table = default_lpr_table()
    assert len(table.rows) == 85
    assert table.first.published == LPR_FIRST_PUBLICATION
    assert table.last.published == date(2026, 8, 20)
    assert all(r.source for r in table.rows)
    assert default_lpr_table() is table  # read once


@pytest.mark.parametrize(("day", "percent", "cap"), LEVELS)
def test_rate_levels_and_caps(day: str, percent: str, cap: str) -> None:
    found = lpr_on(day)
    assert found.published == date.fromisoformat(day)
    assert found.percent == Decimal(percent).normalize()
    assert found.rate * 4 == Decimal(cap)
    assert not found.stale


def test_latest_publication_on_or_before() -> None:
    assert lpr_on("2023-05-01").published == date(2023, 4, 20)
    assert lpr_on("2022-08-21").percent == Decimal("3.7")  # the day before the 2022-08-22 cut
    assert lpr_on("2019-10-20").published == date(2019, 9, 20)  # October fixing moved to the 21st
    assert lpr_on(date(2021, 2, 20)).published == date(2021, 2, 20)  # a Saturday make-up working day


def test_before_the_first_publication_is_an_error() -> None:
    with pytest.raises(LprUnavailableError, match="2019-08-20"):
        lpr_on("2019-08-19")


def test_after_the_last_row_is_stale_once_a_newer_rate_could_exist() -> None:
    within = lpr_on("2026-09-19")
    assert within.published == date(2026, 8, 20) and not within.stale
    late = lpr_on("2026-12-01")
    assert late.stale and late.rate == Decimal("0.03")
    assert "out of date" in late.note and "--lpr-table" in late.note


def test_unconfirmed_rows_carry_a_note() -> None:
    assert "single source" in lpr_on("2026-08-21").note
    assert lpr_on("2026-06-30").note is None


def test_user_table(tmp_path) -> None:
    path = tmp_path / "lpr.csv"
    path.write_text(
        "date,rate_percent,confirmed,source\n2026-09-21,2.90,yes,test\n2019-08-20,4.25,yes,test\n",
        encoding="utf-8",
    )
    table = load_lpr_table(path)
    assert [r.published for r in table.rows] == [date(2019, 8, 20), date(2026, 9, 21)]  # sorted
    found = lpr_on("2026-10-01", table)
    assert found.percent == Decimal("2.9") and not found.stale and found.table == str(path)
    assert lpr_on("2026-10-01", str(path)).percent == Decimal("2.9")  # a path works too


def test_user_table_starting_late(tmp_path) -> None:
    table = parse_lpr_csv("date,rate_percent\n2026-09-21,2.90\n", origin="late.csv")
    with pytest.raises(LprUnavailableError, match="first row is 2026-09-21"):
        table.on("2025-01-01")


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("day,rate\n2020-01-01,4\n", "missing column"),
        ("date,rate_percent\n2020-13-01,4\n", "line 2: bad date"),
        ("date,rate_percent\n2020-01-20,4,1\n2020-01-21,abc\n", "line 3: bad rate_percent"),
        ("date,rate_percent\n2020-01-20,400\n", "not a percentage"),
        ("date,rate_percent\n2020-01-20,4.15\n2020-01-20,4.05\n", "appears twice"),
        ("date,rate_percent\n", "no rows"),
    ],
)
def test_bad_tables(text: str, match: str) -> None:
    with pytest.raises(LprTableError, match=match):
        parse_lpr_csv(text)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(LprTableError, match="cannot read"):
        load_lpr_table(tmp_path / "nope.csv")
