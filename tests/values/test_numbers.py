from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.values.numbers import (
    normalize_width,
    open_fill_ins,
    parse_arabic,
    parse_chinese_number,
    parse_number,
    to_daxie,
    whole_fill_ins,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Arabic with separators, as in the real clauses
        ("1,560,000.00", D("1560000")),
        ("1，560，000.00", D("1560000")),
        ("１，５６０，０００．００", D("1560000")),
        ("3，500，000.00", D("3500000")),
        ("8404642.57", D("8404642.57")),
        ("34，987", D("34987")),
        # Chinese numerals
        ("一千二百三十四", D(1234)),
        ("两万", D(20000)),
        ("十五", D(15)),
        ("十", D(10)),
        ("〇", D(0)),
        ("零", D(0)),
        ("二点五", D("2.5")),
        ("一百零五", D(105)),
        ("一千零五十", D(1050)),
        ("二〇二三", D(2023)),
        ("一万五", D(15000)),
        ("三千五", D(3500)),
        ("一亿二千万", D(120000000)),
        ("万分之二点一"[3:], D("2.1")),
        ("一点七五", D("1.75")),
        # 大写
        ("壹拾万", D(100000)),
        ("伍仟", D(5000)),
        ("贰佰万", D(2000000)),
        ("拾", D(10)),
        ("壹十八万", D(180000)),  # irregular, as written in dev-212
        ("叁拾伍万", D(350000)),
        ("贰拾万零玖仟伍佰玖拾伍", D(209595)),
        ("壹万亿", D(10**12)),
        # mixed
        ("1.5万", D(15000)),
        ("10万", D(100000)),
        ("3700万", D(37000000)),
        ("1186万", D(11860000)),
        ("1,500万", D(15000000)),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,56,0000", "十多", "五十五十", "百千", "万分", "1.2.3"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_parse_arabic_only_arabic():
    assert parse_arabic("一万") is None
    assert parse_arabic("1,000") == D(1000)


def test_mixed_number_is_tidy():
    assert str(parse_number("1.5万")) == "15000"
    assert str(parse_chinese_number("1.25万")) == "12500"


def test_normalize_width_keeps_length():
    s = "月利率１．５％，（大写）：壹拾万元"
    assert normalize_width(s) == "月利率1.5%,(大写):壹拾万元"
    assert len(normalize_width(s)) == len(s)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("每日【0.066】%", "每日 0.066 %"),
        ("人民币【 50000 】元", "人民币  50000  元"),
        ("年利率[12%]", "年利率 12% "),
        ("〔伍万〕元", " 伍万 元"),
        ("年利率___12___%", "年利率   12   %"),
        # not a filled-in figure: left as written
        ("【借款金额】元", "【借款金额】元"),
        ("年利率[ ]%", "年利率[ ]%"),
        ("年利率____%", "年利率____%"),
        ("第【三】条【违约责任】", "第 三 条【违约责任】"),
    ],
)
def test_open_fill_ins(text, read):
    assert open_fill_ins(text) == read


@given(st.text(alphabet="【】[]〔〕_0123456789.%伍万元利率 ", max_size=40))
@settings(max_examples=300)
def test_open_fill_ins_keeps_offsets(text):
    opened = open_fill_ins(text)
    assert len(opened) == len(text)
    # only brackets and underlines ever change, and only into spaces
    assert all(a == b or (a in "【】[]〔〕_" and b == " ") for a, b in zip(text, opened, strict=True))


@pytest.mark.parametrize(
    ("text", "span", "whole"),
    [
        ("的【0.65】%/日", (2, 9), (1, 9)),  # 0.65】%/日 → 【0.65】%/日
        ("万分之【5】。", (0, 5), (0, 6)),  # 万分之【5 → 万分之【5】
        ("年利率12%", (0, 6), (0, 6)),
        ("【12】%", (0, 5), (0, 5)),
    ],
)
def test_whole_fill_ins(text, span, whole):
    assert whole_fill_ins(text, *span) == whole


@pytest.mark.parametrize(
    ("amount", "daxie"),
    [
        ("100000", "壹拾万元整"),
        ("5000.5", "伍仟元零伍角"),
        ("209595.49", "贰拾万零玖仟伍佰玖拾伍元肆角玖分"),
        ("0.05", "伍分"),
        ("0.5", "伍角"),
        ("0", "零元整"),
        ("10", "壹拾元整"),
        ("100005", "壹拾万零伍元整"),
        ("10010", "壹万零壹拾元整"),
        ("101000", "壹拾万零壹仟元整"),  # 万位 is 0: one 零 (the standard allows either)
        ("110000000", "壹亿壹仟万元整"),
        ("100010000", "壹亿零壹万元整"),
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("10.05", "壹拾元零伍分"),
        ("180000", "壹拾捌万元整"),
    ],
)
def test_to_daxie(amount, daxie):
    assert to_daxie(D(amount)) == daxie


def test_to_daxie_rejects():
    with pytest.raises(ValueError):
        to_daxie(D("-1"))
    with pytest.raises(ValueError):
        to_daxie(D("1.005"))


_LOWER = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**15))
def test_integer_round_trip_through_capitals(n):
    words = to_daxie(D(n))
    assert words.endswith("元整")
    numeral = words[:-2]
    assert parse_chinese_number(numeral) == n
    assert parse_chinese_number(numeral.translate(_LOWER)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_arabic_round_trip_with_separators(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "，")) == n
    full = f"{n:,}.00".translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789,."})
    assert parse_number(full) == n
