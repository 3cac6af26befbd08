"""``scan``: many contracts → many reports, resumably, with every file isolated in a worker process.

    for result in loanclause.batch.scan(["contracts/", "archive.zip"], db="scan.sqlite", jobs=4, timeout=60):
        print(result.display_path, result.status, [f.code for f in result.findings])

Results come out as they complete (not in input order).  With ``db`` every result is committed to the SQLite
store as it arrives; running the same scan again yields the stored results of everything already done (marked
``cached``) and analyses only the rest.  Identical content is analysed once per options fingerprint.

Interrupting: breaking out of the loop (or ``close()``) kills the workers and abandons the files in flight; they are
not recorded, so the next run analyses them.  ``Scan.control.drain()`` (the CLI's first ^C) stops taking new files
and lets the ones in flight finish; ``control.abandon()`` (SIGTERM, a second ^C) stops at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from loanclause.batch.archive import ArchiveLimits
from loanclause.batch.engines import DaskEngine, LocalEngine, WorkerConfig
from loanclause.batch.sources import DEFAULT_INCLUDE, Item, discover, display_path
from loanclause.batch.store import Store
from loanclause.batch.worker import callable_spec
from loanclause.models import ContractReport

__all__ = [
    "Scan",
    "ScanControl",
    "ScanFinding",
    "ScanResult",
    "default_jobs",
    "options_fingerprint",
    "scan",
]

Status = Literal["ok", "error", "timeout", "crashed"]


class ScanFinding(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Literal["error", "warning", "info"]


class ScanResult(BaseModel):
    """One input of a scan: a file, or a member of an archive."""

    path: str
    member: str | None = None
    sha256: str | None = None
    status: Status
    error_code: str | None = None
    reason: str | None = None
    pages: int | None = None
    seconds: float | None = None
    cached: bool = False
    findings: list[ScanFinding] = []
    report: ContractReport | None = None

    @property
    def display_path(self) -> str:
        return display_path(self.path, self.member)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class ScanControl:
    """Stop a running scan from a signal handler or another thread."""

    def __init__(self) -> None:
        self._drain = threading.Event()
        self._abandon = threading.Event()

    def drain(self) -> None:
        """Take no new files; finish the ones in flight."""
        self._drain.set()

    def abandon(self) -> None:
        """Stop now; files in flight are not recorded (the next run does them)."""
        self._drain.set()
        self._abandon.set()

    @property
    def draining(self) -> bool:
        return self._drain.is_set()

    @property
    def abandoned(self) -> bool:
        return self._abandon.is_set()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _version() -> str:
    from loanclause import __version__

    return __version__


def _ner_identity(ner: bool) -> str | None:
    """The default NER model's name@hash (None when off or absent): new weights make old results stale."""
    if not ner:
        return None
    from loanclause.extract.ner import default_model_path, model_identity

    return model_identity(default_model_path())


