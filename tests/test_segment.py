"""Clause segmentation on text: numbering styles, nesting, titles, cross-references, blocks."""

from __future__ import annotations

from loanclause.segment import segment_text


def numbered(clauses):
    return [(c.number, c.title) for c in clauses if c.number is not None]


CONTRACT = """借款合同
出借人（甲方）：张三
借款人（乙方）：李四
甲乙双方经平等协商，订立本合同。
第一章　总则
第一条　借款金额
借款金额为人民币壹拾万元整（¥100,000.00）。
第二条　借款期限
（一）借款期限为12个月。
（二）按第五条约定提前还款的，期限相应缩短。
第二章　利息与还款
第三条【借款利率】年利率为12%，按月付息。
1.1 利息自放款之日起计算。
1.2 利息按实际天数计算：
(1) 每年按365天计；
(2) 不足一月的按日计。
第四条 还款方式：按月等额本息还款。
一、借款人应于每月15日前还款。
二、还款顺序：费用、利息、本金。
第五条 争议解决
本合同项下争议，由甲方所在地人民法院管辖。依照本合同第3.2条的约定处理。
甲方（签字）：张三
乙方（签字）：李四
签订日期：2023年5月1日
"""


def test_numbers_titles_and_nesting():
    clauses = segment_text(CONTRACT)
    assert numbered(clauses) == [
        ("第一章", "总则"),
        ("第一条", "借款金额"),
        ("第二条", "借款期限"),
        ("（一）", None),
        ("（二）", None),
        ("第二章", "利息与还款"),
        ("第三条", "借款利率"),
        ("1.1", None),
        ("1.2", "利息按实际天数计算"),
        ("(1)", None),
        ("(2)", None),
        ("第四条", "还款方式"),
        ("一", None),
        ("二", "还款顺序"),
        ("第五条", "争议解决"),
    ]
    by_number = {c.number: c for c in clauses if c.number}
    assert by_number["第一章"].level == 1
    assert by_number["第一条"].level == 2 and by_number["第一条"].parent_id == by_number["第一章"].id
    assert by_number["（一）"].parent_id == by_number["第二条"].id
    assert by_number["(1)"].parent_id == by_number["1.2"].id
    assert by_number["第二章"].parent_id is None


def test_blocks_and_spans():
    clauses = segment_text(CONTRACT)
    styles = [c.style for c in clauses]
    assert styles[0] == "title" and clauses[0].title == "借款合同"
    assert "parties" in styles and styles[-1] == "signature"
    signature = clauses[-1]
    assert CONTRACT[signature.start :].startswith("甲方（签字）")
    last = next(c for c in clauses if c.number == "第五条")
    assert last.end <= signature.start
    assert "争议" in CONTRACT[last.start : last.end]
    assert "dispute_resolution" in last.kinds
    first = next(c for c in clauses if c.number == "第一条")
    assert CONTRACT[first.body_start :].startswith("借款金额为")
    assert "principal" in first.kinds


def test_cross_references_are_not_headings():
    text = "第一条 借款\n借款人应按时还款。\n第五条约定的利率适用于逾期部分。\n第二条 其他\n其他事项。\n"
    assert [n for n, _ in numbered(segment_text(text))] == ["第一条", "第二条"]


def test_amounts_and_dates_at_line_start_are_not_items():
    text = "一、借款\n1.5万元由甲方支付。\n2023.05.01 放款。\n3.5%为年利率。\n1. 借款人按时还款。\n"
    assert [n for n, _ in numbered(segment_text(text))] == ["一", "1"]


def test_traditional_chinese_headings():
    text = "借款合約\n第一條　借款金額\n借款金額為新台幣拾萬元整。\n第二條　利息\n年息百分之十。\n"
    assert numbered(segment_text(text)) == [("第一條", "借款金額"), ("第二條", "利息")]


def test_circled_and_appendix():
    text = "第一条 费用\n借款人承担下列费用：\n① 服务费；\n② 管理费。\n附件一 还款计划表\n期数 还款日\n"
    clauses = segment_text(text)
    assert numbered(clauses) == [("第一条", "费用"), ("①", None), ("②", None), ("附件一", "还款计划表")]
    appendix = next(c for c in clauses if c.number == "附件一")
    assert appendix.parent_id is None and appendix.level == 1


def test_empty_text_has_no_clauses():
    assert segment_text("") == []


def test_sentence_about_signing_is_not_the_signature_block():
    text = (
        "借款合同\n第一条 借款\n借款金额10万元。\n第二条 生效\n借款人签字确认后本合同生效。逾期按日万分之五计息。\n"
        "第三条 争议解决\n由出借人所在地法院管辖。\n甲方（签字）：张三\n乙方（签字）：李四\n"
    )
    clauses = segment_text(text)
    assert [c.number for c in clauses if c.number] == ["第一条", "第二条", "第三条"]
    signature = clauses[-1]
    assert signature.style == "signature" and text[signature.start :].startswith("甲方（签字）")
    third = next(c for c in clauses if c.number == "第三条")
    assert "法院管辖" in text[third.start : third.end] and third.end <= signature.start


def test_appendix_after_signature_block_ends_it():
    text = (
        "借款合同\n第一条 借款\n借款金额10万元。\n甲方（签字）：张三\n乙方（签字）：李四\n"
        "附件一：还款计划表\n第1期 2024-01-15 1000元\n"
    )
    clauses = segment_text(text)
    styles = [(c.style, c.number) for c in clauses if c.level <= 1]
    assert styles[-3:] == [("article", "第一条"), ("signature", None), ("appendix", "附件一")]
    article, signature, appendix = clauses[-3:]
    assert article.end <= signature.start < signature.end <= appendix.start
    assert text[signature.start : signature.end].strip().endswith("李四")
