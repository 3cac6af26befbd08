"""report.explain: one plain sentence per finding and per term, in Chinese and English, with the numbers."""

from __future__ import annotations

import doctest
import re
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

import loanclause
from loanclause.models import Duration, Fee, Finding, LoanTerms, Money, Penalty, Rate
from loanclause.report import explain as explain_module
from loanclause.report.explain import TEMPLATES, Explanation, explain_finding, explain_terms

AS_OF = "2026-01-31"
CODES = sorted({key.split(".")[0] for key in TEMPLATES} - {"*"})

# what a borrower should not have to read: article numbers, statute names, court jargon
_ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零\d]+[条款项]|\bArts?\.|\bArticle\b|§")
_JARGON = (
    "民法典",
    "司法解释",
    "法释",
    "不予支持",
    "管辖",
    "送达",
    "抗辩",
    "诉讼时效",
    "LPR",
    "IRR",
    "格式条款",
)
_ALARM = ("远超", "不会支持", "无效", "违法", "far above", "void", "not valid", "illegal", "unlawful")


def report(text: str, **kw):
    kw.setdefault("fragment", True)
    return loanclause.analyze_text(text, as_of=AS_OF, **kw)


def explained(text: str, code: str, **kw) -> tuple[Finding, Explanation]:
    r = report(text, **kw)
    finding = next(f for f in r.findings if f.code == code)
    return finding, explain_finding(finding, r.terms)


def finding(code: str, severity: str = "error", message: str = "", *, provisional: bool = False) -> Finding:
    return Finding(
        code=code, severity=severity, title=f"title of {code}", message=message, provisional=provisional
    )


def assert_plain(e: Explanation) -> None:
    """The register every sentence keeps."""
    assert e.zh and e.en
    assert "{" not in e.zh + e.en and "}" not in e.zh + e.en
    assert not _ARTICLE_RE.search(e.zh + e.en), e
    assert not [w for w in _JARGON if w in e.zh + e.en], e
    assert e.en.endswith("."), e.en
    assert not e.zh.endswith("。")


# ------------------------------------------------------------------------------------------------ LC1xx


def test_lc101_states_the_rate_per_month_and_year_and_the_cap():
    _, e = explained("借款金额100000元，借款期限12个月，月利率2%。", "LC101", contract_date="2023-05-01")
    assert e.zh == "借款利息每月2%，折合年化24%，超过法律保护的上限14.6%，超出部分法院不会支持"
    assert e.en == (
        "Interest of 2% a month (24% a year) is above the 14.6% legal cap; a court will not make you pay the part "
        "above it."
    )
    assert_plain(e)


def test_lc102_daily_overdue_rate_says_730_percent_far_above_the_cap():
    # 2 % a day × 365 = 730 % a year (0.2 % a day would be 73 %)
    _, e = explained(
        "借款金额100000元，年利率10%，逾期每日按借款本金的2%计收罚息。", "LC102", contract_date="2023-01-01"
    )
    assert e.zh == "逾期后每天按欠款的2%计息，折合年化730%，远超法律保护的上限14.6%，超出部分法院不会支持"
    assert (
        "2% of the debt a day" in e.en and "730% a year" in e.en and "far above the 14.6% legal cap" in e.en
    )
    assert_plain(e)


def test_lc102_from_terms_alone_without_a_message():
    terms = LoanTerms(overdue_rate=Rate(value=Decimal("0.002"), period="day", annual=None))
    e = explain_finding(finding("LC102"), terms)
    assert "每天按欠款的0.2%计息，折合年化73%" in e.zh
    assert "0.2% of the debt a day" in e.en and "73% a year" in e.en
    assert "远超" not in e.zh  # no cap known: no claim about how far


def test_lc102_adds_up_the_charges_and_names_the_biggest():
    _, e = explained(
        "借款金额100000元，借款年利率为24%，逾期每日按未还金额的千分之五支付违约金。",
        "LC102",
        contract_date="2022-01-01",
    )
    assert "违约金每天按欠款的0.5%计，折合年化182.5%" in e.zh
    assert "各项合计年化206.5%" in e.zh and "15.2%" in e.zh
    assert "206.5% a year with all late charges" in e.en


