"""The default check date: pinned by LOANCLAUSE_AS_OF, else the date in Beijing whatever the machine's zone."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from loanclause import clock
from loanclause.errors import ConfigError


def test_the_variable_pins_the_date(monkeypatch):
    monkeypatch.setenv("LOANCLAUSE_AS_OF", "2024-02-29")
    assert clock.today() == date(2024, 2, 29)


def test_a_malformed_value_is_an_error_not_today(monkeypatch):
    monkeypatch.setenv("LOANCLAUSE_AS_OF", "29/02/2024")
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        clock.today()


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai"])
def test_the_calendar_date_is_beijing_s_in_every_time_zone(zone):
    env = {k: v for k, v in os.environ.items() if k != "LOANCLAUSE_AS_OF"} | {"TZ": zone}
    before = (datetime.now(UTC) + timedelta(hours=8)).date()
    out = subprocess.run(
        [sys.executable, "-c", "from loanclause import clock; print(clock.today())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    after = (datetime.now(UTC) + timedelta(hours=8)).date()
    assert date.fromisoformat(out) in {before, after}
