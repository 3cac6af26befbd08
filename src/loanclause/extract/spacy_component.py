"""spaCy pipeline component ``loanclause_ner``: the loanclause NER model as ``doc.ents``.

    import spacy
    nlp = spacy.blank("zh")                 # the default "char" segmenter: one token per character
    nlp.add_pipe("loanclause_ner")          # found through the ``spacy_factories`` entry point
    doc = nlp("借款金额：人民币壹拾万元整（¥100,000.00），月利率1.5%。")
    [(e.text, e.label_) for e in doc.ents]

Config: ``model_path`` (default: the shipped model), ``batch_size`` (texts per ``predict`` call in ``pipe``),
``min_score`` (drop entities scored below it).  The spans are also kept in ``doc.spans["loanclause_ner"]``, and
``doc.user_data["loanclause_ner_scores"]`` maps ``(start_char, end_char, label)`` to each span's score (no ``Span._``
extensions are registered).  Spans that do not align with token boundaries (other tokenizers) are expanded to the
enclosing tokens; overlapping spans keep the longest in ``doc.ents``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

__all__ = ["LoanclauseNer", "make_loanclause_ner"]


class LoanclauseNer:
    def __init__(self, nlp: Language, name: str, model_path: str | None, batch_size: int, min_score: float):
        self.name = name
        self.model_path = model_path
        self.batch_size = batch_size
        self.min_score = min_score
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from loanclause.extract.ner import NerModel

            self._model = NerModel.load(self.model_path)
        return self._model

    def _apply(self, doc: Doc, entities: list[Any]) -> Doc:
        spans, scores = [], {}
        for e in entities:
            if e.score < self.min_score:
                continue
            span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                scores[(e.start, e.end, e.label)] = e.score
        doc.ents = filter_spans(spans)
        doc.spans[self.name] = list(spans)
        doc.user_data[f"{self.name}_scores"] = scores
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._apply(doc, self.model.predict([doc.text])[0])

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        buf: list[Doc] = []
        for doc in docs:
            buf.append(doc)
            if len(buf) >= size:
                yield from self._flush(buf)
                buf = []
        if buf:
            yield from self._flush(buf)

    def _flush(self, docs: list[Doc]) -> Iterator[Doc]:
        preds = self.model.predict([d.text for d in docs])
        for d, ents in zip(docs, preds, strict=True):
            yield self._apply(d, ents)


@Language.factory(
    "loanclause_ner",
    default_config={"model_path": None, "batch_size": 32, "min_score": 0.0},
)
def make_loanclause_ner(
    nlp: Language, name: str, model_path: str | None, batch_size: int, min_score: float
) -> LoanclauseNer:
    return LoanclauseNer(nlp, name, model_path, batch_size, min_score)
