"""From spans to ``LoanTerms``: normalise each entity with the value parsers and assemble one value per field.

``extract_terms(text, clauses)`` runs the rule span finder (``baseline.find_entities``) over each clause's own
text (the part not covered by its children) — or over the whole text when there are no clauses — and hands the
spans to ``assemble_terms``, which does not care whether a span came from the rules or a model.

Normalising reads the figure inside a span with its context in the full text (the period word before it, a
formula after it, 日利率=年利率/360 anywhere), so a model's tighter spans get the same values.

Assembly, field by field, in document order:

* **interest_rate** — the first rate with a period; where the figures differ, the one the words before call agreed
  (约定, 写明) over one in a claim (诉讼请求, 判令), a monthly interest sum on a known principal competing too.  A
  rate written without a period (``罚息利率为6.525%``) takes the period of the other interest/overdue figures in
  the same notation (%, ‰) when they all agree.  A monthly amount
  (``每月利息200元``, ``月息2500``) becomes a rate when the principal is known.  Otherwise the first rate as written
  (period and annual None) is kept as evidence.
* **overdue_rate** — 罚息 / 逾期利息 figures before 复利 alone.  A relative rate (上浮50%, 1.5倍) is resolved
  against the interest rate when the text gives exactly one; two overdue figures joined by 加上 / 另加 / 并按 are
  one charge (their annual rates add).  Different overdue rates in one clause (tiers, products) → null.
* **penalty** — per day → ``daily_rate``; a one-off share of the principal / of the overdue sum →
  ``rate_of_principal`` / ``rate_of_overdue_amount``; per month or year → ``other`` with the annual value; an amount
  → ``fixed_amount`` (an amount per day is a ``daily_rate`` of the principal when the principal is known, else
  ``other``).  Several different penalties in one clause → ``other`` with no value.
* **fees** — every fee on the loan (fees on goods, withdrawals or interest received are not the borrower's cost of
  credit); one-off fees are spread over the term (``分36期`` counts as 36 months).
* **principal** — the amount lent, chosen by role (``_principal_role``): repayments, balances not called 本金,
  guarantee ceilings and credit lines, assigned claims, principal-plus-interest totals and monthly interest sums
  drop out; the amount actually delivered outranks the amount lent, which outranks a sum claimed, a transfer, a
  part or an interest base.  Several different amounts of the best rank → the sum of the others, else the one
  stated as a total (共计, 合计), else the most mentioned, else the court's finding, else null.
"""

from __future__ import annotations

import bisect
import itertools
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from loanclause.extract import charge_period
from loanclause.extract import lexicon as lx
from loanclause.extract import role_words as rw
from loanclause.extract.baseline import find_entities
from loanclause.extract.model_reading import windows_to_read
from loanclause.models import NER_LABELS, Clause, Duration, Entity, Fee, LoanTerms, Money, Penalty, Rate
from loanclause.values.dates import find_dates, parse_date, parse_duration
from loanclause.values.money import MoneyMatch, reading_text, scan_money
from loanclause.values.numbers import normalize_width, parse_number, tidy
from loanclause.values.rates import RateMatch, annualise, resolve_relative, scan_rates
from loanclause.values.repayment import parse_repayment_day, parse_repayment_method
from loanclause.values.spans import SpanSet

if TYPE_CHECKING:
    from loanclause.extract.ner import NerModel

__all__ = ["assemble_terms", "clause_pieces", "extract_terms", "merge_entities"]

_Q = Decimal("1e-8")


def _q(d: Decimal) -> Decimal:
    return tidy(d, _Q)


# ------------------------------------------------------------------------------------------ pieces


def clause_pieces(text: str, clauses: list[Clause]) -> list[tuple[str | None, int, int]]:
    """Split ``text`` into runs each owned by the deepest clause that covers it: ``(clause_id, start, end)``.

    Clauses nest (an article covers its items), so running the span finder on every clause would read the same
    words twice; each character is read once, under its innermost clause.  Text outside every clause is owned by
    ``None``."""
    if not clauses:
        return [(None, 0, len(text))]
    bounds = sorted(
        {
            0,
            len(text),
            *(max(0, min(len(text), c.start)) for c in clauses),
            *(max(0, min(len(text), c.end)) for c in clauses),
        }
    )
    pieces: list[tuple[str | None, int, int]] = []
    for a, b in itertools.pairwise(bounds):
        if a >= b:
            continue
        owners = [c for c in clauses if c.start <= a and b <= c.end]
        owner = max(owners, key=lambda c: (c.level, c.start), default=None)
        cid = owner.id if owner else None
        if pieces and pieces[-1][0] == cid and pieces[-1][2] == a:
            pieces[-1] = (cid, pieces[-1][1], b)
        else:
            pieces.append((cid, a, b))
    return pieces


