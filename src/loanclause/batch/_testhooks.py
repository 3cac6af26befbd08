"""Test-only hooks for the batch workers.  **Not product behaviour.**

Nothing here does anything unless the environment variable ``LOANCLAUSE_TEST_HOOKS=1`` is set in the process
that runs the per-file task (the worker).  The test suite (``tests/batch``) sets it to make workers hang, crash,
run slowly or use an analyser that does not need the ingest stage, so that isolation, timeouts and resumability
are tested on real processes, a real SQLite file and real signals.

``LOANCLAUSE_TEST_HOOKS=1``
    master switch; every variable below is ignored without it.
``LOANCLAUSE_TEST_ANALYZER=module:function``
    call this instead of ``loanclause.pipeline.analyze`` (same signature: bytes first, keyword options).
``LOANCLAUSE_TEST_ANALYSIS_LOG=/path/file``
    after each analysis, append one line ``<sha256> <pid>`` to this file.
``LOANCLAUSE_TEST_SLEEP=SECONDS``
    sleep this long before each analysis (to kill a batch mid-way).
content markers (bytes in the file being analysed)
    ``LOANCLAUSE_TEST_HANG``: sleep forever; ``LOANCLAUSE_TEST_EXIT``: ``os._exit(77)``;
    ``LOANCLAUSE_TEST_SEGV``: kill the worker with SIGSEGV; ``LOANCLAUSE_TEST_MEMORY``: allocate and hold
    ``LOANCLAUSE_TEST_MEMORY_MB`` (default 400) MiB.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from typing import Any

ENABLED_VAR = "LOANCLAUSE_TEST_HOOKS"

_held: list[bytes] = []


def enabled() -> bool:
    return os.environ.get(ENABLED_VAR) == "1"


def analyzer() -> Callable[..., Any] | None:
    """The substitute analyser named by ``LOANCLAUSE_TEST_ANALYZER``, if hooks are on."""
    if not enabled():
        return None
    spec = os.environ.get("LOANCLAUSE_TEST_ANALYZER")
    if not spec:
        return None
    from loanclause.batch.worker import resolve_callable

    return resolve_callable(spec)


def before_analysis(data: bytes) -> None:
    if not enabled():
        return
    delay = float(os.environ.get("LOANCLAUSE_TEST_SLEEP") or 0)
    if delay:
        time.sleep(delay)
    if b"LOANCLAUSE_TEST_HANG" in data:
        while True:
            time.sleep(3600)
    if b"LOANCLAUSE_TEST_EXIT" in data:
        os._exit(77)
    if b"LOANCLAUSE_TEST_SEGV" in data:
        os.kill(os.getpid(), signal.SIGSEGV)
    if b"LOANCLAUSE_TEST_MEMORY" in data:
        mb = int(os.environ.get("LOANCLAUSE_TEST_MEMORY_MB") or 400)
        for _ in range(mb):
            _held.append(b"x" * (1 << 20))  # touched pages, so RSS grows
            time.sleep(0.002)
        time.sleep(30)


def after_analysis(sha256: str) -> None:
    if not enabled():
        return
    log = os.environ.get("LOANCLAUSE_TEST_ANALYSIS_LOG")
    if log:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{sha256} {os.getpid()}\n".encode())
        finally:
            os.close(fd)
