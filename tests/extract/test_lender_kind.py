"""The lender kind read from the lender's name, and how the caps use it (issue 12, build 3)."""

from __future__ import annotations

import pytest

import loanclause
from loanclause.extract.lender_kind import infer_lender_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("重庆某某小额贷款有限公司", "local_fin_org"),
        ("某某网络小贷有限公司", "local_fin_org"),
        ("某某融资担保有限公司", "local_fin_org"),
        ("某某典当有限责任公司", "local_fin_org"),
        ("某某融资租赁有限公司", "local_fin_org"),
        ("某某金融租赁股份有限公司", "licensed_fi"),
        ("中国工商银行股份有限公司北京某某支行", "licensed_fi"),
        ("某某农村信用合作社", "licensed_fi"),
        ("某某消费金融有限公司", "licensed_fi"),
        ("某某汽车金融有限公司", "licensed_fi"),
        ("某某信托有限责任公司", "licensed_fi"),
        ("张三", "private"),
        ("欧阳娜娜", "private"),
        ("某某贸易有限公司", "private"),
        ("某某投资管理中心（有限合伙）", "private"),
    ],
)
def test_kind_from_the_lenders_name(name: str, kind: str) -> None:
    found, why_zh, why_en = infer_lender_kind(name)
    assert found == kind and name in why_zh and name in why_en


def test_no_name_is_unknown() -> None:
    assert infer_lender_kind(None) == (None, "", "")
    assert infer_lender_kind("") == (None, "", "")


CONTRACT = (
    "借款合同\n出借人（甲方）：{lender}\n借款人（乙方）：李四\n第一条 借款金额为人民币100000元。\n"
    "第二条 借款年利率为20%。借款期限12个月。\n本合同签订日期：2023年6月1日。"
)


def test_caps_follow_the_inferred_kind_and_the_caller_overrides_it() -> None:
    # 20% from a microloan company: not the private 4 × LPR (14.6%) error but within the 24% reference
    micro = loanclause.analyze_text(
        CONTRACT.format(lender="某某小额贷款有限公司"), ner=False, as_of="2026-11-30"
    )
    t = micro.terms
    assert (micro.lender_kind, t.lender_kind, t.lender_kind_source) == ("local_fin_org",) * 2 + (
        "lender_name",
    )
    assert "小额贷款公司" in t.lender_kind_evidence
    assert not [f for f in micro.findings if f.code == "LC101"]
    # a 30% loan from a bank: the 24% reference line, and the message says the kind came from the name
    bank = loanclause.analyze_text(
        CONTRACT.format(lender="某某银行股份有限公司").replace("20%", "30%"), ner=False, as_of="2026-11-30"
    )
    [f] = [f for f in bank.findings if f.code == "LC101"]
    assert f.severity == "warning" and "为银行业金融机构，按持牌金融机构适用标准" in f.message
    # the caller's kind wins
    forced = loanclause.analyze_text(
        CONTRACT.format(lender="某某小额贷款有限公司"), ner=False, as_of="2026-11-30", lender_kind="private"
    )
    assert forced.terms.lender_kind_source == "caller"
    assert [f.severity for f in forced.findings if f.code == "LC101"] == ["error"]  # 20% > 4 × 3.65%
    # a person: private lending, from the name; no name: assumed, and said so
    person = loanclause.analyze_text(CONTRACT.format(lender="张三"), ner=False, as_of="2026-11-30")
    assert (person.lender_kind, person.terms.lender_kind_source) == ("private", "lender_name")
    nameless = loanclause.analyze_text("借款年利率为20%。", fragment=True, ner=False, as_of="2026-11-30")
    assert (nameless.terms.lender_kind, nameless.terms.lender_kind_source) == ("private", "assumed")
