"""Where the per-file task runs: isolated worker processes, locally or on a Dask cluster.

Local engine
    ``--jobs N`` worker processes, each fed over its own pipe (a socketpair wrapped in
    ``multiprocessing.connection.Connection``).  The parent tracks one deadline per task and polls each busy
    worker's RSS; a worker that overruns ``--timeout``, exceeds ``--memory-mb`` or dies (segfault, ``os._exit``,
    the kernel's OOM killer) is killed and replaced, its file is recorded as ``timeout`` / ``crashed`` with the
    reason, and the batch goes on.  Workers are plain ``subprocess`` children running
    ``loanclause.batch.worker.main`` (a fresh interpreter, like multiprocessing's ``spawn``), so they work from
    daemonic processes too (Dask workers), ignore the terminal's ^C (the parent decides), and die with their
    parent.  Heavy models are loaded once per worker by the initializer hook (``scan(initializer=...)``).

Dask engine
    The same per-file task runs on a Dask cluster; the client (the ``loanclause scan`` process) writes every
    result into the store as it completes, so the run is resumable exactly like a local one.  Inside each Dask
    worker the task runs in a ``Sandbox`` (the local engine's isolated worker process, one per Dask worker
    thread), so ``--timeout`` and ``--memory-mb`` hold on the cluster too, and a hung or crashing PDF costs one
    sandbox, never the Dask worker.

    With no ``--scheduler``, ``loanclause scan --engine dask --jobs N`` starts a ``LocalCluster`` with N
    single-threaded worker processes.  On several machines::

        # on the scheduler host (install loanclause[dask] on every host, same version)
        dask scheduler --port 8786                                   # or: dask-scheduler
        # on each worker host: one single-threaded worker process per core
        dask worker tcp://SCHEDULER:8786 --nworkers auto --nthreads 1 --memory-limit 4GiB
        # anywhere that can read the files and reach the scheduler (the files travel as bytes; workers need no
        # access to them):
        loanclause scan /data/contracts --engine dask --scheduler tcp://SCHEDULER:8786 --db scan.sqlite

    Keep ``--memory-limit`` of ``dask worker`` above ``--memory-mb`` so the sandbox, not the nanny, catches a
    memory-hungry file.  If a Dask worker itself dies, the scheduler retries its task elsewhere
    (``distributed.scheduler.allowed-failures``); after that the file is recorded as ``crashed`` with the code
    ``worker_lost``, which the next run retries (it is the cluster's failure, not the file's).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_connections
from typing import Any

from loanclause.errors import LoanClauseError

__all__ = ["DaskEngine", "EngineError", "LocalEngine", "Sandbox", "WorkerConfig"]

_POLL_S = 0.25
NO_WORKERS_S = 60.0
_MAX_START_FAILURES = 3


class EngineError(LoanClauseError, RuntimeError):
    """The engine cannot run tasks at all (workers fail to start, the initializer raises, no cluster)."""

    code = "engine"


@dataclass
class WorkerConfig:
    timeout: float | None = 120.0
    memory_mb: int | None = None
    initializer: str | None = None
    initargs: tuple[Any, ...] = ()
    startup_timeout: float = 120.0
    stderr: bool = False  # let workers write to our stderr (debugging); default: discarded
    extra_env: dict[str, str] = field(default_factory=dict)


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / (1 << 20)
    except Exception:  # no way to measure: the RLIMIT_DATA backstop remains
        return None


def _exit_reason(returncode: int | None) -> str:
    if returncode is None:
        return "worker stopped answering"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "?"
        hint = " (killed: out of memory?)" if -returncode == signal.SIGKILL else ""
        return f"worker killed by signal {-returncode} ({name}){hint}"
    return f"worker exited with code {returncode}"


def _failure(key: str, status: str, code: str, reason: str, seconds: float) -> dict[str, Any]:
    return {
        "key": key,
        "status": status,
        "error_code": code,
        "reason": reason,
        "pages": None,
        "seconds": seconds,
        "report_json": None,
        "findings": [],
    }


class Sandbox:
    """One isolated worker process and the task it is running."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.proc: subprocess.Popen[bytes] | None = None
        self.conn: Connection | None = None
        self.state = "new"  # new → starting → idle ⇄ busy; dead after close
        self.task_key: str | None = None
        self.deadline: float | None = None
        self.started_at = 0.0
        self.pid: int | None = None

    # -- lifecycle

    def start(self) -> None:
        parent_sock, child_sock = socket.socketpair()
        child_fd = child_sock.fileno()
        paths = [p for p in sys.path if p]
        code = (
            f"import sys; sys.path[:0] = {paths!r}; "
            f"from loanclause.batch.worker import main; main({child_fd}, {os.getpid()})"
        )
        env = dict(os.environ, **self.config.extra_env)
        env.setdefault("OMP_NUM_THREADS", "1")
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code],
                pass_fds=(child_fd,),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=None if self.config.stderr else subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
        finally:
            child_sock.close()
        self.pid = self.proc.pid
        self.conn = Connection(parent_sock.detach())
        self.conn.send(
            {
                "initializer": self.config.initializer,
                "initargs": self.config.initargs,
                "memory_mb": self.config.memory_mb,
            }
        )
        self.state = "starting"
        self.started_at = time.monotonic()
        self.deadline = self.started_at + self.config.startup_timeout
        self.task_key = None

    def kill(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            returncode = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - unkillable (D state): give up on it
            returncode = None
        if self.conn is not None:
            self.conn.close()
        self.proc, self.conn, self.state = None, None, "dead"
        return returncode

    def close(self) -> None:
        """Stop the worker: politely when idle, by SIGKILL when busy or starting (its task is abandoned)."""
        if self.proc is None:
            self.state = "dead"
            return
        if self.state == "idle" and self.conn is not None:
            try:
                self.conn.send(None)
                self.proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()

    # -- tasks

    def submit(self, task: dict[str, Any]) -> bool:
        """Hand the task to the idle worker; False (and the worker is dead) if it died while idle."""
        assert self.state == "idle" and self.conn is not None
        try:
            self.conn.send(task)
        except OSError:
            self.kill()
            return False
        self.state = "busy"
        self.task_key = task["key"]
        self.started_at = time.monotonic()
        self.deadline = self.started_at + self.config.timeout if self.config.timeout else None
        return True

    def on_readable(self) -> dict[str, Any] | None:
        """Handle what the worker sent (or its death).  Returns a task result, if this finished one."""
        assert self.conn is not None
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            return self._died()
        kind = message[0]
        if kind == "ready":
            self.state, self.deadline = "idle", None
            return None
        if kind == "init_error":
            self.kill()
            raise EngineError(message[1])
        result = message[1]
        self.state, self.task_key, self.deadline = "idle", None, None
        return result

    def _died(self) -> dict[str, Any] | None:
        was, key = self.state, self.task_key
        elapsed = time.monotonic() - self.started_at
        returncode = self.kill()
        if was == "busy" and key is not None:
            return _failure(key, "crashed", "crashed", _exit_reason(returncode), elapsed)
        if was == "starting":
            raise _StartFailure(f"worker failed to start: {_exit_reason(returncode)}")
        return None

    def check(self, now: float) -> dict[str, Any] | None:
        """Enforce the deadline and the memory limit; returns the failure result of a task it had to kill."""
        if self.state == "starting" and self.deadline is not None and now > self.deadline:
            self.kill()
            raise _StartFailure(f"worker did not start within {self.config.startup_timeout:g} s")
        if self.state != "busy" or self.task_key is None:
            return None
        key, elapsed = self.task_key, now - self.started_at
        if self.deadline is not None and now > self.deadline:
            self.kill()
            return _failure(
                key, "timeout", "timeout", f"no result after {self.config.timeout:g} s (--timeout)", elapsed
            )
        if self.config.memory_mb and self.pid is not None:
            rss = _rss_mb(self.pid)
            if rss is not None and rss > self.config.memory_mb:
                self.kill()
                return _failure(
                    key,
                    "crashed",
                    "memory_limit",
                    f"worker used {rss:.0f} MB, more than the memory limit of {self.config.memory_mb} MB",
                    elapsed,
                )
        return None

    def next_wakeup(self, now: float) -> float:
        wake = _POLL_S if (self.state == "busy" and self.config.memory_mb) else 3600.0
        if self.deadline is not None:
            wake = min(wake, max(0.0, self.deadline - now) + 0.01)
        return wake

    # -- blocking use (one task at a time; the Dask engine's tasks use this)

    def run(self, task: dict[str, Any]) -> dict[str, Any]:
        failures = 0
        while True:
            if self.state in ("new", "dead"):
                self.start()
            try:
                while self.state == "starting":
                    assert self.conn is not None
                    if self.conn.poll(self.next_wakeup(time.monotonic())):
                        self.on_readable()
                    else:
                        self.check(time.monotonic())
            except _StartFailure as err:
                failures += 1
                if failures >= _MAX_START_FAILURES:
                    raise EngineError(str(err)) from None
                continue
            if self.state == "idle" and self.submit(task):
                break
            failures += 1  # died while idle (e.g. killed from outside): start another
            if failures >= _MAX_START_FAILURES:
                raise EngineError("worker processes keep dying before they take a task")
        while True:
            assert self.conn is not None
            if self.conn.poll(self.next_wakeup(time.monotonic())):
                result = self.on_readable()
            else:
                result = self.check(time.monotonic())
            if result is not None:
                return result


class _StartFailure(Exception):
    pass


class LocalEngine:
    """``jobs`` sandboxes on this machine, multiplexed by one loop in the calling thread."""

    def __init__(self, jobs: int, config: WorkerConfig) -> None:
        self.config = config
        self.sandboxes = [Sandbox(config) for _ in range(max(1, jobs))]
        self._start_failures = 0
        self._ever_ready = False
        try:
            for box in self.sandboxes:
                box.start()
        except BaseException:
            self.close()
            raise

    def capacity(self) -> int:
        return sum(box.state == "idle" for box in self.sandboxes)

    def in_flight(self) -> int:
        return sum(box.state == "busy" for box in self.sandboxes)

    def submit(self, task: dict[str, Any]) -> bool:
        """Give the task to an idle worker; False if none could take it (the caller keeps it for later)."""
        for box in self.sandboxes:
            if box.state == "idle":
                if box.submit(task):
                    return True
                self._restart(box)
        return False

    def _restart(self, box: Sandbox, failed_start: str | None = None) -> None:
        if failed_start is not None:
            self._start_failures += 1
            if self._start_failures >= _MAX_START_FAILURES and not self._ever_ready:
                raise EngineError(failed_start)
        box.start()

    def wait(self, timeout: float) -> list[dict[str, Any]]:
        """Wait up to ``timeout`` seconds for results (fewer if a deadline or a memory poll comes first)."""
        now = time.monotonic()
        live = [box for box in self.sandboxes if box.state in ("starting", "busy") and box.conn is not None]
        wake = min([timeout, *(box.next_wakeup(now) for box in live)])
        by_conn = {box.conn: box for box in live}
        ready = wait_connections(list(by_conn), timeout=wake) if by_conn else (time.sleep(wake) or [])
        results: list[dict[str, Any]] = []
        for conn in ready:
            box = by_conn[conn]
            try:
                result = box.on_readable()
            except _StartFailure as err:
                self._restart(box, str(err))
                continue
            if box.state == "idle":
                self._ever_ready = True
            if box.state == "dead":
                self._restart(box)
            if result is not None:
                results.append(result)
        now = time.monotonic()
        for box in self.sandboxes:
            try:
                result = box.check(now)
            except _StartFailure as err:
                self._restart(box, str(err))
                continue
            if result is not None:
                results.append(result)
                self._restart(box)
        return results

    def close(self) -> None:
        for box in self.sandboxes:
            box.close()


# ------------------------------------------------------------------------------------------------- Dask

_dask_sandboxes: dict[int, Sandbox] = {}
_dask_lock = threading.Lock()


def _close_dask_sandboxes() -> None:
    with _dask_lock:
        for box in _dask_sandboxes.values():
            box.close()
        _dask_sandboxes.clear()


def dask_task(task: dict[str, Any], data: bytes, config: WorkerConfig) -> dict[str, Any]:
    """The Dask task: run ``execute_task`` in this Dask worker thread's sandbox (timeouts and memory enforced)."""
    import atexit

    ident = threading.get_ident()
    with _dask_lock:
        if not _dask_sandboxes:
            atexit.register(_close_dask_sandboxes)
        box = _dask_sandboxes.get(ident)
        if box is None or box.config != config:
            if box is not None:
                box.close()
            box = _dask_sandboxes[ident] = Sandbox(config)
    return box.run(dict(task, data=data))


class DaskEngine:
    """Tasks on a Dask cluster; results come back to this process, which writes the store."""

    def __init__(self, jobs: int, config: WorkerConfig, scheduler: Any = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "--engine dask needs Dask: pip install 'loanclause[dask]' (dask[distributed])"
            ) from None
        self.config = config
        self._cluster = None
        self._own_client = True
        try:
            if scheduler is None:
                # The cluster's processes ignore ^C (it is the scan's to handle: drain, then abandon); SIG_IGN is
                # inherited by the processes Dask spawns, and Python leaves an ignored SIGINT ignored.
                in_main = threading.current_thread() is threading.main_thread()
                previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
                try:
                    self._cluster = LocalCluster(
                        n_workers=max(1, jobs), processes=True, threads_per_worker=1, dashboard_address=None
                    )
                finally:
                    if in_main:
                        signal.signal(signal.SIGINT, previous)
                self.client = Client(self._cluster)
            elif isinstance(scheduler, str):
                self.client = Client(scheduler, timeout="30s")
            else:  # an existing distributed.Client (API use, tests)
                self.client, self._own_client = scheduler, False
        except OSError as err:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler!r}: {err}") from None
        threads = sum(self.client.nthreads().values()) or max(1, jobs)
        self._limit = max(2, 2 * threads)
        self._futures: dict[Any, str] = {}
        self._workerless_since: float | None = None
        self._next_worker_check = 0.0

    def capacity(self) -> int:
        return max(0, self._limit - len(self._futures))

    def in_flight(self) -> int:
        return len(self._futures)

    def submit(self, task: dict[str, Any]) -> bool:
        data = task["data"]
        payload = self.client.scatter(data, hash=False) if len(data) > (1 << 20) else data
        meta = {k: v for k, v in task.items() if k != "data"}
        future = self.client.submit(dask_task, meta, payload, self.config, pure=False)
        self._futures[future] = task["key"]
        return True

    def wait(self, timeout: float) -> list[dict[str, Any]]:
        from distributed import wait as dask_wait

        if not self._futures:
            time.sleep(timeout)
            return []
        try:
            done = dask_wait(list(self._futures), timeout=timeout, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            self._check_workers()
            return []
        results = []
        for future in done:
            key = self._futures.pop(future)
            if future.status == "finished":
                results.append(future.result())
            else:
                try:
                    error = future.exception()
                    reason = f"Dask task failed: {type(error).__name__}: {error}"
                except Exception as err:  # cancelled, lost
                    reason = f"Dask task {future.status}: {err}"
                # the cluster's failure, not the file's: recorded, and retried by the next run
                results.append(_failure(key, "crashed", "worker_lost", reason.replace("\n", " ")[:500], 0.0))
        return results

    def _check_workers(self) -> None:
        """Tasks wait forever on a cluster without workers: give up after ``NO_WORKERS_S``."""
        now = time.monotonic()
        if now < self._next_worker_check:
            return
        self._next_worker_check = now + 2.0
        if self.client.nthreads():
            self._workerless_since = None
        elif self._workerless_since is None:
            self._workerless_since = now
        elif now - self._workerless_since > NO_WORKERS_S:
            raise EngineError(f"the Dask cluster has had no workers for {NO_WORKERS_S:g} s")

    def close(self) -> None:
        try:
            if self._futures:
                self.client.cancel(list(self._futures))
            self._futures.clear()
            # stop the sandboxes this scan started on the workers (they restart on the next scan); a worker
            # already gone has nothing to close
            with contextlib.suppress(Exception):
                self.client.run(_close_dask_sandboxes)
        finally:
            if self._own_client:
                self.client.close()
            if self._cluster is not None:
                self._cluster.close()
