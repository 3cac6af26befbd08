"""The rule baseline: a span finder over clause text, the yardstick a future NER model is measured against.

``find_entities(text)`` returns ``Entity(label, text, start, end, score, source="rule")`` spans for PRINCIPAL,
INTEREST_RATE, OVERDUE_RATE, PENALTY, FEE, TERM, REPAY_METHOD, REPAY_DATE, CONTRACT_DATE, LENDER, BORROWER,
GUARANTOR, JURISDICTION and ADDRESS.  It finds every figure with the value parsers (``loanclause.values``) and
decides what each one is by the words around it (the word lists are in ``lexicon``):

1. **The charge noun.**  A noun attached after the figure (``按日万分之五计收罚息``, ``本金20%的违约金``,
   ``0.5%，作为借款管理费``) wins; otherwise the nearest noun before it in its own comma segment (an amount also
   ends a segment), a specific one (罚息, 违约金, 服务费, a decoy) before a generic one (利率, 利息, 月息); a segment
   opening with 按/以 continues the subject of the segment before (``复利以期内利息为基数，按年利率6%``); otherwise
   the nearest earlier segment; otherwise the interest the sentence goes on to name.
2. **Interest or overdue interest.**  Generic interest is overdue interest when the 40 characters before the
   figure speak of default (逾期, 到期不还, 违约期间, 未按期 …) or the words after it run to 实际履行 / 判决确定的履行;
   when the segment before names 逾期利息 and the figure's own segment names no rate; when it repeats or is added
   to (加上, 并按) an overdue figure just before it; and when it raises a figure the text already gave
   (``以11.781‰计算 … 按月息11.781‰的1.5倍``).  复利 alone is a weak overdue rate (score 0.6).
3. **Decoys stay silent.**  A figure whose noun is a decoy (保证金, 收益率, 利率上限, 基准利率, 迟延履行, 提现 …), a
   bound (``不超过24%``, ``24%以内``), a range (``30%-50%``, ``6% — 24%``), a garbled figure (``3％0``), figures
   listed with 分别 (several loans), a sentence that states a benchmark without any contract word, an example
   (例：, 例如, 假设), and a figure introduced by a statute citation (``《支付结算办法》第九十一条 … 的规定``).
   Placeholders (``${rate}``, ``此栏空白``) contain no figure, so nothing is found.
4. **Restatements.**  A figure in brackets right after another (``23%(即月利率1.92%)``) or after 即
   (``上浮30％即年7.8％``) restates it and is dropped — unless the first was a relative rate with no value
   (``上浮25%（即执行年利率7.50%）``, ``LPR+3%，即年利率6.65%``), which it then replaces; and a bracket that builds
   the figure from a base (``年利率14.04%（月息9.75‰加收20%）``) shows the figure is the raised (overdue) rate and
   its base the interest rate.
5. **Money.**  An amount with a charge noun attached (``违约金壹万元``, ``6万元的违约金``, ``手续费72元``,
   ``每月利息200元``) is a fixed penalty, fee or monthly interest amount — but not a bound (``不低于100元``), an
   amount accrued (``暂计至…违约金为105000元``) or the base of a rate (``￥50000的百分之一``).  Otherwise it is a
   principal when a borrowing word is nearer before it than any other (借款, 本金, 今借, 借到, 发放, 转入 …; not 利息,
   费, 汇票, 保证金, 最高额, 本息, 归还 …), when 借款 follows it, when it continues a list of principals
   (``借款20000元、50000元``) or totals one (``共计100000元``), or when it is the base of a computation
   (``155300元×0.21‰×1380天``).  Breakdowns in brackets (``（其中…）``, ``（各次…）``) are not.

Entity spans run from the period word or noun that the value needs (``每日按垫款金额的万分之五``,
``月利率为8.4‰``) to the figure, so a span can be read on its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from loanclause.extract import charge_period
from loanclause.extract import lexicon as lx
from loanclause.models import Entity
from loanclause.values.dates import find_dates, find_durations
from loanclause.values.money import MoneyMatch, reading_text, scan_money
from loanclause.values.numbers import whole_fill_ins
from loanclause.values.rates import RateMatch, label_line_above, scan_rates
from loanclause.values.repayment import find_repayment_method
from loanclause.values.spans import SpanSet

__all__ = ["BASELINE_NAME", "find_entities"]

BASELINE_NAME = "rule-baseline-v1"

LABEL_OF = {
    "interest": "INTEREST_RATE",
    "overdue": "OVERDUE_RATE",
    "overdue_weak": "OVERDUE_RATE",
    "penalty": "PENALTY",
    "prepay": "PENALTY",
    "fee": "FEE",
}
SCORE_OF = {"overdue_weak": 0.6}

_SENT_END = "。;!?\n"
_SEG_END = ",;。!?\n"
#: How far a figure's context reaches within its sentence, each way.  Real sentences that matter are far
#: shorter; a "sentence" of 100,000 characters (a table without stops, a hostile file) would otherwise make each
#: figure read all of it, which is quadratic in the figures.
_SENT_REACH = 400


@dataclass
class _Ctx:
    text: str
    t: str = ""
    sent_starts: list[int] = field(default_factory=list)
    rates: list[RateMatch] = field(default_factory=list)
    money: list[MoneyMatch] = field(default_factory=list)
    decoy_sentences: set[int] = field(default_factory=set)
    money_ends: list[int] = field(default_factory=list)
    periods: charge_period.ChargePeriods = field(init=False)

    def __post_init__(self) -> None:
        self.t = reading_text(self.text)
        self.periods = charge_period.ChargePeriods(self.text, self.t)
        self.sent_starts = [0] + [i + 1 for i, ch in enumerate(self.t) if ch in _SENT_END]
        self.rates = scan_rates(self.text)
        self.money = scan_money(self.text)
        self.money_ends = sorted(m.end for m in self.money)
        for i, s in enumerate(self.sent_starts):
            e = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.t)
            sent = self.t[s:e]
            if lx.EXAMPLE_RE.search(sent) or (
                lx.BENCHMARK_SUBJECT_RE.search(sent) and not lx.CONTRACT_WORDS_RE.search(sent)
            ):
                self.decoy_sentences.add(i)

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """The sentence index of ``pos`` and its bounds, clipped to ``_SENT_REACH`` characters each way."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        e = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.t)
        return i, max(self.sent_starts[i], pos - _SENT_REACH), min(e, pos + _SENT_REACH)

    def last_money_end(self, lo: int, hi: int) -> int | None:
        """The last end offset of an amount within ``[lo, hi]``, or None."""
        i = bisect.bisect_right(self.money_ends, hi) - 1
        return self.money_ends[i] if i >= 0 and self.money_ends[i] >= lo else None


