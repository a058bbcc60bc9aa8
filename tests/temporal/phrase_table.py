"""The phrase table of ``phrases.yaml``, shared by the tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

TABLE = Path(__file__).with_name("phrases.yaml")
_CHECKED = ("type", "date", "start", "time", "rrule")
_OPTIONAL = ("amount", "unit", "anchor", "event")


@dataclass(frozen=True)
class Phrase:
    text: str
    issued: date | None
    expected: dict[str, Any]  # always type/date/start/time/rrule; amount/unit/anchor/event if set
    found: bool = False  # negatives: the date must still be found (as a non-deadline)

    @property
    def is_negative(self) -> bool:
        return self.expected["type"] is None


def load_phrases() -> list[Phrase]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    default_issued = data["issued"]
    phrases = []
    for row in data["phrases"]:
        expected = {key: row.get(key) for key in _CHECKED}
        expected.update({key: row[key] for key in _OPTIONAL if key in row})
        issued = row.get("issued", default_issued)
        phrases.append(Phrase(row["text"], issued, expected, bool(row.get("found", False))))
    return phrases


def observed(expr: Any, keys: list[str]) -> dict[str, Any]:
    """The fields of a TimeExpression (or None) that a row checks."""
    if expr is None:
        return {key: None for key in keys}
    return {key: getattr(expr, key) for key in keys}


def matches(expr: Any, phrase: Phrase) -> bool:
    """Our answer is right: same type, date, start, time, rrule (and the optional fields)."""
    return observed(expr, list(phrase.expected)) == phrase.expected
