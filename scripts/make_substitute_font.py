#!/usr/bin/env python3
"""Build ``src/loanclause/ingest/data/cjk_substitute.ttf``: the one font the PDFium reader lets PDFium see.

    python scripts/make_substitute_font.py

A PDF that does not embed its Chinese font (STSong-Light, SimSun, 宋体 …) is read by PDFium with a substitute.
loanclause never renders, so the substitute needs no real glyph shapes; what it needs is that every character
has a glyph with a box, the same on every machine.  PDFium's text page judges "the same text object again, at
the same place" (its fake-bold filter) by those boxes, and with a substitute that lacks the glyph (no CJK font
installed) it drops punctuation drawn on its own and repeated lines.

Every character maps to one glyph: a box one em wide and a tenth of an em tall, on the baseline; so two text
objects overlap only when they are less than a tenth of an em apart, i.e. true overprints.  Widths in the file
are never used for positions (those come from the PDF's own /W or /DW), so 1,000 units for all is fine.
Requires fontTools (a dev dependency); the output is committed (≈ 50 KB) and is byte-for-byte reproducible.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

OUT = Path(__file__).resolve().parent.parent / "src" / "loanclause" / "ingest" / "data" / "cjk_substitute.ttf"
FAMILY = "loanclause CJK substitute"
RANGES = (
    (0x0020, 0x007E),  # ASCII: half-width digits and letters inside Chinese text
    (0x00A0, 0x024F),  # Latin-1 and Latin Extended
    (0x2000, 0x206F),  # general punctuation: — ‘ ’ “ ” …
    (0x2100, 0x22FF),  # letterlike symbols, number forms, arrows, mathematical operators (℃ ① ×)
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x25FF),  # box drawing, geometric shapes: ─ □ ■
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x33FF),  # CJK punctuation, kana, bopomofo, enclosed CJK, compatibility
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
)


def build(path: Path = OUT) -> Path:
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 100))
    pen.lineTo((1000, 100))
    pen.lineTo((1000, 0))
    pen.closePath()
    box = pen.glyph()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "box"])
    fb.setupCharacterMap({cp: "box" for lo, hi in RANGES for cp in range(lo, hi + 1)})
    fb.setupGlyf({".notdef": box, "box": box})
    fb.setupHorizontalMetrics({".notdef": (1000, 0), "box": (1000, 0)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    fb.setupOS2(
        sTypoAscender=880,
        sTypoDescender=-120,
        usWinAscent=880,
        usWinDescent=120,
        # code pages: Latin 1, JIS, Chinese Simplified, Korean Wansung, Chinese Traditional
        ulCodePageRange1=(1 << 0) | (1 << 17) | (1 << 18) | (1 << 19) | (1 << 20),
        ulUnicodeRange1=1,
        ulUnicodeRange2=(1 << (48 - 32)) | (1 << (59 - 32)),  # CJK symbols and punctuation; CJK ideographs
    )
    fb.setupPost()
    fb.font["head"].created = fb.font["head"].modified = 0  # reproducible bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path


if __name__ == "__main__":
    out = build()
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
