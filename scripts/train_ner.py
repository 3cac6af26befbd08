"""Fine-tune the character BERT for loan-clause NER (BIO over ``loanclause.models.NER_LABELS``) on CPU.

    nice -n 19 python scripts/train_ner.py --init models/mlm-base --out models/loanclause-ner --max-minutes 20
    nice -n 19 python scripts/train_ner.py --from-scratch --out models/ner-scratch --max-minutes 20   # ablation
    python scripts/train_ner.py ... --ship        # also copy the result to models/loanclause-ner (the shipped model)

Training data: ``data/ner/train.jsonl`` from ``scripts/build_ner_data.py``.  Examples longer than the window are
cut into overlapping windows like inference does.  Batches are length-bucketed; bf16 autocast; AdamW with linear
warm-up and decay; stops at ``--max-steps``/``--epochs`` or ``--max-minutes``.  Monitoring uses a slice of the
*seen-families* split only (never the held-out test split).  The saved model is fp16 (``--save-dtype``); the output
directory gets config.json, model.safetensors, tokenizer.json, charmap.json, labels.json and train_info.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from pretrain_mlm import bert_config, sha256_file  # noqa: E402  (the encoder's shape and file hashes, shared)

# The one committed copy; setup.py puts it into the wheel as loanclause/models_data/loanclause-ner.
SHIP_DIR = ROOT / "models/loanclause-ner"
SHIP_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "charmap.json",
    "labels.json",
    "MODEL_CARD.md",
    "metrics.json",
    "train_info.json",
)


def bio_labels() -> list[str]:
    from loanclause.models import NER_LABELS

    return ["O"] + [f"{p}-{lab}" for lab in NER_LABELS for p in ("B", "I")]


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def encode_examples(examples: list[dict], tok, label2id: dict[str, int], window: int, stride: int):
    """-> list of (ids, labels) with CLS/SEP, labels -100 on the specials; long texts cut into windows."""
    out = []
    texts = [ex["text"] for ex in examples]
    all_ids = tok.encode_batch(texts)
    for ex, ids in zip(examples, all_ids, strict=True):
        n = len(ids)
        tags = [0] * n
        for s, e, lab in ex["entities"]:
            tags[s] = label2id[f"B-{lab}"]
            for i in range(s + 1, e):
                tags[i] = label2id[f"I-{lab}"]
        starts = [0] if n <= window else list(range(0, n - window + stride, stride))
        for st in starts:
            en = min(n, st + window)
            st = max(0, en - window) if en == n else st
            out.append(([tok.cls_id, *ids[st:en], tok.sep_id], [-100, *tags[st:en], -100]))
            if en == n:
                break
    return out


def batches(data, batch_size: int, rng: random.Random, pad_id: int):
    """Length-bucketed, shuffled batches of padded tensors."""
    import torch

    idx = list(range(len(data)))
    rng.shuffle(idx)
    chunk = batch_size * 50
    groups = []
    for i in range(0, len(idx), chunk):
        part = sorted(idx[i : i + chunk], key=lambda j: len(data[j][0]))
        groups += [part[k : k + batch_size] for k in range(0, len(part), batch_size)]
    rng.shuffle(groups)
    for g in groups:
        L = max(len(data[j][0]) for j in g)
        ids = torch.full((len(g), L), pad_id, dtype=torch.long)
        labs = torch.full((len(g), L), -100, dtype=torch.long)
        for r, j in enumerate(g):
            a, b = data[j]
            ids[r, : len(a)] = torch.tensor(a)
            labs[r, : len(b)] = torch.tensor(b)
        yield ids, labs, ids != pad_id


def prf(gold: list[set], pred: list[set], labels) -> dict:
    from collections import Counter

    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        for x in p & g:
            tp[x[2]] += 1
        for x in p - g:
            fp[x[2]] += 1
        for x in g - p:
            fn[x[2]] += 1
    res = {}
    for lab in [*labels, "micro"]:
        if lab == "micro":
            a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            a, b, c = tp[lab], fp[lab], fn[lab]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        res[lab] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": a + c}
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default=str(ROOT / "data/ner/train.jsonl"))
    ap.add_argument(
        "--monitor",
        default=str(ROOT / "data/ner/test_seen.jsonl"),
        help="seen-families split (monitoring only)",
    )
    ap.add_argument("--monitor-n", type=int, default=400)
    ap.add_argument("--init", default=str(ROOT / "models/mlm-base"), help="MLM checkpoint to start from")
    ap.add_argument(
        "--from-scratch", action="store_true", help="random init (ablation); tokenizer still from --tokenizer"
    )
    ap.add_argument(
        "--tokenizer", default=None, help="directory with tokenizer.json/charmap.json (default: --init)"
    )
    ap.add_argument("--out", default=str(ROOT / "models/loanclause-ner"))
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=1024)
    ap.add_argument("--max-position", type=int, default=512)
    ap.add_argument(
        "--window", type=int, default=254, help="characters per training window (CLS/SEP excluded)"
    )
    ap.add_argument("--stride", type=int, default=192)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--max-steps", type=int, default=0, help="0 = from --epochs")
    ap.add_argument("--max-minutes", type=float, default=20.0)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training examples")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--save-dtype", choices=["fp16", "fp32"], default="fp16")
    ap.add_argument("--log-every", type=int, default=50)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--save-every", type=int, default=0, help="write <out>/checkpoint.pt every N steps")
    ap.add_argument("--resume", action="store_true", help="continue from <out>/checkpoint.pt if present")
    ap.add_argument("--ship", action="store_true", help=f"copy the model into {SHIP_DIR.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    return train(args)


def train(args) -> int:
    import torch
    from transformers import BertForTokenClassification

    from loanclause.extract.ner import decode_tags
    from loanclause.extract.tokenizer import CharTokenizer

    t0 = time.time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    labels = bio_labels()
    label2id = {lab: i for i, lab in enumerate(labels)}
    tok_dir = Path(args.tokenizer or args.init)
    tok = CharTokenizer.load(tok_dir)

    train_ex = read_jsonl(args.train)
    if args.limit:
        train_ex = train_ex[: args.limit]
    data = encode_examples(train_ex, tok, label2id, args.window, args.stride)
    mon_ex = (
        read_jsonl(args.monitor)[: args.monitor_n] if args.monitor and Path(args.monitor).exists() else []
    )

    if args.from_scratch:
        config = bert_config(
            tok, args, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id
        )
        model = BertForTokenClassification(config)
        init = "random"
    else:
        model = BertForTokenClassification.from_pretrained(
            args.init,
            num_labels=len(labels),
            id2label=dict(enumerate(labels)),
            label2id=label2id,
            local_files_only=True,
            dtype=torch.float32,  # an NER checkpoint is stored fp16; train in fp32 (+ bf16 autocast)
        )
        init = str(args.init)
        if model.config.vocab_size != tok.vocab_size:
            raise SystemExit(f"tokenizer vocab {tok.vocab_size} != model vocab {model.config.vocab_size}")
    n_params = sum(p.numel() for p in model.parameters())
    steps_per_epoch = (len(data) + args.batch - 1) // args.batch
    max_steps = args.max_steps or int(steps_per_epoch * args.epochs)
    info = {
        "train": str(args.train),
        "train_sha256": sha256_file(args.train),
        "train_examples": len(train_ex),
        "train_windows": len(data),
        "train_chars": sum(len(ex["text"]) for ex in train_ex),
        "monitor": str(args.monitor),
        "init": init,
        "init_info": _read_json(Path(args.init) / "pretrain_info.json") if not args.from_scratch else None,
        "tokenizer_sha256": sha256_file(tok_dir / "tokenizer.json"),
        "params": n_params,
        "max_steps": max_steps,
        "args": {k: v for k, v in vars(args).items()},
        "torch": torch.__version__,
    }
    if info["init_info"]:
        info["init_info"] = {
            k: info["init_info"].get(k)
            for k in (
                "corpus_sha256",
                "steps",
                "train_seconds",
                "eval_loss",
                "corpus_lines_removed_dev_overlap",
            )
        }
    previous = _read_json(Path(args.init) / "train_info.json") if not args.from_scratch else None
    if previous:  # continuing from an NER checkpoint: keep the earlier stage's record
        info["previous_stage"] = previous
        info["init_info"] = previous.get("init_info")
    print("config:", json.dumps(info, ensure_ascii=False, default=str), flush=True)

    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    budget = args.max_minutes * 60
    start = time.time()
    step = 0
    run = 0.0
    losses: list[float] = []
    skip = 0
    ckpt_path = Path(args.out) / "checkpoint.pt"
    if args.resume and ckpt_path.exists():
        ck = torch.load(ckpt_path, weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, losses, skip = ck["step"], ck["losses"], ck["in_epoch"]
        rng.setstate(ck["epoch_state"])
        start -= ck["elapsed"]
        print(f"resumed from {ckpt_path} at step {step}", flush=True)
    model.train()
    done = False
    while not done:
        epoch_state = rng.getstate()
        in_epoch = 0
        for ids, labs, mask in batches(data, args.batch, rng, tok.pad_id):
            if skip:  # replaying the interrupted epoch up to where the checkpoint was taken
                skip -= 1
                in_epoch += 1
                continue
            in_epoch += 1
            elapsed = time.time() - start
            if step >= max_steps or elapsed > budget:
                done = True
                break
            progress = max(step / max_steps, elapsed / budget)
            lr = args.lr * min(1.0, (step + 1) / args.warmup) * max(0.0, 1.0 - progress)
            for g in opt.param_groups:
                g["lr"] = lr
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                out = model(input_ids=ids, attention_mask=mask.long(), labels=labs)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            li = out.loss.item()
            run += li
            losses.append(li)
            if step % args.log_every == 0:
                el = time.time() - start
                print(
                    f"step {step}/{max_steps} loss {run / args.log_every:.4f} lr {lr:.2e} {el / 60:.1f} min",
                    flush=True,
                )
                run = 0.0
            if args.save_every and step % args.save_every == 0:
                Path(args.out).mkdir(parents=True, exist_ok=True)
                state = {
                    "model": model.state_dict(),
                    "opt": opt.state_dict(),
                    "step": step,
                    "losses": losses,
                    "epoch_state": epoch_state,
                    "in_epoch": in_epoch,
                    "elapsed": time.time() - start,
                }
                torch.save(state, ckpt_path.with_suffix(".tmp"))
                ckpt_path.with_suffix(".tmp").replace(ckpt_path)
            if mon_ex and args.eval_every and step % args.eval_every == 0:
                f1 = quick_f1(model, tok, mon_ex, labels, decode_tags, args.bf16)
                print(f"  monitor (seen families) micro F1 {f1:.4f}", flush=True)
                model.train()
    train_s = time.time() - start
    model.eval()
    result = {}
    if mon_ex:
        result["monitor_micro_f1"] = round(quick_f1(model, tok, mon_ex, labels, decode_tags, args.bf16), 4)
        print(f"final monitor (seen families) micro F1 {result['monitor_micro_f1']}", flush=True)

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.save_dtype == "fp16":
        model = model.half()
    model.save_pretrained(out_dir)
    tok.save(out_dir, hf_config=True)
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    info.update(
        steps=step,
        train_seconds=round(train_s, 1),
        first_loss=round(sum(losses[:20]) / max(1, len(losses[:20])), 4),
        last_loss=round(sum(losses[-50:]) / max(1, len(losses[-50:])), 4),
        **result,
    )
    (out_dir / "train_info.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    size = (out_dir / "model.safetensors").stat().st_size
    print(
        f"saved {out_dir} ({args.save_dtype}, {size / 1e6:.1f} MB); steps {step}; train {train_s / 60:.1f} min; "
        f"wall {(time.time() - t0) / 60:.1f} min; loss {info['first_loss']} -> {info['last_loss']}",
        flush=True,
    )
    if args.ship:
        ship(out_dir)
    return 0


def ship(out_dir: Path) -> None:
    """Copy the release files to ``models/loanclause-ner``, the one copy that is committed (and that the wheel
    build packages)."""
    if not (out_dir / "tokenizer_config.json").exists():
        from loanclause.extract.tokenizer import CharTokenizer

        CharTokenizer.load(out_dir).save(out_dir, hf_config=True)
    SHIP_DIR.mkdir(parents=True, exist_ok=True)
    for name in SHIP_FILES:
        src = out_dir / name
        if src.exists() and src.resolve() != (SHIP_DIR / name).resolve():
            shutil.copy2(src, SHIP_DIR / name)
    print(f"shipped {out_dir} -> {SHIP_DIR}")


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def quick_f1(model, tok, examples, labels, decode_tags, bf16: bool) -> float:
    """Micro entity F1 of a transformers model on short examples (single window each)."""
    import torch

    from loanclause.extract.ner import spans_from_tags

    model.eval()
    gold, pred = [], []
    with torch.inference_mode():
        for i in range(0, len(examples), 32):
            chunk = examples[i : i + 32]
            enc = [tok.encode(ex["text"], specials=True)[:512] for ex in chunk]
            L = max(len(e) for e in enc)
            ids = torch.full((len(enc), L), tok.pad_id, dtype=torch.long)
            for r, e in enumerate(enc):
                ids[r, : len(e)] = torch.tensor(e)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits = model(input_ids=ids, attention_mask=(ids != tok.pad_id).long()).logits
            logp = torch.log_softmax(logits.float(), -1)
            for r, ex in enumerate(chunk):
                n = len(enc[r]) - 2
                tags = decode_tags(logp[r, 1 : n + 1].numpy(), labels)
                pred.append(set(spans_from_tags(tags)))
                gold.append({(s, e, lab) for s, e, lab in ex["entities"]})
    return prf(gold, pred, [])["micro"]["f1"]


if __name__ == "__main__":
    raise SystemExit(main())
