"""Property tests (issue 13, fuzzing): the value parsers, the segmenter, ``normalize`` and the whole text pipeline
take any string without an undocumented exception, and the round trips that exist hold.

Inputs are biased to the domain: strings over a contract alphabet (借款利率年月日万分之元壹贰叁…第条（）、。％‰),
domain tokens glued together, fully random text, and real clauses from ``data/eval/clauses_dev.jsonl`` with
random insertions.  Every test runs 200 derandomised examples (``derandomize=True``), so CI sees the same inputs on
every run; ``scripts/fuzz_ingest.py`` is the long-running, file-level counterpart.

Tests that fail because of a known fuzz finding are marked ``xfail(raises=<the finding's exception>)``; the
regression test that pins the finding is in ``test_regressions.py``.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import loanclause
from loanclause.errors import EmptyInputError, LoanClauseError
from loanclause.ingest import document_from_text, normalize_chars, to_simplified
from loanclause.ingest.normalize import is_cjk, is_cjk_or_fullwidth, strip_invisible
from loanclause.models import Clause, Duration, Money, Rate
from loanclause.segment import clause_kinds, segment_text
from loanclause.values import (
    annualise,
    find_dates,
    find_durations,
    find_money,
    find_rates,
    find_repayment_method,
    normalize_width,
    parse_arabic,
    parse_chinese_number,
    parse_date,
    parse_duration,
    parse_money,
    parse_money_pair,
    parse_number,
    parse_rate,
    parse_repayment_day,
    parse_repayment_method,
    resolve_relative,
    scan_money,
    scan_rates,
    states_360_day_basis,
    to_daxie,
)
from loanclause.values.repayment import REPAYMENT_METHODS

ROOT = Path(__file__).resolve().parents[2]

# ----------------------------------------------------------------------------------------------- strategies

#: every property test: quick, no deadline (the first call imports a lot), and the same examples on every run
FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,  # one exception per failing test, so that ``xfail(raises=...)`` can match it
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _load_snippets() -> list[str]:
    out: list[str] = []
    try:
        with open(ROOT / "data" / "eval" / "clauses_dev.jsonl", encoding="utf-8") as fh:
            out = [json.loads(line)["text"] for line in fh if line.strip()]
    except (OSError, ValueError, KeyError):
        pass
    return out or [
        "第一条 借款金额：人民币壹拾万元整（¥100,000.00）。",
        "第二条 借款年利率为24%，按月付息，到期还本。",
        "逾期利息按日万分之五计算，违约金为借款本金的30%。",
        "借款期限自2023年5月1日起至2024年4月30日止，共12个月。",
    ]


SNIPPETS = _load_snippets()

CONTRACT_ALPHABET = (
    "借款贷利率息年月日号天期限万分之元圆整角分厘毛壹贰叁肆伍陆柒捌玖拾佰仟万亿零〇两"
    "一二三四五六七八九十百千第条章款项（）()【】[]、。，,：:；;％%‰‱.．·-/"
    "0123456789０１２３４５６７８９¥￥人民币美元RMB甲乙丙方出借人本金逾期违约服务费管理"
    "每按上浮下浮加收倍LPR基准利随清等额本息先后还到一次性签字盖章某"
    " \u3000\n\t\f"
)

DOMAIN_TOKENS = [
    *(
        "第一条",
        "第二十三条",
        "第一百零一条",
        "第一章",
        "一、",
        "（一）",
        "（十二）",
        "(3)",
        "1.",
        "2.1",
        "3.2.1",
    ),
    *("①", "甲方：", "乙方（借款人）：", "出借人：", "借款金额", "人民币", "壹拾万元整", "¥100,000.00"),
    *("1,560,000.00元", "10,0000元", "3700万元", "1.5万元", "年利率", "月利率", "日利率", "年息", "月息2分"),
    *("一分五", "24%", "8.4‰", "万分之五", "千分之一", "百分之三十六", "上浮50%", "四倍", "1.5倍", "LPR"),
    *("基准利率", "×天数/365", "/360", "2023年5月1日", "二〇二三年五月一日", "2023-05-01", "2023.5.1"),
    *(
        "12个月",
        "一年",
        "90天",
        "半年",
        "1年零3个月",
        "等额本息",
        "先息后本",
        "到期一次性还本付息",
        "每月20日",
    ),
    *("逾期", "违约金", "服务费", "砍头息", "张某1", "签字（盖章）：", "。", "，", "\n"),
]

#: short strings over the contract alphabet
contract_chars = st.text(alphabet=CONTRACT_ALPHABET, max_size=80)

#: domain tokens glued together with bits of the alphabet in between
token_text = st.lists(st.sampled_from(DOMAIN_TOKENS) | contract_chars, max_size=14).map("".join)

#: anything at all (hypothesis leaves out surrogates)
any_text = st.text(max_size=200)


@st.composite
def snippet_text(draw: st.DrawFn) -> str:
    """Real clauses, concatenated, with random strings inserted at random places."""
    parts = draw(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=4))
    text = draw(st.sampled_from(["\n", "", "。", "\n\n"])).join(parts)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        insert = draw(st.one_of(st.sampled_from(DOMAIN_TOKENS), contract_chars, st.text(max_size=8)))
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + insert + text[at:]
    return text


#: what every "any input" property runs on
texts = st.one_of(contract_chars, token_text, any_text, snippet_text())

#: domain tokens with figures of any size (up to 40 digits, which is beyond Decimal's 28-digit context)
huge_figures = st.integers(min_value=0, max_value=10**40).map(str) | st.decimals(
    min_value=0, max_value=10**40, places=3
).map(str)
huge_rate = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(
            ["年利率", "月利率", "日利率", "日利率万分之", "月息", "按日", "年化", "上浮", "借款金额"]
        ),
        huge_figures,
        st.sampled_from(["%", "‰", "‱", "分", "厘", "倍", "元", "万元", ""]),
    ),
)
huge_text = st.lists(st.sampled_from(DOMAIN_TOKENS) | huge_figures | huge_rate, max_size=10).map("".join)


def _in(text: str, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and 0 <= start <= end <= len(text)


# ----------------------------------------------------------------------------------------------- numbers


@FUZZ
@given(texts)
def test_number_parsers_take_any_string(text):
    for parse in (parse_number, parse_arabic, parse_chinese_number):
        value = parse(text)
        assert value is None or (isinstance(value, Decimal) and value.is_finite())
    assert len(normalize_width(text)) == len(text)


def _without_odd_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdecimal() or not ch.isdigit())


@FUZZ
@given(texts.map(_without_odd_digits))
def test_number_parsers_take_any_string_but_odd_digits(text):
    """The property above without the known finding's characters (² ① …), so it keeps checking the rest."""
    for parse in (parse_number, parse_arabic, parse_chinese_number):
        value = parse(text)
        assert value is None or (isinstance(value, Decimal) and value.is_finite())


