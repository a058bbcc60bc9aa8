"""FastAPI dependencies as ``Annotated`` aliases: the routes ask for what they need by type.

The cheap ones are ``async`` so FastAPI runs them on the event loop instead of a thread each
(every thread hop costs on a busy 2-core machine); anything that may query the database runs in
the thread pool.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from nlp_service.api.auth import Principal, authenticate, presented_key, require
from nlp_service.api.worker import WorkerPool
from nlp_service.config import Settings
from nlp_service.storage import Storage


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


async def get_pool(request: Request) -> WorkerPool:
    pool: WorkerPool = request.app.state.pool
    return pool


async def get_db(storage: Annotated[Storage, Depends(get_storage)]) -> AsyncIterator[Session]:
    """A session per request; it opens a connection only when first used (in a route's thread)."""
    session = storage.sessions()
    try:
        yield session
    finally:
        if session.in_transaction():  # a rollback may talk to the database: not on the loop
            await run_in_threadpool(session.close)
        else:
            session.close()


SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[Storage, Depends(get_storage)]
PoolDep = Annotated[WorkerPool, Depends(get_pool)]
SessionDep = Annotated[Session, Depends(get_db)]


async def get_principal(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    if presented_key(request) is None and not settings.auth_enabled:
        return authenticate(request, session, settings)  # no key to look up: no database
    return await run_in_threadpool(authenticate, request, session, settings)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def reader(principal: PrincipalDep) -> Principal:
    return require(principal, "read")


async def writer(principal: PrincipalDep) -> Principal:
    return require(principal, "write")


async def admin(principal: PrincipalDep) -> Principal:
    return require(principal, "admin")


async def feed_reader(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    key: Annotated[
        str | None,
        Query(
            max_length=200, description="A read key, for calendar apps that cannot send headers."
        ),
    ] = None,
) -> Principal:
    principal = await run_in_threadpool(authenticate, request, session, settings, None, key)
    return require(principal, "read")


ReadUser = Annotated[Principal, Depends(reader)]
FeedUser = Annotated[Principal, Depends(feed_reader)]
WriteUser = Annotated[Principal, Depends(writer)]
AdminUser = Annotated[Principal, Depends(admin)]
