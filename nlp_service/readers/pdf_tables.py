"""Ruled tables in a PDF text layer, from pdfium's path objects and character boxes.

pdfplumber finds tables well but costs ~60 ms a page; the rules of a Word-made table are plain
path objects, so their x and y positions give the grid directly (~1 ms a page to scan the
objects). Each character inside the grid goes to the cell its box centre falls in: pdfium
sometimes joins cells that share a baseline into one line ("N3 ≤300 200–280"), and the per-
character split undoes that.
"""

from __future__ import annotations

import bisect
import ctypes
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp_service.readers._util import clean

RULE_THICKNESS = 2.5  # points: thicker shapes are fills or images, not rules
MIN_RULE_LENGTH = 5.0
CLUSTER = 2.0  # rules closer than this are one grid line


@dataclass
class Grid:
    """Column rules per row band: merged cells and text outside the table are respected.

    ``xs`` are all column rule positions (ascending); ``ys`` the row rules (ascending, PDF
    coordinates); ``active[r]`` the indices into ``xs`` of the vertical rules that cross row
    band ``r`` (counted from the bottom). A band crossed by fewer than two rules is not part
    of a table (a decorative underline under the header, for example).
    """

    xs: list[float]
    ys: list[float]
    active: list[list[int]]
    # open_above[b][k]: no rule closes column k at the top of band b although the row rule is
    # drawn across other columns (a cell merged down over two rows continues above).
    open_above: list[list[bool]] | None = None

    def _band(self, y: float) -> int | None:
        if not self.ys[0] - 1 <= y <= self.ys[-1] + 1:
            return None
        return min(max(bisect.bisect(self.ys, y) - 1, 0), len(self.ys) - 2)

    def contains(self, x: float, y: float) -> bool:
        band = self._band(y)
        if band is None or len(self.active[band]) < 2:
            return False
        rules = self.active[band]
        return self.xs[rules[0]] - 1 <= x <= self.xs[rules[-1]] + 1

    def column(self, x: float, y: float) -> int:
        """Index of the grid column whose cell (possibly merged) holds x in y's row."""
        band = self._band(y)
        rules = self.active[band] if band is not None else list(range(len(self.xs)))
        positions = [self.xs[i] for i in rules]
        k = min(max(bisect.bisect(positions, x) - 1, 0), max(len(rules) - 2, 0))
        return rules[k] if rules else 0

    def row(self, y: float, column: int | None = None) -> int:
        """Row index counted from the top of the table; with ``column``, the top row of the
        cell merged down over y's row in that column (a vertically centred name that wraps
        over the rule the other columns draw stays in one cell)."""
        band = self._band(y)
        band = band if band is not None else 0
        if column is not None and self.open_above is not None:
            while band + 1 < len(self.ys) - 1 and self._open(band, column):
                band += 1
        return len(self.ys) - 2 - band

    def _open(self, band: int, column: int) -> bool:
        assert self.open_above is not None
        row = self.open_above[band]
        return 0 <= column < len(row) and row[column]


def _cluster(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > CLUSTER:
            out.append(v)
    return out


def find_grid(page: pdfium.PdfPage) -> Grid | None:
    """The ruling grid of the page's table(s), or None when there are not enough rules."""
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    verticals: list[tuple[float, float, float]] = []
    ys: list[float] = []
    horizontals: list[tuple[float, float, float]] = []  # (y, x0, x1)
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if width <= RULE_THICKNESS and height >= MIN_RULE_LENGTH:
            verticals.append(((left.value + right.value) / 2, bottom.value, top.value))
        elif height <= RULE_THICKNESS and width >= MIN_RULE_LENGTH:
            ys.append((bottom.value + top.value) / 2)
            horizontals.append((ys[-1], left.value, right.value))
    xs, rows = _cluster([v[0] for v in verticals]), _cluster(ys)
    if len(xs) < 3 or len(rows) < 2:
        return None
    active: list[list[int]] = []
    for band in range(len(rows) - 1):
        centre = (rows[band] + rows[band + 1]) / 2
        crossing = {
            bisect.bisect_left(xs, x - CLUSTER) for x, y0, y1 in verticals if y0 <= centre <= y1
        }
        active.append(sorted(i for i in crossing if i < len(xs)))
    if not any(len(a) >= 3 for a in active):
        return None
    return Grid(xs, rows, active, open_above(xs, rows, horizontals))


def open_above(
    xs: list[float],
    rows: list[float],
    horizontals: list[tuple[float, float, float]],
    cluster: float = CLUSTER,
) -> list[list[bool]]:
    """For each band below the top one, which columns the rule at its top leaves open. A rule
    counts only where it is drawn across at least two columns (a short underline under a
    heading is no row rule), so a table ruled only at its edges is never merged."""
    columns = [(xs[k] + xs[k + 1]) / 2 for k in range(len(xs) - 1)]
    out: list[list[bool]] = []
    for band in range(len(rows) - 1):
        if band + 1 >= len(rows) - 1:
            out.append([False] * len(columns))  # the top band: nothing above it in the table
            continue
        y = rows[band + 1]
        at = [(x0, x1) for hy, x0, x1 in horizontals if abs(hy - y) <= cluster]
        covered = [any(x0 - 1 <= mx <= x1 + 1 for x0, x1 in at) for mx in columns]
        real = sum(covered) >= 2
        out.append([real and not c for c in covered])
    return out


def image_cover(page: pdfium.PdfPage) -> float:
    """Share of the page area covered by its largest image (a scan covers ~100%)."""
    raw = page.raw
    width, height = page.get_size()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    best = 0.0
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            w = min(right.value, width) - max(left.value, 0.0)
            h = min(top.value, height) - max(bottom.value, 0.0)
            if w > 0 and h > 0:
                best = max(best, w * h / (width * height))
    return best


def cell_rows(grid: Grid, cells: dict[tuple[int, int], list[str]]) -> list[list[str]]:
    """The texts of (row, column) cells as table rows, without empty rows and columns (a
    column rule that only frames the table makes an empty column)."""
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    rows = [[clean(" ".join(cells.get((r, c), []))) for c in range(n_cols)] for r in range(n_rows)]
    rows = [row for row in rows if any(row)]
    filled = [c for c in range(n_cols) if any(row[c] for row in rows)]
    return [[row[c] for c in filled] for row in rows]
