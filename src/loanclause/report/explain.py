"""One plain sentence a borrower understands, in Chinese and in English, for each finding and each term.

>>> from decimal import Decimal
>>> from loanclause.models import Finding, LoanTerms, Rate
>>> terms = LoanTerms(overdue_rate=Rate(value=Decimal("0.02"), period="day", annual=Decimal("7.3")))
>>> finding = Finding(code="LC102", severity="error", title="Overdue charges above the cap", message="")
>>> explain_finding(finding, terms).zh
'逾期后每天按欠款的2%计息，折合年化730%，超过法律保护的上限，超出部分法院不会支持'

A finding's ``message`` is for people who read law: it names the rule, the articles and every assumption.  The
sentence here is for the borrower: what the clause costs or does, in numbers, and what that means for them, with
no article numbers (the finding carries its citation separately) and no advice the rule does not give.

How a sentence is made:

* the numbers come from the contract's terms (rates as "per day / per month, i.e. so much a year", amounts in
  元); numbers only the rule works out (the cap, an IRR, a compounded rate, the days a one-off charge takes to
  pass the cap) are read from the finding's own message, so the sentence never disagrees with the finding;
* ``TEMPLATES`` holds every sentence, keyed by code, with a variant for what the finding says (a ceiling, a
  court's reference line, a regulator's target, "cannot tell") and a ``.plain`` form that needs no numbers;
  the first form whose numbers are all known is used;
* a provisional finding (its verdict rests on an assumption) says 可能 / "may"; an ``info`` finding is worded
  calmly; an unknown code gets a sentence built from its title.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from loanclause.law._fmt import money, pct
from loanclause.models import Explanation, Fee, Finding, LoanTerms, Penalty, Rate

__all__ = ["TEMPLATES", "Explanation", "explain_finding", "explain_terms"]


# ------------------------------------------------------------------------------------------------ templates
#
# Key: ``CODE`` (the finding's verdict as the rule usually gives it), ``CODE.VARIANT`` (see _VARIANT_MARKERS and
# severity), each optionally with ``.plain`` (no numbers).  Placeholders:
#   certainty   {may} ""/可能, {wont} 不会/可能不会; {is} is/may be, {isnt} is not/may not be, {will} will/may,
#               {can} can/may be able to, {lets} lets/may let, {has} has/may have, {makes} makes/may make
#   fragments   always filled, "" when unknown: {cap}/{cap_en} (the cap, "14.6%"/"14.6% "), {over}/{over_en}
#               (超过/远超), {period}/{period_en} (which interest the cap governs), {total}, {total_en},
#               {total_plain}, {total_plain_en}, {real}/{real_en}, {costs}/{costs_en}, {over107}/{over107_en}
#   numbers     a missing one moves on to the next form: {rate}/{rate_en} (interest, as stated and per year),
#               {annual}, {stated}/{stated_en}, {od}/{od_en} (the biggest running overdue charge), {one_off}/
#               {one_off_en}, {principal}, {disbursed}, {deducted} (+ _en), {jurisdiction}, and what the message
#               states: {days}, {compounded}, {irr}, {irr_compound}, {low}, {high}, {total_num}, {label}/
#               {label_en}, {text}, {readings}/{readings_en}, {words_amount}, {figures_amount}
#
# Chinese sentences carry no final 。 (they are shown as one line beside the finding); English ones end with ".".

_LEGAL_TAIL_ZH = "超出部分法院{wont}支持{period}"
_LEGAL_TAIL_EN = "a court {will} not make you pay the part above it{period_en}."

TEMPLATES: dict[str, tuple[str, str]] = {
    # ---- LC101 loan-period rate above the cap
    "LC101": (
        "借款利息{rate}，{may}{over}法律保护的上限{cap}，" + _LEGAL_TAIL_ZH,
        "Interest of {rate_en} {is} {over_en} the {cap_en}legal cap; " + _LEGAL_TAIL_EN,
    ),
    "LC101.plain": (
        "合同的借款利率{may}超过法律保护的上限{cap}，" + _LEGAL_TAIL_ZH,
        "The loan's interest rate {is} above the {cap_en}legal cap; " + _LEGAL_TAIL_EN,
    ),
    "LC101.pl2015": (
        "借款利息{rate}，{may}超过2015年旧规定的上限{cap}：超出的利息不用付、已付的可以要回，{low}以上的部分法院也{wont}支持",
        "Interest of {rate_en} {is} above the 2015 rule's {cap_en}limit: interest above it need not be paid and can "
        "be reclaimed if paid, and a court {will} not make you pay anything above {low} either.",
    ),
    "LC101.pl2015.plain": (
        "借款利率{may}超过2015年旧规定的上限{cap}：超出的利息不用付，已经付了的可以要回",
        "The interest rate {is} above the 2015 rule's {cap_en}limit: interest above it need not be paid and can be "
        "reclaimed if already paid.",
    ),
    "LC101.reference": (
        "借款利息{rate}，{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "Interest of {rate_en} {is} above the {cap_en}line courts use for financial loans; if you object, a court "
        "can cut the part above it.",
    ),
    "LC101.reference.plain": (
        "借款利率{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "The interest rate {is} above the {cap_en}line courts use for financial loans; if you object, a court can "
        "cut the part above it.",
    ),
    "LC101.regulatory": (
        "借款利息{rate}，{may}高于小额贷款公司新发放贷款{cap}的监管上限；这对你要付的利息有何影响，法律没有写明",
        "Interest of {rate_en} {is} above the {cap_en}limit regulators set for new microloan-company loans; the law "
        "does not say how this affects what you owe.",
    ),
    "LC101.regulatory.plain": (
        "借款利率{may}高于小额贷款公司新发放贷款{cap}的监管上限；这对你要付的利息有何影响，法律没有写明",
        "The interest rate {is} above the {cap_en}limit regulators set for new microloan-company loans; the law does "
        "not say how this affects what you owe.",
    ),
    "LC101.target": (
        "借款利息{rate}，{may}高于监管部门要求小额贷款公司逐步降到的{cap}目标，仅供参考",
        "Interest of {rate_en} {is} above the {cap_en}target regulators set for microloan companies; this is for "
        "information only.",
    ),
    "LC101.target.plain": (
        "借款利率{may}高于监管部门要求小额贷款公司逐步降到的{cap}目标，仅供参考",
        "The interest rate {is} above the {cap_en}target regulators set for microloan companies; this is for "
        "information only.",
    ),
    "LC101.warning": (
        "借款利息{rate}，{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "Interest of {rate_en} {is} above the {cap_en}limit that applies; a court may not make you pay all of the "
        "part above it{period_en}.",
    ),
    "LC101.warning.plain": (
        "借款利率{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "The interest rate {is} above the {cap_en}limit that applies; a court may not make you pay all of the part "
        "above it{period_en}.",
    ),
    "LC101.info": (
        "借款利息{rate}，{may}高于{cap}这一参考水平，仅供参考",
        "Interest of {rate_en} {is} above the {cap_en}reference level; this is for information only.",
    ),
    "LC101.info.plain": (
        "借款利率{may}高于{cap}这一参考水平，仅供参考",
        "The interest rate {is} above the {cap_en}reference level; this is for information only.",
    ),
    # ---- LC102 overdue interest + penalty + fees above the combined cap
    "LC102": (
        "逾期后{od}{total}，{may}{over}法律保护的上限{cap}，" + _LEGAL_TAIL_ZH,
        "Paying late costs {od_en}{total_en}, which {is} {over_en} the {cap_en}legal cap; " + _LEGAL_TAIL_EN,
    ),
    "LC102.plain": (
        "逾期后的利息、违约金和费用合计{total_plain}{may}{over}法律保护的上限{cap}，" + _LEGAL_TAIL_ZH,
        "The total of late interest, penalties and fees{total_plain_en} {is} {over_en} the {cap_en}legal cap; "
        + _LEGAL_TAIL_EN,
    ),
    "LC102.short_default": (
        "逾期后还要一次性付{one_off}：逾期不到{days}天就还清的话，折合年化{may}超过法律保护的上限{cap}，"
        "超出部分法院{wont}支持",
        "Paying late also costs {one_off_en} at once: if you repay within {days} days of the due date, that {is} "
        "more than the {cap_en}yearly legal cap, and a court {will} not make you pay the part above it.",
    ),
    "LC102.short_default.plain": (
        "逾期后的一次性违约金或费用，在逾期时间较短时折合年化{may}超过法律保护的上限{cap}，超出部分法院{wont}支持",
        "One-off late charges, if you repay soon after the due date, {will} come to more than the {cap_en}yearly legal "
        "cap; a court {will} not make you pay the part above it.",
    ),
    "LC102.short_default_reference": (
        "逾期后还要一次性付{one_off}：逾期不到{days}天就还清的话，折合年化{may}高于法院对金融借款掌握的{cap}参考线，"
        "你提出过高时，法院可以调低超出部分",
        "Paying late also costs {one_off_en} at once: if you repay within {days} days of the due date, that {is} "
        "above the {cap_en}yearly line courts use for financial loans; if you object, a court can cut the part "
        "above it.",
    ),
    "LC102.short_default_reference.plain": (
        "逾期后的一次性违约金或费用，在逾期时间较短时折合年化{may}高于法院对金融借款掌握的{cap}参考线，"
        "你提出过高时，法院可以调低超出部分",
        "One-off late charges, if you repay soon after the due date, {will} come to more than the {cap_en}yearly line "
        "courts use for financial loans; if you object, a court can cut the part above it.",
    ),
    "LC102.reference": (
        "逾期后{od}{total}，{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "Paying late costs {od_en}{total_en}, which {is} above the {cap_en}line courts use for financial loans; if "
        "you object, a court can cut the part above it.",
    ),
    "LC102.reference.plain": (
        "逾期后的利息、违约金和费用合计{total_plain}{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "The total of late interest, penalties and fees{total_plain_en} {is} above the {cap_en}line courts use for "
        "financial loans; if you object, a court can cut the part above it.",
    ),
    "LC102.warning": (
        "逾期后{od}{total}，{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "Paying late costs {od_en}{total_en}, which {is} above the {cap_en}limit that applies; a court may not "
        "make you pay all of the part above it{period_en}.",
    ),
    "LC102.warning.plain": (
        "逾期后的利息、违约金和费用合计{total_plain}{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "The total of late interest, penalties and fees{total_plain_en} {is} above the {cap_en}limit that applies; a "
        "court may not make you pay all of the part above it{period_en}.",
    ),
    "LC102.info": (
        "逾期后能折算的费用合计年化{total_num}，没超过上限，但还有费用无法折算，合计是否超过上限{may}暂时无法确定",
        "The late charges that can be put per year add up to {total_num} a year, within the cap, but others cannot "
        "be converted, so whether the total goes over {isnt} clear yet.",
    ),
    "LC102.info.plain": (
        "逾期后有些费用无法折算成年化，合计是否超过法律保护的上限{may}暂时无法确定",
        "Some late charges cannot be put per year, so whether they go over the legal cap {isnt} clear yet.",
    ),
    # ---- LC103 interest deducted in advance
    "LC103": (
        "合同写借款{principal}，实际只到手{disbursed}：预扣的{deducted}{may}不算本金，利息只按到手的钱算{real}",
        "The contract says {principal_en} but you received only {disbursed_en}: the {deducted_en} taken off up "
        "front {isnt} principal, and interest runs only on what you received{real_en}.",
    ),
    "LC103.plain": (
        "合同约定从借款里预先扣除利息或费用（砍头息）：扣掉的部分{may}不算本金，利息只按实际到手的钱算",
        "The contract takes interest or fees off the loan up front: the amount taken off {isnt} principal, and "
        "interest runs only on the money you actually received.",
    ),
    # ---- LC104 compound interest
    "LC104": (
        "合同约定利滚利（利息计入本金再算利息），算下来实际年化{compounded}，{may}{over}法律保护的上限{cap}，"
        + _LEGAL_TAIL_ZH,
        "The contract charges interest on interest, {compounded} a year in effect, which {is} {over_en} the "
        "{cap_en}legal cap; " + _LEGAL_TAIL_EN,
    ),
    "LC104.plain": (
        "合同约定利滚利（利息计入本金再算利息），这样算下来{may}超过法律保护的上限{cap}，" + _LEGAL_TAIL_ZH,
        "The contract charges interest on interest, which {is} more than the {cap_en}legal cap allows; "
        + _LEGAL_TAIL_EN,
    ),
    "LC104.reference": (
        "合同约定利滚利，算下来实际年化{compounded}，{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "The contract charges interest on interest, {compounded} a year in effect, which {is} above the {cap_en}"
        "line courts use for financial loans; if you object, a court can cut the part above it.",
    ),
    "LC104.reference.plain": (
        "合同约定利滚利，算下来{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "The contract charges interest on interest, which {is} above the {cap_en}line courts use for financial "
        "loans; if you object, a court can cut the part above it.",
    ),
    "LC104.warning": (
        "合同约定利滚利，算下来实际年化{compounded}，{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "The contract charges interest on interest, {compounded} a year in effect, which {is} above the {cap_en}"
        "limit that applies; a court may not make you pay all of the part above it{period_en}.",
    ),
    "LC104.warning.plain": (
        "合同约定利滚利，算下来{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "The contract charges interest on interest, which {is} above the {cap_en}limit that applies; a court may "
        "not make you pay all of the part above it{period_en}.",
    ),
    "LC104.info": (
        "合同约定利滚利（利息计入本金再算利息），但没能读出利率，{may}暂时无法判断是否超过法律保护的上限",
        "The contract charges interest on interest, but no rate could be read, so whether this goes over the legal "
        "cap {isnt} clear yet.",
    ),
    # ---- LC105 comprehensive annual cost above the cap
    "LC105": (
        "算上{costs}，借款实际年化成本约{irr}，{may}{over}法律保护的上限{cap}，变相收取的利息超出部分法院{wont}支持{period}",
        "Counting {costs_en}, the loan really costs about {irr} a year, which {is} {over_en} the {cap_en}legal cap; "
        "a court {will} not make you pay fees that are really interest above it{period_en}.",
    ),
    "LC105.plain": (
        "算上{costs}，借款的实际年化成本{may}超过法律保护的上限{cap}，变相收取的利息超出部分法院{wont}支持{period}",
        "Counting {costs_en}, the loan's real yearly cost {is} above the {cap_en}legal cap; a court {will} not make "
        "you pay fees that are really interest above it{period_en}.",
    ),
    "LC105.reference": (
        "算上{costs}，借款实际年化成本约{irr}，{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "Counting {costs_en}, the loan really costs about {irr} a year, which {is} above the {cap_en}line courts use "
        "for financial loans; if you object, a court can cut the part above it.",
    ),
    "LC105.reference.plain": (
        "算上{costs}，借款的实际年化成本{may}高于法院对金融借款掌握的{cap}参考线，你提出过高时，法院可以调低超出部分",
        "Counting {costs_en}, the loan's real yearly cost {is} above the {cap_en}line courts use for financial "
        "loans; if you object, a court can cut the part above it.",
    ),
    "LC105.regulatory": (
        "算上{costs}，借款实际年化成本约{irr}，{may}高于小额贷款公司新发放贷款{cap}的监管上限；这对你要付的钱有何影响，法律没有写明",
        "Counting {costs_en}, the loan really costs about {irr} a year, which {is} above the {cap_en}limit "
        "regulators set for new microloan-company loans; the law does not say how this affects what you owe.",
    ),
    "LC105.regulatory.plain": (
        "算上{costs}，借款的实际年化成本{may}高于小额贷款公司新发放贷款{cap}的监管上限；这对你要付的钱有何影响，法律没有写明",
        "Counting {costs_en}, the loan's real yearly cost {is} above the {cap_en}limit regulators set for new "
        "microloan-company loans; the law does not say how this affects what you owe.",
    ),
    "LC105.target": (
        "算上{costs}，借款实际年化成本约{irr}，{may}高于监管部门要求小额贷款公司逐步降到的{cap}目标，仅供参考",
        "Counting {costs_en}, the loan really costs about {irr} a year, which {is} above the {cap_en}target "
        "regulators set for microloan companies; this is for information only.",
    ),
    "LC105.target.plain": (
        "算上{costs}，借款的实际年化成本{may}高于监管部门要求小额贷款公司逐步降到的{cap}目标，仅供参考",
        "Counting {costs_en}, the loan's real yearly cost {is} above the {cap_en}target regulators set for "
        "microloan companies; this is for information only.",
    ),
    "LC105.compound_only": (
        "算上{costs}，借款实际年化成本按单利算约{irr}，没超过上限{cap}，按复利算约{irr_compound}，{may}超过了上限",
        "Counting {costs_en}, the loan costs about {irr} a year by simple interest, within the {cap_en}cap, but "
        "{irr_compound} compounded, which {is} above it.",
    ),
    "LC105.compound_only.plain": (
        "算上{costs}，借款实际年化成本按单利算没超过上限{cap}，按复利算则{may}超过上限",
        "Counting {costs_en}, the loan's real yearly cost is within the {cap_en}cap by simple interest but {is} "
        "above it compounded.",
    ),
    "LC105.warning": (
        "算上{costs}，借款实际年化成本约{irr}，{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "Counting {costs_en}, the loan really costs about {irr} a year, which {is} above the {cap_en}limit that "
        "applies; a court may not make you pay all of the part above it{period_en}.",
    ),
    "LC105.warning.plain": (
        "算上{costs}，借款的实际年化成本{may}超过适用的上限{cap}，超出部分法院可能不会全部支持{period}",
        "Counting {costs_en}, the loan's real yearly cost {is} above the {cap_en}limit that applies; a court may not "
        "make you pay all of the part above it{period_en}.",
    ),
    "LC105.info": (
        "合同收取费用，但借款金额或期限不明，{may}暂时算不出算上费用后的实际年化成本",
        "The contract charges fees, but the amount or the term of the loan is unknown, so the real yearly cost with "
        "fees {isnt} known yet.",
    ),
    # ---- LC106 the 2015 regime's 24–36 % zone
    "LC106": (
        "借款利息{rate}，{may}落在2015年旧规定的{low}到{high}之间：超过{low}的部分法院{wont}支持，但已经付了的要不回来{period}",
        "Interest of {rate_en} {is} between the 2015 rule's {low} and {high}: a court {will} not make you pay the "
        "part above {low}, but what you have already paid cannot be reclaimed{period_en}.",
    ),
    "LC106.plain": (
        "借款利率{may}落在2015年旧规定的中间区间：超过下限的部分法院{wont}支持，但已经付了的要不回来{period}",
        "The interest rate {is} in the 2015 rule's middle band: a court {will} not make you pay the part above its "
        "lower line, but what you have already paid cannot be reclaimed{period_en}.",
    ),
    # ---- LC107 rate without a period
    "LC107": (
        "{label}“{text}”没写明按天、按月还是按年算：{readings}{over107}，实际按哪种由法院根据双方习惯等认定",
        "The {label_en} “{text}” does not say per day, month or year: {readings_en}{over107_en}; a court decides "
        "which reading applies from the parties' dealings.",
    ),
    "LC107.plain": (
        "合同里的利率没写明按天、按月还是按年算，不同算法差别很大，实际按哪种由法院根据双方习惯等认定",
        "A rate in the contract does not say per day, month or year, and the readings differ widely; a court "
        "decides which applies from the parties' dealings.",
    ),
    # ---- LC2xx missing clauses
    "LC201": (
        "合同里没找到借款金额，发生纠纷时借了多少钱{may}要用转账记录等其他证据来证明",
        "The contract does not state how much is lent; in a dispute the amount {will} have to be shown by other "
        "evidence such as transfer records.",
    ),
    "LC202": (
        "合同里没找到借款期限或还款日期：你{may}可以随时还款，出借人也可以要求你在合理时间内还清",
        "The contract sets no term or due date: you {can} repay at any time, and the lender can ask you to repay "
        "within a reasonable time.",
    ),
    "LC203": (
        "合同里没找到利息约定，{may}按不收利息处理，出借人不能要求借款期间的利息",
        "The contract says nothing about interest, so the loan {is} treated as interest-free and the lender cannot "
        "claim interest for the loan period.",
    ),
    "LC204": (
        "合同没有约定逾期利息或违约金，逾期后{may}按法律规定的默认标准计算",
        "The contract sets no late interest or penalty; after the due date the default rate set by law {will} apply.",
    ),
    "LC204.private": (
        "合同没有约定逾期利息或违约金，逾期后{may}按借款利率（年化{annual}）继续计息",
        "The contract sets no late interest or penalty; after the due date interest {will} simply run on at the loan "
        "rate ({annual} a year).",
    ),
    "LC204.private.plain": (
        "合同没有约定逾期利息或违约金，逾期后{may}按借款利率继续计息，没约定借款利率的按当时的市场报价利率计",
        "The contract sets no late interest or penalty; after the due date interest {will} run on at the loan rate, "
        "or at the market reference rate of the time if none was agreed.",
    ),
    "LC205": (
        "合同没写发生纠纷到哪里解决，{may}按法律规定由被告所在地或合同履行地的法院处理",
        "The contract does not say where disputes go; by law a suit {will} go to the court where the defendant "
        "lives or where the contract is carried out.",
    ),
    "LC206": (
        "合同没有约定接收通知和法院文书的地址；有这一条时，法院{may}可以直接按约定地址寄送",
        "The contract names no address for notices and court papers; with such a clause a court {can} send papers "
        "straight to the agreed address.",
    ),
    "LC208": (
        "合同没有写明年化利率：按合同写的{stated}算，{may}折合年化{annual}",
        "The contract does not state the annual rate: {stated_en} {is} {annual} a year.",
    ),
    "LC208.plain": (
        "合同没有写明按年计算的利率（年化利率），借款的真实成本{may}不容易看出来",
        "The contract does not state the annual rate, so the real cost of the loan {is} hard to see.",
    ),
    # ---- LC3xx consistency
    "LC301": (
        "合同里大写金额{words_amount}元和小写金额{figures_amount}元不一致，借了多少{may}说不清，要结合转账记录等来确定",
        "The amount in words ({words_amount} yuan) and in figures ({figures_amount} yuan) do not match, so how much "
        "was lent {is} unclear and would be settled from transfer records and similar evidence.",
    ),
    "LC301.plain": (
        "合同里大写金额和小写金额不一致，借了多少{may}说不清，要结合转账记录等来确定",
        "The amounts in words and in figures do not match, so how much was lent {is} unclear and would be settled "
        "from transfer records and similar evidence.",
    ),
    # ---- LC4xx conduct
    "LC401": (
        "合同{may}让你“同意”把欠款的事告诉你的联系人、亲友或单位，或把你的信息交给别人；这种笼统同意不算数，催收只能找你本人",
        "The contract {has} you “agree” that your contacts, relatives or employer are told of the debt or "
        "given your data; such a blanket consent does not count, and collectors may contact only you.",
    ),
    "LC402": (
        "合同{may}允许对方自己改利率、费用或合同内容；改合同要双方商量一致，对方单方面改的价格不当然对你有效",
        "The contract {lets} the other side change the rate, fees or terms on its own; changes need both "
        "sides to agree, and a price changed on its own does not simply bind you.",
    ),
    "LC403": (
        "合同约定由“{jurisdiction}”处理纠纷，但那里与你们的借款没有实际联系，这一约定可能无效，届时按法律规定确定法院",
        "The contract sends disputes to “{jurisdiction}”, a place with no real link to your loan; such a choice may "
        "not be valid, and the court is then fixed by law.",
    ),
    "LC403.plain": (
        "合同约定的法院（如平台所在地或由一方事后指定）与你们的借款没有实际联系，这一约定可能无效，届时按法律规定确定法院",
        "The contract sends disputes to a court with no real link to your loan (such as the platform's seat, or one "
        "a party picks later); such a choice may not be valid, and the court is then fixed by law.",
    ),
    "LC404": (
        "合同里去哪打官司（或仲裁）的条款是对方预先写好的，文本里看不出有加粗或特别提示；如果确实没有提示，你{may}可以主张这一条不算数",
        "The clause on where disputes go was written in advance by the other side and shows no bold type or special "
        "notice in the text; if there really was none, you {can} ask that it not count.",
    ),
    "LC405": (
        "合同{may}允许对方公开你的欠款或个人信息（如媒体、公告、黑名单）；合同里的笼统同意不算数，未经你单独同意不能公开",
        "The contract {lets} the other side make your debt or personal data public (media, notices, "
        "blacklists); a blanket clause does not count, and it may not be made public without your separate consent.",
    ),
    "LC406": (
        "合同{may}允许对方从你名下任何账户扣钱，而不只是约定的还款账户；这种不指明账户和金额的笼统授权可能无效",
        "The contract {lets} the other side take money from any of your accounts, not just the agreed repayment "
        "account; such a blanket authorisation naming no account or amount may be void.",
    ),
    "LC407": (
        "合同要你放弃为自己辩解、拒绝付款等权利；对方预先写好、排除你主要权利的条款{may}无效，你依法享有的权利不会因此丧失",
        "The contract {makes} you give up your defences or other rights; a pre-written term that strips your main "
        "rights {isnt} valid, and you keep the rights the law gives you.",
    ),
    # ---- any other code
    "*": (
        "检查发现一个问题：{title}（{code}）",
        "The check found an issue: {title} ({code}).",
    ),
    "*.info": (
        "提示：{title}（{code}）",
        "For your information: {title} ({code}).",
    ),
}

# What in a finding's (Chinese) message tells which variant of its code it is: (all these words, variant), first
# match wins.
_VARIANT_MARKERS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "LC101": (
        (("2015年民间借贷规定的年利率",), "pl2015"),
        (("司法参考线",), "reference"),
        (("监管要求",), "regulatory"),
        (("目标",), "target"),
    ),
    "LC102": (
        (("逾期不足", "司法参考线"), "short_default_reference"),
        (("逾期不足",), "short_default"),
        (("无法判断",), "info"),
        (("司法参考线",), "reference"),
    ),
    "LC104": (
        (("未能确定利率",), "info"),
        (("司法参考线",), "reference"),
    ),
    "LC105": (
        (("无法计算",), "info"),
        (("按复利口径超过",), "compound_only"),
        (("司法参考线",), "reference"),
        (("监管要求",), "regulatory"),
        (("目标",), "target"),
    ),
    "LC204": ((("LPR",), "private"),),
}

# Numbers only the rule works out, read from its own (Chinese) message: code → {fact: regex with one group}.
_NUM = r"(\d+(?:\.\d+)?%)"
_AMOUNT = r"([\d,]+(?:\.\d+)?)"
_MESSAGE_FACTS: dict[str, dict[str, str]] = {
    "LC101": {"low": _NUM + r"–\d+(?:\.\d+)?%部分"},
    "LC102": {"total_num": r"合计(?:年化)?" + _NUM, "days": r"逾期不足(\d+)天"},
    "LC103": {
        "principal_amount": r"借款本金" + _AMOUNT + "元",
        "disbursed_amount": r"实际出借" + _AMOUNT + "元",
        "real_num": r"实际年化约" + _NUM,
    },
    "LC104": {"compounded": r"复利计算实际年化" + _NUM},
    "LC105": {"irr": r"单利" + _NUM, "irr_compound": r"复利" + _NUM},
    "LC106": {"low": _NUM + r"–\d", "high": r"–" + _NUM + r"区间"},
    "LC107": {"label_raw": r"(借期|逾期)利率“", "text": r"利率“([^”]+)”"},
    "LC301": {
        "words_amount": r"大写金额“[^”]*”（" + _AMOUNT + r"元）",
        "figures_amount": r"小写金额“[^”]*”（" + _AMOUNT + r"元）",
    },
}

# How each cap is written in the messages (Cap.describe_zh and the LC107/target phrasings).
_CAP_RES = tuple(
    re.compile(p)
    for p in (
        r"的[两三四五六七八九十\d]+倍" + _NUM,
        r"规定的(?:合计上限)?年利率" + _NUM,
        r"2015年规定的" + _NUM,
        r"年化" + _NUM + r"的司法参考线",
        r"超过上限" + _NUM,
        r"不超过" + _NUM + r"的监管要求",
        r"＝" + _NUM + r"）目标",
    )
)
# "2020-08-20起的利息：" / "2020-08-19及以前的利息：" / "A至B的利息：" at the start of a message
_PERIOD_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:至(\d{4}-\d{2}-\d{2})|(及以前|起))的利息：")
_READING_RE = re.compile(r"按(日|月|年)(?:（[^）]*）)?理解为年化" + _NUM)
_CAP_CODES = frozenset({"LC101", "LC102", "LC104", "LC105", "LC106", "LC107"})
_OVERDUE_FEE_RE = re.compile(r"逾期|催收|违约|滞纳|罚")
_MAY_EN_RE = re.compile(r"\bmay\b", re.IGNORECASE)

_CERTAIN = {
    "may": "",
    "wont": "不会",
    "is": "is",
    "isnt": "is not",
    "will": "will",
    "can": "can",
    "lets": "lets",
    "has": "has",
    "makes": "makes",
}
_UNCERTAIN = {
    "may": "可能",
    "wont": "可能不会",
    "is": "may be",
    "isnt": "may not be",
    "will": "may",
    "can": "may be able to",
    "lets": "may let",
    "has": "may have",
    "makes": "may make",
}
_FRAGMENTS = (
    "cap",
    "cap_en",
    "period",
    "period_en",
    "total",
    "total_en",
    "total_plain",
    "total_plain_en",
    "real",
    "real_en",
    "over107",
    "over107_en",
)

# ------------------------------------------------------------------------------------------------ wording

_PER_ZH = {"day": "每天", "month": "每月", "year": "每年"}
_PER_EN = {"day": "a day", "month": "a month", "year": "a year"}
_READING_EN = {"日": "per day", "月": "per month", "年": "per year"}
_CURRENCY_ZH = {  # (before, after) the figure
    "CNY": ("", "元"),
    "USD": ("", "美元"),
    "HKD": ("", "港元"),
    "EUR": ("", "欧元"),
    "JPY": ("", "日元"),
    "GBP": ("", "英镑"),
    "TWD": ("新台币", "元"),
}
_FEE_EN = {
    "服务费": "service fee",
    "平台服务费": "platform service fee",
    "管理费": "management fee",
    "账户管理费": "account management fee",
    "手续费": "handling fee",
    "咨询费": "consulting fee",
    "审核费": "review fee",
    "保证金": "deposit",
    "担保费": "guarantee fee",
    "居间费": "agency fee",
    "中介费": "agency fee",
    "信息服务费": "information service fee",
    "技术服务费": "technology service fee",
    "会员费": "membership fee",
    "逾期管理费": "late management fee",
    "催收费": "collection fee",
    "滞纳金": "late fee",
    "违约金": "penalty",
    "费用": "fee",
}
_REPAYMENT = {
    "equal_installment": (
        "等额本息还款：每期还一样多的钱，里面包括本金和利息",
        "Repaid in equal instalments, each covering principal and interest.",
    ),
    "equal_principal": (
        "等额本金还款：每期还同样多的本金，再加上剩余欠款的利息，每期还款额逐步减少",
        "Repaid in equal parts of principal plus interest on what is still owed, so each payment is smaller.",
    ),
    "interest_first": (
        "先息后本：每期只付利息，到期时一次还清本金",
        "Interest only each period, with the whole principal repaid at the end.",
    ),
    "bullet": ("到期时一次性还清本金和利息", "Principal and interest are repaid in one sum at the end."),
    "other": ("合同约定了其他还款方式", "The contract sets out another way of repaying."),
}
_LENDER_KIND = {
    "private": (
        "按民间借贷（个人或一般企业之间的借款）的规则检查利率上限",
        "The caps for private lending (between people or ordinary companies) were applied",
    ),
    "licensed_fi": (
        "出借人是银行等持牌金融机构，按金融借款的规则检查利率上限",
        "The lender is a licensed financial institution such as a bank, so the rules for financial loans were applied",
    ),
    "local_fin_org": (
        "出借人是小额贷款公司等地方金融组织，按这类机构适用的规则检查利率上限",
        "The lender is a microloan company or similar local finance firm, so the rules for such firms were applied",
    ),
}
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _pct(rate: Decimal) -> str:
    """``pct`` with enough decimals for small daily rates: 0.00033 → 0.033%, not 0.03%."""
    text = pct(rate)
    if abs(rate) < Decimal("0.01") and Decimal(text[:-1]) != rate * 100:
        return pct(rate, 4)[:-1].rstrip("0").rstrip(".") + "%"
    return text


def _yuan(amount: Decimal, currency: str = "CNY") -> tuple[str, str]:
    before, after = _CURRENCY_ZH.get(currency, ("", f" {currency}"))
    en_unit = "yuan" if currency == "CNY" else currency
    return f"{before}{money(amount)}{after}", f"{money(amount)} {en_unit}"


def _date_zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _date_en(d: date) -> str:
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def _iso_phrases(day: str) -> tuple[str, str]:
    d = date.fromisoformat(day)
    return _date_zh(d), _date_en(d)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _annual(rate: Rate | None, base: Rate | None = None) -> Decimal | None:
    """The rate per year, as the rules take it: stated, or value × periods, or (for 按借款利率上浮50%) the loan
    rate × multiplier; None when that needs a guess."""
    if rate is None:
        return None
    if rate.annual is not None:
        return rate.annual
    if rate.value is not None and rate.period is not None:
        factor = {"day": Decimal(rate.basis_days), "month": Decimal(12), "year": Decimal(1)}[rate.period]
        return rate.value * factor
    if rate.relative_to == "interest_rate" and rate.multiplier is not None and base is not None:
        base_annual = _annual(base)
        return None if base_annual is None else base_annual * rate.multiplier
    return None


def _rate_parts(rate: Rate, annual: Decimal | None) -> tuple[str, str, str, str] | None:
    """(stated, per-year tail) in Chinese and English: ``每月2%``, ``，折合年化24%``, ``2% a month``,
    `` (24% a year)``; None when nothing can be said in numbers."""
    a = _pct(annual) if annual is not None else None
    if rate.relative_to == "interest_rate" and rate.multiplier is not None:
        times = _number(rate.multiplier)
        return (
            f"借款利率的{times}倍",
            f"，即年化{a}" if a else "",
            f"{times} times the loan rate",
            f" ({a} a year)" if a else "",
        )
    if rate.value is not None and rate.period is not None:
        stated_zh = f"{_PER_ZH[rate.period]}{_pct(rate.value)}"
        stated_en = f"{_pct(rate.value)} {_PER_EN[rate.period]}"
        if rate.period == "year" or a is None or annual == rate.value:
            return stated_zh, "", stated_en, ""
        return stated_zh, f"，折合年化{a}", stated_en, f" ({a} a year)"
    if a is not None:
        return f"年化{a}", "", f"{a} a year", ""
    return None


def _rate_phrases(rate: Rate, annual: Decimal | None) -> tuple[str, str] | None:
    """``每月2%，折合年化24%`` / ``2% a month (24% a year)``."""
    parts = _rate_parts(rate, annual)
    return None if parts is None else (parts[0] + parts[1], parts[2] + parts[3])


def _overdue_phrases(rate: Rate, annual: Decimal) -> tuple[str, str]:
    """``每天按欠款的2%计息，折合年化730%`` / ``2% of the debt a day in interest (730% a year)``."""
    a = _pct(annual)
    if rate.relative_to == "interest_rate" and rate.multiplier is not None:
        times = _number(rate.multiplier)
        return (
            f"按借款利率的{times}倍计息，即年化{a}",
            f"{times} times the loan rate in interest ({a} a year)",
        )
    if rate.value is not None and rate.period in ("day", "month"):
        v, per_zh, per_en = _pct(rate.value), _PER_ZH[rate.period], _PER_EN[rate.period]
        return f"{per_zh}按欠款的{v}计息，折合年化{a}", f"{v} of the debt {per_en} in interest ({a} a year)"
    return f"按年化{a}计息", f"{a} a year in late interest"


def _fee_name_en(name: str) -> str:
    return _FEE_EN.get(name, f"“{name}”")


def _fee_phrases(fee: Fee, terms: LoanTerms) -> tuple[str, str]:
    """``管理费每月本金的1%（折合年化12%）`` / ``management fee of 1% of the principal a month (12% a year)``."""
    name_en = _fee_name_en(fee.name)
    if fee.value is None or fee.form == "other":
        if fee.text and fee.text != fee.name:
            return f"{fee.name}“{fee.text}”", f"{name_en} (“{fee.text}”)"
        return f"{fee.name}（金额不明）", f"{name_en} (amount not stated)"
    per = fee.period if fee.period in _PER_ZH else None
    per_zh = _PER_ZH[per] if per else ("一次性" if fee.period == "once" else "")
    per_en = f" {_PER_EN[per]}" if per else (" once" if fee.period == "once" else "")
    if fee.form == "fixed_amount":
        zh, en = _yuan(fee.value)
        return f"{fee.name}{per_zh}{zh}", f"{name_en} of {en}{per_en}"
    zh = f"{fee.name}{per_zh}本金的{_pct(fee.value)}"
    en = f"{name_en} of {_pct(fee.value)} of the principal{per_en}"
    annual = fee.annual
    if annual is None and per:
        annual = fee.value * {"day": 365, "month": 12, "year": 1}[per]
    if annual is not None and per and per != "year":
        zh += f"（折合年化{_pct(annual)}）"
        en += f" ({_pct(annual)} a year)"
    elif terms.principal is not None and not per:
        amount_zh, amount_en = _yuan(fee.value * terms.principal.amount, terms.principal.currency)
        zh += f"（{amount_zh}）"
        en += f" ({amount_en})"
    return zh, en


def _penalty_phrases(penalty: Penalty, terms: LoanTerms) -> tuple[str, str]:
    v = penalty.value
    if v is None or penalty.form == "other":
        if penalty.annual is not None:
            return (
                f"逾期要付违约金，折合年化{_pct(penalty.annual)}",
                f"Paying late costs a penalty of {_pct(penalty.annual)} a year.",
            )
        return (
            "合同约定了违约金，但没能读出具体金额或比例",
            "The contract sets a penalty, but its amount could not be read.",
        )
    if penalty.form == "daily_rate":
        annual = penalty.annual if penalty.annual is not None else v * 365
        return (
            f"逾期每天按欠款的{_pct(v)}付违约金，折合年化{_pct(annual)}",
            f"Paying late costs a penalty of {_pct(v)} of the debt per day — {_pct(annual)} a year.",
        )
    if penalty.form == "fixed_amount":
        zh, en = _yuan(v)
        return f"违约时要付违约金{zh}", f"A breach costs a penalty of {en}."
    if penalty.form == "rate_of_principal":
        amount_zh = amount_en = ""
        if terms.principal is not None:
            zh, en = _yuan(v * terms.principal.amount, terms.principal.currency)
            amount_zh, amount_en = f"（{zh}）", f" ({en})"
        return (
            f"违约时要一次性付本金的{_pct(v)}作为违约金{amount_zh}",
            f"A breach costs a one-off penalty of {_pct(v)} of the principal{amount_en}.",
        )
    return (
        f"逾期时要按逾期金额的{_pct(v)}一次性付违约金",
        f"Paying late costs a one-off penalty of {_pct(v)} of the overdue amount.",
    )


# ------------------------------------------------------------------------------------------------ facts


def _term_facts(terms: LoanTerms) -> dict[str, str]:
    """The numbers a finding's sentence can take from the contract's terms."""
    facts: dict[str, str] = {}
    interest = terms.interest_rate
    interest_annual = _annual(interest)
    if interest is not None:
        phrases = _rate_phrases(interest, interest_annual)
        if phrases:
            facts["rate"], facts["rate_en"] = phrases
        if interest_annual is not None:
            facts["annual"] = _pct(interest_annual)
            facts["_main"] = facts["annual"]
        if interest.value is not None and interest.period in ("day", "month"):
            facts["stated"] = f"{_PER_ZH[interest.period]}{_pct(interest.value)}"
            facts["stated_en"] = f"{_pct(interest.value)} {_PER_EN[interest.period]}"
    # the biggest running charge after the due date, as LC102 adds them up
    running: list[tuple[Decimal, str, str]] = []
    overdue_annual = _annual(terms.overdue_rate, interest)
    if terms.overdue_rate is not None and overdue_annual is not None:
        running.append((overdue_annual, *_overdue_phrases(terms.overdue_rate, overdue_annual)))
    elif terms.overdue_rate is None and interest_annual is not None:
        running.append(
            (
                interest_annual,
                f"利息继续按年化{_pct(interest_annual)}计",
                f"interest running on at {_pct(interest_annual)} a year",
            )
        )
    penalty = terms.penalty
    if penalty is not None and penalty.value is not None and penalty.form == "daily_rate":
        annual = penalty.annual if penalty.annual is not None else penalty.value * 365
        running.append(
            (
                annual,
                f"违约金每天按欠款的{_pct(penalty.value)}计，折合年化{_pct(annual)}",
                f"a penalty of {_pct(penalty.value)} of the debt a day ({_pct(annual)} a year)",
            )
        )
    elif penalty is not None and penalty.annual is not None:
        running.append(
            (
                penalty.annual,
                f"违约金折合年化{_pct(penalty.annual)}",
                f"a penalty of {_pct(penalty.annual)} a year",
            )
        )
    once_zh: list[str] = []
    once_en: list[str] = []
    if penalty is not None and penalty.annual is None and penalty.value is not None:
        if penalty.form in ("rate_of_principal", "rate_of_overdue_amount"):
            base_zh, base_en = (
                ("本金", "the principal")
                if penalty.form == "rate_of_principal"
                else ("逾期金额", "the overdue amount")
            )
            amount_zh = amount_en = ""
            if penalty.form == "rate_of_principal" and terms.principal is not None:
                zh, en = _yuan(penalty.value * terms.principal.amount, terms.principal.currency)
                amount_zh, amount_en = f"（{zh}）", f" ({en})"
            once_zh.append(f"{base_zh}{_pct(penalty.value)}的违约金{amount_zh}")
            once_en.append(f"a penalty of {_pct(penalty.value)} of {base_en}{amount_en}")
        elif penalty.form == "fixed_amount":
            zh, en = _yuan(penalty.value)
            once_zh.append(f"违约金{zh}")
            once_en.append(f"a penalty of {en}")
    cost_names: list[str] = []
    cost_names_en: list[str] = []
    for fee in terms.fees:
        overdue_fee = bool(_OVERDUE_FEE_RE.search(fee.name + fee.text))
        if not overdue_fee and fee.name not in cost_names:
            cost_names.append(fee.name)
            if fee.name != "费用":
                cost_names_en.append(_fee_name_en(fee.name))
        if fee.value is None:
            continue
        if fee.period in ("day", "month", "year") and fee.form == "rate":
            annual = (
                fee.annual
                if fee.annual is not None
                else fee.value * {"day": 365, "month": 12, "year": 1}[fee.period]
            )
            zh, en = _fee_phrases(fee, terms)
            running.append((annual, zh, en))
        elif overdue_fee:
            zh, en = _fee_phrases(fee, terms)
            once_zh.append(zh)
            once_en.append(en)
    if running:
        top = max(running, key=lambda r: r[0])
        facts["od"], facts["od_en"] = top[1], top[2]
        facts["_od_annual"] = _pct(top[0])
    if once_zh:
        facts["one_off"], facts["one_off_en"] = "、".join(once_zh), " and ".join(once_en)
    # amounts
    if terms.principal is not None:
        facts["principal"], facts["principal_en"] = _yuan(terms.principal.amount, terms.principal.currency)
    if terms.disbursed is not None:
        facts["disbursed"], facts["disbursed_en"] = _yuan(terms.disbursed.amount, terms.disbursed.currency)
        if terms.principal is not None and terms.disbursed.amount < terms.principal.amount:
            facts["deducted"], facts["deducted_en"] = _yuan(
                terms.principal.amount - terms.disbursed.amount, terms.principal.currency
            )
    deducted = terms.disbursed is not None and "deducted" in facts
    if cost_names or deducted:
        zh_parts = cost_names + (["预扣的款项"] if deducted else [])
        en_names = (
            f"the fees ({', '.join(cost_names_en)})" if cost_names_en else "the fees" if cost_names else ""
        )
        en_parts = [p for p in (en_names, "the amount taken off up front" if deducted else "") if p]
        facts["costs"], facts["costs_en"] = "、".join(zh_parts), " and ".join(en_parts)
    if terms.jurisdiction:
        facts["jurisdiction"] = terms.jurisdiction
    return facts


def _message_facts(finding: Finding) -> dict[str, str]:
    """The numbers only the rule works out, as its message states them."""
    message = finding.message
    facts: dict[str, str] = {}
    for name, pattern in _MESSAGE_FACTS.get(finding.code, {}).items():
        m = re.search(pattern, message)
        if m:
            facts[name] = m.group(1)
    if finding.code in _CAP_CODES:
        hits = [m for m in (r.search(message) for r in _CAP_RES) if m]
        if hits:
            facts["cap"] = min(hits, key=lambda m: m.start()).group(1)
        period = _PERIOD_RE.search(message[:80])
        if period:
            start_zh, start_en = _iso_phrases(period.group(1))
            if period.group(2):
                end_zh, end_en = _iso_phrases(period.group(2))
                facts["period"] = f"（指{start_zh}至{end_zh}的利息）"
                facts["period_en"] = f" (for interest from {start_en} to {end_en})"
            elif period.group(3) == "起":
                facts["period"] = f"（指{start_zh}起的利息）"
                facts["period_en"] = f" (for interest from {start_en})"
            else:
                facts["period"] = f"（指{start_zh}及以前的利息）"
                facts["period_en"] = f" (for interest up to {start_en})"
    if finding.code == "LC107":
        readings = _READING_RE.findall(message)
        if readings:
            facts["readings"] = "，".join(f"按{unit}算是年化{value}" for unit, value in readings)
            facts["readings_en"] = "; ".join(
                f"read {_READING_EN[unit]} it is {value} a year" for unit, value in readings
            )
            facts["_over_count"] = str(message.count("超过上限"))
            facts["_reading_count"] = str(len(readings))
        label = facts.pop("label_raw", None)
        if label:
            facts["label"] = "借款利率" if label == "借期" else "逾期利率"
            facts["label_en"] = "loan rate" if label == "借期" else "late-payment rate"
    return facts


def _to_rate(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.rstrip("%")) / 100
    except InvalidOperation:
        return None


def _facts(finding: Finding, terms: LoanTerms | None) -> dict[str, str]:
    certainty = _UNCERTAIN if finding.provisional else _CERTAIN
    facts: dict[str, str] = dict.fromkeys(_FRAGMENTS, "")
    facts.update(certainty)
    facts.update(code=finding.code, title=finding.title or finding.code, over="超过", over_en="above")
    facts.update(costs="各种费用", costs_en="the fees")
    if terms is not None:
        facts.update(_term_facts(terms))
    message = _message_facts(finding)
    # the amounts an LC103 message states stand in for terms that were not given
    stated = {k: message.pop(f"{k}_amount", None) for k in ("principal", "disbursed")}
    amounts = {k: Decimal(v.replace(",", "")) for k, v in stated.items() if v}
    if len(amounts) == 2 and "disbursed" not in facts:
        for key, amount in amounts.items():
            facts[key], facts[f"{key}_en"] = _yuan(amount)
        if amounts["disbursed"] < amounts["principal"]:
            facts["deducted"], facts["deducted_en"] = _yuan(amounts["principal"] - amounts["disbursed"])
    facts.update(message)
    # the fragments that depend on the numbers
    cap = _to_rate(facts["cap"]) if facts["cap"] else None
    if cap is not None:
        facts["cap_en"] = f"{facts['cap']} "
    main = {
        "LC101": facts.get("_main"),
        "LC102": facts.get("total_num") or facts.get("_od_annual"),
        "LC104": facts.get("compounded"),
        "LC105": facts.get("irr"),
    }.get(finding.code)
    value = _to_rate(main)
    if cap is not None and value is not None and value >= 2 * cap:
        facts["over"], facts["over_en"] = "远超", "far above"
    total = facts.get("total_num")
    if total:
        facts["total_plain"], facts["total_plain_en"] = f"年化{total}，", f" ({total} a year)"
        if total != facts.get("_od_annual"):
            facts["total"], facts["total_en"] = (
                f"，各项合计年化{total}",
                f", {total} a year with all late charges",
            )
    if facts.get("real_num"):
        facts["real"] = f"；照合同算，实际年化约{facts['real_num']}"
        facts["real_en"] = f"; on the contract's terms the real cost is about {facts['real_num']} a year"
    if "_over_count" in facts and facts["_over_count"] != "0":
        all_over = facts["_over_count"] == facts["_reading_count"]
        cap_zh = facts["cap"]
        facts["over107"] = f"，{'都' if all_over else '其中有的'}{facts['may']}超过法律保护的上限{cap_zh}"
        facts["over107_en"] = (
            f", {'all' if all_over else 'some'} of which {'are' if not finding.provisional else 'may be'} above the "
            f"{facts['cap_en']}legal cap"
        )
    return facts


# ------------------------------------------------------------------------------------------------ finding


def _variants(finding: Finding) -> list[str]:
    """Template variants to try for a finding, most specific first ("" = the code's own template)."""
    out: list[str] = []
    for words, variant in _VARIANT_MARKERS.get(finding.code, ()):
        if all(w in finding.message for w in words):
            out.append(variant)
            break
    # a provisional verdict is capped at a warning: its own template, hedged by {may}, still fits it
    if finding.severity == "info" or (finding.severity == "warning" and not finding.provisional):
        out.append(finding.severity)
    out.append("")
    return out


def _render(key: str, facts: dict[str, str]) -> tuple[str, str] | None:
    zh, en = TEMPLATES[key]
    try:
        return zh.format_map(facts), en.format_map(facts)
    except KeyError:
        return None


def _hedge(zh: str, en: str) -> tuple[str, str]:
    """A provisional finding's sentence must say it may be wrong."""
    if "可能" not in zh:
        zh += "（这一判断可能不准确）"
    if not _MAY_EN_RE.search(en):
        en = en.rstrip(".") + " (this may not be accurate)."
    return zh, en


def explain_finding(finding: Finding, terms: LoanTerms | None = None) -> Explanation:
    """One sentence a borrower understands for ``finding``, with the numbers from ``terms`` where given."""
    facts = _facts(finding, terms)
    code = finding.code if any(k.split(".")[0] == finding.code for k in TEMPLATES) else "*"
    # the most specific variant this code has; then its numbered form, else its form without numbers
    base = next(
        b
        for b in (f"{code}.{v}" if v else code for v in _variants(finding))
        if b in TEMPLATES or f"{b}.plain" in TEMPLATES
    )
    rendered = next(
        (r for key in (base, f"{base}.plain") if key in TEMPLATES and (r := _render(key, facts))), None
    )
    if rendered is None:  # never for the shipped templates (each variant has a form without numbers)
        rendered = _render("*.info" if finding.severity == "info" else "*", facts)
    assert rendered is not None  # the generic templates need only the title and code
    zh, en = rendered
    if finding.provisional:
        zh, en = _hedge(zh, en)
    return Explanation(zh=zh, en=en)


# ------------------------------------------------------------------------------------------------ terms


def _term_sentence(terms: LoanTerms) -> tuple[str, str] | None:
    term = terms.term
    if term is None:
        return None
    zh_parts, en_parts = [], []
    if term.months:
        zh_parts.append(f"{term.months}个月")
        en_parts.append(f"{term.months} month{'s' if term.months != 1 else ''}")
    if term.days:
        zh_parts.append(f"{term.days}天")
        en_parts.append(f"{term.days} day{'s' if term.days != 1 else ''}")
    if zh_parts:
        return f"借款期限{''.join(zh_parts)}", f"The loan runs for {' and '.join(en_parts)}."
    if term.text:
        return f"借款期限为“{term.text}”", f"The loan term is “{term.text}”."
    return (
        "合同写了借款期限，但没能读出具体长度",
        "The contract sets a term, but its length could not be read.",
    )


def _dates_sentence(terms: LoanTerms) -> tuple[str, str] | None:
    start, end = terms.start_date, terms.end_date
    if start and end:
        return (
            f"借款从{_date_zh(start)}开始，到{_date_zh(end)}到期",
            f"The loan runs from {_date_en(start)} to {_date_en(end)}.",
        )
    if start:
        return f"借款从{_date_zh(start)}开始", f"The loan starts on {_date_en(start)}."
    if end:
        return f"借款在{_date_zh(end)}到期", f"The loan is due on {_date_en(end)}."
    return None


def _interest_sentence(rate: Rate, annual: Decimal | None, *, overdue: bool) -> tuple[str, str]:
    what_zh, what_en = (
        ("逾期后利息", "After the due date interest is") if overdue else ("借款利息", "Interest is")
    )
    if rate.value == 0 and not rate.relative_to:
        if overdue:
            return "逾期后不另收利息", "No interest is charged after the due date."
        return "这笔借款不收利息", "The loan carries no interest."
    parts = _rate_parts(rate, annual)
    if rate.note and annual is None:
        zh, _, en = rate.note.partition(" / ")
        return f"{what_zh}{zh}", f"{what_en} {en or zh}."
    if rate.period is None and not rate.relative_to and rate.annual is None:
        shown = rate.text or (_pct(rate.value) if rate.value is not None else "")
        if rate.value is not None:
            monthly, yearly = _pct(rate.value * 12), _pct(rate.value)
            return (
                f"合同写的利率“{shown}”没写明按天、按月还是按年算：按月算是年化{monthly}，按年算是年化{yearly}",
                f"The rate “{shown}” does not say per day, month or year: per month it is {monthly} a year, per year "
                f"{yearly}.",
            )
        return (
            f"合同写的利率“{shown}”没写明按天、按月还是按年算，实际利率要看怎么理解",
            f"The rate “{shown}” does not say per day, month or year, so the real rate depends on how it is read.",
        )
    if parts is None:
        return (
            f"合同约定了{what_zh}，但没能读出具体利率",
            f"{what_en} agreed, but its rate could not be read.",
        )
    stated_zh, tail_zh, stated_en, tail_en = parts
    return f"{what_zh}按{stated_zh}计算{tail_zh}", f"{what_en} {stated_en}{tail_en}."


def explain_terms(terms: LoanTerms) -> dict[str, Explanation]:
    """One sentence per extracted term, only for the fields that are set.

    Keys: principal, disbursed, interest_rate, overdue_rate, penalty, fees (one sentence for all), term, dates
    (start and end), contract_date (with where it came from), repayment_method, repayment_day, lender, borrower,
    guarantors, jurisdiction, delivery_address, lender_kind (with how sure)."""
    out: dict[str, tuple[str, str]] = {}
    if terms.principal is not None:
        zh, en = _yuan(terms.principal.amount, terms.principal.currency)
        out["principal"] = (f"借款金额（本金）是{zh}", f"The loan (principal) is {en}.")
    if terms.disbursed is not None:
        zh, en = _yuan(terms.disbursed.amount, terms.disbursed.currency)
        less_zh = less_en = ""
        if terms.principal is not None and terms.disbursed.amount < terms.principal.amount:
            gap_zh, gap_en = _yuan(terms.principal.amount - terms.disbursed.amount, terms.principal.currency)
            less_zh, less_en = f"，比合同写的借款金额少{gap_zh}", f", {gap_en} less than the stated loan"
        out["disbursed"] = (f"实际到手{zh}{less_zh}", f"You actually receive {en}{less_en}.")
    if terms.interest_rate is not None:
        out["interest_rate"] = _interest_sentence(
            terms.interest_rate, _annual(terms.interest_rate), overdue=False
        )
    if terms.overdue_rate is not None:
        out["overdue_rate"] = _interest_sentence(
            terms.overdue_rate, _annual(terms.overdue_rate, terms.interest_rate), overdue=True
        )
    if terms.penalty is not None:
        out["penalty"] = _penalty_phrases(terms.penalty, terms)
    if terms.fees:
        items = [_fee_phrases(fee, terms) for fee in terms.fees]
        shown = items[:4]
        more_zh = f"等{len(items)}项" if len(items) > len(shown) else ""
        more_en = f", and {len(items) - len(shown)} more" if len(items) > len(shown) else ""
        out["fees"] = (
            f"除利息外还要交{'、'.join(zh for zh, _ in shown)}{more_zh}",
            f"On top of interest you pay: {'; '.join(en for _, en in shown)}{more_en}.",
        )
    term = _term_sentence(terms)
    if term:
        out["term"] = term
    dates = _dates_sentence(terms)
    if dates:
        out["dates"] = dates
    if terms.contract_date is not None:
        day_zh, day_en = _date_zh(terms.contract_date), _date_en(terms.contract_date)
        if getattr(terms, "contract_date_source", None) == "caller":
            out["contract_date"] = (
                f"合同日期按你提供的{day_zh}计",
                f"The contract date used is {day_en}, as you gave it.",
            )
        else:
            out["contract_date"] = (f"合同日期是{day_zh}", f"The contract is dated {day_en}.")
    if terms.repayment_method is not None:
        out["repayment_method"] = _REPAYMENT[terms.repayment_method]
    if terms.repayment_day is not None:
        out["repayment_day"] = (
            f"每月{terms.repayment_day}日还款",
            f"Repayments are due on day {terms.repayment_day} of each month.",
        )
    if terms.lender:
        out["lender"] = (f"借钱给你的一方（出借人）是{terms.lender}", f"The lender is {terms.lender}.")
    if terms.borrower:
        out["borrower"] = (f"借钱的一方（借款人）是{terms.borrower}", f"The borrower is {terms.borrower}.")
    if terms.guarantors:
        names = "、".join(terms.guarantors)
        out["guarantors"] = (
            f"担保人是{names}，借款人不还款时他们可能要承担还款责任",
            f"The guarantors are {', '.join(terms.guarantors)}; if the borrower does not repay they may have to pay.",
        )
    if terms.jurisdiction:
        j = terms.jurisdiction
        if "仲裁" in j:
            out["jurisdiction"] = (f"发生纠纷时交由{j}仲裁", f"Disputes go to arbitration at “{j}”.")
        else:
            out["jurisdiction"] = (f"发生纠纷时约定由{j}处理", f"Disputes are to go to “{j}”.")
    if terms.delivery_address:
        a = terms.delivery_address
        out["delivery_address"] = (
            f"合同约定接收通知和法院文书的地址是{a}",
            f"Notices and court papers are to be sent to “{a}”.",
        )
    if terms.lender_kind:
        zh, en = _LENDER_KIND.get(
            terms.lender_kind,
            (
                f"按“{terms.lender_kind}”类出借人的规则检查利率上限",
                f"The rules for lenders of kind “{terms.lender_kind}” were applied",
            ),
        )
        if terms.lender_kind_source == "assumed":
            out["lender_kind"] = (
                f"合同里没找到出借人名称，{zh}，可能不准确",
                f"No lender name was found; {en[0].lower() + en[1:]}, which may not be right.",
            )
        else:
            out["lender_kind"] = (zh, en + ".")
    return {key: Explanation(zh=zh, en=en) for key, (zh, en) in out.items()}
