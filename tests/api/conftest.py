"""A live app per backend (SQLite, PostgreSQL) with one real worker process.

The app is module-scoped: starting a worker process loads the pipeline's models (a few seconds),
so the tests of one module share a server and keep apart by uploading their own files.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apitest import make_settings, wait_ready
from fastapi.testclient import TestClient

from nlp_service.api.app import create_app
from nlp_service.storage.testing import postgres_available, temporary_postgres_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'nls.sqlite3'}"
        return
    if not postgres_available():
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    with temporary_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def client(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(tmp_path_factory.mktemp("data"), database_url)
    with TestClient(create_app(settings)) as c:
        wait_ready(c)
        yield c
