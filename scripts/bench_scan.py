#!/usr/bin/env python3
"""Benchmark ``loanclause scan`` against bare pdfplumber over the same archive of generated contracts.

    python scripts/bench_scan.py [--n 1000] [--jobs 1 2] [--keep DIR]

Builds a zip of ``n`` varied contract PDFs (the fixture templates of ``scripts/make_fixtures.py``, laid out by its
``Layout`` / ``lay_contract``, with contract number, amount, rate and term varied per copy; a plain reportlab
STSong-Light layout when that script is not importable), then for each ``--jobs`` value:

* ``loanclause scan`` (the library's ``Scan``, fresh store, isolated worker processes) over the zip;
* bare pdfplumber ``page.extract_text()`` over the same PDFs (extracted to a folder) in a process pool
  of the same size.

Each measurement runs in its own subprocess, so peak memory per worker is the kernel's ``ru_maxrss`` of that
subprocess's children (the largest worker).  Prints contracts/s, pages/s, peak worker RSS and the time ratio
loanclause / pdfplumber.  ``bench_scan()`` returns the rows; ``main()`` is the command line (``bench.py scan``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

_RATES = ["年利率 6", "年利率 10", "年利率 15.4", "年利率 24", "年利率 36", "月利率 2", "日利率 0.05"]


# ------------------------------------------------------------------------------------------ the corpus


def _templates() -> list[list[str]] | None:
    try:
        import make_fixtures as mf
    except Exception:  # fall back to the simple layout
        return None
    out = []
    for name in ("shangyoudai", "tubaobao", "jlfex", "riskfund", "yongqianbei", "consumer"):
        try:
            out.append(getattr(mf, name)())
        except Exception:  # a template that no longer builds is skipped
            continue
    return out or None


def _vary(lines: list[str], i: int, rng: random.Random) -> list[str]:
    amount = rng.choice([5_000, 20_000, 50_000, 100_000, 300_000, 1_000_000]) + i
    rate = rng.choice(_RATES)
    months = rng.choice([3, 6, 12, 24, 36])
    out = [lines[0], f"合同编号：BENCH-{i:06d}"]
    for line in lines[1:]:
        line = re.sub(r"\d{1,3}(?:,\d{3})+(?:\.\d{2})?", f"{amount:,}.00", line)
        line = re.sub(r"(?:年|月|日)利率\s*\d+(?:\.\d+)?", rate, line)
        line = re.sub(r"\d+个月", f"{months}个月", line)
        out.append(line)
    return out


def _render_mf(lines: list[str], title: str) -> bytes:
    import make_fixtures as mf

    layout = mf.Layout(footer=mf.page_footer("cn"))
    mf.lay_contract(layout, lines)
    return layout.render(title=title)


def _render_plain(lines: list[str], title: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    y = A4[1] - 72
    for line in lines:
        for k in range(0, max(1, len(line)), 38):
            if y < 72:
                c.showPage()
                y = A4[1] - 72
            c.setFont("STSong-Light", 11)
            c.drawString(72, y, line[k : k + 38])
            y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


_FALLBACK = [
    "借款合同",
    "出借人：王五",
    "借款人：赵六",
    "第一条 借款金额",
    "借款本金人民币100,000.00元。",
    "第二条 借款期限",
    "借款期限12个月。",
    "第三条 利息",
    "借款利率为年利率 10%，按月付息。",
    "第四条 逾期",
    "逾期未还的，按日万分之五计收逾期利息。",
    "第五条 争议解决",
    "由出借人所在地人民法院管辖。",
]


def build_corpus(n: int, folder: Path, seed: int = 7) -> tuple[Path, list[Path]]:
    """``n`` PDFs in ``folder/pdfs`` and the same files in ``folder/contracts.zip``."""
    rng = random.Random(seed)
    templates = _templates()
    render = _render_mf if templates else _render_plain
    templates = templates or [_FALLBACK]
    pdf_dir = folder / "pdfs"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lines = _vary(templates[i % len(templates)], i, rng)
        path = pdf_dir / f"contract_{i:05d}.pdf"
        path.write_bytes(render(lines, f"bench contract {i}"))
        paths.append(path)
    archive = folder / "contracts.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in paths:
            zf.write(path, f"contracts/{path.name}")
    return archive, paths


# ------------------------------------------------------------------------------------- the measurements


def _extract(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def _measure_pdfplumber(pdf_dir: str, jobs: int) -> dict:
    import multiprocessing as mp

    paths = sorted(str(p) for p in Path(pdf_dir).glob("*.pdf"))
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(jobs) as pool:
        pages = sum(pool.imap_unordered(_extract, paths, chunksize=4))
    seconds = time.perf_counter() - started
    return {"contracts": len(paths), "pages": pages, "failed": 0, "seconds": seconds}


def _measure_scan(archive: str, jobs: int, db: str, ner: bool) -> dict:
    from loanclause.batch import Scan

    started = time.perf_counter()
    pages = contracts = failed = 0
    with Scan([archive], db=db, jobs=jobs, timeout=300, with_reports=False, ner=ner) as job:
        for result in job:
            contracts += 1
            pages += result.pages or 0
            failed += not result.ok
    seconds = time.perf_counter() - started
    return {"contracts": contracts, "pages": pages, "failed": failed, "seconds": seconds}


def _one(args: argparse.Namespace) -> int:
    """Child mode: one measurement, JSON on stdout."""
    if args.one == "scan":
        row = _measure_scan(args.archive, args.jobs[0], args.db, ner=not args.no_ner)
    else:
        row = _measure_pdfplumber(args.pdf_dir, args.jobs[0])
    kib = 1 if sys.platform.startswith("linux") else 1 / 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    row["peak_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024
    row["parent_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024
    print(json.dumps(row))
    return 0


def _run_child(*extra: str) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run(
        [sys.executable, __file__, *extra], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_scan(n: int = 1000, jobs: tuple[int, ...] = (1, 2), keep: Path | None = None) -> list[dict]:
    """Build the corpus, run every measurement, print the table; returns one dict per (method, jobs)."""
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench_scan_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        archive, _paths = build_corpus(n, work)
        size = archive.stat().st_size / 1e6
        print(
            f"corpus: {n} PDFs in {archive.name} ({size:.1f} MB), built in {time.perf_counter() - started:.1f} s"
        )
        rows = []
        for j in jobs:
            base = _run_child("--one", "pdfplumber", "--pdf-dir", str(work / "pdfs"), "--jobs", str(j))
            base.update(method="bare pdfplumber extract_text", jobs=j)
            rows.append(base)
            for ner in (False, True):
                ours = _run_child(
                    "--one",
                    "scan",
                    "--archive",
                    str(archive),
                    "--db",
                    str(work / f"scan-j{j}-{'ner' if ner else 'rules'}.sqlite"),
                    "--jobs",
                    str(j),
                    *([] if ner else ["--no-ner"]),
                )
                ours.update(
                    method="loanclause scan, rules + NER" if ner else "loanclause scan, rules only",
                    jobs=j,
                    ratio=ours["seconds"] / base["seconds"],
                )
                rows.append(ours)
        header = (
            f"{'method':<32} {'jobs':>4} {'files':>6} {'pages':>6} {'failed':>6} {'seconds':>8} "
            f"{'files/s':>8} {'pages/s':>8} {'worker MB':>9} {'ratio':>6}"
        )
        print(header)
        for r in rows:
            ratio = f"{r['ratio']:.2f}" if "ratio" in r else ""
            print(
                f"{r['method']:<32} {r['jobs']:>4} {r['contracts']:>6} {r['pages']:>6} {r['failed']:>6} "
                f"{r['seconds']:>8.2f} {r['contracts'] / r['seconds']:>8.1f} {r['pages'] / r['seconds']:>8.1f} "
                f"{r['peak_worker_mb']:>9.0f} {ratio:>6}"
            )
        print("ratio: loanclause scan time / bare pdfplumber time at the same number of processes")
        return rows
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="contracts in the archive (default 1000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts (default 1 2)")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--one", choices=["scan", "pdfplumber"], help=argparse.SUPPRESS)
    parser.add_argument("--archive", help=argparse.SUPPRESS)
    parser.add_argument("--pdf-dir", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--no-ner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return _one(args)
    rows = bench_scan(args.n, tuple(args.jobs), args.keep)
    return 0 if all(r["failed"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
