"""structure.analyse(): NĐ 30 header fields, trích yếu, body bounds, sections, addressees."""

from __future__ import annotations

from datetime import date

import pytest

from nlp_service.text.compose import ComposedText
from nlp_service.text.structure import Structure, analyse, parse_number

from .builders import LEFT, RIGHT, column, composed, header, plain_notice, table

BODY_TASK = (
    "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án, "
    "báo cáo UBND tỉnh trước ngày 15/10/2018."
)
SIGNATURE = [
    "Nơi nhận:",
    "- Sở Tài chính;",
    "- Sở Xây dựng;",
    "- Lưu: VT.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Trần Thị Bình",
]


def run(*items: object, wrapped: bool = False) -> tuple[ComposedText, Structure]:
    ct = composed(*items, wrapped=wrapped)  # type: ignore[arg-type]
    return ct, analyse(ct)


def body(ct: ComposedText, s: Structure) -> str:
    return ct.text[s.body_start : s.body_end]


# --- numbers and types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number", "code"),
    [
        ("24/TB-HĐND", "24/TB-HĐND", "TB"),
        ("45/2024/NQ-HĐND", "45/2024/NQ-HĐND", "NQ"),
        ("123/KH-UBND", "123/KH-UBND", "KH"),
        ("12/UBND-VX", "12/UBND-VX", "CV"),
        ("1376/VP-NC", "1376/VP-NC", "CV"),
        ("35/TB-TTHĐND", "35/TB-TTHĐND", "TB"),
        ("2927-TB/TU", "2927-TB/TU", "TB"),
        ("05/CTr-UBND", "05/CTr-UBND", "CTr"),
        ("/TB-UBND", None, "TB"),
        ("  /KH-UBND", None, "KH"),
        ("24 / TB-HĐND", "24/TB-HĐND", "TB"),
        ("46 /QD-UBND", "46/QD-UBND", "QĐ"),
        ("131/CD-TTg", "131/CD-TTg", "CĐ"),
        ("12/DA-UBND", "12/DA-UBND", "DA"),
        ("", None, None),
        ("không số", None, None),
        # A handwritten number OCR'd into letters: unreadable, the printed code still types it.
        ("4H09/BCA-C04", None, "CV"),
        ("3O7 /QĐ-UBND", None, "QĐ"),
        ("12a/QĐ-UBND", "12a/QĐ-UBND", "QĐ"),
        ("5Ø /KH-BCA-C04", None, "KH"),
        ("335/2025/NĐ-CP", "335/2025/NĐ-CP", "NĐ"),
        ("ABC/DEF", None, None),
    ],
)
def test_parse_number(value: str, number: str | None, code: str | None) -> None:
    assert parse_number(value) == (number, code)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("THÔNG BÁO", "TB"),
        ("THÔNG BÁO KẾT LUẬN", "TB"),
        ("KẾ HOẠCH", "KH"),
        ("NGHỊ QUYẾT", "NQ"),
        ("QUYẾT ĐỊNH", "QĐ"),
        ("CÔNG ĐIỆN", "CĐ"),
        ("GIẤY MỜI", "GM"),
    ],
)
def test_doc_type_from_the_title_line(title: str, code: str) -> None:
    left = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: /UBND-TH"]  # no type code in the number
    _, s = run(*header(left), title, "Về việc triển khai nhiệm vụ năm 2018", BODY_TASK)
    assert s.fields.doc_type == code


@pytest.mark.parametrize(
    ("number_line", "number", "code"),
    [
        ("Số: 24/TB-HĐND", "24/TB-HĐND", "TB"),
        ("Số: 45/2024/NQ-HĐND", "45/2024/NQ-HĐND", "NQ"),
        ("Số: 2927-TB/TU", "2927-TB/TU", "TB"),
        ("Số: /TB-UBND", None, "TB"),
    ],
)
def test_doc_type_and_number_from_the_number_line(
    number_line: str, number: str | None, code: str
) -> None:
    left = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", number_line]
    _, s = run(*header(left), BODY_TASK)  # no title line at all
    assert s.fields.number == number
    assert s.fields.doc_type == code


