"""DOCX → ``Document``.

python-docx opens the package; the body XML is then walked directly, in order, so that tables appear where they
stand between paragraphs and nothing is read twice (python-docx's ``row.cells`` repeats merged cells).

* Paragraph text: ``w:t`` runs, including those inside hyperlinks, fields, content controls and tracked
  insertions; deleted text (``w:del``), hidden runs (``w:vanish``), drawings and text boxes are left out.
  ``w:tab`` → space, ``w:br``/``w:cr`` → a new line.
* Automatic numbering (``w:numPr`` on the paragraph or its style) is rendered in front of the text, e.g.
  ``第一条 `` from a ``第%1条`` level with ``chineseCounting``: Chinese contracts often number their articles
  this way, and without it the clause numbers would be missing.  Bullets are left out.
* Tables: one line per row, cells joined by ``" | "`` (the same separator as ruled PDF tables), the paragraphs of
  a cell joined by a space.
* Headers, footers, footnotes and comments are not part of the body and are not read.

A DOCX has no pages here: everything is page 1 and no character has a box.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

from loanclause.errors import EmptyInputError, InputError, TruncatedFileError
from loanclause.ingest.normalize import normalize_chars, strip_invisible
from loanclause.ingest.pdf import CELL_SEPARATOR
from loanclause.models import Document, Line, Page

__all__ = ["read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_SKIP = {
    W + "pPr",
    W + "rPr",
    W + "del",
    W + "moveFrom",
    W + "drawing",
    W + "pict",
    W + "object",
    W + "instrText",
    W + "delText",
    W + "footnoteReference",
    W + "endnoteReference",
    W + "commentReference",
    MC + "AlternateContent",
}

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _cn_number(n: int, digits: str = _CN_DIGITS, units: tuple[str, str, str] = ("十", "百", "千")) -> str:
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return "".join(digits[int(d)] for d in str(n))
    out = ""
    parts = [(n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]), (n % 10, "")]
    zero = False
    started = False
    for d, u in parts:
        if d == 0:
            zero = started
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[d] + u
        started = True
    if n < 20 and out.startswith(digits[1] + units[0]):
        out = out[1:]  # 十一, not 一十一
    return out


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
    vals += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    # Word: A..Z, AA..ZZ, AAA..
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """The text of counter ``n`` in Word's number format ``fmt``; None for bullets and 'none'."""
    if fmt in ("bullet", "none"):
        return None
    if fmt in ("decimal", "decimalHalfWidth", "decimalFullWidth", "decimalFullWidth2", "ordinal"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "ideographDigital",
        "japaneseDigitalTenThousand",
    ):
        return _cn_number(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "ideographLegalTraditional"):
        return _cn_number(n, _CN_LEGAL, ("拾", "佰", "仟"))
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    return str(n)


