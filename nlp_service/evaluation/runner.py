"""``nlp-service evaluate``: run the pipeline (and the baseline) over a gold split and report.

The report follows GROBID's habit: per-document rows, micro-averaged totals, the same figures
for the baseline, and the most common error kinds, as a text table and as JSON.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from nlp_service.errors import NlpServiceError
from nlp_service.evaluation import baseline, bootstrap, rasterise
from nlp_service.evaluation.gold import GoldDocument, documents, source_path
from nlp_service.evaluation.scoring import (
    METRIC_KEYS,
    DocScore,
    Prediction,
    PredTask,
    Totals,
    score_document,
)
from nlp_service.schemas import Result


def prediction_from_result(result: Result) -> Prediction:
    tasks = [
        PredTask(
            text=t.text,
            span=(t.span[0], t.span[1]),
            lead=[a.name for a in t.assignees if a.role == "lead"],
            support=[a.name for a in t.assignees if a.role == "support"],
            deadline={"type": t.deadline.type, "date": t.deadline.date} if t.deadline else None,
        )
        for t in result.tasks
    ]
    doc = result.document.model_dump(mode="json")
    return Prediction(text=result.text, document=doc, tasks=tasks)


@dataclass
class Report:
    split: str | None
    system: dict[str, float]
    baseline: dict[str, float] | None
    documents: list[dict[str, Any]] = field(default_factory=list)
    error_kinds: list[tuple[str, int, str]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    # The same figures for the documents issued by offices and for those the project wrote:
    # the extractor scores them very differently, and the mix differs between splits.
    by_origin: dict[str, dict[str, float]] = field(default_factory=dict)
    # 95% percentile-bootstrap intervals of the system's figures, resampling documents.
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    as_scan: bool = False  # the split's PDFs rendered to images and read back by OCR

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _error_kinds(scores: list[DocScore]) -> list[tuple[str, int, str]]:
    """The ten most common error kinds, each with one example (for the model card)."""
    kinds: Counter[str] = Counter()
    examples: dict[str, str] = {}

    def add(kind: str, example: str, n: int = 1) -> None:
        kinds[kind] += n
        examples.setdefault(kind, example)

    for s in scores:
        for quote in s.unmatched_gold:
            add("missed task", f"{s.source}: “{quote}”")
        if s.predicted > s.matched:
            add("spurious task", s.source, s.predicted - s.matched)
        for e in s.errors:
            q = f"{s.source}: “{e['quote']}”"
            if e["lead"]:
                g, p = e["lead"]["gold"], e["lead"]["pred"]
                kind = "wrong lead: none predicted" if not p else "wrong lead"
                add(kind, f"{q} gold {g} predicted {p}")
            if e["deadline"]:
                g, p = e["deadline"]["gold"], e["deadline"]["pred"]
                if g is None:
                    kind = "deadline where none is stated"
                elif p is None:
                    kind = "missed deadline"
                elif g.get("type") != p.get("type"):
                    kind = f"deadline type {p.get('type')} for {g.get('type')}"
                else:
                    kind = "deadline date wrong"
                add(kind, f"{q} gold {g} predicted {p}")
        for name, ok in s.field_results.items():
            if not ok:
                add(f"field {name} wrong", s.source)
    return [(k, n, examples[k]) for k, n in kinds.most_common(10)]


def evaluate(
    split: str | None = "dev", *, with_baseline: bool = True, as_scan: bool = False
) -> Report:
    """Score the pipeline on a split; ``as_scan`` scores the split's PDFs rendered to images
    and read back by OCR (see ``rasterise``)."""
    from nlp_service.pipeline import process

    docs: list[GoldDocument] = documents(split)
    if as_scan:
        docs = [d for d in docs if d.source.lower().endswith(".pdf")]
    totals, base_totals = Totals(), Totals()
    origin_totals = {"office": Totals(), "authored": Totals()}
    scores: list[DocScore] = []
    rows: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    for gold in docs:
        path = source_path(gold.source)
        try:
            data = path.read_bytes()
            result = process(rasterise.as_scan(data) if as_scan else data, path.name, segment=False)
        except NlpServiceError as exc:
            failures.append({"source": gold.source, "error": exc.code, "message": exc.message})
            continue
        if as_scan:
            gold = rasterise.located(gold, result.text)
        s = score_document(prediction_from_result(result), gold)
        totals.add(s)
        origin_totals["authored" if gold.authored else "office"].add(s)
        scores.append(s)
        row: dict[str, Any] = {
            "source": gold.source,
            "gold": s.gold,
            "predicted": s.predicted,
            "matched": s.matched,
            "lead_ok": s.lead_ok,
            "deadline_ok": s.deadline_ok,
            "fields": s.field_results,
            "unlocated_quotes": len(s.unlocated_quotes),
        }
        if with_baseline:
            bs = score_document(baseline.predict(result.text), gold)
            bs.field_results["doc_type"] = bs.field_results.get("doc_type", False)
            base_totals.add(bs)
            row["baseline_matched"] = bs.matched
        rows.append(row)
    return Report(
        split=split,
        system=totals.metrics() | {"documents": totals.documents, "gold_tasks": totals.gold},
        baseline=base_totals.metrics() if with_baseline else None,
        documents=rows,
        error_kinds=_error_kinds(scores),
        failures=failures,
        by_origin={
            name: t.metrics() | {"documents": t.documents, "gold_tasks": t.gold}
            for name, t in origin_totals.items()
            if t.documents
        },
        intervals=bootstrap.intervals(scores),
        as_scan=as_scan,
    )


def format_report(report: Report) -> str:
    scans = ", its PDFs re-read as scans" if report.as_scan else ""
    lines = [f"Evaluation on split: {report.split or 'all'}{scans}", ""]
    lines.append(f"{'document':60} {'gold':>5} {'pred':>5} {'match':>5} {'lead':>5} {'ddl':>5}")
    for r in report.documents:
        lines.append(
            f"{r['source'][-60:]:60} {r['gold']:>5} {r['predicted']:>5} {r['matched']:>5} "
            f"{r['lead_ok']:>5} {r['deadline_ok']:>5}"
        )
    lines.append("")
    keys = METRIC_KEYS
    header = f"{'metric':20} {'system':>8}" + (
        f" {'baseline':>9} {'gap':>7}" if report.baseline else ""
    )
    if report.intervals:
        header += f"  {'95% CI (documents resampled)':>29}"
    lines.append(header)
    for k in keys:
        line = f"{k:20} {report.system[k]:>8.3f}"
        if report.baseline:
            b = report.baseline[k]
            line += f" {b:>9.3f} {report.system[k] - b:>+7.3f}"
        if k in report.intervals:
            lo, hi = report.intervals[k]
            line += f"  {f'{lo:.3f} - {hi:.3f}':>29}"
        lines.append(line)
    if report.by_origin:
        lines.append("")
        names = list(report.by_origin)
        lines.append(f"{'by origin':20}" + "".join(f" {n:>9}" for n in names))
        for k in (*keys, "documents"):
            lines.append(f"{k:20}" + "".join(f" {report.by_origin[n][k]:>9.3g}" for n in names))
    lines.append("")
    lines.append("Most common errors:")
    for kind, n, _ in report.error_kinds:
        lines.append(f"  {n:>4}  {kind}")
    for f in report.failures:
        lines.append(f"  failed: {f['source']}: {f['error']} {f['message']}")
    return "\n".join(lines)
