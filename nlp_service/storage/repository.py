"""Every query the service makes, as keyword-only functions over a :class:`Session`.

Routes and the worker pool never build SQL themselves; they call these functions, which only
use SQLAlchemy expressions (bound parameters, no string SQL). The processing state machine
queued → processing → done | failed lives here too: a claim is an atomic conditional UPDATE with
a lease, so several worker slots (or several server processes) never take the same document,
and a document whose worker died becomes claimable again when its lease runs out.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, delete, func, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from nlp_service.storage.models import (
    SCOPES,
    ApiKey,
    Correction,
    Document,
    Task,
    utcnow,
)

TaskSort = Literal["due", "-due", "created", "-created"]
TASK_SORTS: tuple[TaskSort, ...] = ("due", "-due", "created", "-created")
_FAR_FUTURE = dt.date(9999, 12, 31)
_FAR_PAST = dt.date(1, 1, 1)


class CursorError(ValueError):
    """A pagination cursor that this server did not produce (or for another sort)."""


class VersionConflict(Exception):
    """The task changed since the client read it (optimistic concurrency)."""

    def __init__(self, current: int) -> None:
        super().__init__(f"task is at version {current}")
        self.current = current


def fold(text: str) -> str:
    """Case-fold for search: SQLite's ``lower()`` leaves "Đ" and "Ủ" alone, Python does not."""
    return " ".join(text.casefold().split())


