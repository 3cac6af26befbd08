"""Versioned legal data and lookups: the one-year LPR, cap regimes by lender kind and date, and citations.

Data (package files in ``loanclause/law/data/``, read once through ``importlib.resources``):

* ``lpr_1y.csv`` — every one-year LPR publication since 2019-08-20 with its sources (``confirmed=no`` = one
  source only);
* ``caps.yaml`` — the cap regimes, with sources, effective dates and confidence;
* ``citations.yaml`` — each cited document (full name, number such as 法释〔2020〕17号, issuer, dates) and the
  verbatim text of the articles cited.

>>> from datetime import date
>>> from loanclause.law import lpr_on, cap_for
>>> lpr_on(date(2023, 5, 1)).percent
Decimal('3.65')
>>> [str(c.rate) for c in cap_for(date(2023, 5, 1), "private")]
['0.1460']
"""

from __future__ import annotations

from loanclause.law._fmt import money, pct
from loanclause.law.citations import (
    CitedDocument,
    article_label,
    article_text,
    citation,
    citation_keys,
    document,
)
from loanclause.law.errors import LawError, LprTableError, LprUnavailableError, UnknownLenderKindError
from loanclause.law.lpr import (
    LPR_FIRST_PUBLICATION,
    LprLookup,
    LprRow,
    LprTable,
    default_lpr_table,
    load_lpr_table,
    lpr_on,
    parse_lpr_csv,
    resolve_lpr_table,
)
from loanclause.law.regimes import (
    LENDER_KINDS,
    TRANSITION_DATE,
    Cap,
    OverdueDefault,
    Regime,
    cap_for,
    check_lender_kind,
    regime_for,
)

__all__ = [
    "LENDER_KINDS",
    "LPR_FIRST_PUBLICATION",
    "TRANSITION_DATE",
    "Cap",
    "CitedDocument",
    "LawError",
    "LprLookup",
    "LprRow",
    "LprTable",
    "LprTableError",
    "LprUnavailableError",
    "OverdueDefault",
    "Regime",
    "UnknownLenderKindError",
    "article_label",
    "article_text",
    "cap_for",
    "check_lender_kind",
    "citation",
    "citation_keys",
    "default_lpr_table",
    "document",
    "load_lpr_table",
    "lpr_on",
    "money",
    "parse_lpr_csv",
    "pct",
    "regime_for",
    "resolve_lpr_table",
]
