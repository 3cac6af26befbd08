"""PDF reading on real PDFs written with reportlab (no mocks): the text, the offset map and the warnings."""

from __future__ import annotations

import io

import pytest

from loanclause.errors import NoTextLayerError
from loanclause.ingest import normalize_chars, read_document

from ._pdfgen import NO_UNICODE_FONT, PdfBuilder, raw_pdf

FILLER = (
    "借款人应当按照本合同约定的用途使用借款，不得挪作他用，不得用于购买股票、期货等投资，也不得用于任何违法活动。"
    "出借人有权检查、监督借款的使用情况，借款人应当如实提供有关的财务资料。"
)


def _contract() -> PdfBuilder:
    b = PdfBuilder()
    b.heading("个人借款合同", size=18, center=True)
    b.para("出借人（甲方）：张三", indent=0)
    b.para("借款人（乙方）：李四　身份证号：110101199003071234", indent=0)
    b.heading("第一条　借款金额")
    b.para("借款金额为人民币壹拾万元整（¥100,000.00），出借人常常提醒借款人按时还款，谢谢配合。" + FILLER)
    b.para("收款账号：6222 0200 1234 5678", indent=0)
    b.heading("第二条　借款期限")
    b.para("本合同项下的借款期限为十二个月，自实际放款之日起计算。" + FILLER, charspace=5)
    b.para("The borrower will repay in full, all bills included.", indent=0)
    b.heading("第三条　还款计划")
    b.table(
        [
            ["期数", "还款日", "本金", "利息"],
            ["1", "2024-06-01", "8,333.33", "320.83"],
            ["2", "2024-07-01", "8,333.33", "294.10"],
        ],
        [60, 120, 120, 120],
    )
    b.heading("第四条　违约责任")
    n = 0
    while not b.split_paragraphs or len(b.pages) < 3:
        n += 1
        b.para(f"（{n}）" + FILLER * 2 + "逾期还款的，按日万分之五计收罚息。", indent=2)
    b.heading("第五条　争议解决")
    b.para("因本合同引起的争议，由出借人所在地人民法院管辖。")
    return b


@pytest.fixture(scope="module")
def contract() -> tuple[PdfBuilder, bytes]:
    b = _contract()
    return b, b.build()


@pytest.fixture(scope="module")
def doc(contract):
    return read_document(contract[1])


def test_paragraphs_match_what_was_drawn(contract, doc):
    b, _ = contract
    expected = [normalize_chars(p) for p in b.paragraphs]
    assert doc.text.split("\n") == expected
    assert doc.format == "pdf"
    assert doc.warnings == []


def test_fake_bold_removed_but_doubled_characters_kept(doc):
    assert "第一条 借款金额" in doc.text
    assert "第第" not in doc.text and "借借" not in doc.text
    assert "常常提醒" in doc.text and "谢谢配合" in doc.text
    assert "常常常" not in doc.text


def test_tracked_text_has_no_spaces_between_cjk(doc):
    assert "本合同项下的借款期限为十二个月" in doc.text
    assert "本 合" not in doc.text


def test_spaces_kept_between_non_cjk_words(doc):
    assert "收款账号：6222 0200 1234 5678" in doc.text
    assert "The borrower will repay in full, all bills included." in doc.text
    # U+3000 becomes an ASCII space
    assert "李四 身份证号" in doc.text and "\u3000" not in doc.text


def test_headers_footers_and_page_numbers_dropped(doc):
    assert "合同编号" not in doc.text
    assert "页 共" not in doc.text and "共 " not in doc.text
    # the title on page 1 stays
    assert doc.text.startswith("个人借款合同\n")
    assert int(doc.metadata["header_footer_lines_removed"]) == 2 * doc.page_count


def test_paragraph_continues_across_page_break(contract, doc):
    b, _ = contract
    assert b.split_paragraphs
    for para in b.split_paragraphs:
        start = doc.text.index(para)
        end = start + len(para)
        assert doc.page_at(start) < doc.page_at(end - 1)
        assert "\n" not in doc.text[start:end]


def test_table_rows_in_reading_order(doc):
    assert "期数 | 还款日 | 本金 | 利息" in doc.text
    assert "1 | 2024-06-01 | 8,333.33 | 320.83" in doc.text
    assert (
        doc.text.index("期数 | 还款日") < doc.text.index("1 | 2024-06-01") < doc.text.index("2 | 2024-07-01")
    )


