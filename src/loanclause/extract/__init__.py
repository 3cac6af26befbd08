"""Extraction: clause text → entity spans → ``LoanTerms``.

``extract_terms`` runs the rule baseline (``loanclause.extract.baseline``), the reference a future NER model is
measured against, and assembles the terms (``loanclause.extract.terms``)."""

from __future__ import annotations

from loanclause.extract.baseline import BASELINE_NAME, find_entities
from loanclause.extract.terms import assemble_terms, extract_terms, merge_entities

__all__ = ["BASELINE_NAME", "assemble_terms", "extract_terms", "find_entities", "merge_entities"]
