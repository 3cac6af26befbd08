"""What a rule means, for ``loanclause rule CODE`` and for the help that SARIF carries: the registry's code,
title, severity and doc line, the cited article with its text (from the law data), and an example that the rule
flags (``examples.yaml`` beside this module, each one run by ``tests/rules/test_examples.py``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, Field

__all__ = ["RuleDoc", "rule_doc", "rule_docs"]


class RuleDoc(BaseModel):
    code: str
    title: str
    severity: str
    doc: str
    whole_document_only: bool = False
    citation: str
    citation_text: str | None = None
    example: str | None = None
    example_options: dict[str, str] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def _examples() -> dict[str, dict]:
    text = resources.files("loanclause.rules").joinpath("examples.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def rule_doc(code: str) -> RuleDoc:
    """The documentation of one code (``LC101``); ``KeyError`` for a code that does not exist."""
    from loanclause.law import article_text, citation
    from loanclause.report.findings import citation_line
    from loanclause.report.lint import UNREADABLE, UNREADABLE_TITLE
    from loanclause.rules import RULES

    code = code.upper()
    if code == UNREADABLE:
        return RuleDoc(
            code=code,
            title=UNREADABLE_TITLE,
            severity="error",
            doc="The file could not be read (encrypted, corrupt, scanned without a text layer, not a document, or "
            "stopped by --timeout / --memory-mb): nothing in it was checked. Reported by the reader, not by a rule "
            "on the text; the reason ends in the error code (docs/robustness.md).",
            citation="—",
        )
    spec = RULES[code]
    example = _examples().get(code, {})
    return RuleDoc(
        code=code,
        title=spec.title,
        severity=spec.severity,
        doc=spec.doc,
        whole_document_only=spec.whole_document_only,
        citation=citation_line(citation(spec.citation_key)),
        citation_text=article_text(spec.citation_key),
        example=example.get("text"),
        example_options={k: str(v) for k, v in example.items() if k != "text"},
    )


def rule_docs() -> list[RuleDoc]:
    """Every code, in order (``LC001`` first)."""
    from loanclause.report.lint import UNREADABLE
    from loanclause.rules import RULES

    return [rule_doc(UNREADABLE)] + [rule_doc(c) for c in sorted(RULES)]
