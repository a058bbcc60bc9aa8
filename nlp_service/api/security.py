"""ASGI middleware: security headers on every answer and a cap on request bodies.

Every answer gets :data:`CSP` unless its route set its own (the API docs pages, which allow
the hash of their inline bootstrap script: ``routes/docs.py``).

Written as plain ASGI (not ``BaseHTTPMiddleware``) so it adds no task or copy per request —
``bench/api.py`` holds the HTTP overhead to a few percent of the pipeline's time.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [*_BASE_HEADERS, (b"content-security-policy", CSP.encode())]

        length = _content_length(scope)
        if length is not None and length > self.max_body_bytes:
            await _reject(send, headers, length, self.max_body_bytes)
            return

        received = 0
        limit = self.max_body_bytes

        async def limited_receive() -> Message:
            # Chunked bodies have no Content-Length: count as they arrive.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = list(message.get("headers", []))
                extra = headers
                if any(name.lower() == b"content-security-policy" for name, _ in own):
                    extra = _BASE_HEADERS
                message["headers"] = own + extra
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            await _reject(send, headers, received, limit)


class BodyTooLarge(Exception):
    pass


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _reject(send: Send, headers: list[tuple[bytes, bytes]], size: int, limit: int) -> None:
    body: dict[str, Any] = {
        "error": {
            "code": "file_too_large",
            "message": f"Request body over the {limit // (1024 * 1024)} MB limit.",
        }
    }
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
