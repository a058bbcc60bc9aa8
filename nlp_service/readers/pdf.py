"""PDF text layer via pypdfium2, with the NĐ 30 header columns split by character positions.

pdfplumber recovers layout but reads ~17 pages/s on these machines; pdfium reads ~1000. pdfium
already emits one visual line per ``\\r\\n``, so the body needs no layout analysis. Only the
header of page 1 does: pdfium can put the left column's "Số: …" and the right column's
"…, ngày … tháng …" on one line. The split point is the left edge of "CỘNG HÒA" (the widest
right-column line); each header character goes left or right of it by its own box, so only the
header's few hundred characters cost a box look-up.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
from dataclasses import dataclass
from datetime import date

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp_service.errors import CorruptFileError, EncryptedFileError
from nlp_service.readers._util import clean
from nlp_service.readers.limits import ReadLimits, check_pages
from nlp_service.readers.ocr import (
    DPI,
    OcrPage,
    number_tables,
    ocr_images,
    page_blocks,
    tesseract_available,
)
from nlp_service.readers.ocr_markers import repair_markers
from nlp_service.readers.pdf_stamps import flatten, insert_run, stamp_runs
from nlp_service.readers.pdf_tables import Grid, cell_rows, find_grid, image_cover
from nlp_service.readers.sniff import PDF
from nlp_service.text.quality import TRUSTED_QUALITY, text_quality
from nlp_service.types import Block, PageInfo, RawDocument

# A page with fewer letters than this has no usable text layer (a scan, maybe with a stamp).
MIN_PAGE_LETTERS = 20
_ANCHOR = re.compile(r"C[ỘO]NG\s+H[ÒO]A|CỘNG HOÀ", re.IGNORECASE)
# A scan that carries a stamped line of text (an e-signature "Ký bởi: …") has a text layer,
# but the page is the image: pages this thin that are mostly one image are OCR'd.
THIN_PAGE_LETTERS = 400
_KINH_GUI = re.compile(r"^\s*K[íi]nh\s+g[ửu]i", re.IGNORECASE)
_DECORATION = re.compile(r"^[\s_\-–—=*.·…]*$")
_STAMPED_NUMBER = re.compile(r"\d{1,6}")
_STAMP_BASELINE = 6.0  # a stamp run belongs to the line whose first character is this close
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


@dataclass
class _Line:
    text: str
    start: int  # char index of the first char in the text page
    x0: float | None = None
    top: float | None = None  # distance from the page top (points)
    y: float | None = None  # vertical centre of the first character, PDF coordinates
    bold: bool | None = None
    # Text-page index of each character of ``text`` when it is not one run of the page's text
    # (a line with stamped characters merged in); None entries are inserted spaces.
    indices: list[int | None] | None = None

    def char_at(self, offset: int) -> int | None:
        """Text-page index of ``text[offset]``."""
        if self.indices is not None:
            return self.indices[offset] if 0 <= offset < len(self.indices) else None
        return self.start - (len(self.text) - len(self.text.lstrip())) + offset


@dataclass
class PdfPage:
    """One page's visual lines as read from the text layer."""

    number: int
    lines: list[_Line]
    width: float
    height: float
    letters: int
    quality: float | None = None  # text_quality of the layer (None: no text layer)
    image_cover: float = 0.0  # largest image's share of the page (checked on thin pages only)
    # page 1 only: (left column texts, right column texts, indices of the lines they used)
    header: tuple[list[str], list[str], set[int]] | None = None
    # a ruled table: (index of its first line, rows of cell texts, indices of its lines)
    table: tuple[int, list[list[str]], set[int]] | None = None


def _char_box(
    tp: pdfium.PdfTextPage, index: int | None
) -> tuple[float, float, float, float] | None:
    if index is None:
        return None
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ok = pdfium_c.FPDFText_GetCharBox(
        tp, index, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    )
    if not ok:
        return None
    return left.value, right.value, bottom.value, top.value


def _bold(tp: pdfium.PdfTextPage, index: int) -> bool | None:
    weight = pdfium_c.FPDFText_GetFontWeight(tp, index)
    if weight is None or weight <= 0:
        return None
    return bool(weight >= 600)


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open with typed errors: encrypted → EncryptedFileError, unparsable → CorruptFileError."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise EncryptedFileError(
                "The PDF is password-protected; remove the password and upload it again."
            ) from exc
        raise CorruptFileError(f"The PDF cannot be parsed (truncated or damaged): {exc}") from exc


