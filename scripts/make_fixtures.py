#!/usr/bin/env python3
"""Build loanclause's bundled fixture set: ``fixtures/contracts/*`` and ``fixtures/expected/*.json``.

Every fixture is made from a text in ``fixtures/sources/`` (real contract templates copied from the DEV set, with
their ``${...}`` slots filled, and contracts written for this project).  PDFs are laid out line by line on the
reportlab canvas with the STSong-Light CID font (no font file needed), so the script knows exactly what each
physical line holds; the expected JSON records that text.

Run from anywhere:  ``python scripts/make_fixtures.py [--out DIR]``  (default ``fixtures/``; writes
``DIR/contracts`` and ``DIR/expected``).  The output is deterministic: reportlab runs with ``invariant=1``, the
DOCX zip gets fixed timestamps, and the one random element (scan speckle) is seeded.  See ``fixtures/README.md``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "fixtures" / "sources"

FONT = "STSong-Light"
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points (reportlab.lib.pagesizes.A4)
SEED = 20240315


def build_info() -> str:
    """Library versions, stored in every PDF's /Subject and the DOCX comments: with the same versions the files
    come out byte-identical (tests/test_fixtures_generated.py relies on this)."""
    from importlib.metadata import version

    return "loanclause fixture; " + "; ".join(
        f"{p} {version(p)}" for p in ("reportlab", "pillow", "python-docx")
    )


# ============================================================================================ sources


def read_source(name: str) -> list[str]:
    """Lines of a source text (UTF-8, LF), without the final newline."""
    return (SOURCES / name).read_text(encoding="utf-8").rstrip("\n").split("\n")


def fill(lines: list[str], values: dict[str, str | list[str]]) -> list[str]:
    """Replace every ``${...}`` slot.  A list value is used occurrence by occurrence (in text order)."""
    queues = {k: list(v) if isinstance(v, list) else None for k, v in values.items()}

    def repl(m: re.Match[str]) -> str:
        key = m.group(0)
        if key not in values:
            raise KeyError(f"no value for {key}")
        q = queues[key]
        if q is None:
            return values[key]  # type: ignore[return-value]
        if not q:
            raise KeyError(f"not enough values for {key}")
        return q.pop(0)

    out = [re.sub(r"\$\{[^}]*\}", repl, line) for line in lines]
    left = {k: q for k, q in queues.items() if q}
    if left:
        raise ValueError(f"unused values: {left}")
    return out


def replace_lines(lines: list[str], table: dict[str, list[str]]) -> list[str]:
    """Replace whole lines (each key must occur exactly once) by one or more lines."""
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if line in table:
            if line in seen:
                raise ValueError(f"line occurs twice: {line}")
            seen.add(line)
            out.extend(table[line])
        else:
            out.append(line)
    missing = set(table) - seen
    if missing:
        raise ValueError(f"lines not found: {missing}")
    return out


REAL = {
    "shangyoudai": "huitouwang_hui_loan_contract_商友贷借款合同.txt",
    "tubaobao": "AssassinZero_Android_borrow1_兔宝宝分期购个人贷款协议.txt",
    "jlfex": "jlfex_hermes_agree_loan_出借与借款协议.txt",
    "riskfund": "koalakity_online_showRiskFundContract_证大e贷风险基金协议.txt",
    "yongqianbei": "fengziyoumeng_cashloan_protocol_borrow_用钱呗借款协议.txt",
    "consumer": "zhouzf007_creditlife_loan_contract_个人消费额度借款合同.txt",
}


def shangyoudai() -> list[str]:
    return fill(
        read_source(REAL["shangyoudai"]),
        {
            "${item.contractId}": "SYD20240518-0032",
            "${item.partyA}": "刘一",
            "${item.idCardA}": "320583197609233512",
            "${item.partyB}": "陈二",
            "${item.idCardB}": "110108199011072310",
            "${item.loanMoney}": "100,000.00",
            "${item.loanMoneyUpper}": "壹拾万元整",
            "${item.borrowMonth}": "12个月",
            "${item.dateTime}": "2024年5月18日",
            "${item.monthBack}": "2025年5月17日",
            "${item.rate}": "年利率 10",
            "${item.bonaType}": "按月付息，到期一次性还本",
            "${item.signedAddress}": "浙江省杭州市拱墅区",
        },
    )


def tubaobao() -> list[str]:
    return fill(
        read_source(REAL["tubaobao"]),
        {
            "${processInstanceId}": "DH20240518000127",
            "${name}": "杨六",
            "${certnumber}": "330106199005173025",
            "${account}": "人民币12,000.00元（大写：壹万贰仟元整）",
            "${timeLimit}": "12",
            "${accountMoon}": "人民币1,000.00元",
            "${serviceFee}": "6",
            "${accountName}": "德清县武康镇兔宝宝家居专卖店",
            "${bankName}": "浙江德清农村商业银行武康支行",
            "${bankCardId}": "201000123456789012",
            "${phone}": "13757221234",
            "${eMail!}": "yangliu1990@163.com",
        },
    )


def jlfex() -> list[str]:
    return fill(
        read_source(REAL["jlfex"]),
        {
            "${l.realName!''}": "韩七",
            "${l.amount!''}": "50,000.00",
            "${l.expectProfit!''}": "4,442.44",
            "${totalAmount!''}": "50,000.00",
            "${totalExpectProfit!''}": "4,442.44",
            "${loaner!''}": "郑十",
            "${loanerCertiID!''}": "310115197003142819",
            "${operator!''}": "北京汇融信息咨询有限公司",
            "${companyAddr!''}": "北京市西城区金融大街27号B座9层",
            "${companyCity!'xxx'}": "北京市",
            "${platformNetAddr!''}": "www.p2p.example.com",
            "${purpose!''}": "资金周转",
            "${amount!''}": "人民币50,000.00元",
            "${rate!''}": "12%",
            "${period!''}": ["12", "12"],
            "${monthRepayAmount!''}": "4,442.44",
            "${monthFee!''}": "150.00",
            "${repay_year!''}": "2024",
            "${repay_month!''}": "4",
            "${repay_day!''}": ["15", "15"],
            "${repayName!''}": "等额本息",
            "${fk_year!''}": "2024",
            "${fk_month!''}": "3",
            "${fk_day!''}": "15",
        },
    )


def riskfund() -> list[str]:
    return fill(
        read_source(REAL["riskfund"]),
        {
            "${borrowContractVO.loanUserRealName}": "朱八",
            "${borrowContractVO.loanId}": "ZD20140826000519",
            "${borrowContractVO.loanPross}": "2014年8月26日",
            "${borrowContractVO.identifyNo}": "320102197908024614",
            "${borrowContractVO.address}": "上海市徐汇区漕溪北路88号1203室",
            "${borrowContractVO.email}": "zhuba1979@163.com",
            "${borrowContractVO.reserveFund}": "2%",
            "${borrowContractVO.fundMoney}": "1,000.00",
            "${borrowContractVO.loanUserLoginName}": "zhuba_79",
        },
    )


def yongqianbei() -> list[str]:
    lines = read_source(REAL["yongqianbei"])
    assert not any("${" in line for line in lines)
    # the HTML page left the party fields and the loan detail table blank; fill them like a signed copy
    return replace_lines(
        lines,
        {
            "协议编号:": ["协议编号:YQB20171109000213"],
            "借款人姓名：": ["借款人姓名：何一"],
            "借款人身份证号：": ["借款人身份证号：330184198807123454"],
            "出借人姓名：": ["出借人姓名：吕二"],
            "出借人身份证号：": ["出借人身份证号：320106198512194027"],
            "明细如下:": [
                "明细如下:",
                "借款本金:人民币2,000.00元",
                "借款期限:14天",
                "借款利息:人民币11.20元",
                "征信审核费:人民币200.00元",
                "账户管理费:人民币160.00元",
            ],
        },
    )


def consumer() -> list[str]:
    return fill(
        read_source(REAL["consumer"]),
        {
            "${contractNumber!}": ["HZCD-XF-2024-000731", "HZCD-XF-2024-000731"],
            "${borrowerFullName!}": ["秦九"] * 4,
            "${lenderFullName!}": ["杭州城东商业银行股份有限公司"] * 2,
            "${borrowerCellphone!}": ["13605711234"] * 3,
            "${borrowerIdCard!}": ["320583197609233512"] * 2,
            "${capitalMoney!}": ["人民币50,000.00元", "伍万"],
            "${term!}": "12个月",
            "${interestStartDay!}": "2024年9月1日",
            "${repaymentMethod!}": "等额本息还款法",
            "${appointPayeeAccount!}": "6217001234567890123",
            "${annualInterestRate!}": "7.2%",
            "${lenderName!}": ["杭州城东商业银行"] * 6,
            "${borrowerAddress!}": ["浙江省杭州市西湖区文三路90号2号楼501室"] * 2,
            "${borrowerPostalAddress!}": ["浙江省杭州市西湖区文三路90号2号楼501室"] * 2,
            "${borrowerPostalCode!}": "310012",
            "${lenderAddress!}": "浙江省杭州市上城区解放东路18号",
            "${lenderPostalAddress!}": "浙江省杭州市上城区解放东路18号",
            "${lenderPostalCode!}": "310016",
            "${lenderPhone!}": "0571-87651234",
            "${loanValidityPeriodStart!}": "2024年8月20日",
            "${loanValidityPeriodEnd!}": "2025年8月19日",
            "${borrowerCardId!}": "6217001234567890123",
        },
    )


# ============================================================================================ clause list
# The reference reading of the ``clauses`` convention (see fixtures/README.md).  It is applied to the logical
# lines of each fixture and its output was checked by hand; the fixtures are written so that no heading is
# ambiguous under it.

CN = "一二三四五六七八九十百千零〇两"
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第[{CN}\d]+章")),
    ("article", re.compile(rf"第[{CN}\d]+[条條]")),
    ("appendix", re.compile(rf"附件[{CN}\d]+")),
    ("decimal", re.compile(r"\d+(?:\.\d+)+(?![\d%])")),
    ("arabic", re.compile(r"\d+(?=\s*[.、．](?!\d))")),
    ("cn_item", re.compile(rf"[{CN}]+(?=、)")),
    ("paren_cn", re.compile(rf"[（(][{CN}]+[）)]")),
    ("paren_num", re.compile(r"[（(]\d+[）)]")),
    ("circled", re.compile("[\u2460-\u2473]")),
]
RANK = {"appendix": 0, "chapter": 1, "article": 2, "cn_item": 3, "paren_cn": 4, "arabic": 5, "paren_num": 8}
RANK.update({"circled": 9})


def marker(line: str) -> tuple[str, str, int, str] | None:
    """(kind, number, rank, rest) when ``line`` starts with a numbered heading, else None."""
    mapped = line.translate(FW_DIGITS)
    for kind, rx in MARKERS:
        m = rx.match(mapped)
        if not m:
            continue
        number = m.group(0)
        rank = RANK.get(kind, 0)
        if kind == "decimal":
            rank = 5 + number.count(".")
        rest = line[m.end() :]
        rest = re.sub(r"^\s*[、.．]?", "", rest) if kind in ("arabic", "cn_item") else rest
        rest = rest.lstrip(" \u3000")
        return kind, number, rank, rest
    return None


def title_of(rest: str, has_body: bool) -> str | None:
    # ASCII , ; : count like their full-width forms (the 用钱呗 text uses them throughout)
    if rest and len(rest) <= 30 and has_body and not re.search("[，。；：,;:]", rest):
        return rest.strip()
    m = re.search("[：:]", rest)
    if m and 0 < m.start() <= 15 and not re.search("[，。；,;]", rest[: m.start()]):
        return rest[: m.start()].strip()
    m = re.match(r"【([^】]+)】|\[([^\]]+)\]", rest)
    if m:
        return m.group(1) or m.group(2)
    return None


def clause_list(lines: list[str]) -> list[dict[str, str | None]]:
    out: list[dict[str, str | None]] = []
    for i, line in enumerate(lines):
        mk = marker(line)
        if mk is None:
            continue
        _kind, number, rank, rest = mk
        has_body = False
        if i + 1 < len(lines):
            nxt = marker(lines[i + 1])
            has_body = nxt is None or nxt[2] > rank
        out.append({"number": number, "title": title_of(rest, has_body)})
    return out


# ============================================================================================ PDF layout


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def char_width(ch: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(ch, FONT, size)


CLOSING = set("，。、；：？！）》」』】〕”’%）,.;:!?)]")
OPENING = set("（《「『【〔“‘([")
ASCII_WORD = re.compile(r"[A-Za-z0-9¥$.,%:/@_\-]")
# a physical line that starts like a numbered heading would mislead a segmenter that skips line joining
LOOKS_LIKE_HEADING = re.compile(
    rf"^(第[{CN}\d０-９]+[条條章]|附件|[（(][{CN}\d０-９]+[）)]|[\d０-９]+\s*[.、．]|[{CN}]+、|[\u2460-\u2473])"
)


def wrap(
    text: str, size: float, width: float, first_indent: float, charspace: float, avoid: bool
) -> list[str]:
    """Greedy fixed-width wrap.  The pieces concatenate to ``text`` exactly.  Closing punctuation hangs into the
    margin, ASCII runs (numbers, account numbers with spaces) are never split, a piece never starts or ends with a
    space, and (with ``avoid``) no continuation line starts like a heading."""
    cw = [char_width(ch, size) + charspace for ch in text]
    pieces: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        avail = width - (first_indent if not pieces else 0)
        j = i
        w = 0.0
        while j < n and w + cw[j] <= avail + 0.01:
            w += cw[j]
            j += 1
        if j >= n:
            pieces.append(text[i:])
            break
        if j < n and text[j] in CLOSING:  # hang one closing mark
            j += 1
        for _ in range(len(text)):
            if j >= n:
                break
            a, b = text[j - 1], text[j]
            bad = (
                b in CLOSING
                or a in OPENING
                or " " in (a, b)
                or bool(ASCII_WORD.match(a) and ASCII_WORD.match(b))
                or bool(avoid and LOOKS_LIKE_HEADING.match(text[j:]))
            )
            if not bad:
                break
            j -= 1
            if j <= i + 1:
                raise ValueError(f"cannot wrap: {text!r}")
        pieces.append(text[i:j])
        i = j
    assert "".join(pieces) == text
    return pieces


@dataclass
class TextOp:
    text: str
    x: float
    y: float
    size: float
    bold: float | None = None  # fake bold: draw again shifted by this many points
    stroke: bool = False  # bold by fill+stroke (text render mode 2)
    charspace: float = 0.0


@dataclass
class LineOp:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.6


@dataclass
class Page:
    ops: list[TextOp | LineOp] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # body lines, in drawing order


class Layout:
    """Places paragraphs line by line on A4 pages; knows every line it drew."""

    def __init__(
        self,
        *,
        size: float = 11.0,
        leading: float = 19.0,
        margins: tuple[float, float, float, float] = (72, 72, 72, 72),
        header=None,
        footer=None,
    ) -> None:
        _fonts()
        self.size = size
        self.leading = leading
        self.top, self.right, self.bottom, self.left = margins
        self.header = header  # callable(page_no, total) -> list[(text, align, y, size)] and rule lines
        self.footer = footer
        self.pages: list[Page] = [Page()]
        self.y = PAGE_H - self.top
        self.logical: list[str] = []
        self.spans: list[tuple[int, int]] = []  # first and last page of each logical line (1-based)

    @property
    def width(self) -> float:
        return PAGE_W - self.left - self.right

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = PAGE_H - self.top

    def space(self, points: float) -> None:
        self.y -= points

    def para(
        self,
        text: str,
        *,
        size: float | None = None,
        leading: float | None = None,
        indent: float = 0.0,
        align: str = "left",
        bold: float | None = None,
        stroke: bool = False,
        charspace: float = 0.0,
        before: float = 0.0,
        after: float = 0.0,
        keep_next: bool = False,
        avoid: bool = True,
    ) -> list[str]:
        size = size or self.size
        leading = leading or self.leading * size / self.size
        pieces = wrap(text, size, self.width, indent * size, charspace, avoid)
        self.logical.append(text)
        if self.y < PAGE_H - self.top - 0.1:  # no space before at the top of a page
            self.y -= before
        need = leading * (2 if keep_next else 1)
        if self.y - need < self.bottom:
            self.new_page()
        first = len(self.pages)
        for k, piece in enumerate(pieces):
            if self.y - leading < self.bottom:
                self.new_page()
            self.y -= leading
            w = sum(char_width(ch, size) + charspace for ch in piece)
            x = self.left + (indent * size if k == 0 else 0)
            if align == "center":
                x = self.left + (self.width - w) / 2
            elif align == "right":
                x = self.left + self.width - w
            self.pages[-1].ops.append(TextOp(piece, x, self.y, size, bold, stroke, charspace))
            self.pages[-1].lines.append(piece)
        self.spans.append((first, len(self.pages)))
        self.y -= after
        return pieces

    def table(self, rows: list[list[str]], colw: list[float], *, size: float = 10, rowh: float = 20) -> int:
        """A ruled table kept on one page; returns that page (1-based)."""
        height = rowh * len(rows)
        self.y -= 4
        if self.y - height < self.bottom:
            self.new_page()
        page = self.pages[-1]
        top = self.y
        x0 = self.left
        xs = [x0]
        for w in colw:
            xs.append(xs[-1] + w)
        for r in range(len(rows) + 1):
            page.ops.append(LineOp(xs[0], top - r * rowh, xs[-1], top - r * rowh))
        for x in xs:
            page.ops.append(LineOp(x, top, x, top - height))
        for r, row in enumerate(rows):
            base = top - r * rowh - rowh / 2 - size * 0.35
            for c, cell in enumerate(row):
                w = sum(char_width(ch, size) for ch in cell)
                numeric = bool(re.fullmatch(r"[\d,.]+", cell)) and c >= 2
                x = xs[c + 1] - 5 - w if numeric else xs[c] + (colw[c] - w) / 2
                page.ops.append(TextOp(cell, x, base, size))
            line = " ".join(row)
            page.lines.append(line)
            self.logical.append(line)
            self.spans.append((len(self.pages), len(self.pages)))
        self.y = top - height - 6
        return len(self.pages)

    # ---------------------------------------------------------------------------------------------- output

    def furniture(self) -> list[dict[str, list[str]]]:
        total = len(self.pages)
        out = []
        for n in range(1, total + 1):
            head = [t for t, *_ in (self.header(n, total) if self.header else []) if isinstance(t, str)]
            foot = [t for t, *_ in (self.footer(n, total) if self.footer else []) if isinstance(t, str)]
            out.append({"header": head, "footer": foot})
        return out

    def render(self, *, title: str, encrypt=None) -> bytes:
        from reportlab.pdfgen import canvas

        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, encrypt=encrypt)
        c.setTitle(title)
        c.setAuthor("loanclause fixtures")
        c.setCreator("scripts/make_fixtures.py")
        c.setSubject(build_info())
        total = len(self.pages)
        for n, page in enumerate(self.pages, 1):
            extra_top = self._furniture_ops(self.header, n, total)
            extra_bottom = self._furniture_ops(self.footer, n, total)
            for op in [*extra_top, *page.ops, *extra_bottom]:
                draw(c, op)
            c.showPage()
        c.save()
        return buf.getvalue()

    def _furniture_ops(self, fn, n: int, total: int) -> list[TextOp | LineOp]:
        ops: list[TextOp | LineOp] = []
        for item in fn(n, total) if fn else []:
            if isinstance(item[0], str):
                text, align, y, size = item
                w = sum(char_width(ch, size) for ch in text)
                x = {
                    "left": self.left,
                    "center": (PAGE_W - w) / 2,
                    "right": PAGE_W - self.right - w,
                }[align]
                ops.append(TextOp(text, x, y, size))
            else:
                _, y = item
                ops.append(LineOp(self.left, y, PAGE_W - self.right, y, 0.5))
        return ops


def draw(c, op: TextOp | LineOp) -> None:
    if isinstance(op, LineOp):
        c.setLineWidth(op.width)
        c.line(op.x0, op.y0, op.x1, op.y1)
        return
    passes = [0.0] if op.bold is None else [0.0, op.bold]
    for dx in passes:
        # Tc and Tr belong to the graphics state and outlive the text object (reportlab does not reset them):
        # draw every line inside q/Q
        c.saveState()
        t = c.beginText(op.x + dx, op.y)
        t.setFont(FONT, op.size)
        if op.charspace:
            t.setCharSpace(op.charspace)
        if op.stroke:
            c.setLineWidth(0.35)
            t.setTextRenderMode(2)
        t.textOut(op.text)
        c.drawText(t)
        c.restoreState()


def is_heading(line: str) -> bool:
    mk = marker(line)
    return mk is not None and mk[0] in ("chapter", "article", "appendix")


def lay_contract(
    layout: Layout,
    lines: list[str],
    *,
    indent_body: bool = True,
    bold: dict[str, float] | None = None,
    center: tuple[str, ...] = ("chapter",),
    title_size: float = 16,
) -> None:
    """Title centred and larger; chapter/article/appendix headings flush left with a little space above; other
    lines indented two characters when ``indent_body``.  ``bold`` maps heading kinds or exact lines to a fake-bold
    offset."""
    bold = bold or {}
    layout.para(lines[0], size=title_size, align="center", after=10)
    for line in lines[1:]:
        mk = marker(line)
        kind = mk[0] if mk else None
        off = bold.get(line, bold.get(kind or "", None))
        if kind in ("chapter", "article", "appendix"):
            layout.para(
                line,
                align="center" if kind in center else "left",
                bold=off,
                before=6 if kind != "chapter" else 10,
                keep_next=True,
            )
        else:
            layout.para(line, indent=2 if (indent_body and mk is None) else 0, bold=off)


def page_footer(style: str):
    def fn(n: int, total: int):
        text = {
            "cn": f"第 {n} 页 共 {total} 页",
            "tw": f"第 {n} 頁 共 {total} 頁",
            "dash": f"- {n} -",
        }[style]
        return [(text, "center", 40, 9)]

    return fn


def header_with_rule(text: str, align: str = "left"):
    def fn(n: int, total: int):
        return [(text, align, PAGE_H - 46, 9), (None, PAGE_H - 52)]

    return fn


# ============================================================================================ expected JSON


@dataclass
class Fixture:
    file: str
    data: bytes
    expected: dict


def pdf_expected(name: str, layout: Layout, notes: str, *, lines: list[str] | None = None, **extra) -> dict:
    lines = layout.logical if lines is None else lines
    assert lines == layout.logical
    pieces = "".join("".join(p.lines) for p in layout.pages)
    assert re.sub(r"\s", "", pieces) == re.sub(r"\s", "", "".join(lines))
    exp = {
        "file": name,
        "readable": True,
        "format": "pdf",
        "pages": len(layout.pages),
        "source_text": "\n".join(lines),
        "clauses": clause_list(lines),
        "notes": notes,
    }
    exp.update(extra)
    exp["page_lines"] = [p.lines for p in layout.pages]
    exp["furniture"] = layout.furniture()
    return exp


def text_expected(name: str, lines: list[str], fmt: str, notes: str, **extra) -> dict:
    exp = {
        "file": name,
        "readable": True,
        "format": fmt,
        "source_text": "\n".join(lines),
        "clauses": clause_list(lines),
        "notes": notes,
    }
    exp.update(extra)
    return exp


def unreadable(name: str, error: str, notes: str, **extra) -> dict:
    exp = {"file": name, "readable": False, "error": error, "notes": notes}
    exp.update(extra)
    return exp


# ============================================================================================ fixtures


def f01_single_column() -> Fixture:
    name = "01_single_column.pdf"
    lines = read_source("own_minjian_jiekuan.txt")
    lay = Layout()
    lay.para(lines[0], size=16, align="center", after=10)
    for line in lines[1:]:
        lay.para(line)
    notes = (
        "Plain single-column 民间借贷 contract between two individuals (written for the project): every line starts "
        "at the left margin, no header, footer or bold.  Articles use U+3000 between number and title; items "
        "（一）… and 1. … under articles; the account numbers keep their ASCII spaces; amounts in 大写 and figures."
    )
    return Fixture(name, lay.render(title="借款合同"), pdf_expected(name, lay, notes))


def f02_header_footer() -> Fixture:
    name = "02_header_footer.pdf"
    lines = shangyoudai()
    lay = Layout(
        size=12,
        leading=22,
        margins=(80, 72, 80, 72),
        header=header_with_rule("商友贷借款合同\u3000合同编号：SYD20240518-0032"),
        footer=page_footer("cn"),
    )
    lay_contract(lay, lines)
    notes = (
        f"Real 商友贷 P2P template (huitouwang/hui loan_contract.ftl, slots filled) on {len(lay.pages)} pages, with "
        "a 9 pt header (contract name and number, ruled) and a footer '第 N 页 共 M 页' on every page; both must be "
        "dropped.  Items are numbered '一、' then '1、' and, as in the source, '2 、' with a space before the "
        "comma (number '2').  The source breaks item 1 of 一、 in the middle ('（ 大写：' / '壹拾万元整 ）。'): "
        "those are two source lines and stay two lines here."
    )
    return Fixture(name, lay.render(title="借款合同"), pdf_expected(name, lay, notes))


def f03_page_break() -> Fixture:
    name = "03_page_break_clause.pdf"
    lines = tubaobao()
    lay = Layout(size=11, leading=18)
    lay_contract(lay, lines)
    crossing = [
        (lines[i], a)
        for i, (a, b) in enumerate(lay.spans)
        if b > a and not lay.pages[a - 1].lines[-1].endswith(("。", "；", "："))
    ]
    assert crossing, "no paragraph runs across a page break"
    first = crossing[0][0]
    notes = (
        "Real 兔宝宝 instalment-loan template (AssassinZero/Android borrow1.ftl, slots filled), no header or "
        f"footer.  {len(crossing)} paragraph(s) run across a page break in mid-sentence; the first starts "
        f"'{first[:12]}…' on page {crossing[0][1]}: the last line of that page and the first line of the next "
        "must be joined without a space or line break.  Article headings have no separator ('第一条借款基本信息'); "
        "items '2.1乙方…' have none either; '（1）' items under 3.5."
    )
    return Fixture(
        name,
        lay.render(title="兔宝宝环保分期购个人贷款协议"),
        pdf_expected(
            name, lay, notes, crosses_page=[{"line_starts": t[:20], "page": p} for t, p in crossing]
        ),
    )


def f04_fake_bold() -> Fixture:
    name = "04_fake_bold.pdf"
    lines = read_source("own_wangdai_xieyi.txt")
    lay = Layout(footer=page_footer("cn"))
    bold = {"article": 0.4, "appendix": 0.4, "第五条\u3000逾期还款": 1.0}
    lay.para(lines[0], size=16, align="center", after=10, stroke=True)
    for line in lines[1:]:
        mk = marker(line)
        kind = mk[0] if mk else None
        off = bold.get(line, bold.get(kind or ""))
        if kind in ("article", "appendix"):
            lay.para(line, bold=off, before=6, keep_next=True)
        else:
            lay.para(line, indent=2 if mk is None else 0)
    notes = (
        "网贷 platform agreement (written for the project).  Every 第X条 heading and the 附件一 heading is fake "
        "bold: drawn twice, the second copy shifted +0.4 pt, except '第五条　逾期还款' shifted +1.0 pt (at the edge "
        "of pdfplumber's default dedupe tolerance of 1 pt).  The title is bold by fill+stroke (render mode 2, no "
        "duplicate chars).  Raw extraction gives '第第一一条条'; dedupe the chars (tolerance > 1).  Items use the "
        "【】 style ('1.【借款本金】…' → title 借款本金); footer '第 N 页 共 M 页'."
    )
    return Fixture(
        name,
        lay.render(title="借款协议"),
        pdf_expected(name, lay, notes, fake_bold={"default": 0.4, "max": 1.0}),
    )


def f05_tracked() -> Fixture:
    name = "05_tracked_text.pdf"
    lines = riskfund()
    lay = Layout()
    tracked: dict[int, float] = {}
    lay.para(lines[0], size=10, align="center", charspace=0.5)
    lay.para(lines[1], size=10, align="center")
    lay.para(lines[2], size=16, align="center", charspace=6, before=8, after=8)
    tracked[2] = 6
    for i, line in enumerate(lines[3:], 3):
        cs = 0.0
        if line.startswith(("甲方", "身份证号码", "现住址", "电子邮箱", "证大e贷用户名", "本协议生成日期")):
            cs = 4.0  # parties and signature block spread out like a form
        elif line.startswith(("第一条", "风险基金代偿后", "任何一方违反本协议的约定")):
            cs = 5.0  # justified paragraphs
        elif line.startswith("6."):
            cs = 4.5
        if cs:
            tracked[i] = cs
        mk = marker(line)
        lay.para(line, charspace=cs, indent=2 if (mk is None and cs < 4) else 0)
    notes = (
        "Real 证大e贷 risk-fund agreement (koalakity/online showRiskFundContract.jsp, slots filled).  Many lines "
        "are drawn with PDF character spacing (Tc 4–6 pt): title at 6 pt, parties/signature lines at 4 pt, three "
        "paragraphs at 5 pt, items 6.x at 4.5 pt.  pdfplumber's default extract_text() puts a space between every "
        "character of those lines ('借 款 协 议'); use x_tolerance_ratio≈0.5 or build lines from chars.  The "
        "real ASCII spaces between fields ('朱八 乙方：…') must survive."
    )
    tracked_lines = [{"line": lines[i], "charspace": cs} for i, cs in sorted(tracked.items())]
    return Fixture(
        name, lay.render(title="风险基金协议"), pdf_expected(name, lay, notes, tracked_lines=tracked_lines)
    )


def amortise(principal: Decimal, annual: Decimal, months: int) -> list[tuple[Decimal, Decimal]]:
    cent = Decimal("0.01")
    r = annual / 12
    pay = (principal * r * (1 + r) ** months / ((1 + r) ** months - 1)).quantize(cent, ROUND_HALF_UP)
    bal = principal
    out = []
    for k in range(months):
        interest = (bal * r).quantize(cent, ROUND_HALF_UP)
        prin = bal if k == months - 1 else pay - interest
        bal -= prin
        out.append((prin, interest))
    assert bal == 0
    return out


def money(x: Decimal) -> str:
    return f"{x:,.2f}"


def schedule_rows() -> list[list[str]]:
    rows = [["期数", "还款日", "应还本金", "应还利息", "合计"]]
    sched = amortise(Decimal("36000"), Decimal("0.154"), 12)
    for k, (p, i) in enumerate(sched, 1):
        month = 7 + k
        y, m = (2024, month) if month <= 12 else (2025, month - 12)
        rows.append([str(k), f"{y}-{m:02d}-15", money(p), money(i), money(p + i)])
    tp = sum(p for p, _ in sched)
    ti = sum(i for _, i in sched)
    rows.append(["合计", "—", money(tp), money(ti), money(tp + ti)])
    return rows


def f06_table() -> Fixture:
    name = "06_repayment_table.pdf"
    src = read_source("own_xiaodai_schedule.txt")
    rows = schedule_rows()
    lay = Layout(footer=page_footer("dash"))
    lay.para(src[0], size=16, align="center", after=10)
    table_page = 0
    for line in src[1:]:
        if line == "[[TABLE]]":
            table_page = lay.table(rows, [50, 110, 100, 90, 100])
        elif line == "还款计划表":
            lay.para(line, align="center", before=6, size=12)
        else:
            lay.para(line)
    lines = lay.logical
    notes = (
        "Small-loan-company contract (written for the project) with a ruled 等额本息 repayment schedule: header "
        "row 期数/还款日/应还本金/应还利息/合计, 12 instalments and a 合计 row (36,000.00 at 15.4% a year, "
        "computed with Decimal).  In source_text each table row is one line, cells joined by one space; the "
        "rows start with a bare number ('1 2024-08-15 …'), which is not a heading.  Items '一、借款金额：…' "
        "take their title from before the colon.  Footer '- N -'."
    )
    return Fixture(
        name,
        lay.render(title="个人借款合同"),
        pdf_expected(name, lay, notes, lines=lines, tables=[{"page": table_page, "rows": rows}]),
    )


def f07_docx() -> Fixture:
    name = "07_docx_with_table.docx"
    src = consumer()
    # the key/value block after the preamble becomes a two-column table, as in the bank's printed form
    start = src.index("手机号")
    end = src.index("第一条 借款额度")
    kv = src[start:end]
    pairs = [[kv[i], kv[i + 1]] for i in range(0, len(kv), 2)]
    body_before, body_after = src[:start], src[end:]
    data = build_docx(body_before, pairs, body_after)
    lines = body_before + [" ".join(p) for p in pairs] + body_after
    notes = (
        "Real bank-style consumer credit-line contract (zhouzf007/creditlife loan_contract.ftl, slots filled) as "
        "DOCX: 宋体 runs, article headings in bold runs (no Word heading styles, no automatic numbering: every "
        "number is literal text), and the 立约人 key/value block as a 2-column table (in source_text one line "
        "per row, cells joined by one space).  Thirty articles 第一条…第三十条 with items 一、 / (一) / 1.; "
        "inline citations ('见本合同第二十一条的约定'); two source lines are hard-broken mid-sentence "
        "('…用以抵' / '偿甲方应付款项；')."
    )
    return Fixture(name, data, text_expected(name, lines, "docx", notes, table_rows=pairs))


def build_docx(before: list[str], pairs: list[list[str]], after: list[str]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    cp = doc.core_properties
    from datetime import datetime

    fixed = datetime(2024, 8, 20, 9, 0, 0)
    cp.author = "loanclause fixtures"
    cp.last_modified_by = "loanclause fixtures"
    cp.created = fixed
    cp.modified = fixed
    cp.title = before[0]
    cp.revision = 1
    cp.comments = build_info()

    def add(line: str, *, bold: bool = False, center: bool = False, size: float | None = None) -> None:
        p = doc.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    add(before[0], bold=True, center=True, size=16)
    for line in before[1:]:
        add(line)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in pairs:
        cells = table.add_row().cells
        cells[0].text = k
        cells[1].text = v
    for line in after:
        add(line, bold=is_heading(line))
    raw = io.BytesIO()
    doc.save(raw)
    return fixed_zip(raw.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with constant timestamps so the DOCX is byte-identical across runs."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 8, 20, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def f08_gbk() -> Fixture:
    name = "08_gbk.txt"
    lines = read_source("own_jiekuan_xieyishu.txt")
    data = ("\r\n".join(lines) + "\r\n").encode("gbk")
    notes = (
        "民间借贷 借款协议书 (written for the project) saved as GBK with CRLF line ends (not valid UTF-8).  Items "
        "'一、借款金额：…' take the title before the colon; '六、其他约定：' has only a colon title and "
        "（一）…（三） under it.  Uses ￥ (U+FFE5, GBK has no U+00A5)."
    )
    return Fixture(name, data, text_expected(name, lines, "text", notes, encoding="gbk", newline="\r\n"))


def traditional_lines() -> list[str]:
    return read_source("own_traditional_qiyue.txt")


def f09_big5() -> Fixture:
    name = "09_traditional_big5.txt"
    lines = traditional_lines()
    data = ("\n".join(lines) + "\n").encode("big5")
    notes = (
        "Taiwan-style 借款契約書 in Traditional Chinese (written for the project), Big5, LF.  第一條　借款金額 … "
        "第八條; 新臺幣 amounts, 民國 dates (一一三年), Taiwan ID numbers.  Titles keep their Traditional "
        "characters (借款金額)."
    )
    return Fixture(name, data, text_expected(name, lines, "text", notes, encoding="big5", newline="\n"))


def f10_scanned() -> Fixture:
    name = "10_scanned_image_only.pdf"
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(SEED)
    lines = read_source("own_minjian_jiekuan.txt")
    # line lengths of the text, 40 characters a line, stand in for the glyphs (no CJK font is needed)
    bars: list[tuple[int, bool]] = []
    for line in lines[1:]:
        n = len(line)
        while n > 0:
            bars.append((min(n, 40), is_heading(line)))
            n -= 40
    dpi = 100
    wpx, hpx = round(PAGE_W / 72 * dpi), round(PAGE_H / 72 * dpi)
    images = []
    per_page = 38
    for p in range(0, len(bars), per_page):
        img = Image.new("L", (wpx, hpx), 250)
        d = ImageDraw.Draw(img)
        y = 110
        if p == 0:
            d.rectangle([wpx // 2 - 70, 70, wpx // 2 + 70, 92], fill=40)
        for n, head in bars[p : p + per_page]:
            x0 = 100
            d.rectangle([x0, y, x0 + n * 15, y + (13 if head else 10)], fill=30 if head else 70)
            y += 26
        for _ in range(400):  # scanner speckle
            x, yy = rng.randrange(wpx), rng.randrange(hpx)
            d.point((x, yy), fill=rng.randrange(120, 200))
        d.text((wpx - 150, hpx - 40), f"SCAN {p // per_page + 1:04d}", fill=90)
        rgb = img.convert("RGB")
        if p + per_page >= len(bars):  # red seal on the last page
            dr = ImageDraw.Draw(rgb)
            cx, cy = wpx - 230, y + 20
            dr.ellipse([cx - 60, cy - 60, cx + 60, cy + 60], outline=(200, 30, 30), width=5)
            dr.regular_polygon((cx, cy, 18), 5, fill=(200, 30, 30))
        b = io.BytesIO()
        rgb.save(b, format="JPEG", quality=60, optimize=False)
        images.append(b.getvalue())
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle("scan")
    c.setCreator("scripts/make_fixtures.py")
    c.setSubject(build_info())
    for jpg in images:
        c.drawImage(ImageReader(io.BytesIO(jpg)), 0, 0, width=PAGE_W, height=PAGE_H)
        c.showPage()
    c.save()
    notes = (
        f"A 'scanned' contract: {len(images)} A4 pages, each one JPEG image of grey text bars (the line lengths of "
        "01's text), speckle and a red seal; no text layer at all.  Ingest must report no_text_layer (OCR is an "
        "optional extra, never silent)."
    )
    return Fixture(name, buf.getvalue(), unreadable(name, "no_text_layer", notes, pages=len(images)))


def f11_encrypted() -> Fixture:
    from reportlab.lib.pdfencrypt import StandardEncryption

    name = "11_encrypted.pdf"
    lines = read_source("own_minjian_jiekuan.txt")
    lay = Layout()
    lay.para(lines[0], size=16, align="center", after=10)
    for line in lines[1:]:
        lay.para(line)
    enc = StandardEncryption("lc2024", ownerPassword="owner-lc2024", canPrint=1, strength=128)
    notes = (
        "01's contract saved with RC4-128 encryption and a user password ('lc2024'), so it cannot be opened "
        "without it; pdfplumber raises on open.  Even with the password, pdfminer yields (cid:NN) for this "
        "reportlab CID font, so do not use it as a text fixture."
    )
    return Fixture(
        name,
        lay.render(title="借款合同", encrypt=enc),
        unreadable(name, "encrypted", notes, password="lc2024", pages=len(lay.pages)),
    )


def f12_truncated() -> Fixture:
    name = "12_truncated.pdf"
    lines = read_source("own_jiekuan_xieyishu.txt")
    lay = Layout(size=14, leading=26, footer=page_footer("cn"))
    lay_contract(lay, lines)
    full = lay.render(title="借款协议书")
    data = full[: len(full) // 2]
    notes = (
        f"The first {len(data)} of {len(full)} bytes of a valid {len(lay.pages)}-page PDF of 08's text (an "
        "interrupted download): starts with %PDF-, no xref table, no %%EOF.  pdfplumber raises "
        "('Unexpected EOF')."
    )
    return Fixture(name, data, unreadable(name, "truncated", notes, full_size=len(full)))


def f13_empty() -> Fixture:
    name = "13_empty.pdf"
    return Fixture(name, b"", unreadable(name, "empty", "A 0-byte file with a .pdf name."))


def f14_non_contract() -> Fixture:
    name = "14_non_contract.pdf"
    lines = read_source("own_notice_library.txt")
    lay = Layout(size=11, leading=20)
    lay.para(lines[0], size=16, align="center", after=4)
    lay.para(lines[1], align="center", size=10, after=8)
    for line in lines[2:-1]:
        lay.para(line, indent=2)
    lay.para(lines[-1], align="right")
    notes = (
        "A readable Chinese news article (written for the project) about a library extending its opening hours; "
        "no loan and no numbered headings, so clauses is empty.  Decoy vocabulary: 借阅, 借还, 逾期未还, 续借, "
        "逾期费用.  A pipeline should read it cleanly and find no loan terms."
    )
    return Fixture(
        name, lay.render(title="市图书馆新馆将于下月起延长开放时间"), pdf_expected(name, lay, notes)
    )


def f15_not_pdf() -> Fixture:
    name = "15_html_named_pdf.pdf"
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n'
        '<head><meta charset="utf-8"><title>404 页面不存在</title></head>\n'
        "<body>\n"
        "<h1>404 Not Found</h1>\n"
        "<p>您访问的合同文件不存在或已过期，请返回重新下载。</p>\n"
        '<p><a href="/contract/download?id=20240518000127">重新下载借款合同</a></p>\n'
        "</body>\n"
        "</html>\n"
    )
    notes = (
        "An HTML error page saved under a .pdf name (what a failed download leaves behind): no %PDF- header.  "
        "pdfplumber raises; ingest must say not_a_document rather than try to parse it as text."
    )
    return Fixture(name, html.encode("utf-8"), unreadable(name, "not_a_document", notes))


def f16_platform_txt() -> Fixture:
    name = "16_platform_utf8.txt"
    lines = yongqianbei()
    data = ("\n".join(lines) + "\n").encode("utf-8")
    notes = (
        "Real 用钱呗 cash-loan app agreement (fengziyoumeng/cashloan protocol_borrow.jsp) as UTF-8 text; the blank "
        "party fields and the missing loan-detail table were filled (2,000 yuan, 14 days, with 征信审核费 and "
        "账户管理费).  Five numbered recitals '1.…' before 第一条; half-width '(1)' items; ASCII commas and "
        "colons; a stray line holding only '、'; 罚息利率 日息百分之一."
    )
    return Fixture(name, data, text_expected(name, lines, "text", notes, encoding="utf-8", newline="\n"))


def f17_long() -> Fixture:
    name = "17_long_mixed_numbering.pdf"
    lines = read_source("own_company_loan_long.txt")
    lay = Layout(
        size=12,
        leading=24,
        margins=(84, 78, 84, 78),
        header=header_with_rule("借款合同\u3000ZJ-JK-2024-0086", align="right"),
        footer=page_footer("cn"),
    )
    lay.para(lines[0], size=18, align="center", after=12, stroke=True)
    trap_at = None
    for line in lines[1:]:
        mk = marker(line)
        kind = mk[0] if mk else None
        if line.startswith("附件1"):
            lay.new_page()
        if kind in ("chapter", "article", "appendix"):
            lay.para(line, align="center" if kind == "chapter" else "left", before=8, keep_next=True)
        elif line.startswith("乙方提前偿还全部或部分借款的"):
            pieces = lay.para(line, indent=2, avoid=False)
            trap_at = [p[:6] for p in pieces]
        else:
            lay.para(line, indent=2 if mk is None else 0)
    assert trap_at and any(p.startswith("第十九条") for p in trap_at), trap_at
    assert len(lay.pages) >= 8, len(lay.pages)
    trap_page = next(
        n for n, p in enumerate(lay.pages, 1) if any(x.startswith("第十九条宣布") for x in p.lines)
    )
    at_top = lay.pages[trap_page - 1].lines[0].startswith("第十九条宣布")
    where = (
        f"the first body line of page {trap_page}, right under the header" if at_top else f"page {trap_page}"
    )
    notes = (
        "Company loan with a guarantor (written for the project), "
        f"{len(lay.pages)} pages, header (ruled) and footer '第 N 页 共 M 页'.  Mixes 第X章 / 第X条 "
        "(separated by U+3000, by an ASCII space, or not at all: '第十一条保证') with items 一、 （一） (1) "
        "（１） 1. １． 1.1 17.1 22.2.1 ①, a 【保密】 title, a title before a colon ('第二十三条　合同生效：…'), "
        "and appendices '附件1'/'附件2' after the signature block.  Inline citations (按第八条约定, 依照本合同第5.2条, "
        "第17.1条, 第十九条第（2）项) are not headings; in 第八条 the wrap puts '第十九条宣布…' at the start "
        f"of a physical line ({where}), so hard-wrapped lines must be joined before segmenting.  Full-width digits "
        "(２０２５年６月２０日) and 人民币壹佰伍拾万元整（¥1,500,000.00）."
    )
    return Fixture(name, lay.render(title="借款合同"), pdf_expected(name, lay, notes))


def f18_dash_page_numbers() -> Fixture:
    name = "18_page_number_dash.pdf"
    lines = jlfex()
    lay = Layout(
        size=10.5,
        leading=17,
        margins=(70, 66, 70, 66),
        header=header_with_rule("出借与借款协议", align="right"),
        footer=page_footer("dash"),
    )
    lay_contract(lay, lines)
    notes = (
        "Real three-party P2P agreement (jlfex/hermes agree/loan.ftl, slots filled), "
        f"{len(lay.pages)} pages with a right-aligned ruled header and a centred '- N -' page number.  Items "
        "mix '1、' and '4.' in one list; '（1）' sub-items; key/value lines such as '借款本金数额 人民币50,000.00元'."
    )
    return Fixture(name, lay.render(title="出借与借款协议"), pdf_expected(name, lay, notes))


def f19_traditional_pdf() -> Fixture:
    name = "19_traditional.pdf"
    lines = traditional_lines()
    lay = Layout(footer=page_footer("tw"))
    lay_contract(lay, lines)
    notes = (
        "09's Traditional-Chinese 借款契約書 as a PDF (STSong-Light draws Traditional characters and pdfplumber "
        "reads them back; reportlab's MSung-Light CID font does not extract correctly, so it is not used).  "
        "Footer '第 N 頁 共 M 頁' (Traditional)."
    )
    return Fixture(name, lay.render(title="借款契約書"), pdf_expected(name, lay, notes))


BUILDERS = [
    f01_single_column,
    f02_header_footer,
    f03_page_break,
    f04_fake_bold,
    f05_tracked,
    f06_table,
    f07_docx,
    f08_gbk,
    f09_big5,
    f10_scanned,
    f11_encrypted,
    f12_truncated,
    f13_empty,
    f14_non_contract,
    f15_not_pdf,
    f16_platform_txt,
    f17_long,
    f18_dash_page_numbers,
    f19_traditional_pdf,
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out", type=Path, default=ROOT / "fixtures", help="writes OUT/contracts and OUT/expected"
    )
    ap.add_argument(
        "--only", nargs="*", help="build only fixtures whose name starts with one of these prefixes"
    )
    args = ap.parse_args(argv)
    contracts, expected = args.out / "contracts", args.out / "expected"
    contracts.mkdir(parents=True, exist_ok=True)
    expected.mkdir(parents=True, exist_ok=True)
    for build in BUILDERS:
        fx = build()
        if args.only and not any(fx.file.startswith(p) for p in args.only):
            continue
        (contracts / fx.file).write_bytes(fx.data)
        stem = fx.file.rsplit(".", 1)[0]
        text = json.dumps(fx.expected, ensure_ascii=False, indent=2) + "\n"
        (expected / f"{stem}.json").write_text(text, encoding="utf-8")
        print(f"{fx.file:32s} {len(fx.data):8d} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
