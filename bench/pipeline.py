"""Whole-pipeline throughput against its floor, underthesea ``word_tokenize`` alone.

Usage: .venv/bin/python bench/pipeline.py [CORPUS_DIR] [--rounds 3] [--check]
       .venv/bin/python bench/pipeline.py --stages | --profile N

Why a floor: every document is segmented by underthesea, so the pipeline can never be faster
than ``word_tokenize`` on the same text; how many times slower it is measures what everything
else (readers, structure, recognizers, temporal, assembly, task model, JSON) costs. Issue 2 asks
for text inputs ≤ 3× the floor and PDF reading ≥ 100 pages/s where pdfplumber alone manages
about 17, i.e. ≥ 100/17 ≈ 5.9× pdfplumber.

Documents: the corpus's text-layer documents (PDF, DOC, DOCX, MD, TXT; PDFs whose pypdfium2
text layer has no letter are scans and left out, and so is the synthetic .json listing) plus
the seeds ``/work/shared/seeds/*.txt``. Everything runs in this one process: a cold start
(imports, models, first call), a warm-up on one file of each format, then ``--rounds`` rounds in
which each document goes through ``process()`` and, right after, its ``result.text`` through
``word_tokenize``, so that load from other processes on the shared machine hits both alike. The
reported figures are medians over rounds; the ratios are what matter, absolute rates are only
as good as the free cores. PDF reading (``readers.read``) and pdfplumber (``extract_text`` on
every page) are timed in turns in the same rounds.

``--check`` exits 1 when a target is missed (only ratios are checked); otherwise exit code 0.
``--stages`` instead times each pipeline stage over one pass (wrappers around the stage
functions: true shares). ``--profile N`` instead runs one pass under cProfile and prints the time
per stage and per area of the code and the N functions with the most own time; cProfile's
per-call overhead inflates Python-heavy code against underthesea's native CRF, so take shares
from ``--stages`` and use ``--profile`` to find the functions inside a stage.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "raw"
SEEDS = ROOT / ".." / "shared" / "seeds"
TEXT_FORMATS = {".txt", ".md", ".doc", ".docx"}
FORMATS = TEXT_FORMATS | {".pdf"}
TEXT_TARGET = 3.0  # pipeline / floor on text inputs, at most
PDF_TARGET = 100 / 17  # readers.read / pdfplumber pages per second, at least


@dataclass
class Sample:
    """One benchmark document, read from disk once so that file I/O is never timed."""

    path: Path
    data: bytes
    pages: int = 1  # PDF pages; 1 for other formats

    @property
    def group(self) -> str:
        return "pdf" if self.path.suffix.lower() == ".pdf" else "text"


@dataclass
class Spent:
    """Wall and CPU seconds. CPU time (this process and its antiword children) does not depend
    on what else the shared machine is running, so ratios are taken on it; wall time is what a
    user waits for and is printed next to it."""

    wall: float = 0.0
    cpu: float = 0.0

    def __iadd__(self, other: Spent) -> Spent:
        self.wall += other.wall
        self.cpu += other.cpu
        return self

    def get(self, clock: str) -> float:
        return self.wall if clock == "wall" else self.cpu


@dataclass
class Round:
    """Time spent in one round, summed per group ("text", "pdf")."""

    pipeline: dict[str, Spent] = field(default_factory=lambda: defaultdict(Spent))
    floor: dict[str, Spent] = field(default_factory=lambda: defaultdict(Spent))
    read: Spent = field(default_factory=Spent)
    pdfplumber: Spent = field(default_factory=Spent)


def pdf_pages_with_text(path: Path) -> tuple[int, bool]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        return len(doc), any(c.isalpha() for c in text)
    finally:
        doc.close()


def collect(corpus: Path, seeds: Path) -> tuple[list[Sample], list[Path]]:
    """Text-layer documents of the corpus and the seed texts; also the scans that were left out."""
    samples: list[Sample] = []
    scans: list[Path] = []
    paths = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in FORMATS)
    paths += sorted(seeds.glob("*.txt"))
    for path in paths:
        if path.name in ("SOURCES.md", "README.md"):
            continue
        pages = 1
        if path.suffix.lower() == ".pdf":
            pages, has_text = pdf_pages_with_text(path)
            if not has_text:
                scans.append(path)
                continue
        samples.append(Sample(path, path.read_bytes(), pages))
    return samples, scans


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn: Callable[..., object], *args: object) -> Spent:
    wall, cpu = time.perf_counter(), cpu_seconds()
    fn(*args)
    return Spent(time.perf_counter() - wall, cpu_seconds() - cpu)


def pdfplumber_pages(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def cold_start(first: Sample) -> tuple[float, float, float]:
    """Seconds for the imports, for underthesea's import, and for the first ``process()``."""
    start = time.perf_counter()
    from nlp_service.pipeline import process

    imports = time.perf_counter() - start
    start = time.perf_counter()
    from underthesea import word_tokenize  # noqa: F401  (loads its CRF model)

    underthesea = time.perf_counter() - start
    first_call = timed(process, first.data, first.path.name).wall
    return imports, underthesea, first_call


