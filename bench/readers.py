"""Reader throughput on the corpus's text-layer PDFs: our read() vs pdfplumber alone.

Usage: .venv/bin/python bench/readers.py [CORPUS_DIR]
Prints pages/s for both in the same run (same files, same machine load), plus docs/s of the
DOC/DOCX/text readers. Scanned PDFs (no text layer) are left out of the PDF figure.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from nlp_service.readers import ReadLimits, read

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "raw"


def text_layer_pdfs(root: Path) -> list[tuple[Path, int]]:
    out = []
    for path in sorted(root.glob("*/*.pdf")):
        doc = pdfium.PdfDocument(path)
        n = len(doc)
        letters = sum(c.isalpha() for c in doc[0].get_textpage().get_text_range())
        doc.close()
        if letters > 20:
            out.append((path, n))
    return out


Rates = tuple[float, float]  # pages per wall second, pages per CPU second


def bench_ours(files: list[tuple[Path, int]], repeat: int) -> Rates:
    limits = ReadLimits(ocr=False)
    datas = [(p.read_bytes(), n) for p, n in files]
    start, cpu = time.perf_counter(), time.process_time()
    pages = 0
    for _ in range(repeat):
        for data, n in datas:
            read(data, limits=limits)
            pages += n
    return pages / (time.perf_counter() - start), pages / (time.process_time() - cpu)


def bench_pdfplumber(files: list[tuple[Path, int]]) -> Rates:
    start, cpu = time.perf_counter(), time.process_time()
    pages = 0
    for path, _ in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages / (time.perf_counter() - start), pages / (time.process_time() - cpu)


def bench_other(root: Path) -> str:
    lines = []
    limits = ReadLimits(ocr=False)
    for suffix in (".doc", ".docx", ".md"):
        files = [p.read_bytes() for p in sorted(root.glob(f"*/*{suffix}"))]
        if not files:
            continue
        start = time.perf_counter()
        for data in files:
            read(data, limits=limits)
        rate = len(files) / (time.perf_counter() - start)
        lines.append(f"{suffix:6} {len(files):3} files  {rate:7.1f} docs/s")
    return "\n".join(lines)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not root.is_dir():
        sys.exit(f"corpus not found: {root}")
    files = text_layer_pdfs(root)
    total = sum(n for _, n in files)
    read(files[0][0].read_bytes(), limits=ReadLimits(ocr=False))  # warm-up (imports, word list)
    ours = bench_ours(files, repeat=3)
    plumber = bench_pdfplumber(files)
    # CPU-second rates do not depend on what else runs on the shared machine.
    print(f"text-layer PDFs: {len(files)} files, {total} pages")
    print(f"nlp_service.readers.read : {ours[0]:8.1f} pages/s  ({ours[1]:.1f} per CPU s)")
    print(f"pdfplumber extract_text  : {plumber[0]:8.1f} pages/s  ({plumber[1]:.1f} per CPU s)")
    print(f"speed-up                 : {ours[0] / plumber[0]:8.1f}x")
    print(bench_other(root))


if __name__ == "__main__":
    main()
