"""PDF → ``Document``, built glyph by glyph.

The glyphs come from one of two readers.  The default, PDFium (``pdfium_page``), interprets the content streams
in C and is several times faster; pdfminer, through pdfplumber, reads what PDFium should not be trusted with
(rotated pages, fonts without a Unicode map, files without an end-of-file marker, files PDFium cannot open) and
gives the one-line reason when a file cannot be read.  From pdfminer the glyphs (``LTChar``) are read directly
from the layout tree (``page.layout``) — the objects ``page.chars`` is made of, without building a dict per
character.  Everything after the glyphs is done here in one pass of plain Python, the same for both readers:

1. **Glyphs**: per page, every upright ``LTChar`` with its box in pdfplumber's coordinates (x0, top, x1, bottom;
   origin top-left) and its baseline.  Rotated glyphs (diagonal watermarks) are left out with a warning.
   Vertical rules (table borders) are collected from lines and rectangles.
2. **Lines**: glyphs are grouped by baseline (tolerance 0.3 × font size) and sorted by x.
3. **Fake bold**: a glyph with the same text as a glyph already kept on the line and nearly the same position
   (|Δx| ≤ min(0.35 × size, 0.6 × glyph width), |Δbaseline| ≤ 0.35 × size) is an overprint and is dropped.
   Genuine doubled characters (常常) are one advance apart and stay.
4. **Spaces**: a space glyph (ASCII, U+3000, NBSP …) gives one space, runs collapse.  No space is ever
   inferred between two CJK characters from tracking (character spacing).  An inferred space is added only
   between two ASCII letters/digits whose gap is a word gap (larger than the line's typical gap by 0.2 em).
   A gap crossed by a vertical rule (a ruled table) gives the cell separator ``" | "``; a very wide gap
   without a rule (≥ 2 em and ≥ 1.5 em above the line's typical gap: columns, signature blocks) gives ``" "``.
5. **Headers, footers, page numbers**: a line among the first/last three of a page, inside the top/bottom 15 %
   band, is dropped when the same line (digits replaced, spaces ignored), at the same height and size, occurs
   on at least half of the pages read (and on two or more); a page-number line (第3页 共10页, - 3 -, 3/10,
   Page 3 of 10, 3) in those positions is dropped on any page.
6. **Paragraphs**: consecutive lines are joined (no space next to CJK, one space between ASCII words) unless
   - the previous line ended the paragraph: the next line's first unbreakable piece (one character, opening
     brackets with what follows, or a whole ASCII run such as an account number) would have fitted after it
     before the text block's right edge.  The edge is computed per page from where lines end (lines ending
     in closing punctuation may hang into the margin and do not count; a page with a few short lines takes
     the document's edge);
   - the next line opens a clause, list item or block (第X条, 一、, （一）, (1), 1., 1.1, ①, 甲方：, 附件, 签字…);
     a wrapped line that starts with 第N条 is still joined when N is not the next article number (a
     reference: "…依照本合同" / "第十九条宣布…" inside article 13);
   - either line is a table row or has column gaps; the font size changes; the vertical gap exceeds the
     page's line pitch by 45 %; the next line is indented more than the previous one (a first-line indent;
     a hanging indent under a numbered item's first line is allowed);
   - both lines are fields of a form-like block (贷款人：… / 统一社会信用代码：…, or "如下：" then "借款金额：…"),
     or the next line is only a date.
   This runs across page breaks, so a sentence that continues on the next page stays one paragraph.
   (A sentence-final 。 at the margin is *not* taken as a paragraph end: the fixtures show sentences that go
   on after it, and Chinese paragraphs normally start indented or with a number.)
"""

from __future__ import annotations

import bisect
import io
import os
import re
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Any

from loanclause.errors import (
    CorruptDocument,
    EncryptedPDFError,
    InputError,
    NoTextLayerError,
    TruncatedFileError,
)
from loanclause.ingest.normalize import (
    DocumentBuilder,
    _char_table,
    is_cjk_or_fullwidth,
)
from loanclause.models import Document, DocumentWarning

if TYPE_CHECKING:
    from loanclause.ingest.pdfium_page import PageGlyphs

__all__ = ["CELL_SEPARATOR", "PDF_READERS", "read_pdf"]

CELL_SEPARATOR = " | "

Box = tuple[float, float, float, float]

_SPACE_CHARS = frozenset(
    " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_DROP_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\r\n")
_NUM_RE = re.compile(r"\d+")
_HAS_WORD_RE = re.compile(r"[A-Za-z\u4e00-\u9fff]")

