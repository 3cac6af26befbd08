"""Character maps and the builder that turns extracted pieces into a ``Document`` with an offset map.

Two character views, both **one character in, one character out**, so that any offset found on a view is an
offset of ``Document.text`` too:

* ``normalize_chars`` is applied while a document is read: full-width ASCII letters and digits → ASCII, Kangxi
  radicals and CJK compatibility ideographs → the unified ideograph they stand for (⽅ → 方), U+3000 / NBSP and
  the other fixed-width spaces → ``' '``.  Full-width punctuation （）：；，。 is kept.
* ``to_simplified`` is a *view* for matching (``Document.text`` keeps the original characters): Traditional →
  Simplified character by character from OpenCC's character table, first candidate, single characters only.

``DocumentBuilder`` collects text pieces with their page, box and physical line, and produces the ``Document``:
the text, ``pages`` with offsets, ``lines`` and one box per character.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from loanclause.models import BBox, Document, DocumentWarning, Line, Page

__all__ = [
    "DocumentBuilder",
    "is_cjk",
    "is_cjk_or_fullwidth",
    "normalize_chars",
    "strip_invisible",
    "to_simplified",
]

Box = tuple[float, float, float, float]

# Spaces that are just spaces: NBSP, en/em/thin/hair spaces, narrow NBSP, medium math space, ideographic space.
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that carry no text and are deleted by the readers (never by ``normalize_chars``, which is 1:1).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in _SPACES:
        table[ord(ch)] = " "
    # Full-width digits and letters (not punctuation): ０-９ Ａ-Ｚ ａ-ｚ.
    for cp in range(0xFF10, 0xFF1A):
        table[cp] = chr(cp - 0xFEE0)
    for cp in range(0xFF21, 0xFF3B):
        table[cp] = chr(cp - 0xFEE0)
    for cp in range(0xFF41, 0xFF5B):
        table[cp] = chr(cp - 0xFEE0)
    # Kangxi radicals, CJK radicals supplement, CJK compatibility ideographs (+ supplement): NFKC where it
    # gives a single character.  Kangxi radicals all map; only some supplement radicals do (⺟ → 母).
    ranges = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if len(n) == 1 and n != ch:
                table[cp] = n
    # The rest of the radicals supplement has no NFKC form, yet Word/WPS exports put them where the ideograph
    # belongs (人⺠法院, 借款时⻓): map each to its equivalent unified ideograph (Unicode's
    # EquivalentUnifiedIdeograph.txt).  Radicals that are only a component (⺮ bamboo top) stay as they are.
    for radical, ideograph in zip(_RADICALS, _EQUIVALENTS, strict=True):
        table.setdefault(ord(radical), ideograph)
    # A lone surrogate is no character: a broken PDF string can bring one out of PDFium, and it cannot be
    # written as UTF-8 (JSON, the store).  U+FFFD says "a character was here and could not be read".
    for cp in range(0xD800, 0xE000):
        table[cp] = "\ufffd"
    return table


_RADICALS = "⺁⺊⺎⺐⺒⺓⺔⺙⺛⺝⺞⺠⺢⺣⺤⺥⺦⺨⺩⺪⺫⺬⺭⺯⺰⺲⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻱⻳"
_EQUIVALENTS = "厂卜兀尢巳幺彐攵旡月歺民氺灬爫爫丬犭王疋罒示礻糸纟罒耂肀聿月臼艹艹艹虎衤覀西见角讠贝车辶辶辶阝钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾齐齿龙龜龟"


def normalize_chars(text: str) -> str:
    """Map look-alike characters to the canonical ones, one character for one (``len`` is unchanged).

    >>> normalize_chars("⽅式：ＡＢ１２　（一）")
    '方式：AB12 （一）'
    """
    return text.translate(_char_table())


def strip_invisible(text: str) -> str:
    """Delete zero-width characters, BOMs and soft hyphens (this one changes the length)."""
    return text.translate(_INVISIBLE_TABLE)


_INVISIBLE_TABLE = {ord(c): None for c in _INVISIBLE}


def _opencc_dictionary_dir() -> str | None:
    try:
        import opencc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    return path if os.path.isdir(path) else None


def _read_opencc_chars(path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for raw in fh:
                key, _, values = raw.rstrip("\n").partition("\t")
                first = values.split(" ")[0] if values else ""
                if len(key) == 1 and len(first) == 1:
                    out[key] = first
    except OSError:
        return {}
    return out


@lru_cache(maxsize=1)
def _simplified_table() -> dict[int, str]:
    d = _opencc_dictionary_dir()
    if d is None:  # pragma: no cover
        return {}
    ts = _read_opencc_chars(os.path.join(d, "TSCharacters.txt"))
    table = {ord(k): v for k, v in ts.items() if k != v}
    # Taiwan / Hong Kong variant forms (裡, 啟, 偽 …): variant → OpenCC traditional → simplified.
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for k, v in _read_opencc_chars(os.path.join(d, name)).items():
            target = ts.get(v, v)
            if ord(k) not in table and target != k:
                table[ord(k)] = target
    return table


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character by character (``len`` is unchanged), for matching only.

    >>> to_simplified("借據第一條")
    '借据第一条'
    """
    return text.translate(_simplified_table())


