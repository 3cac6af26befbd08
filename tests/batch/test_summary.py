"""The scan summary (``loanclause.batch.summary``): severities per code as found, the failed files by name."""

from rich.console import Console

from loanclause.batch.scan import ScanFinding, ScanResult
from loanclause.batch.summary import ScanSummary


def _ok(path: str, *findings: tuple[str, str]) -> ScanResult:
    return ScanResult(
        path=path, status="ok", pages=1, findings=[ScanFinding(code=c, severity=s) for c, s in findings]
    )


def test_severity_column_counts_every_severity_of_a_code_and_failed_files_are_named():
    summary = ScanSummary()
    summary.add(_ok("a.pdf", ("LC105", "info")))
    summary.add(_ok("b.pdf", ("LC105", "error"), ("LC101", "error")))
    summary.add(_ok("c.pdf", ("LC105", "error")))
    summary.add(
        ScanResult(path="x.pdf", status="error", error_code="encrypted", reason="encrypted PDF [encrypted]")
    )
    assert summary.severity_text("LC105") == "error 2, info 1"  # not whichever came first
    assert summary.severity_text("LC101") == "error"
    console = Console(record=True, width=140)
    summary.render(console, store="scan.sqlite", export="out.jsonl")
    text = console.export_text()
    assert "error 2, info 1" in text
    assert "Failed files: 1" in text and "x.pdf" in text and "encrypted PDF [encrypted]" in text
    assert "Results: scan.sqlite" in text and "Exported: out.jsonl" in text
