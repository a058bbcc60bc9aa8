"""Keys and scopes when auth is on; CSRF and cross-origin refusals for browsers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apitest import assert_error, make_settings, tag
from fastapi.testclient import TestClient
from service_notices import notice_text

from nlp_service.api.app import create_app
from nlp_service.api.auth import SESSION_COOKIE, encode_session, new_session
from nlp_service.storage import repository as repo


@pytest.fixture(scope="module")
def secured(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Auth on, no workers: uploads stay queued, /v1/extract answers 503."""
    settings = make_settings(tmp_path_factory.mktemp("auth"), database_url, auth="on", workers=0)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def keys(secured: TestClient) -> dict[str, str]:
    storage = secured.app.state.storage  # type: ignore[attr-defined]
    out = {}
    with storage.sessions() as s:
        for scope in ("read", "write", "admin"):
            _, out[scope] = repo.create_api_key(s, name=f"{scope}-{tag()}", scope=scope)
    return out


def _h(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_no_key_cannot_read(secured: TestClient) -> None:
    for path in ["/v1/documents", "/v1/tasks", "/v1/tasks.ics", "/v1/tasks.csv", "/v1/tasks/x"]:
        assert_error(secured.get(path), 401, "unauthorized")
    assert_error(secured.get("/v1/documents", headers=_h("nls_wrong")), 401)
    # Health, version and schema stay public (load balancers, clients checking compatibility).
    assert secured.get("/healthz").status_code == 200
    assert secured.get("/v1/schema").status_code == 200


def test_read_key_cannot_write(secured: TestClient, keys: dict[str, str]) -> None:
    assert secured.get("/v1/documents", headers=_h(keys["read"])).status_code == 200
    assert secured.get("/v1/tasks", headers={"X-API-Key": keys["read"]}).status_code == 200
    files = [("files", ("a.txt", notice_text(tag())))]
    assert_error(
        secured.post("/v1/documents", files=files, headers=_h(keys["read"])), 403, "forbidden"
    )
    assert_error(
        secured.patch("/v1/tasks/x", json={"status": "done"}, headers=_h(keys["read"])), 403
    )


def test_write_uploads_admin_deletes(secured: TestClient, keys: dict[str, str]) -> None:
    files = [("files", ("a.txt", notice_text(tag())))]
    r = secured.post("/v1/documents", files=files, headers=_h(keys["write"]))
    assert r.status_code == 202
    doc = r.json()["documents"][0]
    assert doc["status"] == "queued"  # no workers here
    assert_error(secured.delete(f"/v1/documents/{doc['id']}", headers=_h(keys["write"])), 403)
    assert (
        secured.delete(f"/v1/documents/{doc['id']}", headers=_h(keys["admin"])).status_code == 204
    )


def test_revoked_key_is_refused(secured: TestClient) -> None:
    storage = secured.app.state.storage  # type: ignore[attr-defined]
    with storage.sessions() as s:
        key, plain = repo.create_api_key(s, name="temp", scope="read")
        assert secured.get("/v1/documents", headers=_h(plain)).status_code == 200
        repo.revoke_api_key(s, key_id=key.id)
    assert_error(secured.get("/v1/documents", headers=_h(plain)), 401)


def test_extract_without_workers_is_503(secured: TestClient, keys: dict[str, str]) -> None:
    r = secured.post(
        "/v1/extract", files={"file": ("a.txt", notice_text(tag()))}, headers=_h(keys["read"])
    )
    assert_error(r, 503, "no_workers")
    assert secured.get("/readyz").status_code == 200  # no workers configured is a valid setup


def test_session_cookie_needs_csrf_token(secured: TestClient, keys: dict[str, str]) -> None:
    storage = secured.app.state.storage  # type: ignore[attr-defined]
    with storage.sessions() as s:
        key = repo.find_api_key(s, plaintext=keys["write"])
        assert key is not None
        session = new_session(key.id)
    cookie = encode_session("test-secret", session)
    secured.cookies.set(SESSION_COOKIE, cookie)
    try:
        assert secured.get("/v1/documents").status_code == 200
        files = [("files", ("c.txt", notice_text(tag())))]
        assert_error(secured.post("/v1/documents", files=files), 403, "csrf_failed")
        assert_error(
            secured.post("/v1/documents", files=files, headers={"X-CSRF-Token": "guess"}),
            403,
            "csrf_failed",
        )
        ok = secured.post("/v1/documents", files=files, headers={"X-CSRF-Token": session.csrf})
        assert ok.status_code == 202
        forged = cookie[:-4] + ("0000" if not cookie.endswith("0000") else "1111")
        secured.cookies.set(SESSION_COOKIE, forged)
        assert_error(secured.get("/v1/documents"), 401)
    finally:
        secured.cookies.clear()


def test_conflicts_while_processing(secured: TestClient, keys: dict[str, str]) -> None:
    files = [("files", ("busy.txt", notice_text(tag())))]
    doc = secured.post("/v1/documents", files=files, headers=_h(keys["write"])).json()["documents"][
        0
    ]
    with secured.app.state.storage.sessions() as s:  # type: ignore[attr-defined]
        # No workers here: take the claim as a worker elsewhere would.
        while True:
            claimed = repo.claim_next_document(s, worker="elsewhere", lease_s=60, max_attempts=3)
            assert claimed is not None
            if claimed.id == doc["id"]:
                break
    assert_error(
        secured.delete(f"/v1/documents/{doc['id']}", headers=_h(keys["admin"])), 409, "conflict"
    )
    assert_error(
        secured.post(f"/v1/documents/{doc['id']}/review", headers=_h(keys["write"])),
        409,
        "conflict",
    )


@pytest.mark.parametrize(
    ("host", "auth", "enabled"),
    [
        ("127.0.0.1", "auto", False),
        ("localhost", "auto", False),
        ("0.0.0.0", "auto", True),
        ("192.168.1.10", "auto", True),
        ("127.0.0.1", "on", True),
        ("0.0.0.0", "off", False),
    ],
)
def test_auth_turns_on_beyond_localhost(host: str, auth: str, enabled: bool) -> None:
    from nlp_service.config import Settings

    assert Settings(host=host, auth=auth).auth_enabled is enabled  # type: ignore[arg-type]


def test_feeds_accept_a_read_key_in_the_url(secured: TestClient, keys: dict[str, str]) -> None:
    for feed in ("/v1/tasks.ics", "/v1/tasks.csv"):
        assert secured.get(feed, params={"key": keys["read"]}).status_code == 200
        assert_error(secured.get(feed, params={"key": keys["write"]}), 403)  # only read keys
        assert_error(secured.get(feed, params={"key": "nls_nope"}), 401)
        assert_error(secured.get(feed), 401)
    # Only the feeds take a key from the URL.
    assert_error(secured.get("/v1/tasks", params={"key": keys["read"]}), 401)


def test_adding_a_task_needs_write_and_a_processed_document(
    secured: TestClient, keys: dict[str, str]
) -> None:
    files = [("files", ("a.txt", notice_text(tag())))]
    doc = secured.post("/v1/documents", files=files, headers=_h(keys["write"])).json()
    url = f"/v1/documents/{doc['documents'][0]['id']}/tasks"
    body = {"text": "Báo cáo kết quả"}
    assert_error(secured.post(url, json=body), 401, "unauthorized")
    assert_error(secured.post(url, json=body, headers=_h(keys["read"])), 403, "forbidden")
    # No workers here: the document is still queued, so there is nothing to add to yet.
    assert_error(secured.post(url, json=body, headers=_h(keys["write"])), 409, "conflict")