def extract_terms(
    text: str, clauses: list[Clause], model: NerModel | None = None
) -> tuple[list[Entity], LoanTerms]:
    """Entities (``clause_id`` set) and the ``LoanTerms`` assembled from them.

    Without ``model`` the rule baseline alone finds the spans.  With one, the model reads the sentences that
    could hold a label the rules missed and ``merge_entities`` combines both sources: each entity keeps its ``source`` ("rule" / "model")."""
    pieces = [(cid, s, e) for cid, s, e in clause_pieces(text, clauses) if text[s:e].strip()]
    rule: list[Entity] = []
    for cid, s, e in pieces:
        rule.extend(find_entities(text[s:e], clause_id=cid, offset=s))
    if model is None:
        return rule, assemble_terms(text, rule)
    # merge_entities keeps model spans only for labels the rules found nowhere, so the model reads only the
    # sentences that could hold one of those (``model_reading``); a contract whose every label the rules read
    # costs no inference at all.
    read = {e.label for e in rule}
    asked = windows_to_read(text, pieces, [label for label in NER_LABELS if label not in read])
    learned: list[Entity] = []
    predictions = model.predict([text[s:e] for _, s, e in asked]) if asked else []
    for (cid, s, _e), found in zip(asked, predictions, strict=True):
        learned.extend(
            x.model_copy(update={"start": x.start + s, "end": x.end + s, "clause_id": cid}) for x in found
        )
    entities = merge_entities(rule, learned)
    doc = _Doc(text)
    terms = _assemble(doc, entities)
    if terms.principal is None and "PRINCIPAL" in read:
        terms.principal = _principal_by_agreement(doc, pieces, rule, asked, learned, model)
    return entities, terms


def _principal_by_agreement(
    doc: _Doc,
    pieces: list[tuple[str | None, int, int]],
    rule: list[Entity],
    asked: list[tuple[str | None, int, int]],
    learned: list[Entity],
    model: NerModel,
) -> Money | None:
    """The rules saw several amounts and could not tell which was lent: the model reads the sentences holding
    them, and the amount it alone marks as the principal is taken when the rules saw it too (two readers agree).
    Costs inference only for such texts, mostly judgments."""
    text = doc.text
    seen = {(s, e) for _, s, e in asked}
    extra = [w for w in windows_to_read(text, pieces, ["PRINCIPAL"]) if (w[1], w[2]) not in seen]
    spans = [x for x in learned if x.label == "PRINCIPAL" and x.score >= MODEL_MIN_SCORE]
    predictions = model.predict([text[s:e] for _, s, e in extra]) if extra else []
    for (cid, s, _e), found in zip(extra, predictions, strict=True):
        spans.extend(
            x.model_copy(update={"start": x.start + s, "end": x.end + s, "clause_id": cid})
            for x in found
            if x.label == "PRINCIPAL" and x.score >= MODEL_MIN_SCORE
        )
    chosen = _principal(doc, spans)
    rule_amounts = {m.amount for e in rule if e.label == "PRINCIPAL" and (m := doc.money_in(e)) is not None}
    return chosen if chosen is not None and chosen.amount in rule_amounts else None


MODEL_MIN_SCORE = 0.7

#: Where the rules and the model read the same words with different labels, the model's label wins when it is
#: at least this sure.  Chosen on dev-real (``scripts/eval_real.py``): a rate a court applies after default
#: ("之后的利息按年利率7.56%计算") is the overdue rate, which the rules read as the loan rate; with the model's
#: label at ≥ 0.9 dev-real overdue went 0.438 → 0.562 (16 items) and DEV stayed 0.975; at ≥ 0.7 dev-real gained
#: more but DEV's interest rate lost two points, so 0.9.
MODEL_RELABELS: dict[tuple[str, str], float] = {("INTEREST_RATE", "OVERDUE_RATE"): 0.9}


def _relabelled(e: Entity, learned: list[Entity]) -> Entity:
    for (frm, to), threshold in MODEL_RELABELS.items():
        if e.label != frm:
            continue
        if any(
            x.label == to and x.score >= threshold and x.start < e.end and e.start < x.end for x in learned
        ):
            return e.model_copy(update={"label": to})
    return e


def merge_entities(rule: list[Entity], learned: list[Entity]) -> list[Entity]:
    """Rule spans first (relabelled where the model is sure of another label: ``MODEL_RELABELS``); a model span
    joins them only for a label the rules found nowhere in the text, only where
    it overlaps no rule span, and only when it is at least two characters long with a mean tag probability of at
    least ``MODEL_MIN_SCORE``.

    The rules fire on explicit wording and are precise where they fire (value accuracy ≥ 0.95 on the real DEV
    clauses); the model generalises to phrasings no rule lists.  So the model fills the gaps: it never overrides a
    rule's reading of the same words, and never adds a second candidate for a field the rules already read (a
    stray 两年 in a guarantee clause would otherwise compete with the loan term, a second amount turn a right
    principal into "several amounts")."""
    rule = [_relabelled(e, learned) for e in rule]
    taken = SpanSet((e.start, e.end) for e in rule)
    found = {e.label for e in rule}
    merged = list(rule)
    for x in learned:
        if x.label in found or x.end - x.start < 2 or x.score < MODEL_MIN_SCORE:
            continue
        if taken.overlaps(x.start, x.end):
            continue
        merged.append(x)
    return sorted(merged, key=lambda e: (e.start, e.end, e.label))


# --------------------------------------------------------------------------------------- normalise


