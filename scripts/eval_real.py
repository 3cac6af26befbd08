"""Real-text evaluation in one command (issue 10): DEV, dev-real and test-real side by side.

    python scripts/eval_real.py                     # rules / model / pipeline on the three sets
    python scripts/eval_real.py --json out.json     # also the numbers as JSON
    python scripts/eval_real.py --sets test         # one set

For each set and system (``rules``: the rule baseline alone; ``model``: the NER model's entities through the same
value assembly; ``pipeline``: what ``analyze`` does) it prints value accuracy per field over the items whose gold
value is not null, with the item count and a 95 % Wilson interval, and the false-value rate over the null-gold
items (a value where the gold says there is none).  Scoring is ``scripts/eval_values.py``'s (rates within
0.0005 a year, amounts exact, penalty form and value).  Entity spans are scored too (exact span and label, micro
P/R/F1 per system) on the real sets, which carry entity labels.

**test-real is the headline**: its documents (whole platforms' templates, judgment blocks) are used nowhere else,
and nothing was tuned on it.  DEV is the optimistic figure (the rules were written while reading it); dev-real is
for choosing.  The sets: ``data/eval/clauses_dev.jsonl`` and ``data/real/{dev,test}.jsonl`` (built by
``scripts/real_labels.py build``; provenance and guideline in ``docs/annotation.md``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

SETS = {
    "DEV": ROOT / "data/eval/clauses_dev.jsonl",
    "dev-real": ROOT / "data/real/dev.jsonl",
    "test-real": ROOT / "data/real/test.jsonl",
}
SYSTEMS = ("baseline", "model", "pipeline")
SHOWN = {"baseline": "rules", "model": "model", "pipeline": "pipeline"}


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion (sound at small n and near 0 or 1, unlike the normal one)."""
    if n == 0:
        return float("nan"), float("nan")
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def span_prf(items: list[dict], predicted: list[set]) -> dict:
    gold = [{(e["start"], e["end"], e["label"]) for e in it.get("entities", [])} for it in items]
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p": prec, "r": rec, "f1": f1, "gold": n_gold, "predicted": n_pred}


def evaluate(items: list[dict], model) -> dict:
    from eval_ner import value_rows
    from eval_values import FIELDS, matches

    from loanclause.extract import extract_terms

    rows = value_rows(model, items)
    systems = SYSTEMS if model is not None else ("baseline",)
    out: dict = {"items": len(items), "systems": list(systems), "fields": {}, "spans": {}}
    for f in (*FIELDS, "all"):
        out["fields"][f] = {}
        for s in systems:
            hits = n = falses = nulls = 0
            for r in rows:
                fields = FIELDS if f == "all" else (f,)
                for g in fields:
                    if r["gold"].get(g) is not None:
                        n += 1
                        hits += matches(g, r["gold"][g], r[s][g])
                    else:
                        nulls += 1
                        falses += r[s][g] is not None
            lo, hi = wilson(hits, n)
            out["fields"][f][s] = {
                "n": n,
                "accuracy": hits / n if n else float("nan"),
                "ci95": [lo, hi],
                "nulls": nulls,
                "false_value_rate": falses / nulls if nulls else float("nan"),
            }
    if items and "entities" in items[0]:
        texts = [it["text"] for it in items]
        rule_spans = [{(e.start, e.end, e.label) for e in extract_terms(t, [])[0]} for t in texts]
        out["spans"]["baseline"] = span_prf(items, rule_spans)
        if model is not None:
            model_ents = model.predict(texts)
            out["spans"]["model"] = span_prf(
                items, [{(e.start, e.end, e.label) for e in ents} for ents in model_ents]
            )
            pipe = [{(e.start, e.end, e.label) for e in extract_terms(t, [], model=model)[0]} for t in texts]
            out["spans"]["pipeline"] = span_prf(items, pipe)
    return out


def print_tables(results: dict[str, dict]) -> None:
    from eval_values import FIELDS

    names = list(results)
    systems = results[names[0]]["systems"] if names else []
    for f in (*FIELDS, "all"):
        label = "all non-null values" if f == "all" else f
        print(f"\n{label}")
        print(
            f"  {'set':<10} {'n':>5}  "
            + "  ".join(f"{SHOWN[s]:>24}" for s in systems)
            + "   false values (n null)"
        )
        for name in names:
            cells = results[name]["fields"][f]
            n = cells["baseline"]["n"]
            acc = "  ".join(
                f"{c['accuracy']:>6.3f} [{c['ci95'][0]:.3f}, {c['ci95'][1]:.3f}]".rjust(24)
                for c in (cells[s] for s in systems)
            )
            false = " / ".join(f"{cells[s]['false_value_rate']:.3f}" for s in systems)
            print(f"  {name:<10} {n:>5}  {acc}   {false} ({cells['baseline']['nulls']})")
    spans = {k: v["spans"] for k, v in results.items() if v["spans"]}
    if spans:
        print("\nentity spans (exact span and label, micro)")
        for name, by_system in spans.items():
            cells = "  ".join(
                f"{SHOWN[s]} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}" for s, v in by_system.items()
            )
            gold = next(iter(by_system.values()))["gold"]
            print(f"  {name:<10} gold {gold:>5}  {cells}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sets", default="DEV,dev-real,test-real", help="comma-separated: DEV, dev-real, test-real"
    )
    ap.add_argument(
        "--model", default=None, help="NER model directory (default: the shipped one); '' = rules only"
    )
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args()
    model = None
    if args.model != "":
        from loanclause.extract.ner import NerModel

        model = NerModel.load(args.model) if args.model else NerModel.load()
    results = {}
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        path = SETS[name]
        if not path.exists():
            print(f"{name}: {path} not found (run scripts/real_labels.py build)", file=sys.stderr)
            continue
        items = [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
        results[name] = evaluate(items, model)
        print(f"{name}: {len(items)} items", file=sys.stderr)
    print_tables(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
