"""The registry: selection by code and prefix, fragments, errors."""

from __future__ import annotations

from datetime import date

import pytest
from _rulekit import AS_OF, make_report, rate

from loanclause.errors import LoanClauseError
from loanclause.law import UnknownLenderKindError
from loanclause.rules import RULES, Hit, RuleSelectorError, check, parse_selectors, rule, select_rules


def codes(**kw) -> list[str]:
    return [r.code for r in select_rules(**kw)]


def test_default_selects_all_in_code_order() -> None:
    assert codes() == sorted(RULES)
    assert codes(select="ALL") == sorted(RULES)


def test_prefixes_and_codes() -> None:
    assert codes(select=["LC1"]) == [c for c in sorted(RULES) if c.startswith("LC1")]
    assert codes(select="LC20") == [c for c in sorted(RULES) if c.startswith("LC20")]
    assert codes(select="lc101, LC301") == ["LC101", "LC301"]
    assert codes(select=["LC1"], ignore=["LC106"]) == [
        c for c in sorted(RULES) if c.startswith("LC1") and c != "LC106"
    ]


def test_most_specific_selector_wins_and_ignore_wins_ties() -> None:
    assert codes(select=["LC101"], ignore=["LC1"]) == ["LC101"]
    assert "LC101" not in codes(select=["LC1"], ignore=["LC101"])
    assert codes(select=["LC101"], ignore=["LC101"]) == []
    assert codes(ignore=["ALL"]) == []


def test_bad_selector_is_a_clear_error() -> None:
    with pytest.raises(RuleSelectorError, match="LC1O1"):
        parse_selectors(["LC1O1"])
    assert issubclass(RuleSelectorError, LoanClauseError)
    assert parse_selectors(None) is None
    # well-formed but matching no rule: refused, with the nearest codes (a typo must not silence a CI lint)
    with pytest.raises(RuleSelectorError, match="unknown rule 'LC9'"):
        parse_selectors(["LC9"])
    with pytest.raises(RuleSelectorError, match="did you mean LC209 or LC107"):
        parse_selectors("LC109")
    assert parse_selectors("lc4, ALL") == ["LC4", "ALL"]


def test_check_honours_select_and_ignore() -> None:
    r = make_report(fragment=True, contract_date=date(2019, 6, 1), interest_rate=rate("0.30", "year"))
    assert {f.code for f in check(r, as_of=AS_OF)} == {"LC101", "LC106"}
    assert {f.code for f in check(r, as_of=AS_OF, ignore=["LC106"])} == {"LC101"}
    assert {f.code for f in check(r, as_of=AS_OF, select="LC106")} == {"LC106"}


def test_missing_clause_rules_skip_fragments() -> None:
    assert {f.code for f in check(make_report("借条"), as_of=AS_OF)} >= {"LC201", "LC202", "LC203"}
    assert check(make_report("借条", fragment=True), as_of=AS_OF) == []


def test_unknown_lender_kind_is_rejected() -> None:
    with pytest.raises(UnknownLenderKindError, match="private"):
        check(make_report(lender_kind="individual"), as_of=AS_OF)


def test_as_of_falls_back_to_report_then_today() -> None:
    r = make_report(fragment=True, interest_rate=rate("0.36", "year"))
    r.as_of = date(2023, 5, 1)
    [f] = [f for f in check(r) if f.code == "LC101"]
    assert "检查日2023-05-01" in f.message and "14.6%" in f.message


def test_decorator_validates() -> None:
    with pytest.raises(ValueError, match="LC123"):
        rule(code="X1", title="t", severity="error", citation_key="civil_code")
    with pytest.raises(ValueError, match="severity"):
        rule(code="LC999", title="t", severity="fatal", citation_key="civil_code")  # type: ignore[arg-type]

    def undocumented(ctx):  # pragma: no cover - never run
        yield Hit("", "")

    with pytest.raises(ValueError, match="docstring"):
        rule(code="LC998", title="t", severity="info", citation_key="civil_code")(undocumented)
    assert "LC998" not in RULES