class _Doc:
    """The text once, scanned once: rates and amounts with full context, sentence bounds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.t = reading_text(text)
        self.rates = scan_rates(text)
        self.money = scan_money(text)
        self.periods = charge_period.ChargePeriods(text, self.t)
        # rates come sorted by start; bases by their own start, so that a span finds either with bisect
        self._rate_starts = [r.start for r in self.rates]
        self._bases = sorted(
            ((r.base.start, k) for k, r in enumerate(self.rates) if r.base is not None), key=lambda x: x[0]
        )
        self._base_starts = [b[0] for b in self._bases]
        self._money_starts = [m.start for m in self.money]  # scan_money returns them sorted by start
        #: amounts the text breaks down into principal and interest (24700元，包括借款本金12000元、利息12700元) or
        #: states as a total after naming a charge (及利息100000，共计400000元): a total wherever else they appear
        self.totals_with_interest = {
            m.amount
            for m in self.money
            if rw.BREAKDOWN_RIGHT_RE.search(self.t[m.end : m.end + 50].split("。")[0].split(";")[0])
            or rw.CHARGE_TOTAL_RE.search(self.sentence_left(m.start, 200))
        }

    def rate_in(self, e: Entity) -> RateMatch | None:
        """The rate whose figure lies inside the span (or, for a span over the base of ``X上浮Y%``, that base)."""
        lo = bisect.bisect_left(self._rate_starts, e.start)
        hi = bisect.bisect_left(self._rate_starts, e.end)
        inside = [r for r in self.rates[lo:hi] if r.end <= e.end and r.kind in ("absolute", "relative")]
        if inside:
            return inside[-1]
        lo = bisect.bisect_left(self._base_starts, e.start)
        hi = bisect.bisect_left(self._base_starts, e.end)
        for _, k in sorted(self._bases[lo:hi], key=lambda x: x[1]):
            base = self.rates[k].base
            if base is not None and base.end <= e.end:
                return base
        return None

    def money_in(self, e: Entity) -> MoneyMatch | None:
        lo = bisect.bisect_left(self._money_starts, e.start)
        hi = bisect.bisect_left(self._money_starts, e.end)
        return next((m for m in self.money[lo:hi] if m.end <= e.end), None)

    def sentence_left(self, pos: int, width: int = 30) -> str:
        lo = max(0, pos - width)
        seg = self.t[lo:pos]
        cut = max(seg.rfind(ch) for ch in "。;\n")
        return seg[cut + 1 :] if cut >= 0 else seg

    def sentence(self, pos: int) -> str:
        s = max(self.t.rfind(ch, 0, pos) for ch in "。;\n") + 1
        ends = [i for i in (self.t.find(ch, pos) for ch in "。;\n") if i >= 0]
        return self.t[s : min(ends) if ends else len(self.t)]


def _rate(m: RateMatch) -> Rate:
    return m.to_rate()


def _with_period(rate: Rate, period: str, basis_days: int = 365) -> Rate:
    return rate.model_copy(
        update={
            "period": period,
            "basis_days": basis_days,
            "annual": annualise(rate.value, period, basis_days),
        }
    )


# --------------------------------------------------------------------------------------- assemble


def assemble_terms(text: str, entities: list[Entity]) -> LoanTerms:
    """``LoanTerms`` from entity spans (rule or model), each value keeping its evidence text and offsets."""
    return _assemble(_Doc(text), entities)


def _assemble(doc: _Doc, entities: list[Entity]) -> LoanTerms:
    by_label: dict[str, list[Entity]] = {}
    for e in sorted(entities, key=lambda x: (x.start, x.end)):
        by_label.setdefault(e.label, []).append(e)
    _overdue_by_period(doc, by_label)
    terms = LoanTerms()
    terms.principal = _principal(doc, by_label.get("PRINCIPAL", []))
    term_months = _term(doc, by_label.get("TERM", []), terms)
    interest_cands = _interest_candidates(
        doc, by_label.get("INTEREST_RATE", []), by_label.get("OVERDUE_RATE", [])
    )
    terms.interest_rate = _interest(doc, interest_cands, by_label.get("INTEREST_RATE", []), terms.principal)
    if terms.interest_rate is None:
        terms.interest_rate = _benchmark_interest(doc)
    terms.interest_rate = _with_reason(doc, terms.interest_rate)
    terms.overdue_rate = _with_reason(doc, _overdue(doc, by_label.get("OVERDUE_RATE", []), interest_cands))
    terms.penalty = _penalty(doc, by_label.get("PENALTY", []), terms.principal)
    terms.fees = _fees(doc, by_label.get("FEE", []), terms.principal, term_months)
    _simple_fields(doc, by_label, terms)
    return terms


def _overdue_by_period(doc: _Doc, by_label: dict[str, list[Entity]]) -> None:
    """A loan-rate span whose charge runs from the due date or later is overdue interest, whichever extractor
    found it (``charge_period``; the rule baseline labels its own spans so already)."""
    keep, moved = [], []
    for e in by_label.get("INTEREST_RATE", []):
        m = doc.rate_in(e)
        s, t = (m.start, m.end) if m is not None else (e.start, e.end)
        (moved if doc.periods.starts_after_due(s, t) else keep).append(e)
    if moved:
        by_label["INTEREST_RATE"] = keep
        by_label["OVERDUE_RATE"] = sorted(
            by_label.get("OVERDUE_RATE", [])
            + [e.model_copy(update={"label": "OVERDUE_RATE"}) for e in moved],
            key=lambda x: (x.start, x.end),
        )


#: roles an amount plays that make it no candidate for the principal (repayments, balances not called 本金,
#: guarantee ceilings and credit lines, assigned claims, principal-plus-interest totals, monthly interest sums)
_EXCLUDED_ROLES = frozenset({"ceiling", "assigned", "paid_for", "total", "interest", "repaid", "balance"})
#: the candidates' ranks: the amount actually delivered (实际…借款, Civil Code Art. 670: interest deducted in
#: advance is not lent) above the amount lent, above a sum claimed or ordered, above a transfer that delivered
#: the loan, above a part of a breakdown or the base of an interest computation, above a balance called 本金,
#: above a repayment the text does not mark as past
_ROLE_RANK = {
    "actual": 6,
    "lent": 5,
    "claimed": 4,
    "disbursed": 3,
    "part": 2,
    "base": 2,
    "balance_named": 1,
    "repay_soft": 0,
}


def _principal_role(doc: _Doc, m: MoneyMatch) -> str:
    """What an amount is in its sentence: the loan amount or one of the amounts that sit beside it."""
    t = doc.t
    s0 = max(t.rfind(ch, 0, m.start) for ch in "。;\n") + 1
    s0 = max(s0, m.start - 200)
    sent_left = t[s0 : m.start]
    local = re.split(r"[,:]", sent_left)[-1]
    ends = [i for i in (t.find(ch, m.end) for ch in "。;\n") if i >= 0]
    right = t[m.end : min([*ends, m.end + 60])]
    right_local = right.split(",")[0]
    if rw.CEILING_LEFT_RE.search(local) or rw.CEILING_RIGHT_RE.search(right_local):
        return "ceiling"
    if rw.ASSIGNED_RE.search(local):
        return "assigned"
    if rw.PAID_FOR_RE.search(local):
        return "paid_for"
    if rw.TOTAL_LEFT_RE.search(local) or rw.BREAKDOWN_RIGHT_RE.search(right):
        return "total"
    if m.amount in doc.totals_with_interest:
        return "total"
    if re.search(r"每月|按月|月息|每个月", local) and re.search(r"利息|付息|息", right_local[:12]):
        return "interest"
    if rw.BASE_LEFT_RE.search(local) and rw.BASE_RIGHT_RE.search(right):
        return "base"
    verb = rw.REPAY_VERB_RE.search(local)
    if verb and not re.search(r"支付给|给付给", local):
        if rw.PAST_RE.search(local):
            return "repaid"
        if rw.CLAIM_RE.search(sent_left):
            claimed_balance = rw.BALANCE_LEFT_RE.search(local[verb.end() :])
            if claimed_balance and "本金" not in local:
                return "balance"
            return "claimed"
        if rw.WEAK_PAST_RE.search(local):
            return "repaid"
        if verb.group(0) in ("支付", "给付"):
            return "disbursed"
        return "repay_soft"
    if rw.DISBURSE_RE.search(local) and not rw.LEND_RE.search(local):
        return "disbursed"
    if rw.BALANCE_LEFT_RE.search(local) or rw.BALANCE_RIGHT_RE.search(right_local):
        return "balance_named" if "本金" in local else "balance"
    if "其中" in sent_left:
        first = bisect.bisect_left(doc._money_starts, s0)  # the sentence's first amount, before 其中
        if first < len(doc.money) and doc.money[first].end <= s0 + sent_left.rfind("其中"):
            return "part"
    if "实际" in local:
        return "actual"
    return "lent"


def _subset_sum(target: Decimal, parts: list[Decimal]) -> bool:
    """Whether ``target`` is the sum of two or more of ``parts`` (a handful at most; a value listed twice may be
    used twice)."""
    parts = [p for p in parts if 0 < p < target][:12]
    for k in range(2, len(parts) + 1):
        for combo in itertools.combinations(parts, k):
            if sum(combo, Decimal(0)) == target:
                return True
    return False


def _principal(doc: _Doc, ents: list[Entity]) -> Money | None:
    """One amount for the loan: each PRINCIPAL span's amount gets its role from the words around it
    (``_principal_role``); repayments, unnamed balances, ceilings, assigned claims and totals with interest drop
    out.  Where the text tells of several loans, the one sum claimed or stated as a total that adds up the loans
    lent is the principal.  Otherwise the best-ranked role left decides.  Several different amounts of that rank:
    the one that is the sum of others (借款10万元…又借款25万元…共欠本金35万元), else the one stated as a total
    (共计, 合计), else the one mentioned most often, else the one the court finds (经审理查明 …), else null."""
    found: list[tuple[Money, bool, str, int]] = []
    for e in ents:
        m = doc.money_in(e)
        if m is None:
            continue
        total = bool(lx.TOTAL_RE.search(doc.t[max(0, m.start - 10) : m.start]))
        found.append((m.to_money(), total, _principal_role(doc, m), m.start))
    found = [f for f in found if f[2] not in _EXCLUDED_ROLES]
    if not found:
        return None
    amounts = {(m.amount, m.currency) for m, *_ in found}
    if any(rw.EACH_LOAN_RE.search(doc.t[max(0, f[3] - 8) : f[3]]) for f in found):
        return None  # 先后…借款各30000元: several loans of one size, and no total of them is named the loan
    if len(amounts) == 1:
        return found[0][0]
    if rw.SEVERAL_LOANS_RE.search(doc.t):
        # 分别借款30000元、30000元 … 归还借款60000元: the loans told one by one and the sum claimed or stated as a
        # total (合计借款) that adds them up; each mention counts, so two loans of one size still add up.  Two such
        # sums (以上三次借款合计17万元 … 合计21万元) name no one loan: the steps below decide.
        loans = [m.amount for m, _, r, _ in found if r == "lent"]
        sums = [f for f in found if (f[1] or f[2] == "claimed") and _subset_sum(f[0].amount, loans)]
        if len({f[0].amount for f in sums}) == 1:
            return sums[0][0]
    best = max(_ROLE_RANK[r] for _, _, r, _ in found)
    top = [f for f in found if _ROLE_RANK[f[2]] == best]
    top_amounts = {(m.amount, m.currency) for m, *_ in top}
    if len(top_amounts) == 1:
        return top[0][0]
    distinct = sorted({m.amount for m, *_ in found})
    sums = [f for f in found if _subset_sum(f[0].amount, [d for d in distinct if d != f[0].amount])]
    if sums and len({m.amount for m, *_ in sums}) == 1:
        return sums[0][0]
    totals = [f[0] for f in top if f[1]]
    if totals and len({(m.amount, m.currency) for m in totals}) == 1:
        return totals[0]
    if best == _ROLE_RANK["lent"] and rw.SEVERAL_LOANS_RE.search(doc.t):
        return None  # 分别借款5万元、3万元 / 又借款2万元: several loans and no total of them is the loan
    counts: dict[tuple[Decimal, str], int] = {}
    for m, *_ in found:
        counts[(m.amount, m.currency)] = counts.get((m.amount, m.currency), 0) + 1
    ranked = sorted(((counts[a], a) for a in top_amounts), reverse=True)
    if ranked[0][0] > ranked[1][0]:
        return next(f[0] for f in top if (f[0].amount, f[0].currency) == ranked[0][1])
    findings = [x.end() for x in rw.FINDINGS_RE.finditer(doc.t)]
    if findings:
        after = [f for f in top if f[3] >= findings[-1]]
        if after and len({(m.amount, m.currency) for m, *_ in after}) == 1:
            return after[0][0]
    return None


def _term(doc: _Doc, ents: list[Entity], terms: LoanTerms) -> int | None:
    """Set ``terms.term`` (and start/end dates) and return the term in months for spreading one-off fees."""
    explicit = [e for e in ents if e.score >= 0.9]
    for e in explicit:
        d = parse_duration(e.text)
        if d is not None:
            terms.term = d.model_copy(update={"text": e.text})
            break
    if terms.term is None:
        for e in ents:
            m = lx.INSTALMENTS_RE.search(normalize_width(e.text))
            if m:
                n = parse_number(m.group("n"))
                if n is not None:
                    terms.term = Duration(months=int(n), text=e.text)
                    break
    for m in re.finditer(r"(?:期限|借期|借款期|期间)[^。;]{0,8}?自?", doc.t):
        dates = find_dates(doc.text[m.end() : m.end() + 40])
        if len(dates) >= 2 and "至" in doc.t[m.end() + dates[0].end : m.end() + dates[1].start]:
            terms.start_date, terms.end_date = dates[0].value, dates[1].value
            break
    if terms.term is None:
        return None
    if terms.term.months:
        return terms.term.months
    return None


def _interest_candidates(
    doc: _Doc, interest: list[Entity], overdue: list[Entity]
) -> list[tuple[Entity, Rate]]:
    """Interest rates with the notation rule applied: a figure given without a period after 利率 takes the period
    the text gives its other interest/overdue figures written in the same notation."""
    notation: dict[str, set[str]] = {}
    for e in interest + overdue:
        m = doc.rate_in(e)
        if m and m.kind == "absolute" and m.period and m.unit != "分":
            notation.setdefault(m.unit, set()).add(m.period)
    out = []
    for e in interest:
        m = doc.rate_in(e)
        if m is None:
            continue
        r = _inherit(doc, m, notation)
        out.append((e, r))
    return out


def _inherit(doc: _Doc, m: RateMatch, notation: dict[str, set[str]]) -> Rate:
    r = _rate(m)
    if m.kind == "absolute" and r.period is None and r.value is not None:
        periods = notation.get(m.unit, set())
        if len(periods) == 1 and re.search(r"利率(?:为|是|以|按)?\s*$", doc.t[max(0, m.start - 6) : m.start]):
            r = _with_period(r, next(iter(periods)), m.basis_days)
    return r


#: a rate the parties agreed (约定…, 借条写明…) outranks one a party claims or a court is asked to apply
#: (诉讼请求…按月利率2%计算的利息): claims are often cut to the legal cap or to a lower figure
_AGREED_RE = re.compile(r"约定|写明|载明|注明|言明|标明")
_CLAIMED_RE = re.compile(r"请求|判令|要求|诉请|主张|变更|起诉|诉至|辩称")


def _stance(doc: _Doc, start: int, prev_end: int) -> int:
    """+1 where the words just before a rate say it was agreed, -1 where it sits in a claim, else 0."""
    s0 = max(doc.t.rfind(ch, 0, start) for ch in "。;\n") + 1
    near = doc.t[max(s0, prev_end, start - 40) : start]
    if _AGREED_RE.search(near):
        return 1
    if _CLAIMED_RE.search(doc.t[max(s0, start - 120) : start]):
        return -1
    return 0


def _in_brackets(t: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened earlier in its sentence."""
    s0 = max(t.rfind(ch, 0, pos) for ch in "。;\n") + 1
    seg = t[max(s0, pos - 200) : pos]
    return seg.rfind("(") > seg.rfind(")")


