"""Helpers for the batch tests.

Workers are real processes; the test-only hooks of ``loanclause.batch._testhooks`` (switched on by
``LOANCLAUSE_TEST_HOOKS=1``) make them use ``batch_doubles.fake_analyze`` and let a file hang, crash or eat memory.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent.parent / "src"


def contract_text(i: int, *, codes: tuple[str, ...] = ("LC101 error",), extra: str = "") -> str:
    lines = [f"借款合同 第{i}号", "出借人：张三", "借款人：李四", f"#PRINCIPAL {10000 + i}", "#RATE 0.36"]
    lines += [f"#FINDING {c}" for c in codes]
    return "\n".join(lines) + "\n" + extra


def write_contracts(folder: Path, n: int, **kw) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"c{i:02d}.txt"
        path.write_text(contract_text(i, **kw), encoding="utf-8")
        paths.append(path)
    return paths


def hook_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess running the CLI with the test hooks on."""
    env = dict(os.environ)
    env.update(
        LOANCLAUSE_TEST_HOOKS="1",
        LOANCLAUSE_TEST_ANALYZER="batch_doubles:fake_analyze",
        PYTHONPATH=os.pathsep.join([str(HERE), str(SRC), env.get("PYTHONPATH", "")]),
    )
    env.update(extra)
    return env


def db_rows(db: Path, where: str = "1") -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(f"SELECT * FROM files WHERE {where} ORDER BY path, member").fetchall()
    finally:
        conn.close()


def analysis_log(path: Path) -> list[str]:
    return [line.split()[0] for line in path.read_text().splitlines()] if path.exists() else []
