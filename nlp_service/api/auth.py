"""Who is calling: API keys with scopes, browser sessions and CSRF.

Machines send a key (``Authorization: Bearer nls_…`` or ``X-API-Key``); browsers log in once with
a key and then carry a signed, HttpOnly session cookie. A cookie is sent by the browser on its
own, so every state-changing request that relies on it must also carry the session's CSRF token
in ``X-CSRF-Token`` (or a ``csrf_token`` form field) — a page on another site cannot read it.
With auth off (a server on localhost), requests with no key act as a local admin, but a browser
request coming from another origin is still refused, so a web page cannot drive the local API.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from nlp_service.api.errors import ApiError
from nlp_service.config import Settings
from nlp_service.storage import repository as repo

SESSION_COOKIE = "nls_session"
SESSION_MAX_AGE_S = 12 * 3600
SCOPE_RANK = {"read": 0, "write": 1, "admin": 2}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Principal:
    name: str
    scope: str
    via: str  # "key", "session" or "local"

    def allows(self, scope: str) -> bool:
        return SCOPE_RANK[self.scope] >= SCOPE_RANK[scope]


@dataclass
class SessionData:
    csrf: str
    key_id: int | None = None
    issued: float = 0.0


def _sign(secret: str, payload: bytes) -> str:
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def encode_session(secret: str, data: SessionData) -> str:
    raw = json.dumps({"c": data.csrf, "k": data.key_id, "t": data.issued}).encode()
    body = base64.urlsafe_b64encode(raw).decode()
    return f"{body}.{_sign(secret, body.encode())}"


def decode_session(secret: str, value: str | None) -> SessionData | None:
    """The session in a cookie, or ``None`` when it is missing, forged or expired."""
    if not value or "." not in value:
        return None
    body, mac = value.rsplit(".", 1)
    if not hmac.compare_digest(mac, _sign(secret, body.encode())):
        return None
    try:
        data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body.encode()))
        session = SessionData(csrf=str(data["c"]), key_id=data.get("k"), issued=float(data["t"]))
    except (ValueError, KeyError, TypeError):
        return None
    if time.time() - session.issued > SESSION_MAX_AGE_S:
        return None
    return session


def new_session(key_id: int | None = None) -> SessionData:
    return SessionData(csrf=secrets.token_urlsafe(24), key_id=key_id, issued=time.time())


def presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def _same_origin(request: Request, settings: Settings) -> bool:
    origin = request.headers.get("origin")
    if origin is None:  # not a browser, or a same-origin GET
        return True
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    return origin == own or origin in settings.cors_origins


def csrf_token_of(request: Request) -> str | None:
    return request.headers.get("x-csrf-token")


def authenticate(
    request: Request,
    session: Session,
    settings: Settings,
    csrf_form: str | None = None,
    feed_key: str | None = None,
) -> Principal:
    """Resolve the caller or raise 401/403.

    ``feed_key`` is a key passed in the URL of a read-only feed: calendar and spreadsheet apps
    subscribe by URL and cannot send headers. Only ``read`` keys are accepted there, since a URL
    ends up in logs and histories.
    """
    key_text = presented_key(request)
    if key_text is None and feed_key:
        key = repo.find_api_key(session, plaintext=feed_key)
        if key is None:
            raise ApiError(401, "unauthorized", "The API key is not valid or was revoked.")
        if key.scope != "read":
            raise ApiError(403, "forbidden", "Only a read key may be put in a feed URL.")
        repo.touch_api_key(session, key=key)
        return Principal(name=key.name, scope=key.scope, via="key")
    if key_text is not None:
        key = repo.find_api_key(session, plaintext=key_text)
        if key is None:
            raise ApiError(401, "unauthorized", "The API key is not valid or was revoked.")
        repo.touch_api_key(session, key=key)
        return Principal(name=key.name, scope=key.scope, via="key")

    secret = settings.session_secret()
    cookie = decode_session(secret, request.cookies.get(SESSION_COOKIE))
    unsafe = request.method in UNSAFE_METHODS
    if unsafe and not _same_origin(request, settings):
        raise ApiError(403, "forbidden", "Cross-origin request refused.")
    if cookie is not None and unsafe:
        token = csrf_token_of(request) or csrf_form
        if not token or not hmac.compare_digest(token, cookie.csrf):
            raise ApiError(403, "csrf_failed", "Missing or wrong CSRF token; reload the page.")

    if not settings.auth_enabled:
        return Principal(name="local", scope="admin", via="local")
    if cookie is not None and cookie.key_id is not None:
        key = repo.get_api_key(session, key_id=cookie.key_id)
        if key is not None and key.revoked_at is None:
            return Principal(name=key.name, scope=key.scope, via="session")
    raise ApiError(401, "unauthorized", "An API key is required (Authorization: Bearer …).")


def require(principal: Principal, scope: str) -> Principal:
    if not principal.allows(scope):
        raise ApiError(
            403,
            "forbidden",
            f"This needs a key with the '{scope}' scope (yours: {principal.scope}).",
        )
    return principal
