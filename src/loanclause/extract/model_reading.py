"""Which sentences the NER model reads.

The model only fills labels the rules found nowhere (``terms.merge_entities``), so it needs to read only the
sentences that could hold one of those labels.  A sentence is read when it contains a *cue* of a missing label
(a word without which no entity of that label can be written there) and, for labels whose entity is a figure
(an amount, a rate, a date, a term), a figure of that shape (``FIGURE_SHAPES``).  Each sentence read takes the
sentence before it along as context; a heading (``第一条 借款金额``) is part of the sentence under it.  Runs of
read sentences are merged, and never cross a clause piece.

This is where the scan's time goes with the model on (the model reads a few thousand characters a second per
thread), so the cues are the speed/recall dial: a cue too narrow silently costs recall on real contracts (the
DEV value accuracy in ``scripts/eval_ner.py`` measures it), one too broad only costs time.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["FIGURE_SHAPES", "MODEL_CUES", "sentences", "windows_to_read"]

_PARTY = r"[人方]\s*[:：（(]|[向从從].{1,30}[借貸贷]|今借|借到|原告|被告|[系为為]出借|[系为為]借款"

# Words without which a sentence cannot hold an entity of the label.  Run on the normalised text.
MODEL_CUES: dict[str, str] = {
    # party lines (甲方（出借人）：…), 向…借 / 从…处借 sentences, IOUs (今借到…) and judgments (原告…被告…)
    "LENDER": _PARTY,
    "BORROWER": _PARTY,
    # 保证 alone is mostly a party's warranty (借款人保证所提供的信息真实); a guarantee is named with one of these
    "GUARANTOR": r"担保|擔保|保证人|保證人|保证责任|保證責任|责任保证|責任保證|保证债|保證債|保证余额|保证金|保证合同|保證合同"
    r"|保证期|保證期|保证方式|提供保证|提供保證|作保|保证范围|保證範圍|保证的|保证,",
    "PRINCIPAL": r"[元圆圓万萬¥￥]|金额|金額|本金|人民币|人民幣|RMB|CNY",
    "INTEREST_RATE": r"[%％‰厘釐]|利率|利息|[年月日]息|分息|分之|[一二三四五六七八九两俩倆兩半\d]\s*分",
    "OVERDUE_RATE": r"逾期|[罚罰]|迟延|遲延|延期|未按",
    "PENALTY": r"违约|違約|[罚罰]|滞纳|滯納|赔偿|賠償",
    "FEE": r"[费費]",
    "TERM": r"期|至|[个個]月|[一二三四五六七八九十两兩半\d]\s*[年月天日周]",
    "REPAY_METHOD": r"还款方式|還款方式|[还還]本|付息|本息|分期|等额|等額|结息|結息|一次性|按[月季年期]|每[月季年期]|到期",
    "REPAY_DATE": r"[还還]款日|每[月季年期]|[日号號]\s*(?:之)?前|到期|[还還付][清款]|[结結]清|[归歸]还|[归歸]還",
    "CONTRACT_DATE": r"[签簽]|日期|[订訂]立|立据|立據|[订訂]于|[订訂]於|立约|立約|向.{1,30}[借貸贷]|借[到给給条條据據]|出具",
    "JURISDICTION": r"法院|仲裁|管辖|管轄|诉讼|訴訟",
    "ADDRESS": r"地址|住所|住址|送达|送達|通讯|通訊|居住",
}

# What a sentence must also contain to hold an entity of the label: a figure of the right shape.  Checked on
# the whole sentence (a figure anywhere in it), and generous on purpose: OCR letters for digits (2O日, l2个月),
# Traditional and financial numerals, numeric dates.
_NUMERAL_CHARS = "0-9０-９零〇一二三四五六七八九十廿卅百千万两俩倆兩壹贰貳叁叄參肆伍陆陸柒捌玖拾佰仟半"
_NUMERAL = f"[{_NUMERAL_CHARS}]"
_DIGIT = f"[{_NUMERAL_CHARS}OolIS]"  # next to a unit (2O日, l2个月) an OCR letter is a digit too
_DAY = rf"{_DIGIT}\s*[日号號曰]|\d{{2,4}}\s*[-/.．－]\s*\d{{1,2}}\s*[-/.．－]\s*\d"
# a rate (年利率6%, 日万分之五, 月息2分, LPR加100个基点, 上浮50%) or an amount (违约金5000元, 月息500)
_RATE_OR_AMOUNT = (
    rf"[%％‰¥￥]|[百千万萬]\s*分\s*之|{_DIGIT}\s*[分厘釐毛角倍成元圆圓块塊兀]|LPR|RMB|CNY|基准|基準|上浮"
    rf"|同期|同类|报价|報價|基点|基點|[年月日]\s*息\s*{_DIGIT}"
)
FIGURE_SHAPES: dict[str, str] = {
    "PRINCIPAL": _NUMERAL,
    "INTEREST_RATE": _RATE_OR_AMOUNT,
    "OVERDUE_RATE": _RATE_OR_AMOUNT,
    "PENALTY": _RATE_OR_AMOUNT,
    "FEE": _RATE_OR_AMOUNT,
    "TERM": rf"{_DIGIT}\s*[个個]*\s*[年月天日周期]|{_DAY}",
    "REPAY_DATE": _DAY,
    "CONTRACT_DATE": _DAY,
}

# The sentence before a sentence that is read goes with it as context: the cues' recall on training-style
# clauses is 0.922 with it, 0.912 without, for 15 % more characters read.
CONTEXT = True

# A sentence ends at 。；！？ (full- or half-width, with the line breaks after it) or at a blank line; a lone line
# break is a hard wrap or a heading's end (第一条 借款金额 / 人民币壹拾万元整。) and keeps the two together.
_SENTENCE_END = re.compile(r"[。；;！？!?]+\n*|\n[ \t\u3000]*\n\s*")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence bounds inside ``text[start:end]``, in text offsets; together they cover it."""
    out = []
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((start, m.end()))
        start = m.end()
    if start < end:
        out.append((start, end))
    return out


