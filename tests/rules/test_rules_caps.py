"""LC1xx in detail: the numbers in the messages, the date fallbacks, the 2020-08-20 split, licensed lenders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from _rulekit import AS_OF, clause, make_report, rate

from loanclause.law import parse_lpr_csv
from loanclause.models import Duration, Fee, Money, Page, Penalty, Rate
from loanclause.rules import check

D = Decimal


def _codes(findings, code):
    return [f for f in findings if f.code == code]


# ------------------------------------------------------------------------------------------------ LC101


def test_lc101_message_states_the_numbers() -> None:
    text = "第四条 借款年利率为36%。"
    r = make_report(
        text,
        fragment=True,
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.36", "year", "年利率36%", start=text.index("年利率"), end=text.index("。")),
        clauses=[clause("c4", text, text, ["interest"])],
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC101")
    assert f.severity == "error"
    assert f.message.startswith("约定年化36%，超过合同成立时（2023-05-01）一年期LPR 3.65%的四倍14.6%")
    assert "14.6%" in f.message_en and "36%" in f.message_en
    assert f.citation.article == "第二十五条"
    assert "法释〔2020〕17号" in f.citation.document
    assert f.citation.effective_from == date(2021, 1, 1)
    assert (f.clause_id, f.start, f.page) == ("c4", text.index("年利率"), 1)


def test_lc101_rate_at_cap_is_fine_and_just_above_is_not() -> None:
    at = make_report(fragment=True, contract_date=date(2023, 5, 1), interest_rate=rate("0.146", "year"))
    above = make_report(fragment=True, contract_date=date(2023, 5, 1), interest_rate=rate("0.1461", "year"))
    assert not _codes(check(at, as_of=AS_OF), "LC101")
    assert _codes(check(above, as_of=AS_OF), "LC101")


def test_lc101_monthly_rate_is_annualised_and_quoted() -> None:
    r = make_report(
        fragment=True, contract_date=date(2024, 11, 1), interest_rate=rate("0.015", "month", "月利率1.5%")
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC101")
    # 2024-10-21 LPR 3.10% → cap 12.4%; 1.5% × 12 = 18%
    assert "约定“月利率1.5%”，年化18%，超过合同成立时（2024-11-01）一年期LPR 3.1%的四倍12.4%" in f.message


def test_lc101_says_which_date_was_assumed() -> None:
    start_only = make_report(fragment=True, start_date=date(2023, 5, 1), interest_rate=rate("0.36", "year"))
    [f] = _codes(check(start_only, as_of=AS_OF), "LC101")
    assert "借款起始日2023-05-01" in f.message and "start date" in f.message_en
    nothing = make_report(fragment=True, interest_rate=rate("0.36", "year"))
    [g] = _codes(check(nothing, as_of=AS_OF), "LC101")
    assert "检查日2026-01-31" in g.message and "check date" in g.message_en
    # as_of 2026-01-31 → LPR 3.00% → cap 12%
    assert "12%" in g.message


def test_lc101_and_lc106_split_at_2020_08_20() -> None:
    # formed 2019-06-01 at 30%: interest to 2020-08-19 in the 24–36% zone (LC106), from 2020-08-20 above
    # 4 × LPR at the (assumed) filing date 2026-01-31: 4 × 3.00% = 12% (LC101)
    r = make_report(fragment=True, contract_date=date(2019, 6, 1), interest_rate=rate("0.30", "year"))
    found = check(r, as_of=AS_OF)
    [lc106] = _codes(found, "LC106")
    [lc101] = _codes(found, "LC101")
    assert lc106.severity == "warning" and "2020-08-19及以前的利息" in lc106.message
    assert "法释〔2015〕18号" in lc106.citation.document and lc106.citation.article == "第二十六条"
    assert lc101.message.startswith(
        "2020-08-20起的利息：约定年化30%，超过起诉时（2026-01-31）一年期LPR 3%的四倍12%"
    )
    assert "通行解释而非条文" in lc101.message and "interpretation" in lc101.message_en
    assert lc101.citation.article == "第三十一条第二款"


def test_lc101_above_36_before_2020_is_void_above_36() -> None:
    r = make_report(fragment=True, contract_date=date(2019, 6, 1), interest_rate=rate("0.40", "year"))
    found = _codes(check(r, as_of=AS_OF), "LC101")
    assert len(found) == 2
    assert "超过36%部分的利息约定无效" in found[0].message or "超过36%部分的利息约定无效" in found[1].message
    assert not _codes(check(r, as_of=AS_OF), "LC106")


def test_lc101_loan_ended_before_the_split_only_uses_2015_rule() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2019, 6, 1),
        end_date=date(2020, 6, 1),
        interest_rate=rate("0.30", "year"),
    )
    found = check(r, as_of=AS_OF)
    assert not _codes(found, "LC101")
    assert _codes(found, "LC106")


def test_lc101_licensed_lender_is_a_secondary_warning() -> None:
    r = make_report(
        fragment=True,
        lender_kind="licensed_fi",
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.30", "year"),
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC101")
    assert f.severity == "warning"
    assert f.citation.confidence == "secondary" and "法发〔2017〕22号" in f.citation.document
    assert "二手资料" in f.message
    ok = make_report(
        fragment=True,
        lender_kind="licensed_fi",
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.20", "year"),
    )
    assert not _codes(check(ok, as_of=AS_OF), "LC101")


def test_lc101_microloan_guideline_only_for_loans_made_under_it() -> None:
    # Issue 12 (5).  The guideline (reported, December 2025) sets 24% at most for new loans and a 4 × LPR target:
    # a 2023 loan at 20% is measured against neither; a 2026-06-01 loan at 20% is above the target 4 × 3% = 12%
    # (info); at 26% it is above the court's 24% reference (LC101 warning) and the guideline's 24% line (warning).
    def lc101(day, value):
        r = make_report(
            fragment=True, lender_kind="local_fin_org", contract_date=day, interest_rate=rate(value, "year")
        )
        return _codes(check(r, as_of=date(2026, 11, 30)), "LC101")

    assert not lc101(date(2023, 5, 1), "0.20")
    [target] = lc101(date(2026, 6, 1), "0.20")
    assert target.severity == "info" and "2027" in target.message and "12%" in target.message
    assert target.citation.confidence == "secondary"
    court, guideline = lc101(date(2026, 6, 1), "0.26")
    assert "法发〔2017〕22号" in court.citation.document and "可调减" in court.message
    assert guideline.severity == "warning" and "监管要求" in guideline.message
    assert "小额贷款公司综合融资成本管理工作指引" in guideline.citation.document
    assert guideline.citation.confidence == "secondary" and "二手资料" in guideline.message


def test_lc101_daily_rate_reports_the_360_day_reading() -> None:
    # 日万分之4.02: × 365 = 14.673% > 14.6%, × 360 = 14.472% ≤ 14.6%
    r = make_report(
        fragment=True, contract_date=date(2023, 5, 1), interest_rate=rate("0.000402", "day", "日万分之4.02")
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC101")
    assert "按一年360天折算为14.47%" in f.message


def test_lc101_stale_lpr_is_said() -> None:
    # the packaged table ends 2026-08-20; a contract of 2026-10-01 is after the next publication was due
    r = make_report(fragment=True, contract_date=date(2026, 10, 1), interest_rate=rate("0.36", "year"))
    [f] = _codes(check(r, as_of=date(2026, 10, 2)), "LC101")
    assert "LPR表止于2026-08-20" in f.message and "--lpr-table" in f.message


def test_lc101_uses_a_user_lpr_table() -> None:
    table = parse_lpr_csv("date,rate_percent\n2019-08-20,4.25\n2026-09-21,2.50\n", origin="test")
    r = make_report(fragment=True, contract_date=date(2026, 10, 1), interest_rate=rate("0.12", "year"))
    [f] = _codes(check(r, as_of=date(2026, 10, 2), lpr_table=table), "LC101")
    assert "2.5%的四倍10%" in f.message and "LPR表止于" not in f.message


def test_page_comes_from_report_pages_without_a_document() -> None:
    text = "第一页内容。" + "第二页：年利率36%。"
    start = text.index("年利率")
    r = make_report(
        text,
        fragment=True,
        pages=[Page(number=1, start=0, end=6), Page(number=2, start=6, end=len(text))],
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.36", "year", "年利率36%", start=start, end=start + 6),
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC101")
    assert f.page == 2


# ------------------------------------------------------------------------------------------------ LC102


def test_lc102_adds_overdue_rate_penalty_and_fees() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        principal=Money(amount=D(100000)),
        term=Duration(months=12),
        overdue_rate=rate("0.0005", "day", "日万分之五"),
        penalty=Penalty(form="daily_rate", value=D("0.0001")),
        fees=[Fee(name="逾期管理费", form="rate", value=D("0.01"), period="month")],
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC102")
    # 0.05% × 365 = 18.25%; 0.01% × 365 = 3.65%; 1% × 12 = 12% → 33.9% > 14.6%
    assert "合计年化33.9%" in f.message and "逾期利率18.25%" in f.message and "违约金3.65%" in f.message
    assert f.citation.article == "第二十九条"


def test_lc102_relative_overdue_rate_is_resolved_against_the_loan_rate() -> None:
    # 按借款利率上浮50%: multiplier 1.5 on 12% = 18% > 14.6%
    relative = Rate(
        value=None, period=None, annual=None, text="上浮50%", relative_to="interest_rate", multiplier=D("1.5")
    )
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.12", "year"),
        overdue_rate=relative,
    )
    found = check(r, as_of=AS_OF)
    [f] = _codes(found, "LC102")
    assert "逾期利率18%" in f.message
    assert not _codes(found, "LC107")


def test_lc102_overdue_rate_alone_cites_art_28() -> None:
    r = make_report(fragment=True, contract_date=date(2023, 5, 1), overdue_rate=rate("0.24", "year"))
    [f] = _codes(check(r, as_of=AS_OF), "LC102")
    assert f.citation.article == "第二十八条第一款"


def test_lc102_loan_rate_runs_when_no_overdue_rate() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.12", "year"),
        penalty=Penalty(form="daily_rate", value=D("0.0001")),
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC102")
    assert "借期利率" in f.message and "15.65%" in f.message  # 12% + 3.65%


def test_lc102_one_off_penalty_is_weighed_against_the_overdue_days_not_the_term() -> None:
    # Issue 12 (8).  Overdue 10% a year + a one-off 违约金 of 5% of the principal, cap 14.6% (formed 2023-05-01).
    # Over d overdue days the charges are 10% × d/365 + 5% of principal; above 14.6% × d/365 while
    # d < 5% / (14.6% − 10%) × 365 = 396.7 days: a default settled within 396 days is charged above the cap.
    # (Spread over a 184-day term it read as 9.92% a year, 19.92% in all, whatever the default's length.)
    spread = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        start_date=date(2023, 5, 1),
        end_date=date(2023, 11, 1),
        overdue_rate=rate("0.10", "year"),
        penalty=Penalty(form="rate_of_principal", value=D("0.05")),
    )
    [f] = _codes(check(spread, as_of=AS_OF), "LC102")
    assert f.severity == "warning" and "逾期不足396天即清偿的" in f.message and "本金的5%" in f.message
    assert "less than 396 days" in f.message_en
    # 5% of the overdue amount: the same, with the assumption that all of the principal is overdue
    overdue_amount = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        overdue_rate=rate("0.10", "year"),
        penalty=Penalty(form="rate_of_overdue_amount", value=D("0.05")),
    )
    [g] = _codes(check(overdue_amount, as_of=AS_OF), "LC102")
    assert "逾期不足396天" in g.message and "按全部本金逾期计" in g.message
    unknown = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        overdue_rate=rate("0.10", "year"),
        penalty=Penalty(form="other", value=None, text="违约金按实际损失计算"),
    )
    [h] = _codes(check(unknown, as_of=AS_OF), "LC102")
    assert h.severity == "info" and "无法判断" in h.message and "cannot be annualised" in h.message_en


def test_lc102_names_a_one_off_fee_on_top_of_the_total() -> None:
    # Issue 12 (4).  Overdue 10% + 违约金 7.3% a year = 17.3% > 14.6% (formed 2023-05-01); the one-off fee of 2% of
    # principal is one of Art. 29's "other fees": named, said to count towards the same cap, not annualised
    # (its yearly weight depends on how long the loan stays overdue).
    fee = Fee(name="服务费", form="rate", value=D("0.02"), period="once", text="服务费为借款本金的2%")
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        overdue_rate=rate("0.10", "year"),
        penalty=Penalty(form="daily_rate", value=D("0.0002")),
        fees=[fee],
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC102")
    assert "合计年化17.3%" in f.message and "服务费“服务费为借款本金的2%”" in f.message
    assert "同受此合计上限" in f.message and "count towards the same cap" in f.message_en
    # a fee of the loan itself does not make the default's charges excessive on its own: quiet
    alone = make_report(
        fragment=True, contract_date=date(2023, 5, 1), overdue_rate=rate("0.10", "year"), fees=[fee]
    )
    assert not _codes(check(alone, as_of=AS_OF), "LC102")
    # a one-off fee for the default (催收费) is weighed like a one-off 违约金: 1,000 on 100,000 = 1%;
    # 1% / (14.6% − 10%) × 365 = 79.3 → within 79 overdue days the charges exceed the cap
    collection = Fee(
        name="催收费", form="fixed_amount", value=D(1000), period="once", text="逾期催收费1000元"
    )
    dunned = make_report(
        fragment=True, contract_date=date(2023, 5, 1), principal=Money(amount=D(100000)),
        overdue_rate=rate("0.10", "year"), fees=[collection],
    )  # fmt: skip
    [h] = _codes(check(dunned, as_of=AS_OF), "LC102")
    assert "逾期不足79天" in h.message and "固定金额1,000.00元" in h.message


def test_lc102_2015_rule_caps_the_total_at_24() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2018, 3, 1),
        end_date=date(2019, 3, 1),
        overdue_rate=rate("0.20", "year"),
        penalty=Penalty(form="daily_rate", value=D("0.0002")),
    )
    found = _codes(check(r, as_of=date(2019, 12, 1)), "LC102")  # filed before 2020-08-20: 2015 rule only
    assert len(found) == 1
    assert "27.3%" in found[0].message and "24%" in found[0].message
    assert found[0].citation.article == "第三十条" and "2015" in found[0].citation.document


# ------------------------------------------------------------------------------------------------ LC103


def test_lc103_amount_paid_out_below_principal() -> None:
    text = "借款本金人民币壹拾万元整。实际到账金额为人民币90000元。"
    r = make_report(
        text, fragment=True, contract_date=date(2023, 5, 1), principal=Money(amount=D(100000)),
        interest_rate=rate("0.12", "year"),
    )  # fmt: skip
    [f] = _codes(check(r, as_of=AS_OF), "LC103")
    assert "借款本金100,000.00元，实际出借90,000.00元，预先扣除10,000.00元" in f.message
    assert "借款期限不明，无法计算实际年化成本" in f.message  # no term: no figure, never 12% × 100/90
    assert f.citation.article == "第二十六条"
    assert f.start == text.index("实际到账")


def test_lc103_real_cost_counts_the_repaid_deduction() -> None:
    # Issue 12 (6).  100,000 stated, 90,000 received, 12% for 12 months repaid in one sum: the borrower repays
    # 100,000 + 12,000 = 112,000 for 90,000 → 112,000 / 90,000 − 1 = 24.44% for the year (not 12% × 100/90 = 13.33%).
    text = "借款本金人民币壹拾万元整。实际到账金额为人民币90000元。"
    r = make_report(
        text, fragment=True, contract_date=date(2023, 5, 1), principal=Money(amount=D(100000)),
        interest_rate=rate("0.12", "year"), term=Duration(months=12), repayment_method="bullet",
    )  # fmt: skip
    [f] = _codes(check(r, as_of=AS_OF), "LC103")
    assert "实际年化约24.44%" in f.message and "about 24.44%" in f.message_en


def test_lc103_disbursed_field_and_licensed_lender_cites_civil_code() -> None:
    r = make_report(
        fragment=True,
        lender_kind="licensed_fi",
        contract_date=date(2023, 5, 1),
        principal=Money(amount=D(50000)),
        disbursed=Money(amount=D(45000)),
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC103")
    assert f.citation.document == "中华人民共和国民法典" and f.citation.article == "第六百七十条"


def test_lc103_phrasings_and_negations() -> None:
    hits = [
        "利息在出借时从借款本金中预先扣除。",
        "出借人扣除首期利息后将余款转账给借款人。",
        "服务费从放款金额中一次性扣除。",
        "本借款收取砍头息。",
    ]
    quiet = [
        "出借人不得预先从借款本金中扣除利息。",
        "严禁收取砍头息。",
        "借款人应按期支付利息。",
        "以实际到账之日为起息日。",
    ]
    for text in hits:
        assert _codes(check(make_report(text, fragment=True), as_of=AS_OF), "LC103"), text
    for text in quiet:
        assert not _codes(check(make_report(text, fragment=True), as_of=AS_OF), "LC103"), text


# ------------------------------------------------------------------------------------------------ LC104


def test_lc104_compounding_pushes_a_rate_over_the_cap() -> None:
    # 1.2% a month = 14.4% nominal (≤ 14.6%), but (1 + 0.012)^12 − 1 = 15.39% > 14.6%
    r = make_report(
        "利息按月结算，未付利息计入本金。",
        fragment=True,
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.012", "month", "月利率1.2%"),
    )
    found = check(r, as_of=AS_OF)
    assert not _codes(found, "LC101")
    [f] = _codes(found, "LC104")
    assert "实际年化15.39%" in f.message and f.citation.article == "第二十七条"


def test_lc104_annualises_with_the_compounding_frequency_the_clause_states() -> None:
    # Issue 12 (3).  An annual 14% compounded as the clause says, against 4 × 3.65% = 14.6% (formed 2023-05-01):
    #   按月: (1 + 0.14/12)^12 − 1 = 14.93% > 14.6%;  按季: (1 + 0.035)^4 − 1 = 14.75% > 14.6%;
    #   no frequency stated: the rate's own period (a year): 14% ≤ 14.6%, quiet.
    def lc104(text):
        r = make_report(
            text,
            fragment=True,
            contract_date=date(2023, 5, 1),
            interest_rate=rate("0.14", "year", "年利率14%"),
        )
        return _codes(check(r, as_of=AS_OF), "LC104")

    [monthly] = lc104("借款年利率14%，按月计收复利。")
    assert "按月复利计算实际年化14.93%" in monthly.message and "monthly is 14.93%" in monthly.message_en
    [quarterly] = lc104("借款年利率14%，每季度结息，未付利息计入本金。")
    assert "按季复利计算实际年化14.75%" in quarterly.message
    assert not lc104("借款年利率14%，利息计入本金。")
    # 2019 (2015 text, filed before 2020-08-20): 22% monthly is (1 + 0.22/12)^12 − 1 = 24.36%, in the 24–36% zone
    r = make_report(
        "借款年利率22%，按月计收复利。",
        fragment=True,
        contract_date=date(2019, 6, 1),
        interest_rate=rate("0.22", "year", "年利率22%"),
    )
    [f] = _codes(check(r, as_of=date(2020, 6, 1)), "LC104")
    assert "按月复利计算实际年化24.36%" in f.message and "2015" in f.citation.document


def test_lc104_without_a_rate_is_info_and_negation_is_quiet() -> None:
    r = make_report("逾期后按利滚利计算。", fragment=True, contract_date=date(2023, 5, 1))
    [f] = _codes(check(r, as_of=AS_OF), "LC104")
    assert f.severity == "info"
    quiet = make_report(
        "利息不得计入本金，不计复利。",
        fragment=True,
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.3", "year"),
    )
    assert not _codes(check(quiet, as_of=AS_OF), "LC104")


# ------------------------------------------------------------------------------------------------ LC105


def test_lc105_fee_pushes_cost_over_the_cap() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        principal=Money(amount=D(100000)),
        term=Duration(months=12),
        repayment_method="equal_installment",
        interest_rate=rate("0.01", "month", "月利率1%"),
        fees=[Fee(name="服务费", form="rate", value=D("0.005"), period="month")],
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC105")
    assert "IRR" in f.message and "单利" in f.message and "复利" in f.message and "14.6%" in f.message
    assert f.severity == "error"


def test_lc105_a_bullet_loan_is_one_period_of_its_term() -> None:
    # Issue 12 (6).  100,000 for 12 months at 12%, repaid in one sum of 112,000, a 3,000 fee at payout:
    # 97,000 = 112,000 / (1 + i) → i = 15.46% for the one-year period; simple = compound = 15.46% > 14.6%
    # (not a monthly IRR over eleven zero payments × 12 = 14.47%, "within the cap").
    r = make_report(
        fragment=True, contract_date=date(2023, 5, 1), principal=Money(amount=D(100000)),
        interest_rate=rate("0.12", "year"), term=Duration(months=12), repayment_method="bullet",
        fees=[Fee(name="服务费", form="fixed_amount", value=D(3000), period="once")],
    )  # fmt: skip
    [f] = _codes(check(r, as_of=AS_OF), "LC105")
    assert f.severity == "error" and "单利15.46%、复利15.46%" in f.message
    # six months in one sum: 100,000 + 6,000 = 106,000 for 97,000 → 9.28% a half-year, × 2 = 18.56% simple
    half = make_report(
        fragment=True, contract_date=date(2023, 5, 1), principal=Money(amount=D(100000)),
        interest_rate=rate("0.12", "year"), term=Duration(months=6), repayment_method="bullet",
        fees=[Fee(name="服务费", form="fixed_amount", value=D(3000), period="once")],
    )  # fmt: skip
    [g] = _codes(check(half, as_of=AS_OF), "LC105")
    assert "单利18.56%" in g.message


def test_lc105_pboc_example_for_a_licensed_lender_is_within_24() -> None:
    # PBoC example: 100,000, 1,000 fee, 12 × 8,833.3 → 12.80% simple.  8,833.3 is an equal instalment at about
    # 11% a year (0.9167% a month); with the fee the cost is 12.80%, far below the 24% reference.
    r = make_report(
        fragment=True,
        lender_kind="licensed_fi",
        contract_date=date(2023, 5, 1),
        principal=Money(amount=D(100000)),
        term=Duration(months=12),
        repayment_method="equal_installment",
        interest_rate=rate("0.11", "year"),
        fees=[Fee(name="手续费", form="fixed_amount", value=D(1000), period="once")],
    )
    assert not _codes(check(r, as_of=AS_OF), "LC105")


def test_lc105_advance_deduction_counts_as_cost() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        principal=Money(amount=D(100000)),
        disbursed=Money(amount=D(90000)),
        term=Duration(months=12),
        interest_rate=rate("0.12", "year"),
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC105")
    # bullet: 90,000 in, 112,000 out after 12 months → 24.44% for the year
    assert "24.44%" in f.message and "预扣10,000.00元" in f.message


def test_lc105_fees_without_term_is_info() -> None:
    r = make_report(
        fragment=True,
        contract_date=date(2023, 5, 1),
        principal=Money(amount=D(100000)),
        fees=[Fee(name="服务费", form="rate", value=D("0.005"), period="month")],
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC105")
    assert f.severity == "info"


# ------------------------------------------------------------------------------------------------ LC107


def test_lc107_evaluates_both_readings() -> None:
    # values leaves a 分 rate without a period as value=None (its size depends on the period):
    # 月息2分 = 2% a month = 24% a year; 年息2分 = 20% a year
    fen = Rate(value=None, period=None, annual=None, text="2分")
    r = make_report(fragment=True, contract_date=date(2023, 5, 1), interest_rate=fen)
    found = check(r, as_of=AS_OF)
    [f] = _codes(found, "LC107")
    assert "按月（月息2分）理解为年化24%，超过上限14.6%" in f.message
    assert "按年（年息2分）理解为年化20%，超过上限14.6%" in f.message
    assert "法答网" in f.citation.document
    assert not _codes(found, "LC101")  # no guessing


def test_lc107_fen_li_variants() -> None:
    # 一分五 = 1.5分: 月息 1.5% × 12 = 18%, 年息 15%; 3厘: 月息 0.3% × 12 = 3.6%, 年息 3%
    for text, month, year in (("利息一分五", "18%", "15%"), ("3厘", "3.6%", "3%")):
        fl = Rate(value=None, period=None, annual=None, text=text)
        r = make_report(fragment=True, contract_date=date(2023, 5, 1), interest_rate=fl)
        [f] = _codes(check(r, as_of=AS_OF), "LC107")
        assert f"理解为年化{month}" in f.message and f"理解为年化{year}" in f.message, f.message


def test_lc107_percentage_without_period_for_a_company_lender_cites_civil_code() -> None:
    r = make_report(
        fragment=True,
        lender_kind="licensed_fi",
        contract_date=date(2023, 5, 1),
        overdue_rate=rate("0.02", None, "2%"),
    )
    [f] = _codes(check(r, as_of=AS_OF), "LC107")
    assert "按年理解为年化2%" in f.message and f.citation.article == "第六百八十条第三款"


def test_licensed_lenders_24_line_is_reducible_on_request_not_unenforceable() -> None:
    # Issue 12 (8).  For licensed institutions 24% is a reference line (法发〔2017〕22号): a court may reduce the
    # total at the borrower's request (可调减); it is not "超过部分法院不予支持".
    # overdue 30% + 违约金 0.05% a day × 365 = 18.25% → 48.25% > 24%; compound 22% monthly = 24.36% > 24%
    r = make_report(
        "借款年利率22%，按月计收复利。",
        fragment=True,
        lender_kind="licensed_fi",
        contract_date=date(2023, 5, 1),
        interest_rate=rate("0.22", "year", "年利率22%"),
        overdue_rate=rate("0.30", "year"),
        penalty=Penalty(form="daily_rate", value=D("0.0005")),
    )
    found = check(r, as_of=AS_OF)
    for code in ("LC102", "LC104"):
        [f] = _codes(found, code)
        assert f.severity == "warning" and "可调减" in f.message and "不予支持" not in f.message, f.message
        assert "reduce" in f.message_en


def test_undated_contract_gets_a_provisional_verdict_by_date_of_formation() -> None:
    # Issue 12 (2).  "借款年利率为15%" with no date: 4 × LPR at formation is 15.4% (LPR 3.85%, from 2020-04-20) and
    # 15.2% (3.80%, from 2021-12-20) — 15% is within — then 14.8% (3.70%, from 2022-01-20) and lower — above.
    text = "借款年利率为15%。"
    r = make_report(text, fragment=True, interest_rate=rate("0.15", "year", "年利率为15%", start=2, end=9))
    [f] = _codes(check(r, as_of=AS_OF), "LC101")
    assert f.provisional and f.severity == "warning"
    assert f.message.startswith(f"【暂定：合同未载明成立日期，按检查日{AS_OF}推定】")
    assert "2020-08-20至2022-01-19成立的未超过上限（LPR四倍15.2%–15.4%）" in f.message
    assert "2022-01-20至" in f.message and "成立的超过上限" in f.message
    assert "within the cap if formed 2020-08-20 … 2022-01-19" in f.message_en
    assert f.message_en.startswith("Provisional (no contract date in the text")
    # dated: a plain verdict, no range, no flag
    dated = make_report(
        text, fragment=True, contract_date=date(2023, 5, 1), interest_rate=rate("0.15", "year", "年利率为15%")
    )
    [g] = _codes(check(dated, as_of=AS_OF), "LC101")
    assert (g.severity, g.provisional) == ("error", False) and "结论取决于成立日" not in g.message
    assert not _codes(
        check(
            make_report(
                text, fragment=True, contract_date=date(2021, 6, 1), interest_rate=rate("0.15", "year")
            ),
            as_of=AS_OF,
        ),
        "LC101",
    )


def test_a_verdict_on_an_unconfirmed_or_stale_lpr_is_provisional() -> None:
    # the packaged table marks the 2026-07-20 row as single-source: a loan formed on 2026-07-25 at 15% is above
    # 4 × 3% = 12%, but the verdict is provisional (warning), and says why
    r = make_report(fragment=True, contract_date=date(2026, 7, 25), interest_rate=rate("0.15", "year"))
    [f] = _codes(check(r, as_of=date(2026, 8, 1)), "LC101")
    assert f.provisional and f.severity == "warning" and "单一来源" in f.message
    assert f.message.startswith("【暂定：所依据的LPR可能未更新或仅有单一来源】")
    # a confirmed row: a plain error
    ok = make_report(fragment=True, contract_date=date(2026, 6, 1), interest_rate=rate("0.15", "year"))
    [g] = _codes(check(ok, as_of=date(2026, 6, 10)), "LC101")
    assert (g.severity, g.provisional) == ("error", False)
