"""The bundled fixtures and their hand-checked expectations, shared by the evaluation and benchmark scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
EXPECTED = ROOT / "fixtures" / "expected"


@dataclass
class Fixture:
    name: str
    path: Path
    expected: dict

    @property
    def readable(self) -> bool:
        return bool(self.expected.get("readable"))


def fixtures() -> Iterator[Fixture]:
    for spec in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(spec.read_text(encoding="utf-8"))
        yield Fixture(spec.stem, CONTRACTS / expected["file"], expected)


def readable_fixtures() -> list[Fixture]:
    return [f for f in fixtures() if f.readable]
