"""The HTML report in a real headless Chromium (Debian's ``chromium``, driven by Playwright; never a browser
download): the page loads with no console error and no network request, every finding is visible on screen and
in print, nothing overflows a phone's width, and the scan overview links to the pages.

Chromium comes from the test set-up (``.ci/run`` installs Debian's package).  Without it these tests skip with
the reason on a developer's machine, and fail under CI, where a skip would hide a broken report."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"
AS_OF = "2026-01-31"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = os.environ.get("LOANCLAUSE_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        message = "Debian's chromium is needed for the browser tests: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api") if not os.environ.get("CI") else None
    if sync_api is None:
        import playwright.sync_api as sync_api
    executable = _chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class _Watched:
    """A page with every console message, page error and request recorded."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri(), wait_until="load")

    def assert_clean(self, *allowed: Path) -> None:
        bad = [m for m in self.console if m[0] in ("error", "warning")]
        assert not bad, bad
        assert not self.errors, self.errors
        own = {p.resolve().as_uri() for p in allowed}
        assert [u for u in self.requests if u not in own] == []

    def close(self) -> None:
        self.context.close()


class _Run:
    def __init__(self, result) -> None:
        self.returncode, self.stdout, self.stderr = result.exit_code, result.stdout, result.stderr


def _cli(*args: str) -> _Run:
    from click.testing import CliRunner

    from loanclause.cli import main

    return _Run(CliRunner().invoke(main, list(args)))


def _findings(path: Path) -> list[dict]:
    out = _cli("check", str(path), "--as-of", AS_OF, "--output-format", "json", "--isolated")
    return json.loads(out.stdout)[0]["findings"]


@pytest.mark.parametrize(
    "name", ["01_single_column.pdf", "04_fake_bold.pdf", "07_docx_with_table.docx", "16_platform_utf8.txt"]
)
def test_report_page_loads_clean_and_shows_every_finding(browser, tmp_path, name):
    page_file = tmp_path / "report.html"
    run = _cli("report", str(FIXTURES / name), "-o", str(page_file), "--as-of", AS_OF)
    assert run.returncode == 0, run.stderr
    expected = _findings(FIXTURES / name)

    w = _Watched(browser, viewport={"width": 1280, "height": 900})
    try:
        w.open(page_file)
        cards = w.page.locator("article.finding")
        assert cards.count() == len(expected)
        for i in range(cards.count()):
            card = cards.nth(i)
            card.scroll_into_view_if_needed()
            assert card.is_visible(), card.inner_text()
        shown = sorted(cards.nth(i).get_attribute("data-code") for i in range(cards.count()))
        assert shown == sorted(f["code"] for f in expected)
        for f in expected:  # the message and the citation are on screen, not only in the markup
            assert f["message"][:20] in w.page.inner_text("body")
        marks = w.page.locator("mark.ent")
        assert marks.count() > 0 and marks.first.is_visible()
        # the evidence link of a finding goes to its span in the clause text
        links = w.page.locator("article.finding a[href^='#ev-']")
        if links.count():
            target = links.first.get_attribute("href")
            links.first.click()
            assert w.page.evaluate("location.hash") == target
        # print: the same findings, still visible
        w.page.emulate_media(media="print")
        assert all(cards.nth(i).is_visible() for i in range(cards.count()))
        w.assert_clean(page_file)
    finally:
        w.close()


def test_the_printed_report_keeps_every_finding(browser, tmp_path):
    import pdfplumber

    page_file = tmp_path / "r.html"
    assert (
        _cli("report", str(FIXTURES / "04_fake_bold.pdf"), "-o", str(page_file), "--as-of", AS_OF).returncode
        == 0
    )
    w = _Watched(browser)
    try:
        w.open(page_file)
        pdf = tmp_path / "r.pdf"
        w.page.pdf(path=str(pdf), format="A4", print_background=True)
        w.assert_clean(page_file)
    finally:
        w.close()
    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() or "" for p in doc.pages)
        assert len(doc.pages) >= 2
    for f in _findings(FIXTURES / "04_fake_bold.pdf"):
        assert f["code"] in text


def test_hostile_contract_text_makes_no_request(browser, tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(
        "借款合同\n出借人：<img src=\"http://127.0.0.1:9/a.png\"><script>fetch('http://127.0.0.1:9/')</script>\n"
        "借款人：李四<link rel=stylesheet href=http://127.0.0.1:9/s.css>\n"
        "第一条 借款金额为人民币100000元，自2024年3月15日起至2025年3月14日止，年利率为30%。\n"
        '<iframe src="http://127.0.0.1:9/"></iframe><style>@import url(http://127.0.0.1:9/x.css);</style>\n',
        encoding="utf-8",
    )
    page_file = tmp_path / "h.html"
    assert _cli("report", str(source), "-o", str(page_file), "--as-of", AS_OF).returncode == 0
    w = _Watched(browser)
    try:
        w.open(page_file)
        assert w.page.locator("article.finding").count() >= 1
        assert "<script>" in w.page.inner_text("body")  # shown as text
        w.assert_clean(page_file)
    finally:
        w.close()


def test_readable_on_a_phone(browser, tmp_path):
    page_file = tmp_path / "p.html"
    assert (
        _cli(
            "report", str(FIXTURES / "16_platform_utf8.txt"), "-o", str(page_file), "--as-of", AS_OF
        ).returncode
        == 0
    )
    w = _Watched(browser, viewport={"width": 390, "height": 844})
    try:
        w.open(page_file)
        assert w.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        w.assert_clean(page_file)
    finally:
        w.close()


def test_scan_html_overview_links_every_page(browser, tmp_path):
    folder = tmp_path / "html"
    run = _cli(
        "scan",
        str(FIXTURES),
        "--as-of",
        AS_OF,
        "--db",
        str(tmp_path / "s.sqlite"),
        "--html",
        str(folder),
        "--fail-on",
        "never",
        "--no-ner",
        "--jobs",
        "2",
    )
    assert run.returncode == 0, run.stderr
    index = folder / "index.html"
    w = _Watched(browser)
    try:
        w.open(index)
        rows = w.page.locator("tbody tr")
        files = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))
        assert rows.count() == len(files)
        links = w.page.locator("tbody a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert len(hrefs) == len(list(folder.glob("*.html"))) - 1  # every page but the index is linked
        assert "encrypted" in w.page.inner_text("body")  # a failed file is listed with its reason
        links.first.click()
        w.page.wait_for_load_state("load")
        assert w.page.locator("#contract").is_visible()
        w.assert_clean(index, *(folder / h for h in hrefs))
    finally:
        w.close()
