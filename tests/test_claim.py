"""The assumptions block and the claimable amount beside the cap findings (``loanclause.claim``)."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner

import loanclause
from loanclause.cli import main

LOAN = (
    "出借人：张三\n借款人：李四\n借款金额100000元，借款期限自2023年1月1日至2023年12月31日，年利率12%，"
    "逾期按日万分之五计收逾期利息。"
)


def test_claimable_if_nothing_repaid_hand_derived() -> None:
    """Formed 2023-01-01 (LPR 3.65 % → cap 14.6 %), check date 2024-06-30.

    loan period 2023-01-01 … 2023-12-31, 365 days at 12 %: 100,000 × 0.12 × 365 / 365 = 12,000.00
    overdue 2024-01-01 … 2024-06-29, 181 days, 日万分之五 = 18.25 % capped at 14.6 %:
        100,000 × 0.146 × 181 / 365 = 7,239.999… → 7,240.00
    claimable interest 19,240.00; total 119,240.00.  At the agreed rates: 12,000 + 100,000 × 0.1825 × 181 / 365
    = 12,000 + 9,050.00 = 21,050.00."""
    r = loanclause.analyze_text(LOAN, as_of="2024-06-30", ner=False)
    c = r.claimable
    assert c is not None
    assert c.interest == Decimal("19240.00")
    assert c.total == Decimal("119240.00")
    assert c.agreed_interest == Decimal("21050.00")
    assert c.overdue_days == 181 and str(c.overdue_from) == "2024-01-01"
    a = r.assumptions
    assert a is not None
    assert a.contract_date_source == "start_date" and str(a.contract_date) == "2023-01-01"
    assert a.filing_date_source == "as_of" and a.day_basis == 365 and a.day_basis_source == "default"
    assert a.received == Decimal(100000) and a.received_source == "principal"
    assert any("未还任何款项" in n for n in c.assumptions)


def test_caller_facts_win_and_are_named() -> None:
    """--received 90000: interest on the 90,000 actually received (Civil Code Art. 670).  Loan period 365 days
    at 12 %: 10,800.00; overdue 181 days at 14.6 %: 90,000 × 0.146 × 181 / 365 = 6,515.999… → 6,516.00;
    total 90,000 + 17,316.00 = 107,316.00."""
    r = loanclause.analyze_text(
        LOAN,
        as_of="2024-06-30",
        ner=False,
        contract_date="2022-12-20",
        filing_date="2024-07-15",
        received=90000,
    )
    a = r.assumptions
    assert a.contract_date_source == "caller" and str(a.contract_date) == "2022-12-20"
    assert a.filing_date_source == "caller" and str(a.filing_date) == "2024-07-15"
    assert a.received == Decimal(90000) and a.received_source == "caller"
    assert r.claimable.total == Decimal("107316.00")
    assert "LC103" in {f.code for f in r.findings}  # 10,000 kept back: deducted in advance


def test_caller_contract_date_beats_the_disbursement_rule() -> None:
    """Between natural persons the start date is the formation date (Art. 679) — unless the caller says."""
    text = "出借人：张三\n借款人：李四\n本合同于2022年1月5日签订。借款金额10000元，借款期限自2022年3月1日至2022年8月31日，年利率10%。"
    assert loanclause.analyze_text(text, ner=False).assumptions.contract_date_source == "disbursement"
    r = loanclause.analyze_text(text, ner=False, contract_date="2022-01-05")
    assert r.assumptions.contract_date_source == "caller"


def test_no_claimable_without_principal_or_start() -> None:
    r = loanclause.analyze_text("借款年利率为15%。", fragment=True, ner=False)
    assert r.claimable is None
    assert r.assumptions.contract_date_source == "as_of"


def test_check_cli_options_and_outputs(tmp_path) -> None:
    path = tmp_path / "loan.txt"
    path.write_text(LOAN, encoding="utf-8")
    runner = CliRunner()
    args = [
        "check",
        str(path),
        "--as-of",
        "2024-06-30",
        "--no-ner",
        "--received",
        "9万",
        "--fail-on",
        "never",
    ]
    out = runner.invoke(main, [*args, "--format", "json"])
    assert out.exit_code == 0, out.output
    (record,) = json.loads(out.output)
    assert record["assumptions"]["received"] == "90000"
    assert record["claimable"]["total"] == "107316.00"
    text = runner.invoke(main, args)
    assert "假定 assumptions" in text.output and "可主张 claimable at 2024-06-30" in text.output
    bad = runner.invoke(main, [*args, "--received", "abc"])
    assert bad.exit_code == 2 and "--received" in bad.output
    bad = runner.invoke(main, [*args, "--filing-date", "2024-13-01"])
    assert bad.exit_code == 2 and "--filing-date" in bad.output
