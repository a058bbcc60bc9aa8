"""OCR for scans and untrustworthy text layers: Debian's tesseract (``-l vie``) on pdfium renders.

Measured on these machines (2 cores): 300 dpi reads Vietnamese diacritics clearly better than
200-250 dpi ("thành phần" vs "thành phân") for ~10% more time; ``OMP_THREAD_LIMIT=1`` is
essential (tesseract's OpenMP threads fight each other: ~10 s/page without it vs ~2.5 s with
it), and two single-threaded tesseract processes in parallel use both cores. Each page has its
own time limit; a page over it becomes a warning, never a failed document.

Tesseract's word boxes (TSV output) give the layout: the NĐ 30 header's two columns are split at
the left edge of "CỘNG HÒA…", as in the PDF reader.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image, ImageSequence

from nlp_service.errors import CorruptFileError, FileTooLargeError, UnsupportedFormatError
from nlp_service.readers._util import clean, is_header_right
from nlp_service.readers.limits import ReadLimits, check_pages
from nlp_service.readers.ocr_correct import correct_line, is_syllable, split_digits, split_glued
from nlp_service.readers.ocr_markers import repair_markers
from nlp_service.readers.ocr_tables import find_image_grid
from nlp_service.readers.ocr_vocabulary import (
    repair_header_line,
    repair_heading_line,
    repair_quarters,
)
from nlp_service.readers.pdf_tables import Grid, cell_rows
from nlp_service.text.letters import DATE_LINE, QUOC_HIEU_START, base_letters
from nlp_service.text.quality import text_quality
from nlp_service.types import Block, PageInfo, RawDocument

DPI = 300
_KINH_GUI = re.compile(r"^\s*K[íi]nh\s+g[ửu]i", re.IGNORECASE)
# "CỘNG" then "HÒA", in base letters (OCR misreads their accents: "CÓNG", "HOÀ"); a party
# document's right column starts "ĐẢNG CỘNG SẢN VIỆT NAM".
_ANCHORS = (
    (re.compile(r"^CONG$", re.IGNORECASE), re.compile(r"^HOA", re.IGNORECASE)),
    (re.compile(r"^DANG$", re.IGNORECASE), re.compile(r"^CONG$", re.IGNORECASE)),
)
_SUBJECT = re.compile(r"^\s*V/?[vV]\b")


@dataclass
class OcrWord:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float


@dataclass
class OcrLine:
    words: list[OcrWord]

    @property
    def text(self) -> str:
        return clean(" ".join(w.text for w in self.words))

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)


@dataclass
class OcrPage:
    lines: list[OcrLine]
    width: int
    height: int
    confidence: float | None  # mean word confidence, 0..1
    dpi: int = DPI
    warnings: list[str] = field(default_factory=list)
    grid: Grid | None = None  # the page's ruled table(s), in points (see ocr_tables)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def parse_tsv(tsv: str, width: int, height: int, dpi: int = DPI) -> OcrPage:
    """Tesseract TSV → lines of words in tesseract's reading order."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            left, top, w, h = (int(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        lines.setdefault(key, []).append(OcrWord(cols[11], left, top, left + w, top + h, conf))
    confs = [w.conf for words in lines.values() for w in words if w.conf >= 0]
    confidence = round(sum(confs) / len(confs) / 100, 3) if confs else None
    return OcrPage([OcrLine(ws) for ws in lines.values()], width, height, confidence, dpi)


def run_tesseract(png: bytes, timeout: float) -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise UnsupportedFormatError("OCR needs Debian's tesseract-ocr and tesseract-ocr-vie.")
    proc = subprocess.run(
        [exe, "stdin", "stdout", "-l", "vie", "--psm", "3", "-c", "tessedit_do_invert=0", "tsv"],
        input=png,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip() or "tesseract failed")
    return proc.stdout.decode("utf-8", "replace")


MAX_SKEW = 5.0  # degrees searched either way
MIN_SKEW = 1.0  # tesseract reads up to ~2° unaided (measured: CER 0.08% at 0°, 0.16% at 2°)