def _like_pattern(text: str, *, folded: bool = True) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards escaped (escape char ``\\``)."""
    value = fold(text) if folded else text
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --------------------------------------------------------------------------- documents


def add_document(
    session: Session,
    *,
    sha256: str,
    filename: str,
    media_type: str,
    size: int,
    uploaded_by: str | None,
) -> tuple[Document, bool]:
    """Insert a queued document, or return the one with the same hash (``created=False``).

    Uploading a file that failed before queues it again: the failure may have been a limit or a
    bug fixed since, and the user's intent in re-uploading is to retry.
    """
    existing = session.scalar(select(Document).where(Document.sha256 == sha256))
    if existing is not None:
        if existing.status == "failed":
            existing.status = "queued"
            existing.attempts = 0
            existing.error_code = existing.error_message = None
            session.commit()
        return existing, False
    doc = Document(
        id=uuid.uuid4().hex,
        sha256=sha256,
        filename=filename[:255],
        media_type=media_type,
        size=size,
        status="queued",
        attempts=0,
        uploaded_by=uploaded_by,
        created_at=utcnow(),
    )
    session.add(doc)
    try:
        session.commit()
    except IntegrityError:  # the same file uploaded concurrently: the other insert won
        session.rollback()
        won = session.scalar(select(Document).where(Document.sha256 == sha256))
        if won is None:
            raise
        return won, False
    return doc, True


def get_document(session: Session, *, document_id: str) -> Document | None:
    return session.get(Document, document_id)


def list_documents(
    session: Session,
    *,
    status: str | None = None,
    q: str | None = None,
    reviewed: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Document], int]:
    """Newest first, with the total count for the filters."""
    conds: list[ColumnElement[bool]] = []
    if status:
        conds.append(Document.status == status)
    if q:
        pattern = _like_pattern(q, folded=False)
        conds.append(
            or_(
                Document.filename.like(pattern, escape="\\"),
                Document.number.like(pattern, escape="\\"),
                Document.subject.like(pattern, escape="\\"),
                Document.issuer.like(pattern, escape="\\"),
            )
        )
    if reviewed is not None:
        conds.append(
            Document.reviewed_at.is_not(None) if reviewed else Document.reviewed_at.is_(None)
        )
    total = session.scalar(select(func.count()).select_from(Document).where(*conds)) or 0
    rows = session.scalars(
        select(Document)
        .where(*conds)
        .order_by(Document.created_at.desc(), Document.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), total


def delete_document(session: Session, *, document: Document) -> None:
    """Delete the document with its tasks and their corrections (ORM cascade)."""
    session.delete(document)
    session.commit()


def count_documents_with_sha(session: Session, *, sha256: str) -> int:
    return session.scalar(select(func.count()).where(Document.sha256 == sha256)) or 0


def mark_reviewed(session: Session, *, document: Document, author: str) -> Document:
    document.reviewed_at = utcnow()
    document.reviewed_by = author
    session.commit()
    return document


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Document.status, func.count()).group_by(Document.status))
    return {status: count for status, count in rows}


# --------------------------------------------------------------------------- processing


def claim_next_document(
    session: Session, *, worker: str, lease_s: float, max_attempts: int
) -> Document | None:
    """Take the oldest queued (or abandoned) document; ``None`` when there is nothing to do.

    The UPDATE repeats the eligibility condition, so when two claimers pick the same row only
    one of them changes it (rowcount 1) and the other looks again. A document that has been
    tried ``max_attempts`` times (its workers kept dying) is failed instead of claimed again.
    """
    for _ in range(5):
        now = utcnow()
        eligible = or_(
            Document.status == "queued",
            and_(Document.status == "processing", Document.lease_until < now),
        )
        row = session.execute(
            select(Document.id, Document.attempts)
            .where(eligible)
            .order_by(Document.created_at, Document.id)
            .limit(1)
        ).first()
        if row is None:
            session.rollback()
            return None
        doc_id, attempts = row
        if attempts >= max_attempts:
            session.execute(
                update(Document)
                .where(Document.id == doc_id, eligible)
                .values(
                    status="failed",
                    error_code="worker_crashed",
                    error_message=(
                        f"Processing was interrupted {attempts} times (worker crashed, was "
                        "killed or ran out of memory); giving up."
                    ),
                    finished_at=now,
                    lease_until=None,
                )
            )
            session.commit()
            continue
        result = session.execute(
            update(Document)
            .where(Document.id == doc_id, eligible)
            .values(
                status="processing",
                attempts=Document.attempts + 1,
                worker=worker,
                started_at=now,
                lease_until=now + dt.timedelta(seconds=lease_s),
            )
        )
        session.commit()
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return session.get(Document, doc_id, populate_existing=True)
    return None


def renew_lease(session: Session, *, document_id: str, worker: str, lease_s: float) -> bool:
    result = session.execute(
        update(Document)
        .where(
            Document.id == document_id,
            Document.worker == worker,
            Document.status == "processing",
        )
        .values(lease_until=utcnow() + dt.timedelta(seconds=lease_s))
    )
    session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _owned(session: Session, *, document_id: str, worker: str) -> Document | None:
    """The document if this worker still holds it (another may have taken over a lapsed lease)."""
    doc = session.get(Document, document_id, populate_existing=True)
    if doc is None or doc.status != "processing" or doc.worker != worker:
        return None
    return doc


def complete_document(
    session: Session, *, document_id: str, worker: str, result: dict[str, Any]
) -> bool:
    """Store the contract JSON and its tasks; ``False`` if the claim was lost meanwhile."""
    doc = _owned(session, document_id=document_id, worker=worker)
    if doc is None:
        session.rollback()
        return False
    fields = result.get("document") or {}
    issuer = fields.get("issuer") or {}
    doc.status = "done"
    doc.result = result
    doc.media_type = (result.get("source") or {}).get("media_type") or doc.media_type
    doc.doc_type = fields.get("doc_type")
    doc.number = fields.get("number")
    doc.issuer = issuer.get("name") if isinstance(issuer, dict) else None
    doc.issue_date = parse_iso_date(fields.get("issue_date"))
    doc.subject = fields.get("subject")
    doc.error_code = doc.error_message = None
    doc.finished_at = utcnow()
    doc.lease_until = None
    session.execute(delete(Task).where(Task.document_id == doc.id))
    seen: set[str] = set()
    for position, task in enumerate(result.get("tasks") or []):
        task_id = _unique_task_id(session, str(task["id"]), seen)
        session.add(_task_row(doc.id, position, task_id, task))
    session.commit()
    return True


def _unique_task_id(session: Session, task_id: str, seen: set[str]) -> str:
    """Task ids come from the document hash and span, so they are unique unless the pipeline
    emits one twice; a suffix then keeps both instead of losing one to the constraint."""
    candidate, n = task_id, 1
    while candidate in seen or session.scalar(select(Task.seq).where(Task.id == candidate)):
        n += 1
        candidate = f"{task_id}-{n}"
    seen.add(candidate)
    return candidate


def _task_row(document_id: str, position: int, task_id: str, task: dict[str, Any]) -> Task:
    assignees = list(task.get("assignees") or [])
    deadline = task.get("deadline")
    now = utcnow()
    return Task(
        id=task_id,
        document_id=document_id,
        position=position,
        machine=task,
        text=str(task.get("text", "")),
        assignees=assignees,
        deadline=deadline,
        due_date=parse_iso_date((deadline or {}).get("date")),
        status="open",
        corrected=False,
        rejected=False,
        version=1,
        search_text=fold(str(task.get("text", ""))),
        search_assignees=_assignee_search(assignees),
        origin="machine",
        created_at=now,
        updated_at=now,
    )


def _assignee_search(assignees: Iterable[dict[str, Any]]) -> str:
    parts = []
    for a in assignees:
        parts.append(fold(str(a.get("name", ""))))
        if a.get("raw"):
            parts.append(fold(str(a["raw"])))
    return " | ".join(parts)


def fail_document(
    session: Session, *, document_id: str, worker: str, code: str, message: str
) -> bool:
    doc = _owned(session, document_id=document_id, worker=worker)
    if doc is None:
        session.rollback()
        return False
    doc.status = "failed"
    doc.error_code = code
    doc.error_message = message[:2000]
    doc.finished_at = utcnow()
    doc.lease_until = None
    session.commit()
    return True


def release_document(
    session: Session, *, document_id: str, worker: str, max_attempts: int, reason: str
) -> str | None:
    """Give back a document whose worker died: queued again, or failed after too many tries."""
    doc = _owned(session, document_id=document_id, worker=worker)
    if doc is None:
        session.rollback()
        return None
    if doc.attempts >= max_attempts:
        doc.status = "failed"
        doc.error_code = "worker_crashed"
        doc.error_message = f"{reason} (after {doc.attempts} attempts)"
        doc.finished_at = utcnow()
    else:
        doc.status = "queued"
    doc.lease_until = None
    session.commit()
    return doc.status


# --------------------------------------------------------------------------- tasks


def parse_iso_date(value: Any) -> dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class TaskFilters:
    assignee: str | None = None
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    status: Sequence[str] | None = None
    overdue: bool | None = None
    document_id: str | None = None
    q: str | None = None
    origin: str | None = None
    include_rejected: bool = False
    today: dt.date | None = None


def _task_conditions(filters: TaskFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if not filters.include_rejected:
        conds.append(Task.rejected.is_(False))
    if filters.assignee:
        conds.append(Task.search_assignees.like(_like_pattern(filters.assignee), escape="\\"))
    if filters.q:
        conds.append(Task.search_text.like(_like_pattern(filters.q), escape="\\"))
    if filters.due_before:
        conds.append(Task.due_date <= filters.due_before)
    if filters.due_after:
        conds.append(Task.due_date >= filters.due_after)
    if filters.status:
        conds.append(Task.status.in_(list(filters.status)))
    if filters.document_id:
        conds.append(Task.document_id == filters.document_id)
    if filters.origin:
        conds.append(Task.origin == filters.origin)
    if filters.overdue is not None:
        today = filters.today or dt.date.today()
        late = and_(
            Task.due_date.is_not(None),
            Task.due_date < today,
            Task.status.in_(["open", "in_progress"]),
        )
        conds.append(late if filters.overdue else ~late)
    return conds


def _sort_keys(sort: TaskSort) -> tuple[list[Any], bool]:
    """The ORDER BY expressions (last one unique) and whether they run descending."""
    if sort in ("due", "-due"):
        desc = sort == "-due"
        # Tasks without a date go last either way.
        due = func.coalesce(Task.due_date, literal(_FAR_PAST if desc else _FAR_FUTURE))
        return [due, Task.seq], desc
    return [Task.seq], sort == "-created"


def _encode_cursor(sort: TaskSort, values: list[Any]) -> str:
    raw = json.dumps([sort, *[v.isoformat() if isinstance(v, dt.date) else v for v in values]])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: TaskSort) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise CursorError("cursor is not valid") from exc
    if not isinstance(data, list) or not data or data[0] != sort:
        raise CursorError("cursor belongs to another sort order")
    values = data[1:]
    expected = 2 if sort in ("due", "-due") else 1
    if len(values) != expected or not isinstance(values[-1], int):
        raise CursorError("cursor is not valid")
    if expected == 2:
        parsed = parse_iso_date(values[0])
        if parsed is None:
            raise CursorError("cursor is not valid")
        values[0] = parsed
    return values


def _after(keys: list[Any], values: list[Any], desc: bool) -> ColumnElement[bool]:
    """Keyset condition ``(k1, k2, …) > (v1, v2, …)`` spelled out for every backend."""
    clauses = []
    for i, (key, value) in enumerate(zip(keys, values, strict=True)):
        prefix = [k == v for k, v in zip(keys[:i], values[:i], strict=True)]
        step = key < value if desc else key > value
        clauses.append(and_(*prefix, step))
    return or_(*clauses)


def list_tasks(
    session: Session,
    *,
    filters: TaskFilters,
    sort: TaskSort = "due",
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Task], str | None]:
    """One page of tasks and the cursor of the next page (``None`` on the last page)."""
    keys, desc = _sort_keys(sort)
    conds = _task_conditions(filters)
    if cursor:
        conds.append(_after(keys, _decode_cursor(cursor, sort), desc))
    order = [k.desc() if desc else k.asc() for k in keys]
    rows = list(
        session.scalars(
            select(Task)
            .where(*conds)
            .order_by(*order)
            .limit(limit + 1)
            .options(selectinload(Task.document))
        ).all()
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        if sort in ("due", "-due"):
            due = last.due_date or (_FAR_PAST if desc else _FAR_FUTURE)
            next_cursor = _encode_cursor(sort, [due, last.seq])
        else:
            next_cursor = _encode_cursor(sort, [last.seq])
    return rows, next_cursor


def iter_tasks(session: Session, *, filters: TaskFilters) -> list[Task]:
    """All matching tasks, by due date (exports)."""
    keys, _ = _sort_keys("due")
    return list(
        session.scalars(
            select(Task)
            .where(*_task_conditions(filters))
            .order_by(*keys)
            .options(selectinload(Task.document))
        ).all()
    )


def get_task(session: Session, *, task_id: str) -> Task | None:
    return session.scalar(
        select(Task)
        .where(Task.id == task_id)
        .options(selectinload(Task.corrections), selectinload(Task.document))
    )


def add_task(
    session: Session,
    *,
    document: Document,
    text: str,
    assignees: list[dict[str, Any]],
    deadline: dict[str, Any] | None,
    span: tuple[int, int] | None,
    status: str,
    author: str,
) -> Task:
    """Add a task the extractor missed, after the document's machine tasks.

    Its ``origin`` is "reviewer" and ``created_by`` says who added it; it has no machine
    original (``machine`` is empty), so it is not "corrected" until someone changes it.
    """
    now = utcnow()
    last = session.scalar(select(func.max(Task.position)).where(Task.document_id == document.id))
    task = Task(
        id=f"{document.sha256[:16]}-r{uuid.uuid4().hex[:12]}",
        document_id=document.id,
        position=0 if last is None else last + 1,
        origin="reviewer",
        machine={},
        span=list(span) if span else None,
        text=text,
        assignees=assignees,
        deadline=deadline,
        due_date=parse_iso_date((deadline or {}).get("date")),
        status=status,
        corrected=False,
        rejected=False,
        version=1,
        search_text=fold(text),
        search_assignees=_assignee_search(assignees),
        created_at=now,
        created_by=author,
        updated_at=now,
        updated_by=author,
    )
    session.add(task)
    session.commit()
    fresh = get_task(session, task_id=task.id)
    assert fresh is not None
    return fresh


TASK_FIELDS = ("status", "text", "assignees", "deadline", "rejected")


def update_task(
    session: Session,
    *,
    task: Task,
    changes: dict[str, Any],
    author: str,
    expected_version: int | None = None,
) -> Task:
    """Apply a reviewer's changes, one :class:`Correction` per field that really changed.

    ``task.machine`` is never touched: the extractor's answer stays next to the correction.
    """
    if expected_version is not None and expected_version != task.version:
        raise VersionConflict(task.version)
    now = utcnow()
    changed = False
    for field in TASK_FIELDS:
        if field not in changes:
            continue
        new = changes[field]
        old = getattr(task, field)
        if new == old:
            continue
        session.add(
            Correction(task=task, field=field, old=old, new=new, author=author, created_at=now)
        )
        setattr(task, field, new)
        changed = True
        if field == "text":
            task.search_text = fold(new)
        elif field == "assignees":
            task.search_assignees = _assignee_search(new)
        elif field == "deadline":
            task.due_date = parse_iso_date((new or {}).get("date"))
        if field in ("text", "assignees", "deadline", "rejected"):
            task.corrected = True
    if changed:
        task.version += 1
        task.updated_at = now
        task.updated_by = author
    session.commit()
    session.refresh(task)
    return task


def reviewed_documents(session: Session) -> list[Document]:
    """Documents a person has looked at: marked reviewed, or with a corrected or added task."""
    corrected = select(Task.document_id).where(
        or_(Task.corrected.is_(True), Task.origin == "reviewer")
    )
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.status == "done",
                or_(Document.reviewed_at.is_not(None), Document.id.in_(corrected)),
            )
            .order_by(Document.created_at)
            .options(selectinload(Document.tasks))
        ).all()
    )


# --------------------------------------------------------------------------- API keys

KEY_PREFIX = "nls_"


def hash_key(plaintext: str) -> str:
    """Keys are 256-bit random tokens, so one SHA-256 is enough (no dictionary to slow down)."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


def create_api_key(session: Session, *, name: str, scope: str) -> tuple[ApiKey, str]:
    """A new key; the plaintext is returned once and only its hash is stored."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    plaintext = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name,
        prefix=plaintext[: len(KEY_PREFIX) + 6],
        key_hash=hash_key(plaintext),
        scope=scope,
        created_at=utcnow(),
    )
    session.add(key)
    session.commit()
    return key, plaintext


def find_api_key(session: Session, *, plaintext: str) -> ApiKey | None:
    key = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(plaintext)))
    if key is None or key.revoked_at is not None:
        return None
    return key


def get_api_key(session: Session, *, key_id: int) -> ApiKey | None:
    return session.get(ApiKey, key_id)


def touch_api_key(session: Session, *, key: ApiKey) -> None:
    """Record use at most once a minute, so reads do not turn into a write per request."""
    now = utcnow()
    last = key.last_used_at
    if last is None or now - last > dt.timedelta(minutes=1):
        key.last_used_at = now
        session.commit()


def list_api_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)).all())


def revoke_api_key(session: Session, *, key_id: int) -> bool:
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = utcnow()
    session.commit()
    return True
