"""Words that say what role an amount plays in its sentence: the amount lent, a repayment, a balance, a credit
line or guarantee ceiling, an assigned claim, a total with interest, the base of an interest computation.

``extract.terms`` picks the loan's principal among several amounts by these roles (``_principal_role``).  They
are kept here, apart from the logic, so that a lawyer can read and check the words the choice rests on, as
``lexicon`` does for the charge nouns.
"""

from __future__ import annotations

import re

from loanclause.extract.lexicon import TOTAL_WORDS

CEILING_LEFT_RE = re.compile(r"最高|限额|授信|上限|循环额度|信用额度|担保额度|额度范围")
CEILING_RIGHT_RE = re.compile(
    r"^[^,;。]{0,25}?(?:范围内|限额内|额度内|承担(?:连带)?(?:清偿|保证|担保|赔偿)?责任|提供(?:连带)?(?:责任)?(?:保证|担保))"
)
ASSIGNED_RE = re.compile(r"转让[^,;。]{0,6}本金|受让[^,;。]{0,3}债权本金|债权转让[^,;。]{0,4}$")
TOTAL_LEFT_RE = re.compile(r"本息|本利|债权总额|欠息")
#: 共计 / 合计 after interest or another charge was named in the sentence (借款300000元及利息100000，共计400000元;
#: 支付利息并赔偿利息损失合计186718.79元): the sum takes in the charge, so it is no amount lent
CHARGE_TOTAL_RE = re.compile(
    r"(?:及|和|、|并|加|以及|另|,)[^。;]{0,16}(?:利息|罚息|违约金|逾期息|滞纳金|费用?)[^。;]{0,80}?"
    + TOTAL_WORDS
    + r"\s*(?:人民币)?\s*$"
)
REPAY_VERB_RE = re.compile(r"归还|偿还|还款|还了|已还|返还|还清|清偿|付还|偿付|扣划|退还|支付|给付|还本")
#: a repayment the text marks as made (strong) or as dated, instalment or promised (weak: a court order too
#: can say 于本判决生效后十日内偿还)
PAST_RE = re.compile(r"已|累计|陆续|先后|分\d*次|了|又|先行|曾|仅|只")
#: a sum a guarantor paid for the borrower (代为支付的贷款本金, 代偿, 代为偿还): the guarantor's recourse claim, not the
#: amount lent (a bank's 垫付 on an acceptance bill is the loan itself, so 垫付 is not here)
PAID_FOR_RE = re.compile(r"代为(?:支付|偿还|清偿|归还|还款)|代偿|代还|代其(?:偿还|归还|清偿)")
WEAK_PAST_RE = re.compile(r"后|共(?!同)|承诺|\d+日|期间|每月|每期|首期|分期|月底|年底")
CLAIM_RE = re.compile(r"请求|判令|判决|诉请|要求|应当?|责令|主张|诉至|起诉")
BALANCE_LEFT_RE = re.compile(
    r"尚欠|下欠|余欠|结欠|拖欠|剩余|剩下|余下|尚余|还有|余额|欠款|欠(?!条|据)|未还|未偿还|尚未归还|余款"
)
BALANCE_RIGHT_RE = re.compile(r"^\s*(?:整)?\s*(?:未|没有|尚未|至今未|迟迟未|仍未)")
BASE_LEFT_RE = re.compile(r"(?:以|按)\s*(?:借款)?(?:本金)?\s*$|本金\s*以\s*$")
BASE_RIGHT_RE = re.compile(r"^\s*(?:借款)?(?:本金)?\s*(?:为|作为)\s*(?:本金|基数|计算基数|基础|计息)")
DISBURSE_RE = re.compile(r"转账|转款|汇入|汇款|打入|交付|支付给|现金|转入|划付|划入|给付给|拨付|发放|放款")
LEND_RE = re.compile(r"借|贷")
FINDINGS_RE = re.compile(r"审理查明|经审理认定|本院认定|认定事实如下|认定如下|查明事实|经审查")
BREAKDOWN_RIGHT_RE = re.compile(
    r"^[^。;]{0,4}?(?:包括|其中|含|即)?\s*(?:借款)?本金\s*(?:为)?\s*(?:人民币)?\s*"
    r"[\d一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾][^。;]{0,30}?(?:利息|息)"
)
#: the text tells of several loans (分别借款, 又借款, 再次向原告借款, 两笔借款)
SEVERAL_LOANS_RE = re.compile(
    r"分别(?:于[^,;。]{0,30})?(?:向[^,;。]{0,12})?借|(?:又|再次|再|另|第二次)(?:于[^,;。]{0,20})?(?:向[^,;。]{0,12})?借"
    r"|[两二三四五六七八九十\d]+笔借款|借款[^,;。]{0,6}[两二三四五六七八九十\d]+笔"
    r"|[两二三四五六七八九十]次(?:向[^,;。]{0,12})?借"
)
#: 借款各30000元: one amount, lent more than once (each of several loans) — no one amount is the loan
EACH_LOAN_RE = re.compile(r"借(?:款|给)?\s*各\s*(?:人民币)?\s*$")
