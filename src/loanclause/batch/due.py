"""What falls due across a scanned archive: instalments in a window, contracts past maturity, limitation deadlines.

A legal team that scanned its archive (``loanclause scan --db scan.sqlite``) asks, on a given day: which
instalments fall due in the next weeks, which contracts are past maturity and what could be claimed on them
today under the caps, and whose limitation period ends soon.  :func:`due_report` answers from the stored reports
alone — the store holds each contract's terms, not its repayment history — so the assumptions are stated with
every answer:

* a contract is *past maturity* when its last due date is before ``as_of``; nothing is known about what was
  repaid, so the claimable amount assumes nothing was (``loanclause.claim.claimable_at``);
* the limitation period is three years (Civil Code Art. 188) from the due date of the last instalment (Art.
  189, for a debt repaid in instalments; the same date for a single repayment); interruptions (a demand, a
  partial payment, Art. 195) are not in the store and would restart it.

Outputs: :func:`to_csv`, JSON (``DueReport.model_dump_json``) and :func:`to_ics` (RFC 5545, made with the
``icalendar`` library), with stable event UIDs so that re-importing a newer export updates the same events.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from loanclause.batch.store import SCHEMA_VERSION, StoreError
from loanclause.deadlines import last_due_date, limitation_ends
from loanclause.law._fmt import money
from loanclause.models import ContractReport

__all__ = ["DueEvent", "DueReport", "due_report", "to_csv", "to_ics"]

EventKind = Literal["instalment", "overdue", "limitation"]
Day = date  # DueEvent has a field named ``date``


class DueEvent(BaseModel):
    """One dated thing to act on, for one contract."""

    kind: EventKind
    date: Day = Field(description="instalment: its due date; overdue: the maturity date; limitation: its end")
    path: str
    member: str = ""
    sha256: str
    lender: str | None = None
    borrower: str | None = None
    number: int | None = Field(default=None, description="the instalment's number (instalment events)")
    amount: Decimal | None = Field(
        default=None,
        description="instalment: the payment due; overdue: principal + capped interest claimable at as_of",
    )
    days_overdue: int | None = None
    limitation_ends: Day | None = None
    summary: str = Field(description="one line, Chinese / English")


class DueReport(BaseModel):
    as_of: date
    until: date = Field(description="the last day of the window (inclusive)")
    contracts: int = Field(description="contracts read from the store")
    without_dates: int = Field(description="contracts whose maturity the text does not give (left out)")
    events: list[DueEvent] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)


def _read_reports(db: str | PathLike[str]) -> list[tuple[str, str, ContractReport]]:
    """The latest ``ok`` report of every (path, member) in the store, opened read-only."""
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"{db}: no such results store (run `loanclause scan … --db {db}` first)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise StoreError(
                    f"{db}: results store schema {version}, this loanclause reads {SCHEMA_VERSION}"
                )
            rows = conn.execute(
                "SELECT path, member, report_json FROM files WHERE id IN ("
                " SELECT max(id) FROM files WHERE status = 'ok' AND report_json IS NOT NULL GROUP BY path, member)"
                " ORDER BY path, member"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{db}: not a usable results store: {err}") from None
    return [(p, m, ContractReport.model_validate_json(js)) for p, m, js in rows]


def due_report(
    db: str | PathLike[str],
    *,
    as_of: date | str,
    within_days: int = 30,
    lpr_table: str | PathLike[str] | None = None,
) -> DueReport:
    """Instalments due in ``[as_of, as_of + within_days]``, contracts past maturity at ``as_of`` (with the amount
    claimable under the caps if nothing was repaid) and limitation periods ending in the window."""
    from loanclause.claim import claimable_at, stated_assumptions
    from loanclause.rules.context import RuleContext

    day = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    if within_days < 0:
        raise ValueError(f"within_days must not be negative: {within_days}")
    until = day + timedelta(days=within_days)
    out = DueReport(
        as_of=day,
        until=until,
        contracts=0,
        without_dates=0,
        assumptions=[
            "库中只有合同条款，没有还款记录：到期未清偿按全部未还计算 / the store holds the terms, not what was "
            "repaid: a contract past maturity is taken as wholly unpaid",
            "诉讼时效三年，自最后一期履行期限届满之日起计算（民法典第一百八十八条、第一百八十九条）；催告、部分还款等"
            "中断事由未计入 / limitation: three years from the last due date (Civil Code Arts. 188, 189); "
            "interruptions such as a demand or a part payment are not known and not counted",
        ],
    )
    for path, member, report in _read_reports(db):
        out.contracts += 1
        terms = report.terms
        ctx = RuleContext.build(report, as_of=day, lpr_table=lpr_table)
        schedule, maturity = last_due_date(report, ctx)
        if maturity is None:
            out.without_dates += 1
            continue
        who = terms.borrower or "借款人未识别"
        common = {
            "path": path,
            "member": member,
            "sha256": report.sha256,
            "lender": terms.lender,
            "borrower": terms.borrower,
        }
        limitation = limitation_ends(maturity)
        if schedule is not None:
            for inst in schedule.instalments:
                if day <= inst.due_date <= until:
                    out.events.append(
                        DueEvent(
                            kind="instalment",
                            date=inst.due_date,
                            number=inst.number,
                            amount=inst.payment,
                            summary=f"{who} 第{inst.number}/{schedule.periods}期应还{money(inst.payment)}元 / "
                            f"instalment {inst.number} of {schedule.periods}: {money(inst.payment)} due",
                            **common,
                        )
                    )
        if maturity < day:
            claim = claimable_at(ctx, stated_assumptions(ctx))
            days = (day - maturity).days
            expired = limitation < day
            note_zh = "，诉讼时效可能已届满" if expired else f"，诉讼时效至{limitation}"
            note_en = (
                "; the limitation period may have run out" if expired else f"; limitation ends {limitation}"
            )
            amount = claim.total if claim is not None else None
            claim_zh = f"，按上限可主张{money(amount)}元" if amount is not None else ""
            claim_en = f", claimable under the caps {money(amount)}" if amount is not None else ""
            out.events.append(
                DueEvent(
                    kind="overdue",
                    date=maturity,
                    amount=amount,
                    days_overdue=days,
                    limitation_ends=limitation,
                    summary=f"{who} 已到期{days}天{claim_zh}{note_zh} / past maturity by {days} days"
                    f"{claim_en}{note_en}",
                    **common,
                )
            )
        if day <= limitation <= until:
            out.events.append(
                DueEvent(
                    kind="limitation",
                    date=limitation,
                    limitation_ends=limitation,
                    summary=f"{who} 诉讼时效届满（到期日{maturity}起三年） / limitation period ends (three "
                    f"years from the due date {maturity})",
                    **common,
                )
            )
    order = {"overdue": 0, "instalment": 1, "limitation": 2}
    out.events.sort(key=lambda e: (order[e.kind], e.date, e.path, e.member, e.number or 0))
    return out


_CSV_FIELDS = (
    "kind",
    "date",
    "path",
    "member",
    "borrower",
    "lender",
    "number",
    "amount",
    "days_overdue",
    "limitation_ends",
    "summary",
    "sha256",
)


def to_csv(report: DueReport) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for e in report.events:
        row = e.model_dump(mode="json")
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in _CSV_FIELDS})
    return buf.getvalue()


def to_ics(report: DueReport) -> bytes:
    """An iCalendar file: one all-day event per item, its UID stable across exports (content hash, kind,
    instalment number), DTSTAMP the check date so that the same store and date give the same bytes."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//loanclause//due//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"loanclause {report.as_of}–{report.until}")
    stamp = datetime(report.as_of.year, report.as_of.month, report.as_of.day, tzinfo=UTC)
    for e in report.events:
        ev = Event()
        ev.add("uid", f"{e.sha256[:20]}-{e.kind}-{e.number or 0}@loanclause")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.date)
        ev.add("dtend", e.date + timedelta(days=1))
        ev.add("summary", e.summary.split(" / ")[0])
        where = f"{e.path}!/{e.member}" if e.member else e.path
        ev.add("description", f"{e.summary}\n{where}")
        ev.add("categories", [e.kind])
        cal.add_component(ev)
    return cal.to_ical()
