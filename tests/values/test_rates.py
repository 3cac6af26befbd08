from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.values.rates import annualise, find_rates, parse_rate, resolve_relative, scan_rates

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "period", "annual"),
    [
        # % and ‰ with the period before the figure
        ("借款年利率为7.025%，按季结息", "0.07025", "year", "0.07025"),
        ("贷款利率为月9.9‰", "0.0099", "month", "0.1188"),
        ("月利率均为6.33‰", "0.00633", "month", "0.07596"),
        ("利率按月息16.08‰计算", "0.01608", "month", "0.19296"),
        ("利率为月息6.42517‰；", "0.00642517", "month", "0.07710204"),
        ("借款年利率6.3％", "0.063", "year", "0.063"),
        ("逾期 部分按年利率 19 % 计算", "0.19", "year", "0.19"),
        ("罚息利率:日息百分之一", "0.01", "day", "3.65"),
        ("每日按应还本息的 0.05%收取罚息", "0.0005", "day", "0.1825"),
        ("每逾期一日，按欠款本金总额的千分之五支付违约金", "0.005", "day", "1.825"),
        ("逾期每日支付借款金额1％的违约金", "0.01", "day", "3.65"),
        ("月利率为千分之6.45", "0.00645", "month", "0.0774"),
        ("按月千分之8.4计付", "0.0084", "month", "0.1008"),
        ("逾期借款利率为日万分之四", "0.0004", "day", "0.146"),
        ("中国人民银行规定按每日万分之二点一计付", "0.00021", "day", "0.07665"),
        ("按日万分之五计算罚息", "0.0005", "day", "0.1825"),
        ("按每日万分之二计算", "0.0002", "day", "0.073"),
        # judgments leave out 之: 按日万分五, 按日千分三
        ("之后至判决确定履行日止的利息按日万分五计算", "0.0005", "day", "0.1825"),
        ("逾期按日千分三计收违约金", "0.003", "day", "1.095"),
        # a rate raised by a share of itself, joined across 计算并: the overdue rate of a judgment
        ("按月利率6‰计算并加付40%罚息", "0.0084", "month", "0.1008"),
        ("按年利率10%并加收50%", "0.15", "year", "0.15"),
        # the period after the figure
        ("固定利率14.4%年，并不违反规定", "0.144", "year", "0.144"),
        ("贷款利率为14.4%／年", "0.144", "year", "0.144"),
        ("借款利息12％／年，每年结清一次利息", "0.12", "year", "0.12"),
        ("按逾期本金0.6%/日收取催收费用", "0.006", "day", "2.19"),
        ("按剩余借款金额的0.2%/月计算", "0.002", "month", "0.024"),
        ("按照应当履行尚未履行金额的百分之二每日", "0.02", "day", "7.3"),
        ("按照本金的万分之七每天计算罚息", "0.0007", "day", "0.2555"),
        # formulas
        ("罚息总额=逾期本息总额×1‰×逾期天数；", "0.001", "day", "0.365"),
        ("滞纳金 = 借款剩余本金×0.1%×逾期天数", "0.001", "day", "0.365"),
        ("利息为54005.94元（155300元×0.21‰×1380天）", "0.00021", "day", "0.07665"),
        ("咨询服务费金额为：借款总金额*18%*借款总天数${approveTerm}天/365", "0.18", "year", "0.18"),
        # 分 / 厘 / 毛
        ("利息按月息2分计算", "0.02", "month", "0.24"),
        ("承诺按月息2分4厘支付利息", "0.024", "month", "0.288"),
        ("月息俩分肆厘。", "0.024", "month", "0.288"),
        ("利息每月按二分五厘支付", "0.025", "month", "0.3"),
        ("利息为月息一分五", "0.015", "month", "0.18"),
        ("月息按壹分伍厘计算", "0.015", "month", "0.18"),
        ("约定月息为1.217分", "0.01217", "month", "0.14604"),
        ("约定月利率3.5分", "0.035", "month", "0.42"),
        ("月息1分8厘", "0.018", "month", "0.216"),
        ("约定月利率二分", "0.02", "month", "0.24"),
        ("息按每元每月1分计算", "0.01", "month", "0.12"),
        ("口头约定月息1毛", "0.1", "month", "1.2"),
        ("借款10多万元，年利1分", "0.1", "year", "0.1"),
        ("年息1分5厘", "0.15", "year", "0.15"),
        ("日息1厘", "0.0001", "day", "0.0365"),
        ("月息5厘", "0.005", "month", "0.06"),
        # bank rates
        ("展期期间的贷款利率为固定利率7.995%", "0.07995", "year", "0.07995"),
        ("固定年贷款利率 23%(即月利率：1.92%)", "0.23", "year", "0.23"),
        ("按月利率0.002％计算", "0.00002", "month", "0.00024"),
    ],
)
def test_parse_rate(text, value, period, annual):
    r = parse_rate(text)
    assert r is not None
    assert (r.value, r.period, r.annual) == (D(value), period, D(annual))
    assert r.text and text[r.start : r.end] == r.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("利率8.1%", "0.081"),
        ("利息为25％", "0.25"),
        ("利率为11.781‰，", "0.011781"),
        ("借款利率为2％", "0.02"),
        ("利率“7.1875%”", "0.071875"),
    ],
)
def test_rate_without_period_is_not_annualised(text, value):
    r = parse_rate(text)
    assert r is not None
    assert r.value == D(value)
    assert r.period is None and r.annual is None