# ----------------------------------------------------------------------------------------- nouns


def _nouns(s: str) -> list[tuple[str, int, int]]:
    out = []
    for m in lx.NOUN_RE.finditer(s):
        cat = next(k for k, v in m.groupdict().items() if v)
        out.append((cat, m.start(), m.end()))
    return out


def _strip_short_brackets(s: str) -> str:
    return re.sub(r"\([^()]{0,8}\)", lambda m: " " * len(m.group(0)), s)


def _right_segment(right: str) -> str:
    r = _strip_short_brackets(right)
    m = re.match(r"^\s*,\s*(?=作为)", r)
    if m:
        r = r[m.end() :]
    return re.split(r"[,;。(和与及、\n]", r, maxsplit=1)[0]


_BENCHMARK_NOUN_RE = re.compile(r"基准|报价|LPR")
_COMPARE_RE = re.compile(r"超过|高于|超出|不得")
_RIGHT_VERB_RE = re.compile(r"计算|计收|收取|支付|计付|交纳|缴纳|作为")
_CONTINUES_RE = re.compile(r"^\s*(?:均|并|再)?(?:按照|按|以|依照|依)")


def _charge_category(
    ctx: _Ctx, start: int, end: int, floor: int, ceiling: int, *, relative: bool = False
) -> tuple[str | None, str]:
    """The charge noun a figure at ``[start, end)`` belongs to, and the left context that was read.

    ``relative``: the figure is a relative rate or built on a base rate, so a benchmark noun (基准利率) names what
    it is relative to rather than making it a decoy."""
    t = ctx.t
    _, s0, s1 = ctx.sentence(start)
    left_all = t[max(s0, floor) : start]

    def nouns(s: str) -> list[tuple[str, int, int]]:
        found = _nouns(s)
        if relative:
            found = [n for n in found if not (n[0] == "decoy" and _BENCHMARK_NOUN_RE.search(s[n[1] : n[2]]))]
        return found

    rseg = _right_segment(t[end : min(s1, ceiling)])
    right_nouns = [
        n
        for n in nouns(rseg)
        if (n[1] <= 10 or _RIGHT_VERB_RE.search(rseg[: n[1]])) and not _COMPARE_RE.search(rseg[: n[1]])
    ]
    specific = [n for n in right_nouns if n[0] in lx.SPECIFIC]
    if specific:
        return specific[0][0], left_all
    segments = left_all.split(",")
    # an amount ends a segment too: 借款本金158203元自…按日万分之五 — 本金 is not what the rate is of
    lo = max(s0, floor)
    last = ctx.last_money_end(lo, start)
    cut = -1 if last is None else last - lo
    if cut > len(left_all) - len(segments[-1]):
        segments[-1:] = [left_all[len(left_all) - len(segments[-1]) : cut], left_all[cut:]]
    local = segments[-1]
    local_nouns = nouns(local)
    local_specific = [n for n in local_nouns if n[0] in lx.SPECIFIC]
    if local_specific:
        return local_specific[-1][0], left_all
    # the value line of a form names no charge of its own (日利率0.05% under 罚息利率): its label line does
    label = label_line_above(t, max(s0, floor)) or ""
    label_nouns = nouns(label) if label else []
    label_specific = [n for n in label_nouns if n[0] in lx.SPECIFIC]
    if label_specific and len(segments) == 1 and len(local.strip()) <= 6:
        return label_specific[-1][0], label
    # 以期内利息为基数，按年利率6.78%: a segment opening with 按/以 continues the subject of the one before
    if _CONTINUES_RE.match(local) and len(segments) > 1:
        earlier = [n for n in nouns(segments[-2]) if n[0] in lx.SPECIFIC]
        if earlier:
            return earlier[-1][0], left_all
    if right_nouns:
        return right_nouns[0][0], left_all
    if local_nouns:
        return local_nouns[-1][0], left_all
    for seg in reversed(segments[:-1]):
        ns = nouns(seg)
        if ns:
            sp = [n for n in ns if n[0] in lx.SPECIFIC]
            return (sp[-1] if sp else ns[-1])[0], left_all
    # 以11.781‰计算，…的利息按…: the interest the sentence goes on to name
    rest = nouns(t[end:s1])
    if rest and rest[0][0] == "interest" and not _COMPARE_RE.search(t[end : end + rest[0][1]]):
        return "interest", left_all
    # a form or a table read row by row: the label on the line above its value (年化利率 / 7.2%)
    if label_nouns:
        return (label_specific[-1] if label_specific else label_nouns[-1])[0], label
    if relative:
        return "interest", left_all
    return None, left_all


