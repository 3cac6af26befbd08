"""loanclause: read Chinese loan agreements and say what they really provide and where they break the law.

The public API is small and stable: ``analyze`` (a file, bytes or file object), ``analyze_text`` (a string) and the
pydantic models.  Heavy libraries (pdfplumber, torch, transformers, spaCy) are imported inside the functions that
need them, so ``import loanclause`` stays fast.
"""

from __future__ import annotations

# ``loanclause.ingest`` and ``loanclause.segment`` are both subpackages and the API's stage functions.  Python sets a
# package attribute when a submodule is first imported, which would replace the function; importing the submodules
# here first (both are light: no pdfplumber or torch at import time) makes the functions below win for good.
import loanclause.ingest as _ingest_module  # noqa: F401
import loanclause.segment as _segment_module  # noqa: F401
from loanclause.errors import InputError, LoanClauseError
from loanclause.models import (
    Citation,
    Clause,
    ContractReport,
    Document,
    Entity,
    Fee,
    Finding,
    LoanTerms,
    Money,
    Penalty,
    Rate,
)
from loanclause.pipeline import analyze, analyze_text, ingest, segment

__version__ = "0.1.0"


def __getattr__(name: str):
    """``loanclause.scan`` (batch scanning) is imported on first use: it is the only part that needs subprocess
    and SQLite machinery, and most users of ``analyze`` never touch it."""
    if name in ("scan", "ScanResult"):
        from loanclause import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'loanclause' has no attribute {name!r}")


__all__ = [
    "Citation",
    "Clause",
    "ContractReport",
    "Document",
    "Entity",
    "Fee",
    "Finding",
    "InputError",
    "LoanClauseError",
    "LoanTerms",
    "Money",
    "Penalty",
    "Rate",
    "ScanResult",
    "__version__",
    "analyze",
    "analyze_text",
    "ingest",
    "scan",
    "segment",
]