def read_pages(doc: pdfium.PdfDocument) -> list[PdfPage]:
    pages: list[PdfPage] = []
    for index in range(len(doc)):
        stamped = flatten(doc, 0, THIN_PAGE_LETTERS) if index == 0 else None
        page = doc[index]
        width, height = page.get_size()
        tp = page.get_textpage()
        text = tp.get_text_range()
        lines: list[_Line] = []
        pos = 0
        for raw_line in text.split("\r\n"):
            stripped = raw_line.strip()
            if stripped:
                first = pos + (len(raw_line) - len(raw_line.lstrip()))
                line = _Line(raw_line, first)
                box = _char_box(tp, first)
                if box is not None:
                    line.x0 = round(box[0], 1)
                    line.top = round(height - box[3], 1)
                    line.y = (box[2] + box[3]) / 2
                line.bold = _bold(tp, first)
                lines.append(line)
            pos += len(raw_line) + 2
        if stamped is not None:
            lines = _merge_stamps(lines, tp, stamped)
            text = "\r\n".join(line.text for line in lines)
        letters = sum(ch.isalpha() for ch in text)
        page_obj = PdfPage(index + 1, lines, width, height, letters)
        if letters >= MIN_PAGE_LETTERS:
            page_obj.quality = round(text_quality(text[:6000]), 3)
        if MIN_PAGE_LETTERS <= letters < THIN_PAGE_LETTERS:
            page_obj.image_cover = image_cover(page)
        if index == 0:
            page_obj = _split_header(page_obj, tp)
        if letters >= MIN_PAGE_LETTERS:
            grid = find_grid(page)
            if grid is not None:
                skip = page_obj.header[2] if page_obj.header else set()
                page_obj.table = _table_rows(page_obj.lines, tp, grid, skip)
        tp.close()
        page.close()
        pages.append(page_obj)
    return pages


def _merge_stamps(lines: list[_Line], tp: pdfium.PdfTextPage, first: int) -> list[_Line]:
    """Put the stamped characters (text-page indices from ``first``) into the lines they sit on.

    Only numbers are merged (the blanks are the document number, the day and the month); the
    text of a signature's appearance ("Ký bởi: …") and a run with no line around it are
    dropped, as before.
    """
    own = [line for line in lines if line.start < first]
    for run in stamp_runs(tp, first):
        if not _STAMPED_NUMBER.fullmatch(run.text):
            continue
        near = [ln for ln in own if ln.y is not None and abs(ln.y - run.y) <= _STAMP_BASELINE]
        # Two columns on one baseline are two lines: the run joins the one it lies within.
        within = [ln for ln in near if _spans(_x_range(ln, tp), run.x0)]
        if not within:
            continue
        line = min(within, key=lambda ln: abs((ln.y or 0.0) - run.y))
        indices = [line.char_at(k) for k in range(len(line.text))]
        boxes: list[tuple[float, float] | None] = []
        for ch, i in zip(line.text, indices, strict=True):
            box = None if ch.isspace() else _char_box(tp, i)
            boxes.append((box[0], box[1]) if box else None)
        line.text, line.indices = insert_run(line.text, indices, boxes, run)
    return own


def _spans(x_range: tuple[float, float], x: float) -> bool:
    """``x`` lies within a line's extent (3 pt of slack before its first character)."""
    return x_range[0] - 3.0 <= x <= x_range[1]


def _x_range(line: _Line, tp: pdfium.PdfTextPage) -> tuple[float, float]:
    """Left edge of a line's first character and right edge of its last."""
    first = _char_box(tp, line.char_at(len(line.text) - len(line.text.lstrip())))
    last = _char_box(tp, line.char_at(len(line.text.rstrip()) - 1))
    return (first[0] if first else 0.0), (last[1] if last else 0.0)


def _split_header(page: PdfPage, tp: pdfium.PdfTextPage) -> PdfPage:
    """Split page-1 header lines into the left and right columns (sets ``page.header``).

    The header ends at the first line that is not two columns: a line whose characters run
    across the boundary without a gap (body text, "Kính gửi: …"), or a right-side line centred
    on the page rather than on the right column (the title "THÔNG BÁO").
    """
    limit = min(len(page.lines), 30)
    anchor: tuple[float, float] | None = None
    for line in page.lines[:limit]:
        m = _ANCHOR.search(line.text)
        if m:
            first = _char_box(tp, line.char_at(m.start()))
            last = _char_box(tp, line.char_at(len(line.text.rstrip()) - 1))
            if first is not None and last is not None:
                anchor = (first[0], last[1])
            break
    if anchor is None:
        return page
    boundary = anchor[0] - 3.0
    right_centre = (anchor[0] + anchor[1]) / 2
    page_centre = page.width / 2
    left: list[str] = []
    right: list[str] = []
    consumed: set[int] = set()
    for index, line in enumerate(page.lines[:limit]):
        if line.top is not None and line.top > page.height * 0.45:
            continue  # a footer or page number that pdfium emitted first
        if _KINH_GUI.match(line.text):
            break  # the addressee block follows the header, whatever its position
        split = _split_line(line, tp, boundary)
        if split is None:
            break
        left_text, right_text, right_span = split
        if right_text and right_span is not None and not left_text:
            centre = (right_span[0] + right_span[1]) / 2
            if abs(centre - page_centre) < abs(centre - right_centre):
                break
        if left_text and not _DECORATION.match(left_text):
            left.append(left_text)
        if right_text and not _DECORATION.match(right_text):
            right.append(right_text)
        consumed.add(index)
    if right:
        page.header = (left, right, consumed)
    return page


