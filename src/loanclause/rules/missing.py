"""LC2xx: clauses a loan contract should have (Civil Code Art. 668: "一般包括" type, currency, purpose, amount,
rate, term, repayment method), and the clauses that decide what happens in a dispute.

These rules look at ``report.terms`` and at the clause kinds from segmentation, with a keyword check on the text
as a safety net (a clause the segmenter did not label must not be reported missing).  They run only on whole
documents (``report.fragment`` False).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loanclause.law import citation
from loanclause.rules.context import RuleContext
from loanclause.rules.registry import Hit, rule

__all__: list[str] = []

_PRINCIPAL_RE = re.compile(r"(?:借款|出借|贷款|借贷)(?:金额|本金|数额|额度)|本金")
_TERM_RE = re.compile(r"期限|到期|届满|还款日|还款时间|归还日期|还款期|于\d{4}年\d{1,2}月\d{1,2}日前")
_INTEREST_RE = re.compile(r"(?<!逾期)(?:利息|利率)|年化|月息|日息|年息|计息|无息|不计息|免息|分利")
_OVERDUE_RE = re.compile(r"逾期|罚息|违约金|滞纳金")
_DISPUTE_RE = re.compile(r"管辖|仲裁|诉讼|起诉|争议解决|争议的解决")
_DELIVERY_RE = re.compile(r"送达")


def _has(ctx: RuleContext, kinds: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    return bool(ctx.clauses_of_kind(*kinds)) or bool(pattern.search(ctx.report.text))


@rule(
    code="LC201",
    title="No principal amount",
    severity="warning",
    citation_key="civil_code:668",
    whole_document_only=True,
)
def no_principal(ctx: RuleContext) -> Iterator[Hit]:
    """The contract states no loan amount (借款金额)."""
    if ctx.terms.principal is not None or _has(ctx, ("principal",), _PRINCIPAL_RE):
        return
    yield Hit(
        "未找到借款金额（本金）条款：借款合同一般应载明借款数额，缺少时出借事实和本金数额需另行举证",
        "No loan amount (principal) found: a loan contract normally states the amount; without it the loan and "
        "its amount must be proved otherwise.",
    )


@rule(
    code="LC202",
    title="No term or due date",
    severity="warning",
    citation_key="civil_code:675",
    whole_document_only=True,
)
def no_term(ctx: RuleContext) -> Iterator[Hit]:
    """The contract states neither a term (借款期限) nor a due date."""
    t = ctx.terms
    if t.term is not None or t.end_date is not None or _has(ctx, ("term", "repayment"), _TERM_RE):
        return
    yield Hit(
        "未找到借款期限或还款日期：期限不明的，借款人可以随时返还，出借人可以催告借款人在合理期限内返还"
        "（民法典第六百七十五条）",
        "No term or due date found: the borrower may repay at any time and the lender may demand repayment "
        "within a reasonable time (Civil Code Art. 675).",
    )


@rule(
    code="LC203",
    title="No interest agreement",
    severity="warning",
    citation_key="spc_pl_current:24",
    whole_document_only=True,
)
def no_interest(ctx: RuleContext) -> Iterator[Hit]:
    """The contract says nothing about interest: none can be claimed for the loan period."""
    if ctx.terms.interest_rate is not None or _has(ctx, ("interest",), _INTEREST_RE):
        return
    if ctx.private:
        yield Hit(
            "未找到利息约定：视为没有利息，出借人不能主张借期内利息（第二十四条第一款；民法典第六百八十条第二款）；"
            "逾期后可参照当时一年期LPR主张逾期利息（第二十八条第二款第（一）项）",
            "No interest agreement found: the loan is interest-free and no loan-period interest can be claimed "
            "(provisions Art. 24(1); Civil Code Art. 680(2)); after the due date the lender may claim interest "
            "at the one-year LPR of the time (Art. 28(2)(i)).",
            citation=citation("spc_pl_current:24", detail="第一款"),
        )
    else:
        yield Hit(
            "未找到利息约定：借款合同对支付利息没有约定的，视为没有利息（民法典第六百八十条第二款）",
            "No interest agreement found: a loan contract that says nothing about interest is interest-free "
            "(Civil Code Art. 680(2)).",
            citation=citation("civil_code:680", detail="第二款"),
        )


@rule(
    code="LC204",
    title="No overdue-interest clause",
    severity="info",
    citation_key="spc_pl_current:28",
    whole_document_only=True,
)
def no_overdue_clause(ctx: RuleContext) -> Iterator[Hit]:
    """No overdue interest, 罚息 or 违约金 clause: the statutory defaults apply after the due date."""
    t = ctx.terms
    if t.overdue_rate is not None or t.penalty is not None:
        return
    if _has(ctx, ("overdue_interest", "penalty"), _OVERDUE_RE):
        return
    if ctx.private:
        yield Hit(
            "未找到逾期利息或违约金条款：逾期后，约定了借期利率的按借期利率计收，未约定的参照当时一年期LPR计收"
            "（第二十八条第二款）",
            "No overdue-interest or penalty clause found: after the due date the loan-period rate runs, or, if "
            "none was agreed, the one-year LPR of the time (provisions Art. 28(2)).",
            citation=citation("spc_pl_current:28", detail="第二款"),
        )
    else:
        yield Hit(
            "未找到逾期利息或违约金条款：逾期利息按照约定或者国家有关规定支付（民法典第六百七十六条）",
            "No overdue-interest or penalty clause found: overdue interest is due as agreed or under state rules "
            "(Civil Code Art. 676).",
            citation=citation("civil_code:676"),
        )


@rule(
    code="LC205",
    title="No dispute-resolution clause",
    severity="info",
    citation_key="cpl_2023:24",
    whole_document_only=True,
)
def no_dispute_clause(ctx: RuleContext) -> Iterator[Hit]:
    """No jurisdiction or arbitration clause: suits go to the defendant's domicile or the place of performance."""
    if ctx.terms.jurisdiction is not None or _has(ctx, ("dispute_resolution",), _DISPUTE_RE):
        return
    yield Hit(
        "未找到争议解决（管辖或仲裁）条款：合同纠纷由被告住所地或者合同履行地人民法院管辖（民事诉讼法第二十四条），"
        "借款合同的履行地一般为接受货币一方所在地",
        "No dispute-resolution clause found: contract suits go to the court of the defendant's domicile or the "
        "place of performance (Civil Procedure Law Art. 24); for money, the receiving party's place.",
    )


