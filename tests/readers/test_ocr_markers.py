"""List markers OCR misread are repaired from their neighbours, and only then."""

from __future__ import annotations

import pytest

from nlp_service.readers.ocr_markers import repair_markers
from nlp_service.types import Block


def _repaired(lines: list[str]) -> list[str]:
    blocks = [Block(t) for t in lines]
    repair_markers(blocks)
    return [b.text for b in blocks]


def test_a_misread_letter_takes_the_place_its_neighbours_leave() -> None:
    got = _repaired(
        [
            "1. Các bộ, cơ quan ngang bộ có trách nhiệm:",
            "8) Chỉ đạo, hướng dẫn xây dựng tiêu chí cụ thể;",  # "a)" read as "8)"
            "tiêu chí chung đối với công chức.",  # a wrapped line, no marker
            "b) Tổ chức triển khai việc theo dõi;",
            "c) Kịp thời rà soát, điều chỉnh Danh mục;",
            "ø) Xây dựng phần mềm theo dõi;",  # "d)": no letter at all between "c)" and "đ)"
            "đ) Định kỳ báo cáo;",
            "e) Thực hiện giám sát;",
            "ø) Chịu trách nhiệm cập nhật thông tin;",  # "g)" after "e)"
            "2. Bộ Nội vụ có trách nhiệm:",
        ]
    )
    assert [t[:2] for t in got] == ["1.", "a)", "ti", "b)", "c)", "d)", "đ)", "e)", "g)", "2."]


def test_a_misread_number_between_two_numbers() -> None:
    got = _repaired(["7. Bảy;", "§. Chương trình tổ chức thực hiện điểm;", "9. Chín."])
    assert got[1].startswith("8. Chương trình")


@pytest.mark.parametrize(
    "lines",
    [
        ["1) một;", "2) hai;", "8) tám, không phải chữ;"],  # a numbered list stays numbered
        ["6. Sáu;", "I. TỔNG HỢP KẾT QUẢ", "8. Tám;"],  # a roman heading is no misread number
        ["2. Hai;", "KT. BỘ TRƯỞNG", "4. Bốn;"],  # a signature block is no list item
        ["a) Một;", "8) Tám;", "d) Bốn;"],  # the neighbours leave two places: no guess
    ],
)
def test_markers_the_neighbours_do_not_settle_stay(lines: list[str]) -> None:
    assert _repaired(lines) == lines
