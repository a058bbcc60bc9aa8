"""Loading the trained task model (``models/task_model.skops``) and rescoring tasks with it.

The model is trained by ``nlp-service train`` (see :mod:`nlp_service.training.train`); when no
artefact is installed the rules' own confidence stands. Artefacts are skops files, which load
without executing code, and only types listed in ``TRUSTED`` are accepted.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp_service.nlp.findings import TaskFinding
    from nlp_service.text.compose import ComposedText
    from nlp_service.text.structure import Structure

MODEL_FILE = "task_model.skops"
STRONG_RULE = 0.9  # rule scores at or above this: an explicit cue with its body


def models_dir() -> Path:
    """``NLP_SERVICE_MODELS`` or the repository's ``models/`` next to the package."""
    env = os.environ.get("NLP_SERVICE_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


class TaskModel:
    """Wraps the fitted classifier: candidate features (built by the assembler) -> is-task."""

    def __init__(self, estimator: object, threshold: float, veto: float = 0.0) -> None:
        self.estimator = estimator
        self.threshold = threshold
        # A strong rule verdict (an explicit cue with its body) stands unless the model is
        # nearly sure it is wrong: the model has seen a few dozen documents, the rules encode
        # the grammar of every notice.
        self.veto = veto

    def probabilities(self, tasks: list[TaskFinding]) -> list[float]:
        if not tasks:
            return []
        rows = [dict(t.features) for t in tasks]
        return [float(p) for p in self.estimator.predict_proba(rows)[:, 1]]  # type: ignore[attr-defined]

    def rescore(
        self, tasks: list[TaskFinding], ct: ComposedText, st: Structure
    ) -> list[TaskFinding]:
        """Keep the candidates the model believes in; its probability becomes the confidence."""
        probs = self.probabilities(tasks)
        kept: list[TaskFinding] = []
        for t, p in zip(tasks, probs, strict=True):
            t.explanation["rule_confidence"] = t.confidence
            t.explanation["model_probability"] = round(float(p), 4)
            strong_rule = t.accepted and t.confidence >= STRONG_RULE
            if p >= self.threshold or (strong_rule and p >= self.veto):
                t.confidence = float(max(p, self.threshold))
                kept.append(t)
        return kept


@lru_cache(maxsize=1)
def load_task_model() -> TaskModel | None:
    path = models_dir() / MODEL_FILE
    if not path.exists():
        return None
    from nlp_service.training.persist import load

    return load(path)
