"""Clause-boundary precision and recall of ``loanclause.segment``: the generated fixtures, and apart from them the
real-layout set (ten real contract texts rendered to PDF by ``scripts/make_real_layouts.py``, headings read by hand
into ``fixtures/real_layouts/expected/``).

A boundary is a numbered heading (chapter, article, item, appendix).  Predicted and expected headings are aligned
in document order by (number, title); a predicted heading counts as correct when it aligns with an expected one
with the same number and title (the separator after a number, 一、 or 1., is not compared).  Run:
``python scripts/eval_segment.py``.  The exit status judges the generated fixtures only (≥ 0.98 both ways); the
real-layout figures are reported, not gated.
"""

from __future__ import annotations

import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

from fixture_set import readable_fixtures

import loanclause


def aligned(predicted: list[tuple], expected: list[tuple]) -> int:
    matcher = SequenceMatcher(None, predicted, expected, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real_layouts"


def _key(number: str | None, title: str | None) -> tuple:
    return (re.sub(r"[、.．\s]+$", "", number or ""), (title or "").strip() or None)


def real_layouts() -> tuple[int, int, int, list[tuple]]:
    rows = []
    pred_n = gold_n = hit_n = 0
    for exp_path in sorted((REAL / "expected").glob("*.json")):
        want = json.loads(exp_path.read_text(encoding="utf-8"))
        pdf = REAL / f"{exp_path.stem}.pdf"
        report = loanclause.analyze(str(pdf), ner=False)
        predicted = [_key(c.number, c.title) for c in report.clauses if c.number is not None]
        expected = [_key(c["number"], c["title"]) for c in want["clauses"]]
        hit = aligned(predicted, expected)
        pred_n, gold_n, hit_n = pred_n + len(predicted), gold_n + len(expected), hit_n + hit
        rows.append(
            (
                exp_path.stem[:34],
                len(expected),
                len(predicted),
                hit / len(predicted) if predicted else 1.0,
                hit / len(expected) if expected else 1.0,
                predicted == expected,
            )
        )
    return pred_n, gold_n, hit_n, rows


def main() -> int:
    rows = []
    total_pred = total_gold = total_hit = 0
    exact = 0
    for fixture in readable_fixtures():
        report = loanclause.analyze(str(fixture.path))
        predicted = [(c.number, c.title) for c in report.clauses if c.number is not None]
        expected = [(c["number"], c["title"]) for c in fixture.expected["clauses"]]
        hit = aligned(predicted, expected)
        total_pred += len(predicted)
        total_gold += len(expected)
        total_hit += hit
        exact += predicted == expected
        precision = hit / len(predicted) if predicted else 1.0
        recall = hit / len(expected) if expected else 1.0
        rows.append((fixture.name, len(expected), len(predicted), precision, recall, predicted == expected))
    print(f"{'fixture':<34} {'gold':>5} {'pred':>5} {'prec':>6} {'recall':>6}  exact")
    for name, gold, pred, precision, recall, same in rows:
        print(f"{name:<34} {gold:>5} {pred:>5} {precision:>6.3f} {recall:>6.3f}  {'yes' if same else 'NO'}")
    precision = total_hit / total_pred if total_pred else 1.0
    recall = total_hit / total_gold if total_gold else 1.0
    print(
        f"{'ALL (micro)':<34} {total_gold:>5} {total_pred:>5} {precision:>6.3f} {recall:>6.3f}  {exact}/{len(rows)}"
    )
    pred_n, gold_n, hit_n, real_rows = real_layouts()
    if real_rows:
        print("\nreal layouts (fixtures/real_layouts: real texts rendered to PDF, headings read by hand)")
        print(f"{'document':<34} {'gold':>5} {'pred':>5} {'prec':>6} {'recall':>6}  exact")
        for name, gold, pred, p, r, same in real_rows:
            print(f"{name:<34} {gold:>5} {pred:>5} {p:>6.3f} {r:>6.3f}  {'yes' if same else 'NO'}")
        rp = hit_n / pred_n if pred_n else 1.0
        rr = hit_n / gold_n if gold_n else 1.0
        n_exact = sum(1 for *_, same in real_rows if same)
        print(
            f"{'ALL (micro)':<34} {gold_n:>5} {pred_n:>5} {rp:>6.3f} {rr:>6.3f}  {n_exact}/{len(real_rows)}"
        )
    return 0 if precision >= 0.98 and recall >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
