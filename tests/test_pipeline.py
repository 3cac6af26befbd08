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


def test_the_model_reads_what_the_rules_miss_and_the_report_says_who_read_it():
    # an amount alone under its heading: no rule wording (借款金额为 …) next to it, but the model knows the layout
    rules_only = loanclause.analyze_text(TEXT, ner=False)
    both = loanclause.analyze_text(TEXT)
    assert rules_only.terms.principal is None and rules_only.extractors == ["rule-baseline-v1"]
    assert both.terms.principal.amount == 100000
    [principal] = [e for e in both.entities if e.label == "PRINCIPAL"]
    assert principal.source == "model" and 0.5 <= principal.score <= 1 and principal.clause_id
    assert both.extractors[0] == "rule-baseline-v1" and both.extractors[1].startswith("loanclause-ner@")


def test_without_the_default_model_the_rules_go_on_and_a_warning_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("LOANCLAUSE_NER_MODEL", str(tmp_path))  # a directory without weights
    report = loanclause.analyze_text(TEXT)
    assert report.extractors == ["rule-baseline-v1"]
    assert [w.code for w in report.warnings] == ["ner_model_missing"]


def test_an_explicit_model_path_that_does_not_exist_is_an_error(tmp_path):
    import pytest

    with pytest.raises(loanclause.LoanClauseError, match="no NER model"):
        loanclause.analyze_text(TEXT, ner=tmp_path)
