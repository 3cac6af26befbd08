"""The public API: analyze / analyze_text return a ContractReport whose parts point into its text."""

from __future__ import annotations

import io

import loanclause

TEXT = "借款合同\n第一条　借款金额\n人民币壹拾万元整。\n第二条　争议解决\n由甲方所在地法院管辖。\n"


def test_analyze_text_and_bytes_agree():
    from_text = loanclause.analyze_text(TEXT)
    from_bytes = loanclause.analyze(TEXT.encode("utf-8"))
    from_file = loanclause.analyze(io.BytesIO(TEXT.encode("gb18030")))
    assert [c.number for c in from_text.clauses] == [c.number for c in from_bytes.clauses]
    assert [c.number for c in from_file.clauses] == [c.number for c in from_bytes.clauses]
    assert from_bytes.format == "text"


def test_report_round_trips_through_json():
    report = loanclause.analyze_text(TEXT, contract_date="2023-05-01")
    again = loanclause.ContractReport.model_validate_json(report.model_dump_json())
    assert again.clauses == report.clauses
    assert str(again.terms.contract_date) == "2023-05-01"


def test_segment_stage_on_its_own():
    clauses = loanclause.segment(TEXT)
    assert [c.title for c in clauses if c.number] == ["借款金额", "争议解决"]


def test_non_contract_gets_a_warning_and_no_missing_clause_findings():
    news = "图书馆通知\n本馆图书借阅期限为30天，逾期未还的读者将暂停借阅资格。\n欢迎读者按时归还。\n"
    report = loanclause.analyze_text(news)
    assert not report.is_loan_agreement
    assert [w.code for w in report.warnings] == ["not_a_loan_agreement"]
    assert not [f for f in report.findings if f.code.startswith("LC2")]


def test_contract_without_dispute_clause_is_flagged():
    report = loanclause.analyze_text(
        TEXT.replace("第二条　争议解决\n由甲方所在地法院管辖。\n", "第二条　借款利率\n年利率6%。\n")
    )
    assert report.is_loan_agreement
    assert "LC205" in {f.code for f in report.findings}
