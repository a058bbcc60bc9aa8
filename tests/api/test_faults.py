"""Faults the API must survive without a traceback: the database going away answers 503 with
Retry-After (and the service recovers when it is back)."""

from __future__ import annotations

from pathlib import Path

from apitest import assert_error, make_settings
from fastapi.testclient import TestClient

from nlp_service.api.app import create_app


def test_database_gone_is_503_then_recovers(tmp_path: Path) -> None:
    db = tmp_path / "nls.sqlite3"
    settings = make_settings(tmp_path, f"sqlite:///{db}", workers=0)
    with TestClient(create_app(settings)) as c:
        assert c.get("/v1/documents").status_code == 200
        storage = c.app.state.storage  # type: ignore[attr-defined]
        storage.engine.dispose()
        moved = {}
        for path in list(tmp_path.glob("nls.sqlite3*")):
            moved[path] = path.with_name(path.name + ".away")
            path.rename(moved[path])
        r = c.get("/v1/documents")
        assert_error(r, 503, "database_unavailable")
        assert r.headers["retry-after"] == "5"
        assert c.get("/readyz").status_code in (200, 503)
        storage.engine.dispose()
        for original in moved:
            original.unlink(missing_ok=True)  # the empty file SQLite made meanwhile
        for original, away in moved.items():
            away.rename(original)
        assert c.get("/v1/documents").status_code == 200
