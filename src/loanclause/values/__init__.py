"""Pure value parsers: numbers (Chinese numerals, 大写), money, rates, dates and durations, repayment methods.

They import nothing of the project but ``models`` and return ``Decimal`` values (never ``float``)."""

from __future__ import annotations

from loanclause.values.dates import (
    DateMatch,
    DurationMatch,
    find_dates,
    find_durations,
    parse_date,
    parse_duration,
)
from loanclause.values.money import MoneyMatch, find_money, parse_money, parse_money_pair, scan_money
from loanclause.values.numbers import (
    normalize_width,
    parse_arabic,
    parse_chinese_number,
    parse_number,
    to_daxie,
)
from loanclause.values.rates import (
    RateMatch,
    annualise,
    find_rates,
    parse_rate,
    resolve_relative,
    scan_rates,
    states_360_day_basis,
)
from loanclause.values.repayment import find_repayment_method, parse_repayment_day, parse_repayment_method

__all__ = [
    "DateMatch",
    "DurationMatch",
    "MoneyMatch",
    "RateMatch",
    "annualise",
    "find_dates",
    "find_durations",
    "find_money",
    "find_rates",
    "find_repayment_method",
    "normalize_width",
    "parse_arabic",
    "parse_chinese_number",
    "parse_date",
    "parse_duration",
    "parse_money",
    "parse_money_pair",
    "parse_number",
    "parse_rate",
    "parse_repayment_day",
    "parse_repayment_method",
    "resolve_relative",
    "scan_money",
    "scan_rates",
    "states_360_day_basis",
    "to_daxie",
]
