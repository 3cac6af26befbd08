"""The day a charge runs from decides between the loan's interest and overdue interest (``charge_period``)."""

from decimal import Decimal

import pytest

import loanclause
from loanclause.extract import charge_period
from loanclause.values.dates import find_dates
from loanclause.values.money import reading_text

D = Decimal

CASES = [
    # (text, interest, overdue)
    # from filing, at the statutory 6 %: the loss from the default
    (
        "原告请求：1、判决被告归还借款本金20万元，并从起诉之日起至还清之日止按年利率6％支付资金占用利息；2、诉讼费由被告承担。",
        None,
        D("0.06"),
    ),
    ("要求被告支付按年利率6％计算的资金占用期间利息。", None, D("0.06")),
    # from the day after the agreed due date
    (
        "被告出借70000元，保证于2018年6月21日归还本金及利息。请求判决被告归还借款40000元并自2018年6月22日起至款清之日止"
        "按月利率2％计算的利息。",
        None,
        D("0.24"),
    ),
    # from the day the money was lent, to repayment: the loan's own rate, though it runs 至实际履行之日止
    (
        "请求被告偿还借款本金50000元及利息（自2015年9月23日起按照年利率24％计算至实际履行之日止）。2015年9月23日被告借款"
        "50000元，约定于2016年3月23日前归还。",
        D("0.24"),
        None,
    ),
    # a term range is the loan's term, not a charge period; 从逾期之日起 belongs to the figure after it
    (
        "借款300万元，期限为自2008年10月28日至2009年8月28日，月息11.781‰，如借款人不按期归还贷款本金，则从逾期之日起按本合同"
        "载明利率的1.5倍计收利息。",
        D("0.141372"),
        D("0.212058"),
    ),
    # from the due date itself: the last day of the term or the first of default — the words decide
    (
        "借款期限自2016年7月6日至2016年9月6日，约定按月利率2%计算利息。请求被告支付自2016年9月6日起按月利率2%计算的利息。",
        D("0.24"),
        None,
    ),
    # the period is named in the segment after the figure: 按年利率6%计息,从起诉之日起至付清之日的利息
    (
        "判令被告归还借款8000元，并按年利率6％计息，从起诉之日起至付清之日止的利息由被告承担。",
        None,
        D("0.06"),
    ),
    # … but a later segment with a figure of its own speaks of that figure
    ("借款月利率1.5%计息，从逾期之日起按日万分之五计收罚息。", D("0.18"), D("0.1825")),
    # a due date at the end of a year: a claim from the February after runs after the due date
    (
        "请求被告偿还借款本金10万元，并按年利率6％支付从2019年2月1日起至还清时止的利息。被告借款10万元，约定借款期限至2018年底还清。",
        None,
        D("0.06"),
    ),
    # from the day the money was lent: the loan's own rate, even when the claim runs to full repayment and the
    # sentence is about a default
    ("判令被告立即归还借款15000元，并承担从借款之日起到实际清偿时止月息2分利息。", D("0.24"), None),
    ("被告逾期未还，应自借款之日起按月利率2%支付利息至还清之日。", D("0.24"), None),
    # a contract with no dates keeps the words' reading
    ("借款人应按年利率12%支付利息。", D("0.12"), None),
    ("如借款人逾期还款，自逾期之日起按日万分之五计收罚息。", None, D("0.1825")),
]


@pytest.mark.parametrize(("text", "interest", "overdue"), CASES, ids=[c[0][:14] for c in CASES])
def test_interest_or_overdue_by_period(text, interest, overdue):
    terms = loanclause.analyze_text(text, ner=False, fragment=True).terms
    assert (terms.interest_rate.annual if terms.interest_rate else None) == interest
    assert (terms.overdue_rate.annual if terms.overdue_rate else None) == overdue


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("约定于2015年6月18日偿还", "2015-06-18"),
        ("借款期限自2016年4月23日至2016年10月30日止", "2016-10-30"),
        ("还款期限为2012年11月21日", "2012-11-21"),
        ("约定于2016年3月23日前归还", "2016-03-22"),  # repaid before the 23rd: the 22nd is the last day
        ("2014年11月27日借款60000元，约定同年12月10日前归还", "2014-12-09"),
        ("约定借款期限至2018年底还清", "2018-12-31"),
        ("借款应于2020年年底前归还", "2020-12-30"),
        ("2014年2月24日向原告借款50000元", None),
    ],
)
def test_due_dates(text, due):
    t = reading_text(text)
    found = charge_period.due_dates(t, find_dates(text))
    assert [d.isoformat() for d in found] == ([due] if due else [])


def test_unknown_without_a_start_or_due_date():
    text = "被告应按月利率2%支付利息至实际清偿之日止。"
    t = reading_text(text)
    pos = text.index("月利率")
    assert charge_period.starts_after_due(t, find_dates(text), [], pos, pos + 7) is None


def test_assembly_reads_any_extractors_span_by_its_period():
    """A span the model labelled INTEREST_RATE is overdue interest when its charge runs from after the due date."""
    from loanclause.extract.terms import assemble_terms
    from loanclause.models import Entity

    text = "被告保证于2018年6月21日归还借款。请求判决被告自2018年6月22日起至款清之日止按月利率2％支付利息。"
    s = text.index("月利率")
    e = Entity(label="INTEREST_RATE", text=text[s : s + 6], start=s, end=s + 6, score=0.95, source="model")
    terms = assemble_terms(text, [e])
    assert terms.interest_rate is None
    assert terms.overdue_rate is not None and terms.overdue_rate.annual == D("0.24")
