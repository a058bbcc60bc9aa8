"""Numbers and days stamped into page 1 by e-signature software, merged into their lines.

Signed copies of Vietnamese notices leave the number and the day blank in the text layer
("Số: /BC-SNV", "Lâm Đồng, ngày tháng 11 năm 2025"); the signing software writes them into
signature widgets drawn over the blanks. ANNOTATION.md counts them as printed ("a number or date
stamped on the page … counts as printed even when the text layer lacks it"). pdfium can flatten
the widgets' appearance into the page: their characters then come after the page's own, each
with its box, and are put back here into the visual line they sit on, at their x position, so
the header reads "Số: 184/BC-SNV" and "ngày 06 tháng 11 năm 2025".
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Characters of one stamp run: same baseline within this, no gap wider than this (points);
# glyph boxes of one run may overlap by up to _SAME_LINE.
_SAME_LINE = 3.0
_GAP = 8.0


@dataclass
class StampRun:
    """Consecutive stamped characters on one baseline."""

    text: str
    indices: list[int]  # text-page indices of its characters
    x0: float
    x1: float
    y: float  # vertical centre, PDF coordinates


def has_widgets(page: pdfium.PdfPage) -> bool:
    """Whether the page carries form widgets (signature fields and the like)."""
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        if not annot:  # a damaged annotation entry: skip it, never fail the read
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_WIDGET:
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def flatten(doc: pdfium.PdfDocument, index: int, min_letters: int) -> int | None:
    """Flatten the widgets of page ``index`` into its content (in memory only).

    Returns the page's character count before flattening (stamped characters come after it),
    or None when the page has no widgets, fewer than ``min_letters`` letters of its own (a scan:
    it is OCR'd from its image, which must stay as printed), or nothing was flattened.
    """
    page = doc[index]
    try:
        if not has_widgets(page):
            return None
        tp = page.get_textpage()
        before = tp.count_chars()
        letters = sum(ch.isalpha() for ch in tp.get_text_range())
        tp.close()
        if letters < min_letters:
            return None
        ok = pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
    finally:
        page.close()
    return before if ok == pdfium_c.FLATTEN_SUCCESS else None


def stamp_runs(tp: pdfium.PdfTextPage, first: int) -> list[StampRun]:
    """The stamped characters (text-page indices from ``first`` on) grouped into runs."""
    runs: list[StampRun] = []
    for i in range(first, tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if not ch or ch.isspace():
            continue
        left, bottom, right, top = tp.get_charbox(i)
        y = (bottom + top) / 2
        last = runs[-1] if runs else None
        if (
            last is not None
            and abs(last.y - y) <= _SAME_LINE
            and -_SAME_LINE <= left - last.x1 <= _GAP
        ):
            last.text += ch
            last.indices.append(i)
            last.x1 = right
        else:
            runs.append(StampRun(ch, [i], left, right, y))
    return runs


def insert_run(
    text: str, indices: list[int | None], boxes: list[tuple[float, float] | None], run: StampRun
) -> tuple[str, list[int | None]]:
    """``text`` with the run inserted before the first character that lies right of it.

    ``boxes`` holds the (x0, x1) of each character of ``text`` (None for spaces). A number
    joins the "/TYPE-ISSUER" that follows it without a space ("Số: 184/BC-SNV"); anything else
    is set off by spaces ("ngày 06 tháng").
    """
    pos = len(text)
    for k, box in enumerate(boxes):
        if box is not None and box[0] >= run.x0:
            pos = k
            break
    before, after = text[:pos], text[pos:]
    lead = "" if not before or before.endswith(" ") else " "
    trail = "" if not after or after.startswith((" ", "/")) else " "
    new_text = before + lead + run.text + trail + after
    run_indices: list[int | None] = list(run.indices)
    new_indices = (
        indices[:pos] + [None] * len(lead) + run_indices + [None] * len(trail) + indices[pos:]
    )
    return new_text, new_indices
