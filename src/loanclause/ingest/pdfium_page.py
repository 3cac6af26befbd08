"""The text-layer fast path: a page's glyphs, rules and pictures read with PDFium (pypdfium2) instead of pdfminer.

pdfminer interprets every content stream in Python; PDFium does it in C (ingest + segment about three times
faster on the fixtures: ``scripts/bench.py ingest``).  This module only *reads*: for each page it returns the same raw material ``pdf._read_page``
collects from pdfminer's layout tree (glyph boxes in pdfplumber's coordinates, baseline, size, whether the
glyph is upright; vertical rules; picture area), and ``ingest.pdf`` builds lines and paragraphs from it
exactly as for pdfminer, so both paths give the same ``Document``.

What PDFium is not trusted with, ``read_pdf`` leaves to pdfplumber: a file without an end-of-file marker
(PDFium repairs truncated files silently, the user should hear that the file is cut short), a rotated page
(``/Rotate``; PDFium's character boxes are in unrotated space), a font without a Unicode mapping (pdfminer
marks such glyphs ``(cid:NN)``, PDFium guesses), and any file PDFium cannot open — pdfplumber then gives the
one-line reason (encrypted, corrupt …).

Box conventions, as pdfminer gives them: a glyph's box runs from the advance's left to its right edge and
from ``baseline + descent`` to ``baseline + descent + font size``; PDFium's "loose" character box has the
advance width and the font's ascent/descent, so x0/x1 match and the vertical extent is rebuilt from the
baseline (``FPDFText_GetCharOrigin``) and the size (the text matrix's vertical scale × the font size).

Same file, same glyphs on every machine.  A font the PDF does not embed (STSong-Light, SimSun, 宋体 in most bank
and platform exports) is drawn with a substitute, and PDFium would pick it from the machine's installed fonts:
glyph boxes, and even which text objects its text page keeps, would then depend on the user's machine.  So
(1) PDFium is told to use no system fonts at all, only its built-in Latin ones and a CJK substitute shipped
with loanclause (``pdfium_fonts``, installed once before the first read; ``LOANCLAUSE_PDFIUM_SYSTEM_FONTS=1`` leaves an application's font set-up alone, at the
cost of that guarantee), (2) for such fonts the advance and descent are the ones the PDF states (``/W``,
``/Widths``, ``/Descent``: what pdfminer reads), never the substitute's, and (3) a text object the text page
left out must be an overprint of a kept glyph, or the file goes to pdfminer (``_read_objects``).

PDFium is not thread-safe: all calls go through one lock (the scan engine uses processes; a threaded Dask
worker would otherwise crash).
"""

from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass, field

__all__ = ["FastPathUnavailable", "PageGlyphs", "read_pages"]

_LOCK = threading.Lock()

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_*
_SEG_BEZIERTO, _SEG_MOVETO = 1, 2  # FPDF_SEGMENT_*


class FastPathUnavailable(Exception):
    """PDFium cannot or should not read this file; the caller reads it with pdfplumber instead."""


@dataclass(slots=True)
class PageGlyphs:
    """One page as PDFium sees it.  ``glyphs``: ``(text, x0, x1, top, bottom, baseline, size, upright)``."""

    number: int
    width: float
    height: float
    glyphs: list[tuple[str, float, float, float, float, float, float, bool]] = field(default_factory=list)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    graphics: int = 0
    image_area: float = 0.0


