"""Evaluate term extraction (rule baseline + value parsers) against the hand-labelled real clauses.

For each item of ``clauses_dev.jsonl`` the text goes through the whole pipeline
(``loanclause.analyze_text(text, fragment=True)``) and ``report.terms`` is compared with the gold values:

=====================  ==================================================================  =================
field                  predicted                                                           match
=====================  ==================================================================  =================
interest_rate_annual   ``terms.interest_rate.annual``                                      ±0.0005
overdue_rate_annual    ``terms.overdue_rate.annual``                                       ±0.0005
penalty                ``terms.penalty`` form and value                                    form equal, value
                                                                                           ±0.0005 (exact for
                                                                                           fixed amounts)
fee_rate_annual        sum of ``fee.annual`` over the annualisable fees                   ±0.0005
principal_cny          ``terms.principal.amount`` when the currency is CNY                exact
=====================  ==================================================================  =================

Per field: gold non-null count and accuracy on those; gold null count and the false-value rate on those
(a value predicted where gold is null).

    python scripts/eval_values.py                       # table
    python scripts/eval_values.py --show-errors overdue_rate_annual
    python scripts/eval_values.py --direct              # extract_terms(text, []) without the pipeline
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / "data" / "eval" / "clauses_dev.jsonl"
FIELDS = ("interest_rate_annual", "overdue_rate_annual", "penalty", "fee_rate_annual", "principal_cny")
RATE_TOL = Decimal("0.0005")


def predicted(terms: Any) -> dict[str, Any]:
    fees = [f.annual for f in terms.fees if f.annual is not None]
    principal = terms.principal
    return {
        "interest_rate_annual": terms.interest_rate.annual if terms.interest_rate else None,
        "overdue_rate_annual": terms.overdue_rate.annual if terms.overdue_rate else None,
        "penalty": {"form": terms.penalty.form, "value": terms.penalty.value} if terms.penalty else None,
        "fee_rate_annual": sum(fees, Decimal(0)) if fees else None,
        "principal_cny": principal.amount if principal is not None and principal.currency == "CNY" else None,
    }


def _close(a: Any, b: Any, tol: Decimal) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) <= tol


def matches(field: str, gold: Any, pred: Any) -> bool:
    if field == "penalty":
        if gold is None or pred is None:
            return gold is None and pred is None
        if gold["form"] != pred["form"]:
            return False
        tol = Decimal(0) if gold["form"] == "fixed_amount" else RATE_TOL
        return _close(gold["value"], pred["value"], tol)
    if field == "principal_cny":
        return _close(gold, pred, Decimal(0))
    return _close(gold, pred, RATE_TOL)


def is_null(field: str, value: Any) -> bool:
    return value is None


def run(data: Path, direct: bool) -> list[dict[str, Any]]:
    if direct:
        from loanclause.extract import extract_terms

        def terms_of(text: str) -> Any:
            return extract_terms(text, [])[1]

    else:
        import loanclause

        def terms_of(text: str) -> Any:
            return loanclause.analyze_text(text, fragment=True).terms

    rows = []
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        terms = terms_of(item["text"])
        rows.append({"id": item["id"], "text": item["text"], "gold": item["gold"], "pred": predicted(terms)})
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        f"{'field':<22} {'n gold':>7} {'accuracy':>9} {'n null':>7} {'false values':>13}",
        "-" * 62,
    ]
    for f in FIELDS:
        gold_nn = [r for r in rows if r["gold"].get(f) is not None]
        gold_null = [r for r in rows if r["gold"].get(f) is None]
        hit = sum(matches(f, r["gold"][f], r["pred"][f]) for r in gold_nn)
        false = sum(r["pred"][f] is not None for r in gold_null)
        acc = hit / len(gold_nn) if gold_nn else float("nan")
        fv = false / len(gold_null) if gold_null else float("nan")
        lines.append(f"{f:<22} {len(gold_nn):>7} {acc:>9.3f} {len(gold_null):>7} {fv:>13.3f}")
    return "\n".join(lines)


def errors(rows: list[dict[str, Any]], field: str) -> str:
    out = []
    for r in rows:
        g, p = r["gold"].get(field), r["pred"][field]
        if not matches(field, g, p):
            kind = "MISS" if g is not None else "FALSE"
            text = r["text"].replace("\n", "⏎")
            out.append(
                f"{r['id']} {kind} gold={g} pred={p}\n    {text[:300]}\n    note: {r['gold'].get('note', '')[:200]}"
            )
    return "\n".join(out) if out else "(no errors)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"JSONL with gold values (default {DEFAULT_DATA})"
    )
    ap.add_argument("--show-errors", metavar="FIELD", choices=FIELDS, action="append", default=[])
    ap.add_argument(
        "--direct", action="store_true", help="call extract_terms(text, []) instead of analyze_text"
    )
    args = ap.parse_args(argv)
    rows = run(args.data, args.direct)
    print(f"{len(rows)} items from {args.data}")
    print(table(rows))
    for f in args.show_errors:
        print(f"\n== errors: {f}")
        print(errors(rows, f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