def test_lc102_one_off_penalty_says_how_many_days():
    f, e = explained(
        "借款金额100000元，借款期限3个月，年利率10%，逾期违约金为本金的5%。",
        "LC102",
        contract_date="2023-01-01",
    )
    assert f.severity == "warning"
    assert "本金5%的违约金（5,000.00元）" in e.zh and "逾期不到396天" in e.zh
    assert "within 396 days" in e.en and "5,000.00 yuan" in e.en


def test_lc103_amounts_from_terms_and_the_real_cost_from_the_message():
    _, e = explained(
        "借款金额100000元，实际到账90000元，借款期限12个月，月利率2%，到期一次性还本付息。",
        "LC103",
        contract_date="2023-05-01",
    )
    assert "100,000.00元" in e.zh and "90,000.00元" in e.zh and "10,000.00元" in e.zh
    assert "37.78%" in e.zh and "37.78%" in e.en
    terms = LoanTerms(principal=Money(amount=Decimal(50000)), disbursed=Money(amount=Decimal(45000)))
    e = explain_finding(finding("LC103"), terms)
    assert "合同写借款50,000.00元，实际只到手45,000.00元" in e.zh and "5,000.00元" in e.zh
    assert "45,000.00 yuan" in e.en


def test_lc104_compounded_rate():
    _, e = explained("借款本金50000元，月利率2%，按月计收复利。", "LC104", contract_date="2023-01-01")
    assert "利滚利" in e.zh and "26.82%" in e.zh and "14.6%" in e.zh
    assert "interest on interest" in e.en and "26.82% a year" in e.en


def test_lc105_comprehensive_cost_names_the_fees():
    f, e = explained(
        "借款金额100000元，借款期限12个月，年利率30%，另收取服务费2000元。",
        "LC105",
        contract_date="2025-06-01",
        lender_kind="local_fin_org",
    )
    assert f.severity == "warning"  # the 24 % reference line for licensed lenders
    assert e.zh.startswith("算上服务费，借款实际年化成本约32.65%，高于法院对金融借款掌握的24%参考线")
    assert "if you object, a court can cut" in e.en and "service fee" in e.en


def test_lc106_and_the_2020_split():
    r = report("借款金额100000元，年利率30%。", contract_date="2019-01-01")
    by_code = {f.code: explain_finding(f, r.terms) for f in r.findings}
    assert "落在2015年旧规定的24%到36%之间" in by_code["LC106"].zh
    assert "已经付了的要不回来" in by_code["LC106"].zh
    assert "2020年8月19日及以前" in by_code["LC106"].zh and "19 August 2020" in by_code["LC106"].en
    assert "（指2020年8月20日起的利息）" in by_code["LC101"].zh


def test_lc107_gives_each_reading():
    _, e = explained("借款金额100000元，利息2分。", "LC107", contract_date="2023-01-01")
    assert "“2分”" in e.zh and "按月算是年化24%" in e.zh and "按年算是年化20%" in e.zh
    assert "read per month it is 24% a year" in e.en
    assert "由法院" in e.zh


def test_reference_and_target_variants_follow_the_message():
    ref = finding("LC101", "warning", "约定年化30%，超过金融借款综合成本年化24%的司法参考线：法院可调减")
    terms = LoanTerms(interest_rate=Rate(value=Decimal("0.3"), period="year", annual=Decimal("0.3")))
    e = explain_finding(ref, terms)
    assert e.zh == "借款利息每年30%，高于法院对金融借款掌握的24%参考线，你提出过高时，法院可以调低超出部分"
    target = finding(
        "LC101",
        "info",
        "约定年化20%，高于小额贷款公司新发放贷款须于2027-01-01前降至的一年期LPR4倍（x：3%×4＝12%）目标",
    )
    e = explain_finding(target, terms)
    assert "12%" in e.zh and "仅供参考" in e.zh and "for information only" in e.en
    assert not [w for w in _ALARM if w in e.zh + e.en]


# ------------------------------------------------------------------------------------------------ provisional


def test_provisional_finding_says_may():
    f, e = explained("借款金额100000元，年利率30%。", "LC101")  # no contract date: the check date is assumed
    assert f.provisional
    assert "可能" in e.zh and re.search(r"\bmay\b", e.en)
    assert e.zh == "借款利息每年30%，可能远超法律保护的上限12%，超出部分法院可能不会支持"


