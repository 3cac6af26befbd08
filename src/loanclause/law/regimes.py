"""Which interest cap governs a loan: by lender kind, contract date and (for old contracts) the filing date.

Private lending (民间借贷, ``lender_kind="private"``), per the SPC private-lending provisions:

* contract formed on or after 2020-08-20 → 4 × the one-year LPR in force when the contract was formed
  (current Art. 25; for loans between natural persons the contract is formed when the money is provided,
  Civil Code Art. 679);
* contract formed before 2020-08-20 (transition, current Art. 31(2)) → interest up to 2020-08-19 under the 2015
  text (≤ 24 % enforceable, 24–36 % not enforced but not refundable, above 36 % void), if a party asks; interest
  from 2020-08-20 under "the rate-protection standard of these provisions at the time of suit", commonly read as
  4 × the LPR at the filing date (an interpretation, not the text);
* a filing date before 2020-08-20 → the 2015 text throughout; a filing date from 2020-08-20 to 2020-12-31 → the
  August 2020 text (4 × LPR at formation, or at suit for lending before 2019-08-20, its Art. 32(2)).

When no filing date is given, the check date (``as_of``, default today) is treated as a hypothetical filing date
(``caps.yaml: engine_defaults``).

Licensed lenders (``licensed_fi``: banks, consumer-finance companies …; ``local_fin_org``: the seven kinds of
local financial organisations, 法释〔2020〕27号) are outside the private-lending provisions (Art. 1(2)).  For them
the test is a 24 % comprehensive-cost *reference* (法发〔2017〕22号: courts reduce, at the borrower's request, the
part of all charges above 24 % a year) — a secondary source, so findings are warnings — and, for microloan
companies, the reported target of 4 × LPR for new loans by end-2027 (information only).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from loanclause import clock
from loanclause.law._data import caps_data, citations_data
from loanclause.law._fmt import pct
from loanclause.law.citations import citation
from loanclause.law.errors import UnknownLenderKindError
from loanclause.law.lpr import LPR_FIRST_PUBLICATION, LprLookup, LprTable, resolve_lpr_table
from loanclause.models import Citation

__all__ = [
    "LENDER_KINDS",
    "TRANSITION_DATE",
    "Cap",
    "OverdueDefault",
    "Regime",
    "cap_for",
    "check_lender_kind",
    "regime_for",
]

LENDER_KINDS: tuple[str, ...] = ("private", "licensed_fi", "local_fin_org")

Confidence = Literal["verified_text", "secondary"]


def _regime_data(regime_id: str) -> dict[str, Any]:
    for r in caps_data()["regimes"]:
        if r["id"] == regime_id:
            return r
    raise KeyError(regime_id)


@functools.cache
def _numbers() -> dict[str, Any]:
    """The numbers the engine uses, read from caps.yaml (so the data file stays the single source)."""
    pl2015 = _regime_data("pl2015")
    zones = pl2015["loan_period_interest"]["zones"]
    pl2021 = _regime_data("pl2021")
    fi = _regime_data("fi_spc2017")
    micro = _regime_data("microloan_2025")
    transition = next(t for t in caps_data()["transition_rules"] if t["id"] == "pl_transition_current")
    return {
        "zone_enforceable": Decimal(str(zones[0]["to"])),
        "zone_void": Decimal(str(zones[1]["to"])),
        "pl2015_overdue_default": Decimal(str(pl2015["overdue_interest"]["none_agreed_default"])),
        "pl2015_combined": Decimal(str(pl2015["combined_overdue_interest_penalty_fees_cap"])),
        "multiplier": int(pl2021["cap"]["multiplier"]),
        "transition": date.fromisoformat(str(transition["boundary"])),
        "pl2021_from": date.fromisoformat(str(pl2021["cap_standard_from"])),
        "pl2020a_to": date.fromisoformat(str(_regime_data("pl2020a")["effective_to"])),
        "fi_cap": Decimal(str(fi["cap"]["fixed_annual"])),
        "micro_multiplier": int(micro["target_multiplier"]),
        "micro_by": date.fromisoformat(str(micro["target_by"])),
        "micro_max": Decimal(str(micro["cap"]["new_loans_max"])),
        "micro_from": date.fromisoformat(str(micro["effective_from"])),
        "pl2015_from": date.fromisoformat(str(pl2015["effective_from"])),
        "reply_2020_27_from": date.fromisoformat(
            str(citations_data()["documents"]["spc_reply_2020_27"]["effective_from"])
        ),
    }


def microloan_target_date() -> date:
    """The date by which microloan companies' new loans are to come down to the LPR multiple (secondary)."""
    return _numbers()["micro_by"]