def skew_angle(image: Image.Image) -> float:
    """Rotation (degrees) that makes text lines horizontal, from row-profile sharpness.

    Ink pixels of a ~1000 px copy are projected onto the vertical axis at each candidate
    angle (0.5° then 0.1° steps); level text lines give the most uneven ink-per-row profile.
    A few milliseconds per page. Measured: a page turned 4° reads at 20% CER, 0.1% after.
    """
    grey = image if image.mode == "L" else image.convert("L")
    small = grey.reduce(max(1, max(grey.size) // 1000))
    ys, xs = np.nonzero(np.asarray(small) < 160)
    if len(xs) < 100:
        return 0.0
    xs_f, ys_f = xs.astype(np.float32), ys.astype(np.float32)

    def sharpness(angle: float) -> float:
        theta = np.deg2rad(angle)
        # rows of the page as if it were turned back by `angle` degrees
        rows = ys_f * np.cos(theta) + xs_f * np.sin(theta)
        profile = np.bincount((rows - rows.min()).astype(np.int64))
        return float(np.var(np.diff(profile)))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=lambda a: sharpness(float(a)))
    fine = np.arange(coarse - 0.5, coarse + 0.51, 0.1)
    tilt = float(max(fine, key=lambda a: sharpness(float(a))))
    return round(-tilt, 1)  # the correction turns the other way


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW:
        return image, 0.0
    rotated = image.convert("L").rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )
    return rotated, angle


def otsu_threshold(image: Image.Image) -> int:
    """Grey level that best separates ink from paper (Otsu's between-class variance)."""
    hist = image.histogram()[:256]
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    best, threshold, weight_b, sum_b = 0.0, 128, 0, 0
    for level in range(256):
        weight_b += hist[level]
        if weight_b == 0 or weight_b == total:
            continue
        sum_b += level * hist[level]
        mean_b = sum_b / weight_b
        mean_f = (sum_all - sum_b) / (total - weight_b)
        variance = weight_b * (total - weight_b) * (mean_b - mean_f) ** 2
        if variance > best:
            best, threshold = variance, level
    return threshold


def _png(image: Image.Image, binarize: bool = False) -> bytes:
    """Encode a page for tesseract, in grey or thresholded to black and white.

    Measured on 4 hand-transcribed corpus pages: Otsu thresholding cuts CPU time per page
    by ~20% (1.48 vs 1.81 s) but adds ~0.4 points of CER on two of the three clean pages
    (2.97/1.84/0.08% vs 2.55/1.43/0.08%), so ``ReadLimits.ocr_binarize`` is off by default.
    """
    grey = image.convert("L")
    buf = io.BytesIO()
    if binarize:
        cut = otsu_threshold(grey)
        grey.point(lambda p: 255 if p > cut else 0).convert("1").save(buf, "PNG")
    else:
        grey.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_ORIENT_CONF = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)