def _split_line(
    line: _Line, tp: pdfium.PdfTextPage, boundary: float
) -> tuple[str, str, tuple[float, float] | None] | None:
    """Characters left and right of ``boundary``; None when the line runs across it."""
    raw = line.text
    lead = len(raw) - len(raw.lstrip())
    lefts: list[str] = []
    rights: list[str] = []
    last_left_x1: float | None = None
    right_x0: float | None = None
    right_x1: float | None = None
    for offset, ch in enumerate(raw.strip()):
        box = None if ch.isspace() else _char_box(tp, line.char_at(lead + offset))
        if box is None:
            (rights if rights else lefts).append(ch)
            continue
        if box[0] >= boundary:
            right_x0 = box[0] if right_x0 is None else right_x0
            right_x1 = box[1]
            rights.append(ch)
        else:
            if rights:  # left-side text after right-side text: not two columns
                return None
            last_left_x1 = box[1]
            lefts.append(ch)
    left_text, right_text = clean("".join(lefts)), clean("".join(rights))
    if (
        left_text
        and right_text
        and last_left_x1 is not None
        and right_x0 is not None
        and right_x0 - last_left_x1 < 6.0  # no column gap: one phrase crossing the boundary
    ):
        return None
    span = (right_x0, right_x1) if right_x0 is not None and right_x1 is not None else None
    return left_text, right_text, span


def _table_rows(
    lines: list[_Line], tp: pdfium.PdfTextPage, grid: Grid, skip: set[int]
) -> tuple[int, list[list[str]], set[int]] | None:
    """Cell texts of the lines inside ``grid``, split per character at the column rules."""
    cells: dict[tuple[int, int], list[str]] = {}
    used: set[int] = set()
    for index, line in enumerate(lines):
        if index in skip or line.x0 is None or line.y is None:
            continue
        if not grid.contains(line.x0, line.y):
            continue
        text = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        first = _char_box(tp, line.char_at(lead))
        last = _char_box(tp, line.char_at(lead + len(text) - 1))
        parts: dict[int, list[str]] = {}
        if first is not None and last is not None:
            first_col = grid.column((first[0] + first[1]) / 2, line.y)
            if first_col == grid.column((last[0] + last[1]) / 2, line.y):
                parts[first_col] = [text]  # the usual case: the line lies in one cell
        if not parts:
            column = grid.column(line.x0, line.y)
            for offset, ch in enumerate(text):
                if not ch.isspace():
                    box = _char_box(tp, line.char_at(lead + offset))
                    if box is not None:
                        column = grid.column((box[0] + box[1]) / 2, line.y)
                parts.setdefault(column, []).append(ch)
        for col, chars in parts.items():
            cells.setdefault((grid.row(line.y, col), col), []).append("".join(chars))
        used.add(index)
    if not used:
        return None
    return min(used), cell_rows(grid, cells), used


def ocr_reasons(pages: list[PdfPage]) -> dict[int, str]:
    """Pages whose text layer is missing or not trustworthy, with the reason."""
    reasons: dict[int, str] = {}
    for page in pages:
        if page.letters < MIN_PAGE_LETTERS:
            reasons[page.number] = "no text layer"
        elif page.quality is not None and page.quality < TRUSTED_QUALITY:
            reasons[page.number] = f"text layer looks damaged (quality {page.quality:.2f})"
        elif page.letters < THIN_PAGE_LETTERS and page.image_cover >= 0.5:
            reasons[page.number] = "a page image with only a few words of text on it"
    return reasons


OcrResults = dict[int, tuple[OcrPage | None, str | None]]


