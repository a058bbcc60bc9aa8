"""Persistence: SQLAlchemy models, the repository, Alembic migrations and the file store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from nlp_service.storage.db import make_engine, make_session_factory
from nlp_service.storage.files import FileStore
from nlp_service.storage.migrate import upgrade


@dataclass
class Storage:
    """The database and the originals of one deployment."""

    engine: Engine
    sessions: sessionmaker[Session]
    files: FileStore

    def ping(self) -> bool:
        """True when the database answers (``/readyz``)."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    def close(self) -> None:
        self.engine.dispose()


def open_storage(url: str, files: FileStore, *, migrate: bool = True) -> Storage:
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return Storage(engine=engine, sessions=make_session_factory(engine), files=files)


__all__ = ["FileStore", "Storage", "open_storage", "upgrade"]
