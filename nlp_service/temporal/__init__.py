"""Vietnamese deadline normaliser (issue 3).

Public API::

    find_time_expressions(text, issued=None) -> list[TimeExpression]   # all, with is_deadline
    find_deadlines(text, issued=None) -> list[TimeExpression]          # only is_deadline=True
"""

from nlp_service.temporal.types import TimeExpression

__all__ = ["TimeExpression"]
