#!/usr/bin/env python3
"""Build the hostile-input corpus: ``fixtures/hostile/*`` and its ``README.md``.

Files that hurt readers: broken and encrypted PDFs, reference chains and cycles, decompression bombs, huge page
counts and pages, DOCX files with XXE / billion-laughs entities / bomb members, text in unexpected encodings or
with pathological runs, and archives that try to escape or explode.  Everything that is big when expanded is
small on disk (a deflate stream compressed twice, a bzip2 member, objects packed into a compressed object
stream), so the committed corpus stays well under 3 MB.

Cases that cannot or should not be committed are made at test time by ``make_runtime(folder)``: a 5 MB single
line and 1,000,000 digits (big on disk), odd file names (a newline, a leading dash, 250 bytes, bytes that are
not UTF-8: git cannot hold all of them on every file system) and a folder of special entries (a symlink loop,
links to ``/etc`` and ``/``, a dangling link, a FIFO named ``x.txt``).

Run from anywhere:  ``python scripts/make_hostile.py [--out DIR]``  (default ``fixtures/hostile``).

The output is deterministic: no timestamps (zip entries dated 1980-01-01, tar members mtime 0, reportlab with
``invariant=1``), no randomness, every zip and PDF byte written by this script except the reportlab PDFs.  The
same reportlab version gives byte-identical files (``tests/hostile/test_hostile.py`` checks it).

Also imported by ``tests/hostile/test_hostile.py`` and ``scripts/hostile_report.py`` for ``CASES`` (what each
file is and the outcome expected) and ``make_runtime``.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import io
import os
import struct
import sys
import tarfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "fixtures" / "sources"
DEFAULT_OUT = ROOT / "fixtures" / "hostile"
GIB = 1 << 30

# ================================================================================================= cases

# Outcomes, for extract and check on the single file:
#   "ok"          read: extract exits 0, check 0 or 1 (findings)
#   "unreadable"  refused with a one-line reason: extract exits 2, check exits 1 (finding LC001)
#   "any"         either is acceptable (0, 1 or 2), as long as it is bounded and clean
# A scan records every case: status ok, or a row with a one-line reason.


@dataclass
class Case:
    name: str
    what: str
    how: str
    expect: str  # "ok" | "unreadable" | "any"
    expect_note: str
    build: Callable[[], bytes] | None = None  # None: made at test time by make_runtime
    runtime: bool = False
    no_leak: bool = False  # the output must not contain /etc/passwd
    tags: tuple[str, ...] = field(default=())


def _source(name: str = "own_minjian_jiekuan.txt") -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def _contract_lines() -> list[str]:
    return _source().rstrip("\n").split("\n")


# =========================================================================================== PDF writer


def _pdf(objects: dict[int, bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A classic PDF (header, objects, xref table, trailer) from ``{number: body}``; numbers 1..N contiguous."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<</Size %d/Root %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _pdf_packed(direct: dict[int, bytes], packed: dict[int, bytes], *, root: int = 1) -> bytes:
    """A PDF 1.5 file: ``direct`` objects written as usual (streams must be), ``packed`` ones inside one
    compressed object stream, and a compressed cross-reference stream.  Thousands of small objects cost a few
    kilobytes this way."""
    objstm_num = max([*direct, *packed]) + 1
    xref_num = objstm_num + 1
    size = xref_num + 1
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(direct):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + direct[num] + b"\nendobj\n"
    # the object stream: "num offset ..." header, then the bodies
    order = sorted(packed)
    bodies = bytearray()
    header = []
    index: dict[int, int] = {}
    for i, num in enumerate(order):
        header.append(b"%d %d" % (num, len(bodies)))
        index[num] = i
        bodies += packed[num] + b"\n"
    head = b" ".join(header) + b"\n"
    raw = head + bytes(bodies)
    offsets[objstm_num] = len(out)
    out += (
        b"%d 0 obj\n" % objstm_num
        + _stream(
            b"/Type/ObjStm/N %d/First %d/Filter/FlateDecode" % (len(order), len(head)), zlib.compress(raw, 9)
        )
        + b"\nendobj\n"
    )
    offsets[xref_num] = len(out)
    rows = bytearray()
    for num in range(size):
        if num == 0:
            rows += struct.pack(">BIH", 0, 0, 0xFFFF)
        elif num in offsets:
            rows += struct.pack(">BIH", 1, offsets[num], 0)
        elif num in index:
            rows += struct.pack(">BIH", 2, objstm_num, index[num])
        else:
            rows += struct.pack(">BIH", 0, 0, 0xFFFF)
    out += (
        b"%d 0 obj\n" % xref_num
        + _stream(
            b"/Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Filter/FlateDecode" % (size, root),
            zlib.compress(bytes(rows), 9),
        )
        + b"\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    return bytes(out)


def _stream(entries: bytes, data: bytes, *, length: bytes | None = None) -> bytes:
    length = length if length is not None else b"%d" % len(data)
    return b"<<" + entries + b"/Length " + length + b">>\nstream\n" + data + b"\nendstream"


# STSong-Light through the UniGB-UCS2-H CMap: a CID font every PDF reader knows, nothing embedded
_FONT_TYPE0 = b"<</Type/Font/Subtype/Type0/BaseFont/STSong-Light-UniGB-UCS2-H/Encoding/UniGB-UCS2-H/DescendantFonts[%d 0 R]>>"
_FONT_CID = (
    b"<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)"
    b"/Supplement 2>>/FontDescriptor %d 0 R/DW 1000>>"
)
_FONT_DESC = (
    b"<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0"
    b"/Ascent 880/Descent -120/CapHeight 880/StemV 93>>"
)


def _font_objects(first: int) -> dict[int, bytes]:
    """Three objects from ``first``: the Type0 font (``first``), its CID font, its descriptor."""
    return {
        first: _FONT_TYPE0 % (first + 1),
        first + 1: _FONT_CID % (first + 2),
        first + 2: _FONT_DESC,
    }


def _hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _text_ops(
    lines: list[str], *, x: float = 56, top: float = 800, size: float = 11, lead: float = 16
) -> bytes:
    ops = [b"BT /F1 %g Tf %g TL %g %g Td" % (size, lead, x, top)]
    for line in lines:
        ops.append(_hex(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


_PAGE_TEXT = [
    "借款合同",
    "出借人（甲方）：张三",
    "借款人（乙方）：李四",
    "第一条　借款金额",
    "乙方向甲方借款人民币壹拾万元整（¥100,000.00）。",
    "第二条　借款利息",
    "借款年利率为24%，按月计息。",
    "第三条　借款期限",
    "借款期限为12个月，自2024年3月15日起至2025年3月14日止。",
    "签订日期：2024年3月10日",
]


def _one_page_objects(
    *, content_length: bytes | None = None, content: bytes | None = None
) -> dict[int, bytes]:
    """A valid one-page contract: 1 catalog, 2 pages, 3 page, 4 content, 5-7 font."""
    body = content if content is not None else _text_ops(_PAGE_TEXT)
    objs = {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        4: _stream(b"", body, length=content_length),
    }
    objs.update(_font_objects(5))
    return objs


# =========================================================================================== PDF cases


def _reportlab_contract(*, encrypt=None, pagesize=(595.2756, 841.8898), lines=None, size=11.0) -> bytes:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize, invariant=1, encrypt=encrypt, pageCompression=1)
    c.setTitle("hostile fixture")
    c.setFont("STSong-Light", size)
    height = pagesize[1]
    y = height - 56
    if lines is None:  # the contract, wrapped at 40 characters
        lines = [raw[i : i + 40] for raw in _contract_lines() for i in range(0, max(len(raw), 1), 40)]
    for line in lines:
        if y < 56:
            c.showPage()
            c.setFont("STSong-Light", size)
            y = height - 56
        c.drawString(56, y, line)
        y -= size * 1.5
    c.showPage()
    c.save()
    return buf.getvalue()


def pdf_truncated() -> bytes:
    data = _reportlab_contract()
    return data[: len(data) * 3 // 5]


def pdf_encrypted_user() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _reportlab_contract(encrypt=StandardEncryption("hostile", ownerPassword="owner", strength=40))


def pdf_encrypted_owner_only() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _reportlab_contract(
        encrypt=StandardEncryption("", ownerPassword="owner-only", canPrint=1, canCopy=0, strength=128)
    )


CHAIN_DEPTH = 20_000


def pdf_ref_chain() -> bytes:
    """The content stream's /Length is 8 0 R, which is 9 0 R, … 20,000 references deep, ending in the number."""
    body = _text_ops(_PAGE_TEXT)
    direct = _one_page_objects(content_length=b"8 0 R")
    packed = {k: direct.pop(k) for k in (1, 2, 3, 5, 6, 7)}
    first = 8
    for i in range(CHAIN_DEPTH):
        packed[first + i] = b"%d 0 R" % (first + i + 1)
    packed[first + CHAIN_DEPTH] = b"%d" % len(body)
    return _pdf_packed(direct, packed)


