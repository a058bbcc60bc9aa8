"""UI tests share the API tests' helpers (tests/api/apitest.py, service_notices.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