def to_raw_document(
    pages: list[PdfPage],
    reasons: dict[int, str] | None = None,
    ocr: OcrResults | None = None,
) -> RawDocument:
    reasons = reasons or {}
    ocr = ocr or {}
    blocks: list[Block] = []
    ocr_blocks: list[Block] = []
    infos: list[PageInfo] = []
    warnings: list[str] = []
    table_index = 0
    for page in pages:
        if page.number > 1:
            blocks.append(Block("", page=page.number, kind="page_break"))
        info = PageInfo(page.number, text_quality=page.quality)
        infos.append(info)
        reason = reasons.get(page.number)
        if reason is not None:
            result, warning = ocr.get(page.number, (None, None))
            if result is None:
                warnings.append(warning or f"page {page.number}: {reason}; text not read (no OCR)")
                continue
            info.ocr, info.ocr_confidence = True, result.confidence
            warnings.append(f"page {page.number}: read by OCR ({reason})")
            warnings.extend(f"page {page.number}: {w}" for w in result.warnings)
            page_ocr = page_blocks(result, page.number, first=page.number == 1)
            table_index = number_tables(page_ocr, table_index)
            ocr_blocks.extend(page_ocr)
            blocks.extend(page_ocr)
            continue
        lines = page.lines
        if page.header is not None:
            left, right, consumed = page.header
            blocks.extend(Block(t, page=page.number, kind="header_left") for t in left)
            blocks.extend(Block(t, page=page.number, kind="header_right") for t in right)
        else:
            consumed = set()
        first_row, rows, in_table = page.table or (-1, [], set())
        for index, line in enumerate(lines):
            if index == first_row:
                for row_index, cells in enumerate(rows):
                    text = " | ".join(c for c in cells if c)
                    blocks.append(
                        Block(text, page.number, "table_row", cells, table_index, row_index)
                    )
                table_index += 1
            if index in consumed or index in in_table:
                continue
            text = clean(line.text)
            if not text or _is_page_number(line, page):
                continue
            blocks.append(Block(text, page=page.number, bold=line.bold, x0=line.x0))
    repair_markers(ocr_blocks)  # across the OCR'd pages: a list runs over a page break
    return RawDocument(
        blocks,
        PDF,
        pages=infos,
        wrapped=True,
        ocr=any(i.ocr for i in infos),
        warnings=warnings,
    )


def _is_page_number(line: _Line, page: PdfPage) -> bool:
    """A bare number in the top or bottom margin is a page number, not text."""
    if not _PAGE_NUMBER.match(line.text) or line.top is None:
        return False
    return line.top < page.height * 0.1 or line.top > page.height * 0.9


def read_pdf(data: bytes, limits: ReadLimits) -> RawDocument:
    doc = open_pdf(data)
    ocr: OcrResults = {}
    try:
        check_pages(len(doc), limits)
        if len(doc) == 0:
            raise CorruptFileError("The PDF has no pages.")
        try:
            pages = read_pages(doc)
        except pdfium.PdfiumError as exc:
            # A page tree that loops or points nowhere: pdfium cannot load the page.
            raise CorruptFileError(f"The PDF's pages cannot be read: {exc}") from exc
        signed_on = signature_dates(doc)
        reasons = ocr_reasons(pages)
        if reasons and limits.ocr and tesseract_available():
            renders = (
                (number, doc[number - 1].render(scale=DPI / 72, grayscale=True).to_pil(), DPI)
                for number in sorted(reasons)
            )
            for number, result, warning in ocr_images(renders, limits):
                ocr[number] = (result, warning)
    finally:
        doc.close()
    raw = to_raw_document(pages, reasons, ocr)
    raw.signed_on = signed_on
    return raw


_SIGNING_TIME = re.compile(rb"^D:(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")


def signature_dates(doc: pdfium.PdfDocument, limit: int = 50) -> list[date]:
    """The days of the document's digital signatures, in file order (their ``/M`` entries).

    The time is read as written (signing software writes local time, +07:00 here); a damaged or
    missing entry is skipped, never an error.
    """
    days: list[date] = []
    for index in range(min(pdfium_c.FPDF_GetSignatureCount(doc), limit)):
        sig = pdfium_c.FPDF_GetSignatureObject(doc, index)
        if not sig:
            continue
        size = pdfium_c.FPDFSignatureObj_GetTime(sig, None, 0)
        if not 0 < size <= 64:
            continue
        buf = ctypes.create_string_buffer(size)
        pdfium_c.FPDFSignatureObj_GetTime(sig, buf, size)
        m = _SIGNING_TIME.match(buf.value)
        if m:
            with contextlib.suppress(ValueError):
                days.append(date(int(m["y"]), int(m["m"]), int(m["d"])))
    return days
