"""Masked-language-model pretraining of a small character BERT on the legal Chinese corpus (CPU).

    nice -n 19 python scripts/pretrain_mlm.py --max-minutes 25 --out models/mlm-base

Builds the character tokenizer first (corpus charset + the NER training data, see
``loanclause.extract.tokenizer``), then trains a fresh ``BertForMaskedLM`` on
``/work/shared/corpus/legal_zh.txt.gz``: lines shuffled with the seed, normalised, joined with ``\\n`` and cut into
``--seq-len`` windows, 15 % of the characters masked (80 % [MASK], 10 % random, 10 % kept).  Corpus lines that share
a 20-character window with the DEV clauses are removed first (``--dev``), so DEV scores stay free of that overlap.
The run stops at ``--max-steps`` or ``--max-minutes``, whichever comes first; the learning rate warms up, then
decays linearly with the larger of the two progress fractions (``--schedule linear``) or holds its peak until
``--decay-from`` of the budget and then decays (``--schedule wsd``).  Prints the config, data hashes, losses and wall time.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

# The project's shared material (corpus, legal texts, real contracts) lives beside the checkout.
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

CORPUS = str(SHARED / "corpus" / "legal_zh.txt.gz")
CHARSET = str(SHARED / "corpus" / "charset.txt")
DEV = str(Path(__file__).resolve().parent.parent / "data" / "eval" / "clauses_dev.jsonl")


def bert_config(tok, args, **extra):
    """The encoder's shape from the command line (the MLM run and a from-scratch NER run must agree)."""
    from transformers import BertConfig

    return BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=args.hidden,
        num_hidden_layers=args.layers,
        num_attention_heads=args.heads,
        intermediate_size=args.intermediate,
        max_position_embeddings=args.max_position,
        type_vocab_size=1,
        pad_token_id=tok.pad_id,
        **extra,
    )


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_tokenizer(args, out: Path):
    """Vocabulary = normalised corpus characters (count >= --min-count) + characters of the NER training data
    (count >= --min-count-train) + the generator's name lexicon."""
    from loanclause.extract.tokenizer import CharTokenizer, build_charmap, build_vocab

    charmap = build_charmap()
    table = str.maketrans(charmap)
    corpus_counts: Counter[str] = Counter()
    for line in Path(args.charset).read_text(encoding="utf-8").splitlines():
        ch, n = line.rstrip("\n").split("\t")
        corpus_counts[ch.translate(table)] += int(n)
    train_counts: Counter[str] = Counter()
    for path in args.train_data:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            train_counts.update(json.loads(line)["text"].translate(table))
    import build_ner_data as gen

    lexicon = set(gen.SURNAMES + gen.GIVEN) | set("".join(gen.TRADE_NAMES + gen.INDUSTRIES + gen.ROADS))
    counts = Counter({c: n for c, n in corpus_counts.items() if n >= args.min_count})
    for c, n in train_counts.items():
        if n >= args.min_count_train:
            counts[c] += n
    vocab = build_vocab(counts, min_count=1, always={c.translate(table) for c in lexicon})
    tok = CharTokenizer.from_vocab(vocab, charmap)
    tok.save(out)
    stats = {
        "vocab_size": tok.vocab_size,
        "corpus_chars_kept": sum(1 for n in corpus_counts.values() if n >= args.min_count),
        "train_chars_kept": sum(1 for n in train_counts.values() if n >= args.min_count_train),
        "charmap_entries": len(charmap),
    }
    return tok, stats


def load_corpus(path: str, dev_path: str | None, seed: int) -> tuple[list[str], int]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh]
    removed = 0
    if dev_path and Path(dev_path).exists():
        from build_ner_data import Decontaminator

        deco = Decontaminator(
            [json.loads(x)["text"] for x in Path(dev_path).read_text(encoding="utf-8").splitlines()]
        )
        keep = [ln for ln in lines if deco.clean(ln)]
        removed = len(lines) - len(keep)
        lines = keep
    random.Random(seed).shuffle(lines)
    return lines, removed


def make_windows(tok, lines: list[str], seq_len: int):
    """Concatenate the lines (\\n between) and cut into windows of seq_len-2 ids (CLS/SEP added later)."""
    import torch

    nl = tok.vocab["\n"]
    stream: list[int] = []
    for ids in tok.encode_batch(lines):
        stream.extend(ids)
        stream.append(nl)
    n = seq_len - 2
    k = len(stream) // n
    t = torch.tensor(stream[: k * n], dtype=torch.long).view(k, n)
    return t, len(stream)