_CN_NUM = "一二三四五六七八九十百千零〇两"
# A line that opens a new clause, list item or block never continues the previous paragraph.
_MARKER_RE = re.compile(
    r"^\s*(?:"
    rf"第[{_CN_NUM}\d]{{1,6}}[条章节部篇编](?![约规所的中项之款及和或至到、，,])"
    rf"|[{_CN_NUM}]{{1,4}}[、.．](?!\d)"
    rf"|[（(](?:[{_CN_NUM}]{{1,4}}|\d{{1,3}}|[a-zA-Z])[)）]"
    r"|\d{1,3}(?:[、)）]|[.．](?![\d%％]))"
    r"|\d{1,3}(?:[.．]\d{1,3})+(?:\s|(?=[\u4e00-\u9fff])(?![倍元万亿个月日年天期次分厘毫周]))"
    r"|[a-zA-Z][.)）、](?![a-zA-Z\d])"
    r"|[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u3251-\u325f\u32b1-\u32bf\u2776-\u277f]"
    r"|[•●■◆▪◇○□]"
    r"|[甲乙丙丁戊]方(?:[（(][^）)]{0,12}[）)])?(?:签[字章署]|盖章|签字盖章|签字或盖章)?\s*[：:]"
    r"|(?:出借人|借款人|贷款人|保证人|担保人|抵押人|质押人|出质人|债权人|债务人|委托人|受托人|法定代表人|住所|地址"
    r"|身份证号码?|联系电话|电话|开户行|户名|账号)(?:[（(][^）)]{0,12}[）)])?(?:签[字章署]|盖章|签字盖章)?\s*[：:]"
    r"|附件|附表|[（(]?(?:签[字章署]|盖章)(?:\s*[（(：:）)]|日期|地点|页|$)|[（(]以下无正文|[（(]此页无正文|以下无正文"
    r")"
)

# "借款金额：", "统一社会信用代码：", "贷款人（甲方）：": a field of a form-like block
_LABEL_RE = re.compile(r"^\s*[\u4e00-\u9fff]{2,10}(?:[（(][^）)]{0,12}[）)])?\s*[：:]")
# a line that is only a date (a signature date): 2024年5月1日, 二〇二四年五月一日, 中華民國一一三年二月二十六日
_DATE_LINE_RE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{0,8}[：:]\s*)?(?:中华民国|中華民國|公元)?\s*"
    rf"(?:\d{{2,4}}|[{_CN_NUM}]{{2,4}})\s*年\s*[\d{_CN_NUM}]{{1,3}}\s*月\s*[\d{_CN_NUM}]{{1,3}}\s*日\s*$"
)

_PAGE_NUMBER_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^第\s*[\d{_CN_NUM}]+\s*[页頁]\s*[,，/／、]?\s*(?:共\s*[\d{_CN_NUM}]+\s*[页頁])?$",
        rf"^共\s*[\d{_CN_NUM}]+\s*[页頁]\s*[,，/／、]?\s*第\s*[\d{_CN_NUM}]+\s*[页頁]$",
        r"^[-–—－~〜]\s*(?:\d+|[ivxlcdm]+)\s*[-–—－~〜]$",
        r"^\d+\s*[/／]\s*\d+$",
        r"^(?:page|p\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?$",
        r"^\d{1,4}$",
        r"^[ivxlcdm]{1,6}$",
        r"^[\[［(（]\s*\d+\s*[\]］)）]$",
    )
]