@pytest.mark.parametrize("code", [*CODES, "LC999"])
@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_every_code_says_may_when_provisional(code, severity):
    e = explain_finding(finding(code, severity, provisional=True))
    assert "可能" in e.zh
    assert re.search(r"\bmay\b", e.en, re.IGNORECASE)


# ------------------------------------------------------------------------------------------------ LC2xx, LC3xx


def test_missing_clauses_in_plain_words():
    r = report("借款合同\n出借人：张三\n借款人：李四\n双方约定如下。\n", fragment=False)
    got = {f.code: explain_finding(f, r.terms) for f in r.findings}
    assert {"LC201", "LC202", "LC203", "LC204", "LC205", "LC206"} <= set(got)
    assert "没找到借款金额" in got["LC201"].zh and "transfer records" in got["LC201"].en
    assert "随时还款" in got["LC202"].zh
    assert "不收利息" in got["LC203"].zh and "interest-free" in got["LC203"].en
    for code in ("LC204", "LC205", "LC206"):
        assert not [w for w in _ALARM if w in got[code].zh + got[code].en]
        assert_plain(got[code])


def test_lc204_states_the_loan_rate_that_runs_on():
    r = report("借款合同\n出借人：张三\n借款人：李四\n借款金额100000元，年利率10%。\n", fragment=False)
    [lc204] = [f for f in r.findings if f.code == "LC204"]
    e = explain_finding(lc204, r.terms)
    assert e.zh == "合同没有约定逾期利息或违约金，逾期后按借款利率（年化10%）继续计息"


def test_lc208_works_out_the_annual_rate():
    terms = LoanTerms(interest_rate=Rate(value=Decimal("0.0005"), period="day", annual=Decimal("0.1825")))
    e = explain_finding(finding("LC208", "warning"), terms)
    assert e.zh == "合同没有写明年化利率：按合同写的每天0.05%算，折合年化18.25%"
    assert e.en == "The contract does not state the annual rate: 0.05% a day is 18.25% a year."
    assert "年化利率" in explain_finding(finding("LC208", "warning")).zh


def test_lc301_words_and_figures():
    _, e = explained(
        "借款金额为人民币壹拾万元整（¥90,000.00），年利率10%。", "LC301", contract_date="2023-01-01"
    )
    assert "大写金额100,000.00元和小写金额90,000.00元不一致" in e.zh
    assert "(100,000.00 yuan)" in e.en and "(90,000.00 yuan)" in e.en
    assert_plain(e)


# ------------------------------------------------------------------------------------------------ LC4xx


@pytest.mark.parametrize(
    ("text", "code", "zh_part", "en_part"),
    [
        (
            "借款人逾期还款的，出借人有权将借款人的逾期信息告知其紧急联系人、亲属及工作单位。",
            "LC401",
            "联系人",
            "only you",
        ),
        (
            "出借人有权根据市场情况单方调整服务费及利率标准，调整后以网站公告为准，无需另行通知借款人。",
            "LC402",
            "商量一致",
            "on its own",
        ),
        ("因本协议引起的争议，由居间服务人所在地人民法院管辖。", "LC403", "没有实际联系", "no real link"),
        (
            "若借款人逾期超过30日，平台有权在网站、微信公众号上公布借款人的姓名、身份证号及欠款金额。",
            "LC405",
            "公开",
            "public",
        ),
        (
            "借款人授权贷款人从借款人名下的任何银行账户中直接扣划应还款项。",
            "LC406",
            "任何账户",
            "any of your accounts",
        ),
        ("借款人不可撤销地放弃对本合同项下债务的一切抗辩权及诉讼时效抗辩。", "LC407", "放弃", "give up"),
    ],
)
def test_conduct_rules(text, code, zh_part, en_part):
    _, e = explained(text, code, contract_date="2024-01-01")
    assert zh_part in e.zh and en_part in e.en
    assert_plain(e)


