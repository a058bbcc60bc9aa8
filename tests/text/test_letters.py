"""Header texts found whatever accents OCR gave them; offsets stay the original text's."""

from __future__ import annotations

import pytest

from nlp_service.readers._util import is_header_right
from nlp_service.readers.ocr import OcrLine, OcrPage, OcrWord, split_header
from nlp_service.text import letters

from .builders import RIGHT, header
from .test_structure import BODY_TASK, run


def test_base_letters_keep_the_length() -> None:
    text = "Cộng hòa XÃ HỘI, Đồng Nai"
    base = letters.base_letters(text)
    assert base == "Cong hoa XA HOI, Dong Nai"
    assert len(base) == len(text)


@pytest.mark.parametrize(
    "line",
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # the old tone placement
        "CÓNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # OCR's wrong accent
        "CỘNG HOÀ XÃ HỌI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày f6 tháng? năm 2021",
    ],
)
def test_header_right_texts_whatever_their_accents(line: str) -> None:
    assert is_header_right(line)


@pytest.mark.parametrize("line", ["SỞ TÀI CHÍNH", "Số: 46/QĐ-BCĐCCHC", "Kính gửi: Sở Nội vụ"])
def test_left_column_texts_are_not_header_right(line: str) -> None:
    assert not is_header_right(line)


def test_the_quoc_hieu_glued_to_the_issuer_is_not_the_issuer() -> None:
    """OCR put both header columns on one line and misread "CỘNG" as "CÓNG"."""
    left = ["BAN CHỈ ĐẠO CẢI CÁCH CÓNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HÀNH CHÍNH CHÍNH PHỦ"]
    _, s = run(*header(left, RIGHT[1:]), "QUYẾT ĐỊNH", "Về việc", BODY_TASK)
    assert s.fields.issuer_raw is not None
    assert "NGHĨA" not in s.fields.issuer_raw.upper()
    assert "BAN CHỈ ĐẠO CẢI CÁCH" in s.fields.issuer_raw.upper()


def _line(top: int, *words: tuple[str, int]) -> OcrLine:
    out, x = [], 0
    for text, left in words:
        x = left
        out.append(OcrWord(text, x, top, x + 20 * len(text), top + 40, 90.0))
    return OcrLine(out)


def test_the_ocr_header_split_ends_at_the_date_line() -> None:
    """The header's columns are split down to the place-and-date line, not to a legal basis
    below it whose right half also says "ngày … tháng"."""
    lines = [
        _line(100, ("BAN", 100), ("CHỈ", 200), ("ĐẠO", 300), ("CÓNG", 1300), ("HÒA", 1420)),
        _line(160, ("Số:", 100), ("46/QĐ-BCĐ", 200), ("Độc", 1300), ("lập", 1400)),
        _line(220, ("Hà", 1300), ("Nội,", 1380), ("ngày", 1480), ("16", 1600), ("tháng", 1680)),
        _line(300, ("QUYẾT", 900), ("ĐỊNH", 1060)),
        _line(380, ("Căn", 100), ("cứ", 200), ("Luật", 300), ("ngày", 1400), ("tháng", 1520)),
    ]
    page = OcrPage(lines, width=2400, height=3400, confidence=0.9)
    blocks, used = split_header(lines, page)
    assert used == {0, 1, 2}
    assert [b.text for b in blocks if b.kind == "header_left"] == ["BAN CHỈ ĐẠO", "Số: 46/QĐ-BCĐ"]


@pytest.mark.parametrize(
    ("title", "code"),
    [("QUYÉT ĐỊNH", "QĐ"), ("GIÁY MỜI", "GM"), ("KÊ HOẠCH", "KH"), ("THÔNG BÁO", "TB")],
)
def test_a_title_whose_accents_ocr_misread_still_types_the_notice(title: str, code: str) -> None:
    _, s = run(*header(["UBND TỈNH LÂM ĐỒNG", "Số: 12/UBND"], RIGHT), title, "Về việc", BODY_TASK)
    assert s.fields.doc_type == code