def warm_up(samples: list[Sample]) -> None:
    """One file of each format, so that lazily imported readers are loaded before timing."""
    from underthesea import word_tokenize

    from nlp_service.pipeline import process

    seen: set[str] = set()
    for s in samples:
        suffix = s.path.suffix.lower()
        if suffix not in seen:
            seen.add(suffix)
            word_tokenize(process(s.data, s.path.name).text)
            if suffix == ".pdf":
                pdfplumber_pages(s.data)


def one_round(samples: list[Sample], chars: dict[Path, int]) -> Round:
    from underthesea import word_tokenize

    from nlp_service.pipeline import process
    from nlp_service.readers import read

    r = Round()
    for s in samples:
        wall, cpu = time.perf_counter(), cpu_seconds()
        result = process(s.data, s.path.name)
        r.pipeline[s.group] += Spent(time.perf_counter() - wall, cpu_seconds() - cpu)
        chars[s.path] = len(result.text)
        r.floor[s.group] += timed(word_tokenize, result.text)
    for s in samples:
        if s.group == "pdf":
            r.read += timed(read, s.data, s.path.name)
            r.pdfplumber += timed(pdfplumber_pages, s.data)
    return r


def median(rounds: list[Round], get: Callable[[Round], float]) -> float:
    return statistics.median(get(r) for r in rounds)