def options_fingerprint(
    *,
    lender_kind: str | None,
    as_of: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    max_pages: int | None,
    redact: bool,
    lpr_table_sha256: str | None = None,
    ner_model: str | None = None,
) -> str:
    """What makes two analyses of the same bytes comparable: same options, same LPR table, same loanclause
    version.  Without ``--as-of`` each file is checked as of the day it is analysed (recorded in its report's
    ``as_of``); pass ``--as-of`` for a batch whose every result uses one date."""
    payload = {
        "lpr_table": lpr_table_sha256,
        "lender_kind": lender_kind,
        "as_of": as_of,
        "select": sorted(select),
        "ignore": sorted(ignore),
        "max_pages": max_pages,
        "redact": redact,
        "ner_model": ner_model,
        "version": _version(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def _lpr_table(path: str | os.PathLike[str] | None) -> tuple[str | None, str | None]:
    """(absolute path, content sha256) of a user LPR table, validated once here rather than in every worker."""
    if path is None:
        return None, None
    from loanclause.law import load_lpr_table

    load_lpr_table(path)  # raises a LoanClauseError with the bad line
    absolute = os.path.abspath(os.fspath(path))
    with open(absolute, "rb") as handle:
        return absolute, hashlib.sha256(handle.read()).hexdigest()


def _codes(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(sorted({c.strip().upper() for v in values for c in v.split(",") if c.strip()}))


def _check_selectors(codes: Sequence[str]) -> None:
    """Refuse a bad ``select`` / ``ignore`` entry up front (else every file would fail with the same error)."""
    try:
        from loanclause.rules.registry import parse_selectors
    except ImportError:  # pragma: no cover - rules not installed: the worker filters by prefix
        return
    parse_selectors(list(codes))


def _check_lender_kind(kind: str | None) -> None:
    if kind is None:  # each contract's own, from its lender's name
        return
    try:
        from loanclause.law.regimes import LENDER_KINDS
    except ImportError:  # pragma: no cover
        return
    if kind not in LENDER_KINDS:
        raise ValueError(f"unknown lender kind {kind!r}: use one of {', '.join(LENDER_KINDS)}")


@dataclass
class _Waiting:
    item: Item
    sha256: str
    size: int
    submitted: float = 0.0


class Scan:
    """A scan that can be iterated once, then exported.  ``scan()`` is the plain-iterator front of this class."""

    def __init__(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        db: str | os.PathLike[str] | None = None,
        jobs: int | None = None,
        timeout: float | None = 120.0,
        memory_mb: int | None = 2048,
        max_pages: int | None = None,
        lender_kind: str | None = None,
        as_of: date | str | None = None,
        select: Iterable[str] | str | None = (),
        ignore: Iterable[str] | str | None = (),
        rescan: bool = False,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
        engine: Literal["local", "dask"] = "local",
        scheduler: Any = None,
        redact: bool = False,
        limits: ArchiveLimits | None = None,
        initializer: str | Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
        with_reports: bool = True,
        worker_stderr: bool = False,
        lpr_table: str | os.PathLike[str] | None = None,
        ner: bool = True,
    ) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = [os.fspath(p) for p in paths]
        self.jobs = jobs if jobs and jobs > 0 else default_jobs()
        self.timeout = timeout if timeout and timeout > 0 else None
        self.memory_mb = memory_mb if memory_mb and memory_mb > 0 else None
        self.max_pages = max_pages if max_pages and max_pages > 0 else None
        self.rescan = rescan
        self.include = tuple(include) if include else DEFAULT_INCLUDE
        self.exclude = tuple(exclude)
        if engine not in ("local", "dask"):
            raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
        self.engine_name = "dask" if scheduler is not None else engine
        self.scheduler = scheduler
        self.limits = limits or ArchiveLimits()
        self.with_reports = with_reports
        as_of_text = (
            as_of.isoformat()
            if isinstance(as_of, date)
            else (date.fromisoformat(as_of).isoformat() if as_of else None)
        )
        select_codes, ignore_codes = _codes(select), _codes(ignore)
        _check_selectors(select_codes + ignore_codes)
        _check_lender_kind(lender_kind)
        lpr_path, lpr_sha = _lpr_table(lpr_table)
        self.options = {
            "lpr_table": lpr_path,
            "lender_kind": lender_kind,
            "as_of": as_of_text,
            "select": select_codes,
            "ignore": ignore_codes,
            "max_pages": self.max_pages,
            "redact": redact,
            "ner": ner,
        }
        self.fingerprint = options_fingerprint(
            lender_kind=lender_kind,
            as_of=as_of_text,
            select=select_codes,
            ignore=ignore_codes,
            max_pages=self.max_pages,
            redact=redact,
            lpr_table_sha256=lpr_sha,
            ner_model=_ner_identity(ner),
        )
        self.worker_config = WorkerConfig(
            timeout=self.timeout,
            memory_mb=self.memory_mb,
            initializer=callable_spec(initializer),
            initargs=tuple(initargs),
            stderr=worker_stderr,
        )
        self.control = ScanControl()
        self.store = Store(db)
        self.row_ids: list[int] = []
        self.interrupted = False
        self.analysed = 0
        self._started = False
        self._waiting: dict[str, list[_Waiting]] = {}
        self._analysed_here: set[str] = set()

    # -- lifecycle

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Scan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def export(self, destination: str | os.PathLike[str]) -> int:
        """Write this scan's rows (JSONL or CSV by suffix, atomically); returns the number of rows."""
        from loanclause.batch.export import export_rows

        return export_rows(self.store.rows(self.row_ids), destination)

    def _make_engine(self) -> LocalEngine | DaskEngine:
        if self.engine_name == "dask":
            return DaskEngine(self.jobs, self.worker_config, self.scheduler)
        return LocalEngine(self.jobs, self.worker_config)

    # -- the loop

    def __iter__(self) -> Iterator[ScanResult]:
        if self._started:
            raise RuntimeError("a Scan can be iterated once; start a new one to scan again")
        self._started = True
        control = self.control
        engine: LocalEngine | DaskEngine | None = None
        items = discover(self.paths, include=self.include, exclude=self.exclude, limits=self.limits)
        pending: _Waiting | None = None
        exhausted = False
        try:
            while not control.abandoned:
                while not control.draining:
                    if pending is None:
                        item = next(items, None)
                        if item is None:
                            exhausted = True
                            break
                        outcome = self._triage(item)
                        if isinstance(outcome, ScanResult):
                            yield outcome
                            continue
                        if outcome is None:
                            continue
                        pending = outcome
                    if engine is None:
                        engine = self._make_engine()
                    if engine.capacity() <= 0:
                        break
                    task = {
                        "key": pending.sha256,
                        "name": pending.item.display,
                        "data": pending.item.data,
                        "options": self.options,
                    }
                    if not engine.submit(task):
                        break  # a worker died while idle; it is being replaced
                    pending.submitted = time.monotonic()
                    pending.item.data = None
                    pending = None
                if engine is None or (engine.in_flight() == 0 and (exhausted or control.draining)):
                    break
                for result in engine.wait(0.5):
                    yield from self._complete(result)
            self.interrupted = control.draining and not (exhausted and pending is None and not self._waiting)
        finally:
            if engine is not None:
                engine.close()

    def _triage(self, item: Item) -> ScanResult | _Waiting | None:
        """A result now (refused, or already known), a task to run, or None when identical content is in flight."""
        if item.data is None:
            code, reason = item.error_code or "unreadable", item.reason or "cannot read"
            row_id = self.store.record_refused(
                path=item.path,
                member=item.member,
                fingerprint=self.fingerprint,
                error_code=code,
                reason=reason,
            )
            self.row_ids.append(row_id)
            return ScanResult(
                path=item.path, member=item.member or None, status="error", error_code=code, reason=reason
            )
        sha = hashlib.sha256(item.data).hexdigest()
        size = len(item.data)
        if not self.rescan or sha in self._analysed_here:
            row = self.store.lookup(sha, self.fingerprint, timeout=self.timeout, memory_mb=self.memory_mb)
            if row is not None:
                row_id = self.store.record_reuse(
                    path=item.path, member=item.member, source=row, size_bytes=size
                )
                self.row_ids.append(row_id)
                return self._from_row(item, row, cached=True)
        waiting = _Waiting(item, sha, size)
        if sha in self._waiting:
            item.data = None
            self._waiting[sha].append(waiting)
            return None
        self._waiting[sha] = [waiting]
        return waiting

    def _complete(self, result: dict[str, Any]) -> Iterator[ScanResult]:
        sha = result["key"]
        waiting = self._waiting.pop(sha, [])
        if not waiting:
            return
        first, rest = waiting[0], waiting[1:]
        wall_ms = round((time.monotonic() - first.submitted) * 1000) if first.submitted else None
        row_id = self.store.record_result(
            path=first.item.path,
            member=first.item.member,
            sha256=sha,
            fingerprint=self.fingerprint,
            result=result,
            size_bytes=first.size,
            wall_ms=wall_ms,
            limit_timeout_s=self.timeout,
            limit_memory_mb=self.memory_mb,
        )
        self.analysed += 1
        self._analysed_here.add(sha)
        self.row_ids.append(row_id)
        findings = [ScanFinding(code=f["code"], severity=f["severity"]) for f in result.get("findings") or ()]
        report = None
        if self.with_reports and result.get("report_json"):
            report = ContractReport.model_validate_json(result["report_json"])
        yield ScanResult(
            path=first.item.path,
            member=first.item.member or None,
            sha256=sha,
            status=result["status"],
            error_code=result.get("error_code"),
            reason=result.get("reason"),
            pages=result.get("pages"),
            seconds=result.get("seconds"),
            findings=findings,
            report=report,
        )
        if rest:
            source = self.store.get(first.item.path, first.item.member, self.fingerprint)
            for other in rest:
                row_id = self.store.record_reuse(
                    path=other.item.path, member=other.item.member, source=source, size_bytes=other.size
                )
                self.row_ids.append(row_id)
                yield self._from_row(other.item, source, cached=True, findings=findings, report=report)

    def _from_row(
        self,
        item: Item,
        row: Any,
        *,
        cached: bool,
        findings: list[ScanFinding] | None = None,
        report: ContractReport | None = None,
    ) -> ScanResult:
        if findings is None:
            findings = [
                ScanFinding(code=f["code"], severity=f["severity"])
                for f in self.store.findings(row["sha256"], row["fingerprint"])
            ]
        if report is None and self.with_reports and row["report_json"]:
            report = ContractReport.model_validate_json(row["report_json"])
        return ScanResult(
            path=item.path,
            member=item.member or None,
            sha256=row["sha256"],
            status=row["status"],
            error_code=row["error_code"],
            reason=row["reason"],
            pages=row["pages"],
            seconds=None if row["analysis_ms"] is None else row["analysis_ms"] / 1000,
            cached=cached,
            findings=findings,
            report=report,
        )


def scan(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    db: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    timeout: float | None = 120.0,
    memory_mb: int | None = 2048,
    max_pages: int | None = None,
    lender_kind: str | None = None,
    as_of: date | str | None = None,
    select: Iterable[str] | str | None = (),
    ignore: Iterable[str] | str | None = (),
    rescan: bool = False,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    engine: Literal["local", "dask"] = "local",
    scheduler: Any = None,
    redact: bool = False,
    limits: ArchiveLimits | None = None,
    initializer: str | Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    with_reports: bool = True,
    lpr_table: str | os.PathLike[str] | None = None,
    ner: bool = True,
) -> Iterator[ScanResult]:
    """Scan files, directories and archives; yield one ``ScanResult`` per input as it completes.

    ``db``: SQLite results file (None: in memory).  ``jobs``: worker processes (default: the usable CPUs).
    ``timeout`` (s) and ``memory_mb``: per-file limits (None or 0: none); a file over them is recorded as
    ``timeout`` / ``crashed`` and the scan goes on.  ``max_pages``: PDFs with more pages are refused (``too_large``).
    ``lender_kind``, ``as_of``, ``select``, ``ignore``: as for ``analyze``.  ``rescan``: analyse again even what
    the store already has.  ``include`` / ``exclude``: globs for directory walks and archive members (default
    ``*.pdf *.docx *.txt``).  ``engine="dask"`` with ``scheduler`` (an address, a ``distributed.Client``, or None
    for a LocalCluster of ``jobs`` processes).  ``redact``: mask ID, phone and account numbers and party names in
    stored reports.  ``limits``: archive safety limits.  ``initializer`` (``"module:function"`` or an importable
    function) runs once in each worker, e.g. to load a model.  ``with_reports=False`` skips parsing reports
    (``ScanResult.report`` stays None; findings' codes and severities are still given).  ``ner=False``: the rule
    baseline alone reads the terms (no torch in the workers; faster).

    Closing the iterator early kills the workers; files in flight are not recorded."""
    with Scan(
        paths,
        db=db,
        jobs=jobs,
        timeout=timeout,
        memory_mb=memory_mb,
        max_pages=max_pages,
        lender_kind=lender_kind,
        as_of=as_of,
        select=select,
        ignore=ignore,
        rescan=rescan,
        include=include,
        exclude=exclude,
        engine=engine,
        scheduler=scheduler,
        redact=redact,
        limits=limits,
        initializer=initializer,
        initargs=initargs,
        with_reports=with_reports,
        lpr_table=lpr_table,
        ner=ner,
    ) as job:
        yield from job