def pdf_pages_chain() -> bytes:
    """A page tree 20,000 levels deep: every /Pages node has one kid, the next /Pages node; the page at the
    bottom."""
    direct = _one_page_objects()
    packed = {k: direct.pop(k) for k in (1, 5, 6, 7)}
    first = 8  # nodes 8 .. 8+depth-1; node 2 is the root, the page (3) hangs under the last
    packed[2] = b"<</Type/Pages/Kids[%d 0 R]/Count 1>>" % first
    for i in range(CHAIN_DEPTH):
        num = first + i
        parent = 2 if i == 0 else num - 1
        kid = 3 if i == CHAIN_DEPTH - 1 else num + 1
        packed[num] = b"<</Type/Pages/Parent %d 0 R/Kids[%d 0 R]/Count 1>>" % (parent, kid)
    packed[3] = (
        b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>"
        % (first + CHAIN_DEPTH - 1)
    )
    return _pdf_packed(direct, packed)


def pdf_self_ref() -> bytes:
    """Objects that are references to themselves: the content's /Length (8 0 obj 8 0 R), the page's
    /Resources (9 0 R → 9 0 R) and /MediaBox (10 → 11 → 10)."""
    objs = _one_page_objects(content_length=b"8 0 R")
    objs[3] = b"<</Type/Page/Parent 2 0 R/MediaBox 10 0 R/Resources 9 0 R/Contents 4 0 R>>"
    objs[8] = b"8 0 R"
    objs[9] = b"9 0 R"
    objs[10] = b"11 0 R"
    objs[11] = b"10 0 R"
    return _pdf(objs)


def pdf_pages_cycle() -> bytes:
    """The root /Pages node lists itself among its kids, and a second node is its own parent and kid."""
    objs = _one_page_objects()
    objs[2] = b"<</Type/Pages/Kids[3 0 R 2 0 R 8 0 R]/Count 3>>"
    objs[8] = b"<</Type/Pages/Parent 8 0 R/Kids[8 0 R 3 0 R]/Count 2>>"
    return _pdf(objs)


