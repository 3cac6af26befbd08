"""Inputs that cannot be read give an InputError subclass with a one-line reason, never a library exception."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from loanclause.errors import (
    EmptyInputError,
    EncryptedPDFError,
    InputError,
    TooLargeError,
    TruncatedFileError,
    UnsupportedFormatError,
)
from loanclause.ingest import read_document

from ._pdfgen import PdfBuilder


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    b = PdfBuilder()
    for _ in range(25):
        b.para("借款人应当按照本合同约定的用途使用借款，不得挪作他用，出借人有权监督借款的使用情况。")
    return b.build()


def _one_line(err: InputError) -> None:
    assert err.reason and "\n" not in err.reason


def test_encrypted_pdf(pdf_bytes):
    b = PdfBuilder()
    b.para("保密的借款合同。")
    data = b.build(encrypt="secret")
    import pdfplumber

    # pdfplumber itself refuses it, so the test is meaningful
    with pytest.raises(Exception) as refused, pdfplumber.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].extract_text()
    assert "Password" in repr(refused.value)
    with pytest.raises(EncryptedPDFError, match="password") as info:
        read_document(data)
    assert info.value.code == "encrypted"
    _one_line(info.value)


@pytest.mark.parametrize("fraction", [0.5, 0.9, 0.98])
def test_truncated_pdf(pdf_bytes, fraction):
    data = pdf_bytes[: int(len(pdf_bytes) * fraction)]
    with pytest.raises(TruncatedFileError, match="truncated") as info:
        read_document(data)
    _one_line(info.value)


def test_corrupt_pdf_with_eof_marker():
    with pytest.raises(InputError, match="corrupt PDF") as info:
        read_document(b"%PDF-1.4\n1 0 obj garbage endobj\ntrailer\n<<>>\n%%EOF\n")
    _one_line(info.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty(data, tmp_path):
    with pytest.raises(EmptyInputError, match="empty"):
        read_document(data)
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError) as info:
        read_document(path)
    assert info.value.source == str(path)
    assert info.value.reason.startswith(str(path))


def test_html_named_pdf(tmp_path):
    path = tmp_path / "contract.pdf"
    path.write_bytes(b"<!DOCTYPE html>\n<html><body>404 Not Found</body></html>")
    with pytest.raises(UnsupportedFormatError, match="not a PDF") as info:
        read_document(path)
    assert "HTML" in info.value.reason
    _one_line(info.value)


def test_text_named_pdf_is_refused_but_named_txt_is_fine(tmp_path):
    (tmp_path / "a.pdf").write_text("借款合同", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="not a PDF"):
        read_document(tmp_path / "a.pdf")
    (tmp_path / "a.txt").write_text("借款合同", encoding="utf-8")
    assert read_document(tmp_path / "a.txt").text == "借款合同"


def test_pdf_named_txt_is_read_as_pdf(tmp_path, pdf_bytes):
    path = tmp_path / "contract.txt"
    path.write_bytes(pdf_bytes)
    assert read_document(path).format == "pdf"


def test_binary_junk():
    junk = random.Random(0).randbytes(4096)
    with pytest.raises(UnsupportedFormatError) as info:
        read_document(junk)
    _one_line(info.value)


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
    ],
)
def test_known_binary_formats(data, what):
    with pytest.raises(UnsupportedFormatError, match=what):
        read_document(data)


def test_zip_that_is_not_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFormatError, match="not a DOCX"):
        read_document(buf.getvalue())


def test_too_large(tmp_path, pdf_bytes):
    with pytest.raises(TooLargeError):
        read_document(pdf_bytes, max_bytes=100)
    path = tmp_path / "big.pdf"
    path.write_bytes(pdf_bytes)
    with pytest.raises(TooLargeError):
        read_document(path, max_bytes=100)
    with pytest.raises(TooLargeError):
        read_document(io.BytesIO(pdf_bytes), max_bytes=100)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.pdf")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_errors_have_codes():
    for cls in (
        EmptyInputError,
        EncryptedPDFError,
        TruncatedFileError,
        UnsupportedFormatError,
        TooLargeError,
    ):
        assert issubclass(cls, InputError) and cls.code


def test_damaged_pdfs_never_leak_library_exceptions(pdf_bytes):
    """Random byte damage gives a Document or an InputError with a one-line reason, nothing else."""
    rng = random.Random(7)
    outcomes = set()
    for _ in range(60):
        data = bytearray(pdf_bytes)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            cut = rng.randrange(len(data))
            del data[cut : cut + rng.randint(1, 400)]
        try:
            read_document(bytes(data))
            outcomes.add("ok")
        except InputError as err:
            _one_line(err)
            outcomes.add(err.code)
    assert "ok" in outcomes and len(outcomes) > 1
