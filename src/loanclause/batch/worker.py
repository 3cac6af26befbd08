"""The per-file task, and the worker process that runs it.

``execute_task(task)`` is the one function both engines run for a file: bytes in, a plain ``dict`` result out
(status, error code and reason, pages, seconds, report JSON, findings).  It never raises for a bad file: an
input the pipeline refuses becomes ``status="error"`` with the ``InputError``'s stable ``code``.

``main(fd)`` is the body of a worker process (started by ``engines.Sandbox``): it reads an init message, applies
the memory limit, runs the initializer hook once (load heavy models here), then answers tasks one by one over a
``multiprocessing.connection.Connection`` until the parent closes the pipe.  A worker dies with its parent
(``PR_SET_PDEATHSIG`` on Linux, plus a watchdog thread), so a SIGKILLed scan leaves no orphans behind.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from loanclause.batch import _testhooks

__all__ = ["DEFAULT_ANALYZER", "execute_task", "main", "resolve_callable"]

DEFAULT_ANALYZER = "loanclause.pipeline:analyze"

_analyzer_cache: dict[str, tuple[Callable[..., Any], frozenset[str] | None]] = {}


def resolve_callable(spec: str | Callable[..., Any]) -> Callable[..., Any]:
    """``"package.module:function"`` (or an already imported callable) → the callable."""
    if callable(spec):
        return spec
    module, _, attr = spec.partition(":")
    if not module or not attr:
        raise ValueError(f"expected 'module:function', got {spec!r}")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def callable_spec(fn: str | Callable[..., Any] | None) -> str | None:
    """The importable ``module:qualname`` of a function, so it can be named to another process."""
    if fn is None or isinstance(fn, str):
        return fn
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "")
    if not module or "<" in qualname or module == "__main__":
        raise ValueError(f"{fn!r} is not importable by name; pass 'module:function' instead")
    return f"{module}:{qualname}"


def _analyzer(spec: str) -> tuple[Callable[..., Any], frozenset[str] | None]:
    if spec not in _analyzer_cache:
        fn = _testhooks.analyzer() or resolve_callable(spec)
        try:
            params = inspect.signature(fn).parameters
            accepts: frozenset[str] | None = (
                None if any(p.kind is p.VAR_KEYWORD for p in params.values()) else frozenset(params)
            )
        except (TypeError, ValueError):
            accepts = None
        _analyzer_cache[spec] = (fn, accepts)
    return _analyzer_cache[spec]


def _pdf_page_count(data: bytes) -> int | None:
    if not data.startswith(b"%PDF"):
        return None
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # encrypted or broken: the pipeline gives the real reason
        return None


def _match_len(code: str, selectors: list[str]) -> int:
    return max(
        (0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)), default=-1
    )


def _selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """Ruff-like: the longest matching selector wins (``--select LC1 --ignore LC101`` keeps LC102)."""
    chosen = _match_len(code, select or ["ALL"])
    return chosen >= 0 and chosen > _match_len(code, ignore)


def execute_task(task: dict[str, Any]) -> dict[str, Any]:
    """Analyse one file.  ``task``: ``key``, ``name`` (display path), ``data`` (bytes), ``options`` (dict with
    ``lender_kind``, ``as_of``, ``select``, ``ignore``, ``max_pages``, ``redact``, ``ner``, ``analyzer``)."""
    from loanclause.errors import LoanClauseError

    opts: dict[str, Any] = task["options"]
    data: bytes = task["data"]
    started = time.perf_counter()
    result: dict[str, Any] = {
        "key": task["key"],
        "status": "ok",
        "error_code": None,
        "reason": None,
        "pages": None,
        "seconds": 0.0,
        "report_json": None,
        "findings": [],
    }
    try:
        _testhooks.before_analysis(data)
        max_pages = opts.get("max_pages")
        if max_pages:
            count = _pdf_page_count(data)
            if count is not None and count > max_pages:
                result.update(
                    status="error",
                    error_code="too_large",
                    reason=f"{count} pages, more than --max-pages {max_pages}",
                    pages=count,
                )
                return result
        analyze, accepts = _analyzer(opts.get("analyzer") or DEFAULT_ANALYZER)
        kwargs: dict[str, Any] = {"as_of": opts.get("as_of")}
        if opts.get("lender_kind"):  # else the analyser's own default: loanclause reads the lender's name
            kwargs["lender_kind"] = opts["lender_kind"]
        if opts.get("lpr_table") and (accepts is None or "lpr_table" in accepts):
            kwargs["lpr_table"] = opts["lpr_table"]
        if "ner" in opts and (accepts is None or "ner" in accepts):
            kwargs["ner"] = bool(opts["ner"])
        select, ignore = list(opts.get("select") or ()), list(opts.get("ignore") or ())
        for name, codes in (("select", select), ("ignore", ignore)):
            if codes and (accepts is None or name in accepts):
                kwargs[name] = codes  # the pipeline skips unselected rules ...
        for name, value in (opts.get("kwargs") or {}).items():  # the single-file commands' own options
            if accepts is None or name in accepts:
                kwargs[name] = value
        report = analyze(data, **kwargs)
        report.source = task["name"]
        pages = len(report.pages)
        result["pages"] = pages
        if max_pages and pages > max_pages:
            result.update(
                status="error",
                error_code="too_large",
                reason=f"{pages} pages, more than --max-pages {max_pages}",
            )
            return result
        payload = report.model_dump(mode="json")
        if select or ignore:  # ... and the same selection here holds for any analyser (idempotent)
            payload["findings"] = [f for f in payload["findings"] if _selected(f["code"], select, ignore)]
        if opts.get("redact"):
            from loanclause.batch.redact import redact_report

            payload = redact_report(payload)
        result["report_json"] = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        result["findings"] = [
            {k: f.get(k) for k in ("code", "severity", "clause_id", "page", "message", "provisional")}
            for f in payload["findings"]
        ]
    except LoanClauseError as err:
        result.update(status="error", error_code=err.code, reason=str(err).replace("\n", " ").strip()[:500])
    except MemoryError:
        result.update(
            status="crashed",
            error_code="memory_limit",
            reason="MemoryError: the file needs more than the memory limit",
        )
    except RecursionError as err:
        result.update(
            status="error", error_code="internal", reason=f"internal error: RecursionError: {err}"[:500]
        )
    except Exception as err:  # one bad file must not stop a batch; the reason is recorded
        text = f"internal error: {type(err).__name__}: {err}".replace("\n", " ")
        result.update(status="error", error_code="internal", reason=text[:500])
    finally:
        result["seconds"] = time.perf_counter() - started
        _testhooks.after_analysis(task["key"])
    return result


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------------------------------ worker process


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:  # the watchdog thread below still covers it
            pass
    if os.getppid() != parent_pid:
        os._exit(1)

    def watchdog() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watchdog, name="loanclause-parent-watchdog", daemon=True).start()


def _limit_memory(memory_mb: int | None) -> None:
    """Backstop for ``--memory-mb``: cap the heap (RLIMIT_DATA) at max(2 × limit, limit + 1 GiB), so a runaway
    allocation fails with MemoryError before the machine swaps, with room for libraries that reserve more than
    they touch; the parent's RSS polling (every 0.25 s) enforces the limit itself."""
    if not memory_mb:
        return
    try:
        import resource

        cap = max(2 * memory_mb, memory_mb + 1024) * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, ValueError, OSError):
        pass


def main(fd: int, parent_pid: int) -> None:
    """Worker process body: ``python -c 'from loanclause.batch.worker import main; main(FD, PPID)'``."""
    from multiprocessing.connection import Connection

    _die_with_parent(parent_pid)
    # The parent decides what an interrupt means (drain or abandon); a worker never dies of the terminal's ^C.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        init = conn.recv()
    except EOFError:
        return
    _limit_memory(init.get("memory_mb"))
    try:
        if init.get("initializer"):
            resolve_callable(init["initializer"])(*init.get("initargs", ()))
    except BaseException as err:  # reported to the parent, which stops the scan
        conn.send(("init_error", f"worker initializer failed: {type(err).__name__}: {err}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("result", execute_task(task)))
