"""FastAPI dependencies as ``Annotated`` aliases: the routes ask for what they need by type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from nlp_service.api.auth import Principal, authenticate, require
from nlp_service.api.worker import WorkerPool
from nlp_service.config import Settings
from nlp_service.storage import Storage


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


def get_pool(request: Request) -> WorkerPool:
    pool: WorkerPool = request.app.state.pool
    return pool


def get_db(storage: Annotated[Storage, Depends(get_storage)]) -> Iterator[Session]:
    with storage.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[Storage, Depends(get_storage)]
PoolDep = Annotated[WorkerPool, Depends(get_pool)]
SessionDep = Annotated[Session, Depends(get_db)]


def get_principal(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    return authenticate(request, session, settings)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def reader(principal: PrincipalDep) -> Principal:
    return require(principal, "read")


def writer(principal: PrincipalDep) -> Principal:
    return require(principal, "write")


def admin(principal: PrincipalDep) -> Principal:
    return require(principal, "admin")


ReadUser = Annotated[Principal, Depends(reader)]
WriteUser = Annotated[Principal, Depends(writer)]
AdminUser = Annotated[Principal, Depends(admin)]