def mask_batch(ids, tok, vocab_size: int, gen, p: float = 0.15):
    import torch

    labels = ids.clone()
    special = ids < 5  # PAD UNK CLS SEP MASK are 0..4
    prob = torch.full(ids.shape, p)
    prob[special] = 0.0
    masked = torch.bernoulli(prob, generator=gen).bool()
    labels[~masked] = -100
    inputs = ids.clone()
    r = torch.rand(ids.shape, generator=gen)
    inputs[masked & (r < 0.8)] = tok.mask_id
    rnd = masked & (r >= 0.8) & (r < 0.9)
    inputs[rnd] = torch.randint(5, vocab_size, ids.shape, generator=gen)[rnd]
    return inputs, labels


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--charset", default=CHARSET)
    ap.add_argument(
        "--dev", default=DEV, help="DEV clauses: corpus lines overlapping them are dropped ('' = keep)"
    )
    ap.add_argument("--train-data", nargs="*", default=[str(ROOT / "data/ner/train.jsonl")])
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-count-train", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "models/mlm-base"))
    ap.add_argument("--tokenizer-only", action="store_true")
    ap.add_argument(
        "--tokenizer-from", default=None, help="reuse the tokenizer in this directory instead of building one"
    )
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=1024)
    ap.add_argument("--max-position", type=int, default=512)
    ap.add_argument("--seq-len", type=int, default=256)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument(
        "--schedule",
        choices=["linear", "wsd"],
        default="linear",
        help="linear: decay from the end of warm-up; wsd: hold the peak until --decay-from of the budget, then decay",
    )
    ap.add_argument("--decay-from", type=float, default=0.7)
    ap.add_argument("--max-steps", type=int, default=100000)
    ap.add_argument("--max-minutes", type=float, default=25.0)
    ap.add_argument(
        "--limit-lines", type=int, default=0, help="use only the first N shuffled lines (smoke tests)"
    )
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--bf16", action=argparse.BooleanOptionalAction, default=True, help="bf16 autocast on CPU"
    )
    ap.add_argument("--log-every", type=int, default=50)
    args = ap.parse_args(argv)

    t0 = time.time()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.tokenizer_from:
        from loanclause.extract.tokenizer import CharTokenizer

        tok = CharTokenizer.load(args.tokenizer_from)
        tok.save(out)
        tstats = {"vocab_size": tok.vocab_size, "tokenizer_from": str(args.tokenizer_from)}
    else:
        tok, tstats = build_tokenizer(args, out)
    print("tokenizer:", json.dumps(tstats))
    if args.tokenizer_only:
        return 0

    import torch
    from transformers import BertForMaskedLM

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)

    lines, removed = load_corpus(args.corpus, args.dev, args.seed)
    if args.limit_lines:
        lines = lines[: args.limit_lines]
    windows, n_chars = make_windows(tok, lines, args.seq_len)
    n_eval = max(8, len(windows) // 100)
    eval_w, train_w = windows[:n_eval], windows[n_eval:]
    stream_hash = hashlib.sha256(windows.numpy().tobytes()).hexdigest()
    unk = float((windows == tok.unk_id).float().mean())

    config = bert_config(tok, args)
    model = BertForMaskedLM(config)
    n_params = sum(p.numel() for p in model.parameters())
    info = {
        "corpus": args.corpus,
        "corpus_sha256": sha256_file(args.corpus),
        "corpus_lines_used": len(lines),
        "corpus_lines_removed_dev_overlap": removed,
        "chars_in_stream": n_chars,
        "unk_rate": round(unk, 6),
        "windows_train": len(train_w),
        "windows_eval": len(eval_w),
        "window_stream_sha256": stream_hash,
        "params": n_params,
        "args": vars(args),
        "torch": torch.__version__,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
    }
    print("config:", json.dumps(info, ensure_ascii=False))
    print("bert:", config.to_json_string(use_diff=True).replace("\n", " "))

    opt = torch.optim.AdamW(
        model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-6, weight_decay=args.weight_decay
    )
    gen = torch.Generator().manual_seed(args.seed)
    cls = torch.full((1, 1), tok.cls_id, dtype=torch.long)
    sep = torch.full((1, 1), tok.sep_id, dtype=torch.long)
    budget = args.max_minutes * 60
    start = time.time()
    step = 0
    order = torch.randperm(len(train_w), generator=gen)
    pos = 0
    run_loss = 0.0
    model.train()

    def evaluate() -> float:
        model.eval()
        g = torch.Generator().manual_seed(1234)
        tot = 0.0
        nb = 0
        with torch.inference_mode():
            for i in range(0, len(eval_w), 64):
                b = eval_w[i : i + 64]
                b = torch.cat([cls.expand(len(b), 1), b, sep.expand(len(b), 1)], dim=1)
                inp, lab = mask_batch(b, tok, tok.vocab_size, g)
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                    tot += float(model(input_ids=inp, labels=lab).loss)
                nb += 1
        model.train()
        return tot / max(1, nb)

    print(f"eval loss before training: {evaluate():.4f}", flush=True)
    while step < args.max_steps:
        elapsed = time.time() - start
        if elapsed > budget:
            break
        if pos + args.batch > len(order):
            order = torch.randperm(len(train_w), generator=gen)
            pos = 0
        b = train_w[order[pos : pos + args.batch]]
        pos += args.batch
        b = torch.cat([cls.expand(len(b), 1), b, sep.expand(len(b), 1)], dim=1)
        inp, lab = mask_batch(b, tok, tok.vocab_size, gen)
        progress = max(step / args.max_steps, elapsed / budget)
        if args.schedule == "wsd":
            decay = (
                1.0 if progress < args.decay_from else max(0.0, (1.0 - progress) / (1.0 - args.decay_from))
            )
        else:
            decay = max(0.0, 1.0 - progress)
        lr = args.lr * min(1.0, (step + 1) / args.warmup) * decay
        for g_ in opt.param_groups:
            g_["lr"] = lr
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            loss = model(input_ids=inp, labels=lab).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        step += 1
        run_loss += loss.item()
        if step % args.log_every == 0:
            el = time.time() - start
            tps = step * args.batch * args.seq_len / el
            print(
                f"step {step} loss {run_loss / args.log_every:.4f} lr {lr:.2e} elapsed {el / 60:.1f} min "
                f"tokens/s {tps:.0f}",
                flush=True,
            )
            run_loss = 0.0
    train_s = time.time() - start
    ev = evaluate()
    print(f"eval loss after {step} steps: {ev:.4f} (perplexity {math.exp(ev):.1f})")
    model.save_pretrained(out)
    (out / "pretrain_info.json").write_text(
        json.dumps(
            {**info, "steps": step, "train_seconds": round(train_s, 1), "eval_loss": round(ev, 4), **tstats},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"saved {out}; steps {step}; train {train_s / 60:.1f} min; wall {(time.time() - t0) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