def _interest(
    doc: _Doc, cands: list[tuple[Entity, Rate]], ents: list[Entity], principal: Money | None
) -> Rate | None:
    complete = [(e, r) for e, r in cands if r.annual is not None]
    for e in ents:
        if doc.rate_in(e) is None:
            amount = _monthly_amount(doc, e)
            if amount is not None and principal is not None and principal.amount > 0:
                value = _q(amount / principal.amount)
                rate = Rate(
                    value=value, period="month", annual=_q(value * 12), text=e.text, start=e.start, end=e.end
                )
                complete.append((e, rate))
    complete.sort(key=lambda x: x[0].start)
    if len({r.annual for _, r in complete}) > 1:
        # different figures: the agreed one over the claimed one (first of the best-placed otherwise); a figure
        # in brackets explains another one (年利率14.04%（月息9.75‰加收20%）) and does not compete
        free = [(e, r) for e, r in complete if not _in_brackets(doc.t, e.start)] or complete
        scored = []
        for e, r in free:
            k = bisect.bisect_left(doc._rate_starts, e.start)
            # rate figures do not overlap (SpanSet), so the one just before ends last among those before
            prev_end = doc.rates[k - 1].end if k and doc.rates[k - 1].end <= e.start else 0
            scored.append((_stance(doc, e.start, prev_end), -e.start, r))
        best = max(x[0] for x in scored)
        tops = [(e, x[2]) for (e, _), x in zip(free, scored, strict=True) if x[0] == best]
        if len({r.annual for _, r in tops}) > 1 and _each_on_its_amount(doc, [e for e, _ in tops]):
            return None  # 100万元…月利率12.06‰，70万元…月利率10.08‰: several loans at several rates, none is the loan's
        return max(scored, key=lambda x: (x[0], x[1]))[2]
    if complete:
        return complete[0][1]
    return cands[0][1] if cands else None


