"""The nasty files of ``tests/data/bad`` and their generator, for the hardening tests."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def bad_files() -> list[dict[str, Any]]:
    """The entries of ``tests/data/bad/manifest.json`` (see ``tests/data/bad/make.py``)."""
    entries: list[dict[str, Any]] = json.loads((BAD / "manifest.json").read_text())["files"]
    return entries


def load_generator() -> ModuleType:
    """``tests/data/bad/make.py`` as a module, for its small valid seed files (good DOCX/PDF)."""
    spec = importlib.util.spec_from_file_location("bad_files_make", BAD / "make.py")
    assert spec is not None and spec.loader is not None
    if spec.name in sys.modules:
        return sys.modules[spec.name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module
