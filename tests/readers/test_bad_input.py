"""Bad input: a typed error with a clear message, never a hang or a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import docx_bytes, pdf_bytes

from nlp_service.errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedFileError,
    FileTooLargeError,
    NotVietnameseError,
    UnsupportedFormatError,
)
from nlp_service.readers import ReadLimits, read
from nlp_service.readers.docx import check_zip

ENGLISH = (
    "The committee met on Monday to review the progress of the land clearance projects. "
    "The finance department must report the results to the provincial committee before "
    "the fifteenth of October, and the construction department shall assist it."
)


def test_empty_file() -> None:
    with pytest.raises(EmptyInputError, match="empty"):
        read(b"", "x.pdf")
    with pytest.raises(EmptyInputError):
        read(b" \n\t ")


def test_image_is_unsupported() -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buf, "PNG")
    with pytest.raises(UnsupportedFormatError, match="image"):
        read(buf.getvalue(), "scan.pdf", limits=ReadLimits(ocr=False))


def test_zip_is_unsupported() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "Thông báo kết luận")
    with pytest.raises(UnsupportedFormatError, match="zip"):
        read(buf.getvalue(), "notice.docx")


def test_truncated_pdf() -> None:
    data = pdf_bytes()
    with pytest.raises(CorruptFileError, match="PDF"):
        read(data[: len(data) // 3], "cut.pdf")


def test_truncated_docx() -> None:
    data = docx_bytes()
    with pytest.raises(CorruptFileError, match="DOCX"):
        read(data[: len(data) // 2], "cut.docx")


def test_encrypted_pdf() -> None:
    with pytest.raises(EncryptedFileError, match="password"):
        read(pdf_bytes(encrypt="bí mật"), "locked.pdf")


def test_200_mb_file_refused_before_parsing() -> None:
    # Not a valid PDF past the magic: if a parser ran, it would raise CorruptFileError instead.
    data = b"%PDF-1.7\n" + bytes(200 * 1024 * 1024)
    with pytest.raises(FileTooLargeError, match="200"):
        read(data, "huge.pdf")


def test_corrupt_doc() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600)
    with pytest.raises(CorruptFileError, match=r"\.doc"):
        read(data, "x.doc")


def test_zip_bomb_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document/>" + b" " * 30_000_000)
    with pytest.raises(FileTooLargeError, match="zip bomb"):
        check_zip(buf.getvalue(), ReadLimits())


def test_docx_with_dtd_refused() -> None:
    src = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1)
            out.writestr(info, data)
    with pytest.raises(CorruptFileError, match="DTD"):
        read(buf.getvalue(), "evil.docx")


def test_english_text_refused() -> None:
    with pytest.raises(NotVietnameseError, match="Vietnamese"):
        read(ENGLISH.encode(), "en.txt")


def test_vietnamese_with_some_english_passes() -> None:
    text = (
        "Giao Sở Khoa học và Công nghệ chủ trì triển khai nền tảng dữ liệu dùng chung của tỉnh, "
        "báo cáo Ủy ban nhân dân tỉnh trước ngày 30/5/2026. " + ENGLISH
    )
    assert read(text.encode()).blocks


def test_oversized_html_refused_before_parsing() -> None:
    page = b"<html><body>" + b"<div>" * 1000 + b"</body></html>"
    with pytest.raises(FileTooLargeError, match="HTML"):
        read(page, "x.html", limits=ReadLimits(max_html_bytes=1000))
