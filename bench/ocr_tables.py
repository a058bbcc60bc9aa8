"""Ruled tables on scans: the image grid's cost against tesseract's, and its agreement with the
vector grid of the same page.

Usage: .venv/bin/python bench/ocr_tables.py [MAX_PAGES] [CORPUS_DIR]

Takes text-layer PDF pages whose vector rules form a table (``pdf_tables.find_grid``), renders
them at the OCR resolution as a scanner would, and on each page times ``find_image_grid`` (rule
finding and erasing) against one tesseract run on the same image, in this process. Prints the
ratio of medians (the price of reading tables on a scan, target ≤ 0.10) and on how many pages the
image grid has the vector grid's number of columns and rows (a 1 pt hairline a 300 dpi render
draws one pixel wide must still be found).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from nlp_service.readers.ocr import DPI, _png, run_tesseract
from nlp_service.readers.ocr_tables import find_image_grid
from nlp_service.readers.pdf_tables import find_grid

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "raw"


def table_pages(root: Path, limit: int) -> list[tuple[Path, int]]:
    out: list[tuple[Path, int]] = []
    for path in sorted(root.glob("*/*.pdf")):
        doc = pdfium.PdfDocument(path)
        for index in range(len(doc)):
            if find_grid(doc[index]) is not None:
                out.append((path, index))
                break  # one page a document: a spread of layouts, not one long table
        doc.close()
        if len(out) >= limit:
            break
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    limit = int(args[0]) if args else 8
    root = Path(args[1]) if len(args) > 1 else DEFAULT
    pages = table_pages(root, limit)
    if not pages:
        sys.exit(f"no text-layer PDF page with a ruled table under {root}")
    grid_s, ocr_s, agree = [], [], 0
    for path, index in pages:
        doc = pdfium.PdfDocument(path)
        vector = find_grid(doc[index])
        image = doc[index].render(scale=DPI / 72).to_pil().convert("L")
        doc.close()
        t0 = time.perf_counter()
        grid, unruled = find_image_grid(image, DPI)
        t1 = time.perf_counter()
        run_tesseract(_png(unruled), 120)
        t2 = time.perf_counter()
        grid_s.append(t1 - t0)
        ocr_s.append(t2 - t1)
        same = (
            grid is not None
            and vector is not None
            and (len(grid.xs), len(grid.ys)) == (len(vector.xs), len(vector.ys))
        )
        agree += same
        shape = None if grid is None else (len(grid.xs) - 1, len(grid.ys) - 1)
        vshape = None if vector is None else (len(vector.xs) - 1, len(vector.ys) - 1)
        print(
            f"{path.name[:50]:50} p{index + 1}: image {shape} vector {vshape} "
            f"grid {t1 - t0:.2f}s tesseract {t2 - t1:.2f}s"
        )
    ratio = statistics.median(grid_s) / statistics.median(ocr_s)
    print(
        f"pages {len(pages)}; grid/tesseract time (medians) {ratio:.3f} (target <= 0.10); "
        f"grid shape as the vector grid's on {agree}/{len(pages)} pages"
    )


if __name__ == "__main__":
    main()
