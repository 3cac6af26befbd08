"""A tiny layout engine that writes Chinese test PDFs with reportlab and remembers what it wrote.

Every paragraph is wrapped to the text block (so full lines end near the right margin, like Word output), pages
break where the block is full (a paragraph may run on to the next page), and each page gets a header and a
footer.  ``PdfBuilder.paragraphs`` is the text the reader is expected to recover, one string per paragraph.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float, charspace: float = 0.0) -> float:
    return pdfmetrics.stringWidth(text, FONT, size) + charspace * len(text)


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


HANGING = "，。、；：！？）"


def wrap(text: str, first_width: float, width: float, size: float, charspace: float = 0.0) -> list[str]:
    """Greedy wrap by measured width; never breaks inside an ASCII word or next to a space; closing
    punctuation that does not fit hangs into the margin (as Word and WPS do)."""
    lines: list[str] = []
    cur = ""
    avail = first_width
    for ch in text:
        hangs = ch in HANGING and cur and cur[-1] not in HANGING
        if cur and not hangs and _width(cur + ch, size, charspace) > avail:
            # move the break back so that it falls between two non-space chars, not inside an ASCII word
            cut = len(cur)
            while cut > 1 and (
                cur[cut - 1] == " "
                or (cut < len(cur) and cur[cut] == " ")
                or (_is_ascii_word(cur[cut - 1]) and _is_ascii_word(cur[cut] if cut < len(cur) else ch))
            ):
                cut -= 1
            lines.append(cur[:cut])
            cur = cur[cut:]
            avail = width
        cur += ch
    if cur:
        lines.append(cur)
    return lines


@dataclass
class _Op:
    kind: str  # "text", "bold", "rect", "hline", "vline", "image"
    x: float
    y: float  # distance from the top of the page
    text: str = ""
    size: float = 12.0
    charspace: float = 0.0
    w: float = 0.0
    h: float = 0.0
    passes: tuple[tuple[float, float], ...] = ((0.0, 0.0),)


@dataclass
class PdfBuilder:
    size: float = 12.0
    leading: float = 1.7
    margin: float = 72.0
    header: str | None = "个人借款合同　合同编号：JK-2024-0001"
    footer: str | None = "第 {page} 页 共 {pages} 页"
    page_size: tuple[float, float] = A4
    pages: list[list[_Op]] = field(default_factory=lambda: [[]])
    paragraphs: list[str] = field(default_factory=list)
    image_pages: set[int] = field(default_factory=set)
    split_paragraphs: list[str] = field(default_factory=list)  # paragraphs that run on to the next page
    _y: float = 0.0

    def __post_init__(self) -> None:
        self._y = self.margin

    # ----------------------------------------------------------------- layout helpers
    @property
    def width(self) -> float:
        return self.page_size[0]

    @property
    def height(self) -> float:
        return self.page_size[1]

    @property
    def block_width(self) -> float:
        return self.width - 2 * self.margin

    def _advance(self, dy: float) -> float:
        if self._y + dy > self.height - self.margin:
            self.page_break()
        y = self._y
        self._y += dy
        return y

    def page_break(self) -> None:
        self.pages.append([])
        self._y = self.margin

    def space(self, dy: float) -> None:
        self._y += dy

    # ----------------------------------------------------------------- content
    def para(
        self,
        text: str,
        *,
        indent: float = 2,
        charspace: float = 0.0,
        bold: bool = False,
        size: float | None = None,
        truth: str | None = None,
        hanging: float = 0,
    ) -> list[str]:
        """A paragraph with a first-line indent of ``indent`` characters (or continuation lines indented by
        ``hanging`` characters), wrapped to the block."""
        size = size or self.size
        ind = indent * size
        hang = hanging * size
        lines = wrap(text, self.block_width - ind, self.block_width - hang, size, charspace)
        first_page = 0
        for i, line in enumerate(lines):
            y = self._advance(size * self.leading)
            first_page = first_page or len(self.pages)
            x = self.margin + (ind if i == 0 else hang)
            self.pages[-1].append(_Op("bold" if bold else "text", x, y, line, size, charspace))
        self.paragraphs.append(truth if truth is not None else text)
        if len(self.pages) != first_page:
            self.split_paragraphs.append(self.paragraphs[-1])
        return lines

    def heading(
        self, text: str, *, bold: bool = True, size: float | None = None, center: bool = False
    ) -> None:
        size = size or self.size
        y = self._advance(size * self.leading)
        x = (self.width - _width(text, size)) / 2 if center else self.margin
        self.pages[-1].append(_Op("bold" if bold else "text", x, y, text, size))
        self.paragraphs.append(text)

    def line_at(self, text: str, x: float, *, size: float | None = None, charspace: float = 0.0) -> None:
        """One line at a given x (no wrapping), its own paragraph."""
        size = size or self.size
        y = self._advance(size * self.leading)
        self.pages[-1].append(_Op("text", x, y, text, size, charspace))
        self.paragraphs.append(text)

    def overprint(
        self, text: str, passes: tuple[tuple[float, float], ...], *, x: float | None = None
    ) -> None:
        """One line drawn several times at (dx, dy) offsets: fake bold, shadows, 4× overprint."""
        y = self._advance(self.size * self.leading)
        self.pages[-1].append(_Op("text", x or self.margin, y, text, self.size, passes=passes))
        self.paragraphs.append(text)

    def pieces(self, parts: list[tuple[str, float]], truth: str) -> None:
        """Several strings on one line, each at its own x (no space glyphs between them)."""
        y = self._advance(self.size * self.leading)
        for text, x in parts:
            self.pages[-1].append(_Op("text", x, y, text, self.size))
        self.paragraphs.append(truth)

    def table(self, rows: list[list[str]], col_widths: list[float], *, sep: str = " | ") -> None:
        """A ruled table: a rectangle per cell and the cell text inside; truth is one line per row."""
        row_h = self.size * 2
        for row in rows:
            y = self._advance(row_h)
            x = self.margin
            for cell, w in zip(row, col_widths, strict=True):
                self.pages[-1].append(_Op("rect", x, y, w=w, h=row_h))
                self.pages[-1].append(_Op("text", x + 4, y + (row_h - self.size) / 2, cell, self.size))
                x += w
            self.paragraphs.append(sep.join(row))

    def image_page(self) -> None:
        """A page that only holds a picture (a scan)."""
        if self.pages[-1]:
            self.page_break()
        self.pages[-1].append(_Op("image", self.margin, self.margin, w=self.block_width, h=300))
        self.image_pages.add(len(self.pages))
        self.page_break()

    # ----------------------------------------------------------------- output
    def build(
        self,
        *,
        encrypt: str | None = None,
        header_footer_on_image_pages: bool = False,
        watermark: str | None = None,
    ) -> bytes:
        pages = [p for p in self.pages if p]
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=self.page_size, encrypt=encrypt)
        h = self.height
        image = None
        for n, ops in enumerate(pages, 1):
            is_image = any(op.kind == "image" for op in ops)
            if not is_image or header_footer_on_image_pages:
                if self.header:
                    c.setFont(FONT, 9)
                    c.drawString(self.margin, h - 40, self.header)
                if self.footer:
                    c.setFont(FONT, 9)
                    label = self.footer.format(page=n, pages=len(pages))
                    c.drawCentredString(self.width / 2, 40, label)
            for op in ops:
                base = h - op.y - op.size * 0.88  # baseline from the top of the line box
                if op.kind in ("text", "bold"):
                    passes = ((0.0, 0.0), (0.4, 0.0)) if op.kind == "bold" else op.passes
                    for dx, dy in passes:
                        t = c.beginText(op.x + dx, base - dy)
                        t.setFont(FONT, op.size)
                        t.setCharSpace(op.charspace)
                        t.textOut(op.text)
                        c.drawText(t)
                elif op.kind == "rect":
                    c.rect(op.x, h - op.y - op.h, op.w, op.h, stroke=1, fill=0)
                elif op.kind == "image":
                    if image is None:
                        image = _png()
                    from reportlab.lib.utils import ImageReader

                    c.drawImage(ImageReader(io.BytesIO(image)), op.x, h - op.y - op.h, op.w, op.h)
            if watermark:
                c.saveState()
                c.setFillGray(0.85)
                c.translate(self.width / 2, self.height / 2)
                c.rotate(45)
                c.setFont(FONT, 48)
                c.drawCentredString(0, 0, watermark)
                c.restoreState()
            c.showPage()
        c.save()
        return buf.getvalue()


def _png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (200, 120), "white")
    d = ImageDraw.Draw(img)
    for i in range(0, 120, 12):
        d.line((10, i, 190, i), fill="black", width=3)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


ARTICLE_BODY = (
    "借款人应当按照本合同约定的用途使用借款，不得挪作他用，不得用于购买股票、期货等投资，"
    "也不得用于任何违法活动。出借人有权检查、监督借款的使用情况，借款人应当如实提供有关的财务资料。"
)


def cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        tail = (
            ""
            if rest == 0
            else (
                "零" + digits[rest]
                if rest < 10
                else digits[rest // 10] + "十" + cn_number(rest % 10).replace("零", "")
            )
        )
        return digits[hundreds] + "百" + tail
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def sample_contract(pages: int = 20, *, bold: bool = True) -> PdfBuilder:
    """A long contract: articles with fake-bold headings and wrapped paragraphs, ~1,000 chars a page.

    ``paragraphs`` is only exact up to the last full article (the overflow page is cut off)."""
    b = PdfBuilder()
    b.heading("个人借款合同", size=18, center=True, bold=bold)
    b.para("出借人（甲方）：张三　身份证号：110101199003071234", indent=0)
    b.para("借款人（乙方）：李四　账号：6222 0200 1234 5678", indent=0)
    i = 0
    while len(b.pages) <= pages:
        i += 1
        b.heading(f"第{cn_number(i)}条　借款用途", bold=bold)
        b.para(ARTICLE_BODY + f"本条所称借款金额为人民币{i * 1000:,}元（大写：壹万元整），年利率为3.85%。")
    del b.pages[pages:]
    return b


def raw_pdf(content: bytes, font: bytes) -> bytes:
    """A one-page PDF written by hand: ``content`` is the page's content stream, ``font`` the /F1 font."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# A CID font without a ToUnicode map: pdfminer can only say (cid:NN).
NO_UNICODE_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts "
    b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
    b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
    b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
    b"/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >> >>] >>"
)
