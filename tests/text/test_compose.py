"""compose(): reader blocks → one NFC text with a line index whose spans are exact."""

from __future__ import annotations

import unicodedata

from nlp_service.text.compose import CELL_SEPARATOR, ComposedText, clean
from nlp_service.types import Block

from .builders import LEFT, RIGHT, composed, header, table


def _lines(ct: ComposedText) -> list[str]:
    return [ct.line_text(ln) for ln in ct.lines]


def test_header_columns_are_kept_apart_left_first() -> None:
    ct = composed(*header(), "THÔNG BÁO")
    lines = _lines(ct)
    assert lines == [*LEFT, *RIGHT, "THÔNG BÁO"]
    assert [ln.kind for ln in ct.lines[:6]] == ["header_left"] * 3 + ["header_right"] * 3
    # The number line never merges with the date line of the other column.
    number = next(t for t in lines if t.startswith("Số:"))
    assert "ngày" not in number


def test_spans_point_into_the_text() -> None:
    ct = composed(*header(), "THÔNG BÁO", "Giao Sở Tài chính rà soát.")
    assert ct.text == "\n".join(_lines(ct))
    for ln in ct.lines:
        assert ct.text[ln.start : ln.end] == ct.line_text(ln)
        assert "\n" not in ct.line_text(ln)


def test_hard_wraps_are_undone() -> None:
    ct = composed(
        "Giao Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành liên quan",
        "rà soát danh mục dự án đầu tư công, báo cáo Ủy ban nhân dân tỉnh",
        "trước ngày 15/10/2018.",
        wrapped=True,
    )
    assert _lines(ct) == [
        "Giao Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành liên quan rà soát danh mục "
        "dự án đầu tư công, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/10/2018."
    ]


def test_a_name_that_wraps_after_cua_joins() -> None:
    ct = composed(
        "Thực hiện chỉ đạo của",
        "Ủy ban nhân dân tỉnh về công tác cải cách hành chính năm 2018;",
        wrapped=True,
    )
    assert len(ct.lines) == 1


def test_list_items_headings_and_caps_lines_stay_lines() -> None:
    ct = composed(
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh về tiến độ giải phóng mặt bằng",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "1. Giao Sở Tài chính chủ trì rà soát danh mục dự án",
        "a) hoàn thành trước ngày 15/10/2018",
        "- Sở Xây dựng phối hợp thực hiện",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký",
        wrapped=True,
    )
    assert _lines(ct) == [
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh về tiến độ giải phóng mặt bằng",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "1. Giao Sở Tài chính chủ trì rà soát danh mục dự án",
        "a) hoàn thành trước ngày 15/10/2018",
        "- Sở Xây dựng phối hợp thực hiện",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký",
    ]


def test_a_wrapped_line_opening_with_a_section_word_in_lower_case_continues() -> None:
    # "phần mềm", "mục tiêu" are words, not "Phần I" / "Mục 2" markers.
    ct = composed(
        "2. Chánh Văn phòng chủ trì chuẩn hóa danh mục sản phẩm và quản trị, vận hành",
        "phần mềm hệ thống OKR/KPI; định kỳ tổng hợp, báo cáo Thường trực HĐND tỉnh.",
        "Mục 2. Tổ chức thực hiện",
        wrapped=True,
    )
    assert len(ct.lines) == 2
    assert _lines(ct)[1] == "Mục 2. Tổ chức thực hiện"


def test_a_terminated_line_ends_its_paragraph() -> None:
    ct = composed(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;",
        wrapped=True,
    )
    assert len(ct.lines) == 2


def test_a_semicolon_clause_that_wrapped_goes_on_in_lower_case() -> None:
    ct = composed(
        "Giao Sở Tài chính rà soát số vốn không giải ngân được để xây dựng phương án cụ thể;",
        "báo cáo Ủy ban nhân dân tỉnh trước ngày 25/11/2025.",
        "- Rà soát danh mục dự án chậm tiến độ;",
        "- Báo cáo kết quả về Sở Tài chính.",
        wrapped=True,
    )
    assert _lines(ct) == [
        "Giao Sở Tài chính rà soát số vốn không giải ngân được để xây dựng phương án cụ thể; "
        "báo cáo Ủy ban nhân dân tỉnh trước ngày 25/11/2025.",
        "- Rà soát danh mục dự án chậm tiến độ;",
        "- Báo cáo kết quả về Sở Tài chính.",
    ]