@FUZZ
@given(st.integers(min_value=1, max_value=10**16), st.integers(min_value=0, max_value=99))
def test_daxie_round_trips_through_money_parser(yuan, cents):
    """(Amounts below one yuan are not read as money on purpose: 月息贰分 is a rate.)"""
    amount = Decimal(yuan) + Decimal(cents) / 100
    words = to_daxie(amount)
    found = parse_money(words)
    assert found is not None and found.amount == amount and found.text == words


@FUZZ
@given(st.decimals(allow_nan=True, allow_infinity=True) | st.integers() | st.text(max_size=12))
def test_to_daxie_raises_only_value_error(amount):
    """Documented: ValueError for negative amounts or more than two decimals (and for what is not a number)."""
    try:
        words = to_daxie(amount)
    except (ValueError, ArithmeticError):  # decimal.InvalidOperation is both
        return
    assert words.endswith(("整", "角", "分"))


@FUZZ
@given(st.decimals(min_value=0, max_value=10**12, places=4))
def test_plain_and_separated_figures_round_trip(x):
    assert parse_number(str(x)) == x
    assert parse_arabic(f"{x:,}") == x
    assert parse_number(f"{x:,}".replace(",", "，")) == x


@FUZZ
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
def test_figure_with_chinese_unit(n, unit):
    assert parse_number(f"{n}{unit}") == n * (10**4 if unit == "万" else 10**8)


