"""Odd entries in a scanned folder: a FIFO, names that are not UTF-8 or hold a newline, link loops, links out of
the folder, a dangling link.  None may hang the scan or abort it; every good file is analysed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "借款合同\n出借人：张三\n借款人：李四\n借款金额10000元，年利率36%，借款期限12个月。\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and symlinks")
def test_scan_survives_odd_entries(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    bad_name = os.fsencode(folder) + b"/\xff\xfe-bad.txt"
    with open(bad_name, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    (folder / "new\nline.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    (folder / "root").symlink_to("/", target_is_directory=True)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    db = tmp_path / "scan.sqlite"
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [
            str(Path(sys.executable).with_name("loanclause")),
            "scan",
            str(folder),
            "--db",
            str(db),
            "--out",
            str(out),
            "--no-ner",
            "--jobs",
            "1",
            "--timeout",
            "60",
        ],
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    rows = {
        Path(p).name: (status, code)
        for p, status, code in sqlite3.connect(db).execute("SELECT path, status, error_code FROM files")
    }
    assert rows["good.txt"][0] == "ok"
    assert rows["\\xff\\xfe-bad.txt"][0] == "ok"  # analysed under its real name, recorded printable
    assert rows["new\\nline.txt"][0] == "ok"
    assert rows["pipe.txt"] == ("error", "not_a_regular_file")
    assert rows["passwd.txt"] == ("error", "link_outside")
    assert rows["dangling.txt"][0] == "error"
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(rows)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(pytest.main([__file__]))