def pdf_xref_loop() -> bytes:
    """The trailer's /Prev points back at the same xref table: a reader that follows /Prev naively loops."""
    data = _pdf(_one_page_objects())
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return data.replace(b"/Root 1 0 R>>", b"/Root 1 0 R/Prev %d>>" % xref)


BOMB_BYTES = GIB


def pdf_deflate_bomb() -> bytes:
    """The page's content stream is /Filter [/FlateDecode /FlateDecode]: 3 KB on disk, 1 GiB of
    content operators once decoded (a line of text, then spaces)."""
    head = _text_ops(_PAGE_TEXT) + b"\n"
    co = zlib.compressobj(9)
    parts = [co.compress(head)]
    chunk = b" " * (1 << 24)
    left = BOMB_BYTES - len(head)
    while left > 0:
        piece = chunk[: min(left, len(chunk))]
        parts.append(co.compress(piece))
        left -= len(piece)
    parts.append(co.flush())
    once = b"".join(parts)
    twice = zlib.compress(once, 9)
    objs = _one_page_objects()
    objs[4] = _stream(b"/Filter[/FlateDecode/FlateDecode]", twice)
    return _pdf(objs)


MANY_PAGES = 3000


def pdf_3000_pages() -> bytes:
    """3,000 pages that share one content stream and one resources dictionary, packed in an object stream."""
    direct = {4: _stream(b"/Filter/FlateDecode", zlib.compress(_text_ops(_PAGE_TEXT), 9))}
    packed: dict[int, bytes] = {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        3: b"<</Font<</F1 5 0 R>>>>",
        **_font_objects(5),
    }
    first = 8
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(MANY_PAGES))
    packed[2] = (
        b"<</Type/Pages/MediaBox[0 0 595 842]/Resources 3 0 R/Kids[" + kids + b"]/Count %d>>" % MANY_PAGES
    )
    for i in range(MANY_PAGES):
        packed[first + i] = b"<</Type/Page/Parent 2 0 R/Contents 4 0 R>>"
    return _pdf_packed(direct, packed)


HUGE_PAGE = 14400  # points: 200 inches, the largest page PDF 1.7 allows


def pdf_enormous_page() -> bytes:
    """One 14400 x 14400 pt page covered with text: 470 lines of 700 characters (329,000 glyphs)."""
    line_chars = 700
    text = "".join(_source().split())
    lines = []
    pos = 0
    for _ in range(470):
        piece = (text * 3)[pos : pos + line_chars]
        lines.append(piece)
        pos = (pos + 97) % len(text)
    return _reportlab_contract(pagesize=(HUGE_PAGE, HUGE_PAGE), lines=lines, size=20.0)


# ========================================================================================== zip writer

_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_DOS_TIME = 0


@dataclass
class _Member:
    name: bytes
    data: bytes | None = None  # stored or deflated from this
    method: int = 8  # 0 stored, 8 deflate, 12 bzip2
    raw: bytes | None = None  # precompressed payload (with crc and size)
    crc: int = 0
    size: int = 0
    external_attr: int = 0o100644 << 16


def _zip(members: list[_Member]) -> bytes:
    """A zip file written byte by byte: fixed dates, names as given (even ``../x`` or ``/x``), payloads that
    may be shared or precompressed.  No zip64 (every member under 4 GiB)."""
    out = bytearray()
    central = bytearray()
    for m in members:
        if m.raw is None:
            assert m.data is not None
            m.crc, m.size = zlib.crc32(m.data), len(m.data)
            if m.method == 8:
                co = zlib.compressobj(9, zlib.DEFLATED, -15)
                m.raw = co.compress(m.data) + co.flush()
            elif m.method == 12:
                m.raw = bz2.compress(m.data, 9)
            else:
                m.raw = m.data
        version = 46 if m.method == 12 else 20
        flags = 0x800 if not m.name.isascii() else 0
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            version,
            flags,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.raw),
            m.size,
            len(m.name),
            0,
        )
        out += m.name + m.raw
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            (3 << 8) | version,
            version,
            flags,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.raw),
            m.size,
            len(m.name),
            0,
            0,
            0,
            0,
            m.external_attr,
            offset,
        )
        central += m.name
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    return bytes(out)


_ZERO_BZ2: dict[int, tuple[bytes, int]] = {}


def _zeros_bz2(size: int) -> tuple[bytes, int]:
    """``size`` zero bytes as one bzip2 stream (785 bytes for 1 GiB) and its CRC-32, computed once and shared."""
    if size not in _ZERO_BZ2:
        comp = bz2.BZ2Compressor(9)
        chunk = bytes(1 << 24)
        parts, crc = [], 0
        for _ in range(size // len(chunk)):
            parts.append(comp.compress(chunk))
            crc = zlib.crc32(chunk, crc)
        parts.append(comp.flush())
        _ZERO_BZ2[size] = (b"".join(parts), crc)
    return _ZERO_BZ2[size]


def _bomb_member(name: bytes, size: int = GIB) -> _Member:
    raw, crc = _zeros_bz2(size)
    return _Member(name, method=12, raw=raw, crc=crc, size=size)


# ========================================================================================== DOCX cases

_CT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="png" ContentType="image/png"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _document_xml(paragraphs: list[str], *, doctype: str = "") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + doctype
        + f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode("utf-8")


def _docx(document: bytes | None, *, extra: list[_Member] = (), doc_rels: bytes | None = None) -> bytes:  # type: ignore[assignment]
    members = [_Member(b"[Content_Types].xml", _CT), _Member(b"_rels/.rels", _RELS)]
    if document is not None:
        members.append(_Member(b"word/document.xml", document))
    if doc_rels is not None:
        members.append(_Member(b"word/_rels/document.xml.rels", doc_rels))
    members.extend(extra)
    return _zip(members)


def _contract_paragraphs() -> list[str]:
    return [_xml_escape(line) for line in _contract_lines()]


def docx_xxe() -> bytes:
    """document.xml declares an external entity for file:///etc/passwd (and one for an http URL) and uses them
    inside the contract text."""
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        '<!ENTITY remote SYSTEM "http://127.0.0.1:9/xxe">]>'
    )
    paras = _contract_paragraphs()
    paras.insert(3, "身份证号码：&xxe;")
    paras.insert(4, "住址：&remote;")
    return _docx(_document_xml(paras, doctype=doctype))


