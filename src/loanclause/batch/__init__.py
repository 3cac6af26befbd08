"""Batch scanning: many contracts (files, directory trees, zip/tar archives) → many reports.

``scan(paths, ...)`` yields a ``ScanResult`` per input as it completes; with ``db=`` every result is committed to a
SQLite store (``store.py``), so a killed scan resumes where it stopped and identical content is analysed once.
Each file runs in an isolated worker process with a time and memory limit (``engines.py``), locally or on a Dask
cluster.  Archives are read in memory with zip-slip and zip-bomb checks (``archive.py``).  The command line front
is ``loanclause scan`` (``loanclause.cli_scan``); see docs/scan.md.
"""

from __future__ import annotations

from loanclause.batch.archive import ArchiveLimits
from loanclause.batch.engines import EngineError
from loanclause.batch.scan import Scan, ScanControl, ScanFinding, ScanResult, default_jobs, scan
from loanclause.batch.sources import DEFAULT_INCLUDE
from loanclause.batch.store import Store, StoreError

__all__ = [
    "DEFAULT_INCLUDE",
    "ArchiveLimits",
    "EngineError",
    "Scan",
    "ScanControl",
    "ScanFinding",
    "ScanResult",
    "Store",
    "StoreError",
    "default_jobs",
    "scan",
]
