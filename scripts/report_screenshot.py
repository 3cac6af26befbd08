"""Render a fixture's HTML report and take the screenshot shown in the README (docs/report-screenshot.png).

    python scripts/report_screenshot.py                       # fixtures/contracts/04_fake_bold.pdf
    python scripts/report_screenshot.py --fixture 01_single_column.pdf --height 1600   # the top only

Needs Debian's chromium (apt-get install chromium) and, for the Chinese text to show as glyphs rather than boxes,
a CJK font (apt-get install fonts-noto-cjk); the script says so when the font is missing.  The check date is
fixed, so the page is the same on every run.  The report page itself is written to docs/report-example.html.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
AS_OF = "2026-01-31"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fixture", default="04_fake_bold.pdf")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "report-screenshot.png")
    ap.add_argument("--html", type=Path, default=ROOT / "docs" / "report-example.html")
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=0, help="only the top this many pixels (0: the whole page)")
    args = ap.parse_args()

    import loanclause
    from loanclause.report.html import render_html

    fc = shutil.which("fc-list")
    if fc and not subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        print("warning: no CJK font installed (apt-get install fonts-noto-cjk): Chinese shows as boxes")
    report = loanclause.analyze(ROOT / "fixtures" / "contracts" / args.fixture, as_of=AS_OF)
    args.html.write_text(render_html(report, title=f"fixtures/contracts/{args.fixture}"), encoding="utf-8")

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": args.width, "height": args.height or 900})
        page.goto(args.html.resolve().as_uri(), wait_until="load")
        if args.height:
            page.screenshot(
                path=str(args.out), clip={"x": 0, "y": 0, "width": args.width, "height": args.height}
            )
        else:
            page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"wrote {args.html} and {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
