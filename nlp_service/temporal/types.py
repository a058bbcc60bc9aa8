"""The result type of the temporal normaliser."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

TimeType = Literal[
    "on", "before", "by", "within_period", "relative", "event", "recurring", "ongoing"
]
Unit = Literal["day", "working_day", "week", "month", "year"]


@dataclass
class TimeExpression:
    """One time expression found in a text, normalised per ANNOTATION.md.

    ``start_char``/``end_char`` are offsets into the text that was searched; ``raw`` is
    ``text[start_char:end_char]``. ``is_deadline`` is False for dates that are not deadlines
    (legal bases, the meeting date of an opening paragraph, the issue date line).
    """

    type: TimeType
    raw: str
    start_char: int
    end_char: int
    date: datetime.date | None = None
    start: datetime.date | None = None
    time: str | None = None  # "HH:MM"
    rrule: str | None = None
    amount: int | None = None
    unit: Unit | None = None
    anchor: str | None = None
    event: str | None = None
    is_deadline: bool = True
    rule: str = ""  # name of the pattern that produced it (explanation)