@lru_cache(maxsize=256)
def _tests(
    missing: tuple[str, ...],
) -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], re.Pattern[str] | None]]]:
    """(any cue, for quick rejection of a whole piece; per label its cue and the figure shape it needs)."""
    any_cue = re.compile("|".join(f"(?:{MODEL_CUES[label]})" for label in missing))
    per_label = [
        (re.compile(MODEL_CUES[label]), re.compile(FIGURE_SHAPES[label]) if label in FIGURE_SHAPES else None)
        for label in missing
    ]
    return any_cue, per_label


def windows_to_read(
    text: str, pieces: list[tuple[str | None, int, int]], missing: list[str]
) -> list[tuple[str | None, int, int]]:
    """The ``(clause_id, start, end)`` runs of ``text`` the model reads to look for the ``missing`` labels."""
    if not missing:
        return []
    any_cue, per_label = _tests(tuple(sorted(missing)))
    out: list[tuple[str | None, int, int]] = []
    for cid, start, end in pieces:
        if not any_cue.search(text, start, end):
            continue
        bounds = sentences(text, start, end)
        wanted = [
            any(
                cue.search(text, a, b) and (shape is None or shape.search(text, a, b))
                for cue, shape in per_label
            )
            for a, b in bounds
        ]
        run: tuple[int, int] | None = None
        for k, (a, b) in enumerate(bounds):
            # the sentence, or the one before a wanted sentence (its context)
            take = wanted[k] or (CONTEXT and k + 1 < len(bounds) and wanted[k + 1])
            if not take:
                continue
            if run is not None and run[1] == a:
                run = (run[0], b)
            else:
                if run is not None:
                    out.append((cid, *run))
                run = (a, b)
        if run is not None:
            out.append((cid, *run))
    return out
