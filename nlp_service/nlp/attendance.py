"""Attending a meeting is due when the meeting is held.

A meeting invitation asks its addressees to "cử đại diện lãnh đạo dự họp đúng thành phần, đúng
giờ"; the sentence names no time of its own, but the invitation's "Thời gian: 08 giờ 00, thứ
Ba, ngày 16/12/2025" is when that duty falls (the gold invitations date it so). Only a document
that schedules one meeting day lends it; a regulation's "tham dự đầy đủ các cuộc họp" has none.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from nlp_service.nlp.findings import TaskFinding
from nlp_service.temporal.engine import scheduled_meeting
from nlp_service.temporal.types import TimeExpression

_ATTENDANCE = re.compile(
    r"\b(?:dự\s+họp|tham\s+dự|dự\s+hội\s+nghị|dự\s+kỳ\s+họp)\b[^.;]{0,60}?\bđúng\s+(?:giờ|thành\s+phần)"
    r"|\bđúng\s+thành\s+phần\b[^.;]{0,60}?\b(?:dự\s+họp|tham\s+dự)\b",
    re.IGNORECASE,
)


def date_attendance(
    tasks: list[TaskFinding], text: str, times: list[TimeExpression], issued: date | None
) -> None:
    """Give the tasks that ask to attend, and state no time, the scheduled meeting's time."""
    meeting: TimeExpression | None = None
    for t in tasks:
        if t.deadline is not None or not _ATTENDANCE.search(t.text):
            continue
        meeting = meeting or scheduled_meeting(text, times, issued)
        if meeting is None:
            return
        t.deadline = replace(meeting, rule=f"{meeting.rule}|meeting:attendance")