def _each_on_its_amount(doc: _Doc, rates: list[Entity], reach: int = 60) -> bool:
    """Whether each rate has an amount of its own shortly before it (after the rate before it): the text gives
    one rate per sum (6000元借款利息…按照月息9.3‰计算，7000元借款利息…按照月息9‰计算)."""
    prev_end = 0
    for e in sorted(rates, key=lambda x: x.start):
        k = bisect.bisect_left(doc._money_starts, max(prev_end, e.start - reach))
        if k == len(doc.money) or doc.money[k].end > e.start:
            return False
        prev_end = e.end
    return True


def _monthly_amount(doc: _Doc, e: Entity) -> Decimal | None:
    m = doc.money_in(e)
    if m is not None:
        return m.amount
    bare = re.search(r"(\d+(?:\.\d+)?)", normalize_width(e.text))
    return Decimal(bare.group(1)) if bare else None


def _overdue(doc: _Doc, ents: list[Entity], interest_cands: list[tuple[Entity, Rate]]) -> Rate | None:
    bases = {r.annual for _, r in interest_cands if r.annual is not None}
    base = next((r for _, r in interest_cands if r.annual is not None), None) if len(bases) == 1 else None
    notation: dict[str, set[str]] = {}
    for e in ents + [e for e, _ in interest_cands]:
        m = doc.rate_in(e)
        if m and m.kind == "absolute" and m.period and m.unit != "分":
            notation.setdefault(m.unit, set()).add(m.period)
    by_clause: dict[str | None, list[tuple[Entity, Rate]]] = {}
    order: list[str | None] = []
    unresolved: Rate | None = None  # a relative rate whose base has no figure: null, with the reason
    for e in ents:
        m = doc.rate_in(e)
        if m is None:
            continue
        r = _inherit(doc, m, notation)
        if r.value is None and (r.multiplier is not None or r.relative_to == "benchmark"):
            if r.relative_to != "interest_rate" or base is None:
                unresolved = unresolved or _unresolved(doc, m, e)
                continue
            r = resolve_relative(r, base)
        if e.clause_id not in by_clause:
            order.append(e.clause_id)
        by_clause.setdefault(e.clause_id, []).append((e, r))
    first_partial: Rate | None = None
    for cid in order:
        cands = _join_sums(doc, by_clause[cid])
        strong = [(e, r) for e, r in cands if e.score >= 0.9]
        use = strong or cands
        values = {r.annual for _, r in use if r.annual is not None}
        if len(values) == 1:
            return next(r for _, r in use if r.annual is not None)
        if len(values) > 1:
            return None
        if first_partial is None and use:
            first_partial = use[0][1]
    return first_partial or unresolved


