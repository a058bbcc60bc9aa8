"""Helpers shared by the API, UI and benchmark code: settings for a test server, waiting for
readiness and for a document, unique tags, and the error-body assertion."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def live_server(data_dir: Path, **env: str) -> Iterator[str]:
    """A real ``uvicorn`` process on a free loopback port (SQLite in ``data_dir``, auth off,
    one worker unless ``env`` says otherwise); yields its base URL once ``/readyz`` is 200."""
    port = free_port()
    environ = {
        **os.environ,
        "NLP_SERVICE_DATA_DIR": str(data_dir),
        "NLP_SERVICE_WORKERS": "1",
        "NLP_SERVICE_AUTH": "off",
        "NLP_SERVICE_POLL_INTERVAL_S": "0.2",
        **{f"NLP_SERVICE_{k.upper()}": v for k, v in env.items()},
    }
    if "database_url" not in env:
        environ.pop("NLP_SERVICE_DATABASE_URL", None)
    log_path = data_dir / "server.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "nlp_service.api.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(log_path.read_text(errors="replace"))
                time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
