"""Property: compose and analyse accept any blocks a reader might produce."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_service.text.compose import compose
from nlp_service.text.press import clean_press, looks_like_press
from nlp_service.text.structure import analyse
from nlp_service.types import Block, BlockKind, RawDocument

# Vietnamese letters (precomposed and combining marks), digits, the punctuation and the words
# the structure rules key on, and whitespace/control characters readers can leave behind.
ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠỀẾỂỄỆÒÓỎÕỌỪỨỬỮỰ\u0300\u0301\u0303\u0309\u0323"
    "0123456789 .,;:/-–_()|*\"'!?\t\n\u00a0\x0b\x00"
)
WORDS = [
    "Số:",
    "THÔNG BÁO",
    "KẾ HOẠCH",
    "Kính gửi:",
    "Nơi nhận:",
    "V/v",
    "ngày",
    "tháng",
    "năm",
    "Hà Nội,",
    "- ",
    "I.",
    "1.",
    "1.1.",
    "a)",
    "Điều 2.",
    "KT. CHỦ TỊCH",
    "HỎA TỐC",
    "/TB-UBND",
    "24/TB-HĐND",
    "2927-TB/TU",
    "Căn cứ",
    "QUY CHẾ",
    "Chương I",
    "____",
    "Lưu: VT.",
    "ỦY BAN NHÂN DÂN",
    "TỈNH LÂM ĐỒNG",
    "VĂN PHÒNG",
    "Nguyễn Văn An",
]
texts = st.lists(st.one_of(st.text(ALPHABET, max_size=40), st.sampled_from(WORDS)), max_size=8).map(
    " ".join
)
KINDS: list[BlockKind] = ["paragraph", "header_left", "header_right", "table_row", "page_break"]
kinds = st.sampled_from(KINDS)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    kind = draw(kinds)
    cells = draw(st.lists(texts, max_size=5)) if kind == "table_row" else None
    return Block(
        text=draw(texts),
        page=draw(st.integers(1, 30)),
        kind=kind,
        cells=cells,
        table=draw(st.none() | st.integers(0, 3)),
        row=draw(st.none() | st.integers(0, 20)),
        bold=draw(st.none() | st.booleans()),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks(), max_size=40), st.booleans())
def test_compose_and_analyse_never_fail(items: list[Block], wrapped: bool) -> None:
    ct = compose(RawDocument(blocks=items, media_type="text/plain", wrapped=wrapped))
    previous_end = -1
    for line in ct.lines:
        assert 0 <= line.start <= line.end <= len(ct.text)
        assert line.start > previous_end  # lines do not overlap and come in text order
        previous_end = line.end
        assert "\n" not in ct.line_text(line)
        if line.cells is not None:
            for a, b in line.cells:
                assert line.start <= a <= b <= line.end
    s = analyse(ct)
    assert 0 <= s.body_start <= len(ct.text) + 1
    assert s.body_end <= len(ct.text)
    for sec in s.sections:
        assert sec.start <= sec.end
    for addressee in s.addressees:
        assert ct.text[addressee.start : addressee.end] == addressee.text
    if ct.text:
        s.section_path(len(ct.text) // 2)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks(), max_size=30))
def test_press_cleaning_never_fails_and_only_drops(items: list[Block]) -> None:
    raw = RawDocument(blocks=items, media_type="text/html")
    looks_like_press(raw)
    cleaned, report = clean_press(raw)
    assert len(cleaned.blocks) + len(report.dropped) == len(items)
    analyse(compose(cleaned))
