"""Benchmarks that print numbers, each against a baseline measured in the same run.

    python scripts/bench.py ingest [--repeat 5]
    python scripts/bench.py scan [--n 1000] [--jobs 1 2]

``ingest``: loanclause ingest + segment over every readable PDF fixture, with the PDFium reader (the default) and
with the pdfminer reader, next to bare pdfplumber ``page.extract_text()`` on the same files; prints pages/s for
each and the time ratio of the default to pdfplumber (target ≤ 1.5).

``scan``: the whole pipeline through ``loanclause scan`` over a generated archive of varied contracts, next to bare
pdfplumber in a pool of the same size (see ``scripts/bench_scan.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from fixture_set import readable_fixtures


def _pdfs() -> list[Path]:
    return [f.path for f in readable_fixtures() if f.path.suffix.lower() == ".pdf"]


def _bare_pdfplumber(paths: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages


def _loanclause(paths: list[Path]) -> int:
    import loanclause

    pages = 0
    for path in paths:
        document = loanclause.ingest(str(path))
        loanclause.segment(document)
        pages += document.page_count
    return pages


def _best_of(fn, paths: list[Path], repeat: int) -> tuple[float, int]:
    best = float("inf")
    pages = 0
    for _ in range(repeat):
        started = time.perf_counter()
        pages = fn(paths)
        best = min(best, time.perf_counter() - started)
    return best, pages


def bench_ingest(repeat: int) -> int:
    paths = _pdfs()
    if not paths:
        print("no readable PDF fixtures found; run scripts/make_fixtures.py", file=sys.stderr)
        return 2
    _loanclause(paths[:1])  # warm imports for both sides
    _bare_pdfplumber(paths[:1])
    base_s, base_pages = _best_of(_bare_pdfplumber, paths, repeat)
    timings = {}
    for reader in ("pdfminer", "pdfium"):
        os.environ["LOANCLAUSE_PDF_READER"] = reader
        _loanclause(paths[:1])
        timings[reader] = _best_of(_loanclause, paths, repeat)
    os.environ.pop("LOANCLAUSE_PDF_READER")
    print(f"files: {len(paths)} PDFs, {base_pages} pages; best of {repeat} runs")
    print(f"{'method':<48} {'seconds':>8} {'pages/s':>8}")
    print(f"{'bare pdfplumber extract_text':<48} {base_s:>8.3f} {base_pages / base_s:>8.1f}")
    for reader, (seconds, pages) in timings.items():
        label = f"loanclause ingest + segment ({reader} reader)"
        print(f"{label:<48} {seconds:>8.3f} {pages / seconds:>8.1f}")
    ratio = timings["pdfium"][0] / base_s
    print(
        f"time ratio loanclause (pdfium reader) / pdfplumber: {ratio:.2f} (target ≤ 1.50); "
        f"pdfminer reader: {timings['pdfminer'][0] / base_s:.2f}"
    )
    return 0 if ratio <= 1.5 else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    ingest = sub.add_parser("ingest", help="ingest + segment vs bare pdfplumber on the PDF fixtures")
    ingest.add_argument("--repeat", type=int, default=5)
    sub.add_parser("scan", help="loanclause scan vs bare pdfplumber over a generated archive", add_help=False)
    args, rest = parser.parse_known_args()
    if args.what == "ingest":
        return bench_ingest(args.repeat)
    from bench_scan import main as bench_scan_main

    return bench_scan_main(rest)


if __name__ == "__main__":
    sys.exit(main())
