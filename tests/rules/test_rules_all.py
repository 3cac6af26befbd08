"""Every registered rule has a contract that triggers it and one that does not, and every finding carries a
citation.  Adding a rule without adding it to CASES fails ``test_every_rule_has_cases``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from _rulekit import AS_OF, make_report, rate

from loanclause.law import citation
from loanclause.models import ContractReport, Duration, Fee, Money, Penalty, Rate
from loanclause.rules import RULES, check

D = Decimal
FORMED = date(2023, 5, 1)  # LPR 3.65% (published 2023-04-20) → cap 14.6%
BARE = "借条\n兹借到张三现金，特立此据。"
PLATFORM = "借款协议\n借款人通过平台在线签署本协议，点击“同意”即视为签署。\n争议由出借人住所地人民法院管辖。"
WHOLE_DOCUMENT_ONLY = {"LC404"}  # besides the LC2xx missing-clause rules
FRAGMENT_TOO = {"LC209"}  # a blank figure is in the text, so a fragment can show it


def _loan(**kw) -> ContractReport:
    base = {"contract_date": FORMED, "principal": Money(amount=D(100000)), "term": Duration(months=12)}
    base.update(kw)
    text = base.pop("text", "")
    return make_report(text, fragment=True, **base)


CASES: dict[str, tuple[Callable[[], ContractReport], Callable[[], ContractReport]]] = {
    "LC101": (
        lambda: _loan(interest_rate=rate("0.36", "year", "年利率36%")),
        lambda: _loan(interest_rate=rate("0.12", "year", "年利率12%")),
    ),
    "LC102": (
        lambda: _loan(
            interest_rate=rate("0.10", "year"),
            overdue_rate=rate("0.0005", "day", "日万分之五"),
            penalty=Penalty(form="rate_of_principal", value=D("0.20")),
        ),
        lambda: _loan(interest_rate=rate("0.10", "year"), overdue_rate=rate("0.12", "year", "年利率12%")),
    ),
    "LC103": (
        lambda: _loan(text="出借人在放款时预先扣除首月利息。"),
        lambda: _loan(text="出借人不得预先从借款本金中扣除利息。"),
    ),
    "LC104": (
        lambda: _loan(
            text="到期未付的利息计入本金，按月计收复利。", interest_rate=rate("0.012", "month", "月利率1.2%")
        ),
        lambda: _loan(
            text="到期未付的利息计入本金，按月计收复利。", interest_rate=rate("0.005", "month", "月利率0.5%")
        ),
    ),
    "LC105": (
        lambda: _loan(
            interest_rate=rate("0.01", "month", "月利率1%"),
            repayment_method="equal_installment",
            fees=[Fee(name="服务费", form="rate", value=D("0.005"), period="month")],
        ),
        lambda: _loan(
            interest_rate=rate("0.01", "month", "月利率1%"),
            repayment_method="equal_installment",
            fees=[Fee(name="服务费", form="rate", value=D("0.0005"), period="month")],
        ),
    ),
    "LC106": (
        lambda: _loan(contract_date=date(2019, 6, 1), interest_rate=rate("0.30", "year")),
        lambda: _loan(contract_date=date(2019, 6, 1), interest_rate=rate("0.20", "year")),
    ),
    "LC107": (
        lambda: _loan(interest_rate=Rate(value=None, period=None, annual=None, text="2分")),
        lambda: _loan(interest_rate=rate("0.02", "month", "月利率2%")),
    ),
    "LC201": (
        lambda: make_report(BARE),
        lambda: make_report(BARE, principal=Money(amount=D(5000))),
    ),
    "LC202": (
        lambda: make_report(BARE),
        lambda: make_report(BARE, term=Duration(months=6)),
    ),
    "LC203": (
        lambda: make_report(BARE),
        lambda: make_report(BARE + "年利率6%。"),
    ),
    "LC204": (
        lambda: make_report(BARE),
        lambda: make_report(BARE, penalty=Penalty(form="daily_rate", value=D("0.0003"))),
    ),
    "LC205": (
        lambda: make_report(BARE),
        lambda: make_report(BARE + "争议由出借人住所地人民法院管辖。"),
    ),
    "LC206": (
        lambda: make_report(BARE),
        lambda: make_report(BARE + "借款人确认以下地址为送达地址。"),
    ),
    "LC208": (
        lambda: make_report(BARE + "借款人应按月支付服务费100元。", lender_kind="local_fin_org"),
        lambda: make_report(
            BARE + "借款人应按月支付服务费100元，年化综合成本为14%。", lender_kind="local_fin_org"
        ),
    ),
    "LC209": (
        lambda: _loan(text="借款年利率为____%，按月付息。"),
        lambda: _loan(text="借款年利率为10%，按月付息。"),
    ),
    "LC301": (
        lambda: _loan(text="借款金额为人民币壹拾万元整（¥10,000.00）。"),
        lambda: _loan(text="借款金额为人民币壹拾万元整（¥100,000.00）。"),
    ),
    "LC401": (
        lambda: _loan(text="借款人逾期的，出借人有权将逾期信息告知借款人的紧急联系人及用人单位。"),
        lambda: _loan(text="借款人逾期的，出借人有权将逾期信息报送征信系统。"),
    ),
    "LC402": (
        lambda: _loan(text="平台有权单方调整服务费标准，无需另行通知借款人。"),
        lambda: _loan(text="本合同的变更须经双方协商一致并以书面形式作出。"),
    ),
    "LC403": (
        lambda: _loan(text="争议由居间服务人所在地人民法院管辖。"),
        lambda: _loan(text="争议由被告住所地人民法院管辖。"),
    ),
    "LC404": (
        lambda: make_report(PLATFORM),
        lambda: make_report("特别提示：加粗条款已向借款人说明。\n" + PLATFORM),
    ),
    "LC405": (
        lambda: _loan(text="借款人逾期的，平台有权在网站公布借款人的姓名及欠款信息。"),
        lambda: _loan(text="借款人逾期的，平台有权将其列入平台黑名单。"),
    ),
    "LC406": (
        lambda: _loan(text="借款人授权出借人从其名下任何银行账户划扣应还款项。"),
        lambda: _loan(text="借款人授权出借人从其指定的还款账户划扣当期应还款项。"),
    ),
    "LC407": (
        lambda: _loan(text="借款人放弃对本合同的一切抗辩权。"),
        lambda: _loan(text="出借人未行使权利的，不视为放弃该权利。"),
    ),
}


def test_every_rule_has_cases() -> None:
    assert set(RULES) == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers(code: str) -> None:
    trigger, _ = CASES[code]
    findings = [f for f in check(trigger(), as_of=AS_OF) if f.code == code]
    assert findings, f"{code} did not fire"
    spec = RULES[code]
    for f in findings:
        assert f.title == spec.title
        assert f.citation is not None and f.citation.document
        assert f.citation.confidence in ("verified_text", "secondary")
        assert f.message and f.message_en
        assert f.severity in ("error", "warning", "info")


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet(code: str) -> None:
    _, clean = CASES[code]
    assert [f.message for f in check(clean(), as_of=AS_OF) if f.code == code] == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_metadata(code: str) -> None:
    spec = RULES[code]
    assert spec.doc and not spec.doc.endswith(":")
    assert spec.severity in ("error", "warning", "info")
    citation(spec.citation_key)  # resolves
    expected = (code.startswith("LC2") and code not in FRAGMENT_TOO) or code in WHOLE_DOCUMENT_ONLY
    assert spec.whole_document_only == expected


def test_every_finding_of_every_trigger_has_a_citation() -> None:
    for trigger, _ in CASES.values():
        for f in check(trigger(), as_of=AS_OF):
            assert f.citation is not None, f
