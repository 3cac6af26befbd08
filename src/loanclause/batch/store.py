"""The results store: one SQLite file (stdlib ``sqlite3``, WAL mode), written only by the scanning process.

Schema (version 2, kept in ``PRAGMA user_version``; ``migrate`` brings an older file up to date and refuses a
newer one)::

    files     one row per input and options fingerprint, UNIQUE(path, member, fingerprint)
              path (absolute), member ('' for a plain file; 'dir/x.pdf' or 'inner.zip!/x.pdf' in an archive),
              sha256 (NULL when an archive entry was refused unread), fingerprint, status (ok / error / timeout /
              crashed), error_code, reason (one line), pages, size_bytes, analysis_ms (in the worker), wall_ms
              (submitted → recorded), reused (1: the result was copied from identical content analysed before),
              limit_timeout_s, limit_memory_mb (the limits a timeout / memory failure happened under),
              report_json (ContractReport JSON, redacted with --redact), created_at (UTC, when written)
    findings  sha256, fingerprint, code, severity, clause_id, page, message, provisional (1: the verdict rests on
              an assumed contract date or an unconfirmed LPR, see the message); indexed by code
    meta      key / value (created_with: the loanclause version that created the file)

A result belongs to content, not to a path: identical bytes are analysed once per fingerprint (lender kind, as-of
date, select/ignore, max pages, redaction, loanclause version), and a new analysis of some content (``--rescan``)
updates every row holding that content.  Every result is committed in its own transaction as it arrives, so a
killed scan loses at most the files that were still being analysed.

Useful queries::

    SELECT code, count(*) FROM findings GROUP BY code;
    SELECT path, member, reason FROM files WHERE status != 'ok';
    SELECT f.path FROM files f JOIN findings x USING (sha256, fingerprint) WHERE x.code = 'LC101';
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from loanclause.errors import LoanClauseError

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "migrate"]

SCHEMA_VERSION = 2

STATUSES = ("ok", "error", "timeout", "crashed")


class StoreError(LoanClauseError, RuntimeError):
    """The results file cannot be used (not SQLite, written by a newer loanclause, locked)."""

    code = "store"


def _execute_all(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated DDL inside the caller's transaction (``executescript`` would commit it)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _execute_all(
        conn,
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS files (
            id              INTEGER PRIMARY KEY,
            path            TEXT NOT NULL,
            member          TEXT NOT NULL DEFAULT '',
            sha256          TEXT,
            fingerprint     TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('ok', 'error', 'timeout', 'crashed')),
            error_code      TEXT,
            reason          TEXT,
            pages           INTEGER,
            size_bytes      INTEGER,
            analysis_ms     INTEGER,
            wall_ms         INTEGER,
            reused          INTEGER NOT NULL DEFAULT 0,
            limit_timeout_s REAL,
            limit_memory_mb INTEGER,
            report_json     TEXT,
            created_at      TEXT NOT NULL,
            UNIQUE (path, member, fingerprint)
        );
        CREATE INDEX IF NOT EXISTS files_content ON files (sha256, fingerprint);
        CREATE TABLE IF NOT EXISTS findings (
            sha256      TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            code        TEXT NOT NULL,
            severity    TEXT NOT NULL,
            clause_id   TEXT,
            page        INTEGER,
            message     TEXT
        );
        CREATE INDEX IF NOT EXISTS findings_code ON findings (code);
        CREATE INDEX IF NOT EXISTS findings_content ON findings (sha256, fingerprint);
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Findings say whether they are provisional (a verdict on an assumed date or LPR)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(findings)")}
    if "provisional" not in columns:
        conn.execute("ALTER TABLE findings ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0")


# version → step that brings a file from version-1 to version.  Add a function per schema change; never edit one.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2}


def migrate(conn: sqlite3.Connection, *, name: str = "results store") -> int:
    """Bring the schema to ``SCHEMA_VERSION``; returns the version found.  Raises ``StoreError`` for a newer file."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{name} has schema version {found}, newer than this loanclause understands ({SCHEMA_VERSION}); "
            "upgrade loanclause or use another --db"
        )
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return found
            MIGRATIONS[version + 1](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_COLUMNS = (
    "path",
    "member",
    "sha256",
    "fingerprint",
    "status",
    "error_code",
    "reason",
    "pages",
    "size_bytes",
    "analysis_ms",
    "wall_ms",
    "reused",
    "limit_timeout_s",
    "limit_memory_mb",
    "report_json",
    "created_at",
)
_UPSERT = (
    f"INSERT INTO files ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT (path, member, fingerprint) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[2:])
    + " RETURNING id"
)
_RESULT_COLUMNS = ("status", "error_code", "reason", "pages", "analysis_ms", "report_json")


class Store:
    """The results store.  ``path=None`` keeps results in memory (still analysing identical content once)."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = None if path is None else os.fspath(path)
        name = self.path or ":memory:"
        try:
            self.conn = sqlite3.connect(name, timeout=30, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            if self.path is not None:
                mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(f"{self.path}: cannot switch to WAL mode (journal_mode={mode})")
            self.conn.execute(
                "PRAGMA synchronous = NORMAL"
            )  # WAL + NORMAL: a crash of the process loses nothing
            migrate(self.conn, name=name)
            self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('created_with', ?)", (_version(),))
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{name}: not a usable results store: {err}") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- reads

    def lookup(
        self, sha256: str, fingerprint: str, *, timeout: float | None, memory_mb: int | None
    ) -> sqlite3.Row | None:
        """A finished result for this content and options, if one is good for these limits.

        ``ok`` and ``error`` are final.  A ``timeout`` is retried when ``timeout`` is longer than the one it
        happened under, a memory-limit failure when ``memory_mb`` is larger, a lost Dask worker always; other crashes
        need ``--rescan``."""
        row = self.conn.execute(
            "SELECT * FROM files WHERE sha256 = ? AND fingerprint = ? ORDER BY reused, id DESC LIMIT 1",
            (sha256, fingerprint),
        ).fetchone()
        if row is None:
            return None
        if row["status"] == "timeout":
            before = row["limit_timeout_s"]
            if before is not None and (timeout is None or timeout > before):
                return None
        if (
            row["status"] == "crashed" and row["error_code"] == "worker_lost"
        ):  # the cluster failed, not the file
            return None
        if row["status"] == "crashed" and row["error_code"] == "memory_limit":
            before = row["limit_memory_mb"]
            if before is not None and (memory_mb is None or memory_mb > before):
                return None
        return row

    def get(self, path: str, member: str, fingerprint: str) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT * FROM files WHERE path = ? AND member = ? AND fingerprint = ?",
            (path, member, fingerprint),
        ).fetchone()

    def rows(self, ids: Iterable[int]) -> Iterator[sqlite3.Row]:
        """The rows with these ids, ordered by path and member (streamed, for exports)."""
        cur = self.conn.cursor()
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS export_ids (id INTEGER PRIMARY KEY)")
        cur.execute("DELETE FROM export_ids")
        cur.executemany("INSERT OR IGNORE INTO export_ids VALUES (?)", ((i,) for i in ids))
        yield from cur.execute(
            "SELECT files.* FROM files JOIN export_ids USING (id) ORDER BY files.path, files.member"
        )

    def findings(self, sha256: str, fingerprint: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM findings WHERE sha256 = ? AND fingerprint = ? ORDER BY rowid",
            (sha256, fingerprint),
        ).fetchall()

    # -- writes (one transaction each)

    def _upsert(self, conn: sqlite3.Connection, values: dict[str, Any]) -> int:
        values = dict(values, created_at=_now())
        return conn.execute(_UPSERT, [values.get(c) for c in _COLUMNS]).fetchone()[0]

    def record_result(
        self,
        *,
        path: str,
        member: str,
        sha256: str,
        fingerprint: str,
        result: dict[str, Any],
        size_bytes: int,
        wall_ms: int,
        limit_timeout_s: float | None,
        limit_memory_mb: int | None,
    ) -> int:
        """A fresh analysis of this content: replaces its findings and updates every row holding it."""
        values = {
            "path": path,
            "member": member,
            "sha256": sha256,
            "fingerprint": fingerprint,
            "status": result["status"],
            "error_code": result.get("error_code"),
            "reason": result.get("reason"),
            "pages": result.get("pages"),
            "size_bytes": size_bytes,
            "analysis_ms": round((result.get("seconds") or 0.0) * 1000),
            "wall_ms": wall_ms,
            "reused": 0,
            "limit_timeout_s": limit_timeout_s,
            "limit_memory_mb": limit_memory_mb,
            "report_json": result.get("report_json"),
        }
        with self._transaction() as conn:
            conn.execute("DELETE FROM findings WHERE sha256 = ? AND fingerprint = ?", (sha256, fingerprint))
            conn.executemany(
                "INSERT INTO findings (sha256, fingerprint, code, severity, clause_id, page, message, provisional)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        sha256,
                        fingerprint,
                        f["code"],
                        f["severity"],
                        f.get("clause_id"),
                        f.get("page"),
                        f.get("message"),
                        int(bool(f.get("provisional"))),
                    )
                    for f in result.get("findings") or ()
                ],
            )
            conn.execute(
                f"UPDATE files SET {', '.join(f'{c} = ?' for c in _RESULT_COLUMNS)}, reused = 1, "
                "limit_timeout_s = ?, limit_memory_mb = ?, created_at = ? "
                "WHERE sha256 = ? AND fingerprint = ? AND NOT (path = ? AND member = ?)",
                [values[c] for c in _RESULT_COLUMNS]
                + [limit_timeout_s, limit_memory_mb, _now(), sha256, fingerprint, path, member],
            )
            return self._upsert(conn, values)

    def record_reuse(self, *, path: str, member: str, source: sqlite3.Row, size_bytes: int) -> int:
        """This input has the content of ``source`` (analysed before): copy its result.  No write if the row for
        this path already holds it (the common case when a finished scan is run again)."""
        current = self.get(path, member, source["fingerprint"])
        if (
            current is not None
            and current["sha256"] == source["sha256"]
            and current["status"] == source["status"]
        ):
            return current["id"]
        values = {c: source[c] for c in _COLUMNS if c != "created_at"}
        values.update(path=path, member=member, size_bytes=size_bytes, reused=1, wall_ms=0)
        with self._transaction() as conn:
            return self._upsert(conn, values)

    def record_refused(
        self, *, path: str, member: str, fingerprint: str, error_code: str, reason: str
    ) -> int:
        """An input that was never analysed: unreadable, or refused by the archive checks."""
        current = self.get(path, member, fingerprint)
        if current is not None and current["sha256"] is None and current["reason"] == reason:
            return current["id"]
        values = {
            "path": path,
            "member": member,
            "sha256": None,
            "fingerprint": fingerprint,
            "status": "error",
            "error_code": error_code,
            "reason": reason,
            "reused": 0,
        }
        with self._transaction() as conn:
            return self._upsert(conn, values)


def _version() -> str:
    from loanclause import __version__

    return __version__