TRANSITION_DATE: date = _numbers()["transition"]  # from caps.yaml (transition_rules boundary)


_CN_MULTIPLE = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}


@dataclass(frozen=True)
class Cap:
    """One ceiling (or reference, or target) on the annual rate, for the interest accruing in
    ``applies_from`` … ``applies_to`` (inclusive; None = open).

    ``rate`` is the enforceable ceiling as a fraction.  The 2015 regime also has ``void_above`` (0.36): between
    ``rate`` and ``void_above`` interest is not enforced but, if paid, not refundable.  ``nature`` is
    ``ceiling`` (law: the excess is not supported), ``reference`` (a court guideline applied on the borrower's
    request; secondary source) or ``target`` (a regulator's target; information only)."""

    regime: str
    rate: Decimal
    nature: Literal["ceiling", "reference", "target", "regulatory"]
    basis: Literal["lpr_at_formation", "lpr_at_filing", "fixed"]
    citation_key: str
    citation: Citation
    combined_citation: Citation
    confidence: Confidence = "verified_text"
    multiplier: int | None = None
    lpr: LprLookup | None = None
    reference_date: date | None = None
    void_above: Decimal | None = None
    applies_from: date | None = None
    applies_to: date | None = None
    interpretation: str | None = None
    notes: tuple[str, ...] = ()

    def covers(self, day: date) -> bool:
        return (self.applies_from is None or day >= self.applies_from) and (
            self.applies_to is None or day <= self.applies_to
        )

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether the cap governs any day of ``start`` … ``end`` (None = open)."""
        if start is not None and self.applies_to is not None and start > self.applies_to:
            return False
        return not (end is not None and self.applies_from is not None and end < self.applies_from)

    @property
    def period_zh(self) -> str:
        if self.applies_from and self.applies_to:
            return f"{self.applies_from}至{self.applies_to}的利息"
        if self.applies_to:
            return f"{self.applies_to}及以前的利息"
        if self.applies_from:
            return f"{self.applies_from}起的利息"
        return ""

    @property
    def period_en(self) -> str:
        if self.applies_from and self.applies_to:
            return f"interest from {self.applies_from} to {self.applies_to}"
        if self.applies_to:
            return f"interest up to {self.applies_to}"
        if self.applies_from:
            return f"interest from {self.applies_from}"
        return ""

    @property
    def describe_zh(self) -> str:
        """E.g. ``合同成立时（2023-05-01）一年期LPR 3.65%的四倍14.6%``."""
        times = f"{_CN_MULTIPLE.get(self.multiplier or 0, self.multiplier)}倍"
        if self.basis == "lpr_at_formation" and self.lpr is not None:
            return (
                f"合同成立时（{self.reference_date}）一年期LPR {pct(self.lpr.rate)}的{times}{pct(self.rate)}"
            )
        if self.basis == "lpr_at_filing" and self.lpr is not None:
            return f"起诉时（{self.reference_date}）一年期LPR {pct(self.lpr.rate)}的{times}{pct(self.rate)}"
        if self.regime == "pl2015":
            return f"2015年民间借贷规定的年利率{pct(self.rate)}（超过{pct(self.void_above)}部分无效）"
        if self.nature == "reference":
            return f"金融借款综合成本年化{pct(self.rate)}的司法参考线（法发〔2017〕22号，二手来源）"
        return pct(self.rate)

    @property
    def describe_en(self) -> str:
        if self.basis == "lpr_at_formation" and self.lpr is not None:
            return (
                f"4 × the one-year LPR when the contract was formed ({self.reference_date}: "
                f"{pct(self.lpr.rate)}) = {pct(self.rate)}"
            )
        if self.basis == "lpr_at_filing" and self.lpr is not None:
            return f"4 × the one-year LPR at filing ({self.reference_date}: {pct(self.lpr.rate)}) = {pct(self.rate)}"
        if self.regime == "pl2015":
            return (
                f"the 2015 private-lending rule: {pct(self.rate)} a year (void above {pct(self.void_above)})"
            )
        if self.nature == "reference":
            return f"the {pct(self.rate)} comprehensive-cost reference for financial loans (法发〔2017〕22号, secondary)"
        return pct(self.rate)


@dataclass(frozen=True)
class OverdueDefault:
    """The overdue rate that applies when the contract agreed none (``rate`` None: nothing can be claimed)."""

    rate: Decimal | None
    citation: Citation
    why_zh: str
    why_en: str
    lpr: LprLookup | None = None


@dataclass(frozen=True)
class Regime:
    """The caps for one contract: lender kind, contract date, (assumed) filing date."""

    id: Literal["pl2021", "pl_transition", "pl2015", "pl2020a", "fi"]
    lender_kind: str
    contract_date: date
    filing_date: date
    filing_date_assumed: bool
    caps: tuple[Cap, ...]
    info_caps: tuple[Cap, ...] = ()
    notes: tuple[str, ...] = ()
    _table: LprTable | None = field(default=None, repr=False, compare=False)

    @property
    def private(self) -> bool:
        return self.lender_kind == "private"

    def cap_on(self, day: date) -> Cap:
        """The cap that governs interest accruing on ``day``."""
        for cap in self.caps:
            if cap.covers(day):
                return cap
        return self.caps[-1]  # the caps of a regime cover every day; kept for safety

    def caps_between(self, start: date | None, end: date | None) -> list[Cap]:
        """The caps governing some day of ``start`` … ``end`` (None = open), oldest first."""
        return [c for c in self.caps if c.overlaps(start, end)] or [self.caps[-1]]

    def overdue_default(self, day: date, *, loan_rate: Decimal | None) -> OverdueDefault:
        """The overdue rate when none was agreed, for an overdue period starting on ``day``.

        Loan-period rate agreed → that rate runs from the overdue date (current Art. 28(2)(二); 2015 Art.
        29(2)(二)).  Neither agreed → current text: the one-year LPR "at the time" (Art. 28(2)(一); taken as the
        LPR in force on the first overdue day); 2015 text: 6 % a year."""
        cap = self.cap_on(day)
        if cap.regime == "pl2015":
            if loan_rate:
                return OverdueDefault(
                    loan_rate,
                    citation("spc_pl_2015:29", detail="第二款第（二）项"),
                    "未约定逾期利率，按借期内利率计算（2015年规定第二十九条第二款第（二）项）",
                    "no overdue rate agreed: the loan-period rate runs (2015 provisions Art. 29(2)(ii))",
                )
            six = _numbers()["pl2015_overdue_default"]
            return OverdueDefault(
                six,
                citation("spc_pl_2015:29", detail="第二款第（一）项"),
                f"借期内利率和逾期利率均未约定，按年利率{pct(six)}计算（2015年规定第二十九条第二款第（一）项）",
                f"neither rate agreed: {pct(six)} a year (2015 provisions Art. 29(2)(i))",
            )
        if loan_rate:
            key = "spc_pl_current:28" if self.private else "civil_code:676"
            detail = "第二款第（二）项" if self.private else None
            analogy_zh = "" if self.private else "（金融借款不适用民间借贷规定，此处类推）"
            analogy_en = "" if self.private else " (by analogy: the private-lending provisions do not govern)"
            return OverdueDefault(
                loan_rate,
                citation(key, detail=detail),
                f"未约定逾期利率，自逾期之日起按借期内利率计算{analogy_zh}",
                f"no overdue rate agreed: the loan-period rate runs from the overdue date{analogy_en}",
            )
        lookup = resolve_lpr_table(self._table).on(max(day, LPR_FIRST_PUBLICATION))
        if not self.private:
            return OverdueDefault(
                lookup.rate,
                citation("civil_code:676"),
                f"借期内利率和逾期利率均未约定，参照逾期时（{lookup.on}）一年期LPR {pct(lookup.rate)}计算"
                "（金融借款不适用民间借贷规定，此处类推）",
                f"neither rate agreed: the one-year LPR when overdue ({lookup.on}: {pct(lookup.rate)}), by "
                "analogy with the private-lending rule (Civil Code Art. 676: as agreed or per state rules)",
                lookup,
            )
        return OverdueDefault(
            lookup.rate,
            citation("spc_pl_current:28", detail="第二款第（一）项"),
            f"借期内利率和逾期利率均未约定，参照当时（{lookup.on}）一年期LPR {pct(lookup.rate)}计算"
            "（“当时”取逾期之日，系解释）",
            f"neither rate agreed: the one-year LPR at the time ({lookup.on}: {pct(lookup.rate)}); "
            "'at the time' read as the first overdue day (interpretation)",
            lookup,
        )


def check_lender_kind(lender_kind: str | None) -> str:
    """Normalise and validate a lender kind (None → ``private``)."""
    kind = (lender_kind or "private").strip().lower()
    if kind not in LENDER_KINDS:
        raise UnknownLenderKindError(
            f"unknown lender kind {lender_kind!r}: use private (民间借贷, the default), licensed_fi (banks, "
            "consumer-finance and other licensed lenders) or local_fin_org (小额贷款公司 and the other local "
            "financial organisations)"
        )
    return kind


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _lpr_cap(
    regime: str, key: str, combined_key: str, basis: Any, on: date, table: LprTable, **kw: Any
) -> Cap:
    lookup = table.on(on)
    mult = _numbers()["multiplier"]
    notes = tuple(kw.pop("notes", ())) + ((lookup.note,) if lookup.note else ())
    detail = kw.pop("detail", None)
    return Cap(
        regime=regime,
        rate=lookup.rate * mult,
        nature="ceiling",
        basis=basis,
        citation_key=key,
        citation=citation(key, detail=detail),
        combined_citation=citation(combined_key, detail=detail if combined_key == key else None),
        multiplier=mult,
        lpr=lookup,
        reference_date=on,
        notes=notes,
        **kw,
    )


def _pl2015_cap(**kw: Any) -> Cap:
    n = _numbers()
    return Cap(
        regime="pl2015",
        rate=n["zone_enforceable"],
        nature="ceiling",
        basis="fixed",
        citation_key="spc_pl_2015:26",
        citation=citation("spc_pl_2015:26"),
        combined_citation=citation("spc_pl_2015:30"),
        void_above=n["zone_void"],
        **kw,
    )


def regime_for(
    contract_date: date | str,
    lender_kind: str | None = "private",
    *,
    filing_date: date | str | None = None,
    lpr_table: LprTable | str | None = None,
) -> Regime:
    """The cap regime for a contract formed on ``contract_date`` by a ``lender_kind`` lender.

    ``filing_date`` is the day the suit is (or would be) filed; None → today, recorded as assumed.  Raises
    :class:`UnknownLenderKindError` for other lender kinds and :class:`LprUnavailableError` when a needed LPR
    does not exist."""
    kind = check_lender_kind(lender_kind)
    contract_date = _as_date(contract_date)
    assumed = filing_date is None
    filing = clock.today() if filing_date is None else _as_date(filing_date)
    table = resolve_lpr_table(lpr_table)
    n = _numbers()
    transition: date = n["transition"]
    notes: list[str] = []
    if assumed:
        told = f"{clock.AS_OF_VARIABLE}" if os.environ.get(clock.AS_OF_VARIABLE, "").strip() else "today"
        notes.append(f"no filing date given: {filing} ({told}) treated as the filing date")

    if kind != "private":
        fi = _regime_data("fi_spc2017")
        ref = Cap(
            regime="fi_spc2017",
            rate=n["fi_cap"],
            nature="reference",
            basis="fixed",
            citation_key=fi["citation_key"],
            citation=citation(fi["citation_key"], detail="第二条"),
            combined_citation=citation(fi["citation_key"], detail="第二条"),
            confidence="secondary",
            notes=(
                "licensed lender: the private-lending 4 × LPR cap does not apply (provisions Art. 1(2); "
                "法释〔2020〕27号 for local financial organisations); 24% is a court guideline known from "
                "secondary sources, applied on the borrower's request",
            ),
        )
        info: tuple[Cap, ...] = ()
        if kind == "local_fin_org":
            if filing < n["reply_2020_27_from"]:
                notes.append(
                    "filing before 2021-01-01: the SPC reply 法释〔2020〕27号 (excluding local financial "
                    "organisations from the private-lending provisions) was not yet in force"
                )
            micro = _regime_data("microloan_2025")
            micro_from = n["micro_from"]
            if contract_date < micro_from:
                notes.append(
                    f"the microloan-company cost guideline (reported, {micro_from}) governs loans made from then on; "
                    f"this loan ({contract_date}) predates it"
                )
            else:
                micro_cit = citation(micro["citation_key"])
                shared: dict[str, Any] = {
                    "regime": "microloan_2025",
                    "citation_key": micro["citation_key"],
                    "citation": micro_cit,
                    "combined_citation": micro_cit,
                    "confidence": "secondary",
                    "reference_date": contract_date,
                }
                lpr = table.on(contract_date)
                info = (
                    Cap(
                        rate=n["micro_max"],
                        nature="regulatory",
                        basis="fixed",
                        notes=(
                            f"microloan companies (小额贷款公司): comprehensive financing cost of new loans at most "
                            f"{pct(n['micro_max'])} (reported guideline, secondary; a supervisory rule, its civil "
                            "effect is not stated)",
                        ),
                        **shared,
                    ),
                    Cap(
                        rate=lpr.rate * n["micro_multiplier"],
                        nature="target",
                        basis="lpr_at_formation",
                        multiplier=n["micro_multiplier"],
                        lpr=lpr,
                        **shared,
                        notes=(
                            f"microloan companies (小额贷款公司): new loans to come down to {n['micro_multiplier']} × "
                            f"LPR by {n['micro_by']} (reported guideline, secondary)",
                        ),
                    ),
                )
        return Regime("fi", kind, contract_date, filing, assumed, (ref,), info, tuple(notes), table)

    # ---- private lending
    if filing < transition:
        notes.append(f"filing date {filing} is before {transition}: the 2015 provisions govern throughout")
        if filing < n["pl2015_from"]:
            notes.append(
                f"filing date {filing} is before the 2015 provisions took effect (2015-09-01); the older rules "
                "are not modelled, the 2015 rule is shown instead"
            )
        return Regime(
            "pl2015", kind, contract_date, filing, assumed, (_pl2015_cap(),), (), tuple(notes), table
        )

    if filing <= n["pl2020a_to"]:
        # cases accepted 2020-08-20 … 2020-12-31: the August 2020 text
        if contract_date >= LPR_FIRST_PUBLICATION:
            cap = _lpr_cap(
                "pl2020a",
                "spc_pl_2020_aug:26",
                "spc_pl_2020_aug:26",
                "lpr_at_formation",
                contract_date,
                table,
            )
        else:
            cap = _lpr_cap(
                "pl2020a",
                "spc_pl_2020_aug:32",
                "spc_pl_2020_aug:32",
                "lpr_at_filing",
                filing,
                table,
                detail="第二款",
                notes=(
                    "lending before 2019-08-20: 4 × LPR at the time of suit (August 2020 text Art. 32(2))",
                ),
            )
        notes.append(
            f"filing date {filing} falls under the August 2020 text (in force 2020-08-20 … 2020-12-31)"
        )
        return Regime("pl2020a", kind, contract_date, filing, assumed, (cap,), (), tuple(notes), table)

    if contract_date >= transition:
        cap = _lpr_cap(
            "pl2021", "spc_pl_current:25", "spc_pl_current:29", "lpr_at_formation", contract_date, table
        )
        return Regime("pl2021", kind, contract_date, filing, assumed, (cap,), (), tuple(notes), table)

    # contract formed before 2020-08-20, suit from 2021-01-01: split at 2020-08-20 (Art. 31(2))
    old = _pl2015_cap(
        applies_to=transition - timedelta(days=1),
        notes=("interest up to 2020-08-19 under the 2015 provisions, if a party asks (current Art. 31(2))",),
    )
    new = _lpr_cap(
        "pl2021",
        "spc_pl_current:31",
        "spc_pl_current:31",
        "lpr_at_filing",
        filing,
        table,
        detail="第二款",
        applies_from=transition,
        interpretation=(
            "“起诉时本规定的利率保护标准” read as 4 × the one-year LPR at the filing date: the common "
            "interpretation, not the text"
        ),
    )
    notes.append(
        f"contract formed {contract_date}, before {transition}: interest to {transition - timedelta(days=1)} "
        f"under the 2015 rule, from {transition} under 4 × LPR at filing ({filing})"
    )
    return Regime("pl_transition", kind, contract_date, filing, assumed, (old, new), (), tuple(notes), table)


def cap_for(
    contract_date: date | str,
    lender_kind: str | None = "private",
    *,
    filing_date: date | str | None = None,
    on: date | str | None = None,
    lpr_table: LprTable | str | None = None,
) -> tuple[Cap, ...]:
    """The cap(s), each with its citation, for a contract; with ``on``, only the one governing that day.

    A contract formed before 2020-08-20 has two: the 2015 rule up to 2020-08-19 and 4 × LPR at filing from
    2020-08-20."""
    regime = regime_for(contract_date, lender_kind, filing_date=filing_date, lpr_table=lpr_table)
    if on is not None:
        return (regime.cap_on(_as_date(on)),)
    return regime.caps
