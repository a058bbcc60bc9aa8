"""Hardening tests reuse the service helpers of ``tests/api`` (settings, error-body assertion,
generated notices): that folder is put on the path here, as ``bench/`` scripts do, instead of
the helpers being copied. Shared code of this folder lives in ``bad_corpus.py``, not here:
``from conftest import …`` would collide with ``tests/readers/conftest.py`` in one session."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