def test_a_line_ending_inside_a_name_or_on_a_function_word_goes_on() -> None:
    full = "Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành rà soát, đánh giá lại các quy hoạch chậm."
    ct = composed(
        full,
        full,
        full,
        "- Đề nghị Thường trực Hội đồng nhân dân tỉnh, các Ban",
        "Hội đồng nhân dân tỉnh tiếp tục tăng cường công tác giám sát nội dung này.",
        "- Giao Sở Tài chính chủ trì, phối hợp với các",
        "Sở, ngành rà soát danh mục dự án.",
        "- Giao Sở Xây dựng kiểm tra công trình.",
        "Thường trực HĐND tỉnh theo dõi.",
        wrapped=True,
    )
    assert _lines(ct)[3:] == [
        "- Đề nghị Thường trực Hội đồng nhân dân tỉnh, các Ban Hội đồng nhân dân tỉnh tiếp tục "
        "tăng cường công tác giám sát nội dung này.",
        "- Giao Sở Tài chính chủ trì, phối hợp với các Sở, ngành rà soát danh mục dự án.",
        "- Giao Sở Xây dựng kiểm tra công trình.",
        "Thường trực HĐND tỉnh theo dõi.",
    ]


def test_a_bracket_left_open_joins_the_line_that_closes_it() -> None:
    """ "(Trách nhiệm: Sở …;" / "Phối hợp: …; Thời hạn: trước ngày 20/10)." is one bracket: the
    ";" and the capital after it do not open a paragraph while the bracket is open."""
    ct = composed(
        "- Thẩm định, trình UBND tỉnh phê duyệt giá đất cụ thể. (Trách nhiệm: Sở Tài chính;",
        "Phối hợp: UBND huyện Phù Mỹ; Thời hạn: trước ngày 20/10).",
        "- Bố trí đủ quỹ đất tái định cư cho các hộ bị ảnh hưởng (Trách nhiệm: UBND huyện).",
        "Sở Xây dựng theo dõi, đôn đốc các nhà thầu tăng cường nhân lực;",
        "Phòng Kinh tế tổng hợp.",
        "- Xây dựng kế hoạch sản xuất vụ Đông Xuân. (Trách nhiệm:",
        "Sở Nông nghiệp và Môi trường, UBND các xã; Thời",
        "hạn: Tháng 11/2024).",
        "d) Đăng ký danh sách dự họp về Văn phòng UBND tỉnh (qua Trung tâm Công báo",
        "- Tin học) trước ngày 19/02.",
        wrapped=True,
    )
    assert _lines(ct) == [
        "- Thẩm định, trình UBND tỉnh phê duyệt giá đất cụ thể. (Trách nhiệm: Sở Tài chính; "
        "Phối hợp: UBND huyện Phù Mỹ; Thời hạn: trước ngày 20/10).",
        "- Bố trí đủ quỹ đất tái định cư cho các hộ bị ảnh hưởng (Trách nhiệm: UBND huyện).",
        "Sở Xây dựng theo dõi, đôn đốc các nhà thầu tăng cường nhân lực;",  # no bracket open
        "Phòng Kinh tế tổng hợp.",
        "- Xây dựng kế hoạch sản xuất vụ Đông Xuân. (Trách nhiệm: Sở Nông nghiệp và Môi trường, "
        "UBND các xã; Thời hạn: Tháng 11/2024).",
        "d) Đăng ký danh sách dự họp về Văn phòng UBND tỉnh (qua Trung tâm Công báo - Tin học) "
        "trước ngày 19/02.",
    ]


def test_unwrapped_documents_keep_their_paragraphs() -> None:
    # A DOCX paragraph per block: nothing is joined even when a line looks unfinished.
    ct = composed("Giao Sở Tài chính chủ trì, phối hợp với", "rà soát danh mục dự án.")
    assert len(ct.lines) == 2