# ----------------------------------------------------------------------------------------------- money


@FUZZ
@given(texts)
def test_money_parsers_take_any_string(text):
    matches = scan_money(text)
    for m in matches:
        assert _in(text, m.start, m.end) and text[m.start : m.end] == m.text
        assert m.amount.is_finite() and m.kind in ("figures", "words")
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    assert all(isinstance(m, Money) for m in find_money(text))
    first = parse_money(text)
    assert first is None or first.amount == matches[0].amount
    words, figures = parse_money_pair(text)
    assert words is None or words.amount in {m.amount for m in matches if m.kind == "words"}
    assert figures is None or figures.amount in {m.amount for m in matches if m.kind == "figures"}


figures_amounts = st.decimals(min_value=Decimal("1.00"), max_value=Decimal("9999999999.99"), places=2)


@FUZZ
@given(
    figures_amounts,
    st.sampled_from(["¥{:,.2f}", "￥{:,.2f}", "人民币{:,.2f}元", "{:,.2f}元", "RMB {:.2f}", "{:.2f}元"]),
    token_text,
    token_text,
)
def test_money_in_figures_found_in_any_context(x, template, before, after):
    """figures → text → parse: an amount between two full stops is read, whatever surrounds it."""
    written = template.format(x)
    text = f"{before}。{written}。{after}"
    start = len(before) + 1
    assert any(m.amount == x and m.start == start for m in scan_money(text)), scan_money(text)


@FUZZ
@given(figures_amounts)
def test_money_words_and_figures_pair_round_trip(x):
    words, figures = parse_money_pair(f"借款金额为人民币{to_daxie(x)}（¥{x:,.2f}）。")
    assert words is not None and figures is not None
    assert words.amount == figures.amount == x


# ----------------------------------------------------------------------------------------------- rates


@FUZZ
@given(texts)
def test_rate_parsers_take_any_string(text):
    for m in scan_rates(text):
        assert _in(text, m.start, m.end)
    for r in find_rates(text):
        assert isinstance(r, Rate) and _in(text, r.start, r.end)
        assert r.period in (None, "day", "month", "year")
        assert r.value is None or r.value.is_finite()
        if r.period is None:
            assert r.annual is None  # never annualised by guesswork
    assert isinstance(states_360_day_basis(text), bool)
    base = Rate(value=Decimal("0.06"), period="year", annual=Decimal("0.06"), text="年利率6%")
    for b in (None, base):
        r = parse_rate(text, base=b)
        assert r is None or isinstance(r, Rate)


@FUZZ
@given(texts.filter(lambda t: len(t) < 120))
def test_rate_parsers_on_domain_tokens_only(text):
    """The same on short strings of rate words and figures, where the rate grammar is actually exercised."""
    find_rates(text)
    parse_rate(text)


@FUZZ
@given(huge_text)
def test_rate_parsers_take_huge_figures(text):
    for r in find_rates(text):
        assert r.value is None or r.value.is_finite()
    parse_rate(text)


@FUZZ
@given(huge_text)
def test_money_and_number_parsers_take_huge_figures(text):
    for m in scan_money(text):
        assert m.amount.is_finite() and m.amount >= 0
    find_dates(text)
    find_durations(text)


percent = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99.99"), places=2)


@FUZZ
@given(percent, st.sampled_from([("年利率", "year", 1), ("月利率", "month", 12), ("年息", "year", 1)]))
def test_percent_rate_round_trip(p, word_period):
    word, period, per_year = word_period
    r = parse_rate(f"借款{word}为{p}%。")
    assert r is not None and r.period == period
    assert r.value == p / 100
    assert r.annual == annualise(p / 100, period)
    assert r.annual == p * per_year / 100


