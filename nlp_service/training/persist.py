"""Saving and loading models with skops: no pickle, and only the types we expect.

skops refuses to instantiate any type not listed as trusted; we list exactly the scikit-learn
types our pipeline contains, so a tampered artefact cannot run code on load.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import skops.io as sio

from nlp_service.training.linear import LinearWeights
from nlp_service.training.model import WEIGHTS_FILE, TaskModel

TRUSTED_PREFIXES = ("sklearn.", "numpy.", "builtins.", "collections.", "scipy.sparse.")


def save(model: TaskModel, path: Path, metadata: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Deflated: the word-pair vocabulary is 13 MB as skops writes it, 0.5 MB compressed.
    sio.dump(model.estimator, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    LinearWeights.from_pipeline(model.estimator).save(path.parent / WEIGHTS_FILE)
    meta = dict(metadata, threshold=model.threshold, veto=model.veto)
    path.with_suffix(".json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def load(path: Path) -> TaskModel:
    untrusted = sio.get_untrusted_types(file=path)
    unexpected = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
    if unexpected:
        raise ValueError(f"refusing to load {path}: unexpected types {unexpected}")
    estimator = sio.load(path, trusted=untrusted)
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return TaskModel(estimator, float(meta["threshold"]), float(meta.get("veto", 0.0)))
