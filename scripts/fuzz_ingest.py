"""Fuzz ingest and the whole pipeline with mutated files.

Usage::

    python scripts/fuzz_ingest.py --minutes 30 --out fuzz-findings/            # a campaign
    python scripts/fuzz_ingest.py --minutes 30 --out fuzz-findings/ --seed 7   # other inputs, same findings dir
    python scripts/fuzz_ingest.py --max-inputs 2000 --jobs 2                   # a fixed number of inputs
    python scripts/fuzz_ingest.py --replay fuzz-findings/exception-ab12cd34/input.bin
    python scripts/fuzz_ingest.py --minimize fuzz-findings/exception-ab12cd34/ --minimize-seconds 120

The contract under test: every input either gives a report or raises a ``loanclause.errors.LoanClauseError``
subclass, within ``--timeout`` seconds (default 20).  Each input goes through::

    doc = loanclause.ingest.read_document(data_or_named_file_object)
    report = loanclause.pipeline.report_from_document(doc, ner=False)
    report.model_dump_json()

plus cheap invariants on the result (clause spans inside the text and nested, ``len(text)`` consistent with the
page offsets).  Inputs are the seed files (``fixtures/contracts/`` by default, plus small PDFs, DOCX and text files
generated here, uncompressed so that their structure is reachable) mutated at random: bit flips, byte sets,
truncation, splices of two seeds, repeated and deleted chunks, inserted PDF / ZIP / XML tokens (``obj``,
``stream``, ``/Length 999999``, ``PK\\x03\\x04`` …), extreme numbers in PDF dictionaries, DOCX parts mutated
inside a valid ZIP, text re-encoded in GBK / Big5 / UTF-16, and plain random bytes.  Input ``i`` of seed ``S``
is always the same bytes (``random.Random(f"{S}:{i}")``), so a run is reproducible with ``--seed``.

Inputs run in ``--jobs`` worker processes (default 4), each with an address-space limit (``--memory-mb``).  A
finding is:

* ``exception``: any exception that is not a ``LoanClauseError``;
* ``invariant``: a report whose offsets are inconsistent;
* ``timeout``: an input still running after ``--timeout`` s (the worker is killed; ``faulthandler`` dumps its
  stack first, so the finding says where it hung).  Timeouts are re-run alone at the end of a campaign to rule
  out a busy machine: one that then finishes becomes ``slow`` when it took more than half the timeout, and is
  dropped otherwise;
* ``crash``: the worker died (a signal in C code, the OOM killer).  A worker that dies after the timeout's
  stack dump has begun is counted as a timeout: faulthandler's watchdog reads the frames of a running thread,
  which can itself crash the process.

Findings are deduplicated by (kind, exception type, innermost frame — with the innermost loanclause frame
added when that is another one, and functions only, no lines, for hangs) and written to ``--out/<kind>-<hash>/``:
``input.bin`` (the smallest input seen with that key), ``traceback.txt`` and ``meta.json`` (key, count, input
index, seed, mutations, name hint).  A second campaign into the same folder adds to the counts.  At the end a
summary is printed (and written to ``--out/summary.json``; ``runs.jsonl`` keeps one line per campaign): inputs
run, inputs/s, outcomes, findings by kind.  The exit status is 1 when the folder holds any finding.

``--minimize`` shrinks a finding's input (ZIP members and their XML for a DOCX, lines then bytes otherwise) while
the key stays the same and writes ``input.min.bin`` beside it; ``--replay`` runs one file in this process and
prints the outcome and traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import hashlib
import io
import itertools
import json
import logging
import multiprocessing as mp
import os
import random
import re
import signal
import sys
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_SEEDS = ROOT / "fixtures" / "contracts"
CLAUSES = ROOT / "data" / "eval" / "clauses_dev.jsonl"
MAX_INPUT = 2 * 1024 * 1024  # mutated inputs are cut to this size

# ------------------------------------------------------------------------------------------- dictionaries

PDF_TOKENS = [
    b"obj",
    b"endobj",
    b"stream\n",
    b"\nendstream",
    b"/Length 999999",
    b"/Length -1",
    b"/Length 0",
    b"xref\n0 1\n0000000000 65535 f \n",
    b"trailer\n<< /Size 99999999 /Root 1 0 R >>\n",
    b"startxref\n99999999\n",
    b"startxref\n-1\n",
    b"%%EOF",
    b"%PDF-1.7\n",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"<",
    b">",
    b"/Filter /FlateDecode",
    b"/Filter /LZWDecode",
    b"/Filter /ASCIIHexDecode",
    b"/Filter /DCTDecode",
    b"/Filter [/ASCII85Decode /FlateDecode /RunLengthDecode]",
    b"/DecodeParms << /Predictor 15 /Columns 99999 >>",
    b"/Type /Page",
    b"/Type /Pages /Kids [1 0 R 1 0 R] /Count 2",
    b"/Count 2147483647",
    b"/Count -1",
    b"/Parent 1 0 R",
    b"/Kids [",
    b"0 R",
    b"99999 0 R",
    b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -1 >>",
    b"/Rotate 45",
    b"/Rotate 90",
    b"/MediaBox [0 0 0 0]",
    b"/MediaBox [0 0 1e38 -1e38]",
    b"/MediaBox [0 0 99999999 99999999]",
    b"/ObjStm /N 99999 /First 0",
    b"/ToUnicode",
    b"/Encoding /Identity-H",
    b"/Subtype /Type0",
    b"/W [1 [99999999]]",
    b"/DW -1000",
    b"beginbfchar\n<0001> <D800>\nendbfchar",
    b"beginbfrange\n<0000> <FFFF> <4E00>\nendbfrange",
    b"begincodespacerange\n<00> <FFFFFFFF>\nendcodespacerange",
    b"BT /F1 12 Tf 100 700 Td (loan) Tj ET",
    b"BT /F2 12 Tf 1 0 0 1 100 700 Tm <00010002> Tj ET",
    b"[(a) -99999 (b)] TJ",
    b" 999999 Tz ",
    b" 3 Tr ",
    b" 1e308 0 0 1e308 0 0 cm ",
    b" 0 0 0 0 0 0 cm ",
    b" 0.7071 0.7071 -0.7071 0.7071 0 0 Tm ",
    b"q " * 64,
    b" Q Q Q Q ",
    b" 0 0 m 0 800 l S ",
    b" 10 10 500 0.5 re f ",
    b" /Im1 Do ",
    b" BI /W 99999 /H 99999 /BPC 8 /CS /G ID \x00\x00 EI ",
    b"\x00",
    b"\xff" * 8,
    b"\r",
    b"\r\n",
]

ZIP_TOKENS = [
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"PK\x06\x06",
    b"PK\x07\x08",
    b"\xff\xff\xff\xff",
    b"\x00\x00\x00\x00",
    b"word/document.xml",
    b"[Content_Types].xml",
]

XML_TOKENS = [
    b"<w:p>",
    b"</w:p>",
    b"<w:r><w:t>",
    b"</w:t></w:r>",
    b"<w:t>\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1 \xe5\x80\x9f\xe6\xac\xbe\xe9\x87\x91\xe9\xa2\x9d</w:t>",
    b"<w:tab/><w:br/><w:cr/><w:noBreakHyphen/>",
    b'<w:sym w:char="F0FC"/>',
    b'<w:sym w:char="110000"/>',
    b'<w:sym w:char="D800"/>',
    b'<w:sym w:char="-1"/>',
    b'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
    b'<w:numPr><w:ilvl w:val="15"/><w:numId w:val="1"/></w:numPr>',
    b'<w:numPr><w:ilvl w:val="-1"/><w:numId w:val="1"/></w:numPr>',
    b'<w:ilvl w:val="99"/>',
    b'w:ilvl="-3"',
    b'w:ilvl="x"',
    b'<w:start w:val="999999999999"/>',
    b'<w:start w:val="-5"/>',
    b'<w:start w:val="0"/>',
    b'<w:startOverride w:val="2147483647"/>',
    b'<w:numFmt w:val="upperRoman"/>',
    b'<w:numFmt w:val="upperLetter"/>',
    b'<w:numFmt w:val="chineseCounting"/>',
    b'<w:numFmt w:val="chineseLegalSimplified"/>',
    b'<w:numFmt w:val="decimalEnclosedCircle"/>',
    b'<w:numFmt w:val="ideographZodiac"/>',
    b'<w:numFmt w:val="decimalZero"/>',
    b'<w:lvlText w:val="%1.%2.%3.%10"/>',
    b'<w:lvlText w:val="\xe7\xac\xac%1\xe6\x9d\xa1"/>',
    b"<w:isLgl/>",
    b'<w:pStyle w:val="Heading1"/>',
    b'<w:basedOn w:val="Heading1"/>',
    b"<w:vanish/>",
    b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    b"<w:sdt><w:sdtContent>",
    b"</w:sdtContent></w:sdt>",
    b"<w:customXml>",
    b"</w:customXml>",
    b"<w:del>",
    b"</w:del>",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b"&a;",
    b"&#0;",
    b"&#xD800;",
    b"<![CDATA[",
    b"]]>",
    b"<?xml version='1.0' encoding='gbk'?>",
    b"<?xml version='1.0' encoding='utf-16'?>",
    b'xmlns:w="urn:other"',
    b"<",
    b">",
    b"/>",
    b'"',
]

TEXT_TOKENS = [
    "第一条",
    "第十二条",
    "第一百条",
    "第99999999条",
    "一、",
    "（一）",
    "(1)",
    "1.1",
    "1.1.1.1.1.1.1",
    "①",
    "甲方：",
    "乙方（借款人）：",
    "借款金额：人民币壹拾万元整（¥100,000.00）",
    "人民币壹仟亿亿亿万元",
    "¥99999999999999999999999999.99",
    "1,000,000,000,000,000,000元",
    "年利率24%",
    "月利率2分",
    "日利率万分之五",
    "年利率999999999%",
    "按借款利率上浮50%",
    "LPR的四倍",
    "1.5倍的1.5倍的1.5倍",
    "逾期利息按日千分之一计算",
    "违约金为借款本金的30%",
    "2023年2月30日",
    "二〇二三年五月一日",
    "9999年99月99日",
    "1900-01-01",
    "借款期限12个月",
    "借款期限99999999年",
    "等额本息",
    "到期一次性还本付息",
    "每月20日",
    "服务费",
    "砍头息",
    "签字（盖章）：",
    "\f",
    "\n\n\n",
    "\u200b",
    "\ufeff",
    "\u3000",
    "\ud800",
    "%",
    "‰",
    "‱",
    "万分之",
    "百分之百分之",
    "零零零零零",
    "拾拾拾拾拾",
    "亿万亿万亿万",
]


def _clause_snippets() -> list[str]:
    out: list[str] = []
    try:
        with open(CLAUSES, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    out.append(json.loads(line)["text"])
    except (OSError, ValueError, KeyError):
        pass
    return out or ["第一条 借款金额：人民币壹拾万元整（¥100,000.00）。", "第二条 借款年利率为24%。"]


# ------------------------------------------------------------------------------------------- seeds


def _minimal_pdf(content: bytes, *, extra_objects: list[bytes] | None = None) -> bytes:
    """A small, well-formed, uncompressed PDF with Helvetica (F1) and a ToUnicode-mapped CID font (F2)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
        b"4 beginbfchar <0001> <501F> <0002> <6B3E> <0003> <91D1> <0004> <989D> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        *(extra_objects or []),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _reportlab_pdf(paragraphs: list[str]) -> bytes | None:
    """An uncompressed Chinese PDF made by reportlab (a dev dependency), or None without it."""
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas
    except ImportError:
        return None
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=0, invariant=1)
    y = 800
    for n, para in enumerate(paragraphs):
        c.setFont("STSong-Light", 11)
        for i in range(0, len(para), 40):
            c.drawString(60, y, para[i : i + 40])
            y -= 16
            if y < 60:
                c.drawString(280, 30, f"- {n + 1} -")
                c.showPage()
                y = 800
                c.setFont("STSong-Light", 11)
        y -= 6
    c.showPage()
    c.save()
    return buf.getvalue()


