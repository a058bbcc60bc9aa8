"""Attending a meeting: due when the meeting is held, asked of those the invitation invites.

A meeting invitation asks its addressees to "cử đại diện lãnh đạo dự họp đúng thành phần, đúng
giờ"; the sentence names no time of its own, but the invitation's "Thời gian: 08 giờ 00, thứ
Ba, ngày 16/12/2025" is when that duty falls (the gold invitations date it so). Only a document
that schedules one meeting day lends it; a regulation's "tham dự đầy đủ các cuộc họp" has none.

Nor does the sentence name who attends ("Đề nghị Quý cơ quan, đơn vị cử đúng thành phần …",
"Các đồng chí tham dự Hội nghị đúng thành phần …"): those are the bodies of the invitation's
list ("Thành phần: - Lãnh đạo các Sở: Tài chính, Xây dựng; - Đại diện Công an tỉnh …", "…
trân trọng kính mời: - …"), as the gold invitations lead it. A request to bodies ("Quý cơ quan",
"các cơ quan được mời") leaves out the persons invited by name ("Đồng chí Lê Văn A, Phó Chủ tịch
UBND tỉnh"); a request to "các đồng chí" or "các đại biểu" takes them by their title.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from nlp_service.nlp.directives import placeholder_pattern
from nlp_service.nlp.findings import AssigneeFinding, TaskFinding
from nlp_service.nlp.recognizer import Mention
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


# The head of the invitation's list: "2. Thành phần:", "I. Thành phần dự họp:", "… trân trọng
# kính mời:" at the end of a line, the invited on the "- " lines below it.
_LIST_HEAD = re.compile(
    r"(?im)^[ \t]*(?:(?:[IVX]+|\d{1,2})\.[ \t]*)?thành[ \t]+phần(?:[ \t]+(?:mời|dự[ \t]+họp|"
    r"tham[ \t]+dự))?[ \t]*:[ \t]*$|kính[ \t]+mời[ \t]*:[ \t]*$"
)
_ITEM = re.compile(r"[ \t]*[-–+•][ \t]*\S[^\n]*")
# "Đồng thời, kính mời Chủ tịch UBND các huyện … dự họp trực tuyến": one more invited body.
_ALSO_INVITED = re.compile(
    r"(?i)\bkính[ \t]+mời[ \t]+(?P<who>[^.;:\n]{3,200}?)"
    r"[ \t]+(?:dự[ \t]+họp|tham[ \t]+dự|đến[ \t]+dự)"
)
_PERSON_ITEM = re.compile(r"(?i)^[ \t]*[-–+•][ \t]*đồng[ \t]+chí[ \t]+\S")
_TO_PERSONS = re.compile(r"(?i)\b(?:các|những)[ \t]+(?:đồng[ \t]+chí|đại[ \t]+biểu)\b")
# "Lãnh đạo Sở Tài chính", "Giám đốc Ban Quản lý dự án …" (the recognizer's title prefixes, see
# ``prefixes`` in bodies.yaml): the body is invited, whoever comes.
_ROLE_PREFIX = re.compile(r"^(?:[Ll]ãnh đạo|[Gg]iám đốc|[Tt]hủ trưởng)\s+(?=các\s|[A-ZĐÀ-Ỹ])")


def _invited(text: str, bodies: list[Mention], persons: bool) -> list[AssigneeFinding]:
    """The bodies the invitation's list invites (its first list of items), in order."""
    spans: list[tuple[int, int, bool]] = []  # (start, end, a person invited by name)
    for head in _LIST_HEAD.finditer(text):
        pos = head.end() + 1
        while (item := _ITEM.match(text, pos)) is not None:
            spans.append((item.start(), item.end(), bool(_PERSON_ITEM.match(item.group()))))
            pos = item.end() + 1
        if spans:
            break  # "… trân trọng kính mời:" over "1. Chủ trì: …", "2. Thành phần: - …"
    if not spans:
        return []
    if also := _ALSO_INVITED.search(text, pos, pos + 400):
        spans.append((also.start("who"), also.end("who"), False))
    out: list[AssigneeFinding] = []
    for a, b, person in spans:
        if person and not persons:
            continue
        for m in bodies:
            if not (a <= m.start and m.end <= b):
                continue
            if m.explanation.get("collective") and text[m.end : m.end + 2].lstrip()[:1] == ":":
                continue  # "Lãnh đạo các Sở: Tài chính, …" heads the names after its colon
            name = _ROLE_PREFIX.sub("", m.normalized or m.text)
            if not any(name.lower() == x.name.lower() for x in out):
                out.append(AssigneeFinding(name, m.text, "lead", m.start, m.end, "invitation"))
    return out


def lead_attendance(
    tasks: list[TaskFinding], text: str, bodies: list[Mention], doc_type: str | None
) -> None:
    """Give the tasks of an invitation (GM) that ask to attend, and name nobody but a
    placeholder ("các cơ quan được mời", "Quý cơ quan"), the invited: a lead from a heading or a
    lead-in above is the invitation's sender or subject, not who attends. Elsewhere a "Thành
    phần:" list is an inspection team's or a board's, not an audience."""
    if doc_type != "GM":
        return
    cache: dict[bool, list[AssigneeFinding]] = {}
    for t in tasks:
        if not _ATTENDANCE.search(t.text):
            continue
        own = t.explanation.get("assignees_from") == "clause"
        if own and not all(placeholder_pattern().fullmatch(a.raw.strip()) for a in t.leads):
            continue  # "Đề nghị Sở Tài chính cử lãnh đạo dự họp …" names who attends
        persons = bool(_TO_PERSONS.search(t.text))
        if persons not in cache:
            cache[persons] = _invited(text, bodies, persons)
        invited = cache[persons]
        if not invited:
            continue
        t.assignees = list(invited) + [a for a in t.assignees if a.role != "lead"]
        t.explanation["assignees_from"] = "the invitation's list"
