"""Package data files, read once.

The files live in ``loanclause/law/data/`` and are read through ``importlib.resources`` so that they are found in a
wheel, a zip import or a source checkout alike.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

__all__ = ["caps_data", "citations_data", "data_text"]

_PACKAGE = "loanclause.law"


def data_text(name: str) -> str:
    """The text of ``law/data/<name>`` (UTF-8)."""
    return resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def caps_data() -> dict[str, Any]:
    """``caps.yaml``: the cap regimes by lender kind and date, with sources and effective dates."""
    return yaml.safe_load(data_text("caps.yaml"))


@functools.cache
def citations_data() -> dict[str, Any]:
    """``citations.yaml``: every cited document (name, number, issuer, dates) and the article texts quoted."""
    return yaml.safe_load(data_text("citations.yaml"))