def test_offset_map(contract, doc):
    b, _ = contract
    assert [p.number for p in doc.pages] == list(range(1, doc.page_count + 1))
    assert doc.page_count == len([p for p in b.pages if p])
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    for a, c in zip(doc.pages, doc.pages[1:], strict=False):
        assert a.end <= c.start
    # every character of every physical line maps to that line's page and lies inside the line's box
    for line in doc.lines:
        assert doc.page_at(line.start) == line.page
        assert doc.page_at(line.end - 1) == line.page
        assert line.bbox is not None
        for i in range(line.start, line.end):
            box = doc.bbox_at(i)
            if box is not None:
                assert line.bbox.x0 - 0.01 <= box.x0 <= box.x1 <= line.bbox.x1 + 0.01
                assert line.bbox.top - 0.01 <= box.top < box.bottom <= line.bbox.bottom + 0.01
    # lines cover the text: outside them there are only joins and paragraph breaks
    covered = sorted((ln.start, ln.end) for ln in doc.lines)
    pos = 0
    for s, e in covered:
        assert doc.text[pos:s] in ("", "\n", " ")
        pos = e
    assert pos == len(doc.text)


def test_bbox_of_a_known_character(doc):
    i = doc.text.index("6222")
    box = doc.bbox_at(i)
    assert box is not None
    assert box.x0 == pytest.approx(72.0 + 5 * 12, abs=0.5)  # after 收款账号： (5 chars of 12 pt) at x=72
    assert box.x0 < box.x1 and box.top < box.bottom
    assert doc.page_at(i) == 1
    assert doc.bbox_at(len(doc.text)) is None


def test_page_range(contract):
    b, data = contract
    doc = read_document(data, pages=(2, 3))
    assert [p.number for p in doc.pages] == [2, 3]
    assert "个人借款合同" not in doc.text  # the title is on page 1
    assert {ln.page for ln in doc.lines} == {2, 3}
    assert doc.page_at(0) == 2
    assert doc.metadata["page_count"] == str(len([p for p in b.pages if p]))


def test_page_range_out_of_range(contract):
    from loanclause.errors import InputError

    with pytest.raises(InputError, match="out of range"):
        read_document(contract[1], pages=(40, 41))


# ------------------------------------------------------------------------------------ smaller documents


def test_overprint_offsets_and_four_times():
    b = PdfBuilder(header=None, footer=None)
    b.overprint("第六条　提前还款", ((0, 0), (1.2, 0)))
    b.overprint("第七条　逾期利息", ((0, 0), (2.0, 0.3)))
    b.overprint("第八条　合同生效", ((0, 0), (0.3, 0), (0.6, 0), (0.9, 0)))
    b.overprint("谢谢 常常 will", ((0, 0),))
    doc = read_document(b.build())
    assert doc.text.split("\n") == ["第六条 提前还款", "第七条 逾期利息", "第八条 合同生效", "谢谢 常常 will"]


def test_inferred_spaces_only_between_ascii_words():
    b = PdfBuilder(header=None, footer=None)
    b.pieces([("Hello", 72), ("world", 72 + 32)], "Hello world")  # no space glyph, a word gap
    b.pieces([("借款", 72), ("合同", 72 + 24 + 4)], "借款合同")  # a gap between CJK: never a space
    b.pieces([("甲方（签章）：", 72), ("乙方（签章）：", 330)], "甲方（签章）： 乙方（签章）：")  # columns
    doc = read_document(b.build())
    assert doc.text.split("\n") == ["Hello world", "借款合同", "甲方（签章）： 乙方（签章）："]


def test_first_page_title_equal_to_header_is_kept():
    b = PdfBuilder(header="个人借款合同")
    b.heading("个人借款合同", size=18, center=True)
    for i in range(40):
        b.para(f"第{i + 1}项内容。" + FILLER)
    doc = read_document(b.build())
    assert doc.page_count >= 3
    assert doc.text.startswith("个人借款合同\n")
    assert doc.text.count("个人借款合同") == 1


@pytest.mark.parametrize(
    "footer",
    [
        "- {page} -",
        "{page} / {pages}",
        "Page {page} of {pages}",
        "{page}",
        "第{page}页共{pages}页",
        "第 {page} 页",
    ],
)
def test_page_number_styles(footer):
    b = PdfBuilder(header=None, footer=footer)
    for _ in range(18):
        b.para(FILLER)
    doc = read_document(b.build())
    assert doc.page_count >= 2
    assert doc.text.split("\n") == [normalize_chars(p) for p in b.paragraphs]


def test_single_page_footer_dropped():
    b = PdfBuilder(header=None)
    b.para("本合同一式两份。")
    doc = read_document(b.build())
    assert doc.text == "本合同一式两份。"


def test_image_page_warns_and_is_skipped():
    b = PdfBuilder()
    b.para(FILLER)
    b.image_page()
    b.para("第二部分" + FILLER)
    doc = read_document(b.build())
    assert [w.code for w in doc.warnings] == ["no_text_layer"]
    w = doc.warnings[0]
    assert w.page == 2 and "OCR" in w.message
    assert [p.has_text_layer for p in doc.pages] == [True, False, True]
    assert doc.text.split("\n") == [FILLER, "第二部分" + FILLER]
    assert doc.page_at(doc.text.index("第二部分")) == 3