def read_pages(data: bytes, first: int, last: int | None) -> tuple[int, dict[str, str], list[PageGlyphs]]:
    """``(page count, the info dictionary, pages first..last)``; raises ``FastPathUnavailable`` when pdfplumber
    must read."""
    if b"%%EOF" not in data[-2048:]:
        raise FastPathUnavailable("no end-of-file marker")
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:  # pragma: no cover - pypdfium2 is a dependency of pdfplumber
        raise FastPathUnavailable("pypdfium2 is not installed") from exc
    with _LOCK:
        _detach_system_fonts(raw)
        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as exc:  # password, damaged file: pdfplumber gives the reason
            raise FastPathUnavailable(str(exc)) from exc
        try:
            total = len(pdf)
            try:
                metadata = pdf.get_metadata_dict(skip_empty=True)
            except Exception:  # metadata is optional
                metadata = {}
            if total == 0 or first > total:
                return total, metadata, []
            end = total if last is None else min(last, total)
            pages = []
            for index in range(first - 1, end):
                page = pdf[index]
                try:
                    if page.get_rotation() % 360:
                        raise FastPathUnavailable("rotated page")
                    pages.append(_read_page(raw, page, index + 1))
                finally:
                    page.close()
            return total, metadata, pages
        except FastPathUnavailable:
            raise
        except Exception as exc:
            from loanclause.ingest.pdf import _raised_by_pdf_library

            if not _raised_by_pdf_library(exc):
                raise  # a bug of ours: let it show, do not hide it behind the slow path
            raise FastPathUnavailable(f"{type(exc).__name__}: {exc}") from exc
        finally:
            pdf.close()


_FONTS_SET: list[bool] = []


def _detach_system_fonts(raw) -> None:
    """Detach PDFium from the machine's fonts (process-wide, once): its substitutes are then loanclause's own
    CJK box font (``pdfium_fonts``) and PDFium's built-in Latin fonts, everywhere.  loanclause never renders, so
    nothing it shows changes; an application that renders with pypdfium2 in the same process and needs system
    fonts sets ``LOANCLAUSE_PDFIUM_SYSTEM_FONTS=1``."""
    if _FONTS_SET:
        return
    _FONTS_SET.append(True)
    if os.environ.get("LOANCLAUSE_PDFIUM_SYSTEM_FONTS", "") not in ("", "0"):
        return
    from loanclause.ingest import pdfium_fonts

    pdfium_fonts.install(raw)


def _read_page(raw, page, number: int) -> PageGlyphs:
    left, bottom_edge, right, top_edge = page.get_mediabox()
    width, height = right - left, top_edge - bottom_edge
    out = PageGlyphs(number=number, width=width, height=height)
    # pdfplumber's coordinates: x as in the file, ``top`` measured down from the media box's top
    y_flip = height + 2 * bottom_edge
    textpage = page.get_textpage()
    try:
        read = _read_glyphs(raw, textpage.raw, out, y_flip)
    finally:
        textpage.close()
    _read_objects(raw, page.raw, out, y_flip, (left, bottom_edge, right, top_edge), read)
    return out


