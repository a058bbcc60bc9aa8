"""A scanned header's closed vocabulary, and a party document's header columns, under OCR.

The misreads below are what tesseract made of the train/dev PDFs rendered to images (fifteenth
session): each cost the issuer field or hid the "Số:" label.
"""

from __future__ import annotations

import io

import pytest
from conftest import notice_image
from test_ocr import needs_ocr

from nlp_service.pipeline import process
from nlp_service.readers import read
from nlp_service.readers.ocr_vocabulary import (
    repair_header_line,
    repair_heading_line,
    repair_quarters,
)


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("UBND TĨNH LÂM ĐÔNG", "UBND TỈNH LÂM ĐỒNG"),
        ("HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"),
        ("TÍNH THANH HÓA", "TỈNH THANH HÓA"),
        ("VÀ HĐND TÍNH THANH HÓA", "VÀ HĐND TỈNH THANH HÓA"),
        ("HỘI ĐỒNG NHÂN DẦN", "HỘI ĐỒNG NHÂN DÂN"),
        ("ỦY BAN NHÂN DÂN TĨNH QUANG NINH", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"),
        ("SƠ NỘI VỤ", "SỞ NỘI VỤ"),
        ("Sô: /BNV-TCPCP", "Số: /BNV-TCPCP"),
        ("S6: 12/TB-UBND", "Số: 12/TB-UBND"),
        ("TỈNH HÀ TÍNH", "TỈNH HÀ TĨNH"),
        ("Lâm Đông, ngày tháng năm 2025", "Lâm Đồng, ngày tháng năm 2025"),
        ("V/v cải thiện chỉ số PCI tỉnh Lâm Đông", "V/v cải thiện chỉ số PCI tỉnh Lâm Đồng"),
    ],
)
def test_header_misreads_are_repaired(ocr: str, fixed: str) -> None:
    assert repair_header_line(ocr) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "ỦY BAN NHÂN DÂN",
        "UỶ BAN NHÂN DÂN TỈNH KHÁNH HOÀ",  # the old tone placement is a spelling, not a misread
        "Khánh Hoà, ngày 03 tháng 4 năm 2025",
        "SỐ 245-TB/TU",
        "Số: 24/TB-UBND",
        "SỞ TÀI CHÍNH",
        "HUYỆN TUẦN GIÁO",
        # prose is left alone: only names in capitals carry the unit words
        "V/v tính toán lại dự toán ngân sách",
        "Sơ kết 6 tháng đầu năm",
    ],
)
def test_clean_header_lines_are_left_alone(clean: str) -> None:
    assert repair_header_line(clean) == clean


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("III. TỔ CHÚC THỤC HIỆN", "III. TỔ CHỨC THỰC HIỆN"),
        ("TỔ CHỨC THỤC HIỆN:", "TỔ CHỨC THỰC HIỆN:"),
        ("2. Tổ chúc thục hiện", "2. Tổ chức thực hiện"),
        ("I. MỤC ĐÍCH, YÊU CÂU", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("GIẦY MỜI", "GIẤY MỜI"),
    ],
)
def test_section_headings_are_repaired(ocr: str, fixed: str) -> None:
    assert repair_heading_line(ocr) == fixed


@pytest.mark.parametrize(
    "line",
    [
        "III. TỔ CHỨC THỰC HIỆN",
        # only a whole line is a heading: words inside a sentence are left to ocr_correct
        "Giao các phòng tổ chúc thục hiện kế hoạch này",
        "1. TINH GIẢN BIÊN CHẾ",
        "HỖ TRỢ VÙNG SÂU, VÙNG XA",
    ],
)
def test_body_lines_that_are_no_heading_are_left_alone(line: str) -> None:
    assert repair_heading_line(line) == line


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("Quý IH/2024", "Quý III/2024"),
        ("hoàn thành trong Quý II1/2024.", "hoàn thành trong Quý III/2024."),
        ("hoàn thành trong qwý IW/2025)", "hoàn thành trong quý IV/2025)"),
        ("Quý1/2026", "Quý I/2026"),
        ("Quý II, IH/2026", "Quý II, III/2026"),
        ("Quý W", "Quý IV"),
    ],
)
def test_misread_quarters_are_repaired(ocr: str, fixed: str) -> None:
    assert repair_quarters(ocr) == fixed


@pytest.mark.parametrize(
    "line", ["Quý IV/2026", "quý III", "Quý II - III/2025", "Quý cơ quan", "Kính gửi Quý Hội"]
)
def test_quarters_read_right_and_other_words_are_left_alone(line: str) -> None:
    assert repair_quarters(line) == line


PARTY_LEFT = ["TỈNH ỦY NINH BÌNH", "Số 245-TB/TU", ""]
PARTY_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Ninh Bình, ngày 14 tháng 01 năm 2026"]


def _png(image: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(200, 200))  # type: ignore[attr-defined]
    return buf.getvalue()


@needs_ocr
def test_party_header_columns_are_split_and_the_wide_date_line_kept_whole() -> None:
    png = _png(notice_image(header_left=PARTY_LEFT, header_right=PARTY_RIGHT))
    doc = read(png, "scan.png")
    left = [b.text for b in doc.blocks if b.kind == "header_left"]
    right = [b.text for b in doc.blocks if b.kind == "header_right"]
    assert left[0] == "TỈNH ỦY NINH BÌNH"
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right[-1] == "Ninh Bình, ngày 14 tháng 01 năm 2026"
    result = process(png, "scan.png", segment=False)
    assert result.document.number == "245-TB/TU"
    assert result.document.issue_date == "2026-01-14"
    assert result.document.issuer is not None
    assert result.document.issuer.name.lower() == "tỉnh ủy ninh bình"
