"""OCR throughput on the corpus's scanned PDFs (2 tesseract processes, OMP_THREAD_LIMIT=1).

Usage: .venv/bin/python bench/ocr.py [MAX_PAGES] [CORPUS_DIR] [--binarize]
       .venv/bin/python bench/ocr.py --cer GOLD_DIR [CORPUS_DIR]
Reads whole scanned documents through read() until MAX_PAGES (default 12) pages are done and
prints OCR'd pages/s, the slowest document's seconds per page and the mean OCR confidence.
Kept short on purpose: the machine is shared.

``--cer`` scores OCR against hand-corrected transcripts: GOLD_DIR holds ``<pdf name>.p<N>.txt``
files (page N of that PDF in the corpus, text as printed, reading order of the page: header
left column, then right column, then the body). CER = Levenshtein distance / reference length
after NFC and whitespace collapsing; seals, signatures and handwriting are not transcribed.
"""

from __future__ import annotations

import re
import resource
import sys
import time
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein

from nlp_service.readers import ReadLimits, read

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "raw"


def scanned_pdfs(root: Path) -> list[tuple[Path, int]]:
    out = []
    for path in sorted(root.glob("*/*.pdf")):
        doc = pdfium.PdfDocument(path)
        letters = sum(c.isalpha() for c in doc[0].get_textpage().get_text_range())
        if letters < 20:
            out.append((path, len(doc)))
        doc.close()
    return out


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = _norm(reference), _norm(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


def score_gold(gold: Path, root: Path) -> None:
    limits = ReadLimits(ocr_workers=2)
    total_errors = total_chars = 0
    for path in sorted(gold.glob("*.p*.txt")):
        name, _, page = path.stem.rpartition(".p")
        pdf = next(root.glob(f"*/{name}"), None)
        if pdf is None:
            print(f"{path.name}: source PDF not found")
            continue
        doc = read(pdf.read_bytes(), pdf.name, limits=limits)
        hyp = "\n".join(b.text for b in doc.blocks if b.page == int(page))
        ref = path.read_text(encoding="utf-8")
        errors = Levenshtein.distance(_norm(ref), _norm(hyp))
        total_errors += errors
        total_chars += len(_norm(ref))
        print(f"{path.name[:60]:60} CER {cer(ref, hyp):6.2%} ({len(_norm(ref))} chars)")
    if total_chars:
        print(f"overall CER {total_errors / total_chars:.2%} over {total_chars} characters")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--cer":
        root = Path(sys.argv[3]) if len(sys.argv) > 3 else DEFAULT
        score_gold(Path(sys.argv[2]), root)
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    max_pages = int(args[0]) if args else 12
    root = Path(args[1]) if len(args) > 1 else DEFAULT
    if not root.is_dir():
        sys.exit(f"corpus not found: {root}")
    limits = ReadLimits(ocr_workers=2, ocr_binarize="--binarize" in sys.argv)
    pages = 0
    confs: list[float] = []
    worst = 0.0
    warnings: list[str] = []
    start = time.perf_counter()
    cpu0 = _cpu()
    for path, n in sorted(scanned_pdfs(root), key=lambda item: item[1]):
        if pages + n > max_pages:
            continue
        t0 = time.perf_counter()
        doc = read(path.read_bytes(), path.name, limits=limits)
        worst = max(worst, (time.perf_counter() - t0) / n)
        pages += n
        confs += [p.ocr_confidence for p in doc.pages if p.ocr_confidence is not None]
        warnings += [w for w in doc.warnings if "read by OCR" not in w]
        print(f"{path.name[:50]:50} {n:3} pages {time.perf_counter() - t0:6.1f} s")
    elapsed = time.perf_counter() - start
    cpu = (_cpu() - cpu0) / max(pages, 1)
    print(f"OCR: {pages} pages in {elapsed:.1f} s = {pages / elapsed:.2f} pages/s on 2 workers")
    # Wall time depends on what else runs on the machine; CPU time per page does not.
    print(f"CPU: {cpu:.2f} s/page (tesseract + rendering) -> {2 / cpu:.2f} pages/s on 2 idle cores")
    print(f"slowest document: {worst:.1f} s/page; mean confidence {sum(confs) / len(confs):.3f}")
    print(f"warnings: {warnings or 'none'}")


if __name__ == "__main__":
    main()
