"""Request and response bodies of the HTTP API (kept apart from the tables).

The contract v1 models (``nlp_service.schemas``) describe what the extractor found; these
describe the service around it: processing status, review state and corrections.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, NonNegativeInt, field_validator

from nlp_service.schemas import DeadlineType, Result, Role
from nlp_service.schemas import Task as ContractTask
from nlp_service.storage.models import Document, Task


def _iso_date_only(value: object) -> object:
    """Query dates must be written YYYY-MM-DD: pydantic would read "0" as 1970-01-01."""
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("use an ISO date YYYY-MM-DD")
    if isinstance(value, (int, float)):
        raise ValueError("use an ISO date YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]

DocumentStatus = Literal["queued", "processing", "done", "failed"]
TaskStatus = Literal["open", "in_progress", "done", "cancelled"]
TaskOrigin = Literal["machine", "reviewer"]


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str


class ErrorResponse(BaseModel):
    """Every error: ``{"error": {"code", "message"}}``."""

    error: ErrorDetail


class DocumentSummary(BaseModel):
    id: str
    filename: str
    sha256: str
    size: int
    media_type: str
    status: DocumentStatus
    error: ErrorDetail | None = None
    attempts: int
    created_at: dt.datetime
    finished_at: dt.datetime | None = None
    reviewed_at: dt.datetime | None = None
    reviewed_by: str | None = None
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    issue_date: dt.date | None = None
    subject: str | None = None

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        error = (
            ErrorDetail(code=doc.error_code, message=doc.error_message or "")
            if doc.error_code
            else None
        )
        return cls(
            id=doc.id,
            filename=doc.filename,
            sha256=doc.sha256,
            size=doc.size,
            media_type=doc.media_type,
            status=doc.status,  # type: ignore[arg-type]
            error=error,
            attempts=doc.attempts,
            created_at=doc.created_at,
            finished_at=doc.finished_at,
            reviewed_at=doc.reviewed_at,
            reviewed_by=doc.reviewed_by,
            doc_type=doc.doc_type,
            number=doc.number,
            issuer=doc.issuer,
            issue_date=doc.issue_date,
            subject=doc.subject,
        )


class UploadedDocument(DocumentSummary):
    duplicate: bool = Field(description="True when a file with the same SHA-256 existed.")


class UploadResponse(BaseModel):
    documents: list[UploadedDocument]


class DocumentList(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class AssigneeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    role: Role = "lead"
    raw: str | None = Field(default=None, max_length=300)


def assignee_rows(assignees: list[AssigneeIn]) -> list[dict[str, Any]]:
    """Assignees as stored (the contract's shape; a reviewer's have no span)."""
    return [
        {"name": a.name, "raw": a.raw or a.name, "role": a.role, "span": None} for a in assignees
    ]


class DeadlineIn(BaseModel):
    """A reviewer's deadline: the type and date are what matter, ``raw`` is optional."""

    model_config = ConfigDict(extra="forbid")

    type: DeadlineType
    date: dt.date | None = None
    start: dt.date | None = None
    raw: str = Field(default="", max_length=500)
    rrule: str | None = Field(
        default=None,
        max_length=300,
        pattern=r"^FREQ=[A-Z]+(;[A-Z]+=[A-Za-z0-9,+-]+)*$",
        description="iCalendar RRULE, e.g. FREQ=MONTHLY;BYMONTHDAY=25",
    )
    time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")


def deadline_row(deadline: DeadlineIn | None) -> dict[str, Any] | None:
    """A deadline as stored (the contract's shape, unset keys left out)."""
    return None if deadline is None else deadline.model_dump(mode="json", exclude_none=True)


class TaskPatch(BaseModel):
    """Fields left out are unchanged; ``"deadline": null`` removes the deadline."""

    model_config = ConfigDict(extra="forbid")

    status: TaskStatus | None = None
    text: str | None = Field(default=None, min_length=1, max_length=5000)
    assignees: list[AssigneeIn] | None = Field(default=None, max_length=50)
    deadline: DeadlineIn | None = None
    rejected: bool | None = Field(default=None, description="Mark as not a task.")
    version: int | None = Field(
        default=None, description="The version you read; a newer one answers 409."
    )

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("status", "text", "rejected"):
            value = getattr(self, name)
            if name in self.model_fields_set and value is not None:
                out[name] = value
        if "assignees" in self.model_fields_set and self.assignees is not None:
            out["assignees"] = assignee_rows(self.assignees)
        if "deadline" in self.model_fields_set:
            out["deadline"] = deadline_row(self.deadline)
        return out


