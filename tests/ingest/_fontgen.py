"""Fonts that a machine might have installed, made on the spot with fontTools (no font is downloaded or
installed in the system): a "Chinese system font" and "Latin system fonts" under the names PDFium's font
mapper looks for when a PDF names STSong-Light, SimSun, Helvetica … without embedding them.

Their metrics are deliberately unlike the PDFs' width tables (every Latin glyph 700 units wide, every CJK
glyph 930, ascent 900 / descent -150), so any measurement taken from the substitute instead of from the PDF
shows up as a difference of points, not hundredths.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

# (file, family name, OS/2 code page bits): bit 18 = GB2312 (Simplified Chinese), bit 0 = Latin 1
FAMILIES = (
    ("simsun.ttf", "SimSun", (1 << 18) | 1),
    ("stsong.ttf", "STSong", (1 << 18) | 1),
    ("arial.ttf", "Arial", 1),
    ("helvetica.ttf", "Helvetica", 1),
    ("liberationsans.ttf", "Liberation Sans", 1),
    ("times.ttf", "Times New Roman", 1),
)
_CJK_RANGES = ((0x2000, 0x206F), (0x3001, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFFEF))


def _box(width: int):
    pen = TTGlyphPen(None)
    pen.moveTo((50, -150))
    pen.lineTo((50, 880))
    pen.lineTo((width - 50, 880))
    pen.lineTo((width - 50, -150))
    pen.closePath()
    return pen.glyph()


def build_font(path: Path, family: str, code_pages: int) -> None:
    latin = list(range(0x21, 0x7F))
    chinese = bool(code_pages & (1 << 18))
    names = [".notdef", "space"] + [f"u{cp:04X}" for cp in latin] + (["cjk"] if chinese else [])
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    cmap = {0x20: "space"} | {cp: f"u{cp:04X}" for cp in latin}
    if chinese:
        cmap[0x3000] = "space"
        for lo, hi in _CJK_RANGES:
            cmap.update(dict.fromkeys(range(lo, hi + 1), "cjk"))
    fb.setupCharacterMap(cmap)
    glyphs = {name: _box(930 if name == "cjk" else 700) for name in names}
    glyphs["space"] = TTGlyphPen(None).glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (930 if name == "cjk" else 700, 50) for name in names})
    fb.setupHorizontalHeader(ascent=900, descent=-150)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(
        sTypoAscender=900,
        sTypoDescender=-150,
        usWinAscent=900,
        usWinDescent=150,
        ulCodePageRange1=code_pages,
        ulUnicodeRange1=1,
        ulUnicodeRange2=(1 << (59 - 32)) if chinese else 0,  # bit 59: CJK Unified Ideographs
    )
    fb.setupPost()
    fb.save(str(path))


def build_font_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file, family, code_pages in FAMILIES:
        build_font(folder / file, family, code_pages)
    return folder