#: interest a court or a note charges once the loan is past due: 利息已计至2013年6月20日，之后…的利息按…;
#: 如到期不能付清则从…起按…
_AFTER_DEFAULT_RE = re.compile(
    r"(?:至|截止)\s*\d{2,4}年[^;。]{0,40}?,\s*(?:此后|之后|以后)[^;。]{0,30}?利息"
    r"|如?到期(?:后)?(?:不能|未能|不|未)(?:付清|还清|偿还|归还|还款|清偿|支付|还)"
)


def _is_default_context(ctx: _Ctx, start: int, end: int, left_all: str) -> bool:
    _, _, s1 = ctx.sentence(start)
    near_left = left_all[-40:]
    rseg = _right_segment(ctx.t[end:s1])
    if lx.DEFAULT_RE.search(near_left) or re.search(r"实际履行|实际清偿|判决确定的(?:给付|履行)", rseg):
        return True
    if _AFTER_DEFAULT_RE.search(left_all[-90:]) and not re.search(r"约定的", near_left[-12:]):
        # (之后利息按双方约定的月息2%: the agreed rate running on, not a rate for the default)
        return True
    # 结合上文逾期利息的计算…总利息为…14%: the sentence is about overdue interest (a list such as
    # 利息、罚息、复利 names charges without being about one)
    # — only where the figure's own segment names no rate (利率) of its own
    segments = left_all.split(",")
    if any(re.search("率", segments[-1][n[1] : n[2]]) for n in _nouns(segments[-1])):
        return False
    near = ",".join(segments[-2:])
    return any(n[0] == "overdue" and not _in_noun_list(near, n[1], n[2]) for n in _nouns(near))


def _in_noun_list(s: str, start: int, end: int) -> bool:
    return (start > 0 and s[start - 1] in "、和及与") or (end < len(s) and s[end] in "、和及与")


# ------------------------------------------------------------------------------------ restatements


