"""Check annotators' labels and assemble the real labelled corpus (issue 10; guideline: docs/annotation.md).

Usage::

    python scripts/real_labels.py check data/real/labels/shard-3.jsonl   # what an annotator runs while labelling
    python scripts/real_labels.py build                                  # labels + pool → data/real/{train,dev,test}.jsonl

``check`` reads one label file against ``data/real/pool.jsonl`` and prints every problem with its item id: unknown
ids, labels outside DESIGN.md's set, entity texts that do not occur in the item (or not that many times), gold
values of the wrong type.  It imports only the label set from loanclause, so an annotator runs it without seeing any extraction.

``build`` merges every ``data/real/labels/*.jsonl`` into one file per split with character offsets
(``entities[].start/end``), provenance from the pool, and prints per split: items, items holding an entity,
documents, and the leak check — no test-real item, after removing whitespace and punctuation, may occur in the
real train or dev items or in the DEV set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from loanclause.models import CLAUSE_KINDS, NER_LABELS  # noqa: E402  (the label set only: nothing that extracts)

REAL = ROOT / "data" / "real"

LABELS = set(NER_LABELS)
#: the clause kinds of DESIGN.md; "fee" too, as the DEV set writes it
KINDS = {*CLAUSE_KINDS, "fee"}
PENALTY_FORMS = {"daily_rate", "rate_of_principal", "rate_of_overdue_amount", "fixed_amount", "other"}
VALUE_FIELDS = ("interest_rate_annual", "overdue_rate_annual", "fee_rate_annual", "principal_cny")
_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)


def norm(text: str) -> str:
    return _PUNCT_RE.sub("", text)


def load_pool() -> dict[str, dict]:
    with (REAL / "pool.jsonl").open(encoding="utf-8") as fh:
        return {it["id"]: it for it in map(json.loads, fh)}


def _number_ok(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return False
    try:
        Decimal(str(v))
    except InvalidOperation:
        return False
    return True


def offsets(text: str, entity: dict) -> tuple[int, int] | None:
    """Where the ``occurrence``-th copy of the entity's text starts and ends in ``text``."""
    needle, want = entity.get("text", ""), int(entity.get("occurrence", 1) or 1)
    if not needle:
        return None
    pos = -1
    for _ in range(want):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(needle)


def problems(label: dict, pool: dict[str, dict]) -> list[str]:
    out: list[str] = []
    item = pool.get(label.get("id", ""))
    if item is None:
        return [f"unknown id {label.get('id')!r}"]
    for e in label.get("entities", []):
        if e.get("label") not in LABELS:
            out.append(f"label {e.get('label')!r} is not one of DESIGN.md's")
        if offsets(item["text"], e) is None:
            out.append(f"entity text {e.get('text')!r} (occurrence {e.get('occurrence', 1)}) not in the item")
    gold = label.get("gold")
    if not isinstance(gold, dict):
        return [*out, "gold missing"]
    for k in VALUE_FIELDS:
        if k not in gold:
            out.append(f"gold.{k} missing (use null)")
        elif not _number_ok(gold[k]):
            out.append(f"gold.{k} = {gold[k]!r} is not a number or null")
    pen = gold.get("penalty", "absent")
    if pen == "absent":
        out.append("gold.penalty missing (use null)")
    elif pen is not None and (
        not isinstance(pen, dict) or pen.get("form") not in PENALTY_FORMS or not _number_ok(pen.get("value"))
    ):
        out.append(
            f"gold.penalty = {pen!r}: needs form in {sorted(PENALTY_FORMS)} and a number or null value"
        )
    kinds = gold.get("kinds")
    if not isinstance(kinds, list) or any(k not in KINDS for k in kinds):
        out.append(f"gold.kinds = {kinds!r}: a list of clause kinds")
    return out


def check(path: Path) -> int:
    pool = load_pool()
    bad = 0
    seen: set[str] = set()
    n = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            n += 1
            try:
                label = json.loads(raw)
            except json.JSONDecodeError as exc:
                print(f"{path}:{lineno}: not JSON: {exc}")
                bad += 1
                continue
            if label.get("id") in seen:
                print(f"{path}:{lineno}: {label.get('id')}: labelled twice")
                bad += 1
            seen.add(label.get("id"))
            for p in problems(label, pool):
                print(f"{path}:{lineno}: {label.get('id')}: {p}")
                bad += 1
    print(f"{n} items, {bad} problems")
    return 1 if bad else 0


def build() -> int:
    pool = load_pool()
    labelled: dict[str, dict] = {}
    for path in sorted((REAL / "labels").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for raw in fh:
                if raw.strip():
                    try:
                        label = json.loads(raw)
                    except json.JSONDecodeError:
                        print(f"{path}: a line that is not JSON (still being written?), skipped")
                        continue
                    if problems(label, pool):
                        print(f"{path}: {label.get('id')}: refused ({'; '.join(problems(label, pool))})")
                        continue
                    labelled[label["id"]] = label
    by_split: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    for item_id, label in labelled.items():
        item = pool[item_id]
        ents = []
        for e in label.get("entities", []):
            start, end = offsets(item["text"], e)  # type: ignore[misc]
            ents.append({"label": e["label"], "text": e["text"], "start": start, "end": end})
        ents.sort(key=lambda e: (e["start"], e["end"]))
        by_split[item["split"]].append(
            {
                "id": item_id,
                "doc": item["doc"],
                "source": item["source"],
                "text": item["text"],
                "entities": ents,
                "gold": label["gold"],
            }
        )
    for split, rows in by_split.items():
        rows.sort(key=lambda r: r["id"])
        with (REAL / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(
            f"{split:5}  {len(rows):5} items  {sum(1 for r in rows if r['entities']):5} with an entity  "
            f"{len({r['doc'] for r in rows}):3} documents"
        )
    total = sum(len(r) for r in by_split.values())
    print(
        f"all    {total:5} items  {sum(1 for r in by_split.values() for x in r if x['entities']):5} with an entity"
    )
    seen = {norm(r["text"]) for s in ("train", "dev") for r in by_split[s]}
    with (ROOT / "data/eval/clauses_dev.jsonl").open(encoding="utf-8") as fh:
        seen |= {norm(json.loads(x)["text"]) for x in fh}
    leaks = [r["id"] for r in by_split["test"] if norm(r["text"]) in seen]
    print(
        f"leak check: {len(leaks)} test-real items occur in train, dev-real or DEV"
        + (f": {leaks[:10]}" if leaks else "")
    )
    return 1 if leaks else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="check one label file")
    c.add_argument("path", type=Path)
    sub.add_parser("build", help="assemble data/real/{train,dev,test}.jsonl")
    args = ap.parse_args()
    sys.exit(check(args.path) if args.cmd == "check" else build())


if __name__ == "__main__":
    main()
