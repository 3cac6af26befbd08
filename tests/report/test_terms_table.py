"""The terms table (``loanclause.report.terms_table``) on a fixture whose terms are known."""

from pathlib import Path

import loanclause
from loanclause.report.terms_table import render_terms, terms_rows

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "contracts" / "01_single_column.pdf"


def test_rows_state_values_per_year_and_dashes_for_what_is_not_stated():
    report = loanclause.analyze(FIXTURE, ner=False, as_of="2026-01-31")
    rows = {name: (value, written) for name, value, written in terms_rows(report)}
    assert rows["本金 principal"] == ("100,000.00", "人民币壹拾万元整")
    assert rows["借期利率 interest"][0] == "年化 8%"
    assert rows["逾期利率 overdue"][0] == "年化 15%"
    assert rows["违约金 penalty"] == ("—", "")
    text = render_terms(report)
    assert "合同条款 terms" in text and "北京市朝阳区人民法院" in text
