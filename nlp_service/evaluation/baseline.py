"""The afternoon baseline: underthesea NER + dateparser, scored on the same gold.

What a user could assemble without this project: sentences from underthesea's
``sent_tokenize``; a sentence is a task when it holds an assignment verb; its lead is the first
ORG (or LOC/PER) span of underthesea's NER; its deadline the first date dateparser's
``search_dates`` finds (typed ``before``); the number is the "Số: …" token and the issue date
dateparser's reading of the "ngày … tháng … năm …" line. Every report prints our figures beside
these, so the gap stays visible.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from typing import Any

from nlp_service.evaluation.scoring import Prediction, PredTask

_VERBS = re.compile(r"\b(?:giao|đề nghị|yêu cầu|chủ trì|có trách nhiệm|chỉ đạo)\b", re.I)
_NUMBER = re.compile(r"Số\s*:?\s*(\d+[^\s,;]*/[^\s,;]+)")
_DATE_LINE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


def _dateparser_search(text: str, base: datetime | None) -> Any:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return search_dates(text, languages=["vi"], settings=settings)


def _entities(sentence: str) -> list[str]:
    from underthesea import ner

    names: list[str] = []
    current: list[str] = []
    for token in ner(sentence):
        word, tag = token[0], token[-1]
        if tag.startswith("B-") and tag[2:] in ("ORG", "LOC", "PER"):
            if current:
                names.append(" ".join(current))
            current = [word]
        elif tag.startswith("I-") and current:
            current.append(word)
        else:
            if current:
                names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return names


def predict(text: str) -> Prediction:
    from underthesea import sent_tokenize

    number = _NUMBER.search(text[:3000])
    date_line = _DATE_LINE.search(text[:3000])
    issue_date = None
    base = None
    if date_line:
        found = _dateparser_search(date_line.group(0), None)
        if found:
            base = found[0][1]
            issue_date = base.date().isoformat()
    tasks: list[PredTask] = []
    pos = 0
    for sentence in sent_tokenize(text):
        start = text.find(sentence, pos)
        if start < 0:
            start = pos
        pos = start + len(sentence)
        if not _VERBS.search(sentence):
            continue
        names = _entities(sentence)
        found = _dateparser_search(sentence, base)
        deadline = None
        if found:
            deadline = {"type": "before", "date": found[0][1].date().isoformat()}
        tasks.append(
            PredTask(
                text=sentence,
                span=(start, start + len(sentence)),
                lead=names[:1],
                support=names[1:2],
                deadline=deadline,
            )
        )
    document = {
        "doc_type": None,
        "number": number.group(1) if number else None,
        "issue_date": issue_date,
        "issuer": None,
    }
    return Prediction(text=text, document=document, tasks=tasks)
