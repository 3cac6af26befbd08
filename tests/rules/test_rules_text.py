"""Rules over real text through the pipeline (``loanclause.analyze_text``): segmentation supplies the clause
kinds the missing-clause rules use; LC103/LC104/LC301 read the text itself."""

from __future__ import annotations

import loanclause

AS_OF = "2026-01-31"

FULL = """借款合同
出借人（甲方）：张三
借款人（乙方）：李四
第一条 借款金额
乙方向甲方借款人民币壹拾万元整（¥100,000.00）。
第二条 借款期限
借款期限为12个月，自2024年3月15日起至2025年3月14日止。
第三条 借款利息
借款年利率为8%。甲方不得预先从借款本金中扣除利息，利息不得计入本金计算复利。
第四条 逾期责任
乙方逾期还款的，按年利率12%计收逾期利息。
第五条 送达地址
双方确认本合同所列地址为送达地址。
第六条 争议解决
因本合同发生的争议，由甲方住所地人民法院管辖。
甲方（签字）：        乙方（签字）：
"""


def codes(report) -> set[str]:
    return {f.code for f in report.findings}


def test_complete_contract_has_no_missing_clause_findings() -> None:
    report = loanclause.analyze_text(FULL, contract_date="2024-03-15", as_of=AS_OF)
    assert not {c for c in codes(report) if c.startswith("LC2")}
    assert "LC103" not in codes(report) and "LC104" not in codes(report) and "LC301" not in codes(report)


def test_bare_iou_misses_clauses() -> None:
    report = loanclause.analyze_text("借条\n今收到张三现金，特立此据。\n李四", as_of=AS_OF)
    assert {"LC201", "LC202", "LC203", "LC204", "LC205", "LC206"} <= codes(report)
    for f in report.findings:
        assert f.citation is not None and f.message and f.message_en


def test_fragment_skips_missing_clause_rules() -> None:
    report = loanclause.analyze_text("第三条 借款利息\n借款年利率为8%。", fragment=True, as_of=AS_OF)
    assert not {c for c in codes(report) if c.startswith("LC2")}


def test_words_and_figures_disagree() -> None:
    text = FULL.replace("（¥100,000.00）", "（¥10,000.00）")
    report = loanclause.analyze_text(text, contract_date="2024-03-15", as_of=AS_OF)
    [f] = [f for f in report.findings if f.code == "LC301"]
    assert "壹拾万元整" in f.message and "100,000.00" in f.message and "10,000.00" in f.message
    assert f.start == text.index("人民币壹拾万元整") and f.page == 1
    assert f.clause_id is not None


def test_words_and_figures_reversed_order_and_several_pairs() -> None:
    text = "借款金额：100,000元（大写：人民币壹拾万元整）；每月利息人民币贰仟元（¥2,500.00）。"
    report = loanclause.analyze_text(text, fragment=True, as_of=AS_OF)
    found = [f for f in report.findings if f.code == "LC301"]
    assert len(found) == 1 and "贰仟元" in found[0].message


def test_advance_deduction_and_compounding_in_text() -> None:
    text = FULL.replace(
        "甲方不得预先从借款本金中扣除利息，利息不得计入本金计算复利。",
        "利息在出借时从借款本金中预先扣除。逾期未付的利息计入本金，按月计收复利。",
    )
    report = loanclause.analyze_text(text, contract_date="2024-03-15", as_of=AS_OF)
    lc103 = [f for f in report.findings if f.code == "LC103"]
    assert lc103 and lc103[0].clause_id is not None
    # without an extracted rate LC104 can only say it cannot test (info); with the 8% a year read by extraction,
    # yearly compounding stays at 8% and LC104 is silent
    lc104 = [f for f in report.findings if f.code == "LC104"]
    assert all(f.severity == "info" for f in lc104)
    if report.terms.interest_rate is None:
        assert lc104


def test_select_and_ignore_thread_through_analyze_text() -> None:
    report = loanclause.analyze_text("借条", as_of=AS_OF, select=["LC2"], ignore="LC206")
    assert codes(report) == {"LC201", "LC202", "LC203", "LC204", "LC205"}


NATURAL_PERSONS = (
    "借款合同\n出借人（甲方）：{lender}\n借款人（乙方）：李四\n第一条 借款金额\n借款金额为人民币拾万元整。\n"
    "第二条 借款期限\n借款期限自2020年9月1日起至2021年8月31日止。\n第三条 借款利率\n年利率为20%。\n"
    "签订日期：2020年8月1日\n"
)


def test_loan_between_natural_persons_is_formed_when_the_money_is_provided() -> None:
    # Signed 2020-08-01 (2015 regime: 20 % < 24 %, no finding), paid out 2020-09-01: between natural persons the
    # contract is formed on provision (Civil Code Art. 679), so the cap is 4 × 3.85 % = 15.4 % and 20 % is above.
    report = loanclause.analyze_text(NATURAL_PERSONS.format(lender="张三"), as_of=AS_OF)
    lc101 = [f for f in report.findings if f.code == "LC101"]
    assert lc101 and "15.4%" in lc101[0].message and "第六百七十九条" in lc101[0].message
    # A company lender: the signing date stays the formation date (before 2020-08-20), so the transition rule
    # applies instead: interest from 2020-08-20 is capped at 4 × the LPR at filing, not at formation.
    report = loanclause.analyze_text(NATURAL_PERSONS.format(lender="某某贸易有限公司"), as_of=AS_OF)
    [lc101] = [f for f in report.findings if f.code == "LC101"]
    assert "起诉时" in lc101.message and "2020-09-01" not in lc101.message