class _Numbering:
    """Word's list counters, enough for contract headings: per abstract numbering, nine levels."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, dict[str, Any]]] = {}  # abstractNumId → ilvl → props
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.counters: dict[str, list[int | None]] = {}
        self.started_overrides: set[tuple[str, int]] = set()
        self.style_numpr: dict[str, tuple[str | None, int | None] | None] = {}
        self.styles: dict[str, Any] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            root = None
        if root is not None:
            for an in root.iterchildren(W + "abstractNum"):
                aid = an.get(W + "abstractNumId")
                lvls: dict[int, dict[str, Any]] = {}
                for lvl in an.iterchildren(W + "lvl"):
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                    lvls[ilvl] = {
                        "start": int(_val(lvl, "start") or 1),
                        "fmt": _val(lvl, "numFmt") or "decimal",
                        "text": _val(lvl, "lvlText") or "",
                        "suff": _val(lvl, "suff") or "tab",
                        "lgl": lvl.find(W + "isLgl") is not None,
                    }
                self.levels[aid] = lvls
            for num in root.iterchildren(W + "num"):
                nid = num.get(W + "numId")
                aid_el = num.find(W + "abstractNumId")
                if aid_el is None:
                    continue
                overrides: dict[int, int] = {}
                for ov in num.iterchildren(W + "lvlOverride"):
                    so = ov.find(W + "startOverride")
                    if so is not None:
                        overrides[int(ov.get(W + "ilvl", "0"))] = int(so.get(W + "val", "1"))
                self.nums[nid] = (aid_el.get(W + "val"), overrides)
        try:
            for st in document.styles.element.iterchildren(W + "style"):
                sid = st.get(W + "styleId")
                if sid:
                    self.styles[sid] = st
        except Exception:
            pass

    def _style_numpr(self, style_id: str, depth: int = 0) -> tuple[str | None, int | None] | None:
        if style_id in self.style_numpr:
            return self.style_numpr[style_id]
        result = None
        st = self.styles.get(style_id)
        if st is not None and depth < 10:
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                result = (_val(numpr, "numId"), _int(_val(numpr, "ilvl")))
            else:
                based = _val(st, "basedOn")
                if based:
                    result = self._style_numpr(based, depth + 1)
        self.style_numpr[style_id] = result
        return result

    def label(self, p: Any) -> str:
        """The numbering text (with its suffix) of paragraph ``p``, advancing the counters; '' if none."""
        if not self.nums:
            return ""
        ppr = p.find(W + "pPr")
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id = _val(numpr, "numId")
                ilvl = _int(_val(numpr, "ilvl"))
            if num_id is None:
                style = _val(ppr, "pStyle")
                if style:
                    from_style = self._style_numpr(style)
                    if from_style is not None:
                        num_id = num_id or from_style[0]
                        ilvl = ilvl if ilvl is not None else from_style[1]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        aid, overrides = self.nums[num_id]
        lvls = self.levels.get(aid)
        if not lvls or ilvl not in lvls:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if ilvl in overrides and (num_id, ilvl) not in self.started_overrides:
            self.started_overrides.add((num_id, ilvl))
            counters[ilvl] = None
            lvls[ilvl] = {**lvls[ilvl], "start": overrides[ilvl]}
        counters[ilvl] = lvls[ilvl]["start"] if counters[ilvl] is None else counters[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        lvl = lvls[ilvl]
        text = lvl["text"]
        if lvl["fmt"] in ("bullet", "none") or not text:
            return ""
        for k in range(9, -1, -1):  # %10 is not a thing; go high to low so %1 does not eat %1x
            token = f"%{k + 1}"
            if token not in text:
                continue
            value = counters[k]
            if value is None:
                value = lvls.get(k, {}).get("start", 1)
            fmt = "decimal" if lvl["lgl"] else lvls.get(k, {}).get("fmt", "decimal")
            shown = format_number(int(value), fmt)
            text = text.replace(token, shown or "")
        suff = {"tab": " ", "space": " ", "nothing": ""}.get(lvl["suff"], " ")
        return text + suff


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


def _int(s: str | None) -> int | None:
    try:
        return None if s is None else int(s)
    except ValueError:
        return None


def _run_hidden(r: Any) -> bool:
    rpr = r.find(W + "rPr")
    if rpr is None:
        return False
    v = rpr.find(W + "vanish")
    return v is not None and v.get(W + "val", "true") not in ("0", "false", "off")


def _collect(el: Any, out: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            if child.text:
                out.append(child.text)
        elif tag == W + "r":
            if not _run_hidden(child):
                _collect(child, out)
        elif tag == W + "tab" or tag == W + "ptab":
            out.append(" ")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "sym":
            code = child.get(W + "char")
            try:
                ch = chr(int(code, 16)) if code else ""
            except ValueError:
                ch = ""
            if ch and not 0xE000 <= ord(ch) <= 0xF8FF:
                out.append(ch)
        else:
            _collect(child, out)


def _paragraph_text(p: Any) -> str:
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _cell_text(tc: Any, numbering: _Numbering) -> str:
    parts: list[str] = []
    for child in tc.iterchildren():
        if child.tag == W + "p":
            t = (numbering.label(child) + _paragraph_text(child)).strip()
            if t:
                parts.append(t.replace("\n", " "))
        elif child.tag == W + "tbl":
            for row in _table_rows(child, numbering):
                parts.append(row)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                t = _cell_text(content, numbering)
                if t:
                    parts.append(t)
    return " ".join(parts)


def _table_rows(tbl: Any, numbering: _Numbering) -> list[str]:
    rows: list[str] = []
    for tr in _iter_tag(tbl, W + "tr"):
        cells = [" ".join(_cell_text(tc, numbering).split()) for tc in _iter_tag(tr, W + "tc")]
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cells).strip())
    return rows


def _iter_tag(el: Any, tag: str) -> Any:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _iter_tag(inner, tag)


def _body_blocks(body: Any, numbering: _Numbering, out: list[str]) -> None:
    for child in body.iterchildren():
        tag = child.tag
        if tag == W + "p":
            text = _paragraph_text(child)
            label = numbering.label(child)
            if text.strip():
                out.extend((label + text).split("\n"))
            else:
                out.append("")
        elif tag == W + "tbl":
            out.extend(_table_rows(child, numbering))
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _body_blocks(content, numbering, out)
        elif tag == W + "customXml":
            _body_blocks(child, numbering, out)


def read_docx(data: bytes, *, source: str | None = None) -> Document:
    import docx as python_docx

    try:
        d = python_docx.Document(io.BytesIO(data))
        body = d.element.body
    except zipfile.BadZipFile as exc:
        raise TruncatedFileError(f"truncated or corrupt DOCX: {exc}") from exc
    except Exception as exc:  # python-docx / lxml / zipfile raise many kinds
        msg = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise InputError(f"corrupt DOCX: {msg}") from exc
    try:
        numbering = _Numbering(d)
        blocks: list[str] = []
        _body_blocks(body, numbering, blocks)
    except Exception as exc:  # pragma: no cover - malformed XML that lxml accepted
        raise InputError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from exc

    out: list[str] = []
    lines: list[Line] = []
    pos = 0
    for raw in blocks:
        line = normalize_chars(strip_invisible(raw)).replace("\t", " ").rstrip()
        if not line:
            continue  # empty paragraphs are spacing, not text
        if out:
            pos += 1  # the '\n' between paragraphs
        lines.append(Line(page=1, start=pos, end=pos + len(line)))
        out.append(line)
        pos += len(line)
    text = "\n".join(out)
    if not text.strip():
        raise EmptyInputError("empty document: the DOCX body has no text")
    metadata: dict[str, str] = {}
    try:
        cp = d.core_properties
        if cp.title:
            metadata["title"] = str(cp.title)[:200]
    except Exception:  # pragma: no cover
        pass
    return Document(
        source=source,
        format="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        pages=[Page(number=1, start=0, end=len(text))],
        lines=lines,
        encoding=None,
        metadata=metadata,
    )
