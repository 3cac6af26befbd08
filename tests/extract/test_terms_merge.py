"""``merge_entities``: the model fills what the rules missed and never overrides them; ``extract_terms`` with a
model places the model's spans on the full text with their clause."""

from __future__ import annotations

from loanclause.extract import extract_terms, merge_entities
from loanclause.models import Entity
from loanclause.segment import segment_text


def ent(label: str, start: int, end: int, source: str = "rule", score: float = 1.0) -> Entity:
    return Entity(label=label, text="x" * (end - start), start=start, end=end, source=source, score=score)


def test_a_rule_span_wins_over_an_overlapping_model_span():
    rule = [ent("PRINCIPAL", 10, 20)]
    model = [ent("INTEREST_RATE", 15, 25, "model", 0.99)]
    assert merge_entities(rule, model) == rule


def test_the_model_fills_a_label_the_rules_missed():
    rule = [ent("PRINCIPAL", 10, 20)]
    model = [ent("REPAY_DATE", 30, 36, "model", 0.98)]
    merged = merge_entities(rule, model)
    assert [(e.label, e.source) for e in merged] == [("PRINCIPAL", "rule"), ("REPAY_DATE", "model")]


def test_no_second_candidate_for_a_label_the_rules_read():
    rule = [ent("TERM", 10, 14)]
    model = [ent("TERM", 40, 42, "model", 0.99)]  # 两年 of a guarantee period, elsewhere in the contract
    assert merge_entities(rule, model) == rule


def test_weak_or_one_character_model_spans_are_dropped():
    model = [
        ent("LENDER", 5, 6, "model", 0.99),  # 宣 of 宣布
        ent("BORROWER", 20, 23, "model", 0.3),
        ent("GUARANTOR", 30, 33, "model", 0.9),
    ]
    assert [e.label for e in merge_entities([], model)] == ["GUARANTOR"]


class _FixedModel:
    """A stand-in with NerModel's ``predict`` shape: tags every 人民币壹万元整 it is shown as PRINCIPAL."""

    name = "fixed@test"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def predict(self, texts: list[str]) -> list[list[Entity]]:
        self.seen.extend(texts)
        out = []
        for t in texts:
            i = t.find("人民币壹万元整")
            out.append([] if i < 0 else [ent("PRINCIPAL", i, i + 7, "model", 0.97)])
        return out


def test_extract_terms_with_a_model_offsets_and_clause():
    # the rules read no principal here (the amount stands alone under its heading): the model's span fills it
    text = "借款合同\n第一条 借款金额\n人民币壹万元整。\n第二条 还款\n借款人于每月15日付息。\n"
    clauses = segment_text(text)
    assert extract_terms(text, clauses)[1].principal is None
    model = _FixedModel()
    entities, terms = extract_terms(text, clauses, model=model)
    [found] = [e for e in entities if e.source == "model"]
    assert text[found.start : found.end] == "人民币壹万元整"
    assert found.clause_id == next(c.id for c in clauses if c.number == "第一条")
    assert terms.repayment_day == 15 and terms.principal.amount == 10000
    assert all(piece.strip() for piece in model.seen)


def test_the_model_reads_only_pieces_that_could_hold_a_label_the_rules_missed():
    text = "借款合同\n第一条 借款金额\n人民币壹万元整。\n第二条 其他\n本合同一式两份。\n"
    model = _FixedModel()
    extract_terms(text, segment_text(text), model=model)
    assert any("壹万元" in piece for piece in model.seen)
    assert not any("一式两份" in piece for piece in model.seen)  # no cue of any missing label in it


def test_no_inference_when_the_rules_read_every_label(monkeypatch):
    from loanclause.extract import terms
    from loanclause.models import NER_LABELS

    everything = [ent(label, 2 * i, 2 * i + 1) for i, label in enumerate(NER_LABELS)]
    monkeypatch.setattr(terms, "find_entities", lambda piece, clause_id=None, offset=0: everything)
    model = _FixedModel()
    entities, _ = terms.extract_terms("x" * 40, [], model=model)
    assert model.seen == [] and entities == everything


def test_model_relabels_a_rule_rate_only_when_sure():
    """A court's post-default rate: the rules read INTEREST_RATE, a sure model OVERDUE_RATE wins (MODEL_RELABELS)."""
    from loanclause.extract.terms import MODEL_RELABELS, merge_entities
    from loanclause.models import Entity

    threshold = MODEL_RELABELS[("INTEREST_RATE", "OVERDUE_RATE")]
    rule = [Entity(label="INTEREST_RATE", text="年利率7.56%", start=10, end=18, score=0.9, source="rule")]

    def model(score):
        return [
            Entity(label="OVERDUE_RATE", text="年利率7.56%", start=10, end=18, score=score, source="model")
        ]

    assert [e.label for e in merge_entities(rule, model(threshold))] == ["OVERDUE_RATE"]
    assert [e.label for e in merge_entities(rule, model(threshold - 0.05))] == ["INTEREST_RATE"]


class _AmountModel:
    """Tags one given amount as PRINCIPAL wherever it is shown."""

    name = "amount@test"

    def __init__(self, amount: str) -> None:
        self.amount = amount

    def predict(self, texts: list[str]) -> list[list[Entity]]:
        out = []
        for t in texts:
            i = t.find(self.amount)
            out.append([] if i < 0 else [ent("PRINCIPAL", i, i + len(self.amount), "model", 0.95)])
        return out


def test_principal_by_agreement_when_the_rules_cannot_tell():
    # the rules see two amounts of the same rank (two amounts lent, as a judgment restating a contract may
    # write them) and give none; the model marks only one, which the rules saw too: the two readers agree on it
    text = "合同约定，借款金额80000元，借款期限12个月。2016年2月15日被告借款81880元。"
    assert extract_terms(text, [])[1].principal is None
    _, terms = extract_terms(text, [], model=_AmountModel("80000元"))
    assert terms.principal is not None and terms.principal.amount == 80000


def test_no_principal_by_agreement_on_an_amount_the_rules_did_not_see():
    text = "合同约定，借款金额80000元，借款期限12个月。2016年2月15日被告借款81880元。"
    _, terms = extract_terms(text, [], model=_AmountModel("12个月"))
    assert terms.principal is None
