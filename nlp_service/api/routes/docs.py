"""API documentation with no network: Swagger UI at ``/docs``, ReDoc at ``/redoc``.

FastAPI's own pages load their bundles from a CDN. These are built by the same functions
(``get_swagger_ui_html``, ``get_redoc_html``, FastAPI's documented way to self-host the docs)
but point at the bundles the ``fastapi-offline`` package ships (Swagger UI 5, which reads our
OpenAPI 3.1; ReDoc 2), served from :data:`ASSETS_URL`. Each page sets its own CSP: everything
from this origin, Swagger UI's one inline bootstrap script allowed by its hash, nothing else.

| page | 200 |
|---|---|
| GET /docs | Swagger UI |
| GET /redoc | ReDoc |
| GET /docs/assets/… | swagger-ui-bundle.js, swagger-ui.css, redoc.standalone.js, favicon.png |
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

ASSETS_URL = "/docs/assets"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
_COMMON_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

router = APIRouter(include_in_schema=False)


def inline_hashes(html: str, tag: str) -> str:
    """CSP sources for the inline ``<script>`` or ``<style>`` blocks (no attributes) of a page."""
    blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.DOTALL)
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'"
        for b in blocks
    )


def _html(page: HTMLResponse) -> str:
    return bytes(page.body).decode()


def _page(html: str, csp: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    app = request.app
    html = _html(
        get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} — Swagger UI",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            oauth2_redirect_url=None,
            # The default validator badge is an image from validator.swagger.io.
            swagger_ui_parameters={"validatorUrl": None},
        )
    )
    csp = f"{_COMMON_CSP}; script-src 'self' {inline_hashes(html, 'script')}; style-src 'self'"
    return _page(html, csp)


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    app = request.app
    html = _html(
        get_redoc_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} — ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
    )
    # ReDoc styles itself with <style> elements it writes at run time (styled-components) and
    # runs its search index in a blob: worker; scripts still come from this origin only.
    csp = f"{_COMMON_CSP}; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src blob:"
    return _page(html, csp)
