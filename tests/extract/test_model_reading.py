"""What the NER model reads: cue-bearing sentences with a figure of the right shape, plus one sentence of context."""

from __future__ import annotations

import sys
from pathlib import Path

from loanclause.extract.model_reading import FIGURE_SHAPES, MODEL_CUES, sentences, windows_to_read
from loanclause.models import NER_LABELS

TEXT = "第一条 借款金额\n人民币壹拾万元整。借款用途为装修。\n第二条 其他\n双方应当诚实守信；本合同一式两份。"


def _read(text: str, missing: list[str]) -> list[str]:
    return [text[s:e] for _, s, e in windows_to_read(text, [(None, 0, len(text))], missing)]


def test_every_label_has_a_cue():
    assert set(MODEL_CUES) == set(NER_LABELS)
    assert set(FIGURE_SHAPES) <= set(NER_LABELS)


def test_sentences_cover_the_text():
    bounds = sentences(TEXT, 0, len(TEXT))
    assert "".join(TEXT[a:b] for a, b in bounds) == TEXT
    # a heading stays with the sentence under it; a line break after 。 or ； ends a sentence
    assert [TEXT[a:b] for a, b in bounds][:2] == ["第一条 借款金额\n人民币壹拾万元整。", "借款用途为装修。\n"]


def test_amount_sentence_is_read_with_its_heading():
    assert _read(TEXT, ["PRINCIPAL"]) == ["第一条 借款金额\n人民币壹拾万元整。"]


def test_the_sentence_before_goes_along_as_context():
    text = "双方协商一致。借款金额为人民币壹拾万元整。本合同一式两份。"
    assert _read(text, ["PRINCIPAL"]) == ["双方协商一致。借款金额为人民币壹拾万元整。"]


def test_nothing_missing_reads_nothing():
    assert _read(TEXT, []) == []


def test_a_cue_without_a_figure_is_not_read():
    text = "借款人应按时支付利息。\n年利率为6%。"
    # 利息 is a cue of INTEREST_RATE but the first sentence holds no rate
    assert _read(text, ["INTEREST_RATE"]) == [text]  # the second sentence, with the first as context
    assert _read("借款人应按时支付利息。本合同一式两份。", ["INTEREST_RATE"]) == []


def test_dates_need_a_day():
    assert _read("还款日为每月15日。", ["REPAY_DATE"]) == ["还款日为每月15日。"]
    assert _read("借款人应按约定还款。", ["REPAY_DATE"]) == []
    assert _read("签订日期：2024-05-01", ["CONTRACT_DATE"]) == ["签订日期：2024-05-01"]


def test_names_need_no_figure():
    assert _read("出借人（甲方）：张三\n", ["LENDER"]) == ["出借人（甲方）：张三\n"]


def test_a_warranty_is_not_a_guarantee():
    # 保证 alone is a party's promise; the model looks for a guarantor only where a guarantee is named
    assert _read("借款人保证所提供的信息真实有效。", ["GUARANTOR"]) == []
    text = "被告王五为上述借款提供连带责任保证。"
    assert _read(text, ["GUARANTOR"]) == [text]
    assert _read("保证人：赵六\n", ["GUARANTOR"]) == ["保证人：赵六\n"]


def test_runs_do_not_cross_pieces():
    text = "月利率2%。月利率3%。"
    pieces = [("c1", 0, 6), ("c2", 6, len(text))]
    assert windows_to_read(text, pieces, ["INTEREST_RATE"]) == [("c1", 0, 6), ("c2", 6, 12)]


def test_the_cues_keep_nearly_every_generated_entity():
    """Recall guard: on clauses from the training generator (its stage-2 settings, a fresh seed), the sentences
    read for a label hold at least 95 % of that label's entities (0.964 when this was written; the cues before
    sentence-level reading kept 0.893).  The held-out families measure 0.905 (eval in the closing note)."""
    sys.path.insert(0, str(Path(__file__).parents[2] / "scripts"))
    import build_ner_data as gen

    total = kept = 0
    for row in gen.generate("train", 3000, seed=11, context_aug=0.3, extra_negatives=True):
        text = row["text"]
        for start, end, label in row["entities"]:
            total += 1
            got = windows_to_read(text, [(None, 0, len(text))], [label])
            kept += any(s <= start and end <= e for _, s, e in got)
    assert total > 3000
    assert kept / total >= 0.95
