"""Per-file wall-time and memory limits for the single-file commands (``extract``, ``check``), as ``scan`` has.

A hostile file can hang a parser in C code or in a regular expression, or grow without bound; neither a
signal nor ``RLIMIT_AS`` in the command's own process stops that safely (torch reserves address space; a regex
ignores signals).  So each file runs in the batch engine's isolated worker process (``batch.engines.Sandbox``,
one worker reused for all files of a command, the model loaded once), which the parent kills when it overruns.
``Limits(timeout=None, memory_mb=None)`` runs in the calling process instead, with no limit (``--timeout 0``).

Non-regular files (FIFOs, devices, sockets) are refused before anything opens them: opening a FIFO blocks.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from typing import Any

from loanclause.errors import (
    LoanClauseError,
    MemoryLimitExceeded,
    NotARegularFile,
    TimeLimitExceeded,
    error_for_code,
)
from loanclause.models import ContractReport

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT_S",
    "LimitedRunner",
    "Limits",
    "read_regular_file",
    "safe_name",
]

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 2048


def safe_name(path: str | os.PathLike[str] | bytes) -> str:
    """A file name fit to print, store and put in JSON: undecodable bytes (kept by Python as surrogate escapes)
    become ``\\xNN``, control characters (a newline in a name) ``\\n`` / ``\\xNN``; everything else as it is."""
    raw = os.fsencode(path)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def read_regular_file(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file; ``NotARegularFile`` for anything else, checked without opening it."""
    name = safe_name(path)
    try:
        st = os.stat(path)
    except OSError as err:
        raise error_for_code("unreadable", f"cannot read: {err.strerror}", source=name) from None
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(st.st_mode)
            else "a directory"
            if stat.S_ISDIR(st.st_mode)
            else "a device or socket"
        )
        raise NotARegularFile(f"not a regular file ({kind}): not opened", source=name)
    if max_bytes is not None and st.st_size > max_bytes:
        raise error_for_code("too_large", f"{st.st_size} bytes, more than {max_bytes}", source=name)
    fd = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    )  # O_NONBLOCK: a FIFO swapped in cannot block
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a FIFO between stat and open
            raise NotARegularFile("not a regular file: not read", source=name)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Limits:
    timeout: float | None = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB

    @property
    def isolated(self) -> bool:
        return bool(self.timeout) or bool(self.memory_mb)


class LimitedRunner:
    """Runs ``analyzer(data, **options)`` for one file after another, each under ``limits``.  Use as a context
    manager (the worker process is stopped at the end)."""

    def __init__(self, limits: Limits, *, initializer: str | None = None) -> None:
        self.limits = limits
        self.initializer = initializer
        self._box: Any = None

    def __enter__(self) -> LimitedRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker process (a runner that ran in process has none)."""
        if self._box is not None:
            self._box.close()
            self._box = None

    def run(self, path: str, analyzer: str, **options: Any) -> ContractReport:
        """The report for the file at ``path``; raises a ``LoanClauseError`` (``TimeLimitExceeded``,
        ``MemoryLimitExceeded``, an ``InputError`` …) when the file fails."""
        return self.run_bytes(read_regular_file(path), safe_name(path), analyzer, **options)

    def run_bytes(self, data: bytes, name: str, analyzer: str, **options: Any) -> ContractReport:
        """As ``run``, for bytes already read (standard input); ``name`` is what the report calls its source."""
        if not self.limits.isolated:
            from loanclause.batch.worker import resolve_callable

            report = resolve_callable(analyzer)(data, **options)
            report.source = name
            return report
        from loanclause.batch.engines import Sandbox, WorkerConfig

        if self._box is None:
            self._box = Sandbox(
                WorkerConfig(
                    timeout=self.limits.timeout or None,
                    memory_mb=self.limits.memory_mb or None,
                    initializer=self.initializer,
                )
            )
        plain = {
            k: options.pop(k)
            for k in ("as_of", "lender_kind", "lpr_table", "ner", "select", "ignore")
            if k in options
        }
        task = {
            "key": hashlib.sha256(data).hexdigest(),
            "name": name,
            "data": data,
            "options": {**plain, "analyzer": analyzer, "kwargs": options},
        }
        result = self._box.run(task)
        status, code, reason = result["status"], result.get("error_code"), result.get("reason") or ""
        if status == "ok":
            return ContractReport.model_validate_json(result["report_json"])
        if status == "timeout":
            raise TimeLimitExceeded(
                f"stopped after {self.limits.timeout:g} s (--timeout); {reason}".rstrip("; "), source=name
            )
        if code == "memory_limit":
            raise MemoryLimitExceeded(f"{reason} (--memory-mb {self.limits.memory_mb})", source=name)
        err: LoanClauseError = error_for_code(code or "crashed", reason or status, source=name)
        raise err
