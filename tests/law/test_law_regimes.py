"""Cap regimes by lender kind and date, and the citation data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from loanclause import clock
from loanclause.law import (
    TRANSITION_DATE,
    UnknownLenderKindError,
    article_text,
    cap_for,
    citation,
    citation_keys,
    document,
    regime_for,
)
from loanclause.law._data import caps_data, citations_data

D = Decimal
# The project's fact base lives beside the checkout (../shared/legal), as on the developers' and CI machines.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "legal"


def test_private_after_2020_08_20_is_4x_lpr_at_formation() -> None:
    [cap] = cap_for(date(2023, 5, 1), "private", filing_date=date(2026, 1, 31))
    assert cap.rate == D("0.146") and cap.basis == "lpr_at_formation" and cap.multiplier == 4
    assert cap.lpr.published == date(2023, 4, 20)
    assert cap.citation.article == "第二十五条" and cap.citation.confidence == "verified_text"
    assert cap.combined_citation.article == "第二十九条"
    assert cap.describe_zh == "合同成立时（2023-05-01）一年期LPR 3.65%的四倍14.6%"


def test_private_before_2020_08_20_splits() -> None:
    regime = regime_for(date(2019, 6, 1), "private", filing_date=date(2021, 7, 1))
    old, new = regime.caps
    assert regime.id == "pl_transition"
    assert (old.regime, old.rate, old.void_above, old.applies_to) == (
        "pl2015",
        D("0.24"),
        D("0.36"),
        date(2020, 8, 19),
    )
    assert (new.basis, new.applies_from, new.reference_date) == (
        "lpr_at_filing",
        date(2020, 8, 20),
        date(2021, 7, 1),
    )
    assert new.rate == D("0.154")  # 4 × 3.85% (2021-06-21)
    assert "interpretation, not the text" in new.interpretation
    assert new.citation.article == "第三十一条第二款"
    assert regime.cap_on(date(2020, 8, 19)) is old and regime.cap_on(date(2020, 8, 20)) is new
    assert cap_for(date(2019, 6, 1), filing_date=date(2021, 7, 1), on=date(2020, 1, 1)) == (old,)


def test_contract_before_the_lpr_existed_still_works() -> None:
    regime = regime_for(date(2018, 1, 1), "private", filing_date=date(2024, 1, 2))
    assert [c.regime for c in regime.caps] == ["pl2015", "pl2021"]
    assert regime.caps[1].rate == D("0.138")  # 4 × 3.45%


def test_filing_before_2020_08_20_is_2015_throughout() -> None:
    regime = regime_for(date(2019, 1, 1), "private", filing_date=date(2020, 5, 1))
    assert regime.id == "pl2015" and len(regime.caps) == 1 and regime.caps[0].applies_to is None


def test_filing_in_late_2020_uses_the_august_text() -> None:
    assert regime_for(date(2019, 10, 1), filing_date=date(2020, 10, 1)).caps[0].rate == D("0.168")  # 4 × 4.20
    pre_lpr = regime_for(date(2019, 1, 1), filing_date=date(2020, 10, 1)).caps[0]
    assert pre_lpr.basis == "lpr_at_filing" and pre_lpr.rate == D("0.154")
    assert "2020年8月修正" in pre_lpr.citation.document


def test_licensed_lenders() -> None:
    fi = regime_for(date(2023, 5, 1), "licensed_fi", filing_date=date(2026, 1, 31))
    [ref] = fi.caps
    assert (ref.rate, ref.nature, ref.confidence) == (D("0.24"), "reference", "secondary")
    assert ref.citation.confidence == "secondary" and "法发〔2017〕22号" in ref.citation.document
    assert fi.info_caps == ()
    # the microloan guideline (reported, 2025-12-24) governs loans made from then on, not a 2023 loan
    old = regime_for(date(2023, 5, 1), "local_fin_org", filing_date=date(2026, 1, 31))
    assert old.info_caps == () and any("predates it" in n for n in old.notes)
    micro = regime_for(date(2026, 6, 1), "local_fin_org", filing_date=date(2026, 11, 30))
    line, target = micro.info_caps
    assert (line.nature, line.rate, line.confidence) == ("regulatory", D("0.24"), "secondary")
    assert (
        target.nature == "target" and target.rate == D("0.12") and target.confidence == "secondary"
    )  # 4 × 3%
    assert "at most 24%" in line.notes[0] and "4 × LPR by 2027-12-31" in target.notes[0]


@pytest.mark.parametrize("kind", ["individual", "bank", ""])
def test_unknown_lender_kind(kind: str) -> None:
    if kind == "":
        assert regime_for(date(2023, 5, 1), kind, filing_date=date(2024, 1, 1)).lender_kind == "private"
        return
    with pytest.raises(UnknownLenderKindError, match="licensed_fi"):
        regime_for(date(2023, 5, 1), kind)


def test_filing_date_defaults_to_the_check_date_and_says_so(monkeypatch) -> None:
    monkeypatch.setenv("LOANCLAUSE_AS_OF", "2025-03-04")
    regime = regime_for(date(2023, 5, 1))
    assert regime.filing_date_assumed and regime.filing_date == date(2025, 3, 4)
    assert "no filing date given: 2025-03-04 (LOANCLAUSE_AS_OF) treated as the filing date" in regime.notes
    monkeypatch.delenv("LOANCLAUSE_AS_OF")
    regime = regime_for(date(2023, 5, 1))
    assert regime.filing_date == clock.today()
    assert f"no filing date given: {regime.filing_date} (today) treated as the filing date" in regime.notes


def test_overdue_defaults() -> None:
    current = regime_for(date(2022, 1, 10), filing_date=date(2024, 1, 1))
    none = current.overdue_default(date(2022, 7, 10), loan_rate=None)
    assert none.rate == D("0.037") and none.citation.article == "第二十八条第二款第（一）项"
    loan = current.overdue_default(date(2022, 7, 10), loan_rate=D("0.1"))
    assert loan.rate == D("0.1") and loan.citation.article == "第二十八条第二款第（二）项"
    old = regime_for(date(2019, 1, 1), filing_date=date(2020, 5, 1))
    six = old.overdue_default(date(2019, 7, 1), loan_rate=None)
    assert six.rate == D("0.06") and "2015" in six.citation.document


def test_engine_numbers_match_caps_yaml() -> None:
    data = caps_data()
    transition = next(t for t in data["transition_rules"] if t["id"] == "pl_transition_current")
    assert date.fromisoformat(transition["boundary"]) == TRANSITION_DATE
    for regime in data["regimes"]:
        citation(regime["citation_key"])  # every regime points at a cited document


def test_every_citation_key_resolves_with_dates() -> None:
    keys = citation_keys()
    assert "spc_pl_current:25" in keys and "civil_code:670" in keys
    for key in keys:
        c = citation(key)
        assert c.document
        doc = document(key.split(":")[0])
        if doc.number and "〔" in doc.number:
            assert re.search(r"〔\d{4}〕", c.document), key
    assert document("spc_pl_current").effective_from == date(2021, 1, 1)
    assert document("spc_pl_2015").effective_to == date(2020, 8, 19)
    assert citation("spc_fin_2017", detail="第二条").confidence == "secondary"
    assert citation("civil_code:670", confidence="secondary").confidence == "secondary"


def test_article_texts_are_present() -> None:
    assert article_text("spc_pl_current:25").startswith("出借人请求借款人按照合同约定利率支付利息的")
    assert "24%" in article_text("spc_pl_2015:26")
    assert "24%" in article_text("spc_fin_2017")  # summary for a secondary source


@pytest.mark.skipif(not SHARED.exists(), reason="the shared fact base is not on this machine")
def test_article_texts_are_verbatim_from_the_fact_base() -> None:
    files = {
        "spc_pl_current": "spc_private_lending_2020_current.md",
        "spc_pl_2020_aug": "spc_private_lending_2020_aug.md",
        "spc_pl_2015": "spc_private_lending_2015.md",
        "spc_reply_2020_27": "spc_reply_2020_27_scope.md",
        "civil_code": "civil_code.md",
        "cpl_2023": "civil_procedure_law_2023.md",
        "spc_online_litigation_2021": "spc_online_litigation_rules_2021.md",
        "spc_contract_interp_2023": "spc_contract_general_interp_2023.md",
        "fadawang_b3_q1": "spc_fadawang_batch3_q1.md",
    }
    docs = citations_data()["documents"]
    for key, name in files.items():
        source = re.sub(r"\s+", "", (SHARED / "articles" / name).read_text(encoding="utf-8"))
        for art, body in docs[key]["articles"].items():
            for piece in body["text"].splitlines():
                assert re.sub(r"\s+", "", piece) in source, (key, art, piece[:30])


@pytest.mark.skipif(not SHARED.exists(), reason="the shared fact base is not on this machine")
def test_packaged_data_carries_the_shared_facts() -> None:
    shared_csv = (SHARED / "lpr_1y.csv").read_text(encoding="utf-8")
    ours = Path(__file__).parents[2] / "src/loanclause/law/data/lpr_1y.csv"
    assert ours.read_text(encoding="utf-8") == shared_csv
    shared = yaml.safe_load((SHARED / "caps.yaml").read_text(encoding="utf-8"))
    for theirs, mine in zip(shared["regimes"], caps_data()["regimes"], strict=True):
        assert {k: v for k, v in mine.items() if k in theirs} == theirs
