"""Exports of a scan's rows: JSONL (one object per input) and CSV (one line per input).

Both are written atomically: into a temporary file in the destination's directory, flushed and fsynced, then
``os.replace``d over the destination (and the directory fsynced), so a reader never sees half a file and an
interrupted export leaves the previous file untouched.

JSONL object: ``path``, ``member`` (null for a plain file), ``sha256``, ``status``, ``error_code``, ``reason``,
``pages``, ``reused``, ``report`` (the ContractReport object, or null).  No timings: the same inputs and
options give the same bytes, whatever ``--jobs`` and the machine's speed (the store keeps ``analysis_ms``).

CSV columns: ``path`` (``archive.zip!/member`` for archive members), ``status``, ``error`` (``code: reason``),
``pages``, ``principal`` (amount), ``interest_rate_annual``, ``overdue_rate_annual``, ``penalty``
(``form value``, with ``annual`` for rate forms), ``n_findings``, ``codes`` (distinct codes, space-separated).
Text cells that a spreadsheet would take for a formula (starting with ``= + - @``) get a leading ``'``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from loanclause.batch.sources import display_path

__all__ = ["CSV_COLUMNS", "atomic_write", "csv_record", "export_csv", "export_jsonl", "export_rows"]

CSV_COLUMNS = (
    "path",
    "status",
    "error",
    "pages",
    "principal",
    "interest_rate_annual",
    "overdue_rate_annual",
    "penalty",
    "n_findings",
    "codes",
)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(
    destination: str | os.PathLike[str], write: Callable[[IO[Any]], None], *, binary: bool = False
) -> None:
    """Call ``write(fh)`` on a temporary file next to ``destination`` (text, UTF-8; bytes with ``binary``), then
    move it into place."""
    dest = Path(destination)
    directory = dest.parent if str(dest.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an output file gets the usual permissions
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def jsonl_record(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "path": row["path"],
        "member": row["member"] or None,
        "sha256": row["sha256"],
        "status": row["status"],
        "error_code": row["error_code"],
        "reason": row["reason"],
        "pages": row["pages"],
        "reused": bool(row["reused"]),
        "report": json.loads(row["report_json"]) if row["report_json"] else None,
    }


def _safe_cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _penalty(penalty: dict[str, Any] | None) -> str:
    if not penalty:
        return ""
    text = f"{penalty.get('form')} {penalty.get('value') if penalty.get('value') is not None else ''}".strip()
    if penalty.get("annual") is not None:
        text += f" (annual {penalty['annual']})"
    return text


def csv_record(row: sqlite3.Row) -> list[Any]:
    report = json.loads(row["report_json"]) if row["report_json"] else {}
    terms = report.get("terms") or {}
    findings = report.get("findings") or []
    principal = (terms.get("principal") or {}).get("amount")
    error = f"{row['error_code']}: {row['reason']}" if row["error_code"] else ""
    return [
        _safe_cell(display_path(row["path"], row["member"])),
        row["status"],
        _safe_cell(error),
        "" if row["pages"] is None else row["pages"],
        principal or "",
        (terms.get("interest_rate") or {}).get("annual") or "",
        (terms.get("overdue_rate") or {}).get("annual") or "",
        _penalty(terms.get("penalty")),
        len(findings) if report else "",
        " ".join(sorted({f["code"] for f in findings})),
    ]


def export_jsonl(rows: Iterable[sqlite3.Row], destination: str | os.PathLike[str]) -> int:
    count = 0

    def write(fh: IO[str]) -> None:
        nonlocal count
        for row in rows:
            fh.write(json.dumps(jsonl_record(row), ensure_ascii=False) + "\n")
            count += 1

    atomic_write(destination, write)
    return count


def export_csv(rows: Iterable[sqlite3.Row], destination: str | os.PathLike[str]) -> int:
    count = 0

    def write(fh: IO[str]) -> None:
        nonlocal count
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(csv_record(row))
            count += 1

    atomic_write(destination, write)
    return count


def export_rows(rows: Iterable[sqlite3.Row], destination: str | os.PathLike[str]) -> int:
    """JSONL or CSV by the destination's suffix (``.jsonl``/``.ndjson`` or ``.csv``)."""
    suffix = Path(destination).suffix.lower()
    if suffix == ".csv":
        return export_csv(rows, destination)
    if suffix in (".jsonl", ".ndjson"):
        return export_jsonl(rows, destination)
    raise ValueError(f"cannot tell the export format of {os.fspath(destination)!r}: use .jsonl or .csv")
