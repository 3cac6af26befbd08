"""LC1xx: rates and caps.

Every cap comes from ``loanclause.law`` (contract date → regime → cap with its citation); rules only compare and
phrase.  Messages state the numbers and, where a fact is uncertain (assumed contract date, stale LPR, the
"at filing" interpretation, a secondary source), say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from loanclause.law import Cap, citation
from loanclause.law._fmt import money, pct
from loanclause.law.regimes import microloan_target_date
from loanclause.models import Citation
from loanclause.rules.context import Annual, RuleContext, rate_phrase_en, rate_phrase_zh
from loanclause.rules.registry import Hit, rule

__all__: list[str] = []


def _cap_sentence(cap: Cap) -> tuple[str, str]:
    """Period prefix for caps that govern only part of the time (the 2020-08-20 split)."""
    if cap.applies_from or cap.applies_to:
        return cap.period_zh + "：", cap.period_en + ": "
    return "", ""


def _info_target(
    ctx: RuleContext, value: Decimal, what_zh: str, what_en: str
) -> Iterator[tuple[Cap, str, str, str]]:
    """The microloan guideline's lines for loans made under it (secondary): the 24 % maximum for new loans
    (a warning: a supervisory rule, whatever a court does with the contract) and the 4 × LPR target (information,
    while the rate is within the 24 % reference).  Yields (cap, zh, en, severity)."""
    ref = ctx.regime.caps[0].rate
    for info in ctx.regime.info_caps:
        if info.nature == "regulatory" and value > info.rate:
            zh = (
                f"{what_zh}{pct(value)}，超过小额贷款公司新发放贷款综合融资成本不超过{pct(info.rate)}的监管要求"
                "（小额贷款公司综合融资成本管理工作指引，适用于其下发后发放的贷款；属监管规定，对合同效力的影响未见明文）"
            )
            en = (
                f"{what_en} {pct(value)} is above the {pct(info.rate)} maximum comprehensive financing cost the "
                "microloan-company guideline sets for new loans (a supervisory rule; its effect on the contract is "
                "not stated)"
            )
            yield info, zh, en, "warning"
        elif info.nature == "target" and info.rate < value <= ref:
            by = microloan_target_date().isoformat()
            zh = (
                f"{what_zh}{pct(value)}，高于小额贷款公司新发放贷款须于{by}前降至的一年期LPR{info.multiplier}倍"
                f"（{info.reference_date}：{pct(info.lpr.rate) if info.lpr else '?'}×{info.multiplier}＝{pct(info.rate)}）目标"
            )
            en = (
                f"{what_en} {pct(value)} is above the target for microloan companies of {info.multiplier} × LPR "
                f"({pct(info.rate)}) for new loans by {by}"
            )
            yield info, zh, en, "info"


# ------------------------------------------------------------------------------------------------ LC101


@rule(
    code="LC101",
    title="Loan-period rate above the cap",
    severity="error",
    citation_key="spc_pl_current:25",
)
def loan_rate_above_cap(ctx: RuleContext) -> Iterator[Hit]:
    """Loan-period interest rate above the cap for the contract date and lender kind (4 × LPR at formation; 36 % for interest to 2020-08-19; 24 % reference for licensed lenders)."""
    a = ctx.interest
    if a is None:
        return
    start, end = ctx.span_of(ctx.terms.interest_rate, "interest")
    for cap in ctx.loan_caps():
        pre_zh, pre_en = _cap_sentence(cap)
        note_zh, note_en = ctx.caveats(cap, value=a.value)
        if cap.regime == "pl2015":
            void = cap.void_above or cap.rate
            if a.value > void:
                yield Hit(
                    f"{pre_zh}{rate_phrase_zh(a)}，超过2015年民间借贷规定的年利率{pct(void)}：超过{pct(void)}部分的利息约定无效，"
                    f"已付的可请求返还；{pct(cap.rate)}–{pct(void)}部分法院不予支持{note_zh}",
                    f"{pre_en}{rate_phrase_en(a)} exceeds the 2015 rule's {pct(void)}: void above {pct(void)} "
                    f"(paid excess refundable); {pct(cap.rate)}–{pct(void)} not enforced.{note_en}",
                    start,
                    end,
                    citation=cap.citation,
                    provisional=ctx.provisional(cap),
                )
            continue
        if a.value <= cap.rate:
            continue
        if cap.nature == "reference":
            yield Hit(
                f"{rate_phrase_zh(a)}，超过{cap.describe_zh}：借款人主张利息、罚息、违约金等合计过高时，"
                f"法院可调减超过年化{pct(cap.rate)}的部分{note_zh}",
                f"{rate_phrase_en(a)} exceeds {cap.describe_en}: on the borrower's request a court may reduce "
                f"charges above {pct(cap.rate)} a year.{note_en}",
                start,
                end,
                severity="warning",
                citation=cap.citation,
                provisional=ctx.provisional(cap),
            )
            continue
        yield Hit(
            f"{pre_zh}{rate_phrase_zh(a)}，超过{cap.describe_zh}，超过部分的利息法院不予支持"
            f"{a.basis_note_zh(cap.rate)}{note_zh}",
            f"{pre_en}{rate_phrase_en(a)} exceeds {cap.describe_en}; interest above the cap is not "
            f"enforceable{a.basis_note_en(cap.rate)}.{note_en}",
            start,
            end,
            citation=cap.citation,
            provisional=ctx.provisional(cap),
        )
    for info, zh, en, severity in _info_target(ctx, a.value, "约定年化", "The agreed rate"):
        note_zh, note_en = ctx.caveats(info)
        yield Hit(
            zh + note_zh,
            en + "." + note_en,
            start,
            end,
            severity=severity,
            citation=info.citation,
            provisional=ctx.provisional(info),
        )  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ LC106


@rule(
    code="LC106",
    title="Rate in the 2015 regime's 24–36% zone",
    severity="warning",
    citation_key="spc_pl_2015:26",
)
def zone_24_36(ctx: RuleContext) -> Iterator[Hit]:
    """Private loan formed before 2020-08-20 at a rate between 24 % and 36 %: interest to 2020-08-19 above 24 % is not enforced but, once paid, not refundable."""
    a = ctx.interest
    if a is None:
        return
    start, end = ctx.span_of(ctx.terms.interest_rate, "interest")
    for cap in ctx.loan_caps():
        if cap.regime != "pl2015" or cap.void_above is None:
            continue
        if cap.rate < a.value <= cap.void_above:
            pre_zh, pre_en = _cap_sentence(cap)
            note_zh, note_en = ctx.caveats(cap)
            yield Hit(
                f"{pre_zh}{rate_phrase_zh(a)}，处于2015年民间借贷规定的{pct(cap.rate)}–{pct(cap.void_above)}区间："
                f"超过{pct(cap.rate)}部分法院不予支持，但借款人已自愿支付的不能请求返还（2015年规定第二十六条、"
                f"第三十一条）{note_zh}",
                f"{pre_en}{rate_phrase_en(a)} is in the 2015 rule's {pct(cap.rate)}–{pct(cap.void_above)} zone: "
                f"not enforced above {pct(cap.rate)}, but not refundable once paid (2015 provisions Arts. 26, "
                f"31).{note_en}",
                start,
                end,
                citation=cap.citation,
                provisional=ctx.provisional(cap),
            )


# ------------------------------------------------------------------------------------------------ LC107

# 利息2分 / 一分五 / 3厘: the size of 分 and 厘 depends on the period (README §6, practitioner convention)
_FEN_LI_RE = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)\s*(?P<u>分|厘)(?!之)(?P<tail>[一二三四五六七八九])?"
)
_FEN_LI_SIZE = {
    "分": {"month": Decimal("0.01"), "year": Decimal("0.1"), "day": Decimal("0.001")},
    "厘": {"month": Decimal("0.001"), "year": Decimal("0.01"), "day": Decimal("0.0001")},
}
_DAILY_HINT_RE = re.compile(r"万分之|千分之|‰|‱|日")


def _fen_li(text: str) -> tuple[Decimal, str] | None:
    """``2分`` → (2, 分); ``一分五`` → (1.5, 分); None when the text has no 分/厘 figure."""
    from loanclause.values.numbers import parse_number

    m = _FEN_LI_RE.search(text)
    if not m:
        return None
    n = Decimal("0.5") if m.group("n") == "半" else parse_number(m.group("n"))
    if n is None:
        return None
    if m.group("tail"):
        tail = parse_number(m.group("tail"))
        if tail is not None:
            n += tail / 10
    return n, m.group("u")


def _readings(value: Decimal | None, text: str) -> list[tuple[str, str, Decimal]]:
    """(Chinese label, English label, annual) for each way a period-less rate can be read."""
    fl = _fen_li(text)
    if fl is not None:
        n, unit = fl
        size = _FEN_LI_SIZE[unit]
        out = [
            (f"按月（月息{n}{unit}）", f"monthly (月息 {n}{unit})", n * size["month"] * 12),
            (f"按年（年息{n}{unit}）", f"yearly (年息 {n}{unit})", n * size["year"]),
        ]
        if "日" in text:
            out.append((f"按日（日息{n}{unit}）", f"daily (日息 {n}{unit})", n * size["day"] * 365))
        return out
    if value is None:
        return []
    out = [("按月", "monthly", value * 12), ("按年", "yearly", value)]
    if _DAILY_HINT_RE.search(text):
        out.append(("按日", "daily", value * 365))
    return out


@rule(
    code="LC107",
    title="Rate stated without a clear period",
    severity="warning",
    citation_key="fadawang_b3_q1:q1",
)
def rate_without_period(ctx: RuleContext) -> Iterator[Hit]:
    """A rate that does not say per day, month or year (利息2分): both readings are evaluated against the cap."""
    cap = ctx.regime.cap_on(ctx.loan_start)
    for label_zh, label_en, rate, kinds in (
        ("借期利率", "loan-period rate", ctx.terms.interest_rate, ("interest",)),
        ("逾期利率", "overdue rate", ctx.terms.overdue_rate, ("overdue_interest",)),
    ):
        if rate is None or rate.period is not None or rate.annual is not None or rate.relative_to:
            continue
        readings = _readings(rate.value, rate.text)
        if not readings:
            continue
        v = rate.value
        parts_zh = []
        parts_en = []
        for rz, ren, annual in readings:
            over_zh = f"，超过上限{pct(cap.rate)}" if annual > cap.rate else ""
            over_en = f", above the cap of {pct(cap.rate)}" if annual > cap.rate else ""
            parts_zh.append(f"{rz}理解为年化{pct(annual)}{over_zh}")
            parts_en.append(f"read {ren}: {pct(annual)} a year{over_en}")
        natural = ctx.private
        rule_zh = (
            "属于利率标准约定不明，法院依交易习惯等认定利率（法答网第三批问题1）"
            if natural
            else "属于利息约定不明，由法院依合同内容、交易习惯、市场利率等确定（民法典第六百八十条第三款）"
        )
        note_zh, note_en = ctx.caveats(cap)
        start, end = ctx.span_of(rate, *kinds)
        yield Hit(
            f"{label_zh}“{rate.text or v}”未写明按日、按月还是按年计算：{'；'.join(parts_zh)}。{rule_zh}{note_zh}",
            f"The {label_en} “{rate.text or v}” does not say per day, month or year: {'; '.join(parts_en)}. "
            f"Interest is agreed but its standard is unclear; a court fixes it from the parties' habits.{note_en}",
            start,
            end,
            citation=None if natural else citation("civil_code:680", detail="第三款"),
            provisional=ctx.provisional(cap),
        )


# ------------------------------------------------------------------------------------------------ LC102

_OVERDUE_FEE_RE = re.compile(r"逾期|催收|违约|滞纳|罚")


@rule(
    code="LC102",
    title="Overdue interest, penalty and fees above the combined cap",
    severity="error",
    citation_key="spc_pl_current:29",
)
def overdue_combined_above_cap(ctx: RuleContext) -> Iterator[Hit]:
    """Overdue interest + 违约金 + other fees, annualised and added up, above the cap (current Art. 29; 2015 Art. 30: 24 %).

    Charges that run by the day, month or year are added as yearly rates.  A one-off charge (违约金 of 5 % of the
    principal, a collection fee of 500 元) has no yearly rate of its own: its weight depends on how long the loan
    stays overdue, so it is never spread over the loan term (which would hide the excess of a short default);
    the finding says below how many overdue days the charges together pass the cap."""
    t = ctx.terms
    running: list[tuple[str, str, Decimal, str]] = []  # (zh, en, annual rate, how)
    once: list[tuple[str, str, Decimal, str]] = []  # (zh, en, share of principal, how)
    unknown: list[tuple[str, str, str]] = []  # (zh, en, why not)
    loan_once: list[tuple[str, str, Decimal | None, str]] = []  # one-off fees of the loan itself
    spans: list[tuple[int | None, int | None]] = []
    assumptions_zh: list[str] = []
    specific = False
    if t.overdue_rate is not None:
        specific = True
        od: Annual | None = ctx.overdue
        if od is not None:
            running.append(("逾期利率", "overdue interest", od.value, ""))
        else:
            why = t.overdue_rate.note.split(" / ")[0] if t.overdue_rate.note else "逾期利率期间不明，无法年化"
            unknown.append(("逾期利率", "overdue interest", why))
        spans.append(ctx.span_of(t.overdue_rate))
    if t.penalty is not None:
        specific = True
        spans.append(ctx.span_of(t.penalty))
        share, how = ctx.penalty_share(t.penalty)
        if share is not None:
            once.append(("一次性违约金", "a one-off 违约金", share, how))
            if t.penalty.form == "rate_of_overdue_amount":
                assumptions_zh.append("按全部本金逾期计")
        else:
            value, how = ctx.penalty_annual(t.penalty)
            if value is not None:
                running.append(("违约金", "liquidated damages (违约金)", value, how))
            else:
                unknown.append(("违约金", "liquidated damages (违约金)", how))
    for fee in t.fees:
        overdue_fee = bool(_OVERDUE_FEE_RE.search(fee.name + fee.text))
        specific = specific or overdue_fee
        spans.append(ctx.span_of(fee))
        label = f"{fee.name}“{fee.text}”" if fee.text and fee.text != fee.name else fee.name
        label_en = f"{fee.name} “{fee.text}”" if fee.text else fee.name
        if fee.period in ("day", "month", "year") or fee.annual is not None:
            value, how = ctx.fee_annual(fee)  # a running fee keeps running after the due date
            if value is not None:
                running.append((fee.name, fee.name, value, how))
            else:
                unknown.append((label, label_en, how))
            continue
        share, how = ctx.fee_share(fee)  # a one-off fee is one of Art. 29's "other fees" too
        if not overdue_fee:
            # charged for the loan, not for the default (a service fee at payout): named beside an excess, since
            # claimed together it counts too, but it does not make a default's charges excessive by itself
            loan_once.append((label, label_en, share, how))
        elif share is not None:
            once.append((label, label_en, share, how))
        else:
            unknown.append((label, label_en, how))
    if not specific:
        return
    if t.overdue_rate is None and ctx.interest is not None:
        running.insert(
            0,
            (
                "借期利率（未约定逾期利率，逾期后继续计收）",
                "loan-period rate (runs on after the due date)",
                ctx.interest.value,
                "",
            ),
        )
    yearly = sum((p[2] for p in running), Decimal(0))
    one_off = sum((p[2] for p in once), Decimal(0))
    start, end = next(
        (s for s in spans if s[0] is not None), ctx.span_of(None, "overdue_interest", "penalty")
    )
    listing_zh = "＋".join(f"{p[0]}{pct(p[2])}" for p in running)
    listing_en = " + ".join(f"{p[1]} {pct(p[2])}" for p in running)
    once_zh = "、".join(f"{p[0]}（本金的{pct(p[2])}{'，' + p[3] if p[3] else ''}）" for p in once)
    once_en = ", ".join(f"{p[1]} ({pct(p[2])} of the principal)" for p in once)
    unknown_zh = "、".join(f"{p[0]}（{p[2]}）" for p in unknown)
    loan_zh = "、".join(
        f"{p[0]}（{'本金的' + pct(p[2]) if p[2] is not None else p[3]}，借款时的一次性费用）"
        for p in loan_once
    )
    loan_en = ", ".join(f"{p[1]} (a one-off fee of the loan)" for p in loan_once)
    unknown_en = ", ".join(p[1] for p in unknown)
    only_rate = len(running) == 1 and not once and not unknown and t.overdue_rate is not None
    hows = "；".join(p[3] for p in running if p[3] and p[3] != "合同折算")
    hows_zh = f"（{hows}）" if hows else ""
    fired = False
    for cap in ctx.overdue_caps():
        if yearly <= cap.rate and not one_off:
            continue
        pre_zh, pre_en = _cap_sentence(cap)
        note_zh, note_en = ctx.caveats(cap, value=yearly)
        if cap.regime == "pl2015":
            cit: Citation = (
                citation("spc_pl_2015:29", detail="第一款") if only_rate else cap.combined_citation
            )
            limit_zh = f"2015年民间借贷规定的合计上限年利率{pct(cap.rate)}"
            limit_en = f"the 2015 combined cap of {pct(cap.rate)} a year"
        elif cap.nature == "reference":
            cit = cap.citation
            limit_zh, limit_en = cap.describe_zh, cap.describe_en
        else:
            cit = (
                citation("spc_pl_current:28", detail="第一款")
                if only_rate and cap.basis == "lpr_at_formation" and cap.regime == "pl2021"
                else cap.combined_citation
            )
            limit_zh, limit_en = cap.describe_zh, cap.describe_en
        if cap.nature == "reference":
            verdict_zh, verdict_en = (
                "借款人请求时法院可调减超过部分",
                "a court may reduce the excess on the borrower's request",
            )
        else:
            verdict_zh, verdict_en = "超过部分法院不予支持", "the excess is not enforceable"
        on_top_zh = "、".join(x for x in (once_zh, loan_zh) if x)
        on_top_en = ", ".join(x for x in (once_en, loan_en) if x)
        extra_zh = "".join(
            [
                f"；另有{on_top_zh}，一并主张时同受此合计上限" if on_top_zh else "",
                f"；另有{unknown_zh}，未计入" if unknown else "",
            ]
        )
        extra_en = "".join(
            [
                f"; on top of that {on_top_en}, which count towards the same cap when claimed too"
                if on_top_en
                else "",
                f"; {unknown_en} could not be annualised and are not counted" if unknown else "",
            ]
        )
        # a verdict that the cap is exceeded whatever the default's length: an error unless the cap is a reference
        exceeded = {
            "severity": "warning" if cap.nature == "reference" else None,
            "citation": cit,
            "provisional": ctx.provisional(cap),
        }
        if yearly > cap.rate:
            fired = True
            yield Hit(
                f"{pre_zh}逾期后合计年化{pct(yearly)}（{listing_zh}）{hows_zh}，超过{limit_zh}，{verdict_zh}"
                f"{extra_zh}{note_zh}",
                f"{pre_en}after the due date the charges add up to {pct(yearly)} a year ({listing_en}), above "
                f"{limit_en}; {verdict_en}{extra_en}.{note_en}",
                start,
                end,
                **exceeded,
            )
            continue
        fired = True
        assume = f"（{'；'.join(assumptions_zh)}）" if assumptions_zh else ""
        unknown_tail_zh = f"；另有{unknown_zh}，未计入" if unknown else ""
        unknown_tail_en = f"; {unknown_en} could not be annualised and are not counted" if unknown else ""
        if yearly == cap.rate:
            # the running charges reach the cap exactly: any one-off charge on top exceeds it, however long
            yield Hit(
                f"{pre_zh}逾期后按期计收部分合计年化{pct(yearly)}（{listing_zh}），已达{limit_zh}，另有{once_zh}："
                f"无论逾期多久，合计均超过上限，{verdict_zh}{assume}{unknown_tail_zh}{note_zh}",
                f"{pre_en}after the due date the running charges add up to {pct(yearly)} a year ({listing_en}), "
                f"exactly {limit_en}, plus {once_en}: the charges together exceed the cap for a default of any "
                f"length; {verdict_en}{unknown_tail_en}.{note_en}",
                start,
                end,
                **exceeded,
            )
            continue
        # one-off charges push the total over the cap for any default shorter than this many days
        days = int(one_off / (cap.rate - yearly) * 365)
        running_zh = (
            f"按期计收部分合计年化{pct(yearly)}（{listing_zh}）{hows_zh}" if running else "无按期计收部分"
        )
        running_en = (
            f"the running charges add up to {pct(yearly)} a year ({listing_en})"
            if running
            else "no running charges"
        )
        yield Hit(
            f"{pre_zh}逾期后{running_zh}，另有{once_zh}：逾期不足{days}天即清偿的，"
            f"合计折合年化超过{limit_zh}，{verdict_zh}{assume}{unknown_tail_zh}{note_zh}",
            f"{pre_en}after the due date {running_en}, plus {once_en}: for a default of less than {days} days the "
            f"charges together exceed {limit_en}; {verdict_en}{unknown_tail_en}.{note_en}",
            start,
            end,
            severity="warning",  # whether it is exceeded depends on how long the default lasts
            citation=cit,
            provisional=ctx.provisional(cap),
        )
    if not fired and unknown:
        caps = ctx.overdue_caps()
        cap = caps[-1]
        note_zh, note_en = ctx.caveats(cap)
        yield Hit(
            f"逾期后可年化部分合计{pct(yearly)}"
            + (f"（{listing_zh}）" if listing_zh else "")
            + f"，未超过{cap.describe_zh}；但{unknown_zh}，合计是否超过上限无法判断{note_zh}",
            f"The charges that can be annualised add up to {pct(yearly)} a year, within {cap.describe_en}; "
            f"{unknown_en} cannot be annualised, so whether the total exceeds the cap cannot be told.{note_en}",
            start,
            end,
            severity="info",
            citation=cap.combined_citation,
            provisional=ctx.provisional(cap),
        )


# ------------------------------------------------------------------------------------------------ LC103

_FEEWORD = r"(?:利息|息费|首期利息|首月利息|服务费|手续费|管理费|咨询费|审核费|保证金|砍头息|费用)"
_DEDUCT = r"(?:扣除|扣减|扣收|扣取|扣留|抵扣)"
_ADVANCE_RES = [
    re.compile(rf"(?:预先|提前|事先|先行|预)\s*{_DEDUCT}[^。；;\n]{{0,12}}?{_FEEWORD}"),
    re.compile(
        rf"{_FEEWORD}[^。；;\n]{{0,15}}?(?:从|在)(?:借款|出借|放款)?(?:本金|借款|款项|金额|借款金额|放款金额)中?"
        rf"(?:预先|提前|直接|一次性)?{_DEDUCT}"
    ),
    re.compile(
        rf"(?:从|在)(?:借款|出借|放款)?(?:本金|借款金额|放款金额|出借金额)中(?:预先|提前|直接|一次性)?{_DEDUCT}"
    ),
    re.compile(
        rf"{_DEDUCT}[^。；;\n]{{0,10}}?{_FEEWORD}[^。；;\n]{{0,4}}?后(?:的余额|的余款|将余款|再)?(?:支付|发放|转账|出借|打款|放款|汇入|汇款)"
    ),
    re.compile(r"砍头息"),
]


def _real_cost_of_deduction(
    ctx: RuleContext, principal: Decimal, paid_out: Decimal, annual: Decimal
) -> tuple[str, str]:
    """What the borrower really pays a year for the money received: the whole stated principal and its interest
    are repaid, so the IRR is taken on the amount paid out (for 100,000 stated, 90,000 received, 12 % for a year:
    112,000 / 90,000 − 1 = 24.44 %, not 12 % × 100/90)."""
    from loanclause.calc import apr

    flows = _repayment_flows(ctx, principal, annual)
    if flows is None:
        return (
            f"；按约定年化{pct(annual)}对名义本金计息，借款期限不明，无法计算实际年化成本",
            f"; {pct(annual)} a year runs on the stated principal; the term is unknown, so the real annual cost "
            "cannot be computed",
        )
    pays, ppy, how = flows
    try:
        real = apr(principal, pays, principal - paid_out, periods_per_year=ppy).simple_annual
    except ValueError:
        return "", ""
    assume_zh = f"（{'；'.join(how)}）" if how else ""
    return (
        f"；按约定年化{pct(annual)}对名义本金计息并归还全部名义本金，以实际到手金额计实际年化约{pct(real, 2)}{assume_zh}",
        f"; with {pct(annual)} a year on the stated principal and the whole stated principal repaid, the real "
        f"annual cost on the amount received is about {pct(real, 2)}",
    )


@rule(
    code="LC103",
    title="Interest deducted from principal in advance (砍头息)",
    severity="error",
    citation_key="spc_pl_current:26",
)
def advance_deduction(ctx: RuleContext) -> Iterator[Hit]:
    """Interest or fees deducted from the principal in advance (砍头息): principal is the amount actually lent."""
    t = ctx.terms
    text = ctx.report.text
    cit = citation("spc_pl_current:26") if ctx.private else citation("civil_code:670")
    principal = t.principal.amount if t.principal else None
    paid_out: Decimal | None = ctx.paid_out[0] if ctx.paid_out else None
    paid_span: tuple[int | None, int | None] = ctx.paid_out[1:] if ctx.paid_out else (None, None)
    seen_clauses: set[str] = set()
    if principal is not None and paid_out is not None and Decimal(0) < paid_out < principal:
        cut = principal - paid_out
        extra_zh = extra_en = ""
        if ctx.interest is not None:
            extra_zh, extra_en = _real_cost_of_deduction(ctx, principal, paid_out, ctx.interest.value)
        start, end = paid_span if paid_span[0] is not None else ctx.span_of(None, "principal")
        if start is not None:
            seen_clauses.add(ctx.unit_key(start))
        yield Hit(
            f"借款本金{money(principal)}元，实际出借{money(paid_out)}元，预先扣除{money(cut)}元（砍头息）："
            f"本金应按实际出借的{money(paid_out)}元认定并据此计息（民法典第六百七十条）{extra_zh}",
            f"Principal {money(principal)} but {money(paid_out)} actually paid out: {money(cut)} was deducted in "
            f"advance; the principal is the amount actually lent and interest runs on it (Civil Code Art. 670)"
            f"{extra_en}.",
            start,
            end,
            citation=cit,
        )
    for pattern in _ADVANCE_RES:
        for m in pattern.finditer(text):
            if ctx.negated(m.start()):
                continue
            key = ctx.unit_key(m.start())
            if key in seen_clauses:
                continue
            seen_clauses.add(key)
            snippet = ctx.snippet(m.start(), m.end())
            yield Hit(
                f"合同约定“{snippet}”，属于预先在本金中扣除利息或费用（砍头息）：本金按实际出借金额认定，"
                "利息按实际出借金额计算（民法典第六百七十条）",
                f"The contract says “{snippet}”: interest or fees deducted from the principal in advance; the "
                "principal is the amount actually lent and interest runs on it (Civil Code Art. 670).",
                m.start(),
                m.end(),
                citation=cit,
            )


# ------------------------------------------------------------------------------------------------ LC104

_COMPOUND_RE = re.compile(
    r"复利|利滚利|利息(?:计入|并入|转为|滚入|转入|计作|作为)(?:下期|后期|新的)?本金|(?:计入|并入|转为|滚入|转入)本金|利转本"
)
_PERIODS_PER_YEAR = {"day": 365, "month": 12, "year": 1}
# how often interest is rolled in, as the clause says it ("按月计收复利", "每季结息并计入本金")
_FREQUENCY_RE = re.compile(r"(?:按|每)(日|天|月|季度?|半年|年)(?:度)?")
_FREQUENCY = {"日": 365, "天": 365, "月": 12, "季": 4, "季度": 4, "半年": 2, "年": 1}
_FREQUENCY_WORD = {
    365: ("日", "daily"),
    12: ("月", "monthly"),
    4: ("季", "quarterly"),
    2: ("半年", "half-yearly"),
}


def _compounding_per_year(ctx: RuleContext, start: int, end: int, a: Annual) -> int:
    """Compounding periods a year: the frequency the sentence states nearest the compounding words, else the
    rate's own period (a monthly rate compounds monthly), else yearly."""
    s0, s1 = ctx.sentence_at(start)
    text = ctx.report.text
    best: tuple[int, int] | None = None
    for m in _FREQUENCY_RE.finditer(text, s0, s1):
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or abs(distance) < best[0]:
            best = (abs(distance), _FREQUENCY[m.group(1)])
    if best is not None:
        return best[1]
    return _PERIODS_PER_YEAR.get(a.period or "year", 1)


