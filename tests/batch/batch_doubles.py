"""A stand-in for ``loanclause.pipeline.analyze`` used by the batch tests (through the test-only hook
``LOANCLAUSE_TEST_ANALYZER``), so that the batch machinery is tested without depending on ingest, extraction or
rules.  It reads directives from the text:

    #FINDING LC101 error [message]     a finding with that code and severity
    #PRINCIPAL 100000                  terms.principal.amount
    #RATE 0.36                         terms.interest_rate (annual)
    #OVERDUE 0.2                       terms.overdue_rate (annual)
    #PENALTY 0.2                       terms.penalty (rate_of_principal)
    #RAISE empty                       raise EmptyInputError (code "empty")
    #RAISE boom                        raise RuntimeError (an internal error)

Pages are separated by form feeds.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from loanclause.errors import EmptyInputError
from loanclause.models import ContractReport, Finding, LoanTerms, Money, Page, Penalty, Rate


def fake_analyze(data: bytes, *, lender_kind: str = "private", as_of=None, **_: object) -> ContractReport:
    text = data.decode("utf-8")
    terms = LoanTerms()
    findings: list[Finding] = []
    for line in text.splitlines():
        parts = line.split()
        if not parts or not parts[0].startswith("#"):
            continue
        word = parts[0][1:]
        if word == "FINDING":
            findings.append(
                Finding(
                    code=parts[1], severity=parts[2], title=parts[1], message=" ".join(parts[3:]) or parts[1]
                )
            )
        elif word == "PRINCIPAL":
            terms.principal = Money(amount=Decimal(parts[1]), text=line)
        elif word == "RATE":
            terms.interest_rate = Rate(value=Decimal(parts[1]), period="year", annual=Decimal(parts[1]))
        elif word == "OVERDUE":
            terms.overdue_rate = Rate(value=Decimal(parts[1]), period="year", annual=Decimal(parts[1]))
        elif word == "PENALTY":
            terms.penalty = Penalty(form="rate_of_principal", value=Decimal(parts[1]))
        elif word == "RAISE":
            if parts[1] == "empty":
                raise EmptyInputError("the file is empty")
            raise RuntimeError("boom")
    pages, start = [], 0
    for number, chunk in enumerate(text.split("\f"), 1):
        pages.append(Page(number=number, start=start, end=start + len(chunk)))
        start += len(chunk) + 1
    return ContractReport(
        sha256=hashlib.sha256(data).hexdigest(),
        format="text",
        text=text,
        pages=pages,
        terms=terms,
        findings=findings,
        lender_kind=lender_kind,
        as_of=as_of,
        loanclause_version="test",
    )


def init_worker(log_path: str) -> None:
    """A worker initializer (the hook for loading a model once per worker): logs the worker's pid."""
    import os

    with open(log_path, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")


def failing_init() -> None:
    raise RuntimeError("model file missing")
