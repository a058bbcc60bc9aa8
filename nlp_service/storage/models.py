"""Tables: documents, their tasks, corrections to tasks, and API keys.

The machine's output is kept verbatim (``Document.result`` and ``Task.machine``); reviewers'
changes go into the task's current columns plus one :class:`Correction` row per changed field, so
what the extractor said, what people changed and who changed it are never lost — that history is
what ``export-corrections`` turns into training data. A task the extractor missed is added by a
reviewer as a row of ``origin`` "reviewer", with who added it and when, and no machine original.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# SQLite only auto-increments an INTEGER PRIMARY KEY, PostgreSQL wants BIGINT identities.
BigId = BigInteger().with_variant(Integer(), "sqlite")

DOCUMENT_STATUSES = ("queued", "processing", "done", "failed")
TASK_STATUSES = ("open", "in_progress", "done", "cancelled")
TASK_ORIGINS = ("machine", "reviewer")
SCOPES = ("read", "write", "admin")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite has no time zones and hands back naive datetimes; the API promises RFC 3339
    ``date-time`` values, so every time is converted to UTC on the way in and tagged on the way
    out, whatever the backend.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            return value.astimezone(dt.UTC)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    error_code: Mapped[str | None] = mapped_column(String(64), default=None)
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    worker: Mapped[str | None] = mapped_column(String(64))
    uploaded_by: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    # A reviewer confirmed the tasks (with or without corrections): export-corrections uses it.
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    reviewed_by: Mapped[str | None] = mapped_column(String(128))
    # Denormalised from the result for list filters.
    doc_type: Mapped[str | None] = mapped_column(String(16))
    number: Mapped[str | None] = mapped_column(String(128))
    issuer: Mapped[str | None] = mapped_column(String(255))
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    subject: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    tasks: Mapped[list[Task]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Task.position"
    )


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_due_date_seq", "due_date", "seq"),)

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    # "machine" (the extractor found it) or "reviewer" (a person added a task it missed).
    origin: Mapped[str] = mapped_column(String(16), default="machine", server_default="machine")
    # The extractor's task verbatim; {} for a task a reviewer added (there is no original).
    machine: Mapped[dict[str, Any]] = mapped_column(JSON)
    # [start, end) into the document text that a reviewer gave an added task (evidence);
    # a machine task's span stays in ``machine``.
    span: Mapped[list[Any] | None] = mapped_column(JSON, default=None)
    text: Mapped[str] = mapped_column(Text)
    assignees: Mapped[list[Any]] = mapped_column(JSON)
    deadline: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)
    # "Not a task" (a false positive): hidden from feeds, left out of exported gold.
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Case-folded copies for filters: SQLite's lower() only folds ASCII, Vietnamese needs Python.
    search_text: Mapped[str] = mapped_column(Text)
    search_assignees: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(128))  # the reviewer who added it
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(128))

    document: Mapped[Document] = relationship(back_populates="tasks")
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Correction.id"
    )


class Correction(Base):
    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    task_seq: Mapped[int] = mapped_column(ForeignKey("tasks.seq", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    author: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    task: Mapped[Task] = relationship(back_populates="corrections")


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128))
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
