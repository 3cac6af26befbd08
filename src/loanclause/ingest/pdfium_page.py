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

PDFium is not thread-safe: all calls go through one lock (the scan engine uses processes; a threaded Dask
worker would otherwise crash).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field

__all__ = ["FastPathUnavailable", "PageGlyphs", "read_pages"]

_LOCK = threading.Lock()

_OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 2, 3, 5  # FPDF_PAGEOBJ_*
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


def _read_page(raw, page, number: int) -> PageGlyphs:
    left, bottom_edge, right, top_edge = page.get_mediabox()
    width, height = right - left, top_edge - bottom_edge
    out = PageGlyphs(number=number, width=width, height=height)
    # pdfplumber's coordinates: x as in the file, ``top`` measured down from the media box's top
    y_flip = height + 2 * bottom_edge
    textpage = page.get_textpage()
    try:
        _read_glyphs(raw, textpage.raw, out, y_flip)
    finally:
        textpage.close()
    _read_objects(raw, page.raw, out, y_flip, (left, bottom_edge, right, top_edge))
    return out


def _read_glyphs(raw, tp, out: PageGlyphs, y_flip: float) -> None:
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return
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
        if not loose_box(tp, i, rect_ref) or not origin(tp, i, ox_ref, oy_ref):
            continue
        get_matrix(tp, i, m_ref)
        a, b, d = matrix.a, matrix.b, matrix.d
        size = font_size(tp, i) * (d if d > 0 else abs(d) or 1.0)
        base_y = oy.value
        # pdfminer's box: baseline + descent … + size; the loose box's bottom is baseline + descent
        descent = min(rect.bottom - base_y, 0.0)
        glyphs.append(
            (
                text,
                rect.left,
                rect.right,
                y_flip - (base_y + descent + size),
                y_flip - (base_y + descent),
                y_flip - base_y,
                size,
                a > 0 and d > 0 and abs(b) <= 0.1 * a,
            )
        )


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
            _BARE.append(lib)
        except Exception:  # a future pypdfium2 that loads the library differently
            _BARE.append(None)
    return _BARE[0]


def _read_objects(raw, page_raw, out: PageGlyphs, y_flip: float, mediabox: tuple[float, ...]) -> None:
    """Vertical rules from paths (pdfminer's ``LTLine`` / thin or stroked ``LTRect``) and the area of pictures."""
    page_area = max(out.width * out.height, 1.0)
    image_area = 0.0
    m = raw.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    px, py = ctypes.c_float(), ctypes.c_float()
    bl, bb, br, bt = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()

    def walk(objects, parent: tuple[float, ...] | None) -> None:
        nonlocal image_area
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _OBJ_FORM:
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
