"""The stage-4 training data (issue 10): the real train split mixed with generated clauses.

Usage::

    python scripts/build_ner_data.py --seed 23 --n 6000 --split train --context-aug 0.3 --extra-negatives \\
        --stage3 --out data/ner/gen_stage4.jsonl
    python scripts/build_real_mix.py --generated data/ner/gen_stage4.jsonl --out data/ner/train_stage4.jsonl

Real items (``data/real/train.jsonl``, entity offsets as ``[start, end, label]``) are repeated ``--real-copies``
times (2: the real split is small beside the generated data, and the model must not forget the generated
phrasings either); a generated clause whose text, without whitespace and punctuation, equals a dev-real or
test-real item or a DEV clause is dropped, and the number dropped is printed — no evaluation sentence reaches
training.  The order is shuffled with a fixed seed, so the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)


def _norm(text: str) -> str:
    return _PUNCT_RE.sub("", text)


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--generated", type=Path, nargs="+", required=True, help="one or more generated files")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--real", type=Path, default=ROOT / "data/real/train.jsonl")
    ap.add_argument("--real-copies", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    held_out = {_norm(r["text"]) for name in ("dev", "test") for r in _read(ROOT / f"data/real/{name}.jsonl")}
    held_out |= {_norm(r["text"]) for r in _read(ROOT / "data/eval/clauses_dev.jsonl")}
    real = [
        {"text": r["text"], "entities": [[e["start"], e["end"], e["label"]] for e in r["entities"]]}
        for r in _read(args.real)
    ]
    leaked = [r for r in real if _norm(r["text"]) in held_out]
    all_generated = [g for path in args.generated for g in _read(path)]
    generated = [g for g in all_generated if _norm(g["text"]) not in held_out]
    dropped = len(all_generated) - len(generated)
    mix = real * args.real_copies + generated
    random.Random(args.seed).shuffle(mix)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in mix:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(
        f"real {len(real)} × {args.real_copies}, generated {len(generated)} ({dropped} dropped: equal to a dev-real, "
        f"test-real or DEV item), real items equal to a held-out one: {len(leaked)}; wrote {len(mix)} to {args.out} "
        f"(sha256 {digest})"
    )


if __name__ == "__main__":
    main()