def docx_billion_laughs() -> bytes:
    """Nine levels of entities, each ten of the one below: 10^9 "lol"s (3 GB) if expanded."""
    ents = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        ents.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    doctype = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    paras = _contract_paragraphs()
    paras.insert(5, "借款用途：&lol9;")
    return _docx(_document_xml(paras, doctype=doctype))


def docx_zip_bomb() -> bytes:
    """A valid contract whose document relationships name two more parts, an image and a custom-XML part, each
    1 GiB of zeros compressed with bzip2 to 785 bytes (2 GiB once read)."""
    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        b'Target="media/image1.png"/>'
        b'<Relationship Id="rId6" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" '
        b'Target="../customXml/item1.xml"/></Relationships>'
    )
    return _docx(
        _document_xml(_contract_paragraphs()),
        doc_rels=rels,
        extra=[_bomb_member(b"word/media/image1.png"), _bomb_member(b"customXml/item1.xml")],
    )


def docx_no_document() -> bytes:
    """[Content_Types].xml and _rels/.rels name word/document.xml, which is missing; a word/styles.xml is there."""
    styles = f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{_W_NS}"/>'.encode()
    return _docx(None, extra=[_Member(b"word/styles.xml", styles)])


# ========================================================================================== text cases


def text_gbk() -> bytes:
    return _source().replace("¥", "￥").replace("\n", "\r\n").encode("gbk")


def text_big5() -> bytes:
    return (SOURCES / "own_traditional_qiyue.txt").read_text(encoding="utf-8").encode("big5")


def text_utf16le_nobom() -> bytes:
    return _source().encode("utf-16-le")


def text_utf16be_nobom() -> bytes:
    return _source().encode("utf-16-be")


def text_invalid_utf8() -> bytes:
    """UTF-8 with stray bytes: a lone continuation byte, a truncated sequence, an overlong encoding, 0xFF,
    an encoded surrogate."""
    lines = [line.encode("utf-8") for line in _contract_lines()]
    bad = [b"\x80", b"\xe4\xbd", b"\xc0\xaf", b"\xff\xfe", b"\xed\xa0\x80"]
    for i, junk in enumerate(bad):
        at = 2 + i * 4
        lines[at] = lines[at][:6] + junk + lines[at][6:]
    return b"\n".join(lines) + b"\n"


def text_nul() -> bytes:
    """The contract in UTF-8 with NUL characters: after every clause title, inside the amounts, a run of 64."""
    text = _source().replace("条　", "条\x00　").replace("100,000", "100\x00,000")
    text = text.replace("借款期限", "借款\x00" * 1 + "期限", 1) + "\x00" * 64 + "\n"
    return text.encode("utf-8")


def text_rtl_override() -> bytes:
    """U+202E (right-to-left override) and U+202D/U+202C/U+2066/U+2069 around rates, amounts and names, as in
    a spoofed contract: 年利率‮%42‬ is displayed as 24%."""
    text = _source()
    text = text.replace("年利率8%", "年利率\u202e%8\u202c")
    text = text.replace("张三", "\u202e三张\u202c").replace("李四", "\u2066李四\u2069")
    text = text.replace("¥100,000.00", "\u202d¥100,000.00\u202c")
    return text.encode("utf-8")


