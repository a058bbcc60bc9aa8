"""Hardening tests reuse the service helpers of ``tests/api`` (settings, error-body assertion,
generated notices) and the nasty files of ``tests/data/bad``; both are put on the path here,
as ``bench/`` scripts do, instead of being copied."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
BAD = TESTS / "data" / "bad"
sys.path.insert(0, str(TESTS / "api"))


def bad_files() -> list[dict[str, Any]]:
    """The entries of ``tests/data/bad/manifest.json`` (see ``tests/data/bad/make.py``)."""
    entries: list[dict[str, Any]] = json.loads((BAD / "manifest.json").read_text())["files"]
    return entries
