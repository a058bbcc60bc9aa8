"""The FastAPI application factory.

``create_app(settings)`` wires storage, the worker pool, the routes and the web UI; the lifespan
migrates the database (Alembic ``upgrade head``) and starts the workers, which pick up whatever
was queued or interrupted before the last shutdown — nothing accepted is lost across restarts.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from nlp_service import __version__
from nlp_service.api import errors
from nlp_service.api.routes import docs, documents, extract, meta, tasks, ui
from nlp_service.api.security import SecurityMiddleware
from nlp_service.api.worker import WorkerPool
from nlp_service.config import Settings
from nlp_service.storage import FileStore, open_storage

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

DESCRIPTION = """
Extracts tasks — who must do what, by when — from Vietnamese HĐND/UBND notices.

Upload notices to `/v1/documents` (processed in the background), review and correct the tasks
under `/v1/tasks`, subscribe to `/v1/tasks.ics`. Every error is
`{"error": {"code", "message"}}`. When the server listens beyond localhost every `/v1` route
needs an API key (`Authorization: Bearer nls_…`) with scope `read`, `write` or `admin`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.ensure_dirs()
        settings.session_secret()
        storage = open_storage(settings.resolved_database_url, FileStore(settings.files_dir))
        pool = WorkerPool(settings, storage)
        app.state.storage = storage
        app.state.pool = pool
        pool.start()
        try:
            yield
        finally:
            pool.stop()
            storage.close()

    app = FastAPI(
        title="nlp-service",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # /docs and /redoc are served by routes.docs from local bundles, not FastAPI's CDN pages.
        docs_url=None,
        redoc_url=None,
        # Operation ids are the route functions' names: stable, readable, used by the links.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    errors.install(app)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(errors.error_body("internal_error", "Internal error."), 500)

    for router in (
        meta.router,
        documents.router,
        tasks.router,
        extract.router,
        ui.router,
        docs.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(docs.ASSETS_URL, StaticFiles(directory=docs.ASSETS_DIR), name="docs-assets")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    max_body = settings.max_upload_bytes * min(settings.max_files_per_upload, 4) + 1024 * 1024
    app.add_middleware(SecurityMiddleware, max_body_bytes=max_body)
    return app
