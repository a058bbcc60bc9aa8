"""Scoring predictions against gold, exactly as ANNOTATION.md "Scoring" defines it.

- A predicted task matches a gold task when the gold quote lies inside the predicted text
  (case- and space-insensitive) or their spans overlap by at least half the quote; matching is
  one-to-one, best overlap first.
- On matched tasks: lead accuracy (sets agree under :func:`same_body`, ``lead_alt`` accepted),
  support accuracy, deadline accuracy (same type and date; null must be null).
- Document fields: exact after normalisation for doc_type, number, issue_date; token-set
  F1 ≥ 0.8 for issuer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from nlp_service.evaluation.gold import GoldDocument, GoldTask
from nlp_service.nlp.abbreviations import body_tokens, same_body


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def _norm_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in ``text``."""
    out: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            index.append(i)
            space = False
        out.append(ch.lower())
        index.append(i)
    return "".join(out), index


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Where a quote occurs in a document's text (whitespace- and case-insensitive)."""
    ntext, index = _norm_with_map(text)
    q = norm(quote)
    spans = []
    start = ntext.find(q)
    while start >= 0 and q:
        end = start + len(q) - 1
        spans.append((index[start], index[end] + 1))
        start = ntext.find(q, start + 1)
    return spans


@dataclass
class PredTask:
    text: str
    span: tuple[int, int]
    lead: list[str]
    support: list[str]
    deadline: dict[str, Any] | None


@dataclass
class Prediction:
    text: str
    document: dict[str, Any]
    tasks: list[PredTask]


METRIC_KEYS = (
    "task_precision",
    "task_recall",
    "task_f1",
    "lead_accuracy",
    "support_accuracy",
    "deadline_accuracy",
    "field_accuracy",
)


@dataclass
class Counts:
    """The counters a document score and the totals over documents share."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    lead_ok: int = 0
    support_ok: int = 0
    deadline_ok: int = 0
    fields_total: int = 0
    fields_ok: int = 0


@dataclass
class DocScore(Counts):
    source: str = ""
    field_results: dict[str, bool] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    unmatched_gold: list[str] = field(default_factory=list)
    unlocated_quotes: list[str] = field(default_factory=list)


def bodies_agree(pred: list[str], gold: list[str]) -> bool:
    """Both sets name the same bodies (each side's every body has a partner on the other)."""
    if not pred and not gold:
        return True
    return all(any(same_body(p, g) for g in gold) for p in pred) and all(
        any(same_body(p, g) for p in pred) for g in gold
    )


def lead_agrees(pred: list[str], gold: GoldTask) -> bool:
    if bodies_agree(pred, gold.lead):
        return True
    return bool(gold.lead_alt) and bodies_agree(pred, gold.lead_alt)


def deadline_agrees(pred: dict[str, Any] | None, gold: dict[str, Any] | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return pred.get("type") == gold.get("type") and pred.get("date") == gold.get("date")


def _token_f1(a: str, b: str) -> float:
    ta, tb = body_tokens(a), body_tokens(b)
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _norm_number(value: str | None) -> str | None:
    return re.sub(r"\s+", "", value).upper() if value else None


def field_matches(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    out["doc_type"] = (pred.get("doc_type") or None) == (gold.get("doc_type") or None)
    out["number"] = _norm_number(pred.get("number")) == _norm_number(gold.get("number"))
    out["issue_date"] = (pred.get("issue_date") or None) == (gold.get("issue_date") or None)
    issuer_p = pred.get("issuer")
    if isinstance(issuer_p, dict):
        issuer_p = issuer_p.get("name")
    issuer_g = gold.get("issuer")
    if issuer_g is None:
        out["issuer"] = issuer_p is None
    else:
        out["issuer"] = issuer_p is not None and _token_f1(issuer_p, issuer_g) >= 0.8
    return out


def match(pred: Prediction, gold: GoldDocument) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlap first."""
    return one_to_one(match_candidates(pred, gold))


def match_candidates(pred: Prediction, gold: GoldDocument) -> list[tuple[float, int, int]]:
    """Every (score, gold index, predicted index) pair that may match, best first."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold.tasks):
        q = norm(g.quote)
        spans = quote_spans(pred.text, g.quote)
        for pi, p in enumerate(pred.tasks):
            if q and q in norm(p.text):
                candidates.append((1.0 + len(q) / max(1, len(norm(p.text))), gi, pi))
                continue
            best = 0.0
            for a, b in spans:
                overlap = min(b, p.span[1]) - max(a, p.span[0])
                if overlap > 0:
                    best = max(best, overlap / (b - a))
            if best >= 0.5:
                candidates.append((best, gi, pi))
    candidates.sort(key=lambda c: -c[0])
    return candidates


def one_to_one(
    candidates: list[tuple[float, int, int]], predicted: set[int] | None = None
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs from :func:`match_candidates` (best first), optionally among a
    subset of the predictions (training scores many thresholds on one set of candidates)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p or (predicted is not None and pi not in predicted):
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def score_document(pred: Prediction, gold: GoldDocument) -> DocScore:
    s = DocScore(source=gold.source, gold=len(gold.tasks), predicted=len(pred.tasks))
    pairs = match(pred, gold)
    s.matched = len(pairs)
    matched_g = {gi for gi, _ in pairs}
    for gi, g in enumerate(gold.tasks):
        if gi not in matched_g:
            s.unmatched_gold.append(g.quote)
        if not quote_spans(pred.text, g.quote):
            s.unlocated_quotes.append(g.quote)
    for gi, pi in pairs:
        g, p = gold.tasks[gi], pred.tasks[pi]
        lead_ok = lead_agrees(p.lead, g)
        support_ok = bodies_agree(p.support, g.support)
        deadline_ok = deadline_agrees(p.deadline, g.deadline)
        s.lead_ok += lead_ok
        s.support_ok += support_ok
        s.deadline_ok += deadline_ok
        if not (lead_ok and deadline_ok):
            s.errors.append(
                {
                    "quote": g.quote,
                    "lead": None if lead_ok else {"gold": g.lead, "pred": p.lead},
                    "deadline": None if deadline_ok else {"gold": g.deadline, "pred": p.deadline},
                }
            )
    s.field_results = field_matches(pred.document, gold.document)
    s.fields_total = len(s.field_results)
    s.fields_ok = sum(s.field_results.values())
    return s


def task_prf(gold: int, predicted: int, matched: int) -> tuple[float, float, float]:
    """Task precision, recall and F1 from the one-to-one match counts (0 where undefined)."""
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Totals(Counts):
    documents: int = 0

    def add(self, s: DocScore) -> None:
        self.documents += 1
        for name in (
            "gold",
            "predicted",
            "matched",
            "lead_ok",
            "support_ok",
            "deadline_ok",
            "fields_total",
            "fields_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(s, name))

    def metrics(self) -> dict[str, float]:
        p, r, f1 = task_prf(self.gold, self.predicted, self.matched)
        m = self.matched or 1
        return {
            "task_precision": round(p, 4),
            "task_recall": round(r, 4),
            "task_f1": round(f1, 4),
            "lead_accuracy": round(self.lead_ok / m, 4),
            "support_accuracy": round(self.support_ok / m, 4),
            "deadline_accuracy": round(self.deadline_ok / m, 4),
            "field_accuracy": round(self.fields_ok / self.fields_total, 4)
            if self.fields_total
            else 0.0,
        }
