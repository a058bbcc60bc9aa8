"""Throwaway databases for tests and benchmarks.

Storage and API tests run against both SQLite and a real PostgreSQL; each run gets its own
uniquely named database, dropped afterwards, so parallel runs (and other engineers on the same
server) never see each other's rows. PostgreSQL is optional: when the server does not answer,
:func:`postgres_available` says so and the caller skips.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    return os.environ.get("NLP_SERVICE_TEST_PG_URL", DEFAULT_ADMIN_URL)


def postgres_available(url: str | None = None) -> bool:
    try:
        engine = create_engine(url or admin_url(), connect_args={"connect_timeout": 2})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:
        return False
    return True


@contextmanager
def temporary_postgres_database(prefix: str = "nls_test") -> Iterator[str]:
    """Create ``<prefix>_<random>`` and yield its URL; drop it (and its sessions) afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))  # name is ours: hex only
        yield make_url(admin_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
