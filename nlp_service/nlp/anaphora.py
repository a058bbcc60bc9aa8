"""Press reports: "các đơn vị" as a lead means the bodies the article is about.

A newspaper paraphrasing a notice names the audience once ("hội nghị giao ban giữa Thường trực
HĐND TP và Thường trực HĐND quận, huyện, thị xã") and then writes "Thường trực HĐND TP đề nghị
các đơn vị …". ANNOTATION.md takes the body the words refer to as the lead, as for any other
implied body. The referent is the group of bodies the article names most often before the task
(the first named on a tie: the lead paragraph names the audience), so a passing mention ("… của
UBND quận, huyện") does not win over the audience of the whole report. Official notices are left
alone: there "các đơn vị" usually means the addressees, which the assembler already resolves.
"""

from __future__ import annotations

import re
from collections import Counter

from nlp_service.nlp.abbreviations import same_body
from nlp_service.nlp.findings import AssigneeFinding, TaskFinding
from nlp_service.nlp.recognizer import Mention

# Words that refer back instead of naming anyone.
_GENERIC = re.compile(r"^(?:các|những)\s+(?:đơn\s+vị|địa\s+phương|cơ\s+quan,\s+đơn\s+vị)$", re.I)
# "HĐND các cấp" names every level, not a group the article is about.
_LEVELS = re.compile(r"\bcác\s+cấp$", re.I)


def _referent(bodies: list[Mention], before: int, issuer: str | None) -> Mention | None:
    groups: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for m in bodies:
        if m.start >= before or not m.explanation.get("collective"):
            continue
        name = m.normalized or m.text
        if _GENERIC.match(name) or _LEVELS.search(name):
            continue
        if issuer is not None and same_body(name, issuer):
            continue
        key = next((k for k in groups if same_body(k, name)), name)
        groups[key] += 1
        first.setdefault(key, m)
    if not groups:
        return None
    best = max(groups, key=lambda k: (groups[k], -first[k].start))
    return first[best]


def resolve_generic_leads(
    tasks: list[TaskFinding], bodies: list[Mention], issuer: str | None
) -> None:
    """Name the referent of a generic lead ("các đơn vị") of each task of a press report; a
    task with no lead at all ("tiếp tục đổi mới việc tiếp xúc cử tri …") is the audience's too."""
    for task in tasks:
        if not task.leads:
            ref = _referent(bodies, task.start, issuer)
            if ref is not None:
                name = ref.normalized or ref.text
                task.assignees.append(AssigneeFinding(name, ref.text, "lead", source="anaphora"))
                task.explanation["lead_referent"] = ref.text
            continue
        for i, a in enumerate(task.assignees):
            if a.role != "lead" or not _GENERIC.match(a.name):
                continue
            ref = _referent(bodies, a.start if a.start is not None else task.start, issuer)
            if ref is None:
                continue
            task.assignees[i] = AssigneeFinding(
                ref.normalized or ref.text, a.raw, "lead", a.start, a.end, "anaphora"
            )
            task.explanation["lead_referent"] = ref.text
