"""Repository behaviour on SQLite and PostgreSQL: idempotent uploads, the claim/lease state
machine, task filters with keyset pagination, corrections history and API keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import inspect, select

from nlp_service.schemas import Assignee, Deadline, Result, Source, Task
from nlp_service.storage import Storage, upgrade
from nlp_service.storage import repository as repo
from nlp_service.storage.models import ApiKey, Correction, Document, utcnow


def _result(sha: str, tasks: list[tuple[str, str, str | None]]) -> dict[str, Any]:
    """A contract-valid result with (text, lead body, due date) tasks."""
    text = "\n".join(t for t, _, _ in tasks)
    out, pos = [], 0
    for i, (t, body, due) in enumerate(tasks):
        deadline = Deadline(type="before", date=due, raw=f"trước ngày {due}") if due else None
        out.append(
            Task(
                id=f"{sha[:8]}-{i}",
                text=t,
                span=(pos, pos + len(t)),
                assignees=[Assignee(name=body, raw=body, role="lead")],
                deadline=deadline,
                confidence=0.9,
            )
        )
        pos += len(t) + 1
    source = Source(filename="x.txt", media_type="text/plain", sha256=sha, size=10, pages=1)
    return Result(source=source, tasks=out, text=text).model_dump(mode="json")


def _sha(n: int) -> str:
    return f"{n:02x}" + "0" * 62


def _done_document(storage: Storage, n: int, tasks: list[tuple[str, str, str | None]]) -> str:
    with storage.sessions() as s:
        doc, _ = repo.add_document(
            s,
            sha256=_sha(n),
            filename=f"{n}.txt",
            media_type="text/plain",
            size=1,
            uploaded_by=None,
        )
        claimed = repo.claim_next_document(s, worker="w", lease_s=60, max_attempts=3)
        assert claimed is not None and claimed.id == doc.id
        assert repo.complete_document(
            s, document_id=doc.id, worker="w", result=_result(_sha(n), tasks)
        )
        return doc.id


def test_migration_is_idempotent_and_creates_tables(storage: Storage) -> None:
    upgrade(storage.engine)
    names = set(inspect(storage.engine).get_table_names())
    assert {"documents", "tasks", "corrections", "api_keys", "alembic_version"} <= names


def test_same_hash_is_one_document(storage: Storage) -> None:
    with storage.sessions() as s:
        a, created_a = repo.add_document(
            s,
            sha256=_sha(1),
            filename="a.pdf",
            media_type="application/pdf",
            size=3,
            uploaded_by="u",
        )
        b, created_b = repo.add_document(
            s,
            sha256=_sha(1),
            filename="copy.pdf",
            media_type="application/pdf",
            size=3,
            uploaded_by="u",
        )
        assert created_a and not created_b
        assert a.id == b.id
        assert repo.count_documents_with_sha(s, sha256=_sha(1)) == 1


def test_claims_never_overlap_and_finish(storage: Storage) -> None:
    with storage.sessions() as s:
        for n in range(3):
            repo.add_document(
                s,
                sha256=_sha(n),
                filename=f"{n}",
                media_type="text/plain",
                size=1,
                uploaded_by=None,
            )
        got = [
            repo.claim_next_document(s, worker=f"w{i}", lease_s=60, max_attempts=3)
            for i in range(4)
        ]
        ids = [d.id for d in got if d is not None]
        assert len(ids) == 3 and len(set(ids)) == 3
        assert got[3] is None
        first = got[0]
        assert first is not None and first.status == "processing" and first.attempts == 1
        # Only the holder of the claim may finish it.
        assert not repo.fail_document(
            s, document_id=first.id, worker="intruder", code="x", message="y"
        )
        assert repo.fail_document(
            s, document_id=first.id, worker="w0", code="corrupt_file", message="bad"
        )
        doc = repo.get_document(s, document_id=first.id)
        assert doc is not None and doc.status == "failed" and doc.error_code == "corrupt_file"


def _lapse_lease(storage: Storage, document_id: str) -> None:
    """Move a claim's lease into the past, as if its worker had gone silent that long.

    Setting the clock back instead of sleeping past a short lease keeps the test exact on a
    loaded machine: a 50 ms lease once lapsed between two statements under CI load.
    """
    with storage.sessions() as s:
        doc = s.get(Document, document_id)
        assert doc is not None and doc.lease_until is not None
        doc.lease_until = utcnow() - dt.timedelta(seconds=1)
        s.commit()


def test_lapsed_lease_is_reclaimed_then_failed_after_max_attempts(storage: Storage) -> None:
    with storage.sessions() as s:
        doc, _ = repo.add_document(
            s, sha256=_sha(7), filename="7", media_type="text/plain", size=1, uploaded_by=None
        )
        doc_id = doc.id
        assert repo.claim_next_document(s, worker="dead", lease_s=60, max_attempts=2)
        # A live lease is not taken over.
        assert repo.claim_next_document(s, worker="other", lease_s=60, max_attempts=2) is None
    _lapse_lease(storage, doc_id)
    with storage.sessions() as s:
        again = repo.claim_next_document(s, worker="alive", lease_s=60, max_attempts=2)
        assert again is not None and again.id == doc_id and again.attempts == 2
        # The first worker's late answer is ignored: the claim moved on.
        assert not repo.complete_document(
            s, document_id=doc_id, worker="dead", result=_result(_sha(7), [])
        )
    _lapse_lease(storage, doc_id)
    with storage.sessions() as s:
        assert repo.claim_next_document(s, worker="third", lease_s=60, max_attempts=2) is None
        failed = repo.get_document(s, document_id=doc_id)
        assert failed is not None and failed.status == "failed"
        assert failed.error_code == "worker_crashed"


def test_release_requeues_then_fails(storage: Storage) -> None:
    with storage.sessions() as s:
        doc, _ = repo.add_document(
            s, sha256=_sha(8), filename="8", media_type="text/plain", size=1, uploaded_by=None
        )
        repo.claim_next_document(s, worker="w", lease_s=60, max_attempts=2)
        assert (
            repo.release_document(
                s, document_id=doc.id, worker="w", max_attempts=2, reason="killed"
            )
            == "queued"
        )
        repo.claim_next_document(s, worker="w", lease_s=60, max_attempts=2)
        assert (
            repo.release_document(
                s, document_id=doc.id, worker="w", max_attempts=2, reason="killed"
            )
            == "failed"
        )
        # Uploading the same file again queues it for a fresh try.
        again, created = repo.add_document(
            s, sha256=_sha(8), filename="8", media_type="text/plain", size=1, uploaded_by=None
        )
        assert not created and again.status == "queued" and again.attempts == 0


def test_complete_stores_tasks_and_denormalised_fields(storage: Storage) -> None:
    doc_id = _done_document(
        storage,
        1,
        [("Rà soát hồ sơ", "Sở Tài chính", "2026-05-01"), ("Báo cáo kết quả", "Sở Xây dựng", None)],
    )
    with storage.sessions() as s:
        doc = repo.get_document(s, document_id=doc_id)
        assert doc is not None and doc.status == "done" and doc.result is not None
        assert [t.text for t in doc.tasks] == ["Rà soát hồ sơ", "Báo cáo kết quả"]
        assert doc.tasks[0].due_date == dt.date(2026, 5, 1)
        assert doc.tasks[0].machine["assignees"][0]["name"] == "Sở Tài chính"
        repo.delete_document(s, document=doc)
        assert repo.get_document(s, document_id=doc_id) is None
        assert repo.list_tasks(s, filters=repo.TaskFilters())[0] == []


def _many(storage: Storage) -> None:
    bodies = ["Sở Tài chính", "ỦY BAN NHÂN DÂN xã Đồng Tâm", "Sở Xây dựng"]
    dates = ["2026-01-10", None, "2026-03-01", "2026-02-15", None, "2026-02-15", "2025-12-31"]
    tasks = [(f"Nhiệm vụ {i} đôn đốc", bodies[i % 3], dates[i % len(dates)]) for i in range(23)]
    _done_document(storage, 1, tasks[:12])
    _done_document(storage, 2, tasks[12:])


@pytest.mark.parametrize("sort", repo.TASK_SORTS)
def test_cursor_pagination_visits_every_task_once_in_order(storage: Storage, sort: str) -> None:
    _many(storage)
    with storage.sessions() as s:
        everything, none_left = repo.list_tasks(s, filters=repo.TaskFilters(), sort=sort, limit=100)  # type: ignore[arg-type]
        assert none_left is None and len(everything) == 23
        seen: list[str] = []
        cursor = None
        while True:
            page, cursor = repo.list_tasks(
                s,
                filters=repo.TaskFilters(),
                sort=sort,  # type: ignore[arg-type]
                cursor=cursor,
                limit=5,
            )
            seen.extend(t.id for t in page)
            if cursor is None:
                break
        assert seen == [t.id for t in everything]
    if sort == "due":
        dues = [t.due_date for t in everything]
        dated = [d for d in dues if d is not None]
        assert dated == sorted(dated) and dues[-1] is None


def test_filters(storage: Storage) -> None:
    _many(storage)
    with storage.sessions() as s:

        def ids(**kw: Any) -> list[str]:
            return [t.id for t in repo.list_tasks(s, filters=repo.TaskFilters(**kw), limit=100)[0]]

        # Case-folded Vietnamese: "ủy ban" finds "ỦY BAN".
        xa = ids(assignee="ủy ban nhân dân xã đồng tâm")
        assert len(xa) == 8
        assert len(ids(q="nhiệm vụ 1")) == 11  # 1, 10..19
        assert all(
            t.due_date and t.due_date <= dt.date(2026, 2, 1)
            for t in repo.list_tasks(s, filters=repo.TaskFilters(due_before=dt.date(2026, 2, 1)))[0]
        )
        late = ids(overdue=True, today=dt.date(2026, 2, 1))
        assert len(late) == len(ids(due_before=dt.date(2026, 1, 31)))
        assert ids(assignee="100%_x") == []  # wildcards are literal


def test_update_records_corrections_and_keeps_machine(storage: Storage) -> None:
    _done_document(storage, 3, [("Rà soát hồ sơ", "Sở Tài chính", "2026-05-01")])
    with storage.sessions() as s:
        task = repo.list_tasks(s, filters=repo.TaskFilters())[0][0]
        new_deadline = {"type": "by", "date": "2026-06-30", "raw": "chậm nhất ngày 30/6/2026"}
        task = repo.update_task(
            s,
            task=task,
            author="chuyen-vien",
            changes={
                "deadline": new_deadline,
                "status": "in_progress",
                "text": "Rà soát hồ sơ",
            },  # unchanged: no row
            expected_version=1,
        )
        assert task.version == 2 and task.corrected and task.due_date == dt.date(2026, 6, 30)
        assert task.machine["deadline"]["date"] == "2026-05-01"
        rows = s.scalars(select(Correction).order_by(Correction.field)).all()
        assert [(r.field, r.author) for r in rows] == [
            ("deadline", "chuyen-vien"),
            ("status", "chuyen-vien"),
        ]
        assert rows[0].old["date"] == "2026-05-01" and rows[0].new["date"] == "2026-06-30"
        with pytest.raises(repo.VersionConflict):
            repo.update_task(
                s, task=task, author="x", changes={"status": "done"}, expected_version=1
            )
        assert [d.id for d in repo.reviewed_documents(s)] == [task.document_id]


def test_api_keys_are_stored_hashed(storage: Storage) -> None:
    with storage.sessions() as s:
        key, plain = repo.create_api_key(s, name="tracker", scope="read")
        stored = s.scalars(select(ApiKey)).one()
        assert plain not in (stored.key_hash, stored.prefix) and stored.key_hash == repo.hash_key(
            plain
        )
        found = repo.find_api_key(s, plaintext=plain)
        assert found is not None and found.id == key.id
        assert repo.find_api_key(s, plaintext=plain + "x") is None
        assert repo.revoke_api_key(s, key_id=key.id)
        assert repo.find_api_key(s, plaintext=plain) is None
        with pytest.raises(ValueError):
            repo.create_api_key(s, name="x", scope="root")


def test_bad_cursor_is_refused(storage: Storage) -> None:
    with storage.sessions() as s:
        for bad in ["%%%", "bm90IGpzb24", repo._encode_cursor("created", [3])]:
            with pytest.raises(repo.CursorError):
                repo.list_tasks(s, filters=repo.TaskFilters(), sort="due", cursor=bad)


def test_reviewer_adds_a_task_the_machine_missed(storage: Storage) -> None:
    doc_id = _done_document(storage, 4, [("Rà soát hồ sơ", "Sở Tài chính", "2026-05-01")])
    with storage.sessions() as s:
        doc = repo.get_document(s, document_id=doc_id)
        assert doc is not None
        task = repo.add_task(
            s,
            document=doc,
            text="Tổng hợp ý kiến các xã",
            assignees=[{"name": "Ủy ban nhân dân các xã", "raw": "UBND các xã", "role": "lead"}],
            deadline={"type": "by", "date": "2026-07-15", "raw": "chậm nhất ngày 15/7/2026"},
            span=(0, 13),
            status="open",
            author="chuyen-vien",
        )
        assert task.origin == "reviewer" and task.created_by == "chuyen-vien"
        assert task.machine == {} and task.span == [0, 13] and task.position == 1
        assert task.due_date == dt.date(2026, 7, 15) and not task.corrected and task.version == 1
        assert task.document.id == doc_id and task.corrections == []

        def ids(**kw: Any) -> list[str]:
            return [t.id for t in repo.list_tasks(s, filters=repo.TaskFilters(**kw))[0]]

        assert ids(origin="reviewer") == [task.id]
        assert task.id not in ids(origin="machine") and len(ids(origin="machine")) == 1
        assert ids(assignee="ủy ban nhân dân các xã") == [task.id]
        assert ids(q="TỔNG HỢP Ý KIẾN") == [task.id]
        assert ids(due_after=dt.date(2026, 7, 1)) == [task.id]
        # Adding a task is a review: the document goes to export-corrections.
        assert [d.id for d in repo.reviewed_documents(s)] == [doc_id]
        fixed = repo.update_task(s, task=task, changes={"status": "done"}, author="truong-phong")
        assert fixed.version == 2 and fixed.origin == "reviewer"
        assert fixed.created_by == "chuyen-vien" and fixed.updated_by == "truong-phong"


def test_reviewer_columns_migrate_without_losing_history(storage: Storage) -> None:
    """0001 → 0002 on a database with tasks and corrections: rows stay, old tasks are "machine"
    (on SQLite a table copy would have cascaded into corrections; 0002 only adds columns)."""
    from alembic import command

    from nlp_service.storage.migrate import alembic_config

    _done_document(storage, 5, [("Rà soát hồ sơ", "Sở Tài chính", None)])
    with storage.sessions() as s:
        task = repo.list_tasks(s, filters=repo.TaskFilters())[0][0]
        repo.update_task(s, task=task, changes={"status": "done"}, author="a")
    cfg = alembic_config()
    with storage.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "origin" not in {c["name"] for c in inspect(storage.engine).get_columns("tasks")}
    upgrade(storage.engine)
    with storage.sessions() as s:
        (task,) = repo.list_tasks(s, filters=repo.TaskFilters())[0]
        assert task.origin == "machine" and task.created_by is None and task.span is None
        assert [c.field for c in task.corrections] == ["status"]
