"""Clause-boundary precision and recall of ``loanclause.segment`` over the bundled fixtures.

A boundary is a numbered heading (chapter, article, item, appendix).  Predicted and expected headings are aligned
in document order by (number, title); a predicted heading counts as correct when it aligns with an expected one
with the same number and title.  Run: ``python scripts/eval_segment.py``.
"""

from __future__ import annotations

import sys
from difflib import SequenceMatcher

from fixture_set import readable_fixtures

import loanclause


def aligned(predicted: list[tuple], expected: list[tuple]) -> int:
    matcher = SequenceMatcher(None, predicted, expected, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


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
    return 0 if precision >= 0.98 and recall >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