def detect_rotation(png: bytes, timeout: float) -> int:
    """Degrees (counter-clockwise) the page image is turned by, from tesseract's OSD."""
    exe = shutil.which("tesseract")
    if exe is None:
        return 0
    proc = subprocess.run(
        [exe, "stdin", "stdout", "--psm", "0"],
        input=png,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    out = proc.stdout.decode("utf-8", "replace")
    rotate, conf = _ROTATE.search(out), _ORIENT_CONF.search(out)
    if rotate is None or conf is None or float(conf.group(1)) < 2.0:
        return 0
    return int(rotate.group(1)) % 360


def _unreadable(page: OcrPage) -> bool:
    """Many words that make no sense: a turned page (a nearly blank page is left alone)."""
    words = sum(len(line.words) for line in page.lines)
    if words < 15:
        return False
    text = " ".join(line.text for line in page.lines)
    return page.confidence is None or page.confidence < 0.6 or text_quality(text) < 0.5


def _ocr_one(
    png: bytes, size: tuple[int, int], dpi: int, timeout: float, grid: Grid | None = None
) -> OcrPage:
    """OCR one page; a page that reads as nonsense is checked for 90/180/270° rotation.

    The rotation check (tesseract OSD, ~1 s) only runs for unreadable pages, so upright
    pages pay nothing; the page's time limit covers all tesseract calls together. ``grid`` is
    the page's ruled table, found (and its rules erased from ``png``) by the caller.
    """
    deadline = time.monotonic() + timeout
    page = parse_tsv(run_tesseract(png, timeout), size[0], size[1], dpi)
    page.grid = grid
    if not _unreadable(page):
        return page
    rotation = detect_rotation(png, max(1.0, deadline - time.monotonic()))
    if rotation == 0:
        return page
    image = Image.open(io.BytesIO(png)).rotate(-rotation, expand=True)
    turned = _png(image, binarize=image.mode == "1")
    retry = parse_tsv(
        run_tesseract(turned, max(1.0, deadline - time.monotonic())), *image.size, dpi
    )
    if (retry.confidence or 0.0) > (page.confidence or 0.0):
        retry.warnings.append(f"page image turned {rotation}°; rotated before reading")
        retry.grid, _ = find_image_grid(image, dpi)  # its rules were read with the words
        return retry
    return page


def ocr_images(
    images: Iterable[tuple[int, Image.Image, int]], limits: ReadLimits
) -> Iterator[tuple[int, OcrPage | None, str | None]]:
    """OCR (page number, image, dpi) items on ``limits.ocr_workers`` tesseract processes.

    Yields (page number, page or None, warning or None) in input order. Images are encoded in
    the caller's thread (pdfium is not thread-safe), their table rules found and erased first
    (``ocr_tables``), and at most two per worker wait in memory.
    """
    workers = max(1, limits.ocr_workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[tuple[int, Future[OcrPage]]] = []
        for number, image, dpi in images:
            if limits.ocr_deskew:
                image, _ = deskew(image)
            grid, unruled = find_image_grid(image, dpi)
            png = _png(unruled, limits.ocr_binarize)
            future = pool.submit(_ocr_one, png, image.size, dpi, limits.ocr_page_timeout_s, grid)
            pending.append((number, future))
            while len(pending) >= 2 * workers:
                yield _collect(*pending.pop(0), limits)
        for item in pending:
            yield _collect(*item, limits)


def _collect(
    number: int, future: Future[OcrPage], limits: ReadLimits
) -> tuple[int, OcrPage | None, str | None]:
    try:
        return number, future.result(), None
    except subprocess.TimeoutExpired:
        return (
            number,
            None,
            (f"page {number}: OCR took over {limits.ocr_page_timeout_s:.0f} s; page left empty"),
        )
    except (RuntimeError, OSError) as exc:
        return number, None, f"page {number}: OCR failed ({exc}); page left empty"


def page_blocks(page: OcrPage, number: int, *, first: bool) -> list[Block]:
    """Blocks of one OCR'd page; on the first page the header columns are split."""
    scale = 72.0 / page.dpi
    lines = [
        OcrLine([replace(w, text=split_digits(split_glued(w.text))) for w in ln.words])
        for ln in page.lines
    ]
    table: list[list[str]] = []
    at = page.height  # where the table's rows go among the lines
    if page.grid is not None:
        lines, table, at = table_cells(lines, page)
    kept = [OcrLine([w for w in ln.words if keep_word(w)]) for ln in lines]
    lines = merge_fragments([ln for ln in kept if ln.words and not is_noise(ln)], page.width)
    blocks: list[Block] = []
    if first:
        header, used = split_header(lines, page)
        blocks.extend(header)
        lines = [ln for i, ln in enumerate(lines) if i not in used]
    for line in lines:
        if table and line.top >= at:
            blocks.extend(_table_blocks(table, number))
            table = []
        blocks.append(Block(line.text, page=number, x0=round(line.left * scale, 1)))
    blocks.extend(_table_blocks(table, number))
    for block in blocks:
        block.page = number
        if block.cells is not None:  # a table row: its cells are what the text is made from
            block.cells = [_repaired(c, block.kind) for c in block.cells]
            block.text = " | ".join(c for c in block.cells if c)
        else:
            block.text = _repaired(block.text, block.kind)
    return blocks


def _repaired(text: str, kind: str) -> str:
    """One OCR'd line or cell with its misreadings repaired: marks from the dictionary, then
    the closed vocabularies of the header, section headings and quarters."""
    text = correct_line(text)
    if kind in ("header_left", "header_right"):
        return repair_header_line(text)
    return repair_quarters(repair_heading_line(text))


_RULE_READ = re.compile(r"^[|!l1I\[\]{}()_—–-]+$")


def table_cells(lines: list[OcrLine], page: OcrPage) -> tuple[list[OcrLine], list[list[str]], int]:
    """The words inside the page's ruled grid as table rows of cell texts; the lines with the
    other words; and the top (pixels) of the table's first word, where its rows go.

    In a cell, words keep tesseract's line order and their order along the line. A rule read
    as a character ("|", "l") is dropped; a dictionary syllable is kept even when tesseract
    gives it no confidence, as it does to the second line of a narrow cell ("Phòng Kinh | tế
    và | Hạ tầng" read "Phòng Kinh Hạ tầng").
    """
    grid = page.grid
    assert grid is not None
    scale = 72.0 / page.dpi
    cells: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    rest: list[OcrLine] = []
    top = page.height
    for line in lines:
        outside = []
        for w in line.words:
            x = (w.left + w.right) / 2 * scale
            y = (page.height - (w.top + w.bottom) / 2) * scale
            if not grid.contains(x, y):
                outside.append(w)
                continue
            top = min(top, w.top)
            if _RULE_READ.match(w.text) and (w.right - w.left) < (w.bottom - w.top):
                continue
            if not keep_word(w) and not is_syllable(w.text):
                continue
            column = grid.column(x, y)
            cells.setdefault((grid.row(y, column), column), []).append((line.top, w.left, w.text))
        if outside:
            rest.append(OcrLine(outside))
    if not cells:
        return lines, [], page.height
    texts = {key: [t for _, _, t in sorted(words)] for key, words in cells.items()}
    return rest, cell_rows(grid, texts), top


def _table_blocks(rows: list[list[str]], number: int) -> list[Block]:
    """Table rows as blocks; the table's number is set per document by ``number_tables``."""
    return [
        Block(" | ".join(c for c in cells if c), number, "table_row", cells, 0, index)
        for index, cells in enumerate(rows)
    ]


def number_tables(blocks: list[Block], start: int) -> int:
    """Give each page's OCR'd table its number in the document; returns the next number."""
    pages = sorted({b.page for b in blocks if b.kind == "table_row"})
    for b in blocks:
        if b.kind == "table_row":
            b.table = start + pages.index(b.page)
    return start + len(pages)


def _anchor_left(line: OcrLine) -> int | None:
    """Left edge of "CỘNG" in "CỘNG HÒA …" or "ĐẢNG" in "ĐẢNG CỘNG SẢN …" (tesseract may glue
    the left column to the line)."""
    words = line.words
    for j, word in enumerate(words):
        nxt = words[j + 1].text if j + 1 < len(words) else ""
        this, after = base_letters(word.text), base_letters(nxt)
        if any(first.match(this) and second.match(after) for first, second in _ANCHORS):
            return word.left
    return line.left if QUOC_HIEU_START.search(base_letters(line.text)) else None


def _sides(line: OcrLine, boundary: float) -> tuple[list[OcrWord], list[OcrWord]]:
    left = [w for w in line.words if (w.left + w.right) / 2 < boundary]
    right = [w for w in line.words if (w.left + w.right) / 2 >= boundary]
    if left and right and DATE_LINE.search(base_letters(line.text)):
        # A right-aligned date line wider than the Quốc hiệu ("Ninh Bình, ngày 14 tháng 01 năm
        # 2026" under "ĐẢNG CỘNG SẢN VIỆT NAM") starts left of it: one run of words is one side.
        gap = right[0].left - left[-1].right
        if gap < 2 * (left[-1].bottom - left[-1].top):
            return [], left + right
    return left, right


def merge_fragments(lines: list[OcrLine], width: int) -> list[OcrLine]:
    """Join pieces of one printed line that tesseract put in different blocks.

    Show-through from the back of the sheet or a stamp can make tesseract see two columns and
    cut every body line in two, then read all left halves before all right halves. Pieces on
    the same row separated by no more than a few spaces are one line; the wide gap between
    the header columns or between "Nơi nhận" and the signature is kept.
    """
    max_gap = 0.025 * width
    out: list[OcrLine] = []
    for line in lines:
        for prev in out:
            overlap = min(prev.bottom, line.bottom) - max(prev.top, line.top)
            height = min(prev.bottom - prev.top, line.bottom - line.top)
            if height <= 0 or overlap < 0.5 * height:
                continue
            gap = max(line.left - prev.right, prev.left - line.right)
            if gap <= max_gap:
                prev.words = sorted(prev.words + line.words, key=lambda w: w.left)
                break
        else:
            out.append(OcrLine(list(line.words)))
    return out


def split_header(lines: list[OcrLine], page: OcrPage) -> tuple[list[Block], set[int]]:
    """Header words left/right of the Quốc hiệu's left edge, down to the date line."""
    top_zone = [i for i, ln in enumerate(lines) if ln.top < page.height * 0.4]
    anchor_x = next((x for i in top_zone if (x := _anchor_left(lines[i])) is not None), None)
    if anchor_x is None:
        return [], set()
    boundary = anchor_x - 0.01 * page.width
    right_ends = []
    for i in sorted(top_zone, key=lambda k: lines[k].top):
        _, rw = _sides(lines[i], boundary)
        if rw and is_header_right(OcrLine(rw).text):
            right_ends.append(lines[i].bottom)
            if DATE_LINE.search(base_letters(OcrLine(rw).text)):
                break  # the place-and-date line closes the header ("Căn cứ … ngày …" below)
    if not right_ends:
        return [], set()
    y_end = max(right_ends)
    heights = sorted(ln.bottom - ln.top for ln in lines) or [40]
    line_h = heights[len(heights) // 2]
    left: list[tuple[int, str]] = []
    right: list[tuple[int, str]] = []
    used: set[int] = set()
    in_subject = False
    last_subject_bottom = 0
    for i in sorted(top_zone, key=lambda k: lines[k].top):
        line = lines[i]
        if _KINH_GUI.match(line.text):
            break  # the addressees follow the header
        if line.top <= y_end + line_h // 2:
            lw, rw = _sides(line, boundary)
            if lw:
                left.append((line.top, OcrLine(lw).text))
            if rw:
                right.append((line.top, OcrLine(rw).text))
            used.add(i)
            if lw and _SUBJECT.match(OcrLine(lw).text):
                in_subject, last_subject_bottom = True, line.bottom
        elif line.right < boundary and (
            _SUBJECT.match(line.text)
            or (in_subject and line.top - last_subject_bottom < 1.5 * line_h)
        ):
            left.append((line.top, line.text))
            used.add(i)
            in_subject, last_subject_bottom = True, line.bottom
    blocks = [Block(t, kind="header_left") for _, t in sorted(left) if t]
    blocks += [Block(t, kind="header_right") for _, t in sorted(right) if t]
    return blocks, used


_BULLETS = frozenset("-–+•*")


def keep_word(word: OcrWord) -> bool:
    """Drop marks read from seals, signatures and rules: symbol-only words below 80% confidence
    ("|", "___", "°") except list bullets, and anything tesseract itself gives ~0%."""
    if word.conf < 10:
        return False
    if any(ch.isalnum() for ch in word.text):
        return True
    return word.text in _BULLETS or word.conf >= 80


def is_noise(line: OcrLine) -> bool:
    """Specks from seals, signatures and stamps: almost no letters, low confidence."""
    letters = sum(ch.isalnum() for ch in line.text)
    confs = [w.conf for w in line.words if w.conf >= 0]
    conf = sum(confs) / len(confs) if confs else 0.0
    return (letters < 3 and conf < 80) or (letters < 6 and conf < 40)


def read_image(data: bytes, media_type: str, limits: ReadLimits) -> RawDocument:
    """PNG, JPEG or (multi-page) TIFF uploads: every frame is an OCR'd page."""
    if not limits.ocr or not tesseract_available():
        raise UnsupportedFormatError(
            f"The file is an image ({media_type}); reading images needs OCR (tesseract)."
        )
    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except Image.DecompressionBombError as exc:
        raise FileTooLargeError(f"The image is too large to read: {exc}") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise CorruptFileError(f"The image cannot be decoded: {exc}") from exc
    check_pages(len(frames), limits)
    items = []
    for number, frame in enumerate(frames, start=1):
        dpi_info = frame.info.get("dpi", (DPI, DPI))
        try:
            dpi = round(float(dpi_info[0])) or DPI
        except (TypeError, ValueError, IndexError):
            dpi = DPI
        items.append((number, frame, dpi if 72 <= dpi <= 1200 else DPI))
    blocks: list[Block] = []
    infos: list[PageInfo] = []
    warnings: list[str] = []
    for number, page, warning in ocr_images(items, limits):
        if number > 1:
            blocks.append(Block("", page=number, kind="page_break"))
        info = PageInfo(number, ocr=True)
        infos.append(info)
        if page is None:
            warnings.append(warning or f"page {number}: OCR failed")
            continue
        info.ocr_confidence = page.confidence
        warnings.extend(f"page {number}: {w}" for w in page.warnings)
        blocks.extend(page_blocks(page, number, first=number == 1))
    number_tables(blocks, 0)
    repair_markers(blocks)
    return RawDocument(blocks, media_type, pages=infos, wrapped=True, ocr=True, warnings=warnings)
