"""The document text with its tasks, bodies and deadlines marked, as safe HTML (displaCy-style).

Spans overlap (a task contains its bodies and its deadline), so the text is cut at every span
boundary and each piece is wrapped once with the classes of all spans covering it. Every piece
of document text goes through ``markupsafe.escape``: an uploaded HTML notice is shown as text,
never rendered.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

ENTITY_CLASSES = {"BODY": "body", "DEADLINE": "deadline", "DATE": "deadline", "DIRECTIVE": "cue"}
BADGES = {"body": "CQ", "deadline": "HẠN", "cue": "CĐ"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "task", "body", "deadline", "cue"
    task_id: str | None = None
    number: int | None = None  # the task's row number in the table


def marks_for(tasks: Iterable[Any], entities: Iterable[dict[str, Any]], size: int) -> list[Mark]:
    out: list[Mark] = []
    for number, task in enumerate(tasks, 1):
        if task.span and not task.rejected:
            start, end = task.span
            out.append(Mark(start, end, "task", task.id, number))
    for ent in entities:
        kind = ENTITY_CLASSES.get(str(ent.get("label")))
        if kind is not None:
            out.append(Mark(int(ent["start"]), int(ent["end"]), kind))
    return [m for m in out if 0 <= m.start < m.end <= size]


def render(text: str, marks: list[Mark]) -> Markup:
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        active = [m for m in marks if m.start <= a and b <= m.end]
        if not active:
            parts.append(piece)
            continue
        badges = []
        for m in marks:
            if m.start == a and m.kind == "task":
                badges.append(
                    f'<a class="badge badge-task" href="#row-{escape(m.task_id)}" '
                    f'title="Nhiệm vụ {m.number}">NV {m.number}</a>'
                )
            elif m.start == a and m.kind in BADGES:
                badges.append(f'<span class="badge badge-{m.kind}">{BADGES[m.kind]}</span>')
        kinds = sorted({m.kind for m in active})
        task = next((m for m in active if m.kind == "task"), None)
        attr = f' data-task="{escape(task.task_id)}"' if task is not None else ""
        classes = " ".join(f"hl-{k}" for k in kinds)
        parts.append(f'{"".join(badges)}<span class="hl {classes}"{attr}>{piece}</span>')
    return Markup("".join(parts))
