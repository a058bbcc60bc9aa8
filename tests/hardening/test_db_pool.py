"""An exhausted connection pool is a busy database: 503 with Retry-After, not a 500.

Found by ``bench/load.py``: at 17+ concurrent clients on SQLite the engine's pool (5 + 10)
times out after 30 s and ``sqlalchemy.exc.TimeoutError`` — not an ``OperationalError`` —
falls through to the generic handler as ``500 internal_error``. Clients should be told to
retry, as they are when the database is unreachable (``tests/api/test_faults.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apitest import assert_error, make_settings
from fastapi.testclient import TestClient
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from nlp_service.api.app import create_app
from nlp_service.storage import repository as repo


def test_pool_timeout_is_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_: Any, **__: Any) -> Any:
        raise PoolTimeoutError("QueuePool limit of size 5 overflow 10 reached")

    monkeypatch.setattr(repo, "list_documents", exhausted)
    app = create_app(make_settings(tmp_path, None, workers=0))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/v1/documents")
        assert_error(r, 503)
        assert "retry-after" in r.headers