# ------------------------------------------------------------------------------------------ char classes


def is_cjk(ch: str) -> bool:
    """A Han character (any CJK ideograph block), kana or hangul."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3FFFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x3040 <= cp <= 0x30FF
        or 0xAC00 <= cp <= 0xD7AF
        or 0x2E80 <= cp <= 0x2FDF
        or cp == 0x3007
    )


def is_cjk_or_fullwidth(ch: str) -> bool:
    """CJK ideograph, CJK punctuation (、。「」《》…) or a full-width form (（），：￥): no space next to it."""
    cp = ord(ch)
    return (
        is_cjk(ch)
        or 0x3000 <= cp <= 0x303F
        or 0xFF00 <= cp <= 0xFFEF
        or 0xFE30 <= cp <= 0xFE4F
        or cp in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7)
    )


# -------------------------------------------------------------------------------------------- builder


class DocumentBuilder:
    """Accumulates the normalised text of a document with its offset bookkeeping.

    Readers call ``start_page``, then ``add_line`` for each physical line (with a box per character for PDF),
    ``join`` between two lines of one paragraph (adds ``''`` or ``' '``) or ``paragraph_break`` between
    paragraphs (adds ``'\\n'``), and finally ``build``.  Characters added by ``join``/``paragraph_break`` have
    no box."""

    def __init__(self, *, with_boxes: bool) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.boxes: list[Box | None] | None = [] if with_boxes else None
        self.lines: list[Line] = []
        self.pages: list[Page] = []
        self.warnings: list[DocumentWarning] = []
        self._page_number = 0
        self._page_has_text = False
        self._empty_pages: list[int] = []

    # -- pages
    def start_page(
        self,
        number: int,
        *,
        width: float | None = None,
        height: float | None = None,
        has_text_layer: bool = True,
    ) -> None:
        self._page_number = number
        self._page_has_text = False
        self._empty_pages.append(len(self.pages))
        self.pages.append(
            Page(
                number=number,
                width=width,
                height=height,
                start=self.length,
                end=self.length,
                has_text_layer=has_text_layer,
            )
        )

    # -- text
    def _append(self, text: str, boxes: Iterable[Box | None] | None) -> None:
        if not text:
            return
        self.parts.append(text)
        self.length += len(text)
        if self.boxes is not None:
            if boxes is None:
                self.boxes.extend([None] * len(text))
            else:
                self.boxes.extend(boxes)

    def add_line(self, text: str, boxes: list[Box | None] | None = None, bbox: Box | None = None) -> None:
        """One physical line (already normalised, no newline in it)."""
        if not text:
            return
        if boxes is not None and len(boxes) != len(text):  # pragma: no cover - internal invariant
            raise ValueError("one box per character")
        start = self.length
        page = self.pages[-1]
        if not self._page_has_text:
            page.start = start
            self._page_has_text = True
            self._empty_pages.pop()
        self._append(text, boxes)
        page.end = self.length
        self.lines.append(
            Line(
                page=self._page_number,
                start=start,
                end=self.length,
                bbox=None if bbox is None else BBox(x0=bbox[0], top=bbox[1], x1=bbox[2], bottom=bbox[3]),
            )
        )

    def join(self, sep: str) -> None:
        """Glue the next line onto the current paragraph with ``sep`` ('' or ' ')."""
        self._append(sep, None)

    def paragraph_break(self) -> None:
        if self.length and not self.parts[-1].endswith("\n"):
            self._append("\n", None)

    def blank_line(self) -> None:
        """An empty line kept as such (text files keep their blank lines)."""
        self._append("\n", None)

    def last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else ""

    # -- result
    def build(
        self,
        *,
        fmt: str,
        raw: bytes,
        source: str | None,
        encoding: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> Document:
        text = "".join(self.parts)
        # A trailing newline (paragraph break after the last line) carries nothing.
        cut = len(text.rstrip("\n"))
        if cut != len(text):
            text = text[:cut]
            if self.boxes is not None:
                del self.boxes[cut:]
        # A page without text starts and ends where the next page's text begins, so page_at never picks it.
        empty = set(self._empty_pages)
        next_start = cut
        for i in range(len(self.pages) - 1, -1, -1):
            p = self.pages[i]
            if i in empty:
                p.start = p.end = next_start
            else:
                p.start, p.end = min(p.start, cut), min(p.end, cut)
                next_start = p.start
        doc = Document(
            source=source,
            format=fmt,  # type: ignore[arg-type]
            sha256=hashlib.sha256(raw).hexdigest(),
            text=text,
            pages=self.pages or [Page(number=1, start=0, end=len(text))],
            lines=self.lines,
            warnings=self.warnings,
            encoding=encoding,
            metadata=metadata or {},
        )
        if self.boxes is not None:
            doc.set_char_boxes(self.boxes)
        return doc