def test_cong_van_number_and_vv_subject() -> None:
    left = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "Số: 12/UBND-VX",
        "V/v triển khai kế hoạch cải cách hành chính năm 2018",
    ]
    _ct, s = run(
        *header(left),
        "Kính gửi: Sở Nội vụ",
        "Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ rà soát, báo cáo trước ngày 15/10/2018.",
    )
    assert s.fields.number == "12/UBND-VX"
    assert s.fields.doc_type == "CV"
    assert s.fields.subject == "V/v triển khai kế hoạch cải cách hành chính năm 2018"
    assert s.fields.issuer_raw == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"


def test_title_type_wins_over_cong_van_default() -> None:
    left = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 24/TB-UBND"]
    _, s = run(*header(left), "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", BODY_TASK)
    assert s.fields.doc_type == "TB"


# --- issuer, date, place --------------------------------------------------------------------


def test_issuer_from_a_two_line_left_header() -> None:
    _, s = run(*header(), "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", BODY_TASK)
    assert s.fields.issuer_raw == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"


def test_issuer_of_a_sub_unit_names_its_parent() -> None:
    left = ["UBND TỈNH LÂM ĐỒNG", "VĂN PHÒNG", "Số: 1376/VP-NC"]
    _, s = run(*header(left), "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", BODY_TASK)
    assert s.fields.issuer_raw == "VĂN PHÒNG UBND TỈNH LÂM ĐỒNG"


def test_issuer_from_plain_text_lines_before_the_number() -> None:
    _, s = run(*plain_notice(BODY_TASK))
    assert s.fields.issuer_raw == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert s.fields.number == "24/TB-UBND"


def test_issue_date_and_place() -> None:
    right = [*RIGHT[:2], "Hà Nội, ngày 12 tháng 9 năm 2018"]
    _, s = run(*header(right=right), "THÔNG BÁO", "Kết luận của Chủ tịch", BODY_TASK)
    assert s.fields.issue_date == date(2018, 9, 12)
    assert s.fields.place == "Hà Nội"
    assert s.anchor_date == date(2018, 9, 12)


def test_a_draft_has_no_issue_date_but_an_anchor() -> None:
    left = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: /TB-UBND"]
    right = [*RIGHT[:2], "Lâm Đồng, ngày      tháng 4 năm 2026"]
    _, s = run(*header(left, right), "THÔNG BÁO", "Kết luận của Chủ tịch", BODY_TASK)
    assert s.fields.issue_date is None
    assert s.fields.number is None
    assert s.fields.place == "Lâm Đồng"
    assert s.anchor_date == date(2026, 4, 1)


def test_an_impossible_date_is_no_date() -> None:
    right = [*RIGHT[:2], "Hà Nội, ngày 31 tháng 2 năm 2018"]
    _, s = run(*header(right=right), BODY_TASK)
    assert s.fields.issue_date is None


def test_issuer_names_split_over_lines_are_joined() -> None:
    left = ["BỘ CÔNG AN", "CỤC CẢNH SÁT ĐIỀU TRA", "TỘI PHẠM VỀ MA TÚY", "Số: 12/C04-P6"]
    _, s = run(*header(left), "Kính gửi: Công an các tỉnh, thành phố", BODY_TASK)
    assert s.fields.issuer_raw == "CỤC CẢNH SÁT ĐIỀU TRA TỘI PHẠM VỀ MA TÚY"
    left = [
        "UBND TỈNH LÂM ĐỒNG",
        "TRUNG TÂM XÚC TIẾN ĐẦU TƯ,",
        "THƯƠNG MẠI VÀ DU LỊCH",
        "Số: 9/TTXT",
    ]
    _, s = run(*header(left), "BÁO CÁO", "Tình hình thu hút đầu tư", BODY_TASK)
    assert s.fields.issuer_raw == "TRUNG TÂM XÚC TIẾN ĐẦU TƯ, THƯƠNG MẠI VÀ DU LỊCH TỈNH LÂM ĐỒNG"


