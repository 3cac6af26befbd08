"""Citations: the cited documents and articles, from ``law/data/citations.yaml``.

A citation key is ``"<document>"`` or ``"<document>:<article>"``, e.g. ``"spc_pl_current:25"`` (current
private-lending provisions, Art. 25) or ``"civil_code:670"``.  :func:`citation` turns a key into the
``Citation`` model a finding carries; :func:`article_text` gives the verbatim text for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from loanclause.law._data import citations_data
from loanclause.law.errors import LawError
from loanclause.models import Citation

__all__ = ["CitedDocument", "article_label", "article_text", "citation", "citation_keys", "document"]

Confidence = Literal["verified_text", "secondary"]


@dataclass(frozen=True)
class CitedDocument:
    key: str
    name: str
    number: str | None
    cite_as: str
    issuer: str
    published: date | None
    effective_from: date | None
    effective_to: date | None
    confidence: Confidence
    source: str
    summary: str | None
    articles: dict[str, dict[str, Any]]


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def document(key: str) -> CitedDocument:
    """The cited document ``key`` (e.g. ``"spc_pl_current"``)."""
    docs = citations_data()["documents"]
    try:
        raw = docs[key]
    except KeyError:
        raise LawError(f"unknown cited document {key!r}; known: {', '.join(sorted(docs))}") from None
    return CitedDocument(
        key=key,
        name=raw["name"],
        number=raw.get("number"),
        cite_as=raw["cite_as"],
        issuer=raw["issuer"],
        published=_d(raw.get("published")),
        effective_from=_d(raw.get("effective_from")),
        effective_to=_d(raw.get("effective_to")),
        confidence=raw.get("confidence", "verified_text"),
        source=raw.get("source", ""),
        summary=raw.get("summary"),
        articles=raw.get("articles") or {},
    )


def _split(key: str) -> tuple[str, str | None]:
    doc, _, art = key.partition(":")
    return doc, (art or None)


def article_label(key: str) -> str | None:
    """The printed article number for ``"<document>:<article>"`` (``第二十五条``), or None for a bare document."""
    doc_key, art = _split(key)
    if art is None:
        return None
    doc = document(doc_key)
    try:
        return doc.articles[art]["label"]
    except KeyError:
        raise LawError(f"document {doc_key!r} has no article {art!r} in citations.yaml") from None


def article_text(key: str) -> str | None:
    """The verbatim text of the article (None where no official text was read: see the document's summary)."""
    doc_key, art = _split(key)
    doc = document(doc_key)
    if art is None:
        return doc.summary
    article_label(key)  # validates
    return doc.articles[art].get("text") or doc.summary


def citation(
    key: str,
    *,
    detail: str | None = None,
    confidence: Confidence | None = None,
) -> Citation:
    """The ``Citation`` for ``key``.

    ``detail`` is appended to the article label (``第二十八条`` + ``第二款第（一）项``) or, for a bare document,
    used as the article text (``第二条`` of a secondary source).  ``confidence`` can only lower the
    document's own confidence (a secondary document never becomes verified)."""
    doc_key, _ = _split(key)
    doc = document(doc_key)
    label = article_label(key)
    article = (label or "") + (detail or "") or None
    conf: Confidence = doc.confidence
    if confidence == "secondary":
        conf = "secondary"
    return Citation(
        document=doc.cite_as,
        article=article,
        effective_from=doc.effective_from,
        effective_to=doc.effective_to,
        confidence=conf,
    )


def citation_keys() -> list[str]:
    """Every valid key: each document and each document:article."""
    keys: list[str] = []
    for doc_key, raw in citations_data()["documents"].items():
        keys.append(doc_key)
        keys.extend(f"{doc_key}:{art}" for art in (raw.get("articles") or {}))
    return keys
