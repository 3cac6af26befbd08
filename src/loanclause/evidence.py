"""The pre-litigation evidence checklist: what a lawyer checks before filing a loan suit, item by item.

Each item is ``pass`` (the text shows it), ``warn`` (the text shows a weakness), ``fail`` (the text shows a defect
that decides the claim or part of it) or ``needs_external_evidence`` (the text cannot show it: a handwritten
signature, the bank transfer, a demand that interrupted the limitation period).  Every item carries the evidence
span where there is one, and the checklist states the assumptions it rests on — the check date, the date of suit,
where the contract date came from, the lender kind — as the findings do.

It reads the same report as ``check``: the findings (caps, advance deduction, words vs figures, jurisdiction) are
not judged twice, only placed on the list; the dates (limitation three years from the last due date, Civil Code
Arts. 188–189; the guarantee period six months from it unless agreed, Art. 692) are computed here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from loanclause.deadlines import GUARANTEE_MONTHS, last_due_date, limitation_ends
from loanclause.models import Assumptions, Citation, Claimable, ContractReport

__all__ = ["EvidenceChecklist", "EvidenceItem", "evidence_checklist", "render_markdown", "render_text"]

Status = Literal["pass", "warn", "fail", "needs_external_evidence"]
SOON_DAYS = 180


class EvidenceItem(BaseModel):
    key: str
    title: str = Field(description="Chinese / English")
    status: Status
    detail: str = Field(description="Chinese / English, the facts and what to produce")
    start: int | None = None
    end: int | None = None
    page: int | None = None
    citation: Citation | None = None


class EvidenceChecklist(BaseModel):
    source: str | None
    as_of: date
    filing_date: date
    items: list[EvidenceItem]
    assumptions: Assumptions | None = None
    claimable: Claimable | None = None

    @property
    def worst(self) -> Status:
        order = ["pass", "needs_external_evidence", "warn", "fail"]
        return max((i.status for i in self.items), key=order.index, default="pass")


_SIGN_FIELD_RE = re.compile(
    r"(?P<who>甲方|乙方|丙方|出借人|借款人|贷款人|保证人|担保人)[^：:\n]{0,12}(?:签字|签章|签名|盖章|签字或盖章|签字盖章)[^：:\n]{0,6}[：:]"
    r"(?P<after>[^\n]*)"
)
_BLANK_RE = re.compile(r"^[\s_＿　()（）/]*$|^[\s_＿　]*(?:日期|年\s*月\s*日|签订日期)")
_SURETY_RE = re.compile(r"保证人|连带(?:责任)?保证|一般保证|保证责任|保证期间|保证合同")
_AGREED_PERIOD_RE = re.compile(
    r"(?:到期|届满|履行期限届满)之日起(?P<n>\d+|[一二两三四五六七八九十]+)(?P<unit>年|个月)"
)
_DELIVERY_RE = re.compile(r"转账|汇款|银行账户|划付|划转|放款至|打入|支付宝|微信|现金")


def _item(
    key: str, title: str, status: Status, detail: str, report: ContractReport, span=None, citation=None
):
    start, end = span if span else (None, None)
    page = (
        next((p.number for p in reversed(report.pages) if p.start <= start), None)
        if start is not None
        else None
    )
    return EvidenceItem(
        key=key, title=title, status=status, detail=detail, start=start, end=end, page=page, citation=citation
    )


def _deadline(ends: date, filing: date, *, fail: str, warn: str, ok: str) -> tuple[Status, str]:
    """A period that ends on ``ends``, judged at the date of suit: over, ending within ``SOON_DAYS``, or running."""
    if filing > ends:
        return "fail", fail
    if (ends - filing).days <= SOON_DAYS:
        return "warn", warn
    return "pass", ok


def _from_finding(key: str, title: str, status: Status, f, report: ContractReport) -> EvidenceItem:
    """An item that a rule's finding decides: its message, span and citation."""
    span = (f.start, f.end) if f.start is not None else None
    return _item(key, title, status, f"{f.message} / {f.message_en}", report, span=span, citation=f.citation)


