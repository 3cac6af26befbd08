"""Fixtures for the batch tests (helpers live in ``batch_helpers``)."""

from __future__ import annotations

import pytest


@pytest.fixture
def hooks(monkeypatch, tmp_path):
    """Test hooks on, the fake analyser in, and a fresh analysis log; returns the log's path."""
    log = tmp_path / "analyses.log"
    monkeypatch.setenv("LOANCLAUSE_TEST_HOOKS", "1")
    monkeypatch.setenv("LOANCLAUSE_TEST_ANALYZER", "batch_doubles:fake_analyze")
    monkeypatch.setenv("LOANCLAUSE_TEST_ANALYSIS_LOG", str(log))
    for name in ("LOANCLAUSE_TEST_SLEEP", "LOANCLAUSE_TEST_MEMORY_MB"):
        monkeypatch.delenv(name, raising=False)
    return log
