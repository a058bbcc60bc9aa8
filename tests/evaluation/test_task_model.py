"""The exported weights score exactly like the skops model they come from."""

from __future__ import annotations

import pytest

from nlp_service.training.linear import LinearWeights
from nlp_service.training.model import MODEL_FILE, WEIGHTS_FILE, models_dir
from nlp_service.training.persist import load


def test_weights_reproduce_the_skops_probabilities() -> None:
    if not (models_dir() / MODEL_FILE).exists():
        pytest.skip("no trained model in models/")
    model = load(models_dir() / MODEL_FILE)
    weights = LinearWeights.load(models_dir() / WEIGHTS_FILE)
    rows: list[dict[str, float | str]] = [
        {
            "rule": "directive cue with its body",
            "rule_score": 0.92,
            "cue_assign": 1.0,
            "w0": "giao",
        },
        {"rule": "no rule", "rule_score": 0.0, "assessment": 1.0, "w01": "trong năm", "level": 5.0},
        {"rule": "task table row", "in_table": 1.0, "n_words": 12.0, "w0": "unseen-token"},
        {},
    ]
    expected = model.estimator.predict_proba(rows)[:, 1]
    for row, p in zip(rows, expected, strict=True):
        assert weights.probability(row) == pytest.approx(float(p), abs=1e-9)