def _findings(report: ContractReport, *codes: str):
    return [f for f in report.findings if f.code in codes]


def evidence_checklist(
    report: ContractReport, *, as_of: date | str, filing_date: date | str | None = None
) -> EvidenceChecklist:
    """The checklist for one analysed contract at ``as_of`` (the date the lawyer looks; the date of suit defaults
    to it)."""
    from loanclause.batch.redact import id_numbers
    from loanclause.law import citation
    from loanclause.law._fmt import money
    from loanclause.rules.context import RuleContext
    from loanclause.values.dates import add_months
    from loanclause.values.numbers import parse_number

    as_of = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    filing = date.fromisoformat(filing_date) if isinstance(filing_date, str) else (filing_date or as_of)
    t = report.terms
    text = report.text
    items: list[EvidenceItem] = []

    # 1. parties
    ids = id_numbers(text)
    bad_ids = [(s, e) for s, e, ok in ids if not ok]
    names = [n for n in (t.lender, t.borrower) if n]
    if t.lender and t.borrower and not bad_ids:
        status: Status = "pass"
        detail = f"出借人{t.lender}、借款人{t.borrower}" + (
            f"，身份证号{len(ids)}个校验通过" if ids else "，文本中无身份证号（起诉需身份证明）"
        )
        detail += f" / lender {t.lender}, borrower {t.borrower}" + (
            f"; {len(ids)} ID number(s) with a valid check digit"
            if ids
            else "; no ID number in the text (identity documents needed)"
        )
        if not ids:
            status = "needs_external_evidence"
    elif bad_ids:
        status = "fail"
        detail = f"{len(bad_ids)}个身份证号校验位错误，当事人身份需核实 / {len(bad_ids)} ID number(s) fail the check digit: verify the parties"
    else:
        status = "fail" if not names else "warn"
        missing = [w for w, n in (("出借人 lender", t.lender), ("借款人 borrower", t.borrower)) if not n]
        detail = f"未识别：{'、'.join(m.split()[0] for m in missing)} / not identified: {', '.join(m.split()[1] for m in missing)}"
    address = (
        "；有送达/住址信息" if (t.delivery_address or "住址" in text or "地址" in text) else "；无住址信息"
    )
    address_en = "; addresses present" if address.startswith("；有") else "; no address"
    items.append(
        _item(
            "parties",
            "当事人身份 / parties identified",
            status,
            detail.replace(" / ", address + " / ", 1) + address_en,
            report,
            span=bad_ids[0] if bad_ids else None,
        )
    )

    # 2. signature and seal blocks
    fields = list(_SIGN_FIELD_RE.finditer(text))
    if not fields and not any("signature" in c.kinds for c in report.clauses):
        items.append(
            _item(
                "signature",
                "签章 / signature and seal blocks",
                "fail",
                "未见签字盖章栏：无法证明双方签署 / no signature block: signing cannot be shown from the text",
                report,
            )
        )
    else:
        blank = [m for m in fields if _BLANK_RE.match(m.group("after").strip() or "")]
        if blank:
            who = "、".join(sorted({m.group("who") for m in blank}))
            items.append(
                _item(
                    "signature",
                    "签章 / signature and seal blocks",
                    "needs_external_evidence",
                    f"{who}签章栏为空白：文本层看不到手写签名或印章，须提交签署原件 / the signature field(s) of {who} are blank "
                    "in the text: a handwritten signature or seal does not show in the text layer; produce the signed original",
                    report,
                    span=blank[0].span(),
                )
            )
        else:
            items.append(
                _item(
                    "signature",
                    "签章 / signature and seal blocks",
                    "pass",
                    "签章栏已填写 / signature fields are filled in",
                    report,
                    span=fields[0].span() if fields else None,
                )
            )

    # 3. principal consistent
    words_vs_figures = _findings(report, "LC301")
    if words_vs_figures:
        f = words_vs_figures[0]
        items.append(_from_finding("principal", "本金一致 / principal consistent", "fail", f, report))
    elif t.principal is not None:
        items.append(
            _item(
                "principal",
                "本金一致 / principal consistent",
                "pass",
                f"借款本金{money(t.principal.amount)}元，大小写一致 / principal {money(t.principal.amount)}, words and figures agree",
                report,
                span=(t.principal.start, t.principal.end) if t.principal.start is not None else None,
            )
        )
    else:
        items.append(
            _item(
                "principal",
                "本金一致 / principal consistent",
                "fail",
                "未载明借款金额 / no loan amount in the text",
                report,
            )
        )

    # 4. delivery of the loan
    m = _DELIVERY_RE.search(text)
    how = m.group(0) if m else None
    items.append(
        _item(
            "delivery",
            "出借款项交付 / delivery of the loan",
            "needs_external_evidence",
            (
                f"约定交付方式：{how}；须提交转账凭证或银行流水（现金交付须说明来源、交付经过） / agreed delivery: {how}; produce the "
                "transfer record or bank statement (cash: its source and how it was handed over)"
            )
            if how
            else "未约定交付方式；须提交实际交付的证据（转账凭证、收条） / no delivery method stated; produce proof that "
            "the money was handed over (transfer record, receipt)",
            report,
            span=m.span() if m else None,
            citation=citation("civil_code:679"),
        )
    )

    # 5. rates within the caps; 6. interest deducted in advance
    caps = [f for f in _findings(report, "LC101", "LC102", "LC104", "LC105", "LC106") if f.severity != "info"]
    if caps:
        worst = "fail" if any(f.severity == "error" for f in caps) else "warn"
        f = caps[0]
        items.append(
            _item(
                "rates",
                "利率上限 / rates within the caps",
                worst,
                "；".join(sorted({x.code for x in caps})) + f"：{f.message} / {f.message_en}",
                report,
                span=(f.start, f.end) if f.start is not None else None,
                citation=f.citation,
            )
        )
    else:
        items.append(
            _item(
                "rates",
                "利率上限 / rates within the caps",
                "pass",
                "未见超过上限的约定 / no rate above the caps found",
                report,
            )
        )
    deducted = _findings(report, "LC103")
    if deducted:
        f = deducted[0]
        items.append(
            _from_finding("advance_deduction", "预扣利息 / interest deducted in advance", "fail", f, report)
        )
    else:
        items.append(
            _item(
                "advance_deduction",
                "预扣利息 / interest deducted in advance",
                "pass",
                "未见预扣利息 / no advance deduction found",
                report,
            )
        )

    # 7. term and due dates
    ctx = RuleContext.build(report, as_of=as_of, filing_date=filing)
    schedule, maturity = last_due_date(report, ctx)
    if maturity is None:
        items.append(
            _item(
                "term",
                "期限与到期日 / term and due dates",
                "fail",
                "无法确定到期日：期限或到期日未载明 / the due date cannot be told: no term or due date",
                report,
            )
        )
    else:
        where = "按还款计划最后一期" if schedule is not None else "按借款期限"
        items.append(
            _item(
                "term",
                "期限与到期日 / term and due dates",
                "pass",
                f"到期日{maturity}（{where}） / due {maturity}"
                f" ({'the last instalment' if schedule is not None else 'from the term'})",
                report,
            )
        )

    # 8. limitation period (three years from the last due date, interruptions unknown)
    if maturity is None:
        items.append(
            _item(
                "limitation",
                "诉讼时效 / limitation period",
                "warn",
                "到期日不明，时效起算点无法确定 / no due date, so the limitation period cannot be computed",
                report,
                citation=citation("civil_code:188"),
            )
        )
    else:
        ends = limitation_ends(maturity)
        st, d = _deadline(
            ends,
            filing,
            fail=f"诉讼时效已于{ends}届满（到期日{maturity}起三年）：除非有催收、部分还款等中断事由的证据 / the limitation "
            f"period ended on {ends} (three years from {maturity}) unless a demand or part payment interrupted it: "
            "produce that evidence",
            warn=f"诉讼时效将于{ends}届满，尽快起诉或催收 / the limitation period ends on {ends}: file or send a demand soon",
            ok=f"诉讼时效至{ends}（未计中断事由） / the limitation period runs to {ends} (interruptions not counted)",
        )
        items.append(
            _item(
                "limitation",
                "诉讼时效 / limitation period",
                st,
                d,
                report,
                citation=citation("civil_code:195" if st == "fail" else "civil_code:188"),
            )
        )

    # 9. guarantee period
    # a suretyship (保证), not a mortgage or pledge by the borrower: Art. 692's period is the surety's alone
    guaranteed = bool(t.guarantors) or bool(_SURETY_RE.search(text))
    if guaranteed:
        if maturity is None:
            items.append(
                _item(
                    "guarantee",
                    "保证期间 / guarantee period",
                    "warn",
                    "到期日不明，保证期间无法计算 / no due date, so the guarantee period cannot be computed",
                    report,
                    citation=citation("civil_code:692"),
                )
            )
        else:
            ends = add_months(maturity, GUARANTEE_MONTHS)
            agreed = re.search(r"保证期间[^。；\n]{0,30}", text)
            length = _AGREED_PERIOD_RE.search(agreed.group(0)) if agreed else None
            if length:
                n = parse_number(length.group("n"))
                months = int(n) * (12 if length.group("unit") == "年" else 1) if n is not None else 0
                agreed_end = add_months(maturity, months) if months else None
            else:
                agreed_end = None
            if agreed and agreed_end is not None:
                st, d = _deadline(
                    agreed_end,
                    filing,
                    fail=f"约定保证期间（“{agreed.group(0)}”）已于{agreed_end}届满：期间内未向保证人主张的，保证人免责 / the "
                    f"agreed guarantee period ended on {agreed_end}: a guarantor not called on within it is released",
                    warn=f"约定保证期间至{agreed_end}届满，须在此前向保证人主张 / the agreed guarantee period ends on "
                    f"{agreed_end}: call on the guarantor before then",
                    ok=f"约定保证期间至{agreed_end}（到期日{maturity}起） / the agreed guarantee period runs to "
                    f"{agreed_end} (from the due date {maturity})",
                )
            elif agreed:
                st, d = (
                    "needs_external_evidence",
                    (
                        f"合同约定了保证期间（“{agreed.group(0)}”），请核对其届满日；未约定时为到期后六个月（{ends}） / a guarantee period "
                        f"is agreed (“{agreed.group(0)}”): check when it ends; without one it would end on {ends}"
                    ),
                )
            elif filing > ends:
                st, d = (
                    "fail",
                    (
                        f"未约定保证期间，按到期日起六个月已于{ends}届满：期间内未向保证人主张的，保证人免责 / no agreed "
                        f"guarantee period: six months from the due date ended on {ends}; a guarantor not called on "
                        "within it is released"
                    ),
                )
            else:
                st, d = (
                    "warn",
                    (
                        f"未约定保证期间，至{ends}届满，须在此前向保证人主张 / no agreed guarantee period: it ends on "
                        f"{ends}; call on the guarantor before then"
                    ),
                )
            items.append(
                _item(
                    "guarantee",
                    "保证期间 / guarantee period",
                    st,
                    d,
                    report,
                    span=agreed.span() if agreed else None,
                    citation=citation("civil_code:692"),
                )
            )

    # 10. jurisdiction; 11. delivery-address confirmation
    forum = _findings(report, "LC403")
    if forum:
        f = forum[0]
        items.append(_from_finding("jurisdiction", "管辖 / jurisdiction", "warn", f, report))
    elif t.jurisdiction:
        items.append(
            _item(
                "jurisdiction",
                "管辖 / jurisdiction",
                "pass",
                f"约定{t.jurisdiction} / agreed: {t.jurisdiction}",
                report,
            )
        )
    else:
        items.append(
            _item(
                "jurisdiction",
                "管辖 / jurisdiction",
                "warn",
                "未约定管辖，由被告住所地或合同履行地法院管辖 / no forum agreed: the defendant's domicile or the place of "
                "performance",
                report,
                citation=citation("cpl_2023:24"),
            )
        )
    if _findings(report, "LC206"):
        items.append(
            _item(
                "delivery_address",
                "送达地址确认 / delivery-address confirmation",
                "warn",
                "无送达地址确认条款，送达可能延误 / no delivery-address clause: service may be delayed",
                report,
                citation=citation("spc_online_litigation_2021:29"),
            )
        )
    else:
        items.append(
            _item(
                "delivery_address",
                "送达地址确认 / delivery-address confirmation",
                "pass",
                f"已约定送达地址{('：' + t.delivery_address) if t.delivery_address else ''} / service address agreed",
                report,
            )
        )

    # 12. claimable amounts
    c = report.claimable
    if c is not None and c.as_of == as_of:
        items.append(
            _item(
                "claimable",
                "可主张金额 / claimable at the check date",
                "pass",
                f"本金{money(c.principal)} + 受保护利息{money(c.interest)} = {money(c.total)}元（假定未还款） / principal "
                f"{money(c.principal)} + interest within the caps {money(c.interest)} = {money(c.total)} (nothing "
                "repaid assumed)",
                report,
            )
        )
    else:
        items.append(
            _item(
                "claimable",
                "可主张金额 / claimable at the check date",
                "warn",
                "本金、利率或起算日不全，无法计算 / principal, rate or start date missing: cannot be computed",
                report,
            )
        )
    return EvidenceChecklist(
        source=report.source,
        as_of=as_of,
        filing_date=filing,
        items=items,
        assumptions=report.assumptions,
        claimable=c,
    )