@pytest.mark.parametrize("text", ["利息2分", "利率3分", "借款期间利息为1分二厘", "一分伍的利息"])
def test_fen_without_period_has_no_value(text):
    r = parse_rate(text)
    assert r is not None
    assert (r.value, r.period, r.annual) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "利率为${item.rate} %",
        "罚息总额 = 逾期本息总额×对应罚息利率 %×逾期天数",
        "每月按％利息计算",
        "提前还款违约金 = 借款剩余本金× %",
        "分两笔向交通银行借款",
        "分36期偿还",
        "借款两千分三期归还",  # 千分三 after a count of thousands is no rate
        "十分明确",
        "一次性",
    ],
)
def test_no_rate(text):
    assert find_rates(text) == []


@pytest.mark.parametrize(
    ("text", "multiplier", "relative_to"),
    [
        ("逾期罚息利率在原借款利率基础上加收50%确定", "1.5", "interest_rate"),
        ("按合同约定利率的基础上浮30%计收罚息", "1.3", "interest_rate"),
        ("罚息利率为贷款利率150%", "1.5", "interest_rate"),
        ("逾期借款罚息利率为借款利率的150%", "1.5", "interest_rate"),
        ("则从逾期之日起按本合同载明利率的1.5倍计收利息", "1.5", "interest_rate"),
        ("逾期部分加收利息20%", "1.2", "interest_rate"),
        ("挪用部分罚收利息50%", "1.5", "interest_rate"),
        ("贷款利率在人民银行规定的基准利率基础上下浮10%执行", "0.9", "benchmark"),
        ("月利息按同期银行贷款利息的四倍计算", "4", "benchmark"),
        ("按中国人民银行公布的同期同档次贷款基准利率上浮20%后再上浮50%计算", "1.8", "benchmark"),
    ],
)
def test_relative_rate(text, multiplier, relative_to):
    r = parse_rate(text)
    assert r is not None
    assert r.value is None and r.annual is None
    assert r.multiplier == D(multiplier)
    assert r.relative_to == relative_to


@pytest.mark.parametrize(
    ("text", "value", "period", "annual"),
    [
        ("按照14.4%年利率上浮50%计收罚息", "0.216", "year", "0.216"),
        ("按照月千分之8.4加收30%的罚息", "0.01092", "month", "0.13104"),
        ("按月息11.781‰的1.5倍计算", "0.0176715", "month", "0.212058"),
        ("按年利率百分之六的四倍标准支付借款利息", "0.24", "year", "0.24"),
        ("在年利率6％的基础上上浮30％即年7.8％", "0.078", "year", "0.078"),
        ("按中国人民银行公布的半年期基准年利率5.6%上浮30%", "0.0728", "year", "0.0728"),
        ("1309000×7.572%×150%÷360×131＝54101.62元", "0.11358", "year", "0.11358"),
    ],
)
def test_relative_rate_with_its_base(text, value, period, annual):
    r = parse_rate(text)
    assert r is not None
    assert (r.value, r.period, r.annual) == (D(value), period, D(annual))
    assert r.multiplier is not None


@pytest.mark.parametrize(
    "text",
    [
        "借款年利率为LPR+3%",
        "一年期贷款市场报价利率（LPR）加100个基点",
        "基准利率加177个基点（一个基点为0.01%）",
    ],
)
def test_spread_over_a_benchmark(text):
    r = parse_rate(text)
    assert r is not None
    assert (r.value, r.annual, r.multiplier, r.relative_to) == (None, None, None, "benchmark")


