"""``loanclause due`` over a scanned archive of three contracts, checked against a list derived by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from loanclause.batch.due import due_report, to_csv, to_ics
from loanclause.batch.scan import scan
from loanclause.batch.store import StoreError
from loanclause.cli import main

AS_OF = "2026-12-10"

INSTALMENTS = """借款合同
出借人（甲方）：张三
借款人（乙方）：李四
第一条 借款金额：人民币120000元。
第二条 借款期限：12个月，自2026年6月15日起至2027年6月14日止。
第三条 借款年利率为12%，还款方式为等额本息，每月15日还款。
"""
OVERDUE = """借条
出借人：王五
借款人：赵六
今借到王五人民币50000元，借款期限自2023年1月1日至2023年12月31日，年利率10%，到期一次性还本付息。逾期按日万分之五计收逾期利息。
"""
SHORT = """借条
出借人：孙七
借款人：周八
今借到孙七人民币20000元，借款期限自2023年12月20日至2024年1月1日，年利率8%，到期一次性还本付息。
"""
UNDATED = "借条\n出借人：吴九\n借款人：郑十\n今借到吴九人民币3000元，年利率6%。\n"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    for name, text in {"a.txt": INSTALMENTS, "b.txt": OVERDUE, "c.txt": SHORT, "d.txt": UNDATED}.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "scan.sqlite"
    list(scan(folder, db=db, jobs=1, ner=False))  # a generator: results are recorded as they are consumed
    return db


def test_hand_checked_list(archive: Path) -> None:
    """Window 2026-12-10 … 2027-01-09.

    a.txt 等额本息 120,000 at 12 % (1 % a month), 12 instalments on the 15th from 2026-07-15:
      A = 120,000 × 0.01 × 1.01^12 / (1.01^12 − 1) = 10,661.85; #6 falls on 2026-12-15 (in the window), #7 on
      2027-01-15 (after it).  Maturity 2027-06-15: not overdue; limitation 2030: not in the window.
    b.txt bullet 50,000 at 10 %, 2023-01-01 … 2023-12-31: due 2023-12-31, overdue at 2026-12-10 by
      1 + 366 + 365 + 343 = 1,075 days.  Claimable if unpaid: loan period 365 days × 10 % = 5,000.00; overdue
      2024-01-01 … 2026-12-09 = 1,074 days at 日万分之五 (18.25 %) capped at 4 × LPR 3.65 % = 14.6 %:
      50,000 × 0.146 × 1,074 / 365 = 21,480.00; total 50,000 + 26,480.00 = 76,480.00.  Limitation ends
      2026-12-31 (three years from the due date): in the window.
    c.txt bullet 20,000 at 8 %, 2023-12-20 … 2024-01-01: due 2024-01-01, 1,074 days overdue.  No overdue rate:
      the 8 % runs on (cap 4 × 3.45 % = 13.8 %, not reached): 13 days 20,000 × 0.08 × 13 / 365 = 56.99 and
      1,073 days 20,000 × 0.08 × 1,073 / 365 = 4,703.56; total 24,760.55.  Limitation ends 2027-01-01.
    d.txt has no dates: left out and counted."""
    report = due_report(archive, as_of=AS_OF, within_days=30)
    assert report.contracts == 4 and report.without_dates == 1
    got = [
        (e.kind, str(e.date), Path(e.path).name, e.number, e.amount, e.days_overdue, str(e.limitation_ends))
        for e in report.events
    ]
    assert got == [
        ("overdue", "2023-12-31", "b.txt", None, Decimal("76480.00"), 1075, "2026-12-31"),
        ("overdue", "2024-01-01", "c.txt", None, Decimal("24760.55"), 1074, "2027-01-01"),
        ("instalment", "2026-12-15", "a.txt", 6, Decimal("10661.85"), None, "None"),
        ("limitation", "2026-12-31", "b.txt", None, None, None, "2026-12-31"),
        ("limitation", "2027-01-01", "c.txt", None, None, None, "2027-01-01"),
    ]
    assert any("还款记录" in a for a in report.assumptions)


def test_ics_parses_and_is_stable(archive: Path) -> None:
    report = due_report(archive, as_of=AS_OF, within_days=30)
    data = to_ics(report)
    assert data == to_ics(
        due_report(archive, as_of=AS_OF, within_days=30)
    )  # same store, same day: same bytes
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5
    starts = sorted(ev.decoded("dtstart") for ev in events)
    assert starts[0] == date(2023, 12, 31) and starts[-1] == date(2027, 1, 1)
    assert len({str(ev["uid"]) for ev in events}) == 5
    instalment = next(ev for ev in events if "第6/12期" in str(ev["summary"]))
    assert instalment.decoded("dtstart") == date(2026, 12, 15)


def test_cli_formats(archive: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["due", "--db", str(archive), "--as-of", AS_OF, "--within", "30d"]
    out = runner.invoke(main, [*base, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)["events"]) == 5
    csv_out = runner.invoke(main, [*base, "--format", "csv"])
    assert csv_out.output == to_csv(due_report(archive, as_of=AS_OF, within_days=30))
    assert csv_out.output.splitlines()[0].startswith("kind,date,path")
    ics = tmp_path / "due.ics"
    wrote = runner.invoke(main, [*base, "--format", "ics", "-o", str(ics)])
    assert wrote.exit_code == 0 and icalendar.Calendar.from_ical(ics.read_bytes())
    table = runner.invoke(main, [*base, "--within", "1w"])
    assert table.exit_code == 0 and "1 contracts left out" in table.output
    assert "时效" not in table.output.split("contracts left out")[0]  # both limitation ends beyond one week
    bad = runner.invoke(main, [*base, "--within", "a month"])
    assert bad.exit_code == 2 and "--within" in bad.output


def test_missing_or_foreign_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such results store"):
        due_report(tmp_path / "nope.sqlite", as_of=AS_OF)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError):
        due_report(junk, as_of=AS_OF)
    out = CliRunner().invoke(main, ["due", "--db", str(junk), "--as-of", AS_OF])
    assert out.exit_code == 2 and "loanclause due:" in out.output