class TaskCreate(BaseModel):
    """A task the extractor missed, added by a reviewer to a processed document."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1, max_length=5000, pattern=r"\S", description="What must be done."
    )
    assignees: list[AssigneeIn] = Field(
        default_factory=list, max_length=50, description="Lead and support bodies; may be empty."
    )
    deadline: DeadlineIn | None = Field(default=None, description="null: none stated.")
    span: tuple[NonNegativeInt, NonNegativeInt] | None = Field(
        default=None,
        description="[start, end) of the evidence in the document's text (the result's `text`).",
    )
    status: TaskStatus = "open"

    @field_validator("span")
    @classmethod
    def _span_forward(cls, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is not None and span[0] >= span[1]:
            raise ValueError("span must be [start, end) with start < end")
        return span


class TaskOut(BaseModel):
    id: str
    document_id: str
    document_filename: str
    document_number: str | None = None
    position: int
    origin: TaskOrigin = Field(
        description='"machine": found by the extractor; "reviewer": added by a person.'
    )
    text: str
    span: tuple[int, int] | None = None
    page: int | None = None
    assignees: list[dict[str, Any]]
    deadline: dict[str, Any] | None = None
    due_date: dt.date | None = None
    overdue: bool
    status: TaskStatus
    corrected: bool
    rejected: bool
    version: int
    confidence: float | None = None
    created_at: dt.datetime
    created_by: str | None = Field(default=None, description="Who added it (reviewer tasks).")
    updated_at: dt.datetime
    updated_by: str | None = None

    @classmethod
    def of(cls, task: Task, today: dt.date | None = None) -> TaskOut:
        today = today or dt.date.today()
        machine = task.machine or {}
        span = task.span or machine.get("span")
        return cls(
            id=task.id,
            document_id=task.document_id,
            document_filename=task.document.filename,
            document_number=task.document.number,
            position=task.position,
            origin=task.origin,  # type: ignore[arg-type]
            text=task.text,
            span=(int(span[0]), int(span[1])) if span else None,
            page=machine.get("page"),
            assignees=list(task.assignees or []),
            deadline=task.deadline,
            due_date=task.due_date,
            overdue=bool(
                task.due_date and task.due_date < today and task.status in ("open", "in_progress")
            ),
            status=task.status,  # type: ignore[arg-type]
            corrected=task.corrected,
            rejected=task.rejected,
            version=task.version,
            confidence=machine.get("confidence"),
            created_at=task.created_at,
            created_by=task.created_by,
            updated_at=task.updated_at,
            updated_by=task.updated_by,
        )


class CorrectionOut(BaseModel):
    field: str
    old: Any = None
    new: Any = None
    author: str
    created_at: dt.datetime


class TaskDetail(TaskOut):
    machine: ContractTask | None = Field(
        description="The extractor's original task, never modified; null for a reviewer's task."
    )
    corrections: list[CorrectionOut]

    @classmethod
    def detail(cls, task: Task) -> TaskDetail:
        base = TaskOut.of(task).model_dump()
        return cls(
            **base,
            machine=ContractTask.model_validate(task.machine) if task.origin == "machine" else None,
            corrections=[
                CorrectionOut(
                    field=c.field, old=c.old, new=c.new, author=c.author, created_at=c.created_at
                )
                for c in task.corrections
            ],
        )


class TaskPage(BaseModel):
    items: list[TaskOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null at end.")


class DocumentDetail(DocumentSummary):
    result: Result | None = Field(
        default=None, description="Contract v1 as the extractor produced it (when done)."
    )
    tasks: list[TaskOut] = Field(
        default_factory=list, description="The tasks as they are now, corrections applied."
    )


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    database: bool
    workers_ready: int
    workers: int
    queue: dict[str, int]


class VersionInfo(BaseModel):
    version: str
    schema_version: str