def report(samples: list[Sample], rounds: list[Round], chars: dict[Path, int]) -> list[str]:
    """Print the figures; return the targets that were missed.

    Rates are per CPU second, with docs/s per wall second alongside; each ratio is the median
    of the per-round ratios, so both sides of a ratio always come from the same round.
    """
    missed: list[str] = []
    print(
        f"{'group':<5} {'docs':>4} {'chars':>7} | {'pipeline':>8} {'docs/s':>6} {'chars/s':>7}"
        f" {'(wall docs/s)':>13} | {'floor':>6} {'chars/s':>7} | pipeline/floor cpu (wall)"
    )
    for label, group in (("text", "text"), ("pdf", "pdf"), ("all", None)):
        members = [s for s in samples if group is None or s.group == group]
        if not members:
            continue
        n_docs, n_chars = len(members), sum(chars[s.path] for s in members)

        def pipe(r: Round, clock: str = "cpu", g: str | None = group) -> float:
            return sum(v.get(clock) for k, v in r.pipeline.items() if g is None or k == g)

        def floor(r: Round, clock: str = "cpu", g: str | None = group) -> float:
            return sum(v.get(clock) for k, v in r.floor.items() if g is None or k == g)

        p, f = median(rounds, pipe), median(rounds, floor)
        p_wall = median(rounds, lambda r: pipe(r, "wall"))
        ratio = median(rounds, lambda r: pipe(r) / floor(r))
        ratio_wall = median(rounds, lambda r: pipe(r, "wall") / floor(r, "wall"))
        print(
            f"{label:<5} {n_docs:>4} {n_chars:>7} | {p:7.2f}s {n_docs / p:6.2f} {n_chars / p:7.0f}"
            f" {n_docs / p_wall:13.2f} | {f:5.2f}s {n_chars / f:7.0f} |"
            f" {ratio:5.2f}x ({ratio_wall:.2f}x)"
        )
        if label == "text":
            ok = ratio <= TEXT_TARGET
            print(
                f"      text inputs: pipeline/floor {ratio:.2f}x (target <= {TEXT_TARGET:g}x)"
                f" {'ok' if ok else 'MISSED'}"
            )
            if not ok:
                missed.append("text pipeline/floor")
    pdfs = [s for s in samples if s.group == "pdf"]
    if pdfs:
        pages = sum(s.pages for s in pdfs)
        ours = median(rounds, lambda r: r.read.cpu)
        plumber = median(rounds, lambda r: r.pdfplumber.cpu)
        ours_wall = median(rounds, lambda r: r.read.wall)
        plumber_wall = median(rounds, lambda r: r.pdfplumber.wall)
        ratio = median(rounds, lambda r: r.pdfplumber.cpu / r.read.cpu)
        ratio_wall = median(rounds, lambda r: r.pdfplumber.wall / r.read.wall)
        ok = ratio >= PDF_TARGET
        print(f"PDF reading, {len(pdfs)} text-layer PDFs, {pages} pages, per CPU s (per wall s):")
        print(f"  nlp_service.readers.read  {pages / ours:7.1f} pages/s ({pages / ours_wall:.1f})")
        print(
            f"  pdfplumber extract_text   {pages / plumber:7.1f} pages/s"
            f" ({pages / plumber_wall:.1f})"
        )
        print(
            f"  read / pdfplumber         {ratio:7.2f}x ({ratio_wall:.2f}x)"
            f" (target >= {PDF_TARGET:.1f}x, i.e. 100 vs 17 pages/s) {'ok' if ok else 'MISSED'}"
        )
        if not ok:
            missed.append("PDF pages/s vs pdfplumber")
    return missed


# What ``analyse_bytes`` calls, by the names it calls them under in ``nlp_service.pipeline``.
STAGE_NAMES = {
    "readers (read)": ("read",),
    "press reports": ("looks_like_press", "clean_press"),
    "text layer (compose)": ("compose",),
    "structure (analyse)": ("analyse",),
    "temporal": ("find_time_expressions",),
    "assembly": ("assemble",),
    "segmentation (to_doc)": ("to_doc",),
    "spaCy span groups": ("_attach_spans",),
    "contract v1 (pydantic)": ("_document", "_task", "_entities"),
}


def stages(samples: list[Sample]) -> None:
    """CPU time per stage from one pass with timing wrappers around the stage functions.

    Unlike cProfile this adds a few calls per document, not per Python call, so the shares of
    C-heavy code (underthesea's CRF) and of many-small-call Python code are not distorted.
    """
    from nlp_service import pipeline
    from nlp_service.nlp import segment

    spent: dict[str, float] = defaultdict(float)

    def wrap(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed_stage(*args: Any, **kwargs: Any) -> Any:
            start = cpu_seconds()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += cpu_seconds() - start

        return timed_stage

    saved: list[tuple[object, str, object]] = []

    def patch(owner: object, name: str, label: str) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, wrap(label, getattr(owner, name)))

    for label, names in STAGE_NAMES.items():
        for name in names:
            patch(pipeline, name, label)
    patch(segment, "_word_tokenize", "  of which underthesea")
    patch(pipeline._bodies(), "analyze", "bodies")
    patch(pipeline._cues(), "analyze", "directive cues")
    model = pipeline.load_task_model()
    if model is not None:
        patch(model, "rescore", "task model (rescore)")
    total = 0.0
    reading: dict[str, float] = defaultdict(float)  # readers' time per file format
    try:
        for s in samples:
            start, before = cpu_seconds(), spent["readers (read)"]
            pipeline.process(s.data, s.path.name)
            total += cpu_seconds() - start
            reading[s.path.suffix.lower()] += spent["readers (read)"] - before
    finally:
        for owner, name, original in reversed(saved):
            if isinstance(owner, type(pipeline)):
                setattr(owner, name, original)
            else:
                delattr(owner, name)  # the instance attribute shadowed the method
    print(f"stages, one pass over {len(samples)} documents: {total:.2f} CPU s")
    order = [
        "readers (read)", "press reports", "text layer (compose)", "structure (analyse)",
        "bodies", "directive cues", "temporal", "assembly", "task model (rescore)",
        "segmentation (to_doc)", "  of which underthesea", "spaCy span groups",
        "contract v1 (pydantic)",
    ]  # fmt: skip
    for label in order:
        print(f"  {label:<26} {spent[label]:7.2f} s {100 * spent[label] / total:5.1f} %")
    rest = total - sum(v for k, v in spent.items() if not k.startswith(" "))
    print(f"  {'rest (hashing, glue)':<26} {rest:7.2f} s {100 * rest / total:5.1f} %")
    formats = ", ".join(f"{k} {v:.2f} s" for k, v in sorted(reading.items(), key=lambda kv: -kv[1]))
    print(f"readers by format: {formats}")


