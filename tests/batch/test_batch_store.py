"""The results store (real SQLite files) and the atomic exports."""

from __future__ import annotations

import csv
import json
import os
import sqlite3

import pytest

from loanclause.batch.export import CSV_COLUMNS, atomic_write, export_csv, export_jsonl
from loanclause.batch.store import SCHEMA_VERSION, Store, StoreError


def _result(status="ok", **kw):
    report = {
        "terms": {
            "principal": {"amount": "100000"},
            "interest_rate": {"annual": "0.36"},
            "overdue_rate": None,
            "penalty": {"form": "rate_of_principal", "value": "0.2", "annual": None},
        },
        "findings": [{"code": "LC101", "severity": "error"}, {"code": "LC205", "severity": "info"}],
    }
    result = {
        "status": status,
        "error_code": None,
        "reason": None,
        "pages": 3,
        "seconds": 0.25,
        "report_json": json.dumps(report) if status == "ok" else None,
        "findings": [
            {"code": "LC101", "severity": "error", "clause_id": "c1", "page": 1, "message": "利率过高"},
            {"code": "LC205", "severity": "info", "clause_id": None, "page": None, "message": "无争议解决"},
        ]
        if status == "ok"
        else [],
    }
    result.update(kw)
    return result


def _record(store, path, sha="a" * 64, fp="fp", member="", **kw):
    return store.record_result(
        path=path,
        member=member,
        sha256=sha,
        fingerprint=fp,
        result=_result(**kw),
        size_bytes=10,
        wall_ms=5,
        limit_timeout_s=10.0,
        limit_memory_mb=None,
    )


def test_schema_wal_and_version(tmp_path):
    db = tmp_path / "s.sqlite"
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "findings_code" in indexes
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_not_a_database_is_refused(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable results store"):
        Store(bad)


def test_result_findings_and_reuse(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        first = _record(store, "/a.pdf")
        row = store.lookup("a" * 64, "fp", timeout=10, memory_mb=None)
        assert row["id"] == first and row["pages"] == 3 and row["analysis_ms"] == 250
        assert [f["code"] for f in store.findings("a" * 64, "fp")] == ["LC101", "LC205"]
        copy = store.record_reuse(path="/b.pdf", member="", source=row, size_bytes=10)
        assert store.record_reuse(path="/b.pdf", member="", source=row, size_bytes=10) == copy  # no new row
        assert store.get("/b.pdf", "", "fp")["reused"] == 1
        assert store.lookup("a" * 64, "other-options", timeout=10, memory_mb=None) is None
        # a new analysis of the content (--rescan) updates every row holding it, and its findings
        _record(store, "/a.pdf", status="error", error_code="empty", reason="empty file")
        assert store.get("/b.pdf", "", "fp")["status"] == "error"
        assert store.findings("a" * 64, "fp") == []
        count = store.conn.execute("SELECT count(*) FROM files").fetchone()[0]
        assert count == 2


def test_timeouts_are_retried_only_with_a_longer_timeout(tmp_path):
    with Store(None) as store:
        _record(store, "/slow.pdf", status="timeout", error_code="timeout", reason="no result after 10 s")
        assert store.lookup("a" * 64, "fp", timeout=10, memory_mb=None)["status"] == "timeout"
        assert store.lookup("a" * 64, "fp", timeout=5, memory_mb=None) is not None
        assert store.lookup("a" * 64, "fp", timeout=30, memory_mb=None) is None
        assert store.lookup("a" * 64, "fp", timeout=None, memory_mb=None) is None


def test_refused_entries_have_no_content(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        rid = store.record_refused(
            path="/x.zip",
            member="../evil.pdf",
            fingerprint="fp",
            error_code="unsafe_path",
            reason="unsafe path",
        )
        assert (
            store.record_refused(
                path="/x.zip",
                member="../evil.pdf",
                fingerprint="fp",
                error_code="unsafe_path",
                reason="unsafe path",
            )
            == rid
        )
        row = store.get("/x.zip", "../evil.pdf", "fp")
        assert row["sha256"] is None and row["status"] == "error" and row["error_code"] == "unsafe_path"


def test_exports_jsonl_and_csv(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        ids = [
            _record(store, "/b.pdf"),
            _record(
                store,
                "/a.zip",
                sha="b" * 64,
                member="x/=cmd.pdf",
                status="crashed",
                error_code="crashed",
                pages=None,
                reason="worker killed by signal 11 (SIGSEGV)",
            ),
        ]
        n = export_jsonl(store.rows(ids), tmp_path / "out.jsonl")
        m = export_csv(store.rows(ids), tmp_path / "out.csv")
    assert n == m == 2
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["path"] for x in lines] == ["/a.zip", "/b.pdf"]  # ordered by path
    assert lines[0]["member"] == "x/=cmd.pdf" and lines[0]["report"] is None
    assert lines[1]["report"]["terms"]["principal"]["amount"] == "100000" and "seconds" not in lines[1]
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == [
        "/a.zip!/x/=cmd.pdf",
        "crashed",
        "crashed: worker killed by signal 11 (SIGSEGV)",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    assert rows[2] == [
        "/b.pdf",
        "ok",
        "",
        "3",
        "100000",
        "0.36",
        "",
        "rate_of_principal 0.2",
        "2",
        "LC101 LC205",
    ]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    dest = tmp_path / "results.csv"
    dest.write_text("old\n")

    def broken(fh):
        fh.write("half a file")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(dest, broken)
    assert dest.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["results.csv"]


def test_version_1_file_is_migrated_with_provisional_column(tmp_path):
    """A store written before findings carried ``provisional`` opens, gains the column (0 for old rows) and
    records the flag for new results."""
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    from loanclause.batch.store import _v1

    conn.execute("BEGIN")
    _v1(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO findings VALUES ('s', 'f', 'LC101', 'error', NULL, 1, 'old')")
    conn.execute("COMMIT")
    conn.close()
    with Store(db) as store:
        (old,) = store.conn.execute("SELECT provisional FROM findings").fetchall()
        assert old[0] == 0
        _record(
            store,
            "/x.txt",
            sha="b" * 64,
            findings=[{"code": "LC101", "severity": "warning", "message": "【暂定】…", "provisional": True}],
        )
        rows = store.findings("b" * 64, "fp")
        assert [r["provisional"] for r in rows] == [1]
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
