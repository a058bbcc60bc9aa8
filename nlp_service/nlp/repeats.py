"""A plan that repeats its appendix: one task, not two.

Plans often list a duty in their body ("Sở Tư pháp rà soát, lập danh mục văn bản …") and again as
a row of the task annex, with the bodies and the deadline in columns. ANNOTATION.md counts such a
task once; the table row is the copy to keep, because its columns name the lead, the support and
the time precisely.
"""

from __future__ import annotations

import re

from nlp_service.nlp.findings import TaskFinding

_WORD = re.compile(r"\w+")
MIN_WORDS = 5  # shorter texts ("Tổ chức thực hiện") repeat by chance
OVERLAP = 0.8  # share of the shorter text's words found in the other


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def drop_body_repeats(tasks: list[TaskFinding], annex_start: int | None) -> list[TaskFinding]:
    """Tasks without the body copies of tasks that the annex lists again."""
    if annex_start is None:
        return tasks
    annex = [_words(t.text) for t in tasks if t.start >= annex_start]
    annex = [w for w in annex if len(w) >= MIN_WORDS]
    if not annex:
        return tasks
    kept = []
    for t in tasks:
        if t.start < annex_start:
            words = _words(t.text)
            if len(words) >= MIN_WORDS and any(
                len(words & row) >= OVERLAP * min(len(words), len(row)) for row in annex
            ):
                continue
        kept.append(t)
    return kept
