"""LC4xx conduct rules: for each, real-style clauses that must trigger it and ordinary clauses that must not.

The clauses are written in the style of platform templates and IOUs (not copied from the evaluation sets, which
``scripts/eval_conduct.py`` measures separately)."""

from __future__ import annotations

import pytest

import loanclause
from loanclause.rules.conduct import party_roles

AS_OF = "2026-01-31"


def conduct(text: str, *, fragment: bool = True) -> set[str]:
    report = loanclause.analyze_text(text, fragment=fragment, as_of=AS_OF, contract_date="2024-01-01")
    return {f.code for f in report.findings if f.code.startswith("LC4")}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("借款人逾期还款的，出借人有权将借款人的逾期信息告知其紧急联系人、亲属及工作单位。", "LC401"),
        ("乙方同意甲方在乙方违约时通过电话、短信方式联系乙方通讯录中的联系人，告知乙方的欠款情况。", "LC401"),
        ("借款人授权平台将其个人信息及借款信息提供给合作机构及其他第三方，用于催收及风险评估。", "LC401"),
        ("若借款人逾期超过30日，平台有权在网站、微信公众号上公布借款人的姓名、身份证号及欠款金额。", "LC405"),
        ("丙方保留将乙方违约失信信息在媒体披露并列入网站公示黑名单的权利。", "LC405"),
        (
            "出借人有权根据市场情况单方调整服务费及利率标准，调整后以网站公告为准，无需另行通知借款人。",
            "LC402",
        ),
        ("平台有权修改本协议条款，修改后的协议一经在平台公布即生效。", "LC402"),
        ("因本协议引起的争议，由居间服务人所在地人民法院管辖。", "LC403"),
        ("各方同意，因本合同发生的纠纷由出借人指定的人民法院管辖。", "LC403"),
        ("借款人授权贷款人从借款人名下的任何银行账户中直接扣划应还款项。", "LC406"),
        ("乙方同意甲方有权从乙方在任何金融机构开立的所有账户中扣收欠款。", "LC406"),
        ("借款人不可撤销地放弃对本合同项下债务的一切抗辩权及诉讼时效抗辩。", "LC407"),
        ("借款人不得以任何理由拒绝履行还款义务。", "LC407"),
    ],
)
def test_clause_triggers(text: str, code: str) -> None:
    assert code in conduct(text)


@pytest.mark.parametrize(
    "text",
    [
        # credit reporting is lawful
        "借款人逾期的，出借人有权将借款人的违约信息报送中国人民银行征信系统。",
        # the borrower giving contact details is not disclosure
        "借款人应提供两名紧急联系人的姓名和联系方式，联系人变更的应及时通知出借人。",
        # collection entrusted to an agent, nobody else told
        "出借人有权委托第三方机构对借款人进行还款提醒及催收。",
        # an internal list
        "借款人逾期的，平台有权将其列入平台黑名单，暂停其借款资格。",
        # service of court documents by publication
        "无法直接送达的，人民法院可以公告送达。",
        # a floating rate reset by the agreed mechanism
        "如遇中国人民银行调整贷款市场报价利率，本合同利率按人民银行规定相应调整。",
        # a change by agreement
        "本合同的任何变更，须经双方协商一致并签订书面补充协议。",
        # the borrower's own right
        "借款人有权提前还款，并可变更还款账户。",
        # a connected forum
        "因本合同发生的争议，由出借人住所地人民法院管辖。",
        # arbitration is not a choice of court
        "争议提交杭州仲裁委员会仲裁。",
        # a debit of the agreed account
        "借款人授权出借人在还款日从借款人指定的还款账户中扣划当期应还款项。",
        # non-waiver clause
        "出借人未行使或迟延行使本合同项下的任何权利，不视为放弃该权利。",
        # a guarantor making the guarantee joint
        "保证人放弃先诉抗辩权，承担连带保证责任。",
        # an ordinary fee clause
        "借款人应按借款金额的1%向平台支付服务费，于放款时一次性支付。",
    ],
)
def test_ordinary_clause_is_quiet(text: str) -> None:
    assert conduct(text) == set()


PLATFORM = """借款协议
甲方（出借人）：张三
乙方（借款人）：李四
丙方（居间服务人）：某某网络科技有限公司
借款人通过丙方平台在线签署本协议，点击“同意”即视为签署。
第一条 借款金额
借款金额为人民币10000元。
第五条 争议解决
因本协议引起的争议，由丙方所在地人民法院管辖。
"""


def test_platform_letter_resolved_from_party_block() -> None:
    assert party_roles(PLATFORM)["丙方"] == "platform"
    assert "LC403" in conduct(PLATFORM, fragment=False)


def test_standard_form_jurisdiction_not_prominent() -> None:
    codes = conduct(PLATFORM, fragment=False)
    assert "LC404" in codes
    marked = PLATFORM.replace(
        "借款协议\n", "借款协议\n特别提示：本协议中加粗条款（含争议解决条款）已向借款人作出说明。\n"
    )
    assert "LC404" not in conduct(marked, fragment=False)


def test_iou_jurisdiction_is_not_a_standard_form() -> None:
    iou = "借条\n今借到张三人民币50000元，月利率1%，2024年12月31日前归还。如有争议，由出借人住所地人民法院管辖。\n借款人：李四\n"
    assert "LC404" not in conduct(iou, fragment=False)


def test_guarantor_letter_is_connected_forum() -> None:
    text = (
        "甲方（出借人）：张三\n乙方（借款人）：李四\n丙方（保证人）：王五\n争议由丙方所在地人民法院管辖。\n"
    )
    assert party_roles(text)["丙方"] == "guarantor"
    assert "LC403" not in conduct(text, fragment=False)


def test_findings_carry_citation_and_evidence() -> None:
    text = "借款人逾期的，出借人有权将逾期信息告知借款人的用人单位。"
    report = loanclause.analyze_text(text, fragment=True, as_of=AS_OF)
    (f,) = [f for f in report.findings if f.code == "LC401"]
    assert f.citation is not None and "个人信息保护法" in f.citation.document
    assert f.citation.article == "第二十三条"
    assert text[f.start : f.end].startswith("借款人逾期的")
    assert "用人单位" in f.message