#: what a benchmark is called, from the words around a rate built on it
_BENCHMARKS = (
    (re.compile(r"LPR|报价利率"), "贷款市场报价利率（LPR）", "the loan prime rate (LPR)"),
    (re.compile(r"人民银行|央行|基准"), "人民银行贷款基准利率", "the central bank's benchmark lending rate"),
    (re.compile(r"同期|同档次|同类"), "银行同期贷款利率", "the banks' lending rate for the same term"),
)
#: a sentence that states a legal limit or quotes a rule, not a term of this loan (不得超过同期贷款利率的四倍)
_LIMIT_RE = re.compile(r"不得|不能|不应|超过|超出|上限|最高|保护|以内|为限|规定|司法解释|法律")
_NOT_LOAN_RATE_RE = re.compile(r"逾期|罚息|违约|迟延|滞纳|复利")


def _relative_note(
    doc: _Doc, relative_to: str | None, multiplier: Decimal | None, text: str, pos: int
) -> str:
    """Why a relative rate has no figure per year, Chinese / English."""
    if relative_to == "interest_rate":
        return (
            f"以借款利率为基础计算（{text}），借款利率未载明数值或无法年化 / relative to the loan rate ({text}), "
            "which has no figure per year here"
        )
    window = doc.t[max(0, pos - 40) : pos + len(text)]
    how_zh = f"的{tidy(multiplier)}倍" if multiplier is not None else f"加{text}"
    how_en = f" × {tidy(multiplier)}" if multiplier is not None else f" plus {text}"
    zh, en = next(((z, n) for rx, z, n in _BENCHMARKS if rx.search(window)), ("基准利率", "a benchmark rate"))
    return (
        f"以{zh}为基础（{how_zh}），合同未载明其数值，未折算年利率 / linked to {en}{how_en}, whose value the text "
        "does not state: not annualised"
    )


