"""The character NER model: tokenizer offsets, decoding, windows, a CI-sized training run, the shipped model."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
SAMPLE = "借款金额：人民币壹拾万元整（¥100,000.00），借款期限12个月，月利率1.5%，逾期按日万分之五计收罚息。"


def _scripts_on_path() -> None:
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))


@pytest.fixture(scope="module")
def small_tokenizer():
    from loanclause.extract.tokenizer import CharTokenizer, base_charmap, build_vocab

    counts = Counter("借款金额人民币壹拾万元整月利率逾期按日万分之五计收罚息,.()%¥0123456789ABC")
    return CharTokenizer.from_vocab(build_vocab(counts, min_count=1), base_charmap())


def test_tokenizer_one_token_per_character(small_tokenizer):
    tok = small_tokenizer
    text = "借款　金额：１００,000.00元\n月利率 1.5％ 𠀀X\t"
    ids = tok.encode(text)
    assert len(ids) == len(text)
    enc = tok.tokenizer.encode(tok.normalize(text), add_special_tokens=False)
    assert enc.offsets == [(i, i + 1) for i in range(len(text))]
    assert tok.normalize(text) != text and len(tok.normalize(text)) == len(text)
    # full-width digits and U+3000 / tab fold onto the ASCII ids; unknown characters are [UNK]
    assert tok.encode("１") == tok.encode("1")
    assert tok.encode("　") == tok.encode(" ") == tok.encode("\t")
    assert tok.encode("𠀀") == [tok.unk_id]
    with_specials = tok.encode(text, specials=True)
    assert with_specials[0] == tok.cls_id and with_specials[-1] == tok.sep_id
    assert len(with_specials) == len(text) + 2


def test_tokenizer_roundtrip(tmp_path, small_tokenizer):
    from loanclause.extract.tokenizer import CharTokenizer

    small_tokenizer.save(tmp_path, hf_config=False)
    again = CharTokenizer.load(tmp_path)
    assert again.encode(SAMPLE) == small_tokenizer.encode(SAMPLE)
    assert again.vocab_size == small_tokenizer.vocab_size


def test_constrained_decoding_never_starts_inside():
    import numpy as np

    from loanclause.extract.ner import decode_tags, spans_from_tags

    labels = ["O", "B-PRINCIPAL", "I-PRINCIPAL", "B-TERM", "I-TERM"]
    logp = np.log(
        np.array(
            [
                [0.1, 0.1, 0.6, 0.1, 0.1],  # argmax I-PRINCIPAL at the start: invalid
                [0.1, 0.1, 0.7, 0.05, 0.05],
                [0.6, 0.1, 0.1, 0.1, 0.1],
                [0.1, 0.05, 0.05, 0.1, 0.7],  # argmax I-TERM after O: invalid
            ],
            dtype=np.float32,
        )
    )
    tags = decode_tags(logp, labels)
    for prev, cur in zip(["O", *tags], tags, strict=False):
        if cur.startswith("I-"):
            assert prev in (f"B-{cur[2:]}", cur)
    assert spans_from_tags(tags)[0][2] == "PRINCIPAL"


def test_windows_cover_and_overlap():
    from loanclause.extract.ner import windows

    text = "。".join(f"第{i}条 借款人应按月利率1.5%支付利息，逾期按日万分之五计收罚息" for i in range(60))
    ws = windows(text, 254, 64)
    assert ws[0][0] == 0 and ws[-1][1] == len(text)
    for (s1, e1), (s2, e2) in itertools.pairwise(ws):
        assert s2 < e1 and s1 < s2 and e1 <= e2  # overlapping, moving forward
    assert all(e - s <= 254 for s, e in ws)
    assert sum(1 for s, e in ws if text[e - 1] == "。") >= len(ws) - 1  # cut at clause ends


def test_tiny_training_loss_falls():
    """~20 optimiser steps of a tiny model on generated clauses: the loss must fall (sized for CI: a few seconds)."""
    _scripts_on_path()
    import build_ner_data as gen
    import torch
    from train_ner import batches, bio_labels, encode_examples
    from transformers import BertConfig, BertForTokenClassification

    from loanclause.extract.tokenizer import CharTokenizer, base_charmap, build_vocab

    torch.manual_seed(0)
    examples = list(gen.generate("train", 240, seed=11, dev_texts=None, noise=False, long_frac=0.0))
    assert all(ex["text"][s:e] for ex in examples for s, e, _ in ex["entities"])
    counts = Counter("".join(ex["text"] for ex in examples))
    tok = CharTokenizer.from_vocab(build_vocab(counts, min_count=1), base_charmap())
    labels = bio_labels()
    data = encode_examples(examples, tok, {lab: i for i, lab in enumerate(labels)}, 254, 192)
    config = BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=128,
        max_position_embeddings=512,
        type_vocab_size=1,
        num_labels=len(labels),
    )
    model = BertForTokenClassification(config)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    losses = []
    rng = random.Random(0)
    while len(losses) < 20:
        for ids, labs, mask in batches(data, 16, rng, tok.pad_id):
            loss = model(input_ids=ids, attention_mask=mask.long(), labels=labs).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
            losses.append(loss.item())
            if len(losses) == 20:
                break
    first, last = sum(losses[:4]) / 4, sum(losses[-4:]) / 4
    assert last < 0.6 * first, losses


def test_inference_network_matches_transformers(tmp_path):
    """The torch-only inference module reproduces BertForTokenClassification's logits on the same weights."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from loanclause.extract.ner import NerModel
    from loanclause.extract.tokenizer import CharTokenizer, base_charmap, build_vocab

    _scripts_on_path()
    from train_ner import bio_labels

    tok = CharTokenizer.from_vocab(build_vocab(Counter(SAMPLE), min_count=1), base_charmap())
    labels = bio_labels()
    torch.manual_seed(1)
    config = BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        type_vocab_size=1,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={lab: i for i, lab in enumerate(labels)},
    )
    hf = BertForTokenClassification(config).eval()
    hf.save_pretrained(tmp_path)
    tok.save(tmp_path, hf_config=False)
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    mine = NerModel.load(tmp_path, precision="fp32")
    ids = torch.tensor(
        [tok.encode(SAMPLE, specials=True), tok.encode(SAMPLE[:20], specials=True) + [0] * (len(SAMPLE) - 20)]
    )
    mask = ids != tok.pad_id
    mask[1, 22:] = False
    with torch.inference_mode():
        a = hf(input_ids=ids, attention_mask=mask.long()).logits
        b = mine.net(ids, mask)
    assert torch.allclose(a[mask], b[mask], atol=1e-5)


