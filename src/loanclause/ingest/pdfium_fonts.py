"""The only font PDFium may substitute with: ``data/cjk_substitute.ttf``, offered through PDFium's font-info hook.

A PDF that does not embed its Chinese font needs a substitute, and PDFium would take one from the machine's
installed fonts, so the same file would read differently on two machines (issue 9).  With no system fonts at
all PDFium falls back to its built-in Latin fonts, which have no Chinese glyphs: its text page then treats a
lone "、" or a repeated line as an overprint and leaves it out, and the reader has to hand such files to the
slow pdfminer path.  So PDFium gets exactly one font for the CJK character sets, shipped with loanclause: every
glyph a flat box (see ``scripts/make_substitute_font.py``).  Positions never come from it (``pdfium_page`` takes
advance and descent from the PDF), only the yes/no of "this character has a glyph".  Latin requests get no
answer from us, so PDFium uses its built-in Latin fonts, the same everywhere.

The structure and callbacks follow ``fpdf_sysfontinfo.h`` (version 1): PDFium asks ``EnumFonts`` which faces
exist, ``MapFont`` for a face by character set, then ``GetFontData`` for the file's bytes.  They must stay alive
as long as PDFium may call them, hence the module-level references.
"""

from __future__ import annotations

import ctypes
from importlib import resources

__all__ = ["install"]

FACE = b"loanclause CJK substitute"
_CJK_CHARSETS = (134, 136, 128, 129)  # FXFONT_GB2312_CHARSET, CHINESEBIG5, SHIFTJIS, HANGEUL
_HANDLE = 1  # the one font's handle: any non-null value PDFium passes back to us

_KEEP: list[object] = []  # the structure, its callbacks and the font bytes, alive for the process


def _font_bytes() -> bytes:
    return resources.files("loanclause.ingest").joinpath("data/cjk_substitute.ttf").read_bytes()


def install(raw) -> None:
    """Point PDFium's font mapper at the substitute (process-wide; call once, under the PDFium lock)."""
    data = _font_bytes()
    buffer = ctypes.create_string_buffer(data, len(data))
    types = dict(raw.FPDF_SYSFONTINFO._fields_)

    def release(_this):
        return None

    def enum_fonts(_this, mapper):
        for charset in _CJK_CHARSETS:
            raw.FPDF_AddInstalledFont(mapper, FACE, charset)

    def map_font(_this, _weight, _italic, charset, _pitch, _face, exact):
        if charset not in _CJK_CHARSETS:
            return None  # PDFium's built-in Latin fonts
        if exact:
            exact[0] = 0
        return _HANDLE

    def get_font(_this, face):
        name = ctypes.cast(face, ctypes.c_char_p).value if face else None
        return _HANDLE if name == FACE else None

    def get_font_data(_this, handle, table, out, size):
        if handle != _HANDLE or table != 0:  # table 0: the whole file; no single tables are offered
            return 0
        if out and size >= len(data):
            ctypes.memmove(out, buffer, len(data))
        return len(data)

    def get_face_name(_this, handle, out, size):
        if handle != _HANDLE:
            return 0
        if out and size > len(FACE):
            ctypes.memmove(out, FACE + b"\0", len(FACE) + 1)
        return len(FACE) + 1

    def get_font_charset(_this, handle):
        return 134 if handle == _HANDLE else 0

    def delete_font(_this, _handle):
        return None

    callbacks = {
        "Release": release,
        "EnumFonts": enum_fonts,
        "MapFont": map_font,
        "GetFont": get_font,
        "GetFontData": get_font_data,
        "GetFaceName": get_face_name,
        "GetFontCharset": get_font_charset,
        "DeleteFont": delete_font,
    }
    info = raw.FPDF_SYSFONTINFO(version=1, **{name: types[name](fn) for name, fn in callbacks.items()})
    _KEEP.extend((info, buffer, data))
    raw.FPDF_SetSystemFontInfo(ctypes.byref(info))
