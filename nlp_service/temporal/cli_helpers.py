"""JSON view of the normaliser for the ``nlp-service deadline "TEXT" --issued YYYY-MM-DD`` command.

Staff and developers paste a phrase and see every expression found, deadline or not, with the
rule that produced it, so a wrong normalisation can be reported with its explanation.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from nlp_service.temporal.engine import find_time_expressions


def expressions_as_json(text: str, issued: date | None = None) -> list[dict[str, Any]]:
    """Every time expression of ``text`` as a JSON-ready dict (dates as ISO strings)."""
    out = []
    for expr in find_time_expressions(text, issued):
        row = dataclasses.asdict(expr)
        for key in ("date", "start"):
            value = row[key]
            row[key] = value.isoformat() if value is not None else None
        out.append(row)
    return out