@pytest.fixture(scope="module")
def shipped():
    from loanclause.extract.ner import NerModel, default_model_path

    path = default_model_path()
    assert (path / "model.safetensors").exists(), f"no shipped model at {path}"
    return NerModel.load()


def test_shipped_model_tags_a_sample_clause(shipped, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    ents = shipped.predict([SAMPLE])[0]
    found = {(e.label, e.text) for e in ents}
    assert ("PRINCIPAL", "人民币壹拾万元整（¥100,000.00）") in found, found
    assert any(lab == "INTEREST_RATE" and "1.5%" in t for lab, t in found), found
    assert any(lab == "OVERDUE_RATE" and "万分之五" in t for lab, t in found), found
    assert any(lab == "TERM" and t == "12个月" for lab, t in found), found
    for e in ents:
        assert SAMPLE[e.start : e.end] == e.text
        assert e.source == "model" and 0.0 < e.score <= 1.0
    from loanclause.extract.ner import NerModel

    assert NerModel.load() is shipped  # loaded once per process


def test_every_precision_reads_the_sample_alike(shipped):
    from loanclause.extract.ner import PRECISIONS, NerModel

    spans = {}
    for precision in PRECISIONS:
        model = NerModel._load(shipped.path, precision)
        assert model.precision == precision
        spans[precision] = {(e.label, e.start, e.end) for e in model.predict(SAMPLE)[0]}
    assert spans["int8"] == spans["bf16"] == spans["fp32"]


def test_the_thread_count_does_not_change_what_is_read(shipped):
    """Same text, same spans and scores whether torch runs on one thread or several (a user's core count)."""
    import torch

    texts = [SAMPLE, SAMPLE[: len(SAMPLE) // 2], "乙方逾期还款的，按日万分之五支付违约金。" * 3]
    before = torch.get_num_threads()
    read = {}
    try:
        for threads in (1, 4):
            torch.set_num_threads(threads)
            read[threads] = [
                [(e.label, e.start, e.end, round(e.score, 4)) for e in ents]
                for ents in shipped.predict(texts)
            ]
    finally:
        torch.set_num_threads(before)
    assert read[1] == read[4]


def test_a_bad_precision_is_refused(monkeypatch):
    from loanclause.extract.ner import default_precision

    monkeypatch.setenv("LOANCLAUSE_NER_PRECISION", "fp8")
    with pytest.raises(ValueError, match="int8, bf16, fp32"):
        default_precision()


def test_shipped_model_long_text_offsets(shipped):
    clause = "第{n}条 乙方向甲方借款人民币{a}元，月利率1.5%。"
    text = "\n".join(clause.format(n=i, a=10000 + i) for i in range(40))
    assert len(text) > 3 * 254
    ents = shipped.predict([text, ""])
    assert ents[1] == []
    principals = [e for e in ents[0] if e.label == "PRINCIPAL"]
    assert len(principals) >= 35
    for e in ents[0]:
        assert text[e.start : e.end] == e.text
    assert principals[-1].start > len(text) - 60


def test_ner_modules_do_not_import_torch():
    code = (
        "import sys, loanclause, loanclause.extract.ner, loanclause.extract.tokenizer;"
        "bad=[m for m in ('torch','transformers') if m in sys.modules];"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_spacy_component(shipped):
    spacy = pytest.importorskip("spacy")
    import loanclause.extract.spacy_component  # noqa: F401  (registers the factory without the entry point)

    nlp = spacy.blank("zh")
    nlp.add_pipe("loanclause_ner")
    doc = nlp(SAMPLE)
    assert doc.text == SAMPLE
    assert ("人民币壹拾万元整（¥100,000.00）", "PRINCIPAL") in {(e.text, e.label_) for e in doc.ents}
    docs = list(nlp.pipe([SAMPLE, "逾期按日万分之五计收罚息。"]))
    assert any(e.label_ == "OVERDUE_RATE" for e in docs[1].ents)


def test_a_corrupt_model_directory_is_a_model_error(tmp_path):
    """Truncated weights or a broken config give ModelError with one reason, never a traceback."""
    from loanclause.errors import ModelError
    from loanclause.extract.ner import NerModel

    with pytest.raises(ModelError, match=r"model\.safetensors missing"):
        NerModel.load(tmp_path)
    (tmp_path / "model.safetensors").write_bytes(b"\x00" * 64)
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot load the NER model"):
        NerModel.load(tmp_path)