def test_a_department_takes_the_place_of_its_parent() -> None:
    left = ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 184/BC-SNV"]
    _, s = run(*header(left), "BÁO CÁO", "Tình hình thực hiện các chỉ số", BODY_TASK)
    assert s.fields.issuer_raw == "SỞ NỘI VỤ TỈNH LÂM ĐỒNG"


def test_resolution_without_a_header_column() -> None:
    """A resolution converted to plain text: the enacting body under the title is the issuer,
    the day it was passed is its date, and a document cited in the body is not its number."""
    _, s = run(
        "NGHỊ QUYẾT",
        "VỀ NHIỆM VỤ 6 THÁNG CUỐI NĂM 2017",
        "HỘI ĐỒNG NHÂN DÂN TỈNH GIA LAI",
        "KHOÁ XI, KỲ HỌP THỨ BA",
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;",
        "QUYẾT NGHỊ:",
        "Điều 1. Tán thành Báo cáo số 40/BC-HĐND ngày 03/7/2017 của Thường trực HĐND tỉnh.",
        "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh Gia Lai khóa XI, Kỳ họp thứ Ba thông qua "
        "ngày 13 tháng 7 năm 2017.",
    )
    assert s.fields.doc_type == "NQ"
    assert s.fields.issuer_raw == "HỘI ĐỒNG NHÂN DÂN TỈNH GIA LAI"
    assert s.fields.number is None
    assert s.fields.issue_date == date(2017, 7, 13)


def test_a_resolution_is_not_dated_by_the_proposal_it_considered() -> None:
    """A converted resolution with no date line: "Xét Tờ trình số …, ngày …" dates the proposal."""
    _, s = run(
        "NGHỊ QUYẾT",
        "BAN HÀNH CHƯƠNG TRÌNH GIÁM SÁT NĂM 2018",
        "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Xét Tờ trình số 02/TTr-HĐND, ngày 30 tháng 6 năm 2017 của Thường trực HĐND tỉnh;",
        "QUYẾT NGHỊ:",
        "Điều 1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
    )
    assert s.fields.doc_type == "NQ"
    assert s.fields.issue_date is None


def test_a_scan_title_split_into_a_header_column_still_types_the_notice() -> None:
    """OCR column splitting can put the centred title under the right header column: a type name
    alone after the date line is still the title; one above the date line never is."""
    left = ["THỦ TƯỚNG CHÍNH PHỦ", "Số: Ở32/QĐÐ-TTg", "Về việc phê duyệt danh"]
    right = [*RIGHT, "QUYẾT ĐỊNH", "sách thành viên của Tổ công tác"]
    _, s = run(*header(left, right), "Căn cứ Luật Tổ chức Chính phủ;", BODY_TASK)
    assert s.fields.doc_type == "QĐ"
    above = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", RIGHT[2]]
    _, s = run(*header(left, above), "Căn cứ Luật Tổ chức Chính phủ;", BODY_TASK)
    assert s.fields.doc_type is None


@pytest.mark.parametrize(
    ("signed", "expected"),
    [
        ([date(2025, 11, 5), date(2025, 11, 6)], date(2025, 11, 6)),  # the last signature
        ([date(2025, 10, 30), date(2025, 12, 2)], None),  # none in the month the line gives
        ([], None),
    ],
)
def test_blank_date_line_takes_the_signing_day(signed: list[date], expected: date | None) -> None:
    right = [*RIGHT[:2], "Lâm Đồng, ngày      tháng 11 năm 2025"]
    _, s = run(*header(right=right), "BÁO CÁO", "Tình hình", BODY_TASK)
    assert s.blank_date == (2025, 11)
    assert s.date_from_signatures(signed) == expected


@pytest.mark.parametrize(
    ("line", "blank"),
    [
        ("Hà Nội, ngày đ{ tháng năm 2025", (2025, None)),  # OCR of a stamped day and month
        ("Hà Nội, ngày 3 12 0 tháng 12 năm 2024", (2024, 12)),  # a day stamped over a printed one
    ],
)
def test_a_garbled_stamped_day_is_a_blank_for_the_signatures(
    line: str, blank: tuple[int, int | None]
) -> None:
    right = [*RIGHT[:2], line]
    _, s = run(*header(right=right), "CÔNG VĂN", "Về việc", BODY_TASK)
    assert s.fields.issue_date is None and s.fields.place == "Hà Nội"
    assert s.blank_date == blank
    signed = [date(blank[0], blank[1] or 10, 1), date(blank[0], blank[1] or 10, 2)]
    assert s.date_from_signatures(signed) == signed[-1]


