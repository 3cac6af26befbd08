"""The 1:1 character views: normalize_chars and to_simplified."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.ingest import normalize_chars, to_simplified


def test_full_width_letters_and_digits_become_ascii_but_punctuation_stays():
    assert normalize_chars("ＡＢＣｘｙｚ０１２３４５６７８９") == "ABCxyz0123456789"
    assert normalize_chars("（）：；，。！？％＄") == "（）：；，。！？％＄"


def test_kangxi_and_compatibility_ideographs():
    assert normalize_chars("⽅式") == "方式"
    assert normalize_chars("⾏⼈⼀⼆") == "行人一二"
    assert normalize_chars("⺟") == "母"  # a CJK radicals supplement form with an NFKC mapping
    assert normalize_chars("\uf900") == "\u8c48"  # CJK compatibility ideograph 豈


def test_spaces():
    assert normalize_chars("甲\u3000乙\u00a0丙\u2002丁") == "甲 乙 丙 丁"


def test_to_simplified():
    assert to_simplified("條") == "条"
    assert to_simplified("借據") == "借据"
    assert to_simplified("借款合同書第一條借款金額為") == "借款合同书第一条借款金额为"
    assert to_simplified("裡啟偽") == "里启伪"  # Taiwan variant forms
    assert to_simplified("借款合同第一条") == "借款合同第一条"


text_with_cjk = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x2E80, max_codepoint=0x2FDF),
        st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
        st.sampled_from("\u3000\u00a0條據書為與個們"),
    )
)


@settings(max_examples=300)
@given(text_with_cjk)
def test_views_keep_length(text):
    assert len(normalize_chars(text)) == len(text)
    assert len(to_simplified(text)) == len(text)
    assert len(to_simplified(normalize_chars(text))) == len(text)


@settings(max_examples=200)
@given(st.text())
def test_views_keep_length_on_any_text(text):
    assert len(normalize_chars(text)) == len(text)
    assert len(to_simplified(text)) == len(text)
    assert normalize_chars(normalize_chars(text)) == normalize_chars(text)


def test_cjk_radicals_supplement_mapped_to_ideographs() -> None:
    """Word/WPS exports write radicals (U+2E80–U+2EFF) where the ideograph belongs; one for one, length kept."""
    from loanclause.ingest.normalize import normalize_chars

    raw = "人⺠法院，借款时⻓，⻔店，⻛险，⻅证，⺟亲"
    assert normalize_chars(raw) == "人民法院，借款时长，门店，风险，见证，母亲"
    assert len(normalize_chars(raw)) == len(raw)
    assert normalize_chars("⺮") == "⺮"  # a component only (bamboo top): no ideograph to map to
