from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nlp_service.storage import FileStore, Storage, open_storage
from nlp_service.storage.testing import postgres_available, temporary_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """A migrated, empty database of each backend (PostgreSQL skipped when unreachable)."""
    files = FileStore(tmp_path / "files")
    if request.param == "sqlite":
        st = open_storage(f"sqlite:///{tmp_path / 'db.sqlite3'}", files)
        yield st
        st.close()
        return
    if not postgres_available():
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    with temporary_postgres_database() as url:
        st = open_storage(url, files)
        yield st
        st.close()