def _unresolved(doc: _Doc, m: RateMatch, e: Entity | None = None) -> Rate:
    """A relative rate whose base the text gives no figure for: no value, the reason in ``note``."""
    start, end = (e.start, e.end) if e is not None else (m.start, m.end)
    return Rate(
        value=None,
        period=None,
        annual=None,
        text=doc.text[start:end],
        relative_to=m.relative_to,
        multiplier=m.multiplier,
        note=_relative_note(doc, m.relative_to, m.multiplier, m.text, m.start),
        start=start,
        end=end,
    )


def _with_reason(doc: _Doc, rate: Rate | None) -> Rate | None:
    """A relative rate kept without a figure gets the reason it has none."""
    if rate is None or rate.annual is not None or not rate.relative_to or rate.note:
        return rate
    pos = rate.start if rate.start is not None else 0
    note = _relative_note(doc, rate.relative_to, rate.multiplier, rate.text, pos)
    return rate.model_copy(update={"note": note})


def _benchmark_interest(doc: _Doc) -> Rate | None:
    """The loan rate when the contract states it only against a benchmark (借款年利率为LPR加100个基点,
    按人民银行同期贷款利率的四倍计息): null with the reason, never a number — the rule baseline leaves these
    sentences alone, because most sentences naming a benchmark quote it rather than set this loan's rate."""
    for m in doc.rates:
        if m.kind != "relative" or m.relative_to != "benchmark":
            continue
        sentence = doc.sentence(m.start)
        left = doc.sentence_left(m.start, 60)
        if (
            not re.search(r"利率|利息|计息|息", left)
            or _NOT_LOAN_RATE_RE.search(left)
            or _LIMIT_RE.search(sentence)
        ):
            continue
        found = [i for i in (left.find(w) for w in ("利率", "利息", "计息", "息")) if i >= 0]
        start = max(0, m.start - len(left) + min(found))
        return _unresolved(
            doc, m, Entity(label="INTEREST_RATE", text=doc.text[start : m.end], start=start, end=m.end)
        )
    return None


def _join_sums(doc: _Doc, cands: list[tuple[Entity, Rate]]) -> list[tuple[Entity, Rate]]:
    """``年利率25%加上日利率0.5‰`` / ``提高至25%，并按…日利率0.5‰计收罚息``: one overdue charge, annual rates added."""
    out: list[tuple[Entity, Rate]] = []
    for e, r in cands:
        if out:
            pe, pr = out[-1]
            gap = doc.t[pe.end : e.start]
            if (
                pr.annual is not None
                and r.annual is not None
                and pr.period != r.period
                and not re.search(r"[。;\n]", gap)
                and re.search(r"加上|另加|外加|并按|同时按", gap)
            ):
                total = _q(pr.annual + r.annual)
                joined = Rate(
                    value=total,
                    period="year",
                    annual=total,
                    text=doc.text[pe.start : e.end],
                    start=pe.start,
                    end=e.end,
                )
                out[-1] = (pe.model_copy(update={"end": e.end}), joined)
                continue
        out.append((e, r))
    return out


def _penalty(doc: _Doc, ents: list[Entity], principal: Money | None) -> Penalty | None:
    by_clause: dict[str | None, list[Penalty]] = {}
    order: list[str | None] = []
    for e in ents:
        p = _penalty_of(doc, e, principal)
        if p is None:
            continue
        if e.clause_id not in by_clause:
            order.append(e.clause_id)
        by_clause.setdefault(e.clause_id, []).append(p)
    for cid in order:
        ps = by_clause[cid]
        kinds = {(p.form, p.value) for p in ps}
        if len(kinds) == 1:
            return ps[0]
        return Penalty(
            form="other",
            value=None,
            text=doc.text[ps[0].start or 0 : ps[-1].end or 0],
            start=ps[0].start,
            end=ps[-1].end,
        )
    return None


#: a sum per day of delay: 每日 / 按日 / 每逾期一日 / 每延迟1天 … / 元/日
_PER_DAY_RE = re.compile(r"每日|每天|按日|/日|/天|每(?:逾期|延迟|迟延|拖欠|超期)(?:一|1)?[日天]")


def _penalty_of(doc: _Doc, e: Entity, principal: Money | None) -> Penalty | None:
    common = {"text": e.text, "start": e.start, "end": e.end}
    if re.search(r"个月的利\s*息|期的利\s*息", e.text):
        return Penalty(form="other", value=None, **common)
    m = doc.rate_in(e)
    if m is not None:
        if m.kind != "absolute" or m.value is None:
            return None
        r = _rate(m)
        if r.period == "day":
            return Penalty(form="daily_rate", value=r.value, annual=r.annual, **common)
        if r.period in ("month", "year"):
            return Penalty(form="other", value=r.annual, annual=r.annual, **common)
        left = doc.sentence_left(m.start, 30)
        pb = [x.end() for x in lx.PRINCIPAL_BASE_RE.finditer(left)]
        ob = [x.end() for x in lx.OVERDUE_BASE_RE.finditer(left)]
        if pb or ob:
            form = (
                "rate_of_principal" if max(pb, default=-1) > max(ob, default=-1) else "rate_of_overdue_amount"
            )
            return Penalty(form=form, value=r.value, **common)  # type: ignore[arg-type]
        if re.search(r"提前(?:还款|还本|清偿|偿还)", doc.sentence(m.start)):
            return Penalty(form="rate_of_principal", value=r.value, **common)
        return None
    money = doc.money_in(e)
    if money is None:
        return None
    left = doc.sentence_left(money.start, 20)
    if _PER_DAY_RE.search(left.split(",")[-1] + doc.t[money.end : money.end + 3]):
        if principal is not None and principal.amount > 0 and principal.currency == money.currency:
            value = _q(money.amount / principal.amount)
            return Penalty(form="daily_rate", value=value, annual=_q(value * 365), **common)
        return Penalty(form="other", value=None, **common)
    return Penalty(form="fixed_amount", value=money.amount, **common)


