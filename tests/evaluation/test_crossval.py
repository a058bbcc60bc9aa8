"""Grouped cross-validation scores every document with a model that never saw it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_service.evaluation.gold import GoldDocument, GoldTask
from nlp_service.evaluation.scoring import Prediction, PredTask, match_candidates
from nlp_service.nlp.findings import TaskFinding
from nlp_service.training.crossval import cross_validate
from nlp_service.training.train import Dataset, DocumentCandidates

TEXT = "Giao Sở Tài chính rà soát dự toán. Năm 2025 đã hoàn thành dự toán."


def _document(data: Dataset, group: str, *, authored: bool, inverted: bool = False) -> None:
    """One document: an assignment (the gold task) and a reported result, with one cue
    feature telling them apart; ``inverted`` puts the cue on the result instead."""
    gold = GoldDocument(Path("g.gold.json"), group, "official", {}, [])
    gold.tasks.append(GoldTask("rà soát dự toán", [], [], None))
    spans = [(0, 33), (35, len(TEXT))]
    cands = [TaskFinding(a, b, TEXT[a:b], None, None, None, [], None, 0.5) for a, b in spans]
    first = len(data.rows)
    for i, c in enumerate(cands):
        c.features = {"cue": float((i == 0) != inverted)}
        data.rows.append(dict(c.features))
        data.labels.append(int(i == 0))
        data.groups.append(group)
        data.weights.append(1.0)
    pred = Prediction(TEXT, {}, [PredTask(c.text, (c.start, c.end), [], [], None) for c in cands])
    data.documents.append(
        DocumentCandidates(
            1, cands, [first, first + 1], match_candidates(pred, gold), None, authored=authored
        )
    )


def test_each_document_is_scored_by_a_model_fitted_without_it() -> None:
    data = Dataset()
    for i in range(8):
        _document(data, f"authored/a{i}", authored=True)
    # One office document follows the opposite convention: a model that had seen it would
    # still score the others right, but unseen, its task is missed and its result kept.
    _document(data, "office/b0", authored=False, inverted=True)
    for i in range(1, 4):
        _document(data, f"office/b{i}", authored=False)
    scores = {
        (s.threshold, s.origin): s for s in cross_validate(folds=4, thresholds=(0.5,), data=data)
    }
    authored, office = scores[(0.5, "authored")], scores[(0.5, "office")]
    every = scores[(0.5, "all")]
    assert (authored.gold, authored.matched, authored.predicted) == (8, 8, 8)
    assert authored.f1 == pytest.approx(1.0)
    assert (office.gold, office.matched, office.predicted) == (4, 3, 4)
    assert every.gold == authored.gold + office.gold
    assert every.matched == authored.matched + office.matched
