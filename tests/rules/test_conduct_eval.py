"""The conduct rules on the labelled real DEV text (``data/eval/conduct_dev.jsonl``): a guard that tuning keeps
precision.  The held-out figure (``conduct_test.jsonl``) is printed by ``scripts/eval_conduct.py``, never asserted
here, so that no test pulls the rules towards the test set."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("eval_conduct", ROOT / "scripts" / "eval_conduct.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_dev_precision_and_recall() -> None:
    ev = _script()
    items = ev.read_jsonl(ev.SETS["dev"])
    assert len(items) >= 700
    table = ev.score(items, ev.predict(items))
    for code, t in table.items():
        hits = t["tp"] + t["fp"]
        assert hits == 0 or t["tp"] / hits >= 0.9, (code, t)
    tp = sum(t["tp"] for t in table.values())
    gold = sum(t["tp"] + t["fn"] for t in table.values())
    assert tp / gold >= 0.8