@FUZZ
@given(st.integers(min_value=1, max_value=99))
def test_per_mille_and_per_ten_thousand_daily_rates(n):
    r = parse_rate(f"逾期利息按日万分之{n}计算")
    assert r is not None and r.period == "day" and r.value == Decimal(n) / 10000
    assert r.annual == Decimal(n) * 365 / 10000
    r = parse_rate(f"日利率{n}‰")
    assert r is not None and r.period == "day" and r.value == Decimal(n) / 1000


@FUZZ
@given(percent, st.integers(min_value=1, max_value=200))
def test_relative_rate_resolves_against_base(p, up):
    base = parse_rate(f"年利率{p}%")
    assert base is not None
    rel = parse_rate(f"按借款利率上浮{up}%", base=base)
    assert rel is not None and rel.value is not None
    assert abs(rel.value - p / 100 * (1 + Decimal(up) / 100)) < Decimal("1e-8")
    assert resolve_relative(rel, base).period == "year"


# ----------------------------------------------------------------------------------------------- dates


@FUZZ
@given(texts)
def test_date_and_duration_parsers_take_any_string(text):
    for m in find_dates(text):
        assert _in(text, m.start, m.end) and text[m.start : m.end] == m.text
        assert date(1900, 1, 1) <= m.value <= date(2199, 12, 31)
    d = parse_date(text)
    assert d is None or isinstance(d, date)
    for m in find_durations(text):
        assert _in(text, m.start, m.end) and m.start < m.end
        assert isinstance(m.value, Duration)
    dur = parse_duration(text)
    assert dur is None or isinstance(dur, Duration)