@rule(
    code="LC104",
    title="Compound interest beyond what is allowed",
    severity="error",
    citation_key="spc_pl_current:27",
)
def compound_interest(ctx: RuleContext) -> Iterator[Hit]:
    """Interest rolled into principal (复利/利滚利/计入本金) at a rate whose compounded annual figure exceeds the cap."""
    text = ctx.report.text
    seen: set[str] = set()
    for m in _COMPOUND_RE.finditer(text):
        if ctx.negated(m.start()):
            continue
        key = ctx.unit_key(m.start())
        if key in seen:
            continue
        seen.add(key)
        clause = ctx.clause_at(m.start())
        overdue = clause is not None and bool({"overdue_interest", "penalty"} & set(clause.kinds))
        a = (ctx.overdue if overdue else None) or ctx.interest
        snippet = ctx.snippet(m.start(), m.end())
        if a is None:
            if "no-rate" in seen:  # say once per contract that the test cannot be made
                continue
            seen.add("no-rate")
            yield Hit(
                f"合同约定“{snippet}”（复利/利息计入本金），但未能确定利率，无法判断是否超过上限",
                f"The contract compounds interest (“{snippet}”) but no rate could be read, so the cap test "
                "cannot be made.",
                m.start(),
                m.end(),
                severity="info",
            )
            continue
        n = _compounding_per_year(ctx, m.start(), m.end(), a)
        effective = (1 + a.value / n) ** n - 1
        word_zh, word_en = _FREQUENCY_WORD.get(n, ("年", "yearly"))
        caps = ctx.overdue_caps() if overdue else ctx.loan_caps()
        for cap in caps:
            if effective <= cap.rate:
                continue
            pre_zh, pre_en = _cap_sentence(cap)
            note_zh, note_en = ctx.caveats(cap, value=effective)
            if cap.regime == "pl2015":
                cit = citation("spc_pl_2015:28")
            elif cap.nature == "reference":
                cit = cap.citation
            else:
                cit = citation("spc_pl_current:27")
            yield Hit(
                f"{pre_zh}合同约定“{snippet}”：{rate_phrase_zh(a)}，按{word_zh}"
                f"复利计算实际年化{pct(effective)}，超过{cap.describe_zh}；"
                + (
                    "借款人请求时法院可调减超过部分"
                    if cap.nature == "reference"
                    else "计入本金的利息及期满本息合计超过以最初本金按上限计算的部分，法院不予支持"
                )
                + note_zh,
                f"{pre_en}the contract compounds interest (“{snippet}”): {rate_phrase_en(a)} compounded "
                f"{word_en} is {pct(effective)} a year, above "
                f"{cap.describe_en}; "
                + (
                    "a court may reduce the excess on the borrower's request"
                    if cap.nature == "reference"
                    else "interest rolled into principal beyond the cap is not enforceable"
                )
                + f".{note_en}",
                m.start(),
                m.end(),
                severity="warning" if cap.nature == "reference" else None,
                citation=cit,
                provisional=ctx.provisional(cap),
            )


