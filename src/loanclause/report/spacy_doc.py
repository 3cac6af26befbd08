"""A ContractReport as a spaCy ``Doc``, for spaCy users and displaCy.

The Doc uses spaCy's Chinese ``char`` segmenter (one token per character, no jieba needed, works offline), so every
character offset of the report is a token boundary and every span converts exactly.  Entities go to ``doc.ents``
(overlaps resolved by spaCy's longest-span rule) and, unfiltered, to ``doc.spans["entities"]``; clauses and findings
are span groups ``doc.spans["clauses"]`` and ``doc.spans["findings"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loanclause.models import ContractReport

__all__ = ["report_to_doc"]


def report_to_doc(report: ContractReport, nlp: Any = None) -> Any:
    import spacy
    from spacy.util import filter_spans

    if nlp is None:
        nlp = spacy.blank("zh")
    doc = nlp.make_doc(report.text)

    def span(start: int | None, end: int | None, label: str) -> Any:
        if start is None or end is None or end <= start:
            return None
        return doc.char_span(start, end, label=label, alignment_mode="expand")

    entities = [s for e in report.entities if (s := span(e.start, e.end, e.label)) is not None]
    doc.spans["entities"] = entities
    doc.ents = filter_spans(entities)
    doc.spans["clauses"] = [
        s for c in report.clauses if (s := span(c.start, c.end, c.number or c.style)) is not None
    ]
    doc.spans["findings"] = [s for f in report.findings if (s := span(f.start, f.end, f.code)) is not None]
    return doc