def test_lc403_names_the_agreed_court_and_lc404_is_calm():
    terms = LoanTerms(jurisdiction="丙方住所地人民法院")
    e = explain_finding(finding("LC403", "warning"), terms)
    assert "“丙方住所地人民法院”" in e.zh and "可能无效" in e.zh and "may not be valid" in e.en
    e = explain_finding(finding("LC404", "info"))
    assert "加粗" in e.zh and "不算数" in e.zh
    assert not [w for w in _ALARM if w in e.zh + e.en]


# ------------------------------------------------------------------------------------------------ any code


def test_unknown_code_uses_the_title():
    e = explain_finding(Finding(code="LC999", severity="warning", title="Something odd", message="x"))
    assert e.zh == "检查发现一个问题：Something odd（LC999）"
    assert e.en == "The check found an issue: Something odd (LC999)."
    e = explain_finding(Finding(code="LC998", severity="info", title="A note", message=""))
    assert e.zh.startswith("提示：") and "A note" in e.en


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_every_code_has_a_sentence_without_numbers(code, severity):
    e = explain_finding(finding(code, severity))
    assert_plain(e)
    assert len(e.zh) <= 80, e.zh
    assert "title of" not in e.en  # a known code never falls back to the title


def info_codes() -> list[str]:
    """Codes that report at info level: by default (the registry) or in an info variant of a cap rule."""
    from loanclause.rules import RULES

    registered = {code for code, spec in RULES.items() if spec.severity == "info"}
    return sorted((registered | {key.split(".")[0] for key in TEMPLATES if key.endswith(".info")}) - {"*"})


@pytest.mark.parametrize("code", info_codes())
def test_info_findings_are_not_alarming(code):
    e = explain_finding(finding(code, "info"))
    assert not [w for w in _ALARM if w in e.zh + e.en], e


def test_every_template_is_reachable_and_bilingual():
    from loanclause.report.explain import _VARIANT_MARKERS

    for key, (zh, en) in TEMPLATES.items():
        assert zh and en, key
        code, *rest = key.split(".")
        assert code in (*CODES, "*"), key
        if rest and rest[-1] == "plain":
            rest = rest[:-1]
            assert ".".join([code, *rest]) in TEMPLATES or not rest, (
                f"{key}: a plain form without its numbered form"
            )
        if rest:
            [variant] = rest
            markers = {v for _, v in _VARIANT_MARKERS.get(code, ())}
            assert variant in {"warning", "info"} | markers, f"{key}: nothing selects variant {variant!r}"


def marker_variants() -> list[tuple[str, str, str]]:
    from loanclause.report.explain import _VARIANT_MARKERS

    return [
        (code, variant, "；".join(words)) for code, ms in _VARIANT_MARKERS.items() for words, variant in ms
    ]


@pytest.mark.parametrize(("code", "variant", "message"), marker_variants())
@pytest.mark.parametrize("provisional", [False, True])
def test_every_variant_reads_without_numbers(code, variant, message, provisional):
    e = explain_finding(finding(code, "warning", message, provisional=provisional))
    assert_plain(e)
    assert len(e.zh) <= 80, e.zh
    assert "title of" not in e.en


def test_explanation_is_strict():
    with pytest.raises(ValidationError):
        Explanation(zh="a", en="b", extra="c")


def test_module_doctest():
    result = doctest.testmod(explain_module)
    assert result.failed == 0 and result.attempted > 0


# ------------------------------------------------------------------------------------------------ terms


def full_terms() -> LoanTerms:
    return LoanTerms(
        principal=Money(amount=Decimal(100000), text="100000元"),
        disbursed=Money(amount=Decimal(90000)),
        interest_rate=Rate(value=Decimal("0.02"), period="month", annual=Decimal("0.24"), text="月利率2%"),
        overdue_rate=Rate(
            value=None,
            period=None,
            annual=None,
            relative_to="interest_rate",
            multiplier=Decimal("1.5"),
            text="上浮50%",
        ),
        penalty=Penalty(form="daily_rate", value=Decimal("0.0005")),
        fees=[
            Fee(name="服务费", form="fixed_amount", value=Decimal(2000), period="once"),
            Fee(name="管理费", form="rate", value=Decimal("0.01"), period="month"),
        ],
        term=Duration(months=12, text="12个月"),
        start_date=date(2023, 5, 1),
        end_date=date(2024, 4, 30),
        contract_date=date(2023, 4, 28),
        repayment_method="equal_installment",
        repayment_day=15,
        lender="某某小额贷款有限公司",
        borrower="李四",
        guarantors=["王五"],
        jurisdiction="出借人所在地人民法院",
        delivery_address="北京市朝阳区某路1号",
        lender_kind="local_fin_org",
        lender_kind_source="lender_name",
        lender_kind_evidence="出借人“某某小额贷款有限公司”为小额贷款公司",
    )