# Pipeline stages: (label, file suffix, function name) of the function whose cumulative time
# is the stage's; they are what ``analyse_bytes`` calls in order.
STAGES = [
    ("whole process()", "nlp_service/pipeline.py", "process"),
    ("readers (read)", "nlp_service/readers/__init__.py", "read"),
    ("press-report cleaning", "nlp_service/text/press.py", "clean_press"),
    ("press-report detection", "nlp_service/text/press.py", "looks_like_press"),
    ("text layer (compose)", "nlp_service/text/compose.py", "compose"),
    ("structure (analyse)", "nlp_service/text/structure.py", "analyse"),
    ("bodies", "nlp_service/nlp/bodies.py", "analyze"),
    ("directive cues", "nlp_service/nlp/directives.py", "analyze"),
    ("temporal", "nlp_service/temporal/engine.py", "find_time_expressions"),
    ("assembly", "nlp_service/nlp/assembly.py", "assemble"),
    ("task model (rescore)", "nlp_service/training/model.py", "rescore"),
    ("segmentation (to_doc)", "nlp_service/nlp/segment.py", "to_doc"),
    ("  of which underthesea", "nlp_service/nlp/segment.py", "_word_tokenize"),
    ("spaCy span groups", "nlp_service/pipeline.py", "_attach_spans"),
    ("contract v1 (pydantic)", "pydantic/main.py", "__init__"),
]

# Areas for time spent in a function's own code, by the path of its file; first match wins.
AREAS = [
    ("nlp_service/readers/", "readers"),
    ("nlp_service/text/", "text layer + structure + press"),
    ("nlp_service/nlp/bodies.py", "bodies"),
    ("nlp_service/nlp/abbreviations.py", "bodies (abbreviations)"),
    ("nlp_service/nlp/directives.py", "directive cues"),
    ("nlp_service/nlp/recognizer.py", "recognizer base"),
    ("nlp_service/nlp/assembly.py", "assembly"),
    ("nlp_service/nlp/clauses.py", "assembly (clauses)"),
    ("nlp_service/nlp/segment.py", "segmentation (alignment)"),
    ("nlp_service/temporal/", "temporal"),
    ("nlp_service/training/", "task model"),
    ("nlp_service/", "nlp_service, other"),
    ("underthesea", "underthesea"),
    ("pycrfsuite", "underthesea (crfsuite)"),
    ("spacy", "spaCy"),
    ("pydantic", "pydantic"),
    ("sklearn", "scikit-learn"),
    ("pdfplumber", "pdfplumber"),
    ("pdfminer", "pdfminer"),
    ("pypdfium2", "pypdfium2"),
    ("docx", "python-docx"),
    ("subprocess", "subprocess (antiword)"),
    ("re/", "re (compile)"),
]


