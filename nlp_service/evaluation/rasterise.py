"""PDFs re-read as scans: every page rendered to a grey image, written back with no text layer.

The gold corpus holds few scanned documents (one in test), too few to measure the OCR path on.
Rendering the text-layer PDFs and reading them back through OCR measures it against the same
gold: header repair, ruled tables, glued syllables (``nlp-service evaluate --as-scan``). Gold
quotes are located in the OCR'd text as written, so a task whose words OCR misspells does not
match: task figures understate what a reader gets, but they compare run to run, and fields and
the leads of matched tasks compare directly.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium

SCAN_DPI = 200  # what office scanners are usually set to


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
