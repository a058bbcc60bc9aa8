"""The document number from the file name when OCR could not read the handwritten one."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_service.pipeline import process
from nlp_service.text.filename_number import number_from_filename
from tests.conftest import RAW

from .builders import RIGHT, header
from .test_structure import BODY_TASK, run


@pytest.mark.parametrize(
    ("slot", "code", "filename", "year", "expected"),
    [
        ("4H09", "BCA-C04", "1_4409.signed.pdf", 2025, "4409/BCA-C04"),  # a letter for a digit
        ("Ở32", "QĐ-TTg", "QD932.pdf", 2025, "932/QĐ-TTg"),  # the first digit lost
        ("3 49", "C04-P6", "3980_0001 (1).pdf", 2025, "3980/C04-P6"),  # page counter skipped
        ("70 0 7", "2024/QĐ-UBND", "VanBanGoc_70.2024.pdf", 2024, "70/2024/QĐ-UBND"),
        ("1?5", "UBND-VP", "CV 2025 ve viec hop.pdf", 2025, None),  # the year is no number
        ("4H09", "BCA-C04", "cong van bo cong an.pdf", 2025, None),  # no digits to lend
        ("4H09", "BCA-C04", "CV 17 ngay 3.pdf", 2025, None),  # digits that disagree
        ("5ß", "UBND", "58 va 59.pdf", 2025, None),  # a tie gives nothing
        ("..", "UBND", "123.pdf", 2025, None),  # nothing was read of the slot
    ],
)
def test_number_from_filename(
    slot: str, code: str, filename: str, year: int, expected: str | None
) -> None:
    assert number_from_filename(slot, code, filename, year) == expected


def test_structure_keeps_an_unreadable_slot_and_its_code() -> None:
    left = ["THỦ TƯỚNG CHÍNH PHỦ", "Số: Ở32/QĐÐ-TTg"]
    _, s = run(*header(left, RIGHT), "QUYẾT ĐỊNH", "Về việc", BODY_TASK)
    assert s.fields.number is None
    assert s.number_slot == ("Ở32", "QĐ-TTg")
    clean = ["UBND TỈNH LÂM ĐỒNG", "Số: 184/TB-UBND"]
    _, s = run(*header(clean, RIGHT), "THÔNG BÁO", "Kết luận", BODY_TASK)
    assert s.fields.number == "184/TB-UBND" and s.number_slot is None


NOTICE = """ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Số: 4H09/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 10 tháng 3 năm 2026
V/v triển khai kiểm tra công tác cải cách hành chính
Kính gửi: Sở Nội vụ.
Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành xây dựng kế hoạch kiểm tra, trình UBND tỉnh
trước ngày 31/3/2026.
"""


@pytest.mark.parametrize(
    ("filename", "number"),
    [("4409_scan.txt", "4409/UBND-VP"), ("cong van kiem tra.txt", None)],
)
def test_the_pipeline_says_where_the_number_came_from(filename: str, number: str | None) -> None:
    result = process(NOTICE.encode(), filename, segment=False)
    assert result.document.number == number
    noted = [w for w in result.warnings if w.startswith("number_from_filename")]
    assert bool(noted) == (number is not None)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("vpubnd49__VBAI/1_4409.signed.pdf", "4409/BCA-C04"),
        ("vpubnd49__VBAI/QD932.pdf", "932/QĐ-TTg"),
        ("vpubnd49__VBAI/3980_0001 (1).pdf", "3980/C04-P6"),
    ],
)
def test_scans_of_the_corpus(name: str, number: str) -> None:
    path = Path(RAW) / name
    if not path.exists():
        pytest.skip("../shared/corpus/raw is absent")
    assert process(path.read_bytes(), path.name, segment=False).document.number == number