def text_long_clause() -> bytes:
    """第一条 followed by one paragraph of 100,000 characters (no line break), then 第二条."""
    filler = "".join(_source().split()).replace("第", "")
    body = (filler * (100_000 // len(filler) + 1))[:100_000]
    return ("借款合同\n第一条　借款金额\n" + body + "\n第二条　借款利息\n年利率24%。\n").encode("utf-8")


def text_run_articles() -> bytes:
    """10,000 × 第一条 on one line."""
    return ("借款合同\n" + "第一条" * 10_000 + "\n").encode("utf-8")


def text_run_articles_lines() -> bytes:
    """10,000 lines, each 第一条 alone (10,000 clause headings with no body)."""
    return ("借款合同\n" + "第一条\n" * 10_000).encode("utf-8")


def text_run_rates() -> bytes:
    """10,000 × 年利率24% on one line in a loan contract."""
    return ("借款合同\n第一条　借款利息\n" + "年利率24%" * 10_000 + "\n").encode("utf-8")


# ========================================================================================== archives


def _good_text() -> bytes:
    return _source().encode("utf-8")


def archive_zip_slip() -> bytes:
    return _zip(
        [
            _Member(b"../../evil.txt", _good_text()),
            _Member(b"contracts/../../../evil2.txt", _good_text()),
            _Member(b"ok.txt", _good_text()),
        ]
    )


def archive_abs_path() -> bytes:
    return _zip(
        [
            _Member(b"/tmp/loanclause-evil.txt", _good_text()),
            _Member(b"C:\\Windows\\evil.txt", _good_text()),
            _Member(b"\\\\server\\share\\evil.txt", _good_text()),
            _Member(b"ok.txt", _good_text()),
        ]
    )


def archive_zip_bomb() -> bytes:
    """bomb.txt: 1 GiB of zeros as a 785-byte bzip2 member; bomb_ratio.txt: 256 MiB of zeros (under the
    per-member size limit, far over any sane compression ratio); ok.txt: a contract."""
    return _zip(
        [
            _bomb_member(b"bomb.txt"),
            _bomb_member(b"bomb_ratio.txt", GIB // 4),
            _Member(b"ok.txt", _good_text()),
        ]
    )


def archive_zip_bomb_total() -> bytes:
    """Eight members of 1 GiB each (8 GiB in all) sharing the same 785-byte bzip2 payload."""
    return _zip([_bomb_member(b"bomb%d.txt" % i) for i in range(8)] + [_Member(b"ok.txt", _good_text())])


def archive_nested() -> bytes:
    """A zip in a zip in a zip in a zip, the contract at the bottom."""
    inner = _zip([_Member(b"deep.txt", _good_text())])
    for level in range(3):
        inner = _zip([_Member(b"level%d.zip" % level, inner, method=0)])
    return inner


def archive_tar_specials() -> bytes:
    """A tar with a symlink to /etc/passwd, a hard link, a character device (/dev/null's 1,3), a block
    device, a FIFO, a member whose name escapes (../x.txt), and one good contract."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:

        def add(info: tarfile.TarInfo, data: bytes | None = None) -> None:
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is not None:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)

        good = _good_text()
        add(tarfile.TarInfo("ok.txt"), good)
        link = tarfile.TarInfo("passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        add(link)
        hard = tarfile.TarInfo("hard.txt")
        hard.type, hard.linkname = tarfile.LNKTYPE, "ok.txt"
        add(hard)
        for name, kind, major, minor in (
            ("null.txt", tarfile.CHRTYPE, 1, 3),
            ("disk.pdf", tarfile.BLKTYPE, 8, 0),
        ):
            dev = tarfile.TarInfo(name)
            dev.type, dev.devmajor, dev.devminor = kind, major, minor
            add(dev)
        fifo = tarfile.TarInfo("pipe.txt")
        fifo.type = tarfile.FIFOTYPE
        add(fifo)
        add(tarfile.TarInfo("../escape.txt"), good)
    return buf.getvalue()


# ========================================================================================== runtime cases

LINE_5MB = 5 * 1024 * 1024
DIGITS = 1_000_000


def text_5mb_line() -> bytes:
    """A contract whose 第一条 body is one line of 5 MiB (contract text repeated, no line break)."""
    filler = "".join(_source().split()).encode("utf-8")
    head = "借款合同\n第一条　借款金额\n".encode()
    body = (filler * (LINE_5MB // len(filler) + 1))[:LINE_5MB]
    body = body[: len(body.decode("utf-8", "ignore").encode("utf-8"))]  # whole characters only
    return head + body + "\n第二条　借款利息\n年利率24%。\n".encode()


def text_million_digits() -> bytes:
    """借款金额 followed by 1,000,000 digits (a deterministic 0-9 sequence), then 元."""
    digits = bytes(48 + (i * 7 + i // 10) % 10 for i in range(DIGITS))
    return (
        "借款合同\n第一条　借款金额\n人民币".encode()
        + digits
        + "元，年利率".encode()
        + digits[:5000]
        + b"%\n"
    )


ODD_NAMES: dict[str, bytes] = {
    # case name -> file name (bytes)
    "name_newline": b"new\nline.txt",
    "name_leading_dash": b"-rf.txt",
    "name_250_bytes": ("借" * 82).encode("utf-8") + b".txt",  # 246 + 4 bytes
    "name_not_utf8": "借款合同".encode("gbk") + b".txt",  # GBK bytes: not valid UTF-8
}


def make_runtime(folder: Path, *, specials: bool = True) -> dict[str, Path]:
    """Write the cases made at test time into ``folder``; returns ``{case: path}``.  With ``specials``, also
    the folder entries a walk must survive: ``x.txt`` (a FIFO), ``loop`` (a link to the folder itself),
    ``etc`` and ``root`` (links to /etc and /), ``passwd.txt`` (a link to /etc/passwd), ``dangling.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    for name, build in (
        ("text_5mb_line.txt", text_5mb_line),
        ("text_million_digits.txt", text_million_digits),
    ):
        (folder / name).write_bytes(build())
        made[name.removesuffix(".txt")] = folder / name
    good = _good_text()
    for case, raw in ODD_NAMES.items():
        path = os.path.join(os.fsencode(folder), raw)
        with open(path, "wb") as fh:
            fh.write(good)
        made[case] = Path(os.fsdecode(path))
    if specials:
        os.mkfifo(folder / "x.txt")
        made["fifo"] = folder / "x.txt"
        (folder / "loop").symlink_to(".", target_is_directory=True)
        (folder / "etc").symlink_to("/etc", target_is_directory=True)
        (folder / "root").symlink_to("/", target_is_directory=True)
        (folder / "passwd.txt").symlink_to("/etc/passwd")
        made["link_passwd"] = folder / "passwd.txt"
        (folder / "dangling.txt").symlink_to(folder / "does-not-exist.txt")
        made["link_dangling"] = folder / "dangling.txt"
    return made


# ========================================================================================== catalogue

CASES: list[Case] = [
    # --- PDF
    Case(
        "pdf_truncated.pdf",
        "A 2-page contract PDF cut at 60 % of its bytes: no xref, no trailer, the last page stream cut short",
        "reportlab (STSong-Light, invariant=1), then sliced",
        "any",
        "`truncated`/`corrupt` (exit 2), or read from what is left (exit 0/1) — no hang either way",
        pdf_truncated,
    ),
    Case(
        "pdf_encrypted_user.pdf",
        "The contract encrypted with a user password (`hostile`, RC4-40)",
        "reportlab `StandardEncryption('hostile', strength=40)`",
        "unreadable",
        "exit 2 `encrypted`",
        pdf_encrypted_user,
    ),
    Case(
        "pdf_encrypted_owner_only.pdf",
        "Encrypted with an empty user password and an owner password (RC4-128, copying forbidden): any viewer opens it",
        "reportlab `StandardEncryption('', ownerPassword='owner-only', canCopy=0, strength=128)`",
        "any",
        "read (exit 0/1) like any viewer would, or exit 2 `encrypted`",
        pdf_encrypted_owner_only,
    ),
    Case(
        "pdf_ref_chain.pdf",
        f"The content stream's /Length is `8 0 R` → `9 0 R` → … {CHAIN_DEPTH:,} indirect references deep, ending in the number",
        "hand-written PDF 1.5; the chain objects packed in a compressed object stream, xref stream",
        "any",
        "read (the length is also found by scanning for `endstream`) or a one-line `corrupt` — quickly, never a hang",
        pdf_ref_chain,
    ),
    Case(
        "pdf_pages_chain.pdf",
        f"A page tree {CHAIN_DEPTH:,} levels deep (each /Pages node has one kid, the next node; the page at the bottom)",
        "hand-written PDF 1.5, nodes in a compressed object stream",
        "any",
        "the page read (exit 0/1) or a one-line `corrupt`; no RecursionError traceback, no hang",
        pdf_pages_chain,
    ),
    Case(
        "pdf_self_ref.pdf",
        "Self-referencing objects: `8 0 obj 8 0 R` as the content /Length, `9 0 obj 9 0 R` as /Resources, "
        "/MediaBox `10 0 R` ↔ `11 0 R`",
        "hand-written classic PDF",
        "any",
        "exit 0/1 (text read, defaults for the broken entries) or 2 `corrupt`/`no_text_layer`; no hang",
        pdf_self_ref,
    ),
    Case(
        "pdf_pages_cycle.pdf",
        "The root /Pages node lists itself as a kid; another node is its own parent and kid",
        "hand-written classic PDF",
        "any",
        "the one real page read, or a one-line `corrupt`; no infinite walk",
        pdf_pages_cycle,
    ),
    Case(
        "pdf_xref_loop.pdf",
        "The trailer's /Prev points at its own xref table",
        "hand-written classic PDF",
        "ok",
        "read normally (exit 0/1): the loop must be noticed, not followed",
        pdf_xref_loop,
    ),
    Case(
        "pdf_deflate_bomb.pdf",
        "The page content is `/Filter [/FlateDecode /FlateDecode]`: about 3 KB on disk, 1 GiB decoded "
        "(ten lines of text, then spaces)",
        "hand-written PDF; the 1 GiB stream deflated twice with zlib level 9",
        "any",
        "bounded: read, or stopped by the memory/time limit (`memory_limit`/`timeout`/`too_large`, exit 2); peak "
        "memory stays near the limit",
        pdf_deflate_bomb,
    ),
    Case(
        "pdf_3000_pages.pdf",
        f"{MANY_PAGES:,} pages sharing one content stream (ten lines of a contract) and one resources dictionary",
        "hand-written PDF 1.5, page objects in a compressed object stream (a few KB)",
        "any",
        "read within the time limit (exit 0/1), or a one-line `timeout`/`too_large`",
        pdf_3000_pages,
    ),
    Case(
        "pdf_enormous_page.pdf",
        f"One {HUGE_PAGE} × {HUGE_PAGE} pt page (5 m square) holding 470 lines of 700 characters (329,000 glyphs)",
        "reportlab, page compression on",
        "any",
        "read (exit 0/1), or a one-line `timeout`/`memory_limit`",
        pdf_enormous_page,
    ),
    # --- DOCX
    Case(
        "docx_xxe.docx",
        'document.xml declares `<!ENTITY xxe SYSTEM "file:///etc/passwd">` and an http entity, used in the text',
        "zip written by the script",
        "any",
        "read without resolving the entities (exit 0/1) or refused (exit 2); /etc/passwd never appears in the output",
        docx_xxe,
        no_leak=True,
    ),
    Case(
        "docx_billion_laughs.docx",
        "Billion laughs: nine levels of ten entity references, 10^9 `lol` (3 GB) if expanded",
        "zip written by the script",
        "any",
        "read without expanding (exit 0/1) or refused (exit 2), quickly and in little memory",
        docx_billion_laughs,
    ),
    Case(
        "docx_zip_bomb.docx",
        "A valid contract DOCX whose relationships name an image and a custom-XML part, each 1 GiB of zeros "
        "stored as a 785-byte bzip2 member (2 GiB when loaded)",
        "zip written by the script (bzip2 method 12, one shared payload)",
        "any",
        "read without loading the parts, or refused (`memory_limit`/`too_large`/`corrupt`, exit 2) — bounded memory",
        docx_zip_bomb,
    ),
    Case(
        "docx_no_document.docx",
        "A DOCX package without word/document.xml (the content types and .rels still name it)",
        "zip written by the script",
        "unreadable",
        "exit 2 `not_a_document` (or `corrupt`)",
        docx_no_document,
    ),
    # --- text
    Case(
        "text_gbk.txt",
        "The contract in GBK with CRLF line ends",
        "`str.encode('gbk')`",
        "ok",
        "read (exit 0/1), encoding guessed",
        text_gbk,
    ),
    Case(
        "text_big5.txt",
        "The Traditional-Chinese contract (借款契約書) in Big5",
        "`str.encode('big5')`",
        "ok",
        "read (exit 0/1)",
        text_big5,
    ),
    Case(
        "text_utf16le_nobom.txt",
        "The contract in UTF-16 LE without a byte-order mark",
        "`str.encode('utf-16-le')`",
        "any",
        "read as UTF-16 (exit 0/1), or a one-line `not_a_document` — never mojibake with a traceback",
        text_utf16le_nobom,
    ),
    Case(
        "text_utf16be_nobom.txt",
        "The contract in UTF-16 BE without a byte-order mark",
        "`str.encode('utf-16-be')`",
        "any",
        "as for the LE file",
        text_utf16be_nobom,
    ),
    Case(
        "text_invalid_utf8.txt",
        "UTF-8 with invalid bytes: a lone continuation byte, a cut sequence, an overlong `/`, 0xFF 0xFE, an encoded "
        "surrogate",
        "bytes spliced into the UTF-8 contract",
        "any",
        "read (exit 0/1, with an encoding warning) or a one-line refusal",
        text_invalid_utf8,
    ),
    Case(
        "text_nul.txt",
        "NUL characters after clause numbers, inside the amount, a run of 64 at the end",
        "UTF-8 text with U+0000",
        "any",
        "read (exit 0/1, NULs as spaces) or a one-line `not_a_document` (NULs taken as the mark of binary data)",
        text_nul,
    ),
    Case(
        "text_rtl_override.txt",
        "Bidi controls (U+202E RLO, U+202D, U+202C, U+2066/U+2069) around the rate, amount and names "
        "(年利率‮%8‬ displays as 8%)",
        "UTF-8 text",
        "ok",
        "read (exit 0/1)",
        text_rtl_override,
    ),
    Case(
        "text_long_clause.txt",
        "第一条 with one 100,000-character paragraph, then 第二条",
        "UTF-8 text",
        "ok",
        "read (exit 0/1) in seconds (no quadratic regex)",
        text_long_clause,
    ),
    Case(
        "text_run_articles.txt",
        "10,000 × 第一条 on one line",
        "UTF-8 text",
        "any",
        "read (exit 0/1) or a one-line refusal, in seconds",
        text_run_articles,
    ),
    Case(
        "text_run_articles_lines.txt",
        "10,000 lines, each only 第一条",
        "UTF-8 text",
        "any",
        "read (exit 0/1; 10,000 empty clauses) or a one-line refusal, in seconds",
        text_run_articles_lines,
    ),
    Case(
        "text_run_rates.txt",
        "10,000 × 年利率24% on one line",
        "UTF-8 text",
        "ok",
        "read (exit 0/1), in seconds",
        text_run_rates,
    ),
    Case(
        "text_5mb_line.txt",
        "A contract whose first clause is one 5 MiB line",
        "made at test time (`make_runtime`)",
        "ok",
        "read (exit 0/1) within the time limit, or a one-line `timeout`",
        runtime=True,
    ),
    Case(
        "text_million_digits.txt",
        "人民币 followed by 1,000,000 digits, then 元 and a 5,000-digit rate",
        "made at test time (`make_runtime`)",
        "any",
        "read (exit 0/1) in seconds (int() of a huge digit string is limited in Python 3.11+) or a one-line refusal",
        runtime=True,
    ),
    # --- archives (for scan; extract/check refuse them as not a document)
    Case(
        "archive_zip_slip.zip",
        "Members `../../evil.txt` and `contracts/../../../evil2.txt`, plus `ok.txt`",
        "zip written by the script",
        "any",
        "scan: the two refused `unsafe_path`, ok.txt analysed; nothing written anywhere",
        archive_zip_slip,
    ),
    Case(
        "archive_abs_path.zip",
        "Members `/tmp/loanclause-evil.txt`, `C:\\Windows\\evil.txt`, `\\\\server\\share\\evil.txt`, `ok.txt`",
        "zip written by the script",
        "any",
        "scan: three `unsafe_path`, ok.txt analysed",
        archive_abs_path,
    ),
    Case(
        "archive_zip_bomb.zip",
        "bomb.txt: 1 GiB of zeros in 785 bytes (bzip2); bomb_ratio.txt: 256 MiB of zeros; ok.txt: a contract",
        "zip written by the script",
        "any",
        "scan: bomb.txt refused `member_too_large` (or `zip_bomb`), bomb_ratio.txt `zip_bomb`, ok.txt analysed",
        archive_zip_bomb,
    ),
    Case(
        "archive_zip_bomb_total.zip",
        "Eight 1 GiB bzip2 members (8 GiB in all) sharing one payload, plus ok.txt",
        "zip written by the script",
        "any",
        "scan: the archive refused `archive_too_large` (or each member `zip_bomb`)",
        archive_zip_bomb_total,
    ),
    Case(
        "archive_nested.zip",
        "A zip in a zip in a zip in a zip, a contract at the bottom",
        "zip written by the script (inner archives stored)",
        "any",
        "scan: `nested_too_deep` recorded",
        archive_nested,
    ),
    Case(
        "archive_tar_specials.tar",
        "A tar with a symlink to /etc/passwd, a hard link, a character device (1,3), a block device (8,0), a FIFO, "
        "`../escape.txt` and `ok.txt`",
        "`tarfile` (USTAR, mtime 0, uid/gid 0)",
        "any",
        "scan: `link` ×2, `special_file` ×3, `unsafe_path`, ok.txt analysed; /etc/passwd never read",
        archive_tar_specials,
    ),
    # --- names and folder entries, made at test time
    Case(
        "name_newline",
        "A contract named `new\\nline.txt`",
        "made at test time",
        "ok",
        "read (exit 0/1), named `new\\nline.txt` in messages",
        runtime=True,
    ),
    Case(
        "name_leading_dash",
        "A contract named `-rf.txt` (passed after `--`)",
        "made at test time",
        "ok",
        "read (exit 0/1)",
        runtime=True,
    ),
    Case(
        "name_250_bytes",
        "A contract whose name is 250 bytes (82 × 借 + .txt)",
        "made at test time",
        "ok",
        "read (exit 0/1)",
        runtime=True,
    ),
    Case(
        "name_not_utf8",
        "A contract named 借款合同.txt in GBK bytes (not valid UTF-8), via `os.fsencode`",
        "made at test time",
        "ok",
        "read (exit 0/1), named with `\\xNN` escapes",
        runtime=True,
    ),
    Case(
        "fifo",
        "A FIFO named `x.txt`",
        "`os.mkfifo` at test time",
        "unreadable",
        "exit 2 `not_a_regular_file`, never opened (opening blocks)",
        runtime=True,
    ),
    Case(
        "link_passwd",
        "`passwd.txt`, a symlink to /etc/passwd (scan only)",
        "made at test time",
        "any",
        "scan: `link_outside`, not followed",
        runtime=True,
    ),
    Case(
        "link_dangling",
        "`dangling.txt`, a symlink to nothing (scan only)",
        "made at test time",
        "any",
        "scan: a one-line `unreadable`",
        runtime=True,
    ),
]

CASES_BY_NAME = {c.name: c for c in CASES}


def library_versions() -> str:
    from importlib.metadata import version

    return f"reportlab {version('reportlab')}"


# ========================================================================================== README

README_HEAD = """\
# Hostile inputs

Files made to hurt a reader: broken and encrypted PDFs, reference chains and cycles, decompression bombs, huge
page counts and pages, DOCX files with external entities, entity bombs and bomb members, text in unexpected
encodings or with pathological runs, archives that try to escape or explode, and (made at test time) odd file
names and folder entries.  loanclause must get through every one in bounded time and memory, with a one-line
reason and no traceback, without writing anything, and a scan over all of them together with the good fixtures
must analyse every good file.

Everything here is generated.  Do not edit these files by hand; change `scripts/make_hostile.py` and run:

```
python scripts/make_hostile.py             # writes fixtures/hostile (this folder, README included)
python scripts/make_hostile.py --out DIR   # somewhere else
```

It takes about 10 seconds (compressing the 1 GiB payloads).  The output is byte-for-byte the same on every run:
zip entries are written by the script with the date 1980-01-01, the tar has mtime 0 and uid/gid 0, reportlab
runs with `invariant=1`, and nothing is random.  The reportlab-made PDFs (`pdf_truncated`, `pdf_encrypted_*`,
`pdf_enormous_page`) are identical only with the same reportlab version ({versions} made these).

Big when expanded, small on disk: the deflate bomb is a 1 GiB content stream deflated twice (3 KB); the bzip2
members hold 1 GiB of zeros in 785 bytes, one payload shared by several members; the 20,000-object chains and
the 3,000 pages sit in compressed object streams.  A 5 MiB single line and 1,000,000 digits would take 6 MB, and
git cannot hold names with a newline or invalid UTF-8 on every file system, so those are made at test time by
`make_runtime()` in a temporary folder, together with a FIFO named `x.txt`, a symlink loop, links to `/etc`,
`/` and `/etc/passwd`, and a dangling link.

`tests/hostile/test_hostile.py` (marker `hostile`, not in the default run: `pytest -m hostile`) runs
`loanclause extract FILE --format json` and `loanclause check FILE --no-ner --format json` on each case in a
subprocess and `loanclause scan` over all of them; `python scripts/hostile_report.py [--markdown]` prints what
happens to each.

Expected outcomes: *ok* means read (extract exits 0, check 0 or 1); *unreadable* means a one-line reason on
stderr, with exit 2 from extract and exit 1 from check (which reports the file as finding LC001); *any* means
either is fine.  Always: done within the time limit, one line on stderr at most, no
`Traceback`, no file written in the working directory or here, peak memory bounded.  In a scan, every case has
a row in the store: status `ok`, or a one-line reason.

| case | what | how it is made | on disk | expected |
| --- | --- | --- | --- | --- |
"""


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def readme(sizes: dict[str, int]) -> str:
    rows = []
    for case in CASES:
        size = f"{sizes[case.name]:,} B" if case.name in sizes else "test time"
        expected = f"**{case.expect}**: {case.expect_note}"
        rows.append(f"| `{case.name}` | {_md(case.what)} | {_md(case.how)} | {size} | {_md(expected)} |")
    total = sum(sizes.values())
    tail = f"\nTotal on disk: {total:,} bytes in {len(sizes)} files (plus this README).\n"
    return README_HEAD.replace("{versions}", library_versions()) + "\n".join(rows) + "\n" + tail


def build_all(out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for case in CASES:
        if case.build is None:
            continue
        data = case.build()
        (out / case.name).write_bytes(data)
        sizes[case.name] = len(data)
    (out / "README.md").write_text(readme(sizes), encoding="utf-8")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default fixtures/hostile)"
    )
    args = parser.parse_args(argv)
    sizes = build_all(args.out)
    digest = hashlib.sha256()
    for name in sorted(sizes):
        digest.update(name.encode() + (args.out / name).read_bytes())
    print(
        f"wrote {len(sizes)} files, {sum(sizes.values()):,} bytes, to {args.out} (sha256 {digest.hexdigest()[:16]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