def test_explain_terms_with_every_field_set():
    got = explain_terms(full_terms())
    assert set(got) == {
        "principal",
        "disbursed",
        "interest_rate",
        "overdue_rate",
        "penalty",
        "fees",
        "term",
        "dates",
        "contract_date",
        "repayment_method",
        "repayment_day",
        "lender",
        "borrower",
        "guarantors",
        "jurisdiction",
        "delivery_address",
        "lender_kind",
    }
    assert got["principal"].zh == "借款金额（本金）是100,000.00元"
    assert got["disbursed"].zh == "实际到手90,000.00元，比合同写的借款金额少10,000.00元"
    assert got["interest_rate"].zh == "借款利息按每月2%计算，折合年化24%"
    assert got["interest_rate"].en == "Interest is 2% a month (24% a year)."
    assert got["overdue_rate"].zh == "逾期后利息按借款利率的1.5倍计算，即年化36%"
    assert got["penalty"].zh == "逾期每天按欠款的0.05%付违约金，折合年化18.25%"
    assert got["fees"].zh == "除利息外还要交服务费一次性2,000.00元、管理费每月本金的1%（折合年化12%）"
    assert "service fee of 2,000.00 yuan once" in got["fees"].en
    assert got["term"].en == "The loan runs for 12 months."
    assert got["dates"].zh == "借款从2023年5月1日开始，到2024年4月30日到期"
    assert got["dates"].en == "The loan runs from 1 May 2023 to 30 April 2024."
    assert got["repayment_day"].zh == "每月15日还款"
    assert "小额贷款公司" in got["lender_kind"].zh
    for e in got.values():
        assert_plain(e)


def test_explain_terms_with_nothing_set():
    assert explain_terms(LoanTerms()) == {}


def test_explain_terms_is_honest_about_guesses():
    got = explain_terms(
        LoanTerms(
            interest_rate=Rate(value=Decimal("0.02"), period=None, annual=None, text="利息2分"),
            lender_kind="private",
            lender_kind_source="assumed",
        )
    )
    assert "没写明按天、按月还是按年算" in got["interest_rate"].zh
    assert "按月算是年化24%" in got["interest_rate"].zh
    assert "可能不准确" in got["lender_kind"].zh and "may not be right" in got["lender_kind"].en
    no_value = explain_terms(LoanTerms(interest_rate=Rate(value=None, period=None, annual=None, text="2分")))
    assert "要看怎么理解" in no_value["interest_rate"].zh


def test_explain_terms_on_a_real_contract():
    r = report(
        "借款合同\n出借人：张三\n借款人：李四\n借款金额100000元，借款期限12个月，月利率1%，到期一次性还本付息。\n",
        fragment=False,
        contract_date="2023-01-01",
    )
    got = explain_terms(r.terms)
    assert got["interest_rate"].zh == "借款利息按每月1%计算，折合年化12%"
    assert got["repayment_method"].zh == "到期时一次性还清本金和利息"
    assert got["lender"].en == "The lender is 张三."


def test_every_loan_terms_field_is_explained():
    """A new LoanTerms field needs a sentence (or a line here saying which sentence it folds into)."""
    folded = {"start_date": "dates", "end_date": "dates", "contract_date_source": "contract_date"}
    folded |= {"lender_kind_source": "lender_kind", "lender_kind_evidence": "lender_kind"}
    keys = set(explain_terms(full_terms()))
    for field in LoanTerms.model_fields:
        assert folded.get(field, field) in keys, f"LoanTerms.{field} has no sentence in explain_terms"


def test_contract_date_given_by_the_caller():
    terms = LoanTerms(contract_date=date(2023, 4, 28), contract_date_source="caller")
    assert explain_terms(terms)["contract_date"].zh == "合同日期按你提供的2023年4月28日计"
