"""PDFs re-read as scans: every page rendered to a grey image, written back with no text layer.

The gold corpus holds few scanned documents (one in test), too few to measure the OCR path on.
Rendering the text-layer PDFs and reading them back through OCR measures it against the same
gold: header repair, ruled tables, glued syllables (``nlp-service evaluate --as-scan``). A gold
quote OCR spells differently ("Phòng Kinh tế vàHạ tầng") is first looked up in the OCR'd text by
fuzzy alignment (:func:`located`), so a task is not lost to the scorer for a misread letter;
what OCR garbled beyond that still counts as missed.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pypdfium2 as pdfium
from rapidfuzz import fuzz

from nlp_service.evaluation.gold import GoldDocument
from nlp_service.evaluation.scoring import norm, quote_spans

SCAN_DPI = 200  # what office scanners are usually set to
MIN_ALIGNMENT = 88.0  # rapidfuzz partial ratio: a few misread letters in a quote, not another one


def as_scan(pdf: bytes, dpi: int = SCAN_DPI, angle: float = 0.0) -> bytes:
    """``pdf`` as a scanner returns it: each page an image, no text layer; ``angle`` degrees of
    turn, as a sheet fed slightly askew."""
    doc = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil().convert("L")
            pages.append(image.rotate(angle, fillcolor=255) if angle else image)
    finally:
        doc.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def located(gold: GoldDocument, text: str) -> GoldDocument:
    """``gold`` with each quote that ``text`` does not hold as written replaced by the passage of
    ``text`` it aligns with best (partial ratio ≥ ``MIN_ALIGNMENT``); a quote with no such
    passage stays as it is and goes unmatched."""
    folded = norm(text)
    tasks = []
    for task in gold.tasks:
        if not quote_spans(text, task.quote):
            found = fuzz.partial_ratio_alignment(norm(task.quote), folded)
            if found is not None and found.score >= MIN_ALIGNMENT:
                task = replace(task, quote=folded[found.dest_start : found.dest_end].strip())
        tasks.append(task)
    return replace(gold, tasks=tasks)