def _read_glyphs(raw, tp, out: PageGlyphs, y_flip: float) -> set[int]:
    """Fills ``out.glyphs``; returns the text objects the text page holds glyphs of."""
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return set()
    # the whole page's text in one call (one UTF-16 unit per character index), then per glyph only geometry
    buffer = ctypes.create_string_buffer((n + 1) * 2)
    written = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", "surrogatepass")
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    api = _bare_api()
    if api is None:
        api = raw
    else:
        tp = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)
    is_generated, map_error = api.FPDFText_IsGenerated, api.FPDFText_HasUnicodeMapError
    loose_box, origin = api.FPDFText_GetLooseCharBox, api.FPDFText_GetCharOrigin
    font_size, get_matrix = api.FPDFText_GetFontSize, api.FPDFText_GetMatrix
    text_object = api.FPDFText_GetTextObject
    metrics = _FontMetrics(api)
    fonts_of, widths = metrics.fonts_of, metrics.widths
    checked = (
        None if api is not raw else _address
    )  # typed pointers from the checked API, ints from the bare one
    rect_ref, ox_ref, oy_ref, m_ref = (
        ctypes.byref(rect),
        ctypes.byref(ox),
        ctypes.byref(oy),
        ctypes.byref(matrix),
    )
    glyphs = out.glyphs
    high = ""
    for i, text in enumerate(units):
        if text in " \r\n" and is_generated(tp, i) == 1:  # PDFium's own word and line breaks
            continue
        if "\ud800" <= text <= "\udbff":  # the first half of a surrogate pair: the glyph is the next index
            high = text
            continue
        if high and "\udc00" <= text <= "\udfff":
            text = (high + text).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        high = ""
        if map_error(tp, i) == 1:
            # pdfminer writes such glyphs as (cid:NN) and the page gets its broken-font warning; PDFium would
            # guess a code point (sometimes a plausible wrong one), so the whole file goes to pdfminer
            raise FastPathUnavailable("a font without a Unicode mapping")
        if text in "\x00\ufffe":
            text = "\ufffd"
        if not origin(tp, i, ox_ref, oy_ref):
            continue
        get_matrix(tp, i, m_ref)
        a, b, d = matrix.a, matrix.b, matrix.d
        points = font_size(tp, i)
        size = points * (d if d > 0 else abs(d) or 1.0)
        base_y = oy.value
        obj = text_object(tp, i)
        font = fonts_of.get(obj if checked is None else checked(obj), _UNSEEN)
        if font is _UNSEEN:
            font = metrics.font_of(obj)
        if font is None:  # an embedded font: its own program is in the file, the same on every machine
            if not loose_box(tp, i, rect_ref):
                continue
            x0, x1 = rect.left, rect.right
            # pdfminer's box: baseline + descent … + size; the loose box's bottom is baseline + descent
            descent = min(rect.bottom - base_y, 0.0)
        else:  # a font the machine substitutes: the advance and descent the PDF states, never the substitute's
            advance = widths.get((font[0], text))
            if advance is None:
                advance = metrics.advance(font, text)
            x0 = ox.value
            x1 = x0 + advance * points * a
            descent = min(font[2] * size, 0.0)
        glyphs.append(
            (
                text,
                x0,
                x1,
                y_flip - (base_y + descent + size),
                y_flip - (base_y + descent),
                y_flip - base_y,
                size,
                a > 0 and d > 0 and abs(b) <= 0.1 * a,
            )
        )
    return set(fonts_of)


_UNSEEN = object()


class _FontMetrics:
    """The font of each text object: ``None`` when embedded, else ``(address, handle, descent)``; and the
    advances of its glyphs, per unit of font size.

    A font that is not embedded is drawn by PDFium with whatever the machine has (a CJK system font, or its
    built-in fallback): its glyph boxes, and so the lines and paragraphs built from them, would depend on the
    user's installed fonts.  The PDF's own width table (``/W``, ``/DW``, ``/Widths``) and font descriptor
    (``/Descent``) are what pdfminer reads, and what PDFium itself positions the next glyph by; both readers then
    agree, on every machine."""

    __slots__ = ("_api", "_fonts", "_width", "fonts_of", "widths")

    def __init__(self, api) -> None:
        self._api = api
        self.fonts_of: dict[int | None, tuple | None] = {}  # text object address -> font
        self.widths: dict[tuple[int, str], float] = {}  # (font address, glyph) -> advance
        self._fonts: dict[int, tuple | None] = {}
        self._width = ctypes.c_float()

    def font_of(self, text_object) -> tuple | None:
        handle = _address(text_object)
        if handle is None:
            raise FastPathUnavailable("a glyph without a text object")
        api = self._api
        font = api.FPDFTextObj_GetFont(text_object)
        key = _address(font)
        if not key:
            raise FastPathUnavailable("a text object without a font")
        if key not in self._fonts:
            if api.FPDFFont_GetIsEmbedded(font) == 1:
                self._fonts[key] = None
            else:
                value = ctypes.c_float()
                if not api.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(value)):
                    raise FastPathUnavailable("a font without a descent")
                self._fonts[key] = (key, font, value.value)
        entry = self.fonts_of[handle] = self._fonts[key]
        return entry

    def advance(self, font: tuple, text: str) -> float:
        """The glyph's advance as the PDF states it (PDFium maps the character back to its code)."""
        if not self._api.FPDFFont_GetGlyphWidth(
            font[1], ord(text[0]), ctypes.c_float(1.0), ctypes.byref(self._width)
        ):
            raise FastPathUnavailable("a glyph whose width the font does not state")
        self.widths[(font[0], text)] = value = self._width.value
        return value


