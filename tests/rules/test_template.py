"""LC209: blanks in templates are reported as blanks, never as missing clauses."""

import loanclause

TEMPLATE = (
    "借款合同\n出借人：${lenderName}　借款人：____\n"
    "第一条 借款金额人民币{{amount}}元，借款期限【  】个月。\n"
    "第二条 借款年利率为____%，逾期按日利率【   】计收罚息，违约金为借款本金的____%。\n"
)


def _findings(text):
    return loanclause.analyze_text(text, ner=False, as_of="2026-01-31").findings


def test_each_blank_figure_is_named_and_no_clause_is_reported_missing():
    found = _findings(TEMPLATE)
    blanks = [f for f in found if f.code == "LC209"]
    fields = [f.message.split("留空")[0] for f in blanks]
    assert fields == ["借款金额", "借款期限", "利率", "逾期利率/罚息", "违约金"]
    assert not {"LC201", "LC202", "LC203"} & {f.code for f in found}
    rate = blanks[2]
    assert TEMPLATE[rate.start : rate.end] == "____"
    assert rate.citation is not None and rate.citation.article == "第二十四条"


def test_party_name_blanks_and_filled_contracts_are_not_flagged():
    assert not [f for f in _findings(TEMPLATE) if "${lenderName}" in f.message]
    filled = TEMPLATE.replace("{{amount}}", "100,000").replace("【  】", "12").replace("____%", "10%")
    filled = filled.replace("【   】", "万分之五")
    assert "LC209" not in {f.code for f in _findings(filled)}
