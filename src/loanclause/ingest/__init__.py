"""Ingest: a file (PDF, DOCX, text) → a normalised ``Document`` with an offset map back to pages and boxes.

Public API::

    read_document(source, *, pages=None, max_bytes=200 MiB) -> Document
    document_from_text(text, *, source=None) -> Document
    normalize_chars(text) -> str      # 1:1 (full-width ASCII, Kangxi radicals, odd spaces)
    to_simplified(text) -> str        # 1:1 Traditional → Simplified view for matching

The format is decided by the content, never by the file name: ``%PDF`` → PDF, a ZIP holding
``word/document.xml`` → DOCX, anything else must decode as text.  A name that promises a PDF or DOCX whose content
is something else is an ``UnsupportedFormatError`` (an HTML error page saved as ``contract.pdf`` is a common
case).  Every failure is an ``InputError`` subclass with a one-line reason; no exception of pdfminer,
pypdfium2, python-docx or zipfile escapes.  Problems that still leave text (a scanned page, a font without a
Unicode map, a guessed encoding) are ``Document.warnings``.

Decisions (see the module docstrings for details):

* table cells (ruled PDF tables and DOCX tables) are joined with ``" | "`` (``CELL_SEPARATOR``), one row per
  line;
* paragraphs are separated by ``"\\n"``; hard-wrapped PDF lines are joined (see ``ingest.pdf``);
* ``pages`` only applies to PDFs; DOCX is one page; a text file has a page per form feed.
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import IO, Any

from loanclause.errors import (
    EmptyInputError,
    InputError,
    TooLargeError,
    TruncatedFileError,
    UnsupportedFormatError,
)
from loanclause.ingest.normalize import normalize_chars, to_simplified
from loanclause.ingest.pdf import CELL_SEPARATOR
from loanclause.models import Document, DocumentWarning

__all__ = [
    "CELL_SEPARATOR",
    "DEFAULT_MAX_BYTES",
    "document_from_text",
    "normalize_chars",
    "read_document",
    "sniff_format",
    "to_simplified",
]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel file (.doc/.xls); save it as DOCX or PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image; scanned pages need OCR"),
    (b"\xff\xd8\xff", "a JPEG image; scanned pages need OCR"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image; scanned pages need OCR"),
    (b"MM\x00*", "a TIFF image; scanned pages need OCR"),
    (b"{\\rtf", "an RTF file; save it as DOCX or PDF"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%!PS", "a PostScript file"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
)


def _looks_like_html(head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return h.startswith((b"<!doctype html", b"<html", b"<head")) or b"<html" in h[:512]


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")


def sniff_format(data: bytes, name: str | None = None) -> str:
    """'pdf', 'docx' or 'text' from the content; raises UnsupportedFormatError for anything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError) as exc:
            if name and name.lower().endswith((".docx", ".docm")):
                raise TruncatedFileError(f"truncated or corrupt DOCX: {exc}") from exc
            raise UnsupportedFormatError(f"a damaged ZIP archive, not a document ({exc})") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            raise UnsupportedFormatError("an Excel workbook (.xlsx), not a loan agreement document")
        if "ppt/presentation.xml" in names:
            raise UnsupportedFormatError("a PowerPoint file (.pptx), not a loan agreement document")
        if "content.xml" in names:
            raise UnsupportedFormatError("an OpenDocument file; save it as DOCX or PDF")
        raise UnsupportedFormatError("a ZIP archive, not a DOCX (no word/document.xml)")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and not data[:64].count(b"\x00"):
                break  # text that happens to start with "MZ"
            raise UnsupportedFormatError(f"not a PDF, DOCX or text file: {what}")
    lower = (name or "").lower()
    if lower.endswith(".pdf"):
        raise UnsupportedFormatError(f"not a PDF: {_describe(data)}")
    if lower.endswith((".docx", ".docm")):
        raise UnsupportedFormatError(f"not a DOCX: {_describe(data)}")
    if _looks_like_html(head):
        raise UnsupportedFormatError("an HTML page, not a PDF, DOCX or text file; save it as PDF or text")
    if _looks_like_xml(head):
        raise UnsupportedFormatError("an XML file, not a PDF, DOCX or text file; save it as DOCX or PDF")
    return "text"


