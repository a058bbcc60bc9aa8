"""``/v1/documents``: upload (queued for the workers), list, read, original file, delete.

| route | 200/202/204 | errors |
|---|---|---|
| POST /v1/documents | 202 queued (200 if every file was already known) | 401, 403, 413, 415, 422 |
| GET /v1/documents | 200 page | 400, 401, 422 |
| GET /v1/documents/{id} | 200 status + contract v1 when done | 401, 404 |
| GET /v1/documents/{id}/file | 200 the original bytes | 401, 404 |
| POST /v1/documents/{id}/review | 200 marked reviewed | 401, 403, 404, 409 |
| POST /v1/documents/{id}/tasks | 201 a task a reviewer added | 401, 403, 404, 409 (not done), 422 |
| DELETE /v1/documents/{id} | 204 | 401, 403, 404, 409 (being processed) |
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Query, Response, UploadFile, status
from fastapi.responses import JSONResponse

from nlp_service.api.deps import (
    AdminUser,
    PoolDep,
    ReadUser,
    SessionDep,
    SettingsDep,
    StorageDep,
    WriteUser,
)
from nlp_service.api.errors import ApiError, not_found
from nlp_service.api.links import DOCUMENT_OPS, TASK_OPS, links
from nlp_service.api.schemas import (
    DocumentDetail,
    DocumentList,
    DocumentStatus,
    DocumentSummary,
    ErrorResponse,
    TaskCreate,
    TaskDetail,
    TaskOut,
    UploadedDocument,
    UploadResponse,
    assignee_rows,
    deadline_row,
)
from nlp_service.api.uploads import read_upload, too_many_files
from nlp_service.schemas import Result
from nlp_service.storage import repository as repo

router = APIRouter(prefix="/v1/documents", tags=["documents"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 415, 422)
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=UploadResponse,
    responses={
        200: {"model": UploadResponse, "description": "All files were known."},
        202: {"links": links("document_id", "$response.body#/documents/0/id", DOCUMENT_OPS)},
        **ERRORS,
    },
)
async def upload_documents(
    files: Annotated[list[UploadFile], File(description="One or more notices.", min_length=1)],
    user: WriteUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    pool: PoolDep,
) -> Response:
    """Store the files and queue them; processing happens in the worker processes."""
    if len(files) > settings.max_files_per_upload:
        raise too_many_files(len(files), settings.max_files_per_upload)
    checked = [await read_upload(f, settings.max_upload_bytes) for f in files]
    out: list[UploadedDocument] = []
    for data, name, media_type in checked:
        sha = storage.files.put(data)
        doc, created = repo.add_document(
            session,
            sha256=sha,
            filename=name,
            media_type=media_type,
            size=len(data),
            uploaded_by=user.name,
        )
        out.append(UploadedDocument(**DocumentSummary.of(doc).model_dump(), duplicate=not created))
    pool.notify()
    code = 200 if all(d.duplicate and d.status != "queued" for d in out) else 202
    body = UploadResponse(documents=out).model_dump(mode="json")
    return JSONResponse(body, status_code=code)


@router.get("", response_model=DocumentList, responses=ERRORS)
def list_documents(
    _: ReadUser,
    session: SessionDep,
    status_: Annotated[DocumentStatus | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=200, description="In name, number, subject")] = None,
    reviewed: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> DocumentList:
    docs, total = repo.list_documents(
        session, status=status_, q=q, reviewed=reviewed, limit=limit, offset=offset
    )
    return DocumentList(
        items=[DocumentSummary.of(d) for d in docs], total=total, limit=limit, offset=offset
    )


@router.get(
    "/{document_id}",
    response_model=DocumentDetail,
    responses={
        200: {"links": links("task_id", "$response.body#/tasks/0/id", TASK_OPS)},
        **ERRORS,
    },
)
def get_document(document_id: str, _: ReadUser, session: SessionDep) -> DocumentDetail:
    doc = repo.get_document(session, document_id=document_id)
    if doc is None:
        raise not_found("Document")
    detail = DocumentDetail(**DocumentSummary.of(doc).model_dump())
    if doc.status == "done" and doc.result is not None:
        detail.result = Result.model_validate(doc.result)
        detail.tasks = [TaskOut.of(t) for t in doc.tasks]
    return detail


@router.get(
    "/{document_id}/file",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}, **ERRORS},
)
def get_original(
    document_id: str, _: ReadUser, session: SessionDep, storage: StorageDep
) -> Response:
    """The uploaded bytes, as a download (never rendered inline: it may be hostile HTML)."""
    doc = repo.get_document(session, document_id=document_id)
    if doc is None or not storage.files.exists(doc.sha256):
        raise not_found("Document")
    ascii_name = doc.filename.encode("ascii", "replace").decode().replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(doc.filename)}"
    return Response(
        storage.files.get(doc.sha256),
        media_type="application/octet-stream",
        headers={"Content-Disposition": disposition, "X-Original-Media-Type": doc.media_type},
    )


@router.post("/{document_id}/review", response_model=DocumentSummary, responses=ERRORS)
def review_document(document_id: str, user: WriteUser, session: SessionDep) -> DocumentSummary:
    """Mark the document's tasks as checked by a person (export-corrections takes it)."""
    doc = repo.get_document(session, document_id=document_id)
    if doc is None:
        raise not_found("Document")
    if doc.status != "done":
        raise ApiError(409, "conflict", f"The document is {doc.status}; review it when done.")
    return DocumentSummary.of(repo.mark_reviewed(session, document=doc, author=user.name))


@router.post(
    "/{document_id}/tasks",
    status_code=status.HTTP_201_CREATED,
    response_model=TaskDetail,
    responses={
        201: {"links": links("task_id", "$response.body#/id", TASK_OPS)},
        **{code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 422)},
    },
)
def add_task(
    document_id: str, task: TaskCreate, user: WriteUser, session: SessionDep, response: Response
) -> TaskDetail:
    """Add a task the extractor missed; it is marked ``origin: "reviewer"`` with who and when.

    To say a machine task is not a task, PATCH it with ``rejected: true`` instead.
    """
    doc = repo.get_document(session, document_id=document_id)
    if doc is None:
        raise not_found("Document")
    if doc.status != "done":
        raise ApiError(409, "conflict", f"The document is {doc.status}; add tasks when done.")
    size = len(str((doc.result or {}).get("text") or ""))
    if task.span is not None and task.span[1] > size:
        raise ApiError(
            422, "validation_error", f"span: beyond the document's text ({size} characters)."
        )
    added = repo.add_task(
        session,
        document=doc,
        text=task.text.strip(),
        assignees=assignee_rows(task.assignees),
        deadline=deadline_row(task.deadline),
        span=task.span,
        status=task.status,
        author=user.name,
    )
    response.headers["Location"] = f"/v1/tasks/{added.id}"
    return TaskDetail.detail(added)


@router.delete(
    "/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=ERRORS,
)
def delete_document(
    document_id: str, _: AdminUser, session: SessionDep, storage: StorageDep
) -> Response:
    doc = repo.get_document(session, document_id=document_id)
    if doc is None:
        raise not_found("Document")
    if doc.status == "processing":
        raise ApiError(409, "conflict", "The document is being processed; delete it afterwards.")
    sha = doc.sha256
    repo.delete_document(session, document=doc)
    if repo.count_documents_with_sha(session, sha256=sha) == 0:
        storage.files.delete(sha)
    return Response(status_code=204)