def _enclosing_bracket(t: str, pos: int, floor: int) -> int | None:
    """Offset of the unclosed '(' that encloses ``pos`` (within the sentence), or None."""
    depth = 0
    for i in range(pos - 1, floor - 1, -1):
        ch = t[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i
            depth -= 1
    return None


def _restates(ctx: _Ctx, ends: list[int], start: int) -> int | None:
    """If the figure at ``start`` restates an earlier one (``X（即Y）``, ``X(Y和Z)``, ``X即Y``), the end offset of
    that earlier figure (``ends``: the ends of the figures before, in order), else None."""
    t = ctx.t
    _, s0, _ = ctx.sentence(start)
    o = _enclosing_bracket(t, start, s0)
    if o is not None:
        anchor = max((e for e in ends if s0 <= e <= o), default=None)
        if anchor is not None:
            gap = t[anchor:o]
            if len(gap) <= 8 and not re.search(r"[,;]", gap):
                return anchor
    if ends and ends[-1] >= s0 and re.fullmatch(r"\s*(?:,\s*)?即[^,;。]{0,6}", t[ends[-1] : start]):
        return ends[-1]
    return None


def _in_breakdown(ctx: _Ctx, start: int) -> bool:
    _, s0, _ = ctx.sentence(start)
    o = _enclosing_bracket(ctx.t, start, s0)
    return o is not None and bool(re.match(r"\(\s*(?:其中|各次|每次|分别|每笔)", ctx.t[o:start]))


# ------------------------------------------------------------------------------------------ spans


_SPAN_HEAD_RE = re.compile(
    r"(?:[年月日](?:利率|息|利)|每日|每天|按日|按月|每月|每年|按年|[年月日](?=[^年月日]{0,1}$)|"
    r"罚息利率|逾期利率|利率|利息|月息|年息|日息|违约金率?|滞纳金|费率|服务费|管理费|手续费|咨询费|"
    r"借款本金|本金|借款金额|借款总额|剩余本金|应还本息|逾期金额|每逾期一?[日天])"
)


def _span_start(ctx: _Ctx, start: int, floor: int) -> int:
    """Extend a figure's span back to the period word or noun it needs, within its segment (at most 14 chars)."""
    t = ctx.t
    lo = max(floor, start - 14, ctx.last_money_end(0, start) or 0)
    seg = t[lo:start]
    cut = max(seg.rfind(ch) for ch in _SEG_END)
    if cut >= 0:
        lo += cut + 1
        seg = t[lo:start]
    m = _SPAN_HEAD_RE.search(seg)
    return lo + m.start() if m else start


def _span_end(ctx: _Ctx, end: int) -> int:
    m = re.match(r"\s*(?:元)?\s*(?:/|每)\s*(?:年|月|日|天)|年(?!底|末|初|内|间|月|\d)", ctx.t[end : end + 4])
    return end + m.end() if m else end


def _entity(ctx: _Ctx, label: str, start: int, end: int, score: float = 0.9) -> Entity:
    start, end = whole_fill_ins(ctx.text, start, end)
    return Entity(label=label, text=ctx.text[start:end], start=start, end=end, score=score, source="rule")


# ------------------------------------------------------------------------------------------ rates


def _statute_quoted(ctx: _Ctx, start: int, end: int) -> bool:
    _, s0, s1 = ctx.sentence(start)
    before, after = ctx.t[s0:start], ctx.t[end:s1]
    if lx.STATUTE_CITE_RE.search(before) and "规定" in after:
        return True
    return bool(re.search(r"[“\"][^”\"]*$", before) and lx.STATUTE_CITE_RE.search(before))


#: a rate mention (even a composed one, 14.4%年利率上浮50%) is shorter than this
_RESTATE_REACH = 64


def _rate_entities(ctx: _Ctx) -> list[Entity]:
    atoms = ctx.rates
    starts = [a.start for a in atoms]
    kept: list[tuple[RateMatch, Entity | None]] = []
    list_mode = False
    for i, a in enumerate(atoms):
        prev = atoms[i - 1] if i else None
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        sent_i, s0, _ = ctx.sentence(a.start)
        floor = max(s0, prev.end) if prev else s0
        ceiling = nxt.start if nxt else len(ctx.t)
        if a.kind in ("range", "garbled"):
            kept.append((a, None))
            continue
        # several loans listed: 年利率分别为6.372%、6.372%、6.116%
        local_left = re.split(r"[,]", ctx.t[floor : a.start])[-1]
        if lx.LIST_RE.search(local_left):
            list_mode = True
        elif not (prev and re.fullmatch(r"\s*[、和及]\s*", ctx.t[prev.end : a.start])):
            list_mode = False
        if list_mode or sent_i in ctx.decoy_sentences or _statute_quoted(ctx, a.start, a.end):
            kept.append((a, None))
            continue
        # only figures that can end inside the (clipped) sentence can be restated
        first = bisect.bisect_left(starts, s0 - _RESTATE_REACH, 0, i)
        anchor_end = _restates(ctx, [b.end for b in atoms[first:i]], a.start)
        if anchor_end is not None:
            j = next(k for k in range(len(kept) - 1, -1, -1) if kept[k][0].end == anchor_end)
            anchor, anchor_ent = kept[j]
            if anchor.kind == "relative" and anchor_ent is not None and a.kind == "absolute":
                ent = _entity(ctx, anchor_ent.label, _span_start(ctx, a.start, floor), _span_end(ctx, a.end))
                kept[j] = (anchor, None)
                kept.append((a, ent))
            elif _explains_raised_rate(anchor, anchor_ent, a):
                # 年利率14.04%（月息9.75‰加收20%）: the figure is the raised (overdue) rate, and the base is the
                # interest rate
                assert anchor_ent is not None and a.base is not None
                kept[j] = (anchor, anchor_ent.model_copy(update={"label": "OVERDUE_RATE"}))
                bracket = _enclosing_bracket(ctx.t, a.start, floor)
                base_start = _span_start(ctx, a.base.start, floor if bracket is None else bracket)
                kept.append((a, _entity(ctx, "INTEREST_RATE", base_start, a.base.end)))
            else:
                kept.append((a, None))
            continue
        is_rel = a.kind == "relative" or a.base_value is not None
        cat, left_all = _charge_category(ctx, a.start, a.end, floor, ceiling, relative=is_rel)
        if _BOUND_BEFORE_RE.search(ctx.t[max(floor, a.start - 8) : a.start]) or _BOUND_AFTER_RE.match(
            ctx.t[a.end : a.end + 4]
        ):
            cat = "decoy"  # 年化利率不超过24%, 利率在24%以内: a bound, not the rate
        if cat is None or cat == "decoy":
            kept.append((a, None))
            continue
        if cat == "interest":
            cat = _interest_or_overdue(ctx, a, left_all, kept)
        label = LABEL_OF[cat]
        start = _span_start(ctx, a.start, floor)
        if a.kind == "relative":
            start = _relative_span_start(ctx, a.start, floor)
        ent = _entity(ctx, label, start, _span_end(ctx, a.end), SCORE_OF.get(cat, 0.9))
        kept.append((a, ent))
    return [e for _, e in kept if e is not None]


_BOUND_BEFORE_RE = re.compile(
    r"(?:不超过|不得超过|不高于|不得高于|最高不超过|最高为?|上限为?|最低为?|不低于|下限为?)\s*$"
)
_BOUND_AFTER_RE = re.compile(r"\s*(?:以内|以下|以上|之内)")


def _explains_raised_rate(anchor: RateMatch, anchor_ent: Entity | None, a: RateMatch) -> bool:
    return (
        anchor_ent is not None
        and anchor_ent.label == "INTEREST_RATE"
        and a.base is not None
        and a.multiplier is not None
        and a.multiplier > 1
        and a.annual is not None
        and a.annual == anchor.annual
    )


def _interest_or_overdue(
    ctx: _Ctx, a: RateMatch, left_all: str, kept: list[tuple[RateMatch, Entity | None]]
) -> str:
    """Generic interest words (利率, 利息) name overdue interest when the sentence is about default, when the figure
    joins or repeats an overdue figure just before it, or when it raises a rate the text already gave."""
    after_due = ctx.periods.starts_after_due(a.start, a.end)
    if after_due:
        return "overdue"
    if after_due is None and _is_default_context(ctx, a.start, a.end, left_all):
        return "overdue"
    _, s0, _ = ctx.sentence(a.start)
    for prev, ent in reversed(kept):
        if prev.end < s0 or ent is None:
            continue
        gap = ctx.t[prev.end : a.start]
        same = (
            a.kind == "absolute"
            and prev.value is not None
            and a.value == prev.value
            and a.period == prev.period
        )
        joined = bool(re.fullmatch(r"[^,;。]{0,2}(?:加上|另加|外加|同时按|并按)[^,;。]{0,8}", gap))
        if (same or joined) and ent.label == "OVERDUE_RATE":
            return "overdue"
        break
    if a.base_value is not None and a.multiplier is not None and a.multiplier > 1:
        for prev, _ in kept:
            if prev.kind == "absolute" and prev.value == a.base_value and prev.unit == a.unit:
                return "overdue"  # 以11.781‰计算 … 按月息11.781‰的1.5倍: the raised rate
    return "interest"


def _relative_span_start(ctx: _Ctx, start: int, floor: int) -> int:
    """A relative rate's span includes what it is relative to (``原借款利率基础上加收50%``, ``基准利率上浮20%``)."""
    lo = max(floor, start - 24)
    seg = ctx.t[lo:start]
    cut = max(seg.rfind(ch) for ch in _SEG_END)
    if cut >= 0:
        lo += cut + 1
        seg = ctx.t[lo:start]
    m = re.search(
        r"中国人民银行|人民银行|央行|基准|同期|银行|LPR|贷款市场报价利率|[^\s按照以在的]{0,4}利率|利息", seg
    )
    return lo + m.start() if m else start


# ------------------------------------------------------------------------------------------ money

_MONTHLY_AMOUNT_RE = re.compile(r"(?:每月|月息|月利息|每个月)[^,;。\d]{0,6}$")
#: 每月付息1000元 / 每月前付息壹仟元 / 按月付息500元: a sum paid as interest each month (付息 alone, with no sum,
#: is a repayment method, so the lexicon's interest noun leaves it out)
_MONTHLY_PAID_RE = re.compile(r"(?:每月|每个月|按月)[^,;。\d]{0,4}付息\s*(?:人民币)?\s*$")
_BARE_MONTHLY_RE = re.compile(
    r"(?:月息|每月利息|月利息)\s*(?:为|是)?\s*(?P<n>\d+(?:\.\d+)?)(?![\d.%‰元万分])"
)


def _money_entities(ctx: _Ctx) -> list[Entity]:
    out: list[Entity] = []
    rate_spans = SpanSet((a.start, a.end) for a in ctx.rates)
    rate_ends = sorted(a.end for a in ctx.rates)
    prev_label: str | None = None
    prev_end = -1
    prev_amount = None
    for m in ctx.money:
        sent_i, s0, s1 = ctx.sentence(m.start)
        if sent_i in ctx.decoy_sentences or rate_spans.overlaps(m.start, m.start + 1):
            prev_end = m.end
            prev_label = None
            continue
        # 伍佰元正小写金额￥500 / 贰拾万元（¥200000）: the second amount restates the first
        gap = ctx.t[prev_end : m.start] if prev_end >= s0 else None
        restates = gap is not None and m.amount == prev_amount
        if restates and re.fullmatch(
            r"\s*[,]?\s*(?:\(|（)?\s*(?:小写|大写)?(?:金额)?\s*[:：]?\s*", gap or ""
        ):
            if prev_label:
                out.append(_entity(ctx, prev_label, m.start, m.end))
            prev_end = m.end
            continue
        prev_amount = m.amount
        # 借款500000元、200000元: a list continues the label of its first amount
        if gap is not None and prev_label == "PRINCIPAL" and re.fullmatch(r"\s*[、和及]\s*", gap):
            out.append(_entity(ctx, "PRINCIPAL", m.start, m.end))
            prev_end = m.end
            continue
        # 百分之一即金额伍佰元: an amount restating a rate
        near = rate_ends[bisect.bisect_left(rate_ends, m.start - 6) : bisect.bisect_right(rate_ends, m.start)]
        if any("即" in ctx.t[re_ : m.start] for re_ in near):
            prev_end, prev_label = m.end, None
            continue
        if _in_breakdown(ctx, m.start):
            prev_end, prev_label = m.end, None
            continue
        label = _money_label(ctx, m, max(s0, prev_end), s1, prev_label if prev_end >= s0 else None)
        if label:
            out.append(_entity(ctx, label, m.start, m.end))
        prev_label = label
        prev_end = m.end
    # 月息2500 (no unit): a monthly interest amount
    for m in _BARE_MONTHLY_RE.finditer(ctx.t):
        sent_i, _, _ = ctx.sentence(m.start())
        if sent_i not in ctx.decoy_sentences:
            out.append(_entity(ctx, "INTEREST_RATE", m.start(), m.end()))
    return out


_CURRENCY_NOTE_RE = re.compile(r"(?:人民币|RMB)?\s*(?:\((?:以下|下同)[^()]{0,12}\))?\s*$")
_NAMED_PRINCIPAL_AFTER_RE = re.compile(r"\s*(?:的)?(?:借款|贷款)?本金(?=\s*(?:及|和|、|,|。|;|并|以及|$))")
_BOUND_RE = re.compile(r"(?:不低于|不少于|最低|最少|至少|不高于|不超过|最高|上限|下限)\s*(?:人民币)?\s*$")
_ACCRUED_RE = re.compile(r"暂计|计至|截至|截止|累计|合共|共计|合计|总计")


def _money_label(ctx: _Ctx, m: MoneyMatch, floor: int, s1: int, prev_label: str | None) -> str | None:
    t = ctx.t
    # the base of a computation: 155300元×0.21‰×1380天
    if re.match(r"\s*[×*xX]\s*\d", t[m.end : m.end + 4]):
        return "PRINCIPAL"
    # 借款人民币（以下币种同）60,000元: the currency and its note belong to the amount, not to the words before
    before = _CURRENCY_NOTE_RE.sub("", t[floor : m.start])
    local = before.split(",")[-1]
    if _BOUND_RE.search(local):
        return None  # 不低于100元: a floor or cap on a charge, not the charge
    if re.match(r"\s*的?\s*(?:百分之|千分之|万分之|\d+(?:\.\d+)?\s*[%‰])", t[m.end : m.end + 8]):
        return None  # ￥50000的百分之一: the base of a rate
    total = lx.TOTAL_RE.search(local)
    if total and prev_label == "PRINCIPAL" and not lx.NOT_PRINCIPAL_RE.search(local[: total.start()]):
        return "PRINCIPAL"  # 借款20000元、50000元，共计70000元 — but not 支付利息合计6000元
    window = before[-25:]
    last_p = max((x.end() for x in lx.PRINCIPAL_KEYWORDS_RE.finditer(window)), default=-1)
    last_n = max((x.end() for x in lx.NOT_PRINCIPAL_RE.finditer(window)), default=-1)
    rseg = _right_segment(t[m.end : s1])
    attached = re.match(
        r"^\s*(?:的|作为|为)?\s*(?P<n>违约金|滞纳金|违约赔偿金|赔偿金|利息|罚息|[^\s,;。]{0,4}?费)", rseg
    )
    if attached:
        noun = attached.group("n")
        if re.search(r"违约|滞纳|赔偿", noun):
            return None if _ACCRUED_RE.search(local) else "PENALTY"
        if noun.endswith("费"):
            return "FEE" if _nouns(noun) else None
        return None
    if last_p > last_n:
        return "PRINCIPAL"
    if _NAMED_PRINCIPAL_AFTER_RE.match(t[m.end : m.end + 10]):
        return "PRINCIPAL"  # 偿还1600万元借款本金、利息: the amount names itself the principal
    if last_n < 0 and re.match(r"\s*(?:的)?(?:借款|贷款|借条|借据)", t[m.end : m.end + 4]):
        return "PRINCIPAL"  # 1600万元借款进行展期
    cat, _ = _charge_category(ctx, m.start, m.end, floor, s1)
    if _ACCRUED_RE.search(local) and cat in (
        "penalty",
        "prepay",
        "fee",
        "interest",
        "overdue",
        "overdue_weak",
    ):
        return None  # 暂计至…违约金为105000元: an amount accrued, not the term
    if cat in ("penalty", "prepay"):
        return "PENALTY"
    if cat == "fee":
        return "FEE"
    if (
        cat == "interest"
        and any(n[0] == "interest" for n in _nouns(local))
        and _MONTHLY_AMOUNT_RE.search(local)
        and not re.search(r"[两三四五六七八九十\d]个月", local)
    ):
        return "INTEREST_RATE"
    if cat is None and _MONTHLY_PAID_RE.search(local):
        return "INTEREST_RATE"
    return None


# ------------------------------------------------------------------------------- other labels

_TERM_CONTEXT_RE = re.compile(
    r"(?:期限|借期|为期|使用时期|借款时间|借款期|展期期限|期间为|时间为)[^,;。]{0,6}$"
)
_REPAY_DAY_RE = re.compile(
    r"(?:还款日|还息日|付息日|还款时间)[^。;]{0,24}?(?P<d>每(?:个)?月(?:的)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])"
    r"|(?P<d2>每(?:个)?月(?:的)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])(?:前)?(?:还款|还息|付息|归还|偿还|支付)"
)
_SIGN_RE = re.compile(r"签订|签署|订立|签定|签约")
_PARTY_RE = re.compile(
    # 出借人（甲方）：张三 / 甲方（出借人）：张三 / 甲方：（出借人）：张三
    r"(?m)^\s*(?:[甲乙丙丁]方\s*[:：]?\s*[(（]\s*)?"
    r"(?P<role>出借人|贷款人|债权人|投资人|借款人|借入人|借入者|债务人|融资方|融资人|保证人|担保人)\s*[)）]?"
    r"\s*(?:[(（][^)）\n]{1,8}[)）])?\s*(?:姓名|名称|全称|户名)?\s*[:：][ \t\u3000]*"
    # the name on the same line (a blank line is no name), or under a role line left empty on a line of its own
    # (乙方（融资方）：/ 姓名/企业名称：郑十)
    r"(?:\n[ \t\u3000]*(?:姓名|名称|全称|户名|企业名称|公司名称)(?:\s*/\s*(?:企业|公司)?名称)?\s*[:：][ \t\u3000]*)?"
    r"(?P<name>[^\s,，;；。:：(（]{2,40})"
)
# the next field's label where a form leaves the name blank (甲方：____ 身份证号：…)
_FIELD_LABEL_RE = re.compile(
    r"^(?:身份证|证件|住所|住址|地址|通讯|联系|电话|手机|邮箱|电子邮|签字|签章|盖章|日期|法定代表人|开户|账号|账户)"
)
_INTEREST_AS_PENALTY_RE = re.compile(
    r"(?:半个月|[一二三四五六\d]{1,2}个月|[一二三\d]期)的利\s*息(?:作为|为)违约金"
)
_ROLE_LABEL = {
    "出借人": "LENDER",
    "贷款人": "LENDER",
    "债权人": "LENDER",
    "投资人": "LENDER",  # P2P platforms: 甲方（投资人） lends, 乙方（融资方） borrows
    "融资方": "BORROWER",
    "融资人": "BORROWER",
    "借款人": "BORROWER",
    "借入人": "BORROWER",
    "借入者": "BORROWER",
    "债务人": "BORROWER",
    "保证人": "GUARANTOR",
    "担保人": "GUARANTOR",
}
_COURT_RE = re.compile(
    r"(?:向|由|提交|交由|提请|提交至)\s*(?:由|至|给)?\s*(?P<c>[^,，;；。]{0,30}?(?:人民法院|法院|仲裁委员会))"
)
_DISPUTE_RE = re.compile(r"争议|纠纷|管辖|诉讼|起诉|仲裁")
_ADDRESS_RE = re.compile(
    r"(?:送达地址|通讯地址|联系地址|住所地|住址|地址)\s*(?:为|是|[:：])\s*(?P<v>[^\s,，;；。]{4,60})"
)


def _term_entities(ctx: _Ctx) -> list[Entity]:
    out = []
    for d in find_durations(ctx.text):
        if re.match(r"\s*(?:以内|以上|以下|之内|内|以后|后|前)", ctx.t[d.end : d.end + 3]):
            continue  # 期限在一年以内: a condition, not the term
        if _TERM_CONTEXT_RE.search(ctx.t[max(0, d.start - 12) : d.start]):
            out.append(_entity(ctx, "TERM", d.start, d.end))
    for m in lx.INSTALMENTS_RE.finditer(ctx.t):
        out.append(_entity(ctx, "TERM", m.start(), m.end(), 0.6))
    return out


def _other_entities(ctx: _Ctx) -> list[Entity]:
    out: list[Entity] = []
    t = ctx.t
    found = find_repayment_method(ctx.text)
    if found:
        _, s, e = found
        out.append(_entity(ctx, "REPAY_METHOD", s, e))
    for m in _REPAY_DAY_RE.finditer(t):
        g = "d" if m.group("d") else "d2"
        out.append(_entity(ctx, "REPAY_DATE", m.start(g), m.end(g)))
    for d in find_dates(ctx.text):
        _, _, s1 = ctx.sentence(d.start)
        after = t[d.end : min(s1, d.end + 40)]
        before = t[max(0, d.start - 8) : d.start]
        nxt = find_dates(ctx.text[d.end : d.end + 40])
        sign = _SIGN_RE.search(after)
        if (sign and not (nxt and nxt[0].start < sign.start())) or re.search(
            r"(?:签订|签署|签约)(?:日期|时间)", before
        ):
            out.append(_entity(ctx, "CONTRACT_DATE", d.start, d.end))
    for m in _INTEREST_AS_PENALTY_RE.finditer(t):
        out.append(_entity(ctx, "PENALTY", m.start(), m.end()))
    for m in _PARTY_RE.finditer(t):
        name = m.group("name")
        if lx.PLACEHOLDER_RE.search(name) or "$" in name or _FIELD_LABEL_RE.match(name):
            continue
        out.append(_entity(ctx, _ROLE_LABEL[m.group("role")], m.start("name"), m.end("name")))
    for m in _COURT_RE.finditer(t):
        _, s0, s1 = ctx.sentence(m.start())
        court = m.group("c").strip()
        if (
            not _DISPUTE_RE.search(t[s0:s1])
            or lx.PLACEHOLDER_RE.search(court)
            or court in ("人民法院", "法院")
        ):
            continue
        if re.search(r"本院|原审", court):
            continue
        out.append(
            _entity(
                ctx,
                "JURISDICTION",
                m.start("c") + (len(m.group("c")) - len(m.group("c").lstrip())),
                m.end("c"),
            )
        )
    for m in _ADDRESS_RE.finditer(t):
        v = m.group("v")
        if lx.PLACEHOLDER_RE.search(v) or "$" in v or not re.search(r"[省市区县路街号镇村]", v):
            continue
        out.append(_entity(ctx, "ADDRESS", m.start("v"), m.end("v")))
    return out


# -------------------------------------------------------------------------------------------- api


def find_entities(text: str, *, clause_id: str | None = None, offset: int = 0) -> list[Entity]:
    """Candidate spans of every label in ``text`` (one clause, or a whole text), offsets into ``text`` plus
    ``offset``, in reading order.  Every entity has ``source="rule"``."""
    if not text.strip():
        return []
    ctx = _Ctx(text)
    ents = _rate_entities(ctx) + _money_entities(ctx) + _term_entities(ctx) + _other_entities(ctx)
    ents.sort(key=lambda e: (e.start, e.end))
    if offset or clause_id is not None:
        ents = [
            e.model_copy(update={"start": e.start + offset, "end": e.end + offset, "clause_id": clause_id})
            for e in ents
        ]
    return ents
