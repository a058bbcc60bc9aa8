"""Liveness, readiness, version and the contract's JSON Schema.

| route | 200 | 503 |
|---|---|---|
| GET /healthz | the process answers | — |
| GET /readyz | database reachable and a worker has loaded the models | otherwise |
| GET /version | service and schema versions | — |
| GET /v1/schema | JSON Schema of contract v1 | — |
"""

from __future__ import annotations

import json
from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from nlp_service import __version__
from nlp_service.api.deps import PoolDep, StorageDep
from nlp_service.api.schemas import Health, Readiness, VersionInfo
from nlp_service.schemas import SCHEMA_VERSION, json_schema
from nlp_service.storage import repository as repo

router = APIRouter(tags=["meta"])
JSON = "application/json"


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(storage: StorageDep, pool: PoolDep) -> JSONResponse:
    database = storage.ping()
    queue: dict[str, int] = {}
    if database:
        with storage.sessions() as session:
            queue = repo.status_counts(session)
    workers_ok = pool.size == 0 or pool.ready
    body = Readiness(
        status="ready" if database and workers_ok else "not_ready",
        database=database,
        workers_ready=pool.ready_count(),
        workers=pool.size,
        queue=queue,
    )
    return JSONResponse(body.model_dump(), status_code=200 if body.status == "ready" else 503)


@router.get("/version", response_model=VersionInfo)
def version() -> VersionInfo:
    return VersionInfo(version=__version__, schema_version=SCHEMA_VERSION)


@lru_cache(maxsize=1)
def _schema_json() -> bytes:
    return json.dumps(json_schema(), ensure_ascii=False).encode()


@router.get("/v1/schema", response_class=Response, responses={200: {"content": {JSON: {}}}})
def schema() -> Response:
    """The JSON Schema every result (and ``GET /v1/documents/{id}``'s ``result``) follows."""
    return Response(_schema_json(), media_type=JSON)
