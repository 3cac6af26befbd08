"""Text files: encodings (with and without BOM), normalisation, pages from form feeds; document_from_text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.errors import EmptyInputError
from loanclause.ingest import document_from_text, read_document
from loanclause.ingest.text import decode_text, plausibility

SIMPLIFIED = "借款合同\n第一条 借款金额为人民币壹万元整，借款期限为十二个月。\n第二条 年利率为3.85%。"
TRADITIONAL = "借款合同書\n第一條 借款金額為新臺幣壹萬元整，借款期限為十二個月。\n第二條 年利率為百分之三。"
SHORT = "借款合同"


@pytest.mark.parametrize(
    "text, encoding, expected_encoding, guessed",
    [
        (SIMPLIFIED, "utf-8", "utf-8", False),
        (SIMPLIFIED, "utf-8-sig", "utf-8", False),
        (SIMPLIFIED, "utf-16", "utf-16-le", False),  # Python writes a little-endian BOM
        (SIMPLIFIED, "utf-16-be", None, False),  # no BOM: handled below
        (SIMPLIFIED, "gbk", "gb18030", True),
        (SIMPLIFIED, "gb18030", "gb18030", True),
        (SHORT, "gbk", "gb18030", True),
        (TRADITIONAL, "big5", "big5", True),
        (TRADITIONAL, "utf-8", "utf-8", False),
    ],
)
def test_encodings(text, encoding, expected_encoding, guessed):
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
        expected_encoding = "utf-16-be"
    doc = read_document(raw)
    assert doc.text == text
    assert doc.encoding == expected_encoding
    assert doc.format == "text"
    assert [w.code for w in doc.warnings] == (["encoding_guess"] if guessed else [])


def test_short_gbk_texts_are_not_mistaken_for_big5():
    for text in ["甲方", "借款人", "利息", "违约金", "第一条", "乙方：李四"]:
        decoded, enc, _ = decode_text(text.encode("gbk"))
        assert (decoded, enc) == (text, "gb18030")


def test_short_big5_texts():
    for text in ["借據", "借款人應於", "違約金為", "第一條"]:
        decoded, enc, _ = decode_text(text.encode("big5"))
        assert (decoded, enc) == (text, "big5")


def test_plausibility_separates_right_from_wrong_decoding():
    assert plausibility(SIMPLIFIED.encode("gbk").decode("gbk")) > 0.95
    raw = TRADITIONAL.encode("big5")
    assert plausibility(raw.decode("big5")) > 0.95
    assert plausibility(raw.decode("gb18030")) < 0.6  # Big5 bytes read as GB18030: rare and odd characters


def test_normalisation_of_text_files():
    raw = "第一条　借款金额\r\n⽅式：ＡＢＣ１２３（一）  \r\n\tTab\u200b here\r\n".encode()
    doc = read_document(raw)
    assert doc.text == "第一条 借款金额\n方式：ABC123（一）\n Tab here"
    assert [doc.text[ln.start : ln.end] for ln in doc.lines] == doc.text.split("\n")
    assert doc.bbox_at(0) is None


def test_form_feeds_are_pages():
    doc = document_from_text("第一页内容\n更多\f第二页内容\f\f第四页")
    assert [p.number for p in doc.pages] == [1, 2, 3, 4]
    assert doc.text == "第一页内容\n更多\n第二页内容\n\n第四页"
    assert doc.page_at(doc.text.index("第二页")) == 2
    assert doc.page_at(doc.text.index("第四页")) == 4
    assert doc.page_at(0) == 1
    assert {ln.page for ln in doc.lines} == {1, 2, 4}


def test_document_from_text():
    doc = document_from_text("借款金额：１０万元", source="snippet")
    assert doc.text == "借款金额：10万元"
    assert doc.source == "snippet" and doc.format == "text" and doc.encoding is None
    assert doc.pages[0].start == 0 and doc.pages[0].end == len(doc.text)
    assert len(doc.lines) == 1
    with pytest.raises(EmptyInputError):
        document_from_text("  \n ")


def test_text_mode_file_object(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("借款合同", encoding="utf-8")
    with open(path, encoding="utf-8") as fh:
        assert read_document(fh).text == "借款合同"


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("借款合同第一条１２ab \u3000\t\r\n\f\u200b。，")),
        min_size=1,
        max_size=80,
    )
)
def test_text_offsets_are_consistent(text):
    if not text.replace("\u200b", "").strip():
        return
    doc = document_from_text(text)
    assert len(doc.text) <= len(text)
    assert not doc.text.endswith("\n")
    for line in doc.lines:
        segment = doc.text[line.start : line.end]
        assert segment and "\n" not in segment and not segment.endswith(" ")
        assert doc.page_at(line.start) == line.page
    assert doc.pages[0].number == 1
    assert sum(1 for p in doc.pages) == text.replace("\r\n", "\n").count("\f") + 1


def test_utf8_cut_inside_a_character():
    raw = SIMPLIFIED.encode("utf-8")[:-1]  # the last 。 loses a byte
    doc = read_document(raw)
    assert doc.encoding == "utf-8"
    assert doc.text == SIMPLIFIED[:-1] + "\ufffd"
    assert [w.code for w in doc.warnings] == ["encoding_guess"]
