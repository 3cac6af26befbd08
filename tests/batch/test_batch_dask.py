"""``--engine dask`` stores the same rows as the local engine, with timeouts enforced on the Dask workers."""

from __future__ import annotations

import zipfile

import pytest
from batch_helpers import db_rows, write_contracts

from loanclause.batch import scan

distributed = pytest.importorskip("distributed")

COMPARED = (
    "path",
    "member",
    "sha256",
    "fingerprint",
    "status",
    "error_code",
    "reason",
    "pages",
    "reused",
    "report_json",
)


def test_dask_rows_equal_local_rows(hooks, tmp_path):
    write_contracts(tmp_path / "in", 3)
    (tmp_path / "in" / "hang.txt").write_text("LOANCLAUSE_TEST_HANG")
    (tmp_path / "in" / "empty.txt").write_text("#RAISE empty")
    with zipfile.ZipFile(tmp_path / "in" / "a.zip", "w") as zf:
        zf.writestr("x/c.txt", (tmp_path / "in" / "c00.txt").read_bytes())
        zf.writestr("../slip.txt", "x")
    options = {"timeout": 1.0, "jobs": 1, "with_reports": False}

    local = list(scan([tmp_path / "in"], db=tmp_path / "local.sqlite", **options))
    with (
        distributed.LocalCluster(
            n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = list(
            scan([tmp_path / "in"], db=tmp_path / "dask.sqlite", engine="dask", scheduler=client, **options)
        )
    assert len(local) == len(remote) == 7
    rows = [
        [tuple(r[c] for c in COMPARED) for r in db_rows(tmp_path / name)]
        for name in ("local.sqlite", "dask.sqlite")
    ]
    assert rows[0] == rows[1]
    statuses = sorted(r.status for r in remote)
    assert statuses == ["error", "error", "ok", "ok", "ok", "ok", "timeout"]
