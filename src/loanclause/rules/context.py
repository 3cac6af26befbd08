"""What every rule needs to know about a report, worked out once: the check date, which date stands for the
contract date (and how sure we are), the lender kind, the cap regime, spans and clauses, and rates per year."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from os import PathLike
from typing import Literal

from loanclause import clock
from loanclause.law import Cap, LprTable, Regime, check_lender_kind, regime_for, resolve_lpr_table
from loanclause.law._fmt import money, pct
from loanclause.models import Clause, ContractReport, Fee, LoanTerms, Penalty, Rate
from loanclause.values.dates import add_months

__all__ = ["NEGATION_RE", "Annual", "RuleContext", "annualise_rate", "rate_phrase_en", "rate_phrase_zh"]

_FACTOR = {"year": Decimal(1), "month": Decimal(12)}
_KIND_ZH = {"private": "民间借贷", "licensed_fi": "持牌金融机构", "local_fin_org": "地方金融组织"}
_KIND_EN = {
    "private": "private lender",
    "licensed_fi": "licensed financial institution",
    "local_fin_org": "local financial organisation",
}

# 实际到账金额为人民币90000元 / 实际出借9万元
_ACTUAL_RE = re.compile(
    r"实际(?:到账|出借|支付|发放|放款|借款|收到|到手)(?:的)?(?:金额|款项|数额|本金)?(?:为|是|仅为|[:：])?"
    r"[^。；;\n]{0,20}?(?:元|圆)"
)

# words that, shortly before a keyword, turn "预先扣除利息" into "不得预先扣除利息"
NEGATION_RE = re.compile(
    r"(不得|不会|不再|不予|不计|不收|不另|不存在|不能|不可|不应|没有|并无|无须|无需|禁止|严禁|并非|并未|从未|均未)"
)


@dataclass(frozen=True)
class Annual:
    """A contract rate per year.  ``alt_360`` is the figure on a 360-day basis for a daily rate whose basis the
    contract does not state (the engine reports both, caps.yaml engine_defaults)."""

    value: Decimal
    period: str | None
    text: str
    alt_360: Decimal | None = None
    derived: str | None = None  # how it was derived when not stated, for the message

    def over(self, cap: Decimal) -> bool:
        return self.value > cap

    def basis_note_zh(self, cap: Decimal) -> str:
        if self.alt_360 is not None and self.alt_360 <= cap < self.value:
            return f"（按一年360天折算为{pct(self.alt_360)}，未超过；合同未写明计息基数）"
        return ""

    def basis_note_en(self, cap: Decimal) -> str:
        if self.alt_360 is not None and self.alt_360 <= cap < self.value:
            return f" (on a 360-day basis {pct(self.alt_360)}, within the cap; the contract does not state the basis)"
        return ""


def annualise_rate(rate: Rate | None) -> Annual | None:
    """The rate per year, or None when it cannot be annualised without guessing (no value or no period)."""
    if rate is None:
        return None
    alt = None
    if rate.period == "day" and rate.value is not None and "360" not in rate.text and "365" not in rate.text:
        alt = rate.value * 360
    if rate.annual is not None:
        if rate.period == "day" and rate.value is not None and rate.basis_days == 360:
            alt = None
        return Annual(rate.annual, rate.period, rate.text, alt)
    if rate.value is None or rate.period is None:
        return None
    if rate.period == "day":
        return Annual(rate.value * rate.basis_days, "day", rate.text, alt if rate.basis_days != 360 else None)
    return Annual(rate.value * _FACTOR[rate.period], rate.period, rate.text)


_ORGANISATION = re.compile(
    r"公司|银行|合作社|中心|集团|机构|平台|事务所|企业|商行|典当|保理|租赁|信托|基金|协会|委员会"
)


def natural_person(name: str | None) -> bool:
    """A party name that reads as a person's (张三, 李某某), not an organisation's.  Unknown → False, so the
    signing date stays the formation date unless both parties are clearly people."""
    return bool(name) and len(name) <= 6 and not _ORGANISATION.search(name)


@dataclass
class RuleContext:
    report: ContractReport
    as_of: date
    lpr_table: LprTable
    lender_kind: str
    contract_date: date
    date_source: Literal["caller", "contract_date", "disbursement", "start_date", "as_of"]
    _clauses_by_level: list[Clause] = field(default_factory=list, repr=False)
    filing_date: date | None = None  # the assumed date of suit; None → the check date

    @classmethod
    def build(
        cls,
        report: ContractReport,
        *,
        as_of: date | str | None = None,
        lpr_table: LprTable | str | PathLike[str] | None = None,
        filing_date: date | str | None = None,
    ) -> RuleContext:
        if isinstance(as_of, str):
            as_of = date.fromisoformat(as_of)
        if isinstance(filing_date, str):
            filing_date = date.fromisoformat(filing_date)
        check_date = as_of or report.as_of or clock.today()
        terms = report.terms
        if terms.contract_date is not None and terms.contract_date_source == "caller":
            cdate, source = terms.contract_date, "caller"
        elif (
            terms.start_date is not None
            and terms.contract_date is not None
            and terms.start_date != terms.contract_date
            and natural_person(terms.lender)
            and natural_person(terms.borrower)
        ):
            # Between natural persons a loan contract is formed when the money is provided (Civil Code Art. 679).
            cdate, source = terms.start_date, "disbursement"
        elif terms.contract_date is not None:
            cdate, source = terms.contract_date, "contract_date"
        elif terms.start_date is not None:
            cdate, source = terms.start_date, "start_date"
        else:
            cdate, source = check_date, "as_of"
        kind = check_lender_kind(report.lender_kind)
        # deepest clause first, so clause_at returns the most specific clause
        ordered = sorted(report.clauses, key=lambda c: (c.end - c.start, -c.level))
        return cls(
            report,
            check_date,
            resolve_lpr_table(lpr_table),
            kind,
            cdate,
            source,  # type: ignore[arg-type]
            ordered,
            filing_date,
        )

    # ------------------------------------------------------------------ facts

    @property
    def terms(self) -> LoanTerms:
        return self.report.terms

    @property
    def private(self) -> bool:
        return self.lender_kind == "private"

    @property
    def filed(self) -> date:
        """The date of suit the transition rule is applied for: the caller's, else the check date."""
        return self.filing_date or self.as_of

    @property
    def lender_kind_zh(self) -> str:
        return _KIND_ZH.get(self.lender_kind, self.lender_kind)

    @property
    def lender_kind_en(self) -> str:
        return _KIND_EN.get(self.lender_kind, self.lender_kind)

    @cached_property
    def regime(self) -> Regime:
        return regime_for(
            self.contract_date, self.lender_kind, filing_date=self.filed, lpr_table=self.lpr_table
        )

    @property
    def date_note_zh(self) -> str:
        if self.date_source == "disbursement":
            return f"自然人之间的借款合同自贷款人提供借款时成立（民法典第六百七十九条），按借款起始日{self.contract_date}确定上限"
        if self.date_source == "start_date":
            return f"合同未载明成立日期，按借款起始日{self.contract_date}确定上限"
        if self.date_source == "as_of":
            return f"合同未载明成立日期或起始日，按检查日{self.contract_date}确定上限，结论可能不准确"
        return ""

    @property
    def date_note_en(self) -> str:
        if self.date_source == "disbursement":
            return (
                "a loan between natural persons is formed when the money is provided (Civil Code Art. 679); "
                f"the loan start date {self.contract_date} was used for the cap"
            )
        if self.date_source == "start_date":
            return f"no contract date found; the loan start date {self.contract_date} was used for the cap"
        if self.date_source == "as_of":
            return (
                f"no contract or start date found; the check date {self.contract_date} was used for the cap, "
                "so the result may be wrong"
            )
        return ""

    def provisional(self, cap: Cap | None) -> bool:
        """Whether a verdict against ``cap`` rests on an assumption: the contract date is not in the text, or
        the LPR behind the cap may be out of date or has a single source."""
        if self.date_source == "as_of" and self.private:
            return True
        return cap is not None and cap.lpr is not None and (cap.lpr.stale or not cap.lpr.confirmed)

    def formation_range(self, value: Decimal) -> tuple[str, str]:
        """For a private loan whose contract date is unknown: how the verdict on ``value`` (a yearly rate)
        depends on the date of formation, as ranges of dates ("within the cap if formed 2020-08-20 … 2022-01-19,
        above it if formed from 2022-01-20").  Empty strings when the date is known."""
        if self.date_source != "as_of" or not self.private:
            return "", ""
        from loanclause.law.regimes import TRANSITION_DATE, _numbers

        multiple = _numbers()["multiplier"]
        rows = [r for r in self.lpr_table.rows if r.published <= self.as_of]
        spans: list[list] = []  # [first day, last day, within?, lowest cap, highest cap]
        for i, row in enumerate(rows):
            end = rows[i + 1].published - timedelta(days=1) if i + 1 < len(rows) else self.as_of
            first = max(row.published, TRANSITION_DATE)
            if end < first:
                continue
            cap = row.rate * multiple
            within = value <= cap
            if spans and spans[-1][2] == within:
                spans[-1][1] = end
                spans[-1][3] = min(spans[-1][3], cap)
                spans[-1][4] = max(spans[-1][4], cap)
            else:
                spans.append([first, end, within, cap, cap])
        zone_top, zone_void = _numbers()["zone_enforceable"], _numbers()["zone_void"]
        if value <= zone_top:
            early_zh, early_en = f"未超过{pct(zone_top)}", f"within {pct(zone_top)}"
        elif value <= zone_void:
            early_zh = f"在{pct(zone_top)}–{pct(zone_void)}区间"
            early_en = f"in the {pct(zone_top)}–{pct(zone_void)} zone"
        else:
            early_zh, early_en = f"超过{pct(zone_void)}", f"above {pct(zone_void)}"

        def caps_text(lo: Decimal, hi: Decimal) -> str:
            return pct(lo) if lo == hi else f"{pct(lo)}–{pct(hi)}"

        parts_zh = [
            f"{a}至{b}成立的{'未超过' if ok else '超过'}上限（LPR四倍{caps_text(lo, hi)}）"
            for a, b, ok, lo, hi in spans
        ]
        parts_en = [
            f"{'within' if ok else 'above'} the cap if formed {a} … {b} (4 × LPR: {caps_text(lo, hi)})"
            for a, b, ok, lo, hi in spans
        ]
        return (
            f"合同未载明成立日期或起始日，结论取决于成立日：{'；'.join(parts_zh)}；{TRANSITION_DATE}前成立的，"
            f"此前的利息按2015年规定{early_zh}。以上按检查日{self.as_of}为成立日作出，仅供参考，请核实合同成立日期",
            f"the contract states no date of formation or start, so the verdict depends on it: {'; '.join(parts_en)}; "
            f"if formed before {TRANSITION_DATE}, interest up to then is {early_en} under the 2015 provisions. The "
            f"finding takes the check date {self.as_of} as the formation date; check the actual date",
        )

    def caveats(self, cap: Cap | None = None, *, value: Decimal | None = None) -> tuple[str, str]:
        """(Chinese, English) sentences on what is uncertain about a finding against ``cap``: assumed contract
        date (with ``value``, the verdict by date of formation), stale or unconfirmed LPR, an interpretation, a
        secondary source.  Empty strings when none."""
        zh: list[str] = []
        en: list[str] = []
        t = self.terms
        if t.lender_kind_source == "lender_name" and self.lender_kind != "private" and t.lender_kind_evidence:
            # the cap was chosen by what the lender's name shows: say so, the caller can override it
            zh.append(
                f"{t.lender_kind_evidence}，按{_KIND_ZH[self.lender_kind]}适用标准（可用 --lender-kind 更正）"
            )
            en.append(
                f"the lender kind {self.lender_kind} was read from the lender's name (override: --lender-kind)"
            )
        ranged = self.formation_range(value) if value is not None else ("", "")
        if ranged[0]:
            zh.append(ranged[0])
            en.append(ranged[1])
        elif self.date_note_zh:
            zh.append(self.date_note_zh)
            en.append(self.date_note_en)
        if cap is not None:
            if cap.lpr is not None and cap.lpr.stale:
                zh.append(
                    f"LPR表止于{cap.lpr.published}，{cap.lpr.on}的LPR可能已更新，请用 --lpr-table 提供新表"
                )
                en.append(cap.lpr.note or "LPR table may be out of date")
            elif cap.lpr is not None and not cap.lpr.confirmed:
                zh.append(f"{cap.lpr.published}的LPR仅有单一来源，未经核实")
                en.append(f"the LPR of {cap.lpr.published} has a single source (unconfirmed)")
            if cap.basis == "lpr_at_filing":
                zh.append(f"以检查日{cap.reference_date}作为假定起诉日")
                en.append(f"the check date {cap.reference_date} is taken as the filing date")
                if cap.interpretation:
                    zh.append("“起诉时本规定的利率保护标准”理解为起诉时LPR四倍，系通行解释而非条文")
                    en.append(
                        "'the standard at the time of suit' read as 4 × LPR at filing is an interpretation, not text"
                    )
            if cap.confidence == "secondary":
                zh.append("该标准来自二手资料，未读到官方原文")
                en.append("this standard is known from secondary sources; the official text was not read")
        return (
            "（注：" + "；".join(zh) + "）" if zh else "",
            (" Note: " + "; ".join(en) + ".") if en else "",
        )

    # ------------------------------------------------------------------ loan timing

    @cached_property
    def loan_start(self) -> date:
        return self.terms.start_date or self.contract_date

    @cached_property
    def term_days(self) -> int | None:
        """Length of the loan term in days: end − start, else the stated months or days."""
        t = self.terms
        if t.start_date and t.end_date and t.end_date > t.start_date:
            return (t.end_date - t.start_date).days
        if t.term is not None:
            if t.term.months:
                return (add_months(self.loan_start, t.term.months) - self.loan_start).days
            if t.term.days:
                return t.term.days
        return None

    @cached_property
    def term_months(self) -> int | None:
        t = self.terms
        if t.term is not None and t.term.months:
            return t.term.months
        if t.start_date and t.end_date and t.end_date > t.start_date:
            months = (t.end_date.year - t.start_date.year) * 12 + t.end_date.month - t.start_date.month
            if months > 0 and abs((add_months(t.start_date, months) - t.end_date).days) <= 1:
                return months
        return None

    @cached_property
    def loan_end(self) -> date | None:
        if self.terms.end_date:
            return self.terms.end_date
        if self.term_days:
            return self.loan_start + timedelta(days=self.term_days)
        return None

    def loan_caps(self) -> list[Cap]:
        """The caps governing some day of the loan period (all of them when its end is unknown)."""
        last = self.loan_end - timedelta(days=1) if self.loan_end else None
        return self.regime.caps_between(self.loan_start, last)

    def overdue_caps(self) -> list[Cap]:
        """The caps governing some day after the due date (all of them when the due date is unknown)."""
        return self.regime.caps_between(self.loan_end, None)

    @property
    def term_years(self) -> Decimal | None:
        return Decimal(self.term_days) / Decimal(365) if self.term_days else None

    # ------------------------------------------------------------------ rates

    def annual(self, rate: Rate | None) -> Annual | None:
        return annualise_rate(rate)

    @cached_property
    def interest(self) -> Annual | None:
        return annualise_rate(self.terms.interest_rate)

    @cached_property
    def overdue(self) -> Annual | None:
        rate = self.terms.overdue_rate
        found = annualise_rate(rate)
        if (
            found is None
            and rate is not None
            and rate.relative_to == "interest_rate"
            and rate.multiplier is not None
            and self.interest is not None
        ):
            return Annual(
                self.interest.value * rate.multiplier,
                self.interest.period,
                rate.text,
                derived=f"借期年化{pct(self.interest.value)}×{rate.multiplier.normalize():f}",
            )
        return found

    def penalty_annual(self, penalty: Penalty) -> tuple[Decimal | None, str]:
        """(annual rate, how) for a 违约金, or (None, why not)."""
        if penalty.annual is not None:
            return penalty.annual, "合同折算"
        if penalty.value is None:
            return None, "违约金数额不明"
        if penalty.form == "daily_rate":
            return penalty.value * 365, f"日{pct(penalty.value, 3)}×365"
        if penalty.form == "rate_of_principal":
            if self.term_years:
                return (
                    penalty.value / self.term_years,
                    f"一次性本金的{pct(penalty.value)}按借款期限{self.term_days}天摊算",
                )
            return None, "一次性按本金比例计收的违约金，借款期限不明，无法年化"
        if penalty.form == "fixed_amount":
            principal = self.terms.principal.amount if self.terms.principal else None
            if principal and self.term_years:
                return (
                    penalty.value / principal / self.term_years,
                    f"固定金额{penalty.value}元按本金和借款期限{self.term_days}天摊算",
                )
            return None, "固定金额违约金，本金或期限不明，无法年化"
        if penalty.form == "rate_of_overdue_amount":
            return None, "按逾期金额比例一次性计收的违约金，逾期期间不明，无法年化"
        return None, "违约金计算方式不明，无法年化"

    def penalty_share(self, penalty: Penalty) -> tuple[Decimal | None, str]:
        """(share of principal, how) for a 违约金 charged once, or (None, "") when it is not a one-off sum that
        can be put against the principal (a daily rate, an unknown form)."""
        if penalty.annual is not None or penalty.value is None:
            return None, ""
        if penalty.form in ("rate_of_principal", "rate_of_overdue_amount"):
            return penalty.value, ""
        if penalty.form == "fixed_amount":
            principal = self.terms.principal.amount if self.terms.principal else None
            if principal:
                return penalty.value / principal, f"固定金额{money(penalty.value)}元"
        return None, ""

    def fee_share(self, fee: Fee) -> tuple[Decimal | None, str]:
        """(share of principal, how) for a fee charged once, or (None, why not)."""
        if fee.value is None:
            return None, f"{fee.name}数额不明"
        if fee.form == "rate":
            return fee.value, ""
        if fee.form == "fixed_amount":
            principal = self.terms.principal.amount if self.terms.principal else None
            if principal:
                return fee.value / principal, f"固定金额{money(fee.value)}元"
            return None, f"{fee.name}为固定金额，本金不明"
        return None, f"{fee.name}计算方式不明"

    def fee_annual(self, fee: Fee, *, one_off_over_term: bool = True) -> tuple[Decimal | None, str]:
        """(annual rate of principal, how) for a fee, or (None, why not).  Rate-form fees are taken as a share of
        the principal."""
        if fee.annual is not None:
            return fee.annual, "合同折算"
        if fee.value is None:
            return None, f"{fee.name}数额不明"
        principal = self.terms.principal.amount if self.terms.principal else None
        value = fee.value
        if fee.form == "fixed_amount":
            if not principal:
                return None, f"{fee.name}为固定金额，本金不明，无法年化"
            value = fee.value / principal
        elif fee.form != "rate":
            return None, f"{fee.name}计算方式不明，无法年化"
        period = fee.period
        if period == "day":
            return value * 365, f"{fee.name}按日×365"
        if period == "month":
            return value * 12, f"{fee.name}按月×12"
        if period == "year":
            return value, fee.name
        if one_off_over_term and self.term_years:
            return value / self.term_years, f"{fee.name}一次性收取，按借款期限{self.term_days}天摊算"
        return None, f"{fee.name}一次性收取，期限不明，无法年化"

    # ------------------------------------------------------------------ spans

    def clause_at(self, offset: int) -> Clause | None:
        """The most specific clause containing the character at ``offset``."""
        for c in self._clauses_by_level:
            if c.start <= offset < c.end:
                return c
        return None

    def clauses_of_kind(self, *kinds: str) -> list[Clause]:
        return [c for c in self.report.clauses if any(k in c.kinds for k in kinds)]

    def span_of(
        self, obj: Rate | Penalty | Fee | None, *fallback_kinds: str
    ) -> tuple[int | None, int | None]:
        """The evidence span of a term, or the span of the first clause of one of ``fallback_kinds``."""
        if obj is not None and obj.start is not None:
            return obj.start, obj.end
        for c in self.clauses_of_kind(*fallback_kinds):
            return c.start, c.end
        return None, None

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence (between 。；! ? or line breaks) holding ``offset``."""
        text = self.report.text
        lo = max((text.rfind(ch, 0, offset) for ch in "。；;！!？?\n"), default=-1) + 1
        hits = [i for i in (text.find(ch, offset) for ch in "。；;！!？?\n") if i != -1]
        hi = min(hits) + 1 if hits else len(text)
        return lo, hi

    def snippet(self, start: int, end: int, limit: int = 40) -> str:
        """The sentence around a match, cut to about ``limit`` characters centred on it."""
        lo, hi = self.sentence_at(start)
        text = self.report.text[lo:hi].strip()
        if len(text) <= limit:
            return text
        rel = start - lo
        a = max(0, rel - (limit - (end - start)) // 2)
        return ("…" if a else "") + text[a : a + limit] + "…"

    def unit_key(self, offset: int) -> str:
        """One finding per clause (or, without clauses, per sentence): the key for ``offset``."""
        clause = self.clause_at(offset)
        return clause.id if clause else f"s{self.sentence_at(offset)[0]}"

    @cached_property
    def paid_out(self) -> tuple[Decimal, int | None, int | None] | None:
        """(amount actually paid out, start, end): ``terms.disbursed``, else a 实际到账/实际出借 … 元 statement."""
        t = self.terms
        if t.disbursed is not None:
            return t.disbursed.amount, t.disbursed.start, t.disbursed.end
        try:
            from loanclause.values.money import parse_money
        except ImportError:  # pragma: no cover
            return None
        for m in _ACTUAL_RE.finditer(self.report.text):
            if self.negated(m.start()):
                continue
            found = parse_money(m.group(0))
            if found is not None:
                return found.amount, m.start(), m.end()
        return None

    def negated(self, start: int, window: int = 8) -> bool:
        """Whether a negation word comes shortly before ``start`` in the same sentence."""
        text = self.report.text
        lo = max(0, start - window)
        before = re.split(r"[。；;！!？?，,\n]", text[lo:start])[-1]
        return bool(NEGATION_RE.search(before))


def rate_phrase_zh(a: Annual) -> str:
    """``约定年化36%`` or ``约定“月利率3%”，年化36%``."""
    if a.derived:
        return f"约定“{a.text}”（{a.derived}），年化{pct(a.value)}"
    if a.period in (None, "year") or not a.text:
        return f"约定年化{pct(a.value)}"
    return f"约定“{a.text}”，年化{pct(a.value)}"


def rate_phrase_en(a: Annual) -> str:
    if a.period in (None, "year") or not a.text:
        return f"the agreed rate of {pct(a.value)} a year"
    return f"the agreed rate “{a.text}” ({pct(a.value)} a year)"