def test_a_handwritten_date_lost_with_its_ngay_or_its_month_still_takes_the_signature() -> None:
    # "Hà Nội, tháng 10 năm 2025": OCR dropped "ngày" with the handwritten day.
    right = [*RIGHT[:2], "Hà Nội, tháng 10 năm 2025"]
    _, s = run(*header(right=right), "KẾ HOẠCH", "Tổ chức Hội nghị", BODY_TASK)
    assert s.blank_date == (2025, 10) and s.fields.place == "Hà Nội"
    assert s.date_from_signatures([date(2025, 10, 2)]) == date(2025, 10, 2)
    # "ngày lé tháng 3" over a handwritten "16 tháng 9": the month came out garbled too, so a
    # signature of the same year dates the notice.
    right = [*RIGHT[:2], "Hà Nội, ngày lé tháng 3 năm 2025"]
    _, s = run(*header(right=right), "CÔNG VĂN", "Về việc", BODY_TASK)
    assert s.date_from_signatures([date(2025, 9, 16)]) == date(2025, 9, 16)
    assert s.date_from_signatures([date(2024, 9, 16)]) is None


def test_a_dated_notice_ignores_its_signatures() -> None:
    right = [*RIGHT[:2], "Hà Nội, ngày 12 tháng 9 năm 2018"]
    _, s = run(*header(right=right), "THÔNG BÁO", "Kết luận", BODY_TASK)
    assert s.date_from_signatures([date(2018, 9, 20)]) is None


# --- trích yếu --------------------------------------------------------------------------


def test_subject_on_one_line_then_a_rule() -> None:
    ct, s = run(
        *header(),
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh về giải phóng mặt bằng",
        "__________",
        BODY_TASK,
    )
    assert s.fields.subject == "Kết luận của Chủ tịch UBND tỉnh về giải phóng mặt bằng"
    assert body(ct, s).startswith("Giao Sở Tài chính")


@pytest.mark.parametrize(
    "first_body_line",
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Ngày 10/9/2018, Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải phóng mặt bằng.",
        "Thực hiện Kế hoạch số 41/KH-UBND ngày 12/9/2018 của UBND tỉnh",
        "Để đẩy nhanh tiến độ, Chủ tịch UBND tỉnh yêu cầu các đơn vị thực hiện các nội dung sau:",
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương thực hiện các nội dung sau:",
        "1. Giao Sở Tài chính chủ trì rà soát danh mục dự án",
        "I. ĐÁNH GIÁ CHUNG",
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau",
        BODY_TASK,
        "Công tác giải phóng mặt bằng các dự án trọng điểm thời gian qua còn chậm, " * 3,
    ],
)
def test_first_body_line_is_not_swallowed_into_the_subject(first_body_line: str) -> None:
    """Plain text has no "____" rule under the trích yếu: the body follows directly."""
    ct, s = run(*plain_notice(first_body_line, BODY_TASK))
    assert s.fields.subject == (
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải phóng mặt bằng"
    )
    assert body(ct, s).startswith(first_body_line.strip())


