"""Resource limits for readers.

Every reader runs on untrusted uploads, so sizes, page counts, decompression ratios and
subprocess run times are bounded *before* the expensive work starts; crossing a limit raises a
typed error instead of exhausting memory or hanging a worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp_service.errors import FileTooLargeError

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Bounds applied by :func:`nlp_service.readers.read`.

    The defaults are generous for real notices (the largest real file in the corpus is a few
    MB and ~30 pages) and small enough that one upload cannot stall a 2-core worker.
    """

    max_bytes: int = 50 * MB
    # Boilerplate removal is superlinear on pathological markup; real news pages are < 2 MB.
    max_html_bytes: int = 10 * MB
    max_pages: int = 500
    # DOCX: total uncompressed size of the zip and the worst per-member compression ratio.
    max_unzipped_bytes: int = 200 * MB
    max_zip_ratio: float = 200.0
    max_zip_members: int = 5000
    subprocess_timeout_s: float = 30.0  # antiword
    ocr_page_timeout_s: float = 30.0
    ocr: bool = True  # OCR pages without a trustworthy text layer (and image uploads)
    ocr_workers: int = 2
    # Otsu threshold before tesseract: 1.48 vs 1.81 CPU s/page, but CER 2.97/1.84% vs
    # 2.55/1.43% on the clean hand-transcribed pages (bench/ocr.py): accuracy wins by default.
    ocr_binarize: bool = False
    ocr_deskew: bool = True  # straighten pages turned more than 1° (see readers.ocr)
    check_language: bool = True  # refuse text that is not Vietnamese


DEFAULT_LIMITS = ReadLimits()


def check_size(data: bytes, limits: ReadLimits) -> None:
    """Refuse oversized input before any parser sees it."""
    if len(data) > limits.max_bytes:
        raise FileTooLargeError(
            f"File is {len(data) / MB:.1f} MB; the limit is {limits.max_bytes / MB:.0f} MB."
        )


def check_pages(pages: int, limits: ReadLimits) -> None:
    if pages > limits.max_pages:
        raise FileTooLargeError(
            f"Document has {pages} pages; the limit is {limits.max_pages} pages."
        )
