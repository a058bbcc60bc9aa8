"""Ruled task tables on scans: rules found in the image, words put into cells (ocr_tables)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import scanned, table_notice_pdf
from PIL import Image, ImageDraw
from test_ocr import needs_ocr

from nlp_service.pipeline import process
from nlp_service.readers import read
from nlp_service.readers.ocr_tables import find_image_grid

DPI = 200


def _page() -> Image.Image:
    return Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)


def _grid_image(angle: float = 0.0) -> Image.Image:
    """Four columns, five rows, ruled 2 px wide, and a line of 'text' strokes beside it."""
    image = _page()
    draw = ImageDraw.Draw(image)
    xs = [200, 300, 900, 1200, 1500]
    ys = [400, 480, 640, 800, 960, 1120]
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for k in range(40):  # letter-sized strokes: never a rule
        draw.rectangle([200 + 30 * k, 1300, 210 + 30 * k, 1330], fill=0)
    return image.rotate(angle, fillcolor=255) if angle else image


@pytest.mark.parametrize("angle", [0.0, 0.8])
def test_grid_rules_are_found_and_erased(angle: float) -> None:
    image = _grid_image(angle)
    grid, unruled = find_image_grid(image, DPI)
    assert grid is not None
    assert len(grid.xs) == 5 and len(grid.ys) == 6
    assert all(len(a) == 5 for a in grid.active)
    # the rules are gone, the strokes beside them are not
    before = int((np.asarray(image) < 128).sum())
    after = int((np.asarray(unruled) < 128).sum())
    strokes = 40 * 11 * 31
    assert after >= 0.95 * strokes
    assert after <= strokes + 0.05 * (before - strokes)


def test_lines_that_are_no_grid_give_none() -> None:
    image = _page()
    draw = ImageDraw.Draw(image)
    draw.line([(300, 300), (700, 300)], fill=0, width=2)  # the underline under a header
    draw.line([(300, 900), (1400, 900)], fill=0, width=2)  # a separator
    # a seal's sides, a signature's stroke, a margin mark between two separators: long
    # strokes both ways, but none meets another as a table's rules do
    draw.line([(300, 1100), (1400, 1100)], fill=0, width=2)
    draw.line([(300, 1600), (1400, 1600)], fill=0, width=2)
    for x in (500, 900, 1300):
        draw.line([(x, 1200), (x, 1500)], fill=0, width=3)
    grid, unruled = find_image_grid(image, DPI)
    assert grid is None
    assert unruled is image


@needs_ocr
@pytest.mark.parametrize("angle", [0.0, 0.8])
def test_scanned_task_table_keeps_its_columns(angle: float) -> None:
    data = scanned(table_notice_pdf(), DPI, angle)
    rows = [b for b in read(data, "tb.pdf").blocks if b.kind == "table_row"]
    assert rows and rows[0].cells is not None
    assert [c.strip() for c in rows[0].cells] == [
        "STT",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Thời hạn",
    ]
    result = process(data, "tb.pdf", segment=False)
    found = {
        t.text[:22]: (
            [a.name for a in t.assignees if a.role == "lead"],
            (t.deadline.type, t.deadline.date) if t.deadline else None,
        )
        for t in result.tasks
    }
    assert found["Rà soát danh mục dự án"] == (["Sở Tài chính"], ("before", "2018-10-15"))
    report = next(v for k, v in found.items() if k.startswith("Báo cáo tiến độ"))
    assert report == (["Ủy ban nhân dân các xã"], ("within_period", "2018-12-31"))
    assert len(result.tasks) == 2


def test_cell_words_tesseract_gave_no_confidence_are_kept_when_they_are_syllables() -> None:
    from nlp_service.readers.ocr import OcrLine, OcrPage, OcrWord, table_cells
    from nlp_service.readers.pdf_tables import Grid

    dpi = 72  # one pixel a point: the grid and the word boxes share coordinates
    page = OcrPage([], width=600, height=800, confidence=0.9, dpi=dpi)
    # two columns between x 100, 300, 500; one row between y (from the top) 100 and 200
    page.grid = Grid([100.0, 300.0, 500.0], [600.0, 700.0], [[0, 1, 2]], [[False, False]])

    def word(text: str, left: int, top: int, conf: float) -> OcrWord:
        return OcrWord(text, left, top, left + 10 * len(text), top + 14, conf)

    lines = [
        OcrLine(
            [word("Rà", 110, 120, 96), word("soát", 140, 120, 95), word("Phòng", 310, 120, 96)]
        ),
        OcrLine([word("Kinh", 380, 120, 95), word("tế", 430, 120, 0), word("và", 455, 120, 0)]),
        OcrLine([word("Hạ", 310, 150, 93), word("tầng", 340, 150, 94), word("ẩ", 400, 150, 0)]),
        OcrLine([word("Ghi", 110, 300, 95), word("chú", 150, 300, 0)]),  # below the table
    ]
    rest, rows, top = table_cells(lines, page)
    assert rows == [["Rà soát", "Phòng Kinh tế và Hạ tầng"]]
    assert top == 120
    assert [[w.text for w in ln.words] for ln in rest] == [["Ghi", "chú"]]