_MARK = {"pass": "✓ pass", "warn": "! warn", "fail": "✗ fail", "needs_external_evidence": "? needs evidence"}


def render_text(checklist: EvidenceChecklist) -> str:
    lines = [
        f"{checklist.source or '<text>'}: 证据清单 evidence checklist at {checklist.as_of} (suit {checklist.filing_date})"
    ]
    for it in checklist.items:
        page = f" p.{it.page}" if it.page else ""
        lines.append(f"  {_MARK[it.status]:<17} {it.title}{page}")
        lines.append(f"      {it.detail}")
    if checklist.assumptions is not None:
        lines.append("  假定 assumptions:")
        lines.extend(f"    - {n}" for n in checklist.assumptions.notes)
    return "\n".join(lines)


def render_markdown(checklist: EvidenceChecklist, report: ContractReport) -> str:
    """A memo a lawyer can paste: the table, the evidence quoted, the citations, the assumptions."""
    from loanclause.report.findings import citation_line

    out = [
        f"# 起诉前证据核查 Pre-litigation evidence check — {checklist.source or 'contract'}",
        "",
        f"核查日 Check date: {checklist.as_of} · 假定起诉日 Assumed date of suit: {checklist.filing_date}",
        "",
        "| # | 项目 item | 结论 status | 说明 detail |",
        "| --- | --- | --- | --- |",
    ]
    for n, it in enumerate(checklist.items, 1):
        detail = it.detail.replace("|", "\\|")
        out.append(f"| {n} | {it.title} | {_MARK[it.status]} | {detail} |")
    quoted = [it for it in checklist.items if it.start is not None and it.end is not None]
    if quoted:
        out += ["", "## 证据原文 Evidence in the text", ""]
        for it in quoted:
            snippet = " ".join(report.text[it.start : it.end].split())
            where = f"（第{it.page}页）" if it.page else ""
            out.append(f"- **{it.title}**{where}：「{snippet}」")
    cited = [it for it in checklist.items if it.citation is not None]
    if cited:
        out += ["", "## 依据 Citations", ""]
        out.extend(f"- {it.title}：{citation_line(it.citation)}" for it in cited)
    if checklist.assumptions is not None:
        out += ["", "## 假定 Assumptions", ""]
        out.extend(f"- {n}" for n in checklist.assumptions.notes)
    out += [
        "",
        "_loanclause 依文本自动核查；需外部证据的事项须以原件、流水等核实。 Checked from the text by loanclause; items "
        "that need external evidence must be verified against originals and bank records._",
        "",
    ]
    return "\n".join(out)