@rule(
    code="LC206",
    title="No delivery-address confirmation",
    severity="info",
    citation_key="spc_online_litigation_2021:29",
    whole_document_only=True,
)
def no_delivery_address(ctx: RuleContext) -> Iterator[Hit]:
    """No clause confirming postal and electronic service addresses (送达地址确认)."""
    if ctx.terms.delivery_address is not None or _has(ctx, ("delivery_address",), _DELIVERY_RE):
        return
    yield Hit(
        "未找到送达地址确认条款：事先约定邮寄及电子送达地址，并约定地址变更的通知义务和退回视为送达，"
        "可在诉讼中作为确认的送达地址、认定同意电子送达（人民法院在线诉讼规则第二十九条）",
        "No delivery-address confirmation found: addresses agreed before a dispute (postal and electronic, with "
        "a duty to notify changes) can be used for service and show consent to electronic service (Online "
        "Litigation Rules Art. 29).",
    )


# a fee the borrower pays for the loan itself (not the costs of enforcing it, which a court allocates)
_LOAN_FEE_RE = re.compile(
    r"(?:服务费|管理费|手续费|咨询费|担保费|审核费|审查费|评估费|会员费|风险金|保证金|信息费|平台费|居间费|技术服务费)"
)
_ANNUALISED_RE = re.compile(r"年化|综合(?:年化)?(?:融资|资金)?成本|实际年利率|年综合费率")


@rule(
    code="LC208",
    title="Annualised rate not disclosed (licensed lender)",
    severity="warning",
    citation_key="pboc_2021_3",
    whole_document_only=True,
)
def no_annualised_rate(ctx: RuleContext) -> Iterator[Hit]:
    """A licensed lender or local financial organisation charges fees but the contract states no annualised rate covering them."""
    if ctx.private:
        return
    if _ANNUALISED_RE.search(ctx.report.text):
        return
    fee = ctx.terms.fees[0] if ctx.terms.fees else None
    m = _LOAN_FEE_RE.search(ctx.report.text) if fee is None else None
    if fee is None and m is None:
        return
    name = fee.name if fee is not None else m.group(0)  # type: ignore[union-attr]
    start, end = (fee.start, fee.end) if fee is not None else (m.start(), m.end())  # type: ignore[union-attr]
    yield Hit(
        f"出借人为{ctx.lender_kind_zh}，合同收取{name}等费用，却未载明包含这些费用的年化利率："
        "贷款机构应在合同中载明年化利率（利息及与贷款直接相关的费用折算为按实际占用本金计算的年利率），"
        "日利率、月利率不得比年化利率更显著",
        f"The lender is a {ctx.lender_kind_en} and the contract charges fees ({name}) but states no annualised "
        "rate covering them: lenders must state the annualised rate (interest and loan-related fees over the "
        "principal actually used) in the contract (PBoC Announcement [2021] No. 3, secondary source).",
        start,
        end,
    )
