"""OCR path: scans, damaged text layers and image uploads (needs tesseract with 'vie')."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from conftest import GARBAGE, HEADER_LEFT, garbage_layer_pdf, notice_image, stamped_scan_pdf

from nlp_service.readers import ReadLimits, read
from nlp_service.readers.ocr_correct import (
    correct_line,
    plausible_misread,
    split_digits,
    split_glued,
)
from nlp_service.text.quality import TRUSTED_QUALITY, text_quality


def _has_vie() -> bool:
    if shutil.which("tesseract") is None:
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "vie" in out.stdout.split()


needs_ocr = pytest.mark.skipif(not _has_vie(), reason="tesseract-ocr-vie not installed")


def test_garbage_layer_scores_low_and_real_text_high() -> None:
    assert text_quality(GARBAGE * 3) < TRUSTED_QUALITY
    real = "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án."
    assert text_quality(real) > 0.8


@needs_ocr
def test_garbage_text_layer_is_detected_and_reread_by_ocr() -> None:
    doc = read(garbage_layer_pdf(), "493 TB.pdf")
    assert doc.ocr
    assert doc.pages[0].ocr and doc.pages[0].ocr_confidence is not None
    assert doc.pages[0].text_quality is not None
    assert doc.pages[0].text_quality < TRUSTED_QUALITY
    assert any("damaged" in w for w in doc.warnings)
    text = "\n".join(b.text for b in doc.blocks)
    assert "NgAN" not in text
    assert "Sở Tài chính" in text
    assert "15/10/2018" in text


@needs_ocr
def test_png_upload_is_ocred_with_header_columns() -> None:
    buf = io.BytesIO()
    notice_image().save(buf, "PNG", dpi=(200, 200))
    doc = read(buf.getvalue(), "scan.png")
    assert doc.ocr and doc.media_type == "image/png"
    left = [b.text for b in doc.blocks if b.kind == "header_left"]
    right = [b.text for b in doc.blocks if b.kind == "header_right"]
    assert left[:2] == HEADER_LEFT[:2]
    assert any("Độc lập" in t for t in right)
    assert not any("Số" in t for t in right)


@needs_ocr
def test_multipage_tiff_gives_one_page_per_frame() -> None:
    page = notice_image(dpi=150)
    buf = io.BytesIO()
    page.save(buf, "TIFF", save_all=True, append_images=[page.copy()], dpi=(150, 150))
    doc = read(buf.getvalue(), "scan.tif")
    assert [p.number for p in doc.pages] == [1, 2]
    assert all(p.ocr for p in doc.pages)
    assert {b.page for b in doc.blocks if "Sở Tài chính" in b.text} == {1, 2}


def test_image_without_ocr_is_unsupported() -> None:
    from nlp_service.errors import UnsupportedFormatError

    buf = io.BytesIO()
    notice_image(dpi=72).save(buf, "JPEG")
    with pytest.raises(UnsupportedFormatError, match="OCR"):
        read(buf.getvalue(), limits=ReadLimits(ocr=False))


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("triển khai tô chức", "triển khai tổ chức"),
        ("kịp thời trao đôi, phối hợp", "kịp thời trao đổi, phối hợp"),
        ("phát sinh nhu câu vượt dự toán", "phát sinh nhu cầu vượt dự toán"),
        ("KT. GIÁM ĐÓC", "KT. GIÁM ĐỐC"),
        ("mục tiêu quôc gia và đồng chí", "mục tiêu quốc gia và đồng chí"),
    ],
)
def test_ocr_mark_repairs(ocr: str, fixed: str) -> None:
    assert correct_line(ocr) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án.",
        "giá hàng hóa, dịch vụ của các cơ quan có sự tham gia",  # giá/già, của/cửa: real words
        "Lâm Đông, Trương Minh Đương",  # capitalised names are never touched
    ],
)
def test_ocr_repair_leaves_correct_text_alone(clean: str) -> None:
    assert correct_line(clean) == clean


@pytest.mark.parametrize(
    ("ocr", "split"),
    [
        ("Trungtâm", "Trung tâm"),
        ("UBNDcác", "UBND các"),
        ("Ytếhuyện", "Y tế huyện"),
        ("nguyênvà", "nguyên và"),
        ("PhòngNội", "Phòng Nội"),
        ("thịtrấn", "thị trấn"),  # "thịt rấn" cuts too, but only "thị trấn" is a word
        ("(quyhoạch,", "(quy hoạch,"),
    ],
)
def test_glued_syllables_are_cut(ocr: str, split: str) -> None:
    assert split_glued(ocr) == split


@pytest.mark.parametrize(
    "word",
    [
        "huyện",
        "Nguyễn",
        "VNeID",  # no Vietnamese mark: a code or a foreign word
        "Zalo",
        "câp",  # a misread "cấp": no cut before a vowel, no one-consonant piece
        "điêm",  # a misread "điểm", not "đi êm"
        "xêp",
        "TỔCHỨC",  # capitals: a heading, left alone
    ],
)
def test_words_that_are_not_glued_are_left_alone(word: str) -> None:
    assert split_glued(word) == word


@pytest.mark.parametrize(
    ("ocr", "split"),
    [
        ("kỳ6", "kỳ 6"),  # "Định kỳ6 tháng" in a time cell
        ("tháng6/2026", "tháng 6/2026"),
        ("6tháng", "6 tháng"),
        ("năm2026,", "năm 2026,"),
        ("30/6/2026tại", "30/6/2026 tại"),
        ("(thứ5)", "(thứ 5)"),
    ],
)
def test_a_syllable_glued_to_a_number_is_cut(ocr: str, split: str) -> None:
    assert split_digits(ocr) == split


@pytest.mark.parametrize("word", ["Km2", "PC06", "H5N1", "5G", "ĐT741", "2025-2026", "Định"])
def test_codes_and_plain_words_keep_their_digits(word: str) -> None:
    assert split_digits(word) == word


def test_only_stacked_mark_misreads_are_plausible() -> None:
    assert plausible_misread("tô", "tổ") and plausible_misread("đóc", "đốc")
    assert not plausible_misread("giá", "già") and not plausible_misread("của", "cửa")


@needs_ocr
def test_skewed_scan_is_straightened() -> None:
    from nlp_service.readers.ocr import skew_angle

    page = notice_image().rotate(4, expand=True, fillcolor=255)
    assert abs(skew_angle(page) + 4) <= 0.3
    buf = io.BytesIO()
    page.save(buf, "PNG", dpi=(200, 200))
    doc = read(buf.getvalue(), "skewed.png")
    text = "\n".join(b.text for b in doc.blocks)
    assert "Sở Tài chính chủ trì" in text
    assert "15/10/2018" in text


@needs_ocr
def test_upside_down_scan_is_turned() -> None:
    buf = io.BytesIO()
    notice_image().rotate(180).save(buf, "PNG", dpi=(200, 200))
    doc = read(buf.getvalue(), "upside-down.png")
    text = "\n".join(b.text for b in doc.blocks)
    assert "Sở Tài chính chủ trì" in text
    assert any("180°" in w for w in doc.warnings)


@needs_ocr
def test_scan_with_a_signature_stamp_line_is_ocred() -> None:
    doc = read(stamped_scan_pdf(), "signed.pdf")
    assert doc.ocr and any("few words" in w for w in doc.warnings)
    assert "Sở Tài chính chủ trì" in "\n".join(b.text for b in doc.blocks)
