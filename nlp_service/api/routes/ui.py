"""The web UI (Vietnamese): server-rendered pages, a little plain JavaScript, no build step.

Pages only read; every change (upload, correction, review, delete) is made by ``static/app.js``
calling the same ``/v1`` API as any client, with the session cookie and its CSRF token.

| page | shows |
|---|---|
| GET / | upload (drag and drop, several files, progress) and the document list |
| GET /documents/{id} | the text with tasks, bodies, deadlines highlighted; editable task table |
| GET /tasks | tasks across documents, filters (body, overdue, this week, status), CSV/ICS |
| GET, POST /login; POST /logout | key sign-in when auth is on |
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from nlp_service import __version__
from nlp_service.api.auth import (
    SESSION_COOKIE,
    SESSION_MAX_AGE_S,
    Principal,
    SessionData,
    authenticate,
    decode_session,
    encode_session,
    new_session,
)
from nlp_service.api.deps import SessionDep, SettingsDep
from nlp_service.api.errors import ApiError
from nlp_service.api.highlight import marks_for, render
from nlp_service.api.schemas import TaskOut
from nlp_service.config import Settings
from nlp_service.storage import repository as repo

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")

DOC_STATUS = {
    "queued": "Chờ xử lý",
    "processing": "Đang xử lý",
    "done": "Đã xong",
    "failed": "Lỗi",
}
TASK_STATUS = {
    "open": "Chưa làm",
    "in_progress": "Đang làm",
    "done": "Hoàn thành",
    "cancelled": "Hủy",
}
DEADLINE_TYPES = {
    "": "Không có hạn",
    "on": "Vào ngày",
    "before": "Trước ngày",
    "by": "Chậm nhất ngày",
    "within_period": "Trong khoảng",
    "relative": "Tương đối",
    "event": "Theo sự kiện",
    "recurring": "Định kỳ",
    "ongoing": "Thường xuyên",
}
templates.env.globals.update(
    DOC_STATUS=DOC_STATUS,
    TASK_STATUS=TASK_STATUS,
    DEADLINE_TYPES=DEADLINE_TYPES,
    version=__version__,
)


class _Page:
    """Who is looking and the session (with its CSRF token) the page is rendered for."""

    def __init__(self, request: Request, session: Any, settings: Settings) -> None:
        self.request = request
        self.settings = settings
        self.cookie = decode_session(settings.session_secret(), request.cookies.get(SESSION_COOKIE))
        self.session_data: SessionData = self.cookie or new_session()
        try:
            self.user: Principal | None = authenticate(request, session, settings)
        except ApiError:
            self.user = None

    def login_redirect(self) -> Response | None:
        if self.user is not None:
            return None
        target = "/login?" + urlencode({"next": self.request.url.path})
        return RedirectResponse(target, status_code=303)

    def render(self, name: str, **context: Any) -> HTMLResponse:
        context.update(csrf=self.session_data.csrf, user=self.user, auth=self.settings.auth_enabled)
        response = templates.TemplateResponse(self.request, name, context)
        response.headers["Cache-Control"] = "no-store"
        if self.cookie is None:
            set_session(response, self.request, self.settings, self.session_data)
        return response


def set_session(
    response: Response, request: Request, settings: Settings, data: SessionData
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        encode_session(settings.session_secret(), data),
        max_age=SESSION_MAX_AGE_S,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


@router.get("/", response_class=HTMLResponse)
def documents_page(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    page = _Page(request, session, settings)
    if (redirect := page.login_redirect()) is not None:
        return redirect
    docs, total = repo.list_documents(session, limit=200)
    return page.render("documents.html", docs=docs, total=total)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    document_id: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    page = _Page(request, session, settings)
    if (redirect := page.login_redirect()) is not None:
        return redirect
    doc = repo.get_document(session, document_id=document_id)
    if doc is None:
        missing = page.render("not_found.html")
        missing.status_code = 404
        return missing
    tasks = [TaskOut.of(t) for t in doc.tasks]
    result = doc.result or {}
    text = str(result.get("text") or "")
    highlighted = render(text, marks_for(tasks, result.get("entities") or [], len(text)))
    return page.render(
        "document.html",
        doc=doc,
        tasks=tasks,
        highlighted=highlighted,
        fields=result.get("document"),
    )


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    body: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    overdue: bool = False,
    week: bool = False,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    page = _Page(request, session, settings)
    if (redirect := page.login_redirect()) is not None:
        return redirect
    today = dt.date.today()
    api_params: dict[str, str] = {}
    if body:
        api_params["assignee"] = body
    if q:
        api_params["q"] = q
    if status in TASK_STATUS:
        api_params["status"] = status
    if overdue:
        api_params["overdue"] = "true"
    if week:
        monday = today - dt.timedelta(days=today.weekday())
        api_params["due_after"] = monday.isoformat()
        api_params["due_before"] = (monday + dt.timedelta(days=6)).isoformat()
    filters = repo.TaskFilters(
        assignee=body or None,
        q=q or None,
        status=[status] if status in TASK_STATUS else None,
        overdue=True if overdue else None,
        due_after=dt.date.fromisoformat(api_params["due_after"]) if week else None,
        due_before=dt.date.fromisoformat(api_params["due_before"]) if week else None,
    )
    try:
        rows, next_cursor = repo.list_tasks(session, filters=filters, cursor=cursor, limit=100)
    except repo.CursorError:
        rows, next_cursor = repo.list_tasks(session, filters=filters, limit=100)
    query = {
        k: v
        for k, v in {
            "body": body,
            "q": q,
            "status": status,
            "overdue": overdue,
            "week": week,
        }.items()
        if v
    }
    return page.render(
        "tasks.html",
        tasks=[TaskOut.of(t) for t in rows],
        filters=query,
        next_url=("/tasks?" + urlencode({**query, "cursor": next_cursor})) if next_cursor else None,
        feed_query=urlencode(api_params),
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, session: SessionDep, settings: SettingsDep, next: str = "/"
) -> Response:
    page = _Page(request, session, settings)
    return page.render("login.html", next=_safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    api_key: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    page = _Page(request, session, settings)
    if page.cookie is None or csrf_token != page.cookie.csrf:
        raise ApiError(403, "csrf_failed", "Missing or wrong CSRF token; reload the page.")
    key = repo.find_api_key(session, plaintext=api_key.strip())
    if key is None:
        response = page.render("login.html", next=_safe_next(next), error="Khóa API không đúng.")
        response.status_code = 401
        return response
    redirect = RedirectResponse(_safe_next(next), status_code=303)
    # A fresh session (and CSRF token) on sign-in: a planted cookie cannot be carried over.
    set_session(redirect, request, settings, new_session(key.id))
    return redirect


@router.post("/logout")
def logout(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    csrf_token: Annotated[str, Form(max_length=200)],
) -> Response:
    page = _Page(request, session, settings)
    if page.cookie is None or csrf_token != page.cookie.csrf:
        raise ApiError(403, "csrf_failed", "Missing or wrong CSRF token; reload the page.")
    redirect = RedirectResponse("/login", status_code=303)
    redirect.delete_cookie(SESSION_COOKIE)
    return redirect


def _safe_next(target: str) -> str:
    """Only local paths: ``next=//evil.example`` must not turn sign-in into an open redirect."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"