_FEE_NAME_RE = re.compile(
    r"(?:居间|咨询|借款|贷款|账户|平台|信息|技术|业务|分期付款|分期|逾期|提前还款|委外|商品|征信|中介|风险|审核|担保|"
    r"垫付金|资金)*"
    r"(?:服务费|管理费|使用费|手续费|咨询费|担保费|风险金|风险基金|风险准备金|垫资费|劳务费|催收费|保险费|审核费|评估费)"
)
_ONCE_RE = re.compile(
    r"一次性|借款成功时|放款时|放款当天|放款当日|从借款本金中扣除|每笔|在放款|成交时|一次付清"
)


def _fee_name(doc: _Doc, e: Entity) -> str:
    # a name inside the span is this figure's own (a fee table's row: 账户管理费 0.3%/月), its prefix may lie
    # just left of the span (平台|服务费为…); the last such name is the one nearest the figure
    lo = max(0, e.start - 8)
    own = [m for m in _FEE_NAME_RE.finditer(doc.t[lo : e.end]) if lo + m.end() > e.start]
    if own:
        return own[-1].group(0)
    sent_l = doc.sentence_left(e.start, 30)
    right = doc.t[e.end : e.end + 20]
    m = _FEE_NAME_RE.search(re.split(r"[,;。]", right)[0])
    if m:
        return m.group(0)
    names = list(_FEE_NAME_RE.finditer(sent_l))
    if names:
        return names[-1].group(0)
    m = _FEE_NAME_RE.search(right)
    return m.group(0) if m else "费用"


def _fees(doc: _Doc, ents: list[Entity], principal: Money | None, term_months: int | None) -> list[Fee]:
    fees: list[Fee] = []
    seen: set[tuple[str, Decimal | None, str | None]] = set()
    for e in ents:
        f = _fee_of(doc, e, principal, term_months)
        if f is None:
            continue
        key = (f.name, f.value, f.period)
        if key in seen:
            continue
        seen.add(key)
        fees.append(f)
    return fees


def _fee_of(doc: _Doc, e: Entity, principal: Money | None, term_months: int | None) -> Fee | None:
    name = _fee_name(doc, e)
    common = {"name": name, "text": e.text, "start": e.start, "end": e.end}
    sentence = doc.sentence(e.start)
    years = Decimal(term_months) / 12 if term_months else None
    m = doc.rate_in(e)
    if m is not None:
        if m.kind != "absolute" or m.value is None:
            return None
        if lx.FOREIGN_BASE_RE.search(doc.sentence_left(m.start, 30)):
            return None
        r = _rate(m)
        if r.period is not None:
            return Fee(form="rate", value=r.value, period=r.period, annual=r.annual, **common)
        if _ONCE_RE.search(sentence):
            annual = _q(r.value / years) if (years and r.value is not None) else None
            return Fee(form="rate", value=r.value, period="once", annual=annual, **common)
        return Fee(form="rate", value=r.value, period=None, **common)
    money = doc.money_in(e)
    if money is None:
        return None
    left = doc.sentence_left(money.start, 12)
    monthly = bool(re.search(r"每月|月缴|按月", left))
    annual = None
    if principal is not None and principal.amount > 0 and principal.currency == money.currency:
        share = money.amount / principal.amount
        if monthly:
            annual = _q(share * 12)
        elif years:
            annual = _q(share / years)
    return Fee(
        form="fixed_amount",
        value=money.amount,
        period="month" if monthly else "once",
        annual=annual,
        **common,
    )


def _simple_fields(doc: _Doc, by_label: dict[str, list[Entity]], terms: LoanTerms) -> None:
    for e in by_label.get("REPAY_METHOD", []):
        method = parse_repayment_method(e.text)
        if method:
            terms.repayment_method = method
            break
    for e in by_label.get("REPAY_DATE", []):
        day = parse_repayment_day(e.text)
        if day:
            terms.repayment_day = day
            break
    for e in by_label.get("CONTRACT_DATE", []):
        d = parse_date(e.text)
        if d:
            terms.contract_date = d
            break
    lenders = by_label.get("LENDER", [])
    borrowers = by_label.get("BORROWER", [])
    terms.lender = lenders[0].text if lenders else None
    terms.borrower = borrowers[0].text if borrowers else None
    terms.guarantors = list(dict.fromkeys(e.text for e in by_label.get("GUARANTOR", [])))
    courts = by_label.get("JURISDICTION", [])
    terms.jurisdiction = courts[0].text if courts else None
    addresses = by_label.get("ADDRESS", [])
    terms.delivery_address = addresses[0].text if addresses else None