_CN = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    """1..31 the way dates write them: 五, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("" if tens == 1 else _CN[tens]) + "十") + (_CN[ones] if ones else "")


@FUZZ
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)), token_text, token_text)
def test_date_round_trips(d, before, after):
    for written in (
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}年{d.month:02d}月{d.day:02d}号",
        f"{d.year}-{d.month:02d}-{d.day:02d}",
        f"{d.year}/{d.month}/{d.day}",
        "".join(_CN[int(c)] for c in str(d.year)) + f"年{_cn_small(d.month)}月{_cn_small(d.day)}日",
    ):
        assert parse_date(written) == d, written
        text = f"{before}。{written}。{after}"
        assert any(m.value == d and m.start == len(before) + 1 for m in find_dates(text)), (text, written)


@FUZZ
@given(st.integers(min_value=1, max_value=600), st.sampled_from(["个月", "天", "年"]))
def test_duration_round_trip(n, unit):
    if unit == "年":
        n = n % 50 + 1  # more than 50 years is not read as a loan term, on purpose
    dur = parse_duration(f"借款期限为{n}{unit}")
    assert dur is not None
    if unit == "个月":
        assert dur.months == n
    elif unit == "年":
        assert dur.months == 12 * n
    else:
        assert dur.days == n


# ----------------------------------------------------------------------------------------------- repayment


@FUZZ
@given(texts)
def test_repayment_parsers_take_any_string(text):
    found = find_repayment_method(text)
    if found is not None:
        method, start, end = found
        assert method in REPAYMENT_METHODS and _in(text, start, end)
    assert parse_repayment_method(text) in (None, *REPAYMENT_METHODS)
    day = parse_repayment_day(text)
    assert day is None or 1 <= day <= 31


@FUZZ
@given(st.integers(min_value=1, max_value=31), st.sampled_from(["日", "号"]), st.booleans())
def test_repayment_day_round_trip(day, suffix, chinese):
    written = _cn_small(day) if chinese else str(day)
    assert parse_repayment_day(f"借款人应于每月{written}{suffix}前还款") == day


# ----------------------------------------------------------------------------------------------- normalize


@FUZZ
@given(texts)
def test_normalize_views_keep_length_and_are_idempotent(text):
    n = normalize_chars(text)
    assert len(n) == len(text)
    assert normalize_chars(n) == n
    s = to_simplified(text)
    assert len(s) == len(text)
    assert len(to_simplified(n)) == len(text)
    inv = strip_invisible(text)
    assert not any(ch in inv for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
    assert len(inv) <= len(text)
    for ch in text[:50]:
        assert isinstance(is_cjk(ch), bool) and isinstance(is_cjk_or_fullwidth(ch), bool)
        assert not is_cjk(ch) or is_cjk_or_fullwidth(ch)


@FUZZ
@given(texts)
def test_document_from_text_pages_cover_the_text(text):
    try:
        doc = document_from_text(text)
    except EmptyInputError:
        assert not normalize_chars(text).strip()
        return
    assert "\r" not in doc.text
    # an empty first page ('\f' first) starts where the text of the next one starts: no text lies before it
    assert doc.pages and not doc.text[: doc.pages[0].start].strip() and doc.pages[-1].end <= len(doc.text)
    for a, b in itertools.pairwise(doc.pages):
        assert a.end <= b.start
    for line in doc.lines:
        assert 0 <= line.start <= line.end <= len(doc.text)


# ----------------------------------------------------------------------------------------------- segment


def _check_tree(text: str, clauses: list[Clause]) -> None:
    n = len(text)
    ids = [c.id for c in clauses]
    assert len(set(ids)) == len(ids), "clause ids are unique"
    by_id = {c.id: c for c in clauses}
    for c in clauses:
        assert 0 <= c.start <= c.body_start <= c.end <= n, (c.id, c.start, c.body_start, c.end, n)
        assert c.first_page <= c.last_page
        assert c.level >= 0
        if c.parent_id is not None:
            parent = by_id[c.parent_id]
            assert ids.index(parent.id) < ids.index(c.id), "a parent comes before its children"
            assert parent.start <= c.start and c.end <= parent.end, f"{c.id} inside {parent.id}"
            assert parent.level < c.level
    assert [c.start for c in clauses] == sorted(c.start for c in clauses), "reading order"
    siblings: dict[str | None, list[Clause]] = {}
    for c in clauses:
        siblings.setdefault(c.parent_id, []).append(c)
    for group in siblings.values():
        for a, b in itertools.pairwise(group):
            assert a.end <= b.start, f"siblings {a.id} and {b.id} do not overlap"


@FUZZ
@given(texts)
def test_segment_text_spans_lie_inside_the_text_and_nest(text):
    clauses = segment_text(text)
    if not text.strip():
        assert clauses == []
        return
    _check_tree(document_from_text(text).text, clauses)
    for c in clauses:
        assert isinstance(clause_kinds(c.title, text[c.body_start : c.end]), list)


@FUZZ
@given(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=6), st.booleans())
def test_numbered_clauses_are_found_in_order(parts, chinese):
    numbers = "一二三四五六七八九十"
    text = "借款合同\n" + "\n".join(
        f"第{numbers[i] if chinese else i + 1}条 借款事项：{p}" for i, p in enumerate(parts)
    )
    clauses = segment_text(text)
    _check_tree(document_from_text(text).text, clauses)
    assert sum(1 for c in clauses if c.style == "article") == len(parts)


# ----------------------------------------------------------------------------------------------- pipeline


def _check_report(report) -> None:
    text = report.text
    _check_tree(text, report.clauses)
    for e in report.entities:
        assert _in(text, e.start, e.end)
    for f in report.findings:
        assert (f.start is None) == (f.end is None)
        if f.start is not None:
            assert _in(text, f.start, f.end)
    report.model_dump_json()


@FUZZ
@given(texts, st.booleans())
def test_analyze_text_takes_any_string(text, fragment):
    try:
        report = loanclause.analyze_text(text, fragment=fragment, ner=False)
    except LoanClauseError:
        return
    _check_report(report)
    assert report.fragment is fragment


@FUZZ
@given(huge_text)
def test_analyze_text_takes_huge_figures(text):
    try:
        report = loanclause.analyze_text(text, fragment=True, ner=False)
    except EmptyInputError:
        return
    _check_report(report)


@FUZZ
@given(snippet_text())
def test_analyze_text_on_real_clauses_with_insertions(text):
    for fragment in (False, True):
        _check_report(loanclause.analyze_text(text, fragment=fragment, ner=False))
