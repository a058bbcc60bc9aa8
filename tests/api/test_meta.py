from __future__ import annotations

from fastapi.testclient import TestClient

from nlp_service import __version__
from nlp_service.schemas import SCHEMA_VERSION, json_schema


def test_health_version_schema(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/version").json() == {
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
    }
    assert client.get("/v1/schema").json() == json_schema()


def test_readyz_reports_database_and_workers(client: TestClient) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ready" and body["database"] and body["workers_ready"] == 1


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in [
        "/v1/documents",
        "/v1/documents/{document_id}",
        "/v1/documents/{document_id}/file",
        "/v1/tasks",
        "/v1/tasks/{task_id}",
        "/v1/tasks.ics",
        "/v1/tasks.csv",
        "/v1/extract",
        "/v1/schema",
        "/healthz",
        "/readyz",
        "/version",
    ]:
        assert path in paths, path
    assert client.get("/docs").status_code == 200
