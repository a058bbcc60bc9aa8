"""Domain objects of the extraction result (dataclasses; pydantic lives only in schemas.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from nlp_service.temporal.types import TimeExpression


@dataclass
class AssigneeFinding:
    name: str  # canonical name
    raw: str  # as written
    role: Literal["lead", "support"]
    start: int | None = None
    end: int | None = None
    source: str = "clause"  # clause | context | table | addressee | heading


@dataclass
class TaskFinding:
    start: int
    end: int
    text: str
    page: int | None
    section: str | None
    directive: str | None
    assignees: list[AssigneeFinding]
    deadline: TimeExpression | None
    confidence: float
    explanation: dict[str, Any] = field(default_factory=dict)
    features: dict[str, float | str] = field(default_factory=dict)
    accepted: bool = True  # the rules' verdict; the task model may overrule it
    # Bodies opening a clause the rules rejected for want of a verb they know: its lead when
    # the task model keeps the clause anyway.
    subject: list[AssigneeFinding] = field(default_factory=list)

    @property
    def leads(self) -> list[AssigneeFinding]:
        return [a for a in self.assignees if a.role == "lead"]