@pytest.mark.parametrize(
    "subject",
    [
        [
            "Kết luận của đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh tại Hội nghị sơ kết "
            "công tác cải cách hành chính 6 tháng đầu năm 2024"
        ],
        [
            "Kết luận của đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh",
            "tại Hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2024",
        ],
        [
            "Kết luận của đồng chí Nguyễn Văn An - Ủy viên Ban Thường vụ Tỉnh ủy,",
            "Phó Chủ tịch UBND tỉnh tại Hội nghị sơ kết công tác cải cách hành chính",
        ],
        [
            "Kết luận của đồng chí Nguyễn Văn An tại Hội nghị",
            "Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2024",
        ],
        ["KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "VỀ TIẾN ĐỘ GIẢI PHÓNG MẶT BẰNG"],
    ],
)
def test_multi_line_subject_is_kept_whole(subject: list[str]) -> None:
    ct, s = run(
        *plain_notice(
            "Ngày 10/9/2018, Chủ tịch UBND tỉnh chủ trì cuộc họp.", BODY_TASK, subject=subject
        )
    )
    assert s.fields.subject == " ".join(subject)
    assert body(ct, s).startswith("Ngày 10/9/2018")


def test_authority_line_of_a_resolution_is_not_subject() -> None:
    _ct, s = run(
        *header(["HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 45/2024/NQ-HĐND"]),
        "NGHỊ QUYẾT",
        "Về chương trình giám sát năm 2025",
        "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG",
        "KHÓA X, KỲ HỌP THỨ 20",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "QUYẾT NGHỊ:",
        "Điều 1. Thông qua chương trình giám sát năm 2025.",
    )
    assert s.fields.subject == "Về chương trình giám sát năm 2025"
    assert s.fields.doc_type == "NQ"


def test_a_resolution_without_its_header_table_still_names_its_issuer_and_number() -> None:
    # An export whose header table came out empty: the title's last line and the enacting body
    # run together, and the number survives only in the annex title.
    _ct, s = run(
        "NGHỊ QUYẾT",
        "VỀ KẾT QUẢ GIÁM SÁT VIỆC SỬ DỤNG ĐẤT CÔNG GIAI ĐOẠN 2021 - 2025 HỘI ĐỒNG NHÂN DÂN "
        "TỈNH LÂM ĐỒNG",
        "KHÓA X, KỲ HỌP THỨ 20",
        "Căn cứ Luật Tổ chức chính quyền địa phương; Căn cứ Quyết định số 12/QĐ-UBND;",
        "QUYẾT NGHỊ:",
        "Điều 1. Giao Ủy ban nhân dân tỉnh rà soát các dự án chậm tiến độ.",
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 10 tháng 12 năm 2025./.",
        "DANH MỤC DỰ ÁN CẦN RÀ SOÁT",
        "(Ban hành kèm theo Nghị quyết số 31/NQ-HĐND ngày 10 tháng 12 năm 2025 của Hội đồng "
        "nhân dân tỉnh)",
    )
    assert s.fields.issuer_raw == "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert s.fields.number == "31/NQ-HĐND"
    assert s.fields.issue_date == date(2025, 12, 10)


def test_an_annex_of_another_document_type_gives_no_number() -> None:
    _ct, s = run(
        "NGHỊ QUYẾT",
        "Về chương trình giám sát năm 2026",
        "QUYẾT NGHỊ:",
        "Điều 1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.",
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 10 tháng 12 năm 2025./.",
        "(Kèm theo Quyết định số 45/QĐ-UBND ngày 01 tháng 12 năm 2025)",
    )
    assert s.fields.number is None


def test_no_subject_when_the_body_follows_the_title() -> None:
    ct, s = run(
        *header(),
        "CÔNG ĐIỆN",
        "Chủ tịch UBND tỉnh yêu cầu các sở, ngành khẩn trương "
        "triển khai các biện pháp phòng, chống bão số 3.",
    )
    assert s.fields.subject is None
    assert body(ct, s).startswith("Chủ tịch UBND tỉnh yêu cầu")


# --- signer, recipients, urgency ----------------------------------------------------------


def test_signer_from_a_signature_block() -> None:
    ct, s = run(*plain_notice(BODY_TASK), *SIGNATURE)
    assert s.fields.signer_name == "Trần Thị Bình"
    assert s.fields.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert body(ct, s).rstrip().endswith("trước ngày 15/10/2018.")
    assert "Nơi nhận" not in body(ct, s)


def test_signer_from_a_noi_nhan_and_signature_table() -> None:
    rows = [
        ["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"],
        ["- Như trên;", "CHỦ TỊCH"],
        ["- Sở Tài chính;", ""],
        ["- Lưu: VT, TH.", "Lê Văn Cường"],
    ]
    ct, s = run(*header(), "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", BODY_TASK, *table(rows))
    assert s.fields.signer_name == "Lê Văn Cường"
    assert s.fields.signer_title == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"
    assert s.fields.recipients == ["Sở Tài chính"]
    assert s.body_end == next(ln.start for ln in ct.lines if ln.kind == "table_row")


def test_signer_title_and_name_on_one_line() -> None:
    _, s = run(
        *plain_notice(BODY_TASK),
        "Nơi nhận:",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An",
    )
    assert s.fields.signer_name == "Nguyễn Văn An"
    assert s.fields.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"


def test_recipients_from_kinh_gui_on_one_line() -> None:
    ct, s = run(
        *header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/UBND-VX"]),
        "Kính gửi: Sở Nội vụ",
        "Ủy ban nhân dân tỉnh đề nghị Quý cơ quan rà soát, báo cáo.",
    )
    assert [a.text for a in s.addressees] == ["Sở Nội vụ"]
    assert s.fields.recipients == ["Sở Nội vụ"]
    a = s.addressees[0]
    assert ct.text[a.start : a.end] == "Sở Nội vụ"
    assert body(ct, s).startswith("Ủy ban nhân dân tỉnh đề nghị")


@pytest.mark.parametrize("blank", ["…………………………", "......................", "………, …….."])
def test_a_blank_kinh_gui_addresses_nobody(blank: str) -> None:
    """An invitation printed from a template leaves "Kính gửi:" to be filled in by hand."""
    _, s = run(
        *header(["HỘI ĐỒNG NHÂN DÂN", "HUYỆN ĐỨC TRỌNG", "Số: 07/GM-HĐND"]),
        f"Kính gửi: {blank}",
        "Thường trực HĐND huyện tổ chức cuộc họp chuẩn bị kỳ họp thứ 9.",
    )
    assert s.addressees == []
    assert s.fields.recipients == []


def test_recipients_from_a_kinh_gui_list_and_noi_nhan() -> None:
    ct, s = run(
        *header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/UBND-VX"]),
        "Kính gửi:",
        "- Sở Tài chính;",
        "- Sở Xây dựng.",
        "Ủy ban nhân dân tỉnh đề nghị Quý cơ quan rà soát, báo cáo.",
        "Nơi nhận:",
        "- Như trên;",
        "- Thường trực Tỉnh ủy (b/c);",
        "- Lưu: VT.",
    )
    assert [a.text for a in s.addressees] == ["Sở Tài chính", "Sở Xây dựng"]
    for a in s.addressees:
        assert ct.text[a.start : a.end] == a.text
    assert s.fields.recipients == ["Sở Tài chính", "Sở Xây dựng", "Thường trực Tỉnh ủy (b/c)"]
    assert body(ct, s).startswith("Ủy ban nhân dân tỉnh đề nghị")


@pytest.mark.parametrize(
    ("mark", "label"),
    [
        ("HỎA TỐC", "Hỏa tốc"),
        ("HOẢ TỐC", "Hỏa tốc"),
        ("THƯỢNG KHẨN", "Thượng khẩn"),
        ("KHẨN", "Khẩn"),
        (None, None),
    ],
)
def test_urgency(mark: str | None, label: str | None) -> None:
    lines = [mark] if mark else []
    _, s = run(
        *column("header_left", [*LEFT, *lines]),
        *column("header_right", RIGHT),
        "CÔNG ĐIỆN",
        "Về việc ứng phó với bão số 3",
        BODY_TASK,
    )
    assert s.fields.urgency == label


def test_urgency_word_inside_a_sentence_is_not_a_mark() -> None:
    _, s = run(*plain_notice("Các đơn vị khẩn trương triển khai, báo cáo trước ngày 15/10/2018."))
    assert s.fields.urgency is None


# --- sections and annexes ---------------------------------------------------------------


SECTIONED = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Nâng cao chất lượng công tác cải cách hành chính.",
    "II. NHIỆM VỤ",
    "1. Nhiệm vụ chung",
    "1.1. Về thể chế",
    "a) Giao Sở Tư pháp rà soát văn bản quy phạm pháp luật.",
    "b) Giao Sở Nội vụ theo dõi, đôn đốc.",
    "1.2. Về tổ chức bộ máy",
    "2. Nhiệm vụ cụ thể",
    "Giao Sở Tài chính bố trí kinh phí.",
]


