"""Helpers shared by the API, UI and benchmark code: settings for a test server, waiting for
readiness and for a document, unique tags, and the error-body assertion."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from nlp_service.config import MB, Settings


def make_settings(data_dir: Path, database_url: str | None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "workers": 1,
        "auth": "off",
        "max_upload_bytes": 2 * MB,
        "max_files_per_upload": 5,
        "poll_interval_s": 0.2,
        "secret_key": "test-secret",
    }
    values.update(overrides)
    return Settings(**values)


def wait_ready(client: TestClient, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/readyz").status_code == 200:
            return
        time.sleep(0.2)
    raise AssertionError("the worker never became ready")


def wait_done(client: TestClient, doc_id: str, timeout: float = 60, **kw: Any) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/v1/documents/{doc_id}", **kw).json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"document {doc_id} still {body['status']}")


def tag() -> str:
    return uuid.uuid4().hex[:10]


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body
