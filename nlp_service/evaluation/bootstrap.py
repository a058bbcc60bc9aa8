"""Confidence intervals for the evaluation's micro-averaged figures, by resampling documents.

A split holds a few dozen documents of very different sizes (one plan can carry half the test
split's tasks), so a point figure alone hides how much it would move with another draw of
documents. The percentile bootstrap over documents says it: resample the documents with
replacement, micro-average each resample as the report does, and read the 2.5th and 97.5th
percentiles. The seed is fixed, so a report reproduces its intervals.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from nlp_service.evaluation.scoring import METRIC_KEYS, DocScore, Totals

RESAMPLES = 1000
SEED = 0


def intervals(
    scores: Sequence[DocScore], *, resamples: int = RESAMPLES, seed: int = SEED, level: float = 0.95
) -> dict[str, tuple[float, float]]:
    """(low, high) of each metric of :data:`METRIC_KEYS` at ``level`` (empty for no documents)."""
    if not scores:
        return {}
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {k: [] for k in METRIC_KEYS}
    for _ in range(resamples):
        totals = Totals()
        for s in rng.choices(scores, k=len(scores)):
            totals.add(s)
        for k, v in totals.metrics().items():
            samples[k].append(v)
    tail = (1.0 - level) / 2
    out: dict[str, tuple[float, float]] = {}
    for k, values in samples.items():
        values.sort()
        lo = values[int(tail * (len(values) - 1))]
        hi = values[round((1.0 - tail) * (len(values) - 1))]
        out[k] = (round(lo, 4), round(hi, 4))
    return out
