"""DOCX written with python-docx and read back: body order, tables, numbering, errors."""

from __future__ import annotations

import io

import pytest

from loanclause.errors import InputError
from loanclause.ingest import read_document
from loanclause.ingest.docx import format_number


def _docx(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_round_trip_with_table_in_body_order():
    def build(d):
        d.add_heading("个人借款合同", level=1)
        d.add_paragraph("出借人（甲方）：张三")
        d.add_paragraph("第一条　借款金额为人民币１０万元。")
        t = d.add_table(rows=3, cols=3)
        for r, row in enumerate(
            [["期数", "还款日", "金额"], ["1", "2024-06-01", "8,333.33"], ["2", "", "8,333.33"]]
        ):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        d.add_paragraph("")
        p = d.add_paragraph("第二条 还款方式：")
        p.add_run("等额本息").bold = True
        d.add_paragraph("第三条\t争议解决")

    doc = read_document(_docx(build))
    assert doc.format == "docx"
    assert doc.text.split("\n") == [
        "个人借款合同",
        "出借人（甲方）：张三",
        "第一条 借款金额为人民币10万元。",
        "期数 | 还款日 | 金额",
        "1 | 2024-06-01 | 8,333.33",
        "2 |  | 8,333.33",
        "第二条 还款方式：等额本息",
        "第三条 争议解决",
    ]
    assert [p.number for p in doc.pages] == [1]
    assert all(ln.page == 1 and ln.bbox is None for ln in doc.lines)
    assert [doc.text[ln.start : ln.end] for ln in doc.lines] == doc.text.split("\n")
    assert doc.bbox_at(0) is None


def test_merged_cells_are_read_once():
    def build(d):
        t = d.add_table(rows=2, cols=3)
        a = t.cell(0, 0).merge(t.cell(0, 1))
        a.text = "借款金额"
        t.cell(0, 2).text = "10万元"
        t.cell(1, 0).text = "期限"
        t.cell(1, 1).text = "12个月"

    doc = read_document(_docx(build))
    assert doc.text.split("\n")[0] == "借款金额 | 10万元"


def test_numbering_from_list_style():
    def build(d):
        d.add_paragraph("借款金额", style="List Number")
        d.add_paragraph("借款期限", style="List Number")

    doc = read_document(_docx(build))
    assert doc.text.split("\n") == ["1. 借款金额", "2. 借款期限"]


def test_corrupt_docx():
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    data = buf.getvalue()
    with pytest.raises(InputError) as info:
        read_document(data[: len(data) // 2], max_bytes=10**6)
    assert "DOCX" in info.value.reason or "ZIP" in info.value.reason


def test_empty_docx():
    from loanclause.errors import EmptyInputError

    with pytest.raises(EmptyInputError):
        read_document(_docx(lambda d: d.add_paragraph("  ")))


@pytest.mark.parametrize(
    "n, fmt, text",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCountingThousand", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (21, "chineseCounting", "二十一"),
        (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (2, "lowerLetter", "b"),
        (7, "decimal", "7"),
        (1, "bullet", None),
    ],
)
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_chinese_article_numbering():
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def build(d):
        numbering = d.part.numbering_part.element
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {w} w:abstractNumId="90">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                '<w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
                "</w:abstractNum>"
            ),
        )
        numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

        def numbered(text, ilvl):
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>')
            )

        d.add_paragraph("个人借款合同")
        for i in range(11):
            numbered(f"条款{i + 1}", 0)
            if i == 1:
                numbered("本金", 1)
                numbered("利息", 1)

    lines = read_document(_docx(build)).text.split("\n")
    assert lines[:6] == [
        "个人借款合同",
        "第一条 条款1",
        "第二条 条款2",
        "（一）本金",
        "（二）利息",
        "第三条 条款3",
    ]
    assert lines[-1] == "第十一条 条款11"


def test_hidden_and_deleted_text_left_out():
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def build(d):
        p = d.add_paragraph("年利率为")
        p._p.append(
            parse_xml(f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>36%</w:delText></w:r></w:del>')
        )
        p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="x"><w:r><w:t>3.85%</w:t></w:r></w:ins>'))
        hidden = p.add_run("（隐藏）")
        hidden.font.hidden = True
        p.add_run("。")

    assert read_document(_docx(build)).text == "年利率为3.85%。"


def test_docx_named_pdf_is_read_by_content(tmp_path):
    path = tmp_path / "contract.pdf"
    path.write_bytes(_docx(lambda d: d.add_paragraph("借款合同")))
    doc = read_document(path)
    assert doc.format == "docx" and doc.text == "借款合同"
    assert [w.code for w in doc.warnings] == ["extension_mismatch"]
