"""Feeds for trackers and calendars: iCalendar (RFC 5545) and CSV for Excel.

A task's calendar UID is derived from its stable id, and SEQUENCE from its version, so a
calendar that subscribes to the feed updates an event when a reviewer corrects a deadline
instead of adding a second one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from nlp_service import __version__
from nlp_service.storage.models import Task

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
UID_DOMAIN = "nlp-service"
CSV_COLUMNS = (
    "task_id",
    "document",
    "number",
    "text",
    "lead",
    "support",
    "deadline_type",
    "due_date",
    "deadline_raw",
    "rrule",
    "status",
    "overdue",
    "corrected",
    "origin",
)


def _names(task: Task, role: str) -> list[str]:
    return [str(a.get("name", "")) for a in task.assignees or [] if a.get("role") == role]


def _start(task: Task) -> dt.date | dt.datetime | None:
    """The event's start: the due date (with its time when stated); a recurring duty with no
    date starts on the document's date, the day the duty began."""
    deadline = task.deadline or {}
    day = task.due_date
    if day is None and deadline.get("rrule"):
        day = task.document.issue_date or task.created_at.date()
    if day is None:
        return None
    time = deadline.get("time")
    if isinstance(time, str) and len(time) == 5:
        hour, minute = int(time[:2]), int(time[3:])
        if hour < 24 and minute < 60:
            return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN_TZ)
    return day


def to_ics(tasks: Iterable[Task]) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//nlp-service//{__version__}//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Hạn nhiệm vụ")
    for task in tasks:
        start = _start(task)
        if start is None or task.status == "cancelled" or task.rejected:
            continue
        deadline = task.deadline or {}
        event = Event()
        event.add("uid", f"{task.id}@{UID_DOMAIN}")
        event.add("sequence", task.version - 1)
        event.add("dtstamp", task.updated_at.astimezone(dt.UTC))
        event.add("summary", _summary(task))
        event.add("dtstart", start)
        if isinstance(start, dt.datetime):
            event.add("dtend", start + dt.timedelta(hours=1))
        else:
            event.add("dtend", start + dt.timedelta(days=1))
        if deadline.get("rrule"):
            event.add("rrule", vRecur.from_ical(str(deadline["rrule"])))
        lines = [task.text]
        if lead := _names(task, "lead"):
            lines.append("Chủ trì: " + "; ".join(lead))
        if support := _names(task, "support"):
            lines.append("Phối hợp: " + "; ".join(support))
        if deadline.get("raw"):
            lines.append("Thời hạn: " + str(deadline["raw"]))
        lines.append(f"Văn bản: {task.document.number or task.document.filename}")
        event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if task.status == "cancelled" else "CONFIRMED")
        event.add("categories", [task.status])
        cal.add_component(event)
    return cal.to_ical()


def _summary(task: Task) -> str:
    lead = _names(task, "lead")
    text = task.text if len(task.text) <= 120 else task.text[:117] + "…"
    return f"{lead[0]}: {text}" if lead else text


def _cell(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a cell never starts with = + - @."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def to_csv(tasks: Iterable[Task], today: dt.date | None = None) -> bytes:
    """UTF-8 with a BOM: Excel otherwise opens Vietnamese as mojibake."""
    today = today or dt.date.today()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for task in tasks:
        deadline = task.deadline or {}
        overdue = bool(
            task.due_date and task.due_date < today and task.status in ("open", "in_progress")
        )
        row = [
            task.id,
            task.document.filename,
            task.document.number,
            task.text,
            "; ".join(_names(task, "lead")),
            "; ".join(_names(task, "support")),
            deadline.get("type"),
            task.due_date.isoformat() if task.due_date else "",
            deadline.get("raw"),
            deadline.get("rrule"),
            task.status,
            "yes" if overdue else "no",
            "yes" if task.corrected else "no",
            task.origin,
        ]
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