def _is_page_number(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 24 and any(r.match(t) for r in _PAGE_NUMBER_RES)


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# ------------------------------------------------------------------------------------------------ data


@dataclass(slots=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, from the top of the page
    size: float


@dataclass(slots=True)
class _Line:
    page: int  # 1-based page number
    text: str
    boxes: list[Box | None]
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    gap: float = 0.0  # typical gap between neighbouring glyphs (character spacing)
    table: bool = False  # a ruled table row (has a cell separator)
    columns: bool = False  # wide unruled gaps: columns, signature blocks

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    has_text: bool = False
    image_area: float = 0.0
    graphics: int = 0  # images and paths drawn (a scan, or text converted to outlines)
    error: str | None = None
    left: float = 0.0
    right: float = 0.0
    pitch: float = 0.0


# --------------------------------------------------------------------------------------------- reading


def _pdf_error(exc: BaseException, data: bytes) -> InputError:
    """Map a pdfminer/pdfplumber failure to an InputError with a one-line reason."""
    inner = exc
    # pdfplumber wraps pdfminer's exceptions in PdfminerException(args[0] = original)
    if exc.args and isinstance(exc.args[0], BaseException):
        inner = exc.args[0]
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return EncryptedPDFError("encrypted PDF: a password is needed")
    tail = data[-2048:]
    detail = str(inner).strip().splitlines()[0][:120] if str(inner).strip() else name
    if b"%%EOF" not in tail or name == "PSEOF":
        return TruncatedFileError(
            "truncated or corrupt PDF: no end-of-file marker (%%EOF), the file was cut short"
            if b"%%EOF" not in tail
            else f"truncated or corrupt PDF: unexpected end of data ({detail})"
        )
    if "Root" in detail or "xref" in detail.lower() or "trailer" in detail.lower():
        return InputError(f"corrupt PDF: no cross-reference table or document catalog ({detail})")
    if isinstance(inner, (TypeError, AttributeError, KeyError)):
        # a required entry (MediaBox, Resources, a stream length) is missing or points at nothing (a reference
        # cycle resolves to nothing, see pdfminer_guard): pdfminer then fails on a None
        return CorruptDocument(f"corrupt PDF: a required object is missing or refers to itself ({detail})")
    return InputError(f"corrupt PDF: {detail}")


def _raised_by_pdf_library(exc: BaseException) -> bool:
    """True when the innermost frame of the traceback is in pdfminer/pdfplumber/pypdfium2 (or what they call),
    False when it is in loanclause: a bug of ours, which must show instead of passing for a corrupt file."""
    tb = exc.__traceback__
    module = ""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    return not module.startswith("loanclause")


PDF_READERS = ("pdfium", "pdfminer")


def read_pdf(
    data: bytes, *, source: str | None = None, pages: tuple[int, int] | None = None, reader: str | None = None
) -> Document:
    """Read PDF bytes into a ``Document``; raises an ``InputError`` subclass on any failure.

    ``reader``: ``"pdfium"`` (default; the environment variable ``LOANCLAUSE_PDF_READER`` may set it) reads the
    glyphs with PDFium, several times faster, and hands a file to pdfminer when PDFium cannot be trusted with it
    (see ``pdfium_page``); ``"pdfminer"`` always reads through pdfplumber.  Both build the same lines and
    paragraphs from the glyphs; ``metadata["pdf_reader"]`` says which one read the file."""
    reader = reader or os.environ.get("LOANCLAUSE_PDF_READER") or "pdfium"
    if reader not in PDF_READERS:
        raise ValueError(f"unknown PDF reader {reader!r}: expected one of {', '.join(PDF_READERS)}")
    if pages is not None and (pages[0] < 1 or pages[1] < pages[0]):
        raise InputError(f"invalid page range {pages[0]}-{pages[1]}")
    if reader == "pdfium":
        from loanclause.ingest.pdfium_page import FastPathUnavailable, read_pages

        first, last = pages if pages is not None else (1, None)
        fallback = ""
        try:
            total, info, raw_pages = read_pages(data, first, last)
        except FastPathUnavailable as exc:
            fallback = str(exc)
        else:
            if total > 0:
                _check_range(pages, total)
                warnings: list[DocumentWarning] = []
                read = [_page_from_pdfium(raw, warnings) for raw in raw_pages]
                metadata = _metadata(total, info, "pdfium")
                return _assemble(read, warnings, data=data, source=source, metadata=metadata)
        document = _read_with_pdfminer(data, source=source, pages=pages)
        if fallback:  # why PDFium was not trusted with this file: for whoever wonders why it read slowly
            document.metadata["pdfium_fallback"] = fallback[:200]
        return document
    return _read_with_pdfminer(data, source=source, pages=pages)


def _metadata(total: int, info: Any, reader: str) -> dict[str, str]:
    """The document metadata both readers report: page count, title/producer/creator, which reader."""
    metadata = {"page_count": str(total)}
    for key in ("Title", "Producer", "Creator"):
        value = info.get(key) if hasattr(info, "get") else None
        if isinstance(value, str) and value.strip():
            metadata[key.lower()] = value.strip()[:200]
    metadata["pdf_reader"] = reader
    return metadata


def _check_range(pages: tuple[int, int] | None, total: int) -> None:
    if pages is not None and pages[0] > total:
        raise InputError(f"page range {pages[0]}-{pages[1]} is out of range: the PDF has {total} pages")


def _read_with_pdfminer(data: bytes, *, source: str | None, pages: tuple[int, int] | None) -> Document:
    import pdfplumber

    from loanclause.ingest import pdfminer_guard

    pdfminer_guard.install()

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds; none may escape
        raise _pdf_error(exc, data) from exc
    try:
        with pdf:
            try:
                all_pages = pdf.pages
            except Exception as exc:
                raise _pdf_error(exc, data) from exc
            total = len(all_pages)
            if total == 0:
                raise InputError("corrupt PDF: it has no pages")
            _check_range(pages, total)
            first, last = pages if pages is not None else (1, total)
            last = min(last, total)
            try:
                info = pdf.metadata
            except Exception:  # metadata is optional
                info = {}
            metadata = _metadata(total, info, "pdfminer")
            read: list[_Page] = []
            warnings: list[DocumentWarning] = []
            for page in all_pages[first - 1 : last]:
                read.append(_read_page(page, warnings))
                page.close()
    except InputError:
        raise
    except RecursionError as exc:
        raise InputError("corrupt PDF: objects nested too deeply") from exc
    except Exception as exc:
        if not _raised_by_pdf_library(exc):
            raise  # a bug of ours: let it show
        raise _pdf_error(exc, data) from exc
    return _assemble(read, warnings, data=data, source=source, metadata=metadata)


def _read_page(page: Any, warnings: list[DocumentWarning]) -> _Page:
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

    number = page.page_number
    width = float(page.width)
    height = float(page.height)
    out = _Page(number=number, width=width, height=height)
    try:
        layout = page.layout
    except Exception as exc:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        out.error = f"{type(inner).__name__}: {str(inner)[:80]}"
        warnings.append(
            DocumentWarning(
                code="page_unreadable",
                page=number,
                message=f"第{number}页无法读取 / page {number} could not be read ({out.error})",
            )
        )
        return out
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    glyphs: list[_Glyph] = []
    rotated_glyphs: list[_Glyph] = []
    broken = 0
    vrules: list[tuple[float, float, float]] = []  # (x, top, bottom)
    image_area = 0.0
    page_area = max(width * height, 1.0)

    stack = [iter(layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                text = obj._text
                if not text:
                    continue
                if text in _DROP_CHARS:
                    continue
                g = _Glyph(
                    text,
                    obj.x0 + mb_x0,
                    obj.x1 + mb_x0,
                    height - obj.y1 + mb_top,
                    height - obj.y0 + mb_top,
                    height - obj.matrix[5] + mb_top,
                    obj.size,
                )
                if (
                    (len(text) > 1 and text.startswith("(cid:"))
                    or text == "\ufffd"
                    or (len(text) == 1 and (0xE000 <= ord(text) <= 0xF8FF))
                ):
                    broken += 1
                elif len(text) == 1 and ord(text) < 0x20:
                    broken += 1  # a control character: the font maps its glyphs to nonsense
                    g.text = "\ufffd"
                m = obj.matrix
                # horizontal, not mirrored: pdfminer's ``upright`` also accepts 45° rotations
                if m[0] > 0 and m[3] > 0 and abs(m[1]) <= 0.1 * m[0]:
                    glyphs.append(g)
                else:
                    rotated_glyphs.append(g)
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
            elif isinstance(obj, LTCurve):  # LTLine and LTRect are LTCurves
                out.graphics += 1
                x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
                top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
                w = x1 - x0
                if isinstance(obj, LTLine) or (isinstance(obj, LTRect) and w < 2.5):
                    if w < 2.5 and bottom - top > 3:
                        vrules.append(((x0 + x1) / 2, top, bottom))
                elif isinstance(obj, LTRect) and obj.stroke and bottom - top > 3:
                    vrules.append((x0, top, bottom))
                    vrules.append((x1, top, bottom))
            elif isinstance(obj, LTImage):
                out.graphics += 1
                w = max(0.0, min(obj.x1, width) - max(obj.x0, 0.0))
                h = max(0.0, min(obj.y1, height) - max(obj.y0, 0.0))
                image_area += w * h
        else:
            stack.pop()

    out.image_area = image_area / page_area
    vrules.sort()
    return _finish_page(out, glyphs, rotated_glyphs, broken, vrules, warnings)


def _finish_page(
    out: _Page,
    glyphs: list[_Glyph],
    rotated_glyphs: list[_Glyph],
    broken: int,
    vrules: list[tuple[float, float, float]],
    warnings: list[DocumentWarning],
) -> _Page:
    """What both readers share once the glyphs are collected: warnings, then lines."""
    number = out.number
    rotated = len(rotated_glyphs)
    if rotated:
        if rotated > len(glyphs):
            # the page's text itself is rotated: read it anyway, and say the order may be off
            glyphs.extend(rotated_glyphs)
            warnings.append(
                DocumentWarning(
                    code="rotated_text",
                    page=number,
                    message=f"第{number}页的文字是旋转排版的，阅读顺序可能有误 / "
                    f"page {number}: the text is rotated, reading order may be wrong",
                )
            )
        else:
            warnings.append(
                DocumentWarning(
                    code="rotated_text",
                    page=number,
                    message=f"第{number}页有{rotated}个旋转的字符（水印？）已忽略 / "
                    f"page {number}: {rotated} rotated characters (a watermark?) were left out",
                )
            )
    n_text = sum(1 for g in glyphs if g.text not in _SPACE_CHARS)
    if n_text == 0:
        warnings.append(_no_text_warning(number, blank=out.graphics == 0))
        return out
    out.has_text = True
    if broken > 0.05 * n_text:
        warnings.append(
            DocumentWarning(
                code="broken_font",
                page=number,
                message=f"第{number}页的字体缺少Unicode映射，文字可能是乱码（{broken}个字符）/ "
                f"page {number}: the font has no Unicode mapping, {broken} characters may be garbled "
                "((cid:NN), U+FFFD or private-use); OCR may be needed",
            )
        )
    out.lines = _build_lines(glyphs, vrules, number)
    return out


def _page_from_pdfium(raw: PageGlyphs, warnings: list[DocumentWarning]) -> _Page:
    out = _Page(number=raw.number, width=raw.width, height=raw.height)
    out.graphics = raw.graphics
    out.image_area = raw.image_area
    glyphs: list[_Glyph] = []
    rotated_glyphs: list[_Glyph] = []
    broken = 0
    for text, x0, x1, top, bottom, base, size, upright in raw.glyphs:
        if text in _DROP_CHARS:
            continue
        if ord(text) < 0x20:
            text = "\ufffd"  # a control character: the font maps its glyphs to nonsense
        if text == "\ufffd" or 0xE000 <= ord(text) <= 0xF8FF:
            broken += 1
        g = _Glyph(text, x0, x1, top, bottom, base, size)
        (glyphs if upright else rotated_glyphs).append(g)
    return _finish_page(out, glyphs, rotated_glyphs, broken, raw.vrules, warnings)


def _no_text_warning(number: int, *, blank: bool = False) -> DocumentWarning:
    if blank:
        message = (
            f"第{number}页没有文字层，也没有图像（空白页或内容无法解码）/ "
            f"page {number} has no text layer and nothing drawn (blank, or its content cannot be decoded)"
        )
    else:
        message = (
            f"第{number}页没有文字层（扫描件？需要OCR）/ page {number} has no text layer (scanned? needs OCR)"
        )
    return DocumentWarning(code="no_text_layer", page=number, message=message)


# ------------------------------------------------------------------------------------------ lines


def _build_lines(glyphs: list[_Glyph], vrules: list[tuple[float, float, float]], page: int) -> list[_Line]:
    xs = [r[0] for r in vrules]
    glyphs.sort(key=lambda g: (g.base, g.x0))
    lines: list[_Line] = []
    group: list[_Glyph] = []
    base = 0.0
    tol = 0.0
    for g in glyphs:
        if group and g.base - base <= tol:
            group.append(g)
            continue
        if group:
            line = _make_line(group, vrules, xs, page)
            if line is not None:
                lines.append(line)
        group = [g]
        base = g.base
        tol = 0.3 * g.size if g.size > 0 else 2.0
    if group:
        line = _make_line(group, vrules, xs, page)
        if line is not None:
            lines.append(line)
    return lines


def _rules_between(
    vrules: list[tuple[float, float, float]], xs: list[float], a: float, b: float, y: float
) -> int:
    """How many distinct vertical rules lie between x=a and x=b and cross height y."""
    i = bisect.bisect_left(xs, a - 0.5)
    n = 0
    last_x = -1e9
    while i < len(xs) and xs[i] <= b + 0.5:
        x, top, bottom = vrules[i]
        if top - 1 <= y <= bottom + 1 and x - last_x > 3:
            n += 1
            last_x = x
        i += 1
    return n


def _make_line(
    group: list[_Glyph], vrules: list[tuple[float, float, float]], xs: list[float], page: int
) -> _Line | None:
    group.sort(key=lambda g: g.x0)
    # --- fake bold: drop overprinted duplicates
    kept: list[_Glyph] = []
    for g in group:
        size = g.size or 10.0
        w = g.x1 - g.x0
        if w < 0.3 * size:
            w = 0.3 * size
        tolx = min(0.35 * size, 0.6 * w)
        toly = 0.35 * size
        dup = False
        j = len(kept) - 1
        lim = g.x0 - 0.35 * size
        while j >= 0:
            k = kept[j]
            if k.x0 < lim:
                break
            if k.text == g.text and g.x0 - k.x0 <= tolx and abs(k.base - g.base) <= toly:
                dup = True
                break
            j -= 1
        if not dup:
            kept.append(g)

    # --- typical gap between neighbouring non-space glyphs (tracking, justification)
    solid = [g for g in kept if g.text not in _SPACE_CHARS]
    if not solid:
        return None
    sizes = sorted(g.size for g in solid)
    size = sizes[len(sizes) // 2] or 10.0
    if len(solid) > 2:
        gaps = sorted(solid[i + 1].x0 - solid[i].x1 for i in range(len(solid) - 1))
        typical = gaps[len(gaps) // 2]
        typical = max(typical, 0.0)
    else:
        typical = 0.0
    word_gap = max(0.15 * size, typical + 0.2 * size)
    column_gap = max(2.0 * size, typical + 1.5 * size)
    mid = (solid[0].top + solid[0].bottom) / 2

    pieces: list[str] = []
    boxes: list[Box | None] = []
    pending_space: Box | None = None
    prev: _Glyph | None = None
    table = columns = False
    for g in kept:
        if g.text in _SPACE_CHARS:
            if prev is not None:
                pending_space = (g.x0, g.top, g.x1, g.bottom)
            continue
        if prev is not None:
            gap = g.x0 - prev.x1
            n_rules = _rules_between(vrules, xs, prev.x1, g.x0, mid) if gap > 0.8 and vrules else 0
            if n_rules:
                sep = CELL_SEPARATOR + "| " * (n_rules - 1)
                pieces.append(sep)
                boxes.extend([None] * len(sep))
                table = True
            elif gap >= column_gap:
                pieces.append(" ")
                boxes.append(pending_space)
                columns = True
            elif pending_space is not None:
                pieces.append(" ")
                boxes.append(pending_space)
            elif gap > word_gap and _is_ascii_alnum(prev.text[-1]) and _is_ascii_alnum(g.text[0]):
                pieces.append(" ")
                boxes.append(None)
        pending_space = None
        box = (g.x0, g.top, g.x1, g.bottom)
        pieces.append(g.text)
        if len(g.text) == 1:
            boxes.append(box)
        else:
            boxes.extend([box] * len(g.text))
        prev = g
    text = "".join(pieces).translate(_char_table())
    first, last = solid[0], solid[-1]
    return _Line(
        page=page,
        text=text,
        boxes=boxes,
        x0=first.x0,
        x1=last.x1,
        top=min(g.top for g in solid),
        bottom=max(g.bottom for g in solid),
        base=first.base,
        size=size,
        gap=typical,
        table=table,
        columns=columns,
    )


# --------------------------------------------------------------------------------- headers / footers


def _band_candidates(p: _Page) -> list[_Line]:
    if not p.lines:
        return []
    top_band = p.height * 0.15
    bottom_band = p.height * 0.85
    out = [ln for ln in p.lines[:3] if ln.bottom <= top_band]
    out += [ln for ln in p.lines[-3:] if ln.top >= bottom_band and ln not in out]
    return out


def _remove_headers_footers(pages: list[_Page]) -> int:
    text_pages = [p for p in pages if p.lines]
    cands: dict[int, list[_Line]] = {id(p): _band_candidates(p) for p in text_pages}
    drop: set[int] = set()
    n = len(text_pages)
    if n >= 2:
        index: dict[str, list[tuple[int, _Line]]] = {}
        for p in text_pages:
            for ln in cands[id(p)]:
                key = "".join(ln.text.split())
                if not ln.table and _HAS_WORD_RE.search(key):
                    key = _NUM_RE.sub("#", key)  # 第3页, Page 3, 2024年: numbers may change
                index.setdefault(key, []).append((p.number, ln))
        need = max(2, n // 2)
        for entries in index.values():
            if len(entries) < need:
                continue
            repeated = []
            for _, ln in entries:
                pages_hit = {
                    pn
                    for pn, other in entries
                    if abs(other.top - ln.top) <= max(2.0, 0.5 * ln.size) and abs(other.size - ln.size) <= 1.0
                }
                if len(pages_hit) >= need:
                    repeated.append(ln)
            if repeated and all(ln.table for ln in repeated):
                # a table header row repeated on every page: keep its first occurrence
                first = entries[0][1]
                repeated = [ln for ln in repeated if ln is not first]
            drop.update(id(ln) for ln in repeated)
    for p in text_pages:
        for ln in cands[id(p)]:
            if _is_page_number(ln.text):
                drop.add(id(ln))
    removed = 0
    if drop:
        for p in text_pages:
            before = len(p.lines)
            p.lines = [ln for ln in p.lines if id(ln) not in drop]
            removed += before - len(p.lines)
    return removed


# ----------------------------------------------------------------------------------------- paragraphs


def _robust_edge(values: list[float], size: float, *, high: bool) -> tuple[float, bool]:
    """The outermost value that at least two lines reach (within one em), and True; else the outermost
    value and False."""
    vals = sorted(values, reverse=high)
    for i, v in enumerate(vals[:-1]):
        if abs(vals[i + 1] - v) <= size:
            return v, True
    return vals[0], False


def _page_geometry(pages: list[_Page]) -> None:
    """Per page: the text block's left edge, its right edge (where a full line ends) and the line pitch."""
    rights: list[float] = []
    weak: list[_Page] = []
    for p in pages:
        body = [ln for ln in p.lines if not ln.table and not ln.columns] or p.lines
        if not body:
            continue
        size = median(ln.size for ln in body)
        p.left, _ = _robust_edge([ln.x0 for ln in body], size, high=False)
        # The outermost line end that two lines reach; but closing punctuation may hang into the margin, so
        # when every line ending near there ends in punctuation, the edge is where the other lines end.
        top, supported = _robust_edge([ln.x1 for ln in body], size, high=True)
        near = [ln for ln in body if ln.x1 >= top - 1.5 * size]
        plain = [ln.x1 for ln in near if ln.text[-1] not in _CLOSING]
        if plain:
            p.right = max(plain)
            if p.right <= p.width - p.left < p.right + size:
                p.right = p.width - p.left  # the margins mirror each other: that is the exact edge
        else:
            p.right = min(max(p.width - p.left, top - size), top)
            supported = False
        pitches = [
            b.base - a.base
            for a, b in zip(p.lines, p.lines[1:], strict=False)
            if b.base > a.base and abs(a.size - b.size) <= 1.0
        ]
        p.pitch = median(pitches) if pitches else 0.0
        if len(body) >= 5 and supported:
            rights.append(p.right)
        else:
            weak.append(p)
    doc_right = median(rights) if rights else None
    for p in weak:
        size = median(ln.size for ln in p.lines)
        if doc_right is not None:
            p.right = max(p.right, doc_right)
        else:
            # A page of a few short lines says little about its right edge: assume the right margin is at
            # most the left one plus two ems.
            p.right = max(p.right, p.width - p.left - 2 * size)


_OPENING = frozenset("（(“‘《〈【「『［〔[{\"'")
_CLOSING = frozenset("，。、；：！？）」』”’》〉】〕,.;:!?)]}%％")


def _is_word_char(ch: str) -> bool:
    return (ch.isascii() and not ch.isspace()) or ch in "￥¥"


def _first_token_width(line: _Line) -> float:
    """Width of what a line-breaking algorithm could not have split off the start of ``line``: opening
    brackets with the next character, or a whole run of ASCII (a number, an account, a word)."""
    text, boxes = line.text, line.boxes
    n = len(text)
    i = 0
    while i < n and text[i] in _OPENING:
        i += 1
    if i < n and _is_word_char(text[i]):
        while i + 1 < n and (
            _is_word_char(text[i + 1]) or (text[i + 1] == " " and i + 2 < n and _is_word_char(text[i + 2]))
        ):
            i += 1
    end = min(i, n - 1)
    first = next((b for b in boxes[: end + 1] if b is not None), None)
    last = next((b for b in reversed(boxes[: end + 1]) if b is not None), None)
    if first is None or last is None:
        return line.size
    return max(last[2] - first[0], 0.0)


def _article_number(text: str) -> int | None:
    """n of a line that starts with 第n条 (Chinese or Arabic numerals), else None."""
    m = _ARTICLE_RE.match(text)
    if not m:
        return None
    return _cn_int(m.group(1))


_ARTICLE_RE = re.compile(rf"^\s*第([{_CN_NUM}\d]{{1,6}})条")
_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGIT:
            cur = _CN_DIGIT[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (cur or 1) * unit
            cur = 0
        else:
            return None
    return total + cur


def _should_join(
    prev: _Line, nxt: _Line, pp: _Page, np_: _Page, prev_first: _Line, last_article: int | None
) -> bool:
    if prev.table or nxt.table or prev.columns or nxt.columns:
        return False
    if nxt.page not in (prev.page, prev.page + 1):
        return False
    if abs(prev.size - nxt.size) > 1.5:
        return False
    size = max(prev.size, 1.0)
    # The previous line ended a paragraph if the next line's first word would have fitted after it.
    room = pp.right - prev.x1 - prev.gap
    if _first_token_width(nxt) <= room - max(1.0, 0.1 * size):
        return False
    if _MARKER_RE.match(nxt.text):
        # 第十九条宣布… at the start of a wrapped line is a reference, not the next article
        n = _article_number(nxt.text)
        if n is None or last_article is None or n == last_article + 1 or n <= 1:
            return False
    if nxt.page == prev.page and pp.pitch > 0 and nxt.base - prev.base > 1.45 * pp.pitch:
        return False
    ind_prev = prev.x0 - pp.left
    ind_next = nxt.x0 - np_.left
    if ind_next > ind_prev + 0.8 * size:
        # a hanging indent: the continuation of a numbered item is indented under its text (a few ems)
        hanging = prev is prev_first and ind_next <= ind_prev + 6 * size and bool(_MARKER_RE.match(prev.text))
        if not hanging:
            return False
    # form-like blocks: "贷款人：…" then "统一社会信用代码：…"; "如下：" then "借款金额：…"; a date line
    if _LABEL_RE.match(nxt.text) and (_LABEL_RE.match(prev.text) or prev.text.rstrip()[-1:] in ("：", ":")):
        return False
    return not _DATE_LINE_RE.match(nxt.text)


def _join_sep(a: str, b: str) -> str:
    if not a or not b:
        return ""
    x, y = a[-1], b[0]
    if is_cjk_or_fullwidth(x) or is_cjk_or_fullwidth(y):
        return ""
    if x in "-/" or x == " " or y == " ":
        return ""
    return " "


def _assemble(
    pages: list[_Page],
    warnings: list[DocumentWarning],
    *,
    data: bytes,
    source: str | None,
    metadata: dict[str, str],
) -> Document:
    if not any(p.has_text for p in pages):
        if any(p.error for p in pages) and all(p.error for p in pages):
            raise InputError(f"corrupt PDF: no page could be read ({pages[0].error})")
        if not any(p.graphics for p in pages):
            raise InputError(
                "blank or corrupt PDF: no page has text or anything drawn (the content cannot be decoded?)"
            )
        if len(pages) == 1:
            raise NoTextLayerError("the PDF has no text layer (a scan?): OCR is needed")
        raise NoTextLayerError(f"none of the {len(pages)} pages has a text layer (a scan?): OCR is needed")
    removed = _remove_headers_footers(pages)
    if removed:
        metadata["header_footer_lines_removed"] = str(removed)
    _page_geometry(pages)
    # A page whose text is only a few characters beside a page-sized picture is a scan with a stamp or header.
    for p in pages:
        if p.has_text and p.image_area >= 0.5 and sum(len(ln.text) for ln in p.lines) < 20:
            warnings.append(_no_text_warning(p.number))

    b = DocumentBuilder(with_boxes=True)
    b.warnings = sorted(warnings, key=lambda w: w.page or 0)
    prev: _Line | None = None
    prev_page: _Page | None = None
    para_first: _Line | None = None
    last_article: int | None = None
    for p in pages:
        b.start_page(p.number, width=p.width, height=p.height, has_text_layer=p.has_text)
        for ln in p.lines:
            if prev is not None and prev_page is not None and para_first is not None:
                if _should_join(prev, ln, prev_page, p, para_first, last_article):
                    b.join(_join_sep(prev.text, ln.text))
                else:
                    b.paragraph_break()
                    para_first = ln
            else:
                para_first = ln
            if para_first is ln:
                last_article = _article_number(ln.text) or last_article
            text, boxes = ln.text, ln.boxes
            # trailing/leading spaces of a physical line carry nothing
            stripped = text.strip(" ")
            if stripped != text:
                lead = len(text) - len(text.lstrip(" "))
                text = stripped
                boxes = boxes[lead : lead + len(stripped)]
            b.add_line(text, boxes, ln.bbox)
            prev, prev_page = ln, p
    return b.build(fmt="pdf", raw=data, source=source, metadata=metadata)