def test_all_image_pages_raise():
    b = PdfBuilder(header=None, footer=None)
    b.image_page()
    b.image_page()
    with pytest.raises(NoTextLayerError) as info:
        read_document(b.build())
    assert info.value.code == "no_text_layer"


def test_broken_font_warns_and_keeps_text():
    data = raw_pdf(b"BT /F1 12 Tf 72 700 Td <0123045601230789> Tj ET", NO_UNICODE_FONT)
    doc = read_document(data)
    assert "(cid:" in doc.text
    assert [w.code for w in doc.warnings] == ["broken_font"]


def test_file_object_and_path(tmp_path, contract):
    _, data = contract
    path = tmp_path / "c.pdf"
    path.write_bytes(data)
    by_path = read_document(path)
    by_str = read_document(str(path))
    by_file = read_document(io.BytesIO(data))
    assert by_path.text == by_file.text == by_str.text
    assert by_path.source == str(path) and by_file.source is None
    import hashlib

    assert by_file.sha256 == hashlib.sha256(data).hexdigest()


def test_rotated_watermark_left_out_with_a_warning():
    b = PdfBuilder(header=None)
    for _ in range(3):
        b.para(FILLER)
    doc = read_document(b.build(watermark="仅供内部审阅"))
    assert doc.text.split("\n") == [FILLER] * 3
    assert [w.code for w in doc.warnings] == ["rotated_text"]


def test_repeated_table_header_row_kept_once():
    b = PdfBuilder()
    b.heading("附件：还款计划表")
    rows = [["期数", "还款日", "本金", "利息"]]
    for i in range(1, 61):
        rows.append([str(i), f"2025-{(i - 1) % 12 + 1:02d}-01", "1,666.67", "50.00"])
    per_page = 26
    for start in range(1, len(rows), per_page):
        if start > 1:
            b.page_break()
        b.table([rows[0], *rows[start : start + per_page]], [60, 120, 120, 120])
    doc = read_document(b.build())
    assert doc.page_count == 3
    lines = doc.text.split("\n")
    assert lines.count("期数 | 还款日 | 本金 | 利息") == 1
    assert lines[1] == "期数 | 还款日 | 本金 | 利息"
    assert lines[-1] == "60 | 2025-12-01 | 1,666.67 | 50.00"
    assert len(lines) == 1 + 1 + 60


def test_hanging_indent_and_right_aligned_date():
    b = PdfBuilder(header=None, footer=None)
    b.para("（一）" + FILLER, indent=0, hanging=3)
    b.para(
        "第十条 本合同自双方签字之日起生效，一式两份，双方各执一份，具有同等法律效力，特此立约为证。",
        indent=0,
    )
    b.line_at("2024年5月1日", 523 - 12 * 6 - 5)
    doc = read_document(b.build())
    text = doc.text.split("\n")
    assert text[0] == "（一）" + FILLER
    assert text[-1] == "2024年5月1日"


def test_form_blocks_references_and_full_stops_at_the_margin():
    b = PdfBuilder(header=None, footer=None)
    b.para("贷款人（甲方）：杭州余杭区恒信小额贷款股份有限公司", indent=0)
    b.para("统一社会信用代码：91330110MA2H9C3D4B", indent=0)
    b.para("双方约定如下：", indent=0)
    b.para("借款金额：人民币壹拾万元整", indent=0)
    # a sentence that ends with 。 exactly at the margin and goes on in the next line (37 chars a line)
    first = "甲" * 36 + "。"
    b.para(first + "即：按日计收。", indent=0)
    # a wrapped line that starts with a reference to another article, not the next article
    b.heading("第三条　提前还款")
    b.para("乙" * 37 + "第十九条宣布借款提前到期的除外。", indent=0)
    b.heading("第四条　其他")
    b.line_at("2024年5月1日", 72)
    doc = read_document(b.build())
    assert doc.text.split("\n") == [normalize_chars(p) for p in b.paragraphs]


def test_hanging_punctuation_does_not_move_the_margin():
    # greedy wrapping that lets 。，hang into the margin, like the fixtures and Word's 标点溢出边界
    b = PdfBuilder(header=None, footer=None)
    for _ in range(4):
        lines = b.para("丙" * 37 + "，" + "丁" * 20 + "。", indent=0)  # a full line, then a hanging comma
        assert lines[0].endswith("，") and len(lines[0]) == 38
    for n in (35, 34, 29):
        b.para("戊" * 37 + "己" * n + "。", indent=0)  # last line ends 1, 2, 7 chars short of the margin
    b.para("庚" * 37 + "辛" * 36, indent=0)  # the last line is one character short, without a full stop
    b.para("壬" * 10, indent=0)
    doc = read_document(b.build())
    assert doc.text.split("\n") == [normalize_chars(p) for p in b.paragraphs]
