"""The HTML report as a document: complete, self-contained, escaped, and carrying every finding and entity.
(How it looks and behaves in a real browser: test_html_browser.py.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import loanclause
from loanclause.report.html import IndexEntry, render_html, render_index

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def report01():
    return loanclause.analyze(FIXTURES / "01_single_column.pdf", as_of="2026-01-31", ner=False)


def test_every_finding_and_entity_is_on_the_page(report01):
    html = render_html(report01)
    doc = _parse(html)
    cards = [a for t, a in doc.tags if t == "article" and "finding" in (a.get("class") or "")]
    assert [c["data-code"] for c in cards] and sorted(c["data-code"] for c in cards) == sorted(
        f.code for f in report01.findings
    )
    marked = {a["data-label"] for t, a in doc.tags if t == "mark" and a.get("data-label")}
    assert marked == {e.label for e in report01.entities}
    # the summary lists every finding, worst first, each linked to its card
    for i in range(len(report01.findings)):
        assert f'href="#f-{i}"' in html and f'id="f-{i}"' in html
    # each finding with a span has its evidence anchor, and its card links to it
    ids = {a.get("id") for _t, a in doc.tags}
    for i, f in enumerate(report01.findings):
        if f.start is not None and f.end is not None and f.end > f.start:
            assert f"ev-{i}" in ids
            assert f'href="#ev-{i}"' in html


def test_the_text_is_all_there_once(report01):
    """Cutting the text into clause pieces and marked runs loses no character and repeats none."""
    html = render_html(report01)
    body = html.split('id="contract"', 1)[1].split("<footer>", 1)[0]
    # drop the legend and the finding cards, keep the clause texts
    texts = re.findall(r'<div class="text">(.*?)</div></div><div class="side">', body, flags=re.S)
    from html import unescape

    joined = "".join(unescape(re.sub(r"<[^>]+>", "", t)) for t in texts)
    assert "".join(joined.split()) == "".join(report01.text.split())


def test_self_contained_with_a_policy_that_forbids_requests(report01):
    html = render_html(report01)
    doc = _parse(html)
    csp = [
        a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp and "default-src 'none'" in csp[0]
    for tag, attrs in doc.tags:
        assert tag not in ("script", "link", "iframe", "img", "object", "embed"), tag
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)


def test_hostile_text_is_escaped():
    text = (
        "借款合同\n出借人：<script>alert(1)</script>\n借款人：李四\"'><img src=http://example.invalid/x>\n"
        "借款金额为人民币100000元，自2024年3月15日起至2025年3月14日止，年利率为30%。\n"
    )
    report = loanclause.analyze_text(text, ner=False, as_of="2026-01-31")
    html = render_html(report)
    doc = _parse(html)
    assert not any(t in ("script", "img") for t, _a in doc.tags)
    assert "<script>alert(1)</script>" in "".join(doc.text)  # shown as text, never as markup
    assert "http://example.invalid" not in {v for _t, a in doc.tags for v in a.values() if v}


def test_findings_of_the_whole_document_have_their_own_section():
    report = loanclause.analyze(FIXTURES / "16_platform_utf8.txt", as_of="2026-01-31", ner=False)
    whole = [f for f in report.findings if f.clause_id is None]
    html = render_html(report)
    if whole:
        assert 'id="whole-document"' in html
    assert html.count('<article class="finding') == len(report.findings)


def test_a_report_without_clauses_or_findings_renders():
    report = loanclause.analyze_text("这是一段与借款无关的文字。", ner=False, as_of="2026-01-31")
    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "这是一段与借款无关的文字" in html


def test_the_index_lists_failures_with_their_reasons():
    html = render_index(
        [
            IndexEntry("a.pdf", "a-1.html", "ok", "", (1, 0, 2), ("LC101",)),
            IndexEntry("b<x>.pdf", None, "encrypted", "encrypted PDF: a password is needed"),
        ]
    )
    assert 'href="a-1.html"' in html and "LC101" in html
    assert "b&lt;x&gt;.pdf" in html and "encrypted PDF: a password is needed" in html