def test_numbered_sections_and_section_path() -> None:
    ct, s = run(
        *header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 123/KH-UBND"]),
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2018",
        *SECTIONED,
        *SIGNATURE,
    )
    labels = [(sec.label, sec.level) for sec in s.sections]
    assert labels == [
        ("I", 1),
        ("1", 2),
        ("II", 1),
        ("1", 2),
        ("1.1", 3),
        ("a", 6),
        ("b", 6),
        ("1.2", 3),
        ("2", 2),
    ]

    def path(fragment: str) -> str | None:
        return s.section_path(ct.text.index(fragment))

    assert path("Nâng cao chất lượng") == "I.1"
    assert path("Giao Sở Tư pháp") == "II.1.1.1.a"
    assert path("Giao Sở Nội vụ") == "II.1.1.1.b"
    assert path("Về tổ chức bộ máy") == "II.1.1.2"
    assert path("Giao Sở Tài chính bố trí") == "II.2"
    assert s.section_path(ct.text.index("Cải cách hành chính năm 2018")) is None
    # Sections end at the body's end: the signature block belongs to none.
    assert s.section_path(ct.text.index("Trần Thị Bình")) is None
    innermost = s.innermost(ct.text.index("Giao Sở Tư pháp"))
    assert innermost[-1].heading.startswith("a) Giao Sở Tư pháp")


