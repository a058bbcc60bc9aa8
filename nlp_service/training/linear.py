"""A fitted DictVectorizer + LogisticRegression as plain weights, scored without scikit-learn.

The skops artefact is the model as trained; at run time every API and batch worker only needs
its weights. Importing scikit-learn, SciPy and skops costs ~110 MB of memory and ~1.5 s per
process, so ``nlp-service train`` also writes the weights as JSON and the pipeline scores with
them: same probabilities (a test checks it against the skops model), a fraction of the cost.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class LinearWeights:
    vocabulary: dict[str, int]
    coef: list[float]
    intercept: float
    separator: str = "="

    @classmethod
    def from_pipeline(cls, estimator: Any) -> LinearWeights:
        vec = estimator.named_steps["features"]
        clf = estimator.named_steps["classifier"]
        return cls(
            vocabulary={str(k): int(v) for k, v in vec.vocabulary_.items()},
            coef=[float(c) for c in clf.coef_[0]],
            intercept=float(clf.intercept_[0]),
            separator=str(vec.separator),
        )

    def probability(self, features: dict[str, float | str]) -> float:
        """P(task) exactly as DictVectorizer + LogisticRegression.predict_proba computes it."""
        z = self.intercept
        for key, value in features.items():
            if isinstance(value, str):
                index = self.vocabulary.get(f"{key}{self.separator}{value}")
                if index is not None:
                    z += self.coef[index]
            else:
                index = self.vocabulary.get(key)
                if index is not None:
                    z += self.coef[index] * float(value)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def save(self, path: Path) -> None:
        payload = {
            "vocabulary": dict(sorted(self.vocabulary.items())),
            "coef": self.coef,
            "intercept": self.intercept,
            "separator": self.separator,
        }
        path.write_text(json.dumps(payload, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearWeights:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            vocabulary={str(k): int(v) for k, v in data["vocabulary"].items()},
            coef=[float(c) for c in data["coef"]],
            intercept=float(data["intercept"]),
            separator=str(data.get("separator", "=")),
        )
