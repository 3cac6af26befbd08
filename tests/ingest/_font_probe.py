"""Run in a fresh process: start PDFium with a given font folder as the machine's only fonts, then print JSON.

``python _font_probe.py FONT_DIR OUT.json PDF...``.  First the bare PDFium loose boxes of each file (what a
reader that trusts PDFium's boxes would see: proof that the folder's fonts reach PDFium), then what
loanclause's PDFium reader makes of each file.  PDFium's font folders are fixed when the library starts, so
each font set-up needs its own process.
"""

from __future__ import annotations

import ctypes
import json
import sys
from pathlib import Path

import pypdfium2
import pypdfium2.raw as raw


def _restart_pdfium(font_dir: str) -> None:
    raw.FPDF_DestroyLibrary()
    char_p = ctypes.POINTER(ctypes.c_char)
    folder = ctypes.create_string_buffer(font_dir.encode())
    paths = (char_p * 2)(ctypes.cast(folder, char_p), None)
    config = raw.FPDF_LIBRARY_CONFIG(
        version=2,
        m_pUserFontPaths=ctypes.cast(paths, ctypes.POINTER(char_p)),
        m_pIsolate=None,
        m_v8EmbedderSlot=0,
    )
    raw.FPDF_InitLibraryWithConfig(config)


def _bare_boxes(path: str) -> list[list[float]]:
    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        rect = raw.FS_RECTF()
        boxes = []
        for i in range(raw.FPDFText_CountChars(textpage.raw)):
            raw.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(rect))
            boxes.append(
                [round(rect.left, 3), round(rect.right, 3), round(rect.bottom, 3), round(rect.top, 3)]
            )
        textpage.close()
        page.close()
        return boxes
    finally:
        pdf.close()


def _box(b) -> list[float] | None:
    return None if b is None else [b.x0, b.top, b.x1, b.bottom]


def main(font_dir: str, out: str, pdfs: list[str]) -> None:
    _restart_pdfium(font_dir)
    bare = {p: _bare_boxes(p) for p in pdfs}  # before loanclause first touches PDFium

    from loanclause.ingest.pdf import read_pdf

    read = {}
    for p in pdfs:
        doc = read_pdf(Path(p).read_bytes(), reader="pdfium")
        read[p] = {
            "reader": doc.metadata.get("pdf_reader"),
            "fallback": doc.metadata.get("pdfium_fallback", ""),
            "text": doc.text,
            "lines": [[ln.page, ln.start, ln.end, *_box(ln.bbox)] for ln in doc.lines],
            "chars": [_box(doc.bbox_at(i)) for i in range(len(doc.text))],
        }
    Path(out).write_text(json.dumps({"bare": bare, "read": read}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
