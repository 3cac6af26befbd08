from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.models import Duration
from loanclause.values.dates import find_dates, find_durations, parse_date, parse_duration
from loanclause.values.numbers import to_daxie
from loanclause.values.repayment import parse_repayment_day, parse_repayment_method


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2023年5月1日", date(2023, 5, 1)),
        ("二〇二三年五月一日", date(2023, 5, 1)),
        ("二〇二三年十二月三十一日", date(2023, 12, 31)),
        ("2023-05-01", date(2023, 5, 1)),
        ("2023.5.1", date(2023, 5, 1)),
        ("2023/5/1", date(2023, 5, 1)),
        ("2014年6月28日被告前往原告家", date(2014, 6, 28)),
        ("王某12014.1.16号", date(2014, 1, 16)),  # anonymised name 王某1 + 2014.1.16
        ("2013年12月31日", date(2013, 12, 31)),
        ("２０２３年５月１日", date(2023, 5, 1)),
        ("1998年4月24日到1998年10月24日", date(1998, 4, 24)),
    ],
)
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["2023年2月30日", "20002年9月30日前", "第5期", "12个月", "1.5%"])
def test_not_a_date(text):
    assert parse_date(text) is None


def test_find_dates_offsets():
    text = "借款期限自2009年4月25日起至2012年4月25日止"
    found = find_dates(text)
    assert [d.value for d in found] == [date(2009, 4, 25), date(2012, 4, 25)]
    for d in found:
        assert text[d.start : d.end] == d.text


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_date_round_trip(d):
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}.{d.month}.{d.day}") == d
    cn = "".join("〇一二三四五六七八九"[int(c)] for c in str(d.year))
    month = (
        to_daxie(d.month)[:-2]
        .replace("壹拾", "十")
        .translate(str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十"))
    )
    day = (
        to_daxie(d.day)[:-2]
        .replace("壹拾", "十")
        .translate(str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十"))
    )
    assert parse_date(f"{cn}年{month}月{day}日") == d


@pytest.mark.parametrize(
    ("text", "months", "days"),
    [
        ("借款期限12个月", 12, None),
        ("借期一年", 12, None),
        ("借款期限壹年", 12, None),
        ("借款期限半年", 6, None),
        ("借款时间为三年", 36, None),
        ("3年", 36, None),
        ("借期两个月", 2, None),
        ("约定借款期限为十个月", 10, None),
        ("1年零3个月", 15, None),
        ("一年半", 18, None),
        ("90天", None, 90),
        ("约定借款期限52天", None, 52),
        ("7个自然日", None, 7),
        ("90日", None, 90),
    ],
)
def test_parse_duration(text, months, days):
    d = parse_duration(text)
    assert d is not None
    assert (d.months, d.days) == (months, days)


@pytest.mark.parametrize("text", ["2015年9月30日", "2015年", "每月20日", "利率1.5%"])
def test_not_a_duration(text):
    assert find_durations(text) == []


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=120))
def test_duration_months_round_trip(n):
    assert parse_duration(f"借款期限{n}个月") == Duration(months=n, text=f"{n}个月")


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("还款方式：等额本息", "equal_installment"),
        ("还款方式：按月等额还本。", "equal_principal"),
        ("按等额本金方式还款", "equal_principal"),
        ("先息后本", "interest_first"),
        ("还款方式为按月结息，到期一次性偿还", "interest_first"),
        ("还款方式为净息还款（按月付息，到期一次性还本）", "interest_first"),
        ("按月付息到期还本", "interest_first"),
        ("到期一次性还本付息", "bullet"),
        ("3.一次还本付息还款法。", "bullet"),
        ("借款到期，利随本清", "bullet"),
        ("还款方式：按还款计划书", "other"),
    ],
)
def test_repayment_method(text, method):
    assert parse_repayment_method(text) == method


@pytest.mark.parametrize("text", ["还款方式：${item.bonaType}；", "按季结息", "借款用途：购车"])
def test_no_repayment_method(text):
    assert parse_repayment_method(text) is None


def test_repayment_day():
    assert parse_repayment_day("还款日为每月20日") == 20
    assert parse_repayment_day("每月的二十日还款") == 20
    assert parse_repayment_day("每月 ${repay_day!''} 日") is None
    assert parse_repayment_day("每月35日") is None
