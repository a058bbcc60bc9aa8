"""``/v1/tasks``: the tasks of every document, their review, and calendar/CSV feeds.

| route | 200 | errors |
|---|---|---|
| GET /v1/tasks | page + next_cursor | 400 (bad cursor), 401, 422 |
| GET /v1/tasks.ics | text/calendar | 401, 422 |
| GET /v1/tasks.csv | text/csv, UTF-8 with BOM | 401, 422 |
| GET /v1/tasks/{id} | task, machine original, corrections | 401, 404 |
| PATCH /v1/tasks/{id} | corrected task | 401, 403, 404, 409 (stale version), 422 |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from nlp_service.api.deps import FeedUser, ReadUser, SessionDep, WriteUser
from nlp_service.api.errors import ApiError, not_found
from nlp_service.api.exports import to_csv, to_ics
from nlp_service.api.links import TASK_OPS, links
from nlp_service.api.schemas import (
    ErrorResponse,
    IsoDate,
    TaskDetail,
    TaskOrigin,
    TaskOut,
    TaskPage,
    TaskPatch,
    TaskStatus,
)
from nlp_service.storage import repository as repo

router = APIRouter(prefix="/v1", tags=["tasks"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 422)
}


def task_filters(
    assignee: Annotated[str | None, Query(max_length=200, description="Body, any part")] = None,
    due_before: Annotated[IsoDate | None, Query(description="Due on or before")] = None,
    due_after: Annotated[IsoDate | None, Query(description="Due on or after")] = None,
    status: Annotated[list[TaskStatus] | None, Query()] = None,
    overdue: bool | None = None,
    document: Annotated[str | None, Query(max_length=64)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the task text")] = None,
    origin: Annotated[
        TaskOrigin | None, Query(description="machine: found by the extractor; reviewer: added")
    ] = None,
) -> repo.TaskFilters:
    """The filters the task list and both feeds share, declared once."""
    return repo.TaskFilters(
        assignee=assignee,
        due_before=due_before,
        due_after=due_after,
        status=status,
        overdue=overdue,
        document_id=document,
        q=q,
        origin=origin,
    )


TaskFiltersDep = Annotated[repo.TaskFilters, Depends(task_filters)]


@router.get(
    "/tasks",
    response_model=TaskPage,
    responses={200: {"links": links("task_id", "$response.body#/items/0/id", TASK_OPS)}, **ERRORS},
)
def list_tasks(
    _: ReadUser,
    session: SessionDep,
    filters: TaskFiltersDep,
    sort: Annotated[repo.TaskSort, Query()] = "due",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> TaskPage:
    try:
        tasks, next_cursor = repo.list_tasks(
            session, filters=filters, sort=sort, cursor=cursor, limit=limit
        )
    except repo.CursorError as exc:
        raise ApiError(400, "bad_cursor", str(exc)) from exc
    return TaskPage(items=[TaskOut.of(t) for t in tasks], next_cursor=next_cursor)


@router.get(
    "/tasks.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **ERRORS},
)
def tasks_ics(
    _: FeedUser,
    session: SessionDep,
    filters: TaskFiltersDep,
) -> Response:
    """Deadlines as an iCalendar feed (RRULE for recurring duties, stable UIDs)."""
    return Response(
        to_ics(repo.iter_tasks(session, filters=filters)),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="tasks.ics"'},
    )


@router.get(
    "/tasks.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}, **ERRORS}
)
def tasks_csv(
    _: FeedUser,
    session: SessionDep,
    filters: TaskFiltersDep,
) -> Response:
    return Response(
        to_csv(repo.iter_tasks(session, filters=filters)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tasks.csv"'},
    )


@router.get("/tasks/{task_id}", response_model=TaskDetail, responses=ERRORS)
def get_task(task_id: str, _: ReadUser, session: SessionDep) -> TaskDetail:
    task = repo.get_task(session, task_id=task_id)
    if task is None:
        raise not_found("Task")
    return TaskDetail.detail(task)


@router.patch("/tasks/{task_id}", response_model=TaskDetail, responses=ERRORS)
def patch_task(task_id: str, patch: TaskPatch, user: WriteUser, session: SessionDep) -> TaskDetail:
    """Change status or correct text, assignees, deadline; each change is recorded.

    ``rejected: true`` says "not a task" (a false positive): the task leaves the list, the feeds
    and the exported gold. ``status: "cancelled"`` is different: the task is real but called off;
    it stays in the gold and leaves only the calendar.
    """
    task = repo.get_task(session, task_id=task_id)
    if task is None:
        raise not_found("Task")
    try:
        task = repo.update_task(
            session,
            task=task,
            changes=patch.changes(),
            author=user.name,
            expected_version=patch.version,
        )
    except repo.VersionConflict as exc:
        raise ApiError(
            409, "conflict", f"The task changed meanwhile (now version {exc.current}); reload."
        ) from exc
    fresh = repo.get_task(session, task_id=task_id)
    assert fresh is not None
    return TaskDetail.detail(fresh)
