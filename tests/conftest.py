"""Settings every test runs under, so that the suite's results depend on nothing the machine happens to have.

* The check date is pinned (``LOANCLAUSE_AS_OF``): cap verdicts, limitation periods and claimable amounts turn
  on it, and a suite that passes today must pass next year.  Tests of the calendar default unset it.
* Locale and time zone are set to values unlike a developer's machine (the code must not care), and the
  reader and model switches a developer may have exported are cleared.
"""

from __future__ import annotations

import pytest

PINNED_AS_OF = "2026-11-30"


@pytest.fixture(autouse=True, scope="session")
def machine_independent_environment():
    patch = pytest.MonkeyPatch()
    for name in (
        "LOANCLAUSE_PDF_READER",
        "LOANCLAUSE_PDFIUM_SYSTEM_FONTS",
        "LOANCLAUSE_NER_PRECISION",
        "LOANCLAUSE_NER_MODEL",
        "LOANCLAUSE_THREADS",
    ):
        patch.delenv(name, raising=False)
    patch.setenv("LOANCLAUSE_AS_OF", PINNED_AS_OF)
    patch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: a date taken from local time shows up as a day off
    yield
    patch.undo()
