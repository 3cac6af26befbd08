"""Every rule's example (``rules/examples.yaml``, shown by ``loanclause rule``) is flagged by that rule."""

import pytest

import loanclause
from loanclause.rules import RULES
from loanclause.rules.docs import _examples, rule_doc


def test_every_rule_has_an_example():
    assert sorted(_examples()) == sorted(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_example_raises_its_own_code(code):
    example = _examples()[code]
    report = loanclause.analyze_text(
        example["text"],
        ner=False,
        as_of=example.get("as_of", "2026-01-31"),
        lender_kind=example.get("lender_kind"),
    )
    assert code in {f.code for f in report.findings}


def test_rule_doc_carries_the_article_text():
    doc = rule_doc("LC101")
    assert "第二十五条" in doc.citation
    assert "四倍" in (doc.citation_text or "")