def _describe(data: bytes) -> str:
    if _looks_like_html(data[:1024]):
        return "the file is an HTML page (a failed download?)"
    if _looks_like_xml(data[:1024]):
        return "the file is XML"
    snippet = data[:16]
    return f"the file starts with {snippet!r}, not %PDF"


def _read_source(source: Source, max_bytes: int) -> tuple[bytes | str, str | None, str | None]:
    """(data, source path or None, name for messages)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise TooLargeError(f"input is {len(data)} bytes, more than the limit of {max_bytes}")
        return data, None, None
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if isinstance(path, bytes):  # pragma: no cover - bytes paths
            path = os.fsdecode(path)
        if "\n" in path or len(path) > 4096:
            raise InputError("no such file (to read a string of text, use document_from_text)")
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise InputError("no such file", source=path) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
        if os.path.isdir(path):
            raise InputError("is a directory, not a file", source=path)
        if st.st_size > max_bytes:
            raise TooLargeError(
                f"file is {st.st_size} bytes, more than the limit of {max_bytes}", source=path
            )
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
        if len(data) > max_bytes:
            raise TooLargeError(f"file is more than the limit of {max_bytes} bytes", source=path)
        return data, path, path
    read = getattr(source, "read", None)
    if read is None:
        raise TypeError(
            f"read_document needs a path, bytes or a binary file object, not {type(source).__name__}"
        )
    name = getattr(source, "name", None)
    name = name if isinstance(name, str) else None
    try:
        chunk: Any = read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc}") from None
    if isinstance(chunk, str):
        if len(chunk) > max_bytes:
            raise TooLargeError(f"input is more than the limit of {max_bytes} characters")
        return chunk, None, name
    data = bytes(chunk or b"")
    if len(data) > max_bytes:
        raise TooLargeError(f"input is more than the limit of {max_bytes} bytes")
    return data, None, name


def read_document(
    source: Source,
    *,
    pages: tuple[int, int] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a PDF, DOCX or text file (a path, ``bytes`` or a binary file object) into a ``Document``.

    ``pages=(first, last)`` (1-based, inclusive) limits which PDF pages are read.  Raises an ``InputError``
    subclass (``EmptyInputError``, ``EncryptedPDFError``, ``TruncatedFileError``, ``UnsupportedFormatError``,
    ``NoTextLayerError``, ``TooLargeError``) when the input cannot be read."""
    data, path, name = _read_source(source, max_bytes)
    try:
        if isinstance(data, str):  # a text-mode file object
            return document_from_text(data, source=path)
        if not data.strip():
            raise EmptyInputError("empty file")
        fmt = sniff_format(data, name)
        if fmt == "pdf":
            from loanclause.ingest.pdf import read_pdf

            doc = read_pdf(data, source=path, pages=pages)
        elif fmt == "docx":
            from loanclause.ingest.docx import read_docx

            doc = read_docx(data, source=path)
        else:
            from loanclause.ingest.text import read_text

            doc = read_text(data, source=path)
        if name and fmt != "pdf" and name.lower().endswith(".pdf"):
            doc.warnings.append(
                DocumentWarning(
                    code="extension_mismatch",
                    message=f"文件名是.pdf，内容却是{fmt.upper()} / named .pdf but the content is {fmt.upper()}",
                )
            )
        return doc
    except InputError as err:
        if err.source is None and name:
            err.source = name
        raise
    except (MemoryError, RecursionError) as exc:
        raise InputError(f"cannot read: {type(exc).__name__}", source=name) from exc


def document_from_text(text: str, *, source: str | None = None) -> Document:
    """A ``Document`` (format ``text``, one page unless the text has form feeds) from a string, normalised the
    same way as a text file: CRLF → LF, ``normalize_chars``, control characters → space, trailing spaces cut."""
    from loanclause.ingest.text import text_document

    if not isinstance(text, str):
        raise TypeError(f"document_from_text needs a str, not {type(text).__name__}")
    return text_document(text, source=source)