# ------------------------------------------------------------------------------------------------ LC105


def _cost_flows(ctx: RuleContext) -> tuple[Decimal, list[Decimal], Decimal, Decimal, list[str]] | None:
    """(principal, payments, up-front deductions, periods per year, assumptions) for the IRR, or None."""
    t = ctx.terms
    if t.principal is None or t.principal.amount <= 0:
        return None
    p = t.principal.amount
    annual = ctx.interest.value if ctx.interest else Decimal(0)
    assumptions: list[str] = []
    once = Decimal(0)
    monthly = Decimal(0)
    for fee in t.fees:
        if _OVERDUE_FEE_RE.search(fee.name + fee.text) or fee.value is None:
            continue
        amount = fee.value * p if fee.form == "rate" else fee.value if fee.form == "fixed_amount" else None
        if amount is None:
            continue
        if fee.period == "month":
            monthly += amount
        elif fee.period == "year":
            monthly += amount / 12
        elif fee.period == "day":
            monthly += amount * 365 / 12
        else:
            once += amount
            if fee.period is None:
                assumptions.append(f"{fee.name}未写明周期，按放款时一次性收取计")
    deducted = Decimal(0)
    if ctx.paid_out is not None and Decimal(0) < ctx.paid_out[0] < p:
        deducted = p - ctx.paid_out[0]
        assumptions.append(f"实际出借{money(ctx.paid_out[0])}元，预扣{money(deducted)}元计入成本")
    upfront = max(once, deducted)  # a fee deducted at payout is both: count it once
    if once and deducted:
        assumptions.append("一次性费用与预扣金额按同一笔计（取较大者）")
    if not upfront and not monthly:
        return None
    if any(f.form == "rate" for f in t.fees):
        assumptions.append("按比例收取的费用以借款本金为基数")
    flows = _repayment_flows(ctx, p, annual, monthly)
    if flows is None:
        return None
    pays, ppy, how = flows
    return p, pays, upfront, ppy, assumptions + how