def test_table_rows_are_cells_with_exact_spans() -> None:
    rows = [
        ["STT", "Nội dung", "Cơ quan  chủ trì", "Thời hạn"],
        ["1", "Rà soát danh mục\u00a0dự án", "Sở Tài chính", "Trước ngày 15/10/2018"],
        ["", "  ", "", ""],  # an empty row is dropped
        ["2", "Báo cáo tiến độ", "", "Quý IV/2018"],
    ]
    ct = composed("Các nhiệm vụ cụ thể như sau:", *table(rows))
    table_lines = [ln for ln in ct.lines if ln.kind == "table_row"]
    assert len(table_lines) == 3
    expected = [rows[0], rows[1], rows[3]]
    for ln, cells in zip(table_lines, expected, strict=True):
        assert ln.cells is not None
        assert [ct.text[a:b] for a, b in ln.cells] == [clean(c) for c in cells]
        assert ct.line_text(ln) == CELL_SEPARATOR.join(clean(c) for c in cells)
        assert ln.cells[0][0] == ln.start and ln.cells[-1][1] == ln.end
        assert ln.table == 0
    assert [ln.row for ln in table_lines] == [0, 1, 3]
    assert ct.text[table_lines[1].cells[2][0] : table_lines[1].cells[2][1]] == "Sở Tài chính"  # type: ignore[index]


def test_text_is_nfc_with_single_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Giao  Sở Tài chính\tchủ trì\u00a0rà soát.")
    ct = composed(decomposed)
    assert ct.text == "Giao Sở Tài chính chủ trì rà soát."
    assert unicodedata.is_normalized("NFC", ct.text)


def test_control_characters_and_blank_blocks_are_dropped() -> None:
    ct = composed("Giao\x0bSở Tài chính\x00 rà soát.", "   ", Block("", kind="page_break"))
    assert _lines(ct) == ["Giao Sở Tài chính rà soát."]


def test_pages_follow_the_blocks() -> None:
    ct = composed(
        Block("Trang một, đoạn một.", page=1),
        Block("", page=2, kind="page_break"),
        Block("Trang hai, đoạn một.", page=2),
    )
    assert [ln.page for ln in ct.lines] == [1, 2]
    second = ct.text.index("Trang hai")
    assert ct.page_at(0) == 1
    assert ct.page_at(second) == 2
    assert ct.page_at(len(ct.text) + 50) == 2


def test_empty_input_composes_to_nothing() -> None:
    ct = composed()
    assert ct.text == "" and ct.lines == []
    assert ct.page_at(0) == 1


def test_page_at_every_offset_matches_its_line() -> None:
    ct = composed(
        *header(),
        Block("Đoạn trên trang một.", page=1),
        Block("Đoạn trên trang hai.", page=2),
        *table([["1", "Nội dung"]]),
        Block("Đoạn trên trang ba.", page=3),
    )
    for line in ct.lines:
        for offset in range(line.start, line.end + 1):  # the newline belongs to the line
            assert ct.page_at(offset) == line.page


def test_invisible_characters_do_not_split_words() -> None:
    ct = composed("\ufeffGiao Sở Tài chính r\u00adà so\u200bát, ph\u200dối hợp\u2060 thực hiện.")
    assert ct.text == "Giao Sở Tài chính rà soát, phối hợp thực hiện."
    ct = composed("Giao\u202fSở\u2003Tài chính.")
    assert ct.text == "Giao Sở Tài chính."


def test_a_sub_item_number_without_its_dot_opens_a_line() -> None:
    ct = composed(
        "- Thời gian hoàn thành: trước 28/02/2026",
        "1.2 Tuyên truyền trên hệ thống loa truyền thanh các thôn",
        "- Kinh phí: 1.2 triệu đồng mỗi thôn",
        "1.5 tỷ đồng từ ngân sách xã",
        wrapped=True,
    )
    lines = _lines(ct)
    assert lines[1] == "1.2 Tuyên truyền trên hệ thống loa truyền thanh các thôn"
    assert lines[-1].endswith("mỗi thôn 1.5 tỷ đồng từ ngân sách xã")
