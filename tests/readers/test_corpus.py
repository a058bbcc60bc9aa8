"""Every real file in ../shared/corpus/raw reads without an exception (skipped when absent)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import CORPUS

from nlp_service.readers import ReadLimits, read

pytestmark = pytest.mark.corpus

FILES = sorted(p for p in CORPUS.glob("*/*") if p.is_file() and p.name != "SOURCES.md")
# OCR is slow (seconds per page); the OCR path has its own tests and benchmark.
NO_OCR = ReadLimits(ocr=False)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_corpus_file_reads(path: Path) -> None:
    doc = read(path.read_bytes(), path.name, limits=NO_OCR)
    text = "".join(b.text for b in doc.blocks)
    if text.strip():
        return
    # Only scans may come back empty, and then they say so.
    assert doc.media_type == "application/pdf"
    assert doc.warnings and "no text layer" in doc.warnings[0]


def test_corpus_present_or_skipped(corpus_dir: Path) -> None:
    assert len(FILES) >= 50


def test_pdf_headers_split_in_corpus(corpus_dir: Path) -> None:
    """Text-layer PDFs with a NĐ 30 header give both header columns."""
    split = 0
    for path in FILES:
        if path.suffix.lower() != ".pdf":
            continue
        doc = read(path.read_bytes(), path.name, limits=NO_OCR)
        right = [b.text for b in doc.blocks if b.kind == "header_right"]
        if right:
            split += 1
            assert any("ngày" in t for t in right), path.name
            assert not any(t.startswith("Số") for t in right), path.name
    assert split >= 8


@pytest.mark.slow
def test_corpus_scans_yield_text_by_ocr(corpus_dir: Path) -> None:
    """Page 1 of every scanned corpus PDF is read by OCR into Vietnamese text (~3 s a page)."""
    import shutil

    import pypdfium2 as pdfium

    from nlp_service.text.quality import text_quality

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed")
    scans = 0
    for path in FILES:
        if path.suffix.lower() != ".pdf":
            continue
        pdf = pdfium.PdfDocument(path)
        single = pdfium.PdfDocument.new()
        single.import_pages(pdf, [0])
        buf = io.BytesIO()
        single.save(buf)
        doc = read(buf.getvalue(), path.name)
        if not doc.ocr:
            continue
        scans += 1
        text = " ".join(b.text for b in doc.blocks)
        assert len(text) > 200, path.name
        assert text_quality(text) > 0.7, path.name
        assert doc.pages[0].ocr_confidence is not None
    assert scans >= 8


def test_e_signed_pdf_is_dated_by_its_signatures(corpus_dir: Path) -> None:
    """An e-signed report leaves "ngày … tháng 11 năm 2025" blank in its text: the date comes from
    its signatures (all four signed on 6 November 2025, the report's date in its stamp)."""
    from nlp_service.pipeline import process

    path = corpus_dir / "vpubnd49__VBAI" / "Bao cao cac chi so cua tinh 06.11s.pdf"
    if not path.is_file():
        pytest.skip(f"{path.name} is not in the corpus")
    from datetime import date

    doc = read(path.read_bytes(), path.name, limits=NO_OCR)
    assert doc.signed_on and set(doc.signed_on) == {date(2025, 11, 6)}
    result = process(path.read_bytes(), path.name, limits=NO_OCR, segment=False)
    assert str(result.document.issue_date) == "2025-11-06"


def test_unsigned_pdf_has_no_signature_dates() -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    assert read(buf.getvalue(), "a.pdf", limits=NO_OCR).signed_on == []
