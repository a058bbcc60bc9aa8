"""Ruled tables on a scanned page: the rules found in the image, the words put into cells.

Tesseract reads a task table line by line across its columns ("Phát thanh nội dung tuyên
truyền về cải Phòng Văn hóa - Xã Hằng tháng"), so the task, its body and its time run together
and the body column is lost. The rules of a printed table are long straight runs of dark pixels,
which letters never make, so they give the grid directly (a few tens of milliseconds a page with
numpy); each word goes to the cell its box centre falls in, and the grid is the same
:class:`~nlp_service.readers.pdf_tables.Grid` the text-layer reader fills, in points.

A rule slightly off the horizontal breaks into short runs; the mask is thickened across the
rule's direction first, so a page turned by up to about 1° (the deskew threshold) still shows
whole rules.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from nlp_service.readers.pdf_tables import Grid, open_above

Segment = tuple[float, float, float]  # (position, start, end) in points


def _runs(mask: np.ndarray, length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least ``length`` long, row by row."""
    rows, width = mask.shape
    padded = np.zeros((rows, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded.ravel())  # a row's padding closes its last run before the next row
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    keep = ends - starts >= length
    starts, ends = starts[keep], ends[keep]
    row = starts // (width + 2)
    offset = row * (width + 2)
    return list(
        zip(row.tolist(), (starts - offset).tolist(), (ends - offset).tolist(), strict=True)
    )


def _thicken(mask: np.ndarray, by: int) -> np.ndarray:
    """The mask OR-ed with itself shifted up and down by 1..``by`` rows."""
    out = mask.copy()
    for k in range(1, by + 1):
        out[k:] |= mask[:-k]
        out[:-k] |= mask[k:]
    return out


def _rules(runs: list[tuple[int, int, int]]) -> list[list[int]]:
    """Runs on neighbouring rows that overlap, merged into one rule: [first row, last row,
    start, end] in pixels."""
    rules: list[list[int]] = []
    for row, start, end in sorted(runs):
        near = (r for r in reversed(rules) if row - r[1] <= 2)
        rule = next((r for r in near if start <= r[3] and end >= r[2]), None)
        if rule is None:
            rules.append([row, row, start, end])
        else:
            rule[1], rule[2], rule[3] = row, min(rule[2], start), max(rule[3], end)
    return rules


def _segments(rules: list[list[int]], scale: float) -> list[Segment]:
    return [((a + b) / 2 * scale, s * scale, e * scale) for a, b, s, e in rules]


def _on_rules(
    runs: list[tuple[int, int, int]], rules: list[list[int]]
) -> list[tuple[int, int, int]]:
    """The runs that lie along a rule: on its rows and inside its extent."""
    return [
        (row, start, end)
        for row, start, end in runs
        if any(a <= row <= b and s <= start and end <= e for a, b, s, e in rules)
    ]


def _cluster(values: list[float], gap: float) -> list[float]:
    """Positions closer than ``gap`` to the previous one are one grid line (their mean)."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= gap:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _crossed(
    horizontals: list[Segment], verticals: list[Segment], tolerance: float
) -> tuple[list[Segment], list[Segment]]:
    """The rules that cross at least two rules of the other direction, until none is dropped.

    A printed table's rules meet; the long strokes of a seal, a signature or an underline do
    not, and taken for a grid they would pull the lines around them into cells.
    """

    def meets(h: Segment, v: Segment) -> bool:
        (y, x0, x1), (x, y0, y1) = h, v
        return x0 - tolerance <= x <= x1 + tolerance and y0 - tolerance <= y <= y1 + tolerance

    while True:
        kept_h = [h for h in horizontals if sum(meets(h, v) for v in verticals) >= 2]
        kept_v = [v for v in verticals if sum(meets(h, v) for h in kept_h) >= 2]
        if len(kept_h) == len(horizontals) and len(kept_v) == len(verticals):
            return kept_h, kept_v
        horizontals, verticals = kept_h, kept_v


def find_image_grid(image: Image.Image, dpi: int) -> tuple[Grid | None, Image.Image]:
    """The ruling grid of a page image in points (y counted from the bottom, as in a PDF), and
    the image with the grid's rules whitened for tesseract.

    Tesseract reads rules as characters ("7 7 7", "|") and, next to them, skips short words in
    narrow cells (the "1", "2" of a numbering column, a "Thời hạn" heading): without them the
    same page reads whole. The image comes back unchanged when there is no grid.
    """
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    dark = grey < 128
    height = dark.shape[0]
    scale = 72.0 / dpi
    thick = max(1, round(dpi / 150))
    h_mask, v_mask = _thicken(dark, thick), _thicken(np.ascontiguousarray(dark.T), thick)
    h_rules = _rules(_runs(h_mask, round(dpi * 0.4)))
    v_rules = _rules(_runs(v_mask, round(dpi * 0.2)))
    horizontal, vertical = _segments(h_rules, scale), _segments(v_rules, scale)
    page_h = height * scale
    # to PDF orientation: horizontals (y, x0, x1), verticals (x, y_bottom, y_top)
    horizontals = [(page_h - y, x0, x1) for y, x0, x1 in horizontal]
    verticals = [(x, page_h - y1, page_h - y0) for x, y0, y1 in vertical]
    tolerance = 3.0  # points: a rule drawn 1 pt thick and read off a slightly turned page
    horizontals, verticals = _crossed(horizontals, verticals, tolerance)
    xs = _cluster([v[0] for v in verticals], tolerance)
    ys = _cluster([h[0] for h in horizontals], tolerance)
    if len(xs) < 3 or len(ys) < 2:
        return None, image
    active: list[list[int]] = []
    for band in range(len(ys) - 1):
        centre = (ys[band] + ys[band + 1]) / 2
        crossing = {
            int(np.argmin([abs(x - v) for v in xs]))
            for x, y0, y1 in verticals
            if y0 - tolerance <= centre <= y1 + tolerance
        }
        active.append(sorted(crossing))
    if not any(len(a) >= 3 for a in active):
        return None, image
    rules = np.zeros_like(dark)
    # Every run along a rule, down to short ones: a rule off the horizontal ends in pieces
    # shorter than the runs that found it. Text beside a rule's ends is never touched.
    short = round(dpi * 0.05)
    for row, start, end in _on_rules(_runs(h_mask, short), h_rules):
        rules[row, start:end] = True
    for col, start, end in _on_rules(_runs(v_mask, short), v_rules):
        rules[start:end, col] = True
    unruled = grey.copy()
    unruled[rules & dark] = 255
    grid = Grid(xs, ys, active, open_above(xs, ys, horizontals, tolerance))
    return grid, Image.fromarray(unruled)
