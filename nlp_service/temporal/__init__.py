"""Vietnamese deadline normaliser (issue 3).

Finds the time expressions of Vietnamese administrative text and normalises them to the types of
ANNOTATION.md (on, before, by, within_period, relative, event, recurring, ongoing), anchored to
the document's issue date. Phrase data lives in ``data/*.yaml``; the engine is in code.

Anchoring: a date without a year ("trước ngày 10/2") takes its next occurrence on or after the
issue date. Without ``issued`` the issue-date line of the text ("Lâm Đồng, ngày 12 tháng 9 năm
2018") is used; failing that, the most frequent year of the text's own full dates (ANNOTATION.md);
failing that, ``date`` stays None (the expression is still returned, with its type and span).
Relative durations resolve only when their anchor is the issue date ("kể từ ngày ký / ban hành")
or an explicit date; working days skip weekends and VN public holidays (``holidays`` package).

Public API::

    find_time_expressions(text, issued=None) -> list[TimeExpression]   # all, with is_deadline
    find_deadlines(text, issued=None) -> list[TimeExpression]          # only is_deadline=True
    parse_deadline(phrase, issued=None) -> TimeExpression | None       # the phrase's deadline
    best_deadline(expressions) -> TimeExpression | None                # pick one for a clause
    add_working_days(d, n), is_working_day(d)                          # VN holidays, Tết included
"""

from nlp_service.temporal.calendar_math import add_duration, add_working_days, is_working_day
from nlp_service.temporal.engine import (
    best_deadline,
    find_deadlines,
    find_time_expressions,
    parse_deadline,
)
from nlp_service.temporal.types import TimeExpression

__all__ = [
    "TimeExpression",
    "add_duration",
    "add_working_days",
    "best_deadline",
    "find_deadlines",
    "find_time_expressions",
    "is_working_day",
    "parse_deadline",
]