def _address(handle) -> int | None:
    """A PDFium handle as an int (the bare API returns ints, pypdfium2's checked one typed pointers)."""
    if handle is None or isinstance(handle, int):
        return handle
    return ctypes.cast(handle, ctypes.c_void_p).value


_BARE: list[ctypes.CDLL | None] = []


def _bare_api() -> ctypes.CDLL | None:
    """The PDFium library without pypdfium2's argument checking: a third of the cost per call, which is what
    the per-glyph loop pays for (five calls a glyph).  Callers pass ``c_void_p`` handles and ``byref`` structs.
    None when the library cannot be found this way (it relies on pypdfium2_raw's loader; the checked functions
    then serve, slower)."""
    if not _BARE:
        try:
            import pypdfium2_raw.bindings as bindings

            lib = ctypes.CDLL(bindings._libs["pdfium"]._name)
            lib.FPDFText_GetFontSize.restype = ctypes.c_double
            lib.FPDFText_GetTextObject.restype = ctypes.c_void_p
            lib.FPDFTextObj_GetFont.restype = ctypes.c_void_p
            lib.FPDFTextObj_GetFont.argtypes = [ctypes.c_void_p]
            lib.FPDFFont_GetIsEmbedded.argtypes = [ctypes.c_void_p]
            lib.FPDFFont_GetDescent.argtypes = [
                ctypes.c_void_p,
                ctypes.c_float,
                ctypes.POINTER(ctypes.c_float),
            ]
            lib.FPDFFont_GetGlyphWidth.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint32,
                ctypes.c_float,
                ctypes.POINTER(ctypes.c_float),
            ]
            _BARE.append(lib)
        except Exception:  # a future pypdfium2 that loads the library differently
            _BARE.append(None)
    return _BARE[0]


def _read_objects(
    raw, page_raw, out: PageGlyphs, y_flip: float, mediabox: tuple[float, ...], read: set[int]
) -> None:
    """Vertical rules from paths (pdfminer's ``LTLine`` / thin or stroked ``LTRect``) and the area of pictures;
    and a check that no text was lost (``read``: the text objects whose glyphs the text page holds).

    PDFium's text page drops a text object that repeats the previous one "at the same place" (its fake-bold
    filter), and judges the place by the object's box, which comes from the font program: for a font the
    machine substitutes, two identical lines a line apart can look like one when the substitute has no such
    glyphs.  pdfminer keeps every object and ``ingest.pdf`` drops true overprints itself; so an object PDFium
    dropped must sit on a glyph that was kept (an overprint), or the file goes to pdfminer."""
    page_area = max(out.width * out.height, 1.0)
    image_area = 0.0
    m = raw.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    px, py = ctypes.c_float(), ctypes.c_float()
    bl, bb, br, bt = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    kept = _KeptGlyphs(out.glyphs)

    def walk(objects, parent: tuple[float, ...] | None) -> None:
        nonlocal image_area
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _OBJ_TEXT:
                if _address(obj) not in read:
                    raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
                    own = (m.a, m.b, m.c, m.d, m.e, m.f)
                    full = own if parent is None else _compose(own, parent)
                    x, y = full[4], y_flip - full[5]
                    if not kept.under(x, y):
                        raise FastPathUnavailable("PDFium's text page left out a text object")
            elif kind == _OBJ_FORM:
                raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
                count = raw.FPDFFormObj_CountObjects(obj)
                walk(
                    (raw.FPDFFormObj_GetObject(obj, k) for k in range(max(count, 0))),
                    own if parent is None else _compose(own, parent),
                )
            elif kind == _OBJ_IMAGE:
                out.graphics += 1
                if raw.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, (bl, bb, br, bt))):
                    x0, y0, x1, y1 = _transform_box((bl.value, bb.value, br.value, bt.value), parent)
                    w = max(0.0, min(x1, mediabox[2]) - max(x0, mediabox[0]))
                    h = max(0.0, min(y1, mediabox[3]) - max(y0, mediabox[1]))
                    image_area += w * h
            elif kind == _OBJ_PATH:
                raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
                full = own if parent is None else _compose(own, parent)
                raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
                for points, curved in _subpaths(raw, obj, px, py):
                    out.graphics += 1
                    if curved:
                        continue
                    pts = [_apply(full, x, y) for x, y in points]
                    _add_rules(out, pts, bool(stroke.value), y_flip)

    page_objects = (
        raw.FPDFPage_GetObject(page_raw, k) for k in range(max(raw.FPDFPage_CountObjects(page_raw), 0))
    )
    walk(page_objects, None)
    out.image_area = image_area / page_area
    out.vrules.sort()


