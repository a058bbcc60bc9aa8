"""Server-rendered pages: Vietnamese labels, escaping of uploaded text, security headers, the
key sign-in with CSRF when auth is on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from apitest import make_settings, tag, wait_done, wait_ready
from fastapi.testclient import TestClient
from service_notices import notice_text

from nlp_service.api.app import create_app
from nlp_service.storage import repository as repo

HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(tmp_path_factory.mktemp("ui"), None)
    with TestClient(create_app(settings)) as c:
        wait_ready(c)
        yield c


@pytest.fixture(autouse=True)
def _fresh_browser(client: TestClient) -> Iterator[None]:
    """Pages set a session cookie; API calls in the next test act as a script without one."""
    client.cookies.clear()
    yield
    client.cookies.clear()


def _csrf(html: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', html)
    assert match
    return match.group(1)


def test_pages_render_in_vietnamese_with_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "Tải văn bản lên" in r.text and "Danh sách văn bản" in r.text
    for header, value in [
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
    ]:
        assert r.headers[header] == value
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "httponly" in r.headers["set-cookie"].lower()
    assert "samesite=strict" in r.headers["set-cookie"].lower()
    tasks = client.get("/tasks", params={"overdue": "true", "week": "true", "body": "Sở"})
    assert tasks.status_code == 200 and "Quá hạn" in tasks.text and "Lịch ICS" in tasks.text
    assert client.get("/documents/nope").status_code == 404


def test_uploaded_text_and_names_are_escaped(client: TestClient) -> None:
    text = notice_text(tag()).decode().replace("THÔNG BÁO", "THÔNG BÁO\n" + HOSTILE)
    data = text.encode()
    r = client.post(
        "/v1/documents", files=[("files", (f"<img src=x onerror=alert({tag()!r})>.txt", data))]
    )
    doc = wait_done(client, r.json()["documents"][0]["id"])
    assert doc["status"] == "done" and HOSTILE in doc["result"]["text"]
    page = client.get(f"/documents/{doc['id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert 'class="hl hl-task"' in page or "hl-task" in page
    listing = client.get("/").text
    assert "<img src=x" not in listing and "&lt;img src=x onerror=alert(" in listing


def test_document_page_highlights_and_lists_tasks(client: TestClient) -> None:
    r = client.post("/v1/documents", files=[("files", ("tb.txt", notice_text(tag())))])
    doc = wait_done(client, r.json()["documents"][0]["id"])
    page = client.get(f"/documents/{doc['id']}").text
    for t in doc["tasks"]:
        assert f'id="row-{t["id"]}"' in page and f'data-task="{t["id"]}"' in page
    assert "hl-body" in page and "hl-deadline" in page
    assert "Trước ngày" in page and "Chưa làm" in page
    assert 'id="add-task-form"' in page and "Thêm nhiệm vụ" in page


def test_ui_session_must_send_csrf(client: TestClient) -> None:
    html = client.get("/").text
    assert client.cookies.get("nls_session")
    files = [("files", ("x.txt", notice_text(tag())))]
    # The browser now holds the session cookie: a forged form post without the token fails.
    assert client.post("/v1/documents", files=files).status_code == 403
    ok = client.post("/v1/documents", files=files, headers={"X-CSRF-Token": _csrf(html)})
    assert ok.status_code == 202
    client.cookies.clear()


def test_login_flow_when_auth_is_on(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, None, auth="on", workers=0)
    with TestClient(create_app(settings), follow_redirects=False) as c:
        with c.app.state.storage.sessions() as s:  # type: ignore[attr-defined]
            _, key = repo.create_api_key(s, name="chuyen-vien", scope="write")
        r = c.get("/tasks")
        assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Ftasks"
        login = c.get("/login", params={"next": "//evil.example"})
        csrf = _csrf(login.text)
        assert 'name="next" value="/"' in login.text  # no open redirect
        form = {"api_key": key, "csrf_token": "wrong", "next": "/tasks"}
        assert c.post("/login", data=form).status_code == 403
        form["csrf_token"] = csrf
        assert c.post("/login", data={**form, "api_key": "nls_nope"}).status_code == 401
        signed_in = c.post("/login", data=form)
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/tasks"
        page = c.get("/tasks")
        assert page.status_code == 200 and "chuyen-vien" in page.text
        assert c.get("/v1/documents").status_code == 200  # the session works for the API too
        new_csrf = _csrf(page.text)
        assert new_csrf != csrf  # a new token after sign-in
        out = c.post("/logout", data={"csrf_token": new_csrf})
        assert out.status_code == 303
        c.cookies.clear()
        assert c.get("/").status_code == 303
