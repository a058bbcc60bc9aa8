"""The one entry point: ``process(bytes, filename) -> Result``, used by the API, CLI and batch.

Data flows one way: reader -> (press-report cleaning) -> composed text -> structure ->
recognizers (bodies, directive cues, time expressions) -> task assembly -> task model ->
contract v1. Heavy objects (recognizers, the task model, underthesea) are built once per
process on first use and reused, so batch workers and API workers pay for them once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from nlp_service import schemas
from nlp_service.nlp.abbreviations import canonical_body
from nlp_service.nlp.aliases import defined_aliases
from nlp_service.nlp.anaphora import resolve_generic_leads
from nlp_service.nlp.assembly import Inputs, assemble
from nlp_service.nlp.bodies import BodyRecognizer
from nlp_service.nlp.directives import DirectiveRecognizer
from nlp_service.nlp.findings import TaskFinding
from nlp_service.nlp.recognizer import Mention
from nlp_service.nlp.repeats import drop_body_repeats
from nlp_service.nlp.segment import to_doc
from nlp_service.readers import ReadLimits, read
from nlp_service.temporal import find_time_expressions
from nlp_service.temporal.types import TimeExpression
from nlp_service.text.compose import ComposedText, compose
from nlp_service.text.filename_number import number_from_filename
from nlp_service.text.press import clean_press, looks_like_press
from nlp_service.text.structure import Structure, analyse
from nlp_service.training.model import load_task_model


@dataclass
class Analysis:
    """Everything the pipeline computed, for callers that need more than the contract."""

    result: schemas.Result
    composed: ComposedText
    structure: Structure
    doc: Doc | None
    tasks: list[TaskFinding]


@lru_cache(maxsize=1)
def _bodies() -> BodyRecognizer:
    return BodyRecognizer()


@lru_cache(maxsize=1)
def _cues() -> DirectiveRecognizer:
    return DirectiveRecognizer()


def process(
    data: bytes,
    filename: str,
    *,
    limits: ReadLimits | None = None,
    segment: bool = True,
) -> schemas.Result:
    """Read one notice and return contract-v1 JSON as a pydantic model.

    Raises :class:`nlp_service.errors.NlpServiceError` subclasses for bad input.
    """
    return analyse_bytes(data, filename, limits=limits, segment=segment).result


def analyse_bytes(
    data: bytes,
    filename: str,
    *,
    limits: ReadLimits | None = None,
    segment: bool = True,
    use_model: bool = True,
    keep_all: bool = False,
) -> Analysis:
    """The pipeline with its intermediate results.

    ``use_model=False`` keeps the rules' verdicts (training needs them without the model it is
    about to replace); ``keep_all`` also returns the clauses the rules rejected.
    """
    raw = read(data, filename, limits=limits)
    kind: schemas.Kind = "official"
    press = None
    if looks_like_press(raw):
        raw, press = clean_press(raw)
        kind = "press_report"
    ct = compose(raw)
    structure = analyse(ct)
    fields = structure.fields
    if (signed := structure.date_from_signatures(raw.signed_on)) is not None:
        fields.issue_date = signed
    notes: list[str] = []
    if fields.number is None and structure.number_slot is not None:
        issued = fields.issue_date or structure.anchor_date
        slot, code = structure.number_slot
        fields.number = number_from_filename(slot, code, filename, issued.year if issued else None)
        if fields.number is not None:
            notes.append(
                f"number_from_filename: the number on the page is unreadable ({slot!r}); "
                f"{fields.number} is taken from the file name"
            )
    if press is not None and ct.lines:
        # The first line of an article is its headline, never an assignment.
        structure.body_start = max(structure.body_start, ct.lines[0].end + 1)
    if press is not None:
        fields.number = fields.number or press.number
        fields.issuer_raw = press.issuer_raw or fields.issuer_raw
        fields.doc_type = press.doc_type or fields.doc_type
        fields.issue_date = press.issued  # the article's own date is not the notice's
    text = ct.text
    anchor = fields.issue_date or structure.anchor_date
    bodies = defined_aliases(text, _bodies().analyze(text))
    cues = _cues().analyze(text)
    published = press.published if press is not None else None
    times = find_time_expressions(
        text, anchor, published.year if published else None, own_type=fields.doc_type
    )
    model = load_task_model() if use_model else None
    candidates = assemble(
        Inputs(ct, structure, bodies, cues, times), keep_all=keep_all or model is not None
    )
    if model is not None:
        tasks = model.rescore(candidates, ct, structure)
    elif keep_all:
        tasks = candidates
    else:
        tasks = [t for t in candidates if t.accepted]
    if not keep_all:
        tasks = drop_body_repeats(tasks, structure.annex_start)
    if press is not None:
        issuer = canonical_body(fields.issuer_raw) if fields.issuer_raw else None
        resolve_generic_leads(tasks, bodies, issuer)
    doc = to_doc(text) if segment else None
    if doc is not None:
        _attach_spans(doc, bodies, times, tasks)
    sha = hashlib.sha256(data).hexdigest()
    warnings = list(raw.warnings) + notes
    if not tasks and text.strip():
        warnings.append("no_tasks: no assignment was found in the operative part of the text")
    result = schemas.Result(
        source=schemas.Source(
            filename=os.path.basename(filename),
            media_type=raw.media_type,
            sha256=sha,
            size=len(data),
            pages=max(1, len(raw.pages)),
            ocr=raw.ocr,
            page_info=[
                schemas.PageQuality(
                    page=p.number,
                    ocr=p.ocr,
                    ocr_confidence=p.ocr_confidence,
                    text_quality=p.text_quality,
                )
                for p in raw.pages
            ],
        ),
        kind=kind,
        document=_document(structure),
        tasks=[_task(t, sha, i) for i, t in enumerate(tasks)],
        entities=_entities(bodies, times, cues),
        text=text,
        warnings=warnings,
    )
    return Analysis(result, ct, structure, doc, tasks)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _document(st: Structure) -> schemas.DocumentFields:
    f = st.fields
    issuer = (
        schemas.Issuer(name=canonical_body(f.issuer_raw), raw=f.issuer_raw)
        if f.issuer_raw
        else None
    )
    signer = (
        schemas.Signer(name=f.signer_name, title=f.signer_title)
        if f.signer_name or f.signer_title
        else None
    )
    return schemas.DocumentFields(
        doc_type=f.doc_type,
        number=f.number,
        issuer=issuer,
        issue_date=_iso(f.issue_date),
        place=f.place,
        subject=f.subject,
        signer=signer,
        recipients=f.recipients,
        urgency=f.urgency,
    )


def deadline_model(t: TimeExpression) -> schemas.Deadline:
    return schemas.Deadline(
        type=t.type,
        date=_iso(t.date),
        start=_iso(t.start),
        raw=t.raw,
        span=(t.start_char, t.end_char),
        rrule=t.rrule,
        time=t.time,
        amount=t.amount,
        unit=t.unit,
        anchor=t.anchor,
        event=t.event,
    )


def _task(t: TaskFinding, sha: str, index: int) -> schemas.Task:
    tid = hashlib.sha1(f"{sha}:{t.start}:{t.end}".encode()).hexdigest()[:16]
    return schemas.Task(
        id=tid,
        text=t.text,
        span=(t.start, t.end),
        page=t.page,
        section=t.section,
        directive=t.directive,
        assignees=[
            schemas.Assignee(
                name=a.name,
                raw=a.raw,
                role=a.role,
                span=(a.start, a.end) if a.start is not None and a.end is not None else None,
            )
            for a in t.assignees
        ],
        deadline=deadline_model(t.deadline) if t.deadline else None,
        confidence=round(t.confidence, 4),
        explanation=_jsonable(t.explanation),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _mention_entity(m: Mention, label: schemas.EntityLabel) -> schemas.Entity:
    return schemas.Entity(
        label=label,
        start=m.start,
        end=m.end,
        text=m.text,
        normalized=m.normalized,
        score=m.score,
        recognizer=m.recognizer,
    )


def _entities(
    bodies: list[Mention], times: list[TimeExpression], cues: list[Mention]
) -> list[schemas.Entity]:
    out = [_mention_entity(b, "BODY") for b in bodies]
    out += [
        schemas.Entity(
            label="DEADLINE" if t.is_deadline else "DATE",
            start=t.start_char,
            end=t.end_char,
            text=t.raw,
            normalized=_iso(t.date) or t.rrule or t.type,
            score=1.0,
            recognizer=f"temporal:{t.rule}" if t.rule else "temporal",
        )
        for t in times
    ]
    out += [
        _mention_entity(c, "DIRECTIVE")
        for c in cues
        if c.normalized in ("assign", "lead", "support")
    ]
    return sorted(out, key=lambda e: (e.start, e.end))


def _attach_spans(
    doc: Doc, bodies: list[Mention], times: list[TimeExpression], tasks: list[TaskFinding]
) -> None:
    """Findings as spaCy span groups, for displaCy and for token-level features."""

    def spans(items: list[tuple[int, int, str]]) -> list[Any]:
        out = []
        for start, end, label in items:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                out.append(span)
        return out

    doc.spans["bodies"] = spans([(b.start, b.end, "BODY") for b in bodies])
    doc.spans["deadlines"] = spans(
        [(t.start_char, t.end_char, "DEADLINE") for t in times if t.is_deadline]
    )
    doc.spans["tasks"] = spans([(t.start, t.end, "TASK") for t in tasks])