_DOCX_CT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/word/numbering.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    b"</Types>"
)
_DOCX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_DOCX_DOC_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    b'Target="numbering.xml"/></Relationships>'
)
_W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(
    body_xml: bytes, numbering_xml: bytes | None = None, *, extra: dict[str, bytes] | None = None
) -> bytes:
    """A minimal DOCX (fixed timestamps, so the same arguments give the same bytes)."""
    parts: dict[str, bytes] = {
        "[Content_Types].xml": _DOCX_CT,
        "_rels/.rels": _DOCX_RELS,
        "word/document.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        + _W_NS
        + b"><w:body>"
        + body_xml
        + b"</w:body></w:document>",
    }
    if numbering_xml is not None:
        parts["word/_rels/document.xml.rels"] = _DOCX_DOC_RELS
        parts["word/numbering.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering '
            + _W_NS
            + b">"
            + numbering_xml
            + b"</w:numbering>"
        )
    parts.update(extra or {})
    return zip_bytes(parts)


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def _docx_seed(paragraphs: list[str]) -> bytes:
    numbering = (
        b'<w:abstractNum w:abstractNumId="0">'
        b'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        b'<w:lvlText w:val="\xe7\xac\xac%1\xe6\x9d\xa1"/><w:suff w:val="space"/></w:lvl>'
        b'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        b"</w:abstractNum>"
        b'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = bytearray()
    for n, para in enumerate(paragraphs):
        esc = para.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")
        numpr = b'<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr>' % (n % 2)
        body += b"<w:p>" + numpr + b"<w:r><w:t>" + esc + b"</w:t></w:r></w:p>"
    body += (
        b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>\xe6\x9c\x9f\xe6\x95\xb0</w:t></w:r></w:p></w:tc>"
        b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    return docx_bytes(bytes(body), numbering)


def build_seeds(seed_dir: Path | None) -> list[tuple[str, bytes]]:
    """The seed corpus: files of ``seed_dir`` (empty ones left out) and generated ones, in a fixed order."""
    seeds: list[tuple[str, bytes]] = []
    if seed_dir is not None and seed_dir.is_dir():
        for p in sorted(seed_dir.iterdir()):
            if p.is_file() and p.stat().st_size:
                seeds.append((p.name, p.read_bytes()))
    snippets = _clause_snippets()
    rng = random.Random("seeds")
    contract = ["借款合同", "甲方（出借人）：张三", "乙方（借款人）：李四"]
    contract += [
        f"第{n}条 " + s for n, s in zip("一二三四五六七八九十", rng.sample(snippets, 10), strict=True)
    ]
    contract += ["甲方（签字）：", "2023年5月1日"]
    text = "\n".join(contract)
    seeds.append(("gen_utf8.txt", text.encode("utf-8")))
    seeds.append(("gen_utf8_bom.txt", text.encode("utf-8-sig")))
    seeds.append(("gen_gbk.txt", text.encode("gbk", "ignore")))
    seeds.append(("gen_big5.txt", text.encode("big5", "ignore")))
    seeds.append(("gen_utf16.txt", text.encode("utf-16")))
    seeds.append(("gen_pages.txt", "\f".join(contract).encode("utf-8")))
    seeds.append(
        (
            "gen_minimal.pdf",
            _minimal_pdf(
                b"BT /F1 12 Tf 72 760 Td (Loan agreement 100,000 yuan, 24% per year) Tj ET\n"
                b"BT /F2 12 Tf 72 740 Td <0001000200030004> Tj ET\n"
                b"0 0 m 300 0 l S 72 700 200 0.5 re f"
            ),
        )
    )
    pdf = _reportlab_pdf(contract)
    if pdf is not None:
        seeds.append(("gen_reportlab.pdf", pdf))
    seeds.append(("gen_minimal.docx", _docx_seed(contract)))
    return seeds


# ------------------------------------------------------------------------------------------- mutations


def _flip_bits(rng: random.Random, data: bytearray) -> str:
    n = rng.choice((1, 1, 2, 4, 8, 32))
    for _ in range(n):
        if data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    return f"flip{n}"


def _set_bytes(rng: random.Random, data: bytearray) -> str:
    n = rng.choice((1, 2, 4, 16))
    for _ in range(n):
        if data:
            data[rng.randrange(len(data))] = rng.choice(
                (0, 0xFF, 0x7F, 0x80, 0x0A, 0x0D, 0x20, rng.randrange(256))
            )
    return f"set{n}"


def _truncate(rng: random.Random, data: bytearray) -> str:
    if len(data) > 1:
        cut = rng.randrange(1, len(data))
        del data[cut:]
        return f"truncate@{cut}"
    return "truncate-noop"


def _delete_chunk(rng: random.Random, data: bytearray) -> str:
    if len(data) > 2:
        i = rng.randrange(len(data))
        n = min(len(data) - i, rng.choice((1, 4, 16, 256, 4096)))
        del data[i : i + n]
        return f"delete{n}@{i}"
    return "delete-noop"


def _repeat_chunk(rng: random.Random, data: bytearray) -> str:
    if not data:
        return "repeat-noop"
    i = rng.randrange(len(data))
    n = min(len(data) - i, rng.choice((1, 8, 64, 512, 4096)))
    times = rng.choice((2, 8, 100, 1000))
    chunk = bytes(data[i : i + n]) * times
    chunk = chunk[: MAX_INPUT // 2]
    data[i:i] = chunk
    return f"repeat{n}x{times}@{i}"


def _insert_token(rng: random.Random, data: bytearray, tokens: list[bytes]) -> str:
    tok = rng.choice(tokens)
    i = rng.randrange(len(data) + 1)
    data[i:i] = tok
    return f"insert{tok[:12]!r}@{i}"


def _replace_token(rng: random.Random, data: bytearray, tokens: list[bytes]) -> str:
    """Replace an occurrence of one dictionary token by another (keeps the structure roughly in place)."""
    present = [t for t in tokens if len(t) >= 2 and t in data]
    if not present:
        return _insert_token(rng, data, tokens)
    old = rng.choice(present)
    starts = [m.start() for m in re.finditer(re.escape(old), data)]
    i = rng.choice(starts[:200])
    new = rng.choice(tokens)
    data[i : i + len(old)] = new
    return f"replace{old[:10]!r}->{new[:10]!r}@{i}"


_NUMBER_RE = re.compile(rb"(?<=[ /\[(<])-?\d{1,9}(?=[ \]\n\r>/)])")
_EXTREMES = [
    b"0",
    b"-1",
    b"1",
    b"2147483647",
    b"4294967296",
    b"-2147483648",
    b"99999999999999999999",
    b"1e308",
    b"3.4e38",
    b"nan",
]


def _tweak_number(rng: random.Random, data: bytearray) -> str:
    found = [m.span() for m in itertools.islice(_NUMBER_RE.finditer(data), 5000)]
    if not found:
        return _set_bytes(rng, data)
    s, e = rng.choice(found)
    new = (
        rng.choice(_EXTREMES)
        if rng.random() < 0.6
        else str(int(data[s:e]) + rng.choice((-1, 1, 7, 100))).encode()
    )
    data[s:e] = new
    return f"number@{s}={new.decode()}"


def _splice(rng: random.Random, data: bytearray, other: bytes) -> str:
    if not data or not other:
        return "splice-noop"
    i = rng.randrange(len(data))
    j = rng.randrange(len(other))
    data[i:] = other[j:]
    return f"splice@{i}+{j}"


def _text_mutation(rng: random.Random, data: bytes, snippets: list[str]) -> tuple[bytes, str]:
    """Decode as text (best effort), insert domain tokens or snippets, re-encode in a random encoding."""
    text = data.decode("utf-8", "replace")
    pieces = []
    for _ in range(rng.randint(1, 6)):
        tok = rng.choice(TEXT_TOKENS) if rng.random() < 0.6 else rng.choice(snippets)
        if rng.random() < 0.15:
            tok *= rng.choice((10, 200, 2000))
        i = rng.randrange(len(text) + 1)
        text = text[:i] + tok + text[i:]
        pieces.append(tok[:8])
    enc = rng.choice(
        ("utf-8", "utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-32")
    )
    return text.encode(enc, "surrogatepass" if enc.startswith("utf") else "replace"), f"text[{enc}]{pieces}"


def _docx_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str] | None:
    """Mutate one part of a DOCX inside a valid ZIP (so the XML and python-docx are reached), or drop one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = {info.filename: zf.read(info) for info in zf.infolist()}
    except Exception:
        return None
    if not parts:
        return None
    names = sorted(parts)
    xml_names = [n for n in names if n.endswith((".xml", ".rels"))] or names
    weights = [8 if n == "word/document.xml" else 4 if n == "word/numbering.xml" else 1 for n in xml_names]
    name = rng.choices(xml_names, weights)[0]
    if rng.random() < 0.05 and len(parts) > 1:
        del parts[name]
        return zip_bytes(parts), f"docx-drop[{name}]"
    body = bytearray(parts[name])
    ops = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.4:
            ops.append(_insert_token(rng, body, XML_TOKENS))
        elif r < 0.6:
            ops.append(_replace_token(rng, body, XML_TOKENS))
        elif r < 0.75:
            ops.append(_tweak_number(rng, body))
        elif r < 0.85:
            ops.append(_repeat_chunk(rng, body))
        elif r < 0.92:
            ops.append(_delete_chunk(rng, body))
        else:
            ops.append(_flip_bits(rng, body))
    parts[name] = bytes(body)
    return zip_bytes(parts), f"docx[{name}]:" + ",".join(ops)


def make_input(
    index: int, seed: int, seeds: list[tuple[str, bytes]], snippets: list[str]
) -> tuple[bytes, str | None, list[str]]:
    """Input ``index`` of campaign ``seed``: (bytes, file name hint or None, what was done)."""
    rng = random.Random(f"{seed}:{index}")
    r = rng.random()
    if r < 0.04:
        n = rng.choice((1, 16, 1024, 65536))
        head = rng.choice((b"", b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"))
        return head + rng.randbytes(n), None, [f"random{n}[{head!r}]"]
    seed_name, base = rng.choice(seeds)
    data = bytearray(base)
    # A file name (read through a named file object) in a third of the inputs, mostly the seed's own extension.
    name_hint = None
    if rng.random() < 0.33:
        own = "contract" + os.path.splitext(seed_name)[1]
        name_hint = (
            own if rng.random() < 0.7 else rng.choice(("contract.pdf", "contract.docx", "contract.txt"))
        )
    done = [f"seed={seed_name}"]
    is_pdf = b"%PDF-" in base[:1024]
    is_zip = base.startswith(b"PK\x03\x04")
    if is_zip and rng.random() < 0.6:
        mutated = _docx_mutation(rng, base)
        if mutated is not None:
            data = bytearray(mutated[0])
            done.append(mutated[1])
            if rng.random() < 0.8:
                return bytes(data), name_hint, done
    elif not is_pdf and not is_zip and rng.random() < 0.5:
        out, what = _text_mutation(rng, base, snippets)
        data = bytearray(out)
        done.append(what)
        if rng.random() < 0.7:
            return bytes(data[:MAX_INPUT]), name_hint, done
    tokens = PDF_TOKENS if is_pdf else ZIP_TOKENS if is_zip else PDF_TOKENS[:10] + ZIP_TOKENS
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        r = rng.random()
        if r < 0.16:
            done.append(_flip_bits(rng, data))
        elif r < 0.26:
            done.append(_set_bytes(rng, data))
        elif r < 0.34:
            done.append(_truncate(rng, data))
        elif r < 0.44:
            done.append(_delete_chunk(rng, data))
        elif r < 0.52:
            done.append(_repeat_chunk(rng, data))
        elif r < 0.68:
            done.append(_insert_token(rng, data, tokens))
        elif r < 0.78:
            done.append(_replace_token(rng, data, tokens))
        elif r < 0.92:
            done.append(_tweak_number(rng, data))
        else:
            other_name, other = rng.choice(seeds)
            done.append(_splice(rng, data, other) + f"[{other_name}]")
        if len(data) > MAX_INPUT:
            del data[MAX_INPUT:]
    return bytes(data), name_hint, done


# ------------------------------------------------------------------------------------------- running one input


def _short_path(filename: str) -> str:
    for marker in ("/site-packages/", "/src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return os.path.relpath(filename, ROOT) if filename.startswith(str(ROOT)) else filename


def check_report(report: Any) -> None:
    """Cheap invariants of a report; AssertionError when one fails."""
    n = len(report.text)
    for c in report.clauses:
        assert 0 <= c.start <= c.body_start <= c.end <= n, (
            f"clause {c.id} span {c.start}/{c.body_start}/{c.end} of {n}"
        )
    by_id = {c.id: c for c in report.clauses}
    for c in report.clauses:
        if c.parent_id is not None:
            p = by_id.get(c.parent_id)
            assert p is not None, f"clause {c.id} has an unknown parent {c.parent_id}"
            assert p.start <= c.start and c.end <= p.end, f"clause {c.id} is not inside its parent {p.id}"
    for page in report.pages:
        assert 0 <= page.start <= page.end <= n, f"page {page.number} span {page.start}/{page.end} of {n}"
    for e in report.entities:
        assert 0 <= e.start <= e.end <= n, f"entity {e.label} span {e.start}/{e.end} of {n}"


def run_input(data: bytes, name: str | None) -> str:
    """The pipeline on one input: 'ok:<findings>' or 'rejected:<code>'; any other exception propagates."""
    from loanclause.errors import LoanClauseError
    from loanclause.ingest import read_document
    from loanclause.pipeline import report_from_document

    source: Any = data
    if name is not None:
        source = io.BytesIO(data)
        source.name = name
    try:
        doc = read_document(source)
        report = report_from_document(doc, ner=False)
        report.model_dump_json()
    except LoanClauseError as err:
        return f"rejected:{err.code}"
    check_report(report)
    return f"ok:{doc.format}"


def _where(frames: list[tuple[str, int, str]], *, lines: bool = True) -> str:
    """The innermost frame, and the innermost frame of loanclause itself when that is another one (a hang in
    ``re.search`` or an error in pydantic says little without the caller).  Without ``lines`` only the
    functions (a hang is caught at whichever line of its loop it happens to be on)."""
    if not frames:
        return "?"
    fmt = [f"{_short_path(f)}{f':{line}' if lines else ''} in {name}" for f, line, name in frames]
    own = [i for i, (f, _, _) in enumerate(frames) if "/loanclause/" in f.replace(os.sep, "/")]
    if own and own[-1] != len(frames) - 1:
        return f"{fmt[-1]} < {fmt[own[-1]]}"
    return fmt[-1]


def _exception_key(exc: BaseException) -> tuple[str, str, str]:
    """(kind, exception type, where) of an exception: the dedup key of a finding."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = _where([(f.filename, f.lineno or 0, f.name) for f in frames])
    invariant = isinstance(exc, AssertionError) and frames and frames[-1].name == "check_report"
    return (
        "invariant" if invariant else "exception",
        f"{type(exc).__module__}.{type(exc).__qualname__}",
        where,
    )


def _set_memory_limit(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _worker_main(conn: Connection, stack_path: str, memory_mb: int, dump_after: float) -> None:
    os.environ.setdefault("LOANCLAUSE_AS_OF", "2026-11-30")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _set_memory_limit(memory_mb)
    logging.disable(logging.WARNING)  # pdfminer's complaints about broken fonts, thousands of them
    stack = open(stack_path, "w+")  # noqa: SIM115 - stays open for faulthandler
    faulthandler.enable(file=stack, all_threads=False)
    import loanclause.pipeline  # noqa: F401 - warm imports before the first input
    from loanclause.ingest import pdf  # noqa: F401

    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        index, data, name = msg
        stack.seek(0)
        stack.truncate()
        faulthandler.dump_traceback_later(dump_after, exit=False, file=stack)
        t0 = time.perf_counter()
        try:
            outcome = run_input(data, name)
            result: dict[str, Any] = {"status": outcome}
        except BaseException as exc:  # everything else is a finding
            kind, etype, where = _exception_key(exc)
            result = {
                "status": "finding",
                "kind": kind,
                "type": etype,
                "where": where,
                "traceback": "".join(traceback.format_exception(exc)),
            }
        finally:
            faulthandler.cancel_dump_traceback_later()
        result["seconds"] = time.perf_counter() - t0
        conn.send((index, result))


def _innermost_from_faulthandler(text: str) -> str:
    """Where the current thread was in a faulthandler dump (which lists the most recent call first), by
    function: a hang is caught at whichever line of its loop it happens to be on."""
    frames = []
    for line in text.splitlines():
        if line.startswith(("Thread", "Current thread")) and frames:
            break  # only the first (current) thread
        m = re.match(r'\s*File "(.*)", line (\d+) in (\S+)', line)
        if m:
            frames.append((m.group(1), int(m.group(2)), m.group(3)))
    return _where(frames[::-1], lines=False)


def _after_timeout_dump(stack: str) -> bool:
    """Whether the worker had already passed the timeout when it died: faulthandler's watchdog reads the frames
    of a running thread, which may itself crash the process, so such a death is a timeout, not a crash."""
    return stack.lstrip().startswith("Timeout (")


# ------------------------------------------------------------------------------------------- the pool


@dataclass
class Job:
    index: int
    data: bytes
    name: str | None
    how: list[str]
    started: float = 0.0


@dataclass
class Worker:
    number: int
    stack_path: str
    memory_mb: int
    timeout: float
    ctx: Any
    proc: Any = None
    conn: Connection | None = None
    job: Job | None = None

    def start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(
            target=_worker_main,
            args=(child, self.stack_path, self.memory_mb, max(self.timeout - 1.0, self.timeout * 0.9)),
            daemon=True,
        )
        self.proc.start()
        child.close()
        self.conn = parent
        self.job = None

    def submit(self, job: Job) -> None:
        job.started = time.monotonic()
        self.job = job
        assert self.conn is not None
        self.conn.send((job.index, job.data, job.name))

    def kill(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.proc.kill()
        if self.proc is not None:
            self.proc.join(5)
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def stop(self) -> None:
        if self.conn is not None and self.proc is not None and self.proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(2)
        self.kill()

    def read_stack(self) -> str:
        try:
            return Path(self.stack_path).read_text(errors="replace")
        except OSError:
            return ""


def _signal_name(code: int | None) -> str:
    if code is None:
        return "unknown"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


@dataclass
class Findings:
    out: Path
    new_keys: Counter = field(default_factory=Counter)
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)

    def load(self) -> None:
        for meta_path in sorted(self.out.glob("*/meta.json")):
            try:
                meta = json.loads(meta_path.read_text())
                self.seen[meta_path.parent.name] = meta
            except (OSError, ValueError):
                pass

    def add(self, kind: str, etype: str, where: str, text: str, job: Job, seed: int, seconds: float) -> bool:
        key = f"{kind} | {etype} | {where}"
        folder = f"{kind}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
        path = self.out / folder
        meta = self.seen.get(folder)
        fresh = meta is None
        if fresh:
            path.mkdir(parents=True, exist_ok=True)
            meta = {"key": key, "kind": kind, "type": etype, "where": where, "count": 0}
        meta["count"] += 1
        self.new_keys[kind] += 1
        if fresh or len(job.data) < meta.get("size", 1 << 62):
            (path / "input.bin").write_bytes(job.data)
            (path / "traceback.txt").write_text(text)
            meta.update(
                size=len(job.data),
                seed=seed,
                index=job.index,
                name_hint=job.name,
                mutations=job.how,
                seconds=round(seconds, 3),
            )
        self.seen[folder] = meta
        (path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
        return fresh


def campaign(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    seeds = build_seeds(Path(args.seeds) if args.seeds else None)
    snippets = _clause_snippets()
    findings = Findings(out)
    findings.load()
    ctx = mp.get_context("spawn")
    workers = [
        Worker(k, str(out / f".worker-{k}.stack"), args.memory_mb, args.timeout, ctx)
        for k in range(args.jobs)
    ]
    for w in workers:
        w.start()
    print(
        f"fuzz_ingest: seed {args.seed}, {len(seeds)} seed files, {args.jobs} workers, timeout {args.timeout}s, "
        f"{f'{args.minutes:.1f} min' if args.minutes else ''}"
        f"{f' max {args.max_inputs} inputs' if args.max_inputs else ''} → {out}",
        flush=True,
    )
    t_start = time.monotonic()
    deadline = t_start + args.minutes * 60 if args.minutes else float("inf")
    next_index = args.start_index
    limit = args.start_index + args.max_inputs if args.max_inputs else None
    outcomes: Counter = Counter()
    slowest: list[tuple[float, int]] = []
    timeouts: list[tuple[str, Job]] = []
    done = 0
    last_report = t_start
    stopping = False

    def record(kind: str, etype: str, where: str, text: str, job: Job, seconds: float) -> None:
        fresh = findings.add(kind, etype, where, text, job, args.seed, seconds)
        outcomes[f"finding:{kind}"] += 1
        if fresh:
            print(f"  NEW {kind}: {etype} at {where} (input {job.index}, {len(job.data)} bytes)", flush=True)

    try:
        while True:
            now = time.monotonic()
            if now >= deadline or (limit is not None and next_index >= limit):
                stopping = True
            for w in workers:
                if w.job is None and not stopping:
                    data, name, how = make_input(next_index, args.seed, seeds, snippets)
                    w.submit(Job(next_index, data, name, how))
                    next_index += 1
            busy = [w for w in workers if w.job is not None]
            if not busy:
                break
            ready = wait([w.conn for w in busy if w.conn is not None], timeout=0.5)
            for w in busy:
                if w.conn not in ready:
                    continue
                job = w.job
                assert job is not None
                try:
                    _, result = w.conn.recv()
                except (EOFError, OSError):
                    w.proc.join(5)
                    stack = w.read_stack()
                    where = _innermost_from_faulthandler(stack)
                    done += 1
                    w.kill()
                    if _after_timeout_dump(stack):
                        timeouts.append((stack, job))
                        outcomes["timeout(unconfirmed)"] += 1
                    else:
                        record(
                            "crash",
                            _signal_name(w.proc.exitcode),
                            where,
                            stack,
                            job,
                            time.monotonic() - job.started,
                        )
                    w.start()
                    continue
                w.job = None
                done += 1
                secs = result["seconds"]
                slowest.append((secs, job.index))
                if len(slowest) > 50:
                    slowest.sort(reverse=True)
                    del slowest[10:]
                if result["status"] == "finding":
                    record(result["kind"], result["type"], result["where"], result["traceback"], job, secs)
                else:
                    outcomes[result["status"]] += 1
            now = time.monotonic()
            for w in workers:
                if w.job is not None and now - w.job.started > args.timeout:
                    job = w.job
                    w.kill()
                    stack = w.read_stack()
                    timeouts.append((stack, job))
                    outcomes["timeout(unconfirmed)"] += 1
                    done += 1
                    print(
                        f"  timeout: input {job.index} at {_innermost_from_faulthandler(stack)}", flush=True
                    )
                    w.start()
            if now - last_report > 60:
                last_report = now
                el = now - t_start
                print(
                    f"  {done} inputs, {done / el:.1f}/s, findings so far {dict(findings.new_keys)}",
                    flush=True,
                )
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        for w in workers:
            w.stop()
    elapsed = time.monotonic() - t_start

    # Re-run the timeouts alone: a busy machine must not look like a hang.
    for stack, job in timeouts:
        w = Worker(99, str(out / ".worker-confirm.stack"), args.memory_mb, args.timeout, ctx)
        w.start()
        w.submit(job)
        ready = wait([w.conn], timeout=args.timeout + 10)  # + start-up
        if ready:
            try:
                _, result = w.conn.recv()
            except (EOFError, OSError):
                result = None
            if result is not None:
                secs = result["seconds"]
                if result["status"] == "finding":
                    record(result["kind"], result["type"], result["where"], result["traceback"], job, secs)
                elif secs > args.timeout / 2:
                    record("slow", f"{secs:.1f}s", _innermost_from_faulthandler(stack), stack, job, secs)
                else:
                    outcomes["timeout-not-reproduced"] += 1
            else:
                stack2 = w.read_stack()
                if _after_timeout_dump(stack2):
                    where = _innermost_from_faulthandler(stack2)
                    record("timeout", f">{args.timeout:g}s", where, stack2, job, args.timeout)
                else:
                    record(
                        "crash",
                        _signal_name(w.proc.exitcode),
                        _innermost_from_faulthandler(stack2),
                        stack2,
                        job,
                        0,
                    )
            w.stop()
        else:
            w.kill()
            stack2 = w.read_stack() or stack
            record(
                "timeout",
                f">{args.timeout:g}s",
                _innermost_from_faulthandler(stack2),
                stack2,
                job,
                args.timeout,
            )
        for p in Path(out).glob(".worker-confirm.stack"):
            p.unlink()
    for p in Path(out).glob(".worker-*.stack"):
        p.unlink()

    slowest.sort(reverse=True)
    by_kind = Counter(meta["kind"] for meta in findings.seen.values())
    summary = {
        "seed": args.seed,
        "first_index": args.start_index,
        "next_index": next_index,
        "inputs": done,
        "seconds": round(elapsed, 1),
        "inputs_per_second": round(done / elapsed, 2) if elapsed else None,
        "jobs": args.jobs,
        "outcomes": dict(sorted(outcomes.items())),
        "finding_events_this_run": dict(findings.new_keys),
        "distinct_findings_by_kind": dict(by_kind),
        "findings": {
            k: {"key": m["key"], "count": m["count"], "size": m.get("size")}
            for k, m in sorted(findings.seen.items())
        },
        "slowest": [{"index": i, "seconds": round(s, 2)} for s, i in slowest[:5]],
    }
    runs_path = out / "runs.jsonl"
    with open(runs_path, "a") as fh:
        fh.write(
            json.dumps({k: summary[k] for k in ("seed", "first_index", "next_index", "inputs", "seconds")})
            + "\n"
        )
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print()
    print(
        f"inputs run: {done} in {elapsed:.0f} s ({summary['inputs_per_second']} inputs/s, {args.jobs} workers)"
    )
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"distinct findings in {out}: {dict(by_kind) or 'none'}")
    for folder, meta in sorted(findings.seen.items()):
        print(f"  {folder}: {meta['key']}  (seen {meta['count']}x, smallest {meta.get('size')} bytes)")
    if slowest:
        print("slowest inputs: " + ", ".join(f"#{i} {s:.2f}s" for s, i in slowest[:5]))
    return 1 if findings.seen else 0


# ------------------------------------------------------------------------------------------- replay / minimise


def replay(path: Path, name: str | None) -> int:
    data = path.read_bytes()
    meta_path = path.parent / "meta.json"
    if name is None and meta_path.exists():
        name = json.loads(meta_path.read_text()).get("name_hint")
    t0 = time.perf_counter()
    try:
        outcome = run_input(data, name)
    except BaseException as exc:  # a finding: show it
        traceback.print_exc()
        print(f"FINDING after {time.perf_counter() - t0:.2f}s: {_exception_key(exc)}")
        return 1
    print(f"{outcome} after {time.perf_counter() - t0:.2f}s")
    return 0


class _OneWorker:
    """One worker process that runs candidates with a timeout and reports each one's key."""

    def __init__(self, memory_mb: int, timeout: float, stack_path: str) -> None:
        self.w = Worker(0, stack_path, memory_mb, timeout, mp.get_context("spawn"))
        self.timeout = timeout
        self.w.start()

    def key(self, data: bytes, name: str | None) -> str:
        self.w.submit(Job(0, data, name, []))
        assert self.w.conn is not None
        ready = wait([self.w.conn], timeout=self.timeout + 10)
        if not ready:
            self.w.kill()
            where = _innermost_from_faulthandler(self.w.read_stack())
            self.w.start()
            return f"timeout | {where}"
        try:
            _, result = self.w.conn.recv()
        except (EOFError, OSError):
            self.w.proc.join(5)
            code = _signal_name(self.w.proc.exitcode)
            stack = self.w.read_stack()
            self.w.kill()
            self.w.start()
            if _after_timeout_dump(stack):
                return f"timeout | {_innermost_from_faulthandler(stack)}"
            return f"crash | {code}"
        self.w.job = None
        if result["status"] == "finding":
            return f"{result['kind']} | {result['type']} | {result['where']}"
        return result["status"]

    def close(self) -> None:
        self.w.stop()


def _ddmin(items: list[bytes], still_fails: Any, deadline: float) -> list[bytes]:
    """Delete chunks of ``items`` (halves, quarters, … single items) while ``still_fails`` holds."""
    n = 2
    while len(items) >= 2 and time.monotonic() < deadline:
        size = max(1, len(items) // n)
        reduced = False
        i = 0
        while i < len(items) and time.monotonic() < deadline:
            candidate = items[:i] + items[i + size :]
            if candidate and still_fails(candidate):
                items = candidate
                reduced = True
            else:
                i += size
        if not reduced:
            if size == 1:
                break
            n = min(len(items), n * 2)
    return items


def _split_tokens(data: bytes) -> list[bytes]:
    """XML / PDF-ish tokens: tags and runs between them, lines otherwise."""
    parts = re.findall(rb"<[^<>]*>|[^<>\n]+\n?|\n|[<>]", data)
    return parts if b"".join(parts) == data else [data[i : i + 1] for i in range(len(data))]


def minimize(target: Path, args: argparse.Namespace) -> int:
    folder = target if target.is_dir() else target.parent
    path = target / "input.bin" if target.is_dir() else target
    data = path.read_bytes()
    name = None
    meta_path = folder / "meta.json"
    if meta_path.exists():
        name = json.loads(meta_path.read_text()).get("name_hint")
    runner = _OneWorker(args.memory_mb, args.timeout, str(folder / ".minimize.stack"))
    deadline = time.monotonic() + args.minimize_seconds
    try:
        want = runner.key(data, name)
        print(f"minimising {len(data)} bytes, key {want}")
        if not want.startswith(("exception", "invariant", "timeout", "crash")):
            print("the input does not fail (any more)")
            return 0
        tries = 0

        def fails(candidate: bytes) -> bool:
            nonlocal tries
            tries += 1
            return runner.key(candidate, name) == want

        parts: dict[str, bytes] | None = None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                parts = {i.filename: zf.read(i) for i in zf.infolist()}
        except Exception:
            parts = None
        if parts is not None and zip_bytes(parts) and fails(zip_bytes(parts)):
            # Drop members, then shrink each remaining member.
            for member in sorted(parts, key=lambda m: -len(parts[m])):
                trial = {k: v for k, v in parts.items() if k != member}
                if trial and fails(zip_bytes(trial)):
                    parts = trial
            for member in sorted(parts, key=lambda m: -len(parts[m])):
                current = dict(parts)

                def member_fails(items: list[bytes], member: str = member, current: dict = current) -> bool:
                    return fails(zip_bytes({**current, member: b"".join(items)}))

                parts[member] = b"".join(_ddmin(_split_tokens(parts[member]), member_fails, deadline))
            data = zip_bytes(parts)
        else:
            lines = data.splitlines(keepends=True)
            data = b"".join(_ddmin(lines, lambda items: fails(b"".join(items)), deadline))
            chunks = [data[i : i + 16] for i in range(0, len(data), 16)]
            data = b"".join(_ddmin(chunks, lambda items: fails(b"".join(items)), deadline))
            if len(data) < 4096:
                data = b"".join(
                    _ddmin([bytes([b]) for b in data], lambda items: fails(b"".join(items)), deadline)
                )
        out_path = folder / "input.min.bin"
        out_path.write_bytes(data)
        print(f"{tries} tries: {len(path.read_bytes())} → {len(data)} bytes, written to {out_path}")
        return 0
    finally:
        runner.close()
        Path(folder / ".minimize.stack").unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--minutes", type=float, default=0.0, help="wall time of the campaign (0: until --max-inputs)"
    )
    ap.add_argument("--max-inputs", type=int, default=0, help="stop after this many inputs (0: no limit)")
    ap.add_argument("--out", default="fuzz-findings", help="folder for findings (default fuzz-findings/)")
    ap.add_argument("--seed", type=int, default=0, help="campaign seed: input i is always the same bytes")
    ap.add_argument("--start-index", type=int, default=0, help="first input index (to continue a campaign)")
    ap.add_argument("--jobs", type=int, default=4, help="worker processes (default 4)")
    ap.add_argument(
        "--timeout", type=float, default=20.0, help="seconds per input before it is a hang (default 20)"
    )
    ap.add_argument("--memory-mb", type=int, default=4096, help="address-space limit per worker, 0 for none")
    ap.add_argument(
        "--seeds", default=str(DEFAULT_SEEDS), help="folder of seed files (default fixtures/contracts)"
    )
    ap.add_argument("--replay", metavar="FILE", help="run one input file here and print the outcome")
    ap.add_argument("--name", help="file name hint for --replay (default: the finding's meta.json)")
    ap.add_argument("--minimize", metavar="FINDING", help="shrink a finding's input.bin (folder or file)")
    ap.add_argument("--minimize-seconds", type=float, default=120.0)
    args = ap.parse_args(argv)
    if args.replay:
        return replay(Path(args.replay), args.name)
    if args.minimize:
        return minimize(Path(args.minimize), args)
    if not args.minutes and not args.max_inputs:
        args.minutes = 1.0
    return campaign(args)


if __name__ == "__main__":
    sys.exit(main())