class _KeptGlyphs:
    """Where the kept glyphs start, on a 2-point grid, built on the first dropped object only."""

    __slots__ = ("_cells", "_glyphs")

    def __init__(self, glyphs) -> None:
        self._glyphs = glyphs
        self._cells: dict[tuple[int, int], list[tuple[float, float, float]]] | None = None

    def under(self, x: float, baseline: float) -> bool:
        """Whether a glyph starts within a tenth of its size of ``(x, baseline)``: stricter than the fake-bold
        rule of ``ingest.pdf`` (a third of the size), so what passes here that rule drops as well."""
        if self._cells is None:
            self._cells = {}
            for g in self._glyphs:
                self._cells.setdefault((int(g[1] // 2), int(g[5] // 2)), []).append(
                    (g[1], g[5], g[6] or 10.0)
                )
        cx, cy = int(x // 2), int(baseline // 2)
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for gx, gy, size in self._cells.get((i, j), ()):
                    if abs(gx - x) <= 0.1 * size and abs(gy - baseline) <= 0.1 * size:
                        return True
        return False


def _subpaths(raw, obj, px, py):
    """Each subpath of a path object as ``(points, has_curve)`` (pdfminer paints subpaths one by one)."""
    current: list[tuple[float, float]] = []
    curved = False
    for k in range(max(raw.FPDFPath_CountSegments(obj), 0)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py))
        if kind == _SEG_MOVETO and current:
            yield current, curved
            current, curved = [], False
        if kind == _SEG_BEZIERTO:
            curved = True
        current.append((px.value, py.value))
    if current:
        yield current, curved


def _add_rules(out: PageGlyphs, pts: list[tuple[float, float]], stroked: bool, y_flip: float) -> None:
    """pdfminer's classification: 2 points → a line; 4–5 axis-parallel points → a rectangle."""
    if len(pts) < 2:
        return
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1 = min(xs), max(xs)
    top, bottom = y_flip - max(ys), y_flip - min(ys)
    w = x1 - x0
    distinct = list(dict.fromkeys((round(x, 3), round(y, 3)) for x, y in pts))
    is_line = len(distinct) == 2
    is_rect = not is_line and len(distinct) == 4 and _axis_parallel(pts)
    if is_line or (is_rect and w < 2.5):
        if w < 2.5 and bottom - top > 3:
            out.vrules.append(((x0 + x1) / 2, top, bottom))
    elif is_rect and stroked and bottom - top > 3:
        out.vrules.append((x0, top, bottom))
        out.vrules.append((x1, top, bottom))


def _axis_parallel(pts: list[tuple[float, float]]) -> bool:
    return all(
        abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01
        for a, b in zip(pts, pts[1:] + pts[:1], strict=True)
    )


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _transform_box(box: tuple[float, float, float, float], m: tuple[float, ...] | None) -> tuple[float, ...]:
    if m is None:
        return box
    corners = [_apply(m, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (min(xs), min(ys), max(xs), max(ys))