def test_dieu_sections_of_a_decision() -> None:
    ct, s = run(
        *header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 45/2024/QĐ-UBND"]),
        "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế làm việc",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành.",
        *SIGNATURE,
    )
    assert [sec.label for sec in s.sections] == ["Điều 1", "Điều 2", "Điều 3"]
    assert s.section_path(ct.text.index("Chánh Văn phòng")) == "Điều 3"
    assert s.fields.doc_type == "QĐ"


ANNEX = [
    "QUY CHẾ",
    "Làm việc của Ủy ban nhân dân tỉnh",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy chế này quy định về nguyên tắc, chế độ trách nhiệm, lề lối làm việc, quan hệ công tác "
    "của Ủy ban nhân dân tỉnh và các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.",
    "Điều 2. Trách nhiệm thi hành",
    "Giám đốc các sở có trách nhiệm tổ chức thực hiện Quy chế này; trong quá trình thực hiện, "
    "nếu có vướng mắc, báo cáo Ủy ban nhân dân tỉnh qua Sở Nội vụ để xem xét, sửa đổi.",
]


def test_annex_after_the_signature_is_operative_text() -> None:
    ct, s = run(
        *header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 45/2024/QĐ-UBND"]),
        "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế làm việc",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.",
        *SIGNATURE,
        *ANNEX,
    )
    assert s.annex_start == ct.text.index("QUY CHẾ\n")
    assert s.in_body(ct.text.index("Giám đốc các sở có trách nhiệm"))
    assert not s.in_body(ct.text.index("Trần Thị Bình"))
    assert not s.in_body(ct.text.index("- Sở Xây dựng"))
    assert s.section_path(ct.text.index("Giám đốc các sở")) == "Chương I.Điều 2"
    # Nơi nhận stops at the annex: nothing of the annex is a recipient.
    assert s.fields.recipients == ["Sở Tài chính", "Sở Xây dựng"]


