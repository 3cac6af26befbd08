from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.values.money import find_money, parse_money, parse_money_pair, scan_money
from loanclause.values.numbers import to_daxie

D = Decimal


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("人民币壹拾万元整（¥100,000.00）", D(100000), "CNY"),
        ("向恩平市沙湖信用合作社贷款1，560，000.00元用于购买材料", D(1560000), "CNY"),
        ("借款本金2，000，000元", D(2000000), "CNY"),
        ("贷款3，500，000.00元", D(3500000), "CNY"),
        ("发放了贷款3700万元", D(37000000), "CNY"),
        ("垫款本金8404642.57元", D("8404642.57"), "CNY"),
        ("借款共计壹十八万元", D(180000), "CNY"),
        ("尚欠本金叁拾伍万元", D(350000), "CNY"),
        ("本金人民币［叁拾伍万元整］元", D(350000), "CNY"),
        ("伍仟元零伍角", D("5000.5"), "CNY"),
        ("贰拾万零玖仟伍佰玖拾伍元肆角玖分", D("209595.49"), "CNY"),
        ("借款金额“美元壹佰万元整”", D(1000000), "USD"),
        ("发放100万美元贷款", D(1000000), "USD"),
        ("新台币10万元", D(100000), "TWD"),
        ("今借到杨某1人民币贰拾万元整，¥200000，", D(200000), "CNY"),
        ("借款人民币（大写）共计贰拾万元，小写200000.00元", D(200000), "CNY"),
        ("向原告借款50万元", D(500000), "CNY"),
    ],
)
def test_parse_money(text, amount, currency):
    m = parse_money(text)
    assert m is not None
    assert (m.amount, m.currency) == (amount, currency)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "借款10多万元",  # approximate: not read
        "每元每月1分",
        "利率为${item.rate} %",
        "借款人民币￥ ${item.loanMoney} 元",
        "借款期限12个月",
        "月息2500",  # a number without a currency or 元 is not money
    ],
)
def test_not_money(text):
    assert parse_money(text) is None


def test_anonymised_name_digit_is_not_part_of_the_figure():
    # dev-291: 张某1 + 50，000元
    found = find_money("今借张某150，000元，月息2％，1，000元，期限半年")
    assert [m.amount for m in found] == [D(50000), D(1000)]
    found = find_money("今借到张某12012年年底前还壹万柒仟伍佰元")
    assert [m.amount for m in found] == [D(17500)]


def test_figure_before_words_in_brackets():
    # dev-283: a bare figure followed by the amount in words
    found = scan_money("今借到焦某1现金60000（陆万元正），2014年5月5日到期归还")
    assert [(m.amount, m.kind) for m in found] == [(D(60000), "figures"), (D(60000), "words")]


def test_pair_agrees_and_disagrees():
    words, figures = parse_money_pair("借款金额：人民币壹拾万元整（¥100,000.00）")
    assert words is not None and figures is not None
    assert words.amount == figures.amount == D(100000)
    words, figures = parse_money_pair("人民币壹拾万元整（¥10,000.00）")
    assert words is not None and figures is not None
    assert words.amount != figures.amount
    assert parse_money_pair("借款 10000 元") == (None, parse_money("借款 10000 元"))


def test_find_money_offsets_and_order():
    text = "原告向本院提出诉讼请求：1．被告归还原告借款8万元；2．支付原告逾期利息（以年息6％计算从2015年3月12日起至起诉时利息6400元）"
    found = find_money(text)
    assert [m.amount for m in found] == [D(80000), D(6400)]
    for m in found:
        assert text[m.start : m.end] == m.text


# below one yuan the capitals have no 元 (伍角, 伍分) and are not read as money: 贰分 is also a rate (月息贰分)
amounts = st.decimals(min_value=D("1.00"), max_value=D("99999999999.99"), places=2)


def test_words_below_one_yuan_are_not_money():
    assert parse_money("月息贰分") is None


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_daxie_round_trip(x):
    words = to_daxie(x)
    m = parse_money(words)
    assert m is not None and m.amount == x and m.text == words


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_words_and_figures_pair_round_trip(x):
    text = f"借款金额为人民币{to_daxie(x)}（¥{x:,.2f}）。"
    words, figures = parse_money_pair(text)
    assert words is not None and figures is not None
    assert words.amount == figures.amount == x


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("借款10,0000元", "100000"),  # Chinese four-digit grouping
        ("1,0000元整", "10000"),
        ("2千元", "2000"),
        ("3万5千元", "35000"),
        ("1万2千元", "12000"),
    ],
)
def test_grouping_and_mixed_magnitudes_are_read_whole(text, amount):
    found = find_money(text)
    assert [m.amount for m in found] == [Decimal(amount)]
