"""One error shape for every failure: ``{"error": {"code", "message"}}`` with its status.

Pipeline errors carry their own code and status (``nlp_service.errors``); HTTP errors from
routing and validation are mapped here so that a client never sees FastAPI's default
``{"detail": …}`` bodies.
"""

from __future__ import annotations

import errno

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from nlp_service.errors import NlpServiceError

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "file_too_large",
    415: "unsupported_format",
    422: "validation_error",
    503: "unavailable",
    507: "insufficient_storage",
}


class ApiError(NlpServiceError):
    """An error raised by a route: any code and status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.http_status = status
        self.code = code


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found.")


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method any route serves at ``path`` (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in app.routes:
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def install(app: FastAPI) -> None:
    @app.exception_handler(NlpServiceError)
    async def _typed(_: Request, exc: NlpServiceError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(app, request.url.path))
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=headers)

    @app.exception_handler(PoolTimeoutError)
    @app.exception_handler(OperationalError)
    async def _database(_: Request, exc: Exception) -> JSONResponse:
        # The database restarted, is unreachable or every pooled connection is busy: tell
        # clients to retry, keep the process up (the pool's pre-ping reconnects once it is back).
        return JSONResponse(
            error_body("database_unavailable", "The database is unavailable; retry shortly."),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(OSError)
    async def _disk(_: Request, exc: OSError) -> JSONResponse:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return JSONResponse(
                error_body("insufficient_storage", "The data directory is full."),
                status_code=507,
            )
        return JSONResponse(error_body("internal_error", "Internal error."), status_code=500)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:5]:
            loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            parts.append(f"{loc}: {err.get('msg', 'invalid')}")
        return JSONResponse(
            error_body("validation_error", "; ".join(parts) or "Invalid request."),
            status_code=422,
        )
