"""API security beyond what ``tests/api`` and ``tests/ui`` pin with fixed lists.

Those suites check named routes; these iterate the application's own route table, so a route
added later without a key check, or a UI page without the security headers, fails here without
anyone remembering to list it. Also: CORS stays off unless configured, and uploaded names and
bytes never become paths or inline HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from apitest import assert_error, make_settings, tag
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from service_notices import notice_text

from nlp_service.api.app import create_app
from nlp_service.storage import repository as repo

# Public on purpose: probes, version and schema (clients check compatibility), the API docs and
# the sign-in form itself.
PUBLIC = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/version"),
    ("GET", "/v1/schema"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/redoc"),
    ("GET", "/login"),
    ("POST", "/login"),
}
READ_METHODS = {"GET", "HEAD"}


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every APIRoute, including those behind FastAPI's included-router wrappers."""
    out: list[APIRoute] = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            out.append(route)
        original = getattr(route, "original_router", None)
        if original is not None:
            out.extend(r for r in original.routes if isinstance(r, APIRoute))
    return out


def endpoints(app: FastAPI) -> list[tuple[str, str]]:
    """(method, concrete path) for every route and method; path parameters get a dummy id."""
    pairs = set()
    for route in api_routes(app):
        path = re.sub(r"\{[^}]+\}", "00000000-dummy", route.path)
        for method in (route.methods or set()) - {"HEAD"}:
            pairs.add((method, path))
    return sorted(pairs)


def _h(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(tmp_path_factory.mktemp("sec"), None, auth="on", workers=0)
    with TestClient(create_app(settings), follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="module")
def keys(secured: TestClient) -> dict[str, str]:
    out = {}
    with secured.app.state.storage.sessions() as s:  # type: ignore[attr-defined]
        for scope in ("read", "write"):
            _, out[scope] = repo.create_api_key(s, name=f"{scope}-{tag()}", scope=scope)
    return out


def test_route_table_is_what_these_tests_iterate(secured: TestClient) -> None:
    # Guards the helper: if FastAPI's wrappers change and the walk finds nothing, the tests
    # below would pass vacuously.
    found = endpoints(secured.app)  # type: ignore[arg-type]
    assert ("POST", "/v1/documents") in found and ("PATCH", "/v1/tasks/00000000-dummy") in found
    assert len(found) >= 20


def test_every_non_public_route_needs_a_key(secured: TestClient) -> None:
    for method, path in endpoints(secured.app):  # type: ignore[arg-type]
        if (method, path) in PUBLIC:
            continue
        r = secured.request(method, path)
        if path.startswith("/v1/"):
            assert_error(r, 401)
        else:  # UI pages send a browser to the sign-in form; UI posts refuse (CSRF or 401)
            assert r.status_code in (303, 401, 403, 422), (method, path, r.status_code)
            if r.status_code == 303:
                assert r.headers["location"].startswith("/login"), (method, path)


def test_read_key_cannot_use_any_writing_route(secured: TestClient, keys: dict[str, str]) -> None:
    writing = [
        (m, p)
        for m, p in endpoints(secured.app)  # type: ignore[arg-type]
        if p.startswith("/v1/") and m not in READ_METHODS and p != "/v1/extract"
    ]
    assert writing
    for method, path in writing:
        r = secured.request(method, path, headers=_h(keys["read"]))
        assert_error(r, 403, "forbidden")
    # and the same key reads every listing
    for path in ("/v1/documents", "/v1/tasks", "/v1/tasks.ics", "/v1/tasks.csv"):
        assert secured.get(path, headers=_h(keys["read"])).status_code == 200


@pytest.fixture(scope="module")
def open_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(tmp_path_factory.mktemp("open"), None, workers=0)
    with TestClient(create_app(settings), follow_redirects=False) as c:
        yield c


def test_cors_is_off_by_default(open_client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    for r in (
        open_client.get("/v1/documents", headers=origin),
        open_client.options(
            "/v1/documents", headers={**origin, "Access-Control-Request-Method": "POST"}
        ),
    ):
        assert "access-control-allow-origin" not in r.headers
        assert "access-control-allow-credentials" not in r.headers


def test_cors_allows_only_configured_origins(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, None, workers=0, cors_origins=["https://ok.example"])
    with TestClient(create_app(settings)) as c:
        good = c.get("/v1/documents", headers={"Origin": "https://ok.example"})
        assert good.headers["access-control-allow-origin"] == "https://ok.example"
        bad = c.get("/v1/documents", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers


def test_security_headers_on_every_ui_page(open_client: TestClient) -> None:
    (doc,) = open_client.post(
        "/v1/documents", files=[("files", ("a.txt", notice_text(tag())))]
    ).json()["documents"]
    pages = [
        path.replace("00000000-dummy", doc["id"])
        for method, path in endpoints(open_client.app)  # type: ignore[arg-type]
        if method == "GET" and not path.startswith("/v1/") and (method, path) not in PUBLIC
    ]
    assert "/" in pages and "/tasks" in pages
    for path in [*pages, "/login", "/docs"]:
        r = open_client.get(path)
        assert r.status_code == 200, path
        assert r.headers["x-frame-options"] == "DENY", path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert "'unsafe-inline'" not in r.headers["content-security-policy"] or path == "/docs"


TRAVERSALS = [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
    ("/etc/shadow.txt", "shadow.txt"),
    ("C:\\boot.txt", "boot.txt"),
    ("....//....//x.txt", "x.txt"),
    ("../", "upload"),
    ("..", "upload"),
]


def test_uploaded_names_are_base_names_and_never_paths(open_client: TestClient) -> None:
    open_client.cookies.clear()  # an API client, not a browser session that owes a CSRF token
    settings = open_client.app.state.settings  # type: ignore[attr-defined]
    before = {p for p in settings.data_dir.parent.rglob("*")}
    for sent, expected in TRAVERSALS:
        r = open_client.post("/v1/documents", files=[("files", (sent, notice_text(tag())))])
        assert r.status_code == 202, r.text
        (doc,) = r.json()["documents"]
        assert doc["filename"] == expected, sent
        assert open_client.get(f"/v1/documents/{doc['id']}").json()["filename"] == expected
    # Nothing was written outside the data directory, and inside it only hash-named files.
    created = {p for p in settings.data_dir.parent.rglob("*")} - before
    assert all(settings.data_dir in p.parents for p in created), created
    stored = [p for p in settings.files_dir.rglob("*") if p.is_file()]
    assert stored and all(re.fullmatch(r"[0-9a-f]{64}", p.name) for p in stored)


def test_uploaded_html_is_downloaded_never_rendered(open_client: TestClient) -> None:
    hostile = (
        b'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        b"<script>alert(document.cookie)</script><p>"
        + notice_text(tag()).replace(b"\n", b"</p><p>")
        + b"</p></body></html>"
    )
    open_client.cookies.clear()
    r = open_client.post(
        "/v1/documents", files=[("files", ('"><img src=x onerror=alert(1)>.html', hostile))]
    )
    (doc,) = r.json()["documents"]
    original = open_client.get(f"/v1/documents/{doc['id']}/file")
    assert original.content == hostile
    assert original.headers["content-type"] == "application/octet-stream"
    assert original.headers["content-disposition"].startswith("attachment;")
    # The quoted name cannot break out of its quotes (a header, so markup inside is inert).
    plain = re.fullmatch(
        r'attachment; filename="([^"\r\n]*)"; filename\*=.*',
        original.headers["content-disposition"],
    )
    assert plain is not None, original.headers["content-disposition"]
    page = open_client.get(f"/documents/{doc['id']}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
