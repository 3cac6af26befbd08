"""--redact masks personal data character for character, so every offset still holds."""

from __future__ import annotations

from loanclause.batch.redact import MASK, redact_report, sensitive_spans

ID = "11010519491231002X"  # the standard's example, valid check digit
TEXT = (
    "借款合同\n出借人：张三（身份证号：11010519491231002X）\n乙方（借款人）：李四，电话：13812345678\n"
    "收款账户：6222 0212 3456 7890 123，开户行：工商银行\n本金人民币100000元，利率年化24%，2023年5月1日起。\n"
    "张三与李四确认。某某小额贷款有限公司 统一社会信用代码：91350100M000100Y43\n"
)


def _report(text=TEXT):
    return {
        "source": "/data/张三.pdf",
        "sha256": "0" * 64,
        "text": text,
        "entities": [{"label": "BORROWER", "text": "李四", "start": 30, "end": 32}],
        "terms": {
            "lender": "张三",
            "borrower": "李四",
            "guarantors": ["某某小额贷款有限公司"],
            "principal": {"amount": "100000", "text": "人民币100000元"},
        },
        "findings": [{"code": "LC101", "message": "张三约定的利率过高", "clause_id": "c1"}],
    }


def test_masks_char_for_char():
    out = redact_report(_report())
    text = out["text"]
    assert len(text) == len(TEXT)
    for secret in ("张三", "李四", ID, "13812345678", "6222", "91350100M000100Y43"):
        assert secret not in text, secret
    assert "某某小额贷款有限公司" in text  # a company's name is not personal data: it stays readable
    assert MASK * 18 in text
    for kept in ("借款合同", "本金人民币100000元", "利率年化24%", "2023年5月1日", "工商银行"):
        assert kept in text, kept
    # the same offsets point at the same (masked or kept) characters
    assert [i for i, c in enumerate(TEXT) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert out["terms"]["lender"] == MASK * 2 and out["terms"]["guarantors"] == ["某某小额贷款有限公司"]
    assert out["entities"][0]["text"] == MASK * 2 and out["entities"][0]["start"] == 30
    assert out["findings"][0]["message"].startswith(MASK * 2) and out["findings"][0]["code"] == "LC101"
    assert out["source"] == "/data/张三.pdf" and out["sha256"] == "0" * 64
    assert out["terms"]["principal"]["amount"] == "100000"


def test_what_counts_as_a_number_to_mask():
    assert sensitive_spans("合同编号HT-2023-0501，金额100,000.00元，日期20230501") == []
    assert sensitive_spans("手机 138-1234-5678") != []
    assert sensitive_spans("固话 010-87654321") != []
    # 12-19 digits are masked as a possible account number, a valid ID number or not (privacy first)
    assert sensitive_spans("110105194912310021") == [(0, 18)]
