"""What a scan found, in numbers: files ok / failed by reason, findings by code, contracts above the rate caps;
and the exit code that follows from it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from loanclause.batch.scan import ScanResult

__all__ = ["CAP_CODES", "SEVERITY_RANK", "ScanSummary"]

CAP_CODES = ("LC101", "LC102", "LC105")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
FAIL_ON_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class ScanSummary:
    total: int = 0
    ok: int = 0
    cached: int = 0
    pages: int = 0
    failed: Counter[tuple[str, str]] = field(default_factory=Counter)
    finding_files: Counter[str] = field(default_factory=Counter)
    finding_count: Counter[str] = field(default_factory=Counter)
    #: per code, how many findings at each severity: a code's severity is not fixed (LC105 is an error when
    #: the cost is above the cap, info when it could not be computed), so the first one seen would mislead
    severity: dict[str, Counter[str]] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    above_cap: list[tuple[str, list[str]]] = field(default_factory=list)
    worst: int = 0

    def add(self, result: ScanResult) -> None:
        self.total += 1
        self.cached += result.cached
        if result.status != "ok":
            self.failed[(result.status, result.error_code or result.status)] += 1
            self.failures.append((result.display_path, result.reason or result.error_code or result.status))
            return
        self.ok += 1
        self.pages += result.pages or 0
        codes: set[str] = set()
        for finding in result.findings:
            self.finding_count[finding.code] += 1
            self.severity.setdefault(finding.code, Counter())[finding.severity] += 1
            self.worst = max(self.worst, SEVERITY_RANK.get(finding.severity, 0))
            codes.add(finding.code)
        for code in codes:
            self.finding_files[code] += 1
        # An info-level cap finding says a cost could not be computed, not that a cap was exceeded.
        capped = sorted({f.code for f in result.findings if f.code in CAP_CODES and f.severity != "info"})
        if capped:
            self.above_cap.append((result.display_path, capped))

    @property
    def n_failed(self) -> int:
        return sum(self.failed.values())

    def exit_code(self, fail_on: str = "error") -> int:
        """2 when nothing could be read (every input failed, or there was none), 1 when a finding is at or above
        ``fail_on``, else 0.  Failed files among readable ones do not change the exit code: they are listed."""
        if self.total == 0 or self.ok == 0:
            return EXIT_ERROR
        if self.worst and self.worst >= FAIL_ON_RANK[fail_on]:
            return EXIT_FINDINGS
        return EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "ok": self.ok,
            "cached": self.cached,
            "failed": {f"{s}:{c}": n for (s, c), n in sorted(self.failed.items())},
            "findings": dict(sorted(self.finding_count.items())),
            "above_cap": len(self.above_cap),
        }

    def severity_text(self, code: str) -> str:
        """``error`` when all findings of the code are errors, else each severity with its count, worst first."""
        counts = self.severity.get(code, Counter())
        ordered = sorted(counts, key=lambda s: -SEVERITY_RANK.get(s, 0))
        if len(ordered) == 1:
            return ordered[0]
        return ", ".join(f"{s} {counts[s]}" for s in ordered)

    def render(
        self, console: Any, *, show_paths: int = 10, store: str | None = None, export: str | None = None
    ) -> None:
        """Rich tables: files (and the failed ones with their reasons), findings by code, contracts above the
        caps; then where the results are."""
        from rich.markup import escape
        from rich.table import Table

        files = Table(title="Files", show_header=True, header_style="bold")
        files.add_column("result")
        files.add_column("files", justify="right")
        files.add_row("ok", str(self.ok))
        for (status, code), n in sorted(self.failed.items(), key=lambda kv: (-kv[1], kv[0])):
            label = status if code == status else f"{status}: {code}"
            files.add_row(f"[red]{label}[/red]", str(n))
        files.add_row("[bold]total[/bold]", f"[bold]{self.total}[/bold]")
        console.print(files)
        if self.failures:
            failed = Table(title=f"Failed files: {len(self.failures)}", header_style="bold")
            failed.add_column("file", overflow="fold")
            failed.add_column("reason", overflow="fold")
            for path, reason in sorted(self.failures)[:show_paths]:
                failed.add_row(escape(path), escape(reason))  # a reason ends in "[code]", which is not markup
            if len(self.failures) > show_paths:
                failed.add_row(f"… and {len(self.failures) - show_paths} more (see the store)", "")
            console.print(failed)
        if self.cached:
            console.print(
                f"{self.cached} of {self.total} results reused (identical content, or an earlier run)."
            )

        if self.finding_count:
            table = Table(title="Findings by code", header_style="bold")
            table.add_column("code")
            table.add_column("severity")
            table.add_column("contracts", justify="right")
            table.add_column("findings", justify="right")
            for code in sorted(self.finding_count):
                worst = max(self.severity.get(code, {"info": 1}), key=lambda s: SEVERITY_RANK.get(s, 0))
                colour = {"error": "red", "warning": "yellow"}.get(worst, "cyan")
                table.add_row(
                    code,
                    f"[{colour}]{self.severity_text(code)}[/{colour}]",
                    str(self.finding_files[code]),
                    str(self.finding_count[code]),
                )
            console.print(table)

        if self.above_cap:
            table = Table(
                title=f"Contracts above the rate caps ({' / '.join(CAP_CODES)}): {len(self.above_cap)}",
                header_style="bold",
            )
            table.add_column("contract", overflow="fold")
            table.add_column("codes")
            for path, codes in sorted(self.above_cap)[:show_paths]:
                table.add_row(escape(path), " ".join(codes))
            if len(self.above_cap) > show_paths:
                table.add_row(f"… and {len(self.above_cap) - show_paths} more (see --out or the store)", "")
            console.print(table)
        else:
            console.print(f"Contracts above the rate caps ({' / '.join(CAP_CODES)}): 0")
        if store:
            console.print(
                f"Results: {store} (SQLite, schema in docs/scan.md; run the same command again to resume)"
            )
        if export:
            console.print(f"Exported: {export}")
