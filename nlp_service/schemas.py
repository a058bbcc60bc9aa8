"""The JSON contract v1 (``../shared/docs/DESIGN.md``) as pydantic models.

These models are the edge of the system: the CLI, the API and batch all serialise a
:class:`Result`. The JSON Schema in ``docs/schema/v1.json`` is generated from them
(``nlp-service schema``) and a test keeps it current. Changing a field means bumping
``SCHEMA_VERSION`` and saying so in CHANGELOG.md.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

DeadlineType = Literal[
    "on", "before", "by", "within_period", "relative", "event", "recurring", "ongoing"
]
Role = Literal["lead", "support"]
Kind = Literal["official", "press_report"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    filename: str
    media_type: str
    sha256: str
    size: int = Field(description="Size of the input in bytes.")
    pages: int
    ocr: bool = False
    page_info: list[PageQuality] = Field(
        default_factory=list, description="Per page: OCR used, OCR confidence, text quality."
    )


class PageQuality(_Model):
    page: int
    ocr: bool = False
    ocr_confidence: float | None = None
    text_quality: float | None = None


class Issuer(_Model):
    name: str = Field(description="Canonical full name, abbreviations expanded.")
    raw: str = Field(description="As written in the document.")


class Signer(_Model):
    name: str | None = None
    title: str | None = None


class DocumentFields(_Model):
    doc_type: str | None = None
    number: str | None = None
    issuer: Issuer | None = None
    issue_date: str | None = Field(default=None, description="ISO date YYYY-MM-DD.")
    place: str | None = None
    subject: str | None = None
    signer: Signer | None = None
    recipients: list[str] = Field(default_factory=list)
    urgency: str | None = Field(default=None, description="Hỏa tốc, Thượng khẩn, Khẩn…")


class Assignee(_Model):
    name: str = Field(description="Canonical name (abbreviations expanded).")
    raw: str = Field(description="As written.")
    role: Role
    span: tuple[int, int] | None = None


class Deadline(_Model):
    type: DeadlineType
    date: str | None = Field(default=None, description="ISO date; null when not resolvable.")
    start: str | None = Field(default=None, description="First day of a period, when it has one.")
    raw: str
    span: tuple[int, int] | None = None
    rrule: str | None = Field(default=None, description="iCalendar RRULE for recurring duties.")
    time: str | None = Field(default=None, description="Time of day HH:MM when stated.")
    amount: int | None = None
    unit: Literal["day", "working_day", "week", "month", "year"] | None = None
    anchor: str | None = None
    event: str | None = None


class Task(_Model):
    id: str = Field(description="Stable id: derived from the document hash and the task span.")
    text: str
    span: tuple[int, int]
    page: int | None = None
    section: str | None = None
    directive: str | None = Field(default=None, description="The cue: giao, đề nghị, yêu cầu…")
    assignees: list[Assignee] = Field(default_factory=list)
    deadline: Deadline | None = None
    confidence: float
    explanation: dict[str, Any] = Field(default_factory=dict)


EntityLabel = Literal["BODY", "DEADLINE", "DATE", "DIRECTIVE", "DOC_NUMBER", "PERSON"]


class Entity(_Model):
    label: EntityLabel
    start: int
    end: int
    text: str
    normalized: str | None = None
    score: float = 1.0
    recognizer: str | None = None


class Result(_Model):
    schema_version: Literal["1.0"] = "1.0"
    source: Source
    kind: Kind = "official"
    document: DocumentFields = Field(default_factory=DocumentFields)
    tasks: list[Task] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    text: str
    warnings: list[str] = Field(default_factory=list)


Source.model_rebuild()


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Result`, as committed in ``docs/schema/v1.json``."""
    schema = Result.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://nlp-service.local/schema/v1.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
