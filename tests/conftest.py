"""Shared fixtures: where the third-party corpus lives (skipped cleanly when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RAW = SHARED / "corpus" / "raw"
SEED = SHARED / "seeds" / "000_53af50e955ebb96f.txt"


@pytest.fixture(scope="session")
def raw_corpus() -> Path:
    if not RAW.is_dir():
        pytest.skip("../shared/corpus/raw is absent")
    return RAW


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is absent")
    return SEED.read_bytes()