def _repayment_flows(
    ctx: RuleContext, p: Decimal, annual: Decimal, monthly: Decimal = Decimal(0)
) -> tuple[list[Decimal], Decimal, list[str]] | None:
    """(payments, periods per year, assumptions) of the borrower's repayments, or None without a term.

    A loan repaid in one sum is one period of its whole term: its IRR per period is the cost of the term, and
    "× periods per year" must use the term's length, not twelve months of zero payments (PBoC 2021 No. 3)."""
    from loanclause.calc import installment_payments

    method = ctx.terms.repayment_method
    assumptions: list[str] = []
    if ctx.term_months:
        if method is None:
            assumptions.append("还款方式不明，按到期一次性还本付息计")
        pays = installment_payments(p, annual, ctx.term_months, method, monthly_fee=monthly)
        if all(x == 0 for x in pays[:-1]):
            return [pays[-1]], Decimal(12) / ctx.term_months, assumptions
        return pays, Decimal(12), assumptions
    if ctx.term_days:
        days = Decimal(ctx.term_days)
        pay = p + p * annual * days / 365 + monthly * 12 * days / 365
        assumptions.append(f"借款期限{ctx.term_days}天，按到期一次性还本付息计")
        return [pay], Decimal(365) / days, assumptions
    return None


@rule(
    code="LC105",
    title="Comprehensive annual cost (IRR with fees) above the cap",
    severity="error",
    citation_key="spc_pl_current:25",
)
def comprehensive_cost(ctx: RuleContext) -> Iterator[Hit]:
    """Annualised cost by IRR, counting fees and advance deductions as the PBoC requires, above the cap."""
    from loanclause.calc import apr

    flows = _cost_flows(ctx)
    t = ctx.terms
    start, end = ctx.span_of(t.fees[0] if t.fees else None, "fees", "interest")
    if flows is None:
        if any(not _OVERDUE_FEE_RE.search(f.name + f.text) for f in t.fees) and (
            t.principal is None or not (ctx.term_months or ctx.term_days)
        ):
            yield Hit(
                "合同约定了费用，但本金或借款期限不明，无法计算含费用的综合年化成本",
                "The contract charges fees, but the principal or the term is unknown, so the comprehensive "
                "annual cost cannot be computed.",
                start,
                end,
                severity="info",
            )
        return
    p, pays, upfront, ppy, assumptions = flows
    try:
        r = apr(p, pays, upfront, periods_per_year=ppy)
    except ValueError:
        return
    simple, compound = r.simple_annual, r.compound_annual
    assume_zh = f"（假设：{'；'.join(assumptions)}）" if assumptions else ""
    what_zh = f"含费用的综合年化成本（IRR法）单利{pct(simple, 2)}、复利{pct(compound, 2)}"
    what_en = f"The comprehensive annual cost with fees (IRR) is {pct(simple, 2)} simple, {pct(compound, 2)} compound"
    caps = ctx.loan_caps()
    for cap in caps:
        pre_zh, pre_en = _cap_sentence(cap)
        note_zh, note_en = ctx.caveats(cap, value=simple)
        if cap.regime == "pl2015":
            void = cap.void_above or cap.rate
            if simple > void:
                sev = None
            elif simple > cap.rate:
                sev = "warning"
            else:
                continue
            yield Hit(
                f"{pre_zh}{what_zh}，超过2015年规定的{pct(cap.rate if sev else void)}{assume_zh}{note_zh}",
                f"{pre_en}{what_en}, above the 2015 rule's {pct(cap.rate if sev else void)}.{note_en}",
                start,
                end,
                severity=sev,  # type: ignore[arg-type]
                citation=cap.citation,
                provisional=ctx.provisional(cap),
            )
            continue
        if simple > cap.rate:
            sev = "warning" if cap.nature == "reference" else None
            tail_zh = (
                "：费用实为利息的，超过部分法院不予支持"
                if cap.nature != "reference"
                else "：借款人请求时法院可调减超过部分"
            )
            tail_en = (
                "; fees that are interest in substance are not enforceable above the cap"
                if cap.nature != "reference"
                else "; a court may reduce the excess on the borrower's request"
            )
        elif compound > cap.rate:
            sev = "warning"
            tail_zh = "：按单利口径未超过，按复利口径超过"
            tail_en = "; within the cap by the simple figure, above it by the compound figure"
        else:
            continue
        yield Hit(
            f"{pre_zh}{what_zh}，超过{cap.describe_zh}{tail_zh}{assume_zh}{note_zh}",
            f"{pre_en}{what_en}, above {cap.describe_en}{tail_en}.{note_en}",
            start,
            end,
            severity=sev,  # type: ignore[arg-type]
            citation=cap.citation,
            provisional=ctx.provisional(cap),
        )
    for info, zh, en, severity in _info_target(
        ctx, simple, "含费用的综合年化成本", "The comprehensive annual cost"
    ):
        note_zh, note_en = ctx.caveats(info)
        yield Hit(
            zh + assume_zh + note_zh,
            en + "." + note_en,
            start,
            end,
            severity=severity,  # type: ignore[arg-type]
            citation=info.citation,
            provisional=ctx.provisional(info),
        )