def test_resolve_relative_against_base():
    base = parse_rate("借款年利率6.79%")
    rel = parse_rate("罚息按贷款利率基础上加收50%确定")
    assert base is not None and rel is not None
    r = resolve_relative(rel, base)
    assert (r.value, r.period, r.annual) == (D("0.10185"), "year", D("0.10185"))
    assert parse_rate("罚息按贷款利率基础上加收50%确定", base=base) == r
    # a benchmark-relative rate is not resolved against the contract rate
    bench = parse_rate("按银行同期贷款利率的四倍", base=base)
    assert bench is not None and bench.value is None


def test_ranges_and_garbled_figures_are_not_rates():
    kinds = [m.kind for m in scan_rates("逾期贷款罚息利率可以在合同载明的贷款利率水平上加收30%-50%")]
    assert kinds == ["range"]
    assert [m.kind for m in scan_rates("借款利率 6% — 24%（取决于借贷双方）")] == ["range"]
    assert [m.kind for m in scan_rates("本金逾期按日3％0收取违约金")] == ["garbled"]
    assert find_rates("借款利率 6% — 24%") == []


def test_360_day_basis():
    r = parse_rate("日利率=年利率/360。逾期按日万分之五计收罚息")
    assert r is not None
    assert (r.value, r.basis_days, r.annual) == (D("0.0005"), 360, D("0.18"))
    r = parse_rate("商品垫资费用 ${advanceFundDay} 天*36%/360")
    assert r is not None and (r.period, r.basis_days, r.annual) == ("year", 360, D("0.36"))


def test_same_figure_takes_the_period_given_elsewhere():
    rates = find_rates("2009年4月10日到2009年8月28日以11.781‰计算，之后的利息按月息11.781‰的1.5倍计算。")
    assert [(r.period, r.annual) for r in rates] == [("month", D("0.141372")), ("month", D("0.212058"))]


def test_find_rates_offsets():
    text = "借款年利率7.8%，罚息年利率11.7%，对未按时支付的利息按罚息利率计收复利"
    rates = find_rates(text)
    assert [r.annual for r in rates] == [D("0.078"), D("0.117")]
    for r in rates:
        assert text[r.start : r.end] == r.text


def test_annualise():
    assert annualise(D("0.0005"), "day") == D("0.1825")
    assert annualise(D("0.0005"), "day", 360) == D("0.18")
    assert annualise(D("0.015"), "month") == D("0.18")
    assert annualise(D("0.24"), "year") == D("0.24")
    assert annualise(D("0.24"), None) is None
    assert annualise(None, "year") is None


pct = st.decimals(min_value=D("0.001"), max_value=D("99.999"), places=3)


@settings(max_examples=200, deadline=None)
@given(pct, st.sampled_from([("年利率", "year", 1), ("月利率", "month", 12), ("日利率", "day", 365)]))
def test_generated_percent_rates(x, period_word):
    word, period, factor = period_word
    r = parse_rate(f"借款{word}{x}%，按月结息")
    assert r is not None
    assert r.value == x / 100
    assert r.period == period
    assert r.annual == x / 100 * factor
    assert r.text == f"{x}%"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_generated_fen_li(fen, li):
    r = parse_rate(f"约定月息{fen}分{li}厘")
    assert r is not None
    assert r.value == D(fen) / 100 + D(li) / 1000
    assert r.annual == (D(fen) / 100 + D(li) / 1000) * 12
    r = parse_rate(f"年息{fen}分")
    assert r is not None and r.annual == D(fen) / 10


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from([("万", 10000), ("千", 1000), ("百", 100)]))
def test_generated_fractions(n, kind):
    word, div = kind
    r = parse_rate(f"逾期按日{word}分之{n}计收罚息")
    assert r is not None
    assert r.value == D(n) / div and r.period == "day"
    assert r.annual == annualise(D(n) / div, "day")


def test_period_word_nearest_the_figure_wins_over_an_earlier_date_word():
    # 之日起 is a date, not a daily rate: the 年利率 right before the figure decides.
    rate = parse_rate("自逾期之日起按年利率15%向甲方支付逾期利息")
    assert rate.period == "year" and rate.annual == Decimal("0.15")
