"""The real-layout set (``fixtures/real_layouts``) is reproducible and complete: every PDF has its hand-read
headings, and the render script makes the same bytes again."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "fixtures" / "real_layouts"
SHARED = ROOT.parent / "shared" / "realdata"
sys.path.insert(0, str(ROOT / "scripts"))


def test_every_pdf_has_hand_read_headings():
    pdfs = sorted(p.stem for p in REAL.glob("*.pdf"))
    expected = sorted(p.stem for p in (REAL / "expected").glob("*.json"))
    assert len(pdfs) >= 10 and pdfs == expected
    for path in (REAL / "expected").glob("*.json"):
        want = json.loads(path.read_text(encoding="utf-8"))
        assert want["clauses"] and all("number" in c and "title" in c for c in want["clauses"])


@pytest.mark.skipif(not SHARED.is_dir(), reason="the source texts live in ../shared beside the checkout")
def test_render_is_deterministic():
    import make_real_layouts as m

    n, source = 3, m.SOURCES[2]
    assert m.render(source) == (REAL / m.pdf_name(n, source)).read_bytes()