def test_task_annex_right_after_a_signature_table() -> None:
    """A Word plan signs in a table ("Nơi nhận" | "KT. CHỦ TỊCH …") and its "PHỤ LỤC" of tasks
    starts on the very next line: the appendix is still the plan's operative text."""
    ct, s = run(
        *header(["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 412/KH-UBND"]),
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "II. NHIỆM VỤ",
        "Nhiệm vụ cụ thể được phân công tại Phụ lục kèm theo Kế hoạch này.",
        *table([["Nơi nhận: - Bộ Nội vụ; - Lưu: VT.", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn An"]]),
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        *table(
            [
                ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời gian hoàn thành"],
                [
                    "1",
                    "Rà soát, lập danh mục văn bản quy phạm pháp luật cần sửa đổi",
                    "Sở Tư pháp",
                    "Quý I/2026",
                ],
                [
                    "2",
                    "Kiểm soát chất lượng dự thảo quyết định công bố thủ tục hành chính",
                    "Văn phòng UBND tỉnh",
                    "Thường xuyên",
                ],
            ],
            index=1,
        ),
    )
    assert s.annex_start == ct.text.index("PHỤ LỤC")
    assert s.in_body(ct.text.index("Rà soát, lập danh mục"))
    assert not s.in_body(ct.text.index("Trần Văn An"))


def test_no_annex_without_text_after_the_signature() -> None:
    _, s = run(*plain_notice(BODY_TASK), *SIGNATURE)
    assert s.annex_start is None


def test_wrapped_plain_text_notice_end_to_end() -> None:
    ct, s = run(
        *plain_notice(
            "Ngày 10/9/2018, Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải phóng mặt",
            "bằng các dự án trọng điểm. Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận",
            "như sau:",
            "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự",
            "án, báo cáo UBND tỉnh trước ngày 15/10/2018.",
        ),
        *SIGNATURE,
        wrapped=True,
    )
    assert s.fields.doc_type == "TB" and s.fields.number == "24/TB-UBND"
    assert s.fields.issue_date == date(2018, 9, 12)
    assert s.fields.subject == (
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải phóng mặt bằng"
    )
    assert [sec.label for sec in s.sections] == ["1"]
    assert (
        "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án, báo "
        "cáo UBND tỉnh trước ngày 15/10/2018." in body(ct, s).splitlines()
    )


def test_plain_text_signature_glued_to_the_recipients_column() -> None:
    """Plain text loses the columns: the signature block rides on the Nơi nhận lines."""
    _, s = run(
        *plain_notice(BODY_TASK),
        "Nơi nhận: TM. THƯỜNG TRỰC HĐND",
        "- Thường trực Huyện ủy (b/c); CHỦ TỊCH",
        "- UBND huyện;",
        "- Thanh tra huyện; Nguyễn Văn Thạnh",
        "- Lưu: VT.",
    )
    assert s.fields.signer_name == "Nguyễn Văn Thạnh"
    assert s.fields.signer_title == "TM. THƯỜNG TRỰC HĐND CHỦ TỊCH"
    assert s.fields.recipients == ["Thường trực Huyện ủy (b/c)", "UBND huyện", "Thanh tra huyện"]


def test_recipients_sharing_a_line() -> None:
    _, s = run(
        *plain_notice(BODY_TASK),
        "Nơi nhận:",
        "- VP Tỉnh ủy; Đoàn ĐBQH tỉnh;",
        "- Các sở, ngành: TC; XD; NN&MT;",
        "- Đ/c Bí thư Tỉnh ủy; (để báo cáo)",
        "- GĐ, các PGĐ; 1/1",
        "- Lưu: VT, TH.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Thị Bình",
    )
    assert s.fields.recipients == [
        "VP Tỉnh ủy",
        "Đoàn ĐBQH tỉnh",
        "Các sở, ngành: TC; XD; NN&MT",
        "Đ/c Bí thư Tỉnh ủy; (để báo cáo)",
        "GĐ, các PGĐ",
    ]
    assert s.fields.signer_name == "Trần Thị Bình"


def test_the_number_code_wins_over_a_heading_taken_for_the_title() -> None:
    # An OCR'd decree whose "NGHỊ ĐỊNH" title was scrambled: the first type name in capitals is
    # Chương I's "QUY ĐỊNH CHUNG", the number still says what the document is.
    left = ["CHÍNH PHỦ", "Số: 335/2025/NĐ-CP"]
    _, s = run(*header(left), "QUY ĐỊNH CHUNG", BODY_TASK)
    assert s.fields.doc_type == "NĐ"
