"""Measure the conduct rules (LC401–LC407) on hand-labelled real contract text.

    python scripts/eval_conduct.py                 # both sets, per rule: hits, false hits, misses, P, R
    python scripts/eval_conduct.py --show errors   # also print every false hit and miss
    python scripts/eval_conduct.py --min-precision 0.9   # exit 1 if a rule with hits falls below

Sets (labelled by the guideline in ``docs/conduct_rules.md``, never by running loanclause):

* ``dev`` (``data/eval/conduct_dev.jsonl``, tuned on): the DEV clause items of kinds collection,
  dispute_resolution and fee, each analysed on its own as a fragment; and every line of the seven real contracts,
  each contract analysed whole (its lines joined), a finding counted on the line that holds its first character.
* ``test`` (``data/eval/conduct_test.jsonl``, held out): every line of the contract templates of other platforms in
  ``shared/realdata/contracts_more``, analysed the same way.  This is the headline figure.

Units are (item or line, code) pairs; precision = true hits / all hits, recall = true hits / gold pairs.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SETS = {"dev": ROOT / "data/eval/conduct_dev.jsonl", "test": ROOT / "data/eval/conduct_test.jsonl"}
# per document: lender kind, fees charged, annualised rate stated → whether LC208 is due
DOC_SETS = {
    "dev": ROOT / "data/eval/conduct_dev_docs.jsonl",
    "test": ROOT / "data/eval/conduct_test_docs.jsonl",
}
CODES = ("LC401", "LC402", "LC403", "LC404", "LC405", "LC406", "LC407")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _line_no(item_id: str) -> int:
    return int(item_id.rsplit("#L", 1)[1])


def predict(items: list[dict], docs_out: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """item id → predicted LC4xx codes (and, in ``docs_out``, source → every code found in the whole text)."""
    import loanclause as lc

    out: dict[str, set[str]] = {it["id"]: set() for it in items}
    docs: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        if "#L" in it["id"]:
            docs[it["source"]].append(it)
        else:
            report = lc.analyze_text(it["text"], fragment=True)
            out[it["id"]] = {f.code for f in report.findings if f.code in CODES}
    for lines in docs.values():
        lines.sort(key=lambda it: _line_no(it["id"]))
        report = lc.analyze_text("\n".join(it["text"] for it in lines))
        doc = report.document
        assert doc is not None
        if docs_out is not None:
            docs_out[lines[0]["source"]] = {f.code for f in report.findings}
        starts = [ln.start for ln in doc.lines]
        # Document.lines holds the physical lines in order; blank lines were not labelled and are not kept
        for f in report.findings:
            if f.code not in CODES or f.start is None:
                continue
            i = max(0, bisect.bisect_right(starts, f.start) - 1)
            if i < len(lines):
                out[lines[i]["id"]].add(f.code)
    return out


def score(items: list[dict], pred: dict[str, set[str]]) -> dict[str, dict[str, int]]:
    table = {c: {"tp": 0, "fp": 0, "fn": 0} for c in CODES}
    for it in items:
        gold, got = set(it["codes"]), pred[it["id"]]
        for c in CODES:
            if c in got and c in gold:
                table[c]["tp"] += 1
            elif c in got:
                table[c]["fp"] += 1
            elif c in gold:
                table[c]["fn"] += 1
    return table


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  –  "


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="all")
    ap.add_argument("--show", choices=["none", "errors"], default="none")
    ap.add_argument("--min-precision", type=float, default=None)
    args = ap.parse_args(argv)
    names = list(SETS) if args.set == "all" else [args.set]
    worst = 1.0
    for name in names:
        items = read_jsonl(SETS[name])
        whole: dict[str, set[str]] = {}
        pred = predict(items, whole)
        table = score(items, pred)
        print(f"\n== {name}: {len(items)} items ({SETS[name].relative_to(ROOT)})")
        print(f"{'rule':6} {'gold':>5} {'hits':>5} {'true':>5} {'false':>6} {'missed':>7} {'P':>6} {'R':>6}")
        tot = {"tp": 0, "fp": 0, "fn": 0}
        for c in CODES:
            t = table[c]
            for k in tot:
                tot[k] += t[k]
            hits, gold = t["tp"] + t["fp"], t["tp"] + t["fn"]
            if hits:
                worst = min(worst, t["tp"] / hits)
            print(
                f"{c:6} {gold:5} {hits:5} {t['tp']:5} {t['fp']:6} {t['fn']:7} "
                f"{_ratio(t['tp'], hits):>6} {_ratio(t['tp'], gold):>6}"
            )
        hits, gold = tot["tp"] + tot["fp"], tot["tp"] + tot["fn"]
        print(
            f"{'all':6} {gold:5} {hits:5} {tot['tp']:5} {tot['fp']:6} {tot['fn']:7} "
            f"{_ratio(tot['tp'], hits):>6} {_ratio(tot['tp'], gold):>6}"
        )
        if DOC_SETS[name].exists():
            docs = read_jsonl(DOC_SETS[name])
            due = {
                d["source"]
                for d in docs
                if d["lender_kind"] in ("licensed_fi", "local_fin_org")
                and d["has_fees"]
                and not d["annualised_rate_disclosed"]
            }
            got = {d["source"] for d in docs if "LC208" in whole.get(d["source"], set())}
            tp = len(due & got)
            print(
                f"LC208 (per document, {len(docs)} documents): gold {len(due)} hits {len(got)} true {tp} "
                f"P {_ratio(tp, len(got))} R {_ratio(tp, len(due))}"
            )
            if args.show == "errors":
                for src in sorted(due ^ got):
                    print(f"  {src}: {'false' if src in got else 'missed'} LC208")
        if args.show == "errors":
            for it in items:
                gold, got = set(it["codes"]), pred[it["id"]]
                if gold != got:
                    fp, fn = sorted(got - gold), sorted(gold - got)
                    print(f"  {it['id']}: false {fp} missed {fn} | {it['text'][:110]}")
    if args.min_precision is not None and worst < args.min_precision:
        print(f"\nprecision {worst:.3f} below {args.min_precision}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