def area_of(filename: str) -> str:
    for needle, area in AREAS:
        if needle in filename:
            return area
    return "other"


Key = tuple[str, int, str]


def own_time_by_area(raw: dict[Key, tuple[Any, ...]]) -> dict[str, float]:
    """Own time per area; a built-in's time (regex search, str methods, underthesea's native
    CRF featurizer and tagger) goes to the areas of its callers, which is where it is spent."""
    by_area: dict[str, float] = defaultdict(float)
    for (fn, _, _), (_, _, tt, _, callers) in raw.items():
        if fn != "~":
            by_area[area_of(fn)] += tt
            continue
        for (caller_fn, _, _), (_, _, caller_tt, _) in callers.items():
            by_area[area_of(caller_fn) if caller_fn != "~" else "built-ins"] += caller_tt
    return by_area


def profile(samples: list[Sample], top: int) -> None:
    from nlp_service.pipeline import process

    # CPU time, not wall time: on a loaded machine wall time charges other processes' time to
    # whatever function happened to be running. antiword runs in a child and is not counted.
    profiler = cProfile.Profile(time.process_time)
    start = time.perf_counter()
    profiler.enable()
    for s in samples:
        process(s.data, s.path.name)
    profiler.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[Key, tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in raw.values())
    print(
        f"cProfile (CPU time), one pass over {len(samples)} documents: {wall:.2f} s wall,"
        f" {total:.2f} s profiled (profiling overhead inflates small Python calls)"
    )

    print("\nstage (cumulative time of the function that does it)")
    for label, suffix, func in STAGES:
        cum = sum(
            ct
            for (fn, _, name), (_, _, _, ct, _) in raw.items()
            if fn.endswith(suffix) and name == func
        )
        print(f"  {label:<26} {cum:7.2f} s {100 * cum / total:5.1f} %")

    print("\narea (time in its own code; built-ins count for their callers)")
    by_area = own_time_by_area(raw)
    for area, t in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"  {area:<32} {t:7.2f} s {100 * t / total:5.1f} %")

    print(f"\ntop {top} functions by own time")
    rows = sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]
    for (fn, line, name), (_, nc, tt, ct, _) in rows:
        where = fn.split("site-packages/")[-1].split("/work/main/")[-1]
        print(
            f"  {100 * tt / total:5.1f} % own {tt:6.2f} s  cum {ct:6.2f} s  {nc:>8} calls"
            f"  {where}:{line}({name})"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="profile one pass instead and print the N hottest functions",
    )
    ap.add_argument(
        "--stages", action="store_true", help="time each pipeline stage over one pass instead"
    )
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1 if args.check else 0
    samples, scans = collect(args.corpus, args.seeds)
    if not samples:
        print("no text-layer documents found", file=sys.stderr)
        return 1 if args.check else 0
    by_suffix: dict[str, int] = defaultdict(int)
    for s in samples:
        by_suffix[s.path.suffix.lower()] += 1
    formats = ", ".join(f"{n} {k}" for k, n in sorted(by_suffix.items()))
    print(
        f"{len(samples)} documents ({formats});"
        f" {len(scans)} scanned PDFs left out; load average {os.getloadavg()[0]:.1f}"
        f" on {os.cpu_count()} cores"
    )

    imports, underthesea, first_call = cold_start(samples[0])
    print(
        f"cold start: imports {imports:.2f} s, underthesea import {underthesea:.2f} s,"
        f" first process() ({samples[0].path.name}) {first_call:.2f} s"
    )
    warm_up(samples)
    if args.profile:
        profile(samples, args.profile)
        return 0
    if args.stages:
        stages(samples)
        return 0

    chars: dict[Path, int] = {}
    rounds = [one_round(samples, chars) for _ in range(args.rounds)]
    print(f"{args.rounds} rounds, medians; load average after {os.getloadavg()[0]:.1f}")
    missed = report(samples, rounds, chars)
    if args.check and missed:
        print(f"missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
