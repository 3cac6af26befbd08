"""report.to_spacy(): character tokens, entities as doc.ents, clauses and findings as span groups."""

from __future__ import annotations

import loanclause

TEXT = (
    "借款合同\n出借人：张三\n借款人：李四\n第一条 借款金额\n借款金额为人民币壹拾万元整（¥100,000.00）。\n"
    "第二条 借款利率\n年利率为36%。\n第三条 借款期限\n借款期限自2023年5月1日起至2024年4月30日止。\n"
)


def test_report_to_spacy_doc_keeps_every_span():
    report = loanclause.analyze_text(TEXT, as_of="2026-01-31")
    doc = report.to_spacy()
    assert doc.text == report.text
    assert all(len(token.text) == 1 for token in doc)  # one token per character (spaces ride along)
    assert {e.label_ for e in doc.ents} >= {"PRINCIPAL", "INTEREST_RATE"}
    assert len(doc.spans["entities"]) == len(report.entities)
    assert [s.label_ for s in doc.spans["clauses"] if s.label_.startswith("第")] == [
        "第一条",
        "第二条",
        "第三条",
    ]
    [lc101] = [s for s in doc.spans["findings"] if s.label_ == "LC101"]
    assert "36%" in lc101.text
