"""Plain text → ``Document``: encoding detection and the light normalisation every text gets.

Decoding order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) wins; then strict UTF-8; then the legacy Chinese
encodings GB18030 (a superset of GBK and GB2312), Big5 and Big5-HKSCS, each decoded strictly, and the one whose
text is most plausible is kept: the share of characters that are ASCII, common punctuation or one of the
~11,000 common Hanzi (GB2312 ∪ Big5 level 1).  A wrong legacy decoding gives a share around 0.3–0.6, a right
one 0.95+.  Such a guess is recorded in ``Document.encoding`` and as an ``encoding_guess`` warning.
(charset-normalizer is not used: on short Chinese texts it often calls GBK bytes Big5 or cp1252.)

Normalisation (the same for ``document_from_text``): CRLF and CR → LF, form feed → LF (and a page break),
``normalize_chars``, tabs and other control characters → space, zero-width characters removed, trailing
spaces of every line removed.  Lines are kept as they are: one line is one paragraph.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from loanclause.errors import EmptyInputError, UnsupportedFormatError
from loanclause.ingest.normalize import normalize_chars, strip_invisible
from loanclause.models import Document, DocumentWarning, Line, Page

__all__ = ["decode_text", "plausibility", "read_text", "text_document"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_LEGACY = ("gb18030", "big5", "big5hkscs")

# control characters other than \t \n \r \f \v → space (keeps offsets)
_CONTROL = {cp: " " for cp in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]}
_CONTROL[0x09] = " "
_CONTROL[0x0B] = "\n"


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    # GB2312 levels 1 and 2, then Big5 level 1 (常用字); undefined byte pairs decode to U+FFFD and are dropped
    gb = bytes(b for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    big5 = bytes(
        b for hi in range(0xA4, 0xC7) for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)) for b in (hi, lo)
    )
    chars = set(gb.decode("gb2312", errors="replace")) | set(big5.decode("big5", errors="replace"))
    chars.discard("\ufffd")
    return frozenset(chars)


def _ok_char(ch: str, common: frozenset[str]) -> bool:
    cp = ord(ch)
    if cp < 0x80:
        return ch.isprintable() or ch in "\t\n\r\f"
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E or 0x2010 <= cp <= 0x203B:
        return True
    if ch in "¥￥·×÷°±§№" or ch.isspace():
        return True
    return ch in common


def plausibility(text: str) -> float:
    """Share of the non-space characters that are ASCII, common punctuation or common Hanzi (0…1)."""
    common = _common_hanzi()
    total = ok = 0
    for ch in text:
        if ch in " \n\r\t":
            continue
        total += 1
        if _ok_char(ch, common):
            ok += 1
    return ok / total if total else 1.0


def _binary_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 0x20 and ch not in "\t\n\r\f\v") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(text)


def decode_text(data: bytes) -> tuple[str, str, DocumentWarning | None]:
    """Decode text bytes; returns (text, encoding, warning or None).  Raises UnsupportedFormatError for binary
    data that is no text in any supported encoding."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc).lstrip("\ufeff"), enc.replace("-sig", ""), None
            except UnicodeDecodeError:
                break
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a few bad bytes (a file cut inside a character, one damaged byte) is still UTF-8
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(2, len(text) // 1000) and _binary_share(text) <= 0.01 and plausibility(text) >= 0.9:
            return (
                text,
                "utf-8",
                DocumentWarning(
                    code="encoding_guess",
                    message=f"UTF-8文本中有{bad}个无法解码的字节，已替换为� / "
                    f"UTF-8 with {bad} undecodable byte sequence(s), replaced by U+FFFD",
                ),
            )
    else:
        if _binary_share(text) > 0.01:
            raise UnsupportedFormatError("binary data, not a text, PDF or DOCX file")
        return text, "utf-8", None

    candidates: list[tuple[float, str, str]] = []
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: the NUL bytes of ASCII characters sit on one side
        even = data[0:4096:2].count(0)
        odd = data[1:4096:2].count(0)
        encs = ("utf-16-le",) if odd > even else ("utf-16-be",)
    else:
        encs = _LEGACY
    for enc in encs:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _binary_share(text) > 0.01:
            continue
        candidates.append((plausibility(text), enc, text))
        if enc == "big5" and candidates[-1][0] >= 0.999:
            break  # big5hkscs adds nothing
    if not candidates:
        raise UnsupportedFormatError("binary data, not a text, PDF or DOCX file")
    # highest plausibility; ties go to the earlier (GB18030 first)
    best = max(candidates, key=lambda c: (c[0], -_LEGACY.index(c[1]) if c[1] in _LEGACY else 0))
    score, enc, text = best
    if score < 0.6:
        raise UnsupportedFormatError(
            f"binary data or an unknown encoding: no decoding gives readable text (best {enc}, {score:.0%})"
        )
    others = ", ".join(f"{e} {s:.0%}" for s, e, _ in candidates if e != enc)
    warning = DocumentWarning(
        code="encoding_guess",
        message=f"文本不是UTF-8，按{enc}解码 / not UTF-8; decoded as {enc} "
        f"({score:.0%} plausible{'; ' + others if others else ''})",
    )
    return text, enc, warning


def text_document(
    text: str,
    *,
    raw: bytes | None = None,
    source: str | None = None,
    encoding: str | None = None,
    warnings: list[DocumentWarning] | None = None,
) -> Document:
    """Normalise decoded text and wrap it in a ``Document`` (one page per form feed, one line per line)."""
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8", "surrogatepass")).hexdigest()
    text = strip_invisible(text)
    if not text.strip():
        raise EmptyInputError("empty file" if raw is not None else "empty text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = normalize_chars(text)
    out_lines: list[str] = []
    lines: list[Line] = []
    pages: list[Page] = []
    pos = 0
    # A form feed (pdftotext's page break) starts a new page; it becomes a newline in the text.
    for number, page_text in enumerate(text.split("\f"), 1):
        page_start = pos
        for raw_line in page_text.translate(_CONTROL).split("\n"):
            line = raw_line.rstrip(" ")
            if line:
                lines.append(Line(page=number, start=pos, end=pos + len(line)))
            out_lines.append(line)
            pos += len(line) + 1
        pages.append(Page(number=number, start=page_start, end=max(page_start, pos - 1)))
    result = "\n".join(out_lines).rstrip("\n")
    n = len(result)
    next_start = n
    for page in reversed(pages):
        # a page without text starts where the next page's text starts, so page_at never picks it
        page.start, page.end = min(page.start, n), min(page.end, n)
        if not result[page.start : page.end].strip():
            page.start = page.end = next_start
        else:
            next_start = page.start
    return Document(
        source=source,
        format="text",
        sha256=digest,
        text=result,
        pages=pages,
        lines=lines,
        warnings=list(warnings or []),
        encoding=encoding,
    )


def read_text(data: bytes, *, source: str | None = None) -> Document:
    text, enc, warning = decode_text(data)
    return text_document(text, raw=data, source=source, encoding=enc, warnings=[warning] if warning else [])
