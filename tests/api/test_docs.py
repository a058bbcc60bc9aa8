"""/docs and /redoc load nothing from the network: every asset is local, served with the right
type, and each page's CSP allows this origin only (plus Swagger UI's inline bootstrap by hash).
The browser side (the pages render offline) is in tests/ui/test_browser.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from apitest import make_settings
from fastapi.testclient import TestClient

from nlp_service.api.app import create_app
from nlp_service.api.routes.docs import inline_hashes

ASSET_TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(tmp_path_factory.mktemp("docs"), None, workers=0)
    with TestClient(create_app(settings)) as c:
        yield c


def _urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href|spec-url)="([^"]*)"', html) + re.findall(
        r"url: '([^']*)'", html
    )


@pytest.mark.parametrize(
    ("path", "bundles"),
    [
        ("/docs", ["swagger-ui-bundle.js", "swagger-ui.css"]),
        ("/redoc", ["redoc.standalone.js"]),
    ],
)
def test_docs_pages_use_only_local_assets(
    client: TestClient, path: str, bundles: list[str]
) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    urls = _urls(r.text)
    assert "/openapi.json" in urls
    for bundle in bundles:
        assert f"/docs/assets/{bundle}" in urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        expected = ASSET_TYPES.get(Path(url).suffix, "application/json")
        assert expected in asset.headers["content-type"], (url, asset.headers["content-type"])
    assert "http" not in r.text.replace("http-equiv", "")  # no absolute URL anywhere

    csp_headers = r.headers.get_list("content-security-policy")
    assert len(csp_headers) == 1, csp_headers  # the page's own, not the middleware's as well
    csp = dict(part.strip().split(" ", 1) for part in csp_headers[0].split(";"))
    assert "http" not in csp_headers[0] and "cdn" not in csp_headers[0]
    assert csp["default-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"].split()[0] == "'self'"
    # The inline bootstrap (Swagger UI only) is allowed by its hash and nothing else is.
    assert csp["script-src"] == f"'self' {inline_hashes(r.text, 'script')}".strip()


def test_swagger_ui_has_no_validator_badge(client: TestClient) -> None:
    # Swagger UI's default validatorUrl shows an image from validator.swagger.io.
    assert '"validatorUrl": null' in client.get("/docs").text


def test_other_pages_keep_the_strict_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "sha256" not in csp and "unsafe-inline" not in csp
    js = client.get("/docs/assets/swagger-ui-bundle.js")
    assert js.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/docs/assets/nope.js").status_code == 404
