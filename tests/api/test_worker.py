"""Processing off the request path: restarts resume work, crashes and hangs lose nothing."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from apitest import make_settings, tag, wait_done, wait_ready
from fastapi.testclient import TestClient
from service_notices import notice_pdf, notice_text

from nlp_service.api.app import create_app
from nlp_service.api.worker import WorkerProcess
from nlp_service.storage import repository as repo


def test_restart_resumes_queued_and_interrupted_work(database_url: str, tmp_path: Path) -> None:
    idle = make_settings(tmp_path, database_url, workers=0)
    with TestClient(create_app(idle)) as c:
        ids = [
            c.post("/v1/documents", files=[("files", (f"{i}.txt", notice_text(tag())))]).json()[
                "documents"
            ][0]["id"]
            for i in range(2)
        ]
        storage = c.app.state.storage  # type: ignore[attr-defined]
        with storage.sessions() as s:
            # A worker of the previous run took one and died with it.
            claimed = repo.claim_next_document(s, worker="gone:1", lease_s=0.5, max_attempts=3)
            assert claimed is not None and claimed.id in ids
        assert c.get(f"/v1/documents/{claimed.id}").json()["status"] == "processing"
    time.sleep(0.6)
    with TestClient(create_app(make_settings(tmp_path, database_url, lease_s=5))) as c:
        wait_ready(c)
        for doc_id in ids:
            assert wait_done(c, doc_id)["status"] == "done"


def test_killed_worker_requeues_document(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, database_url, max_upload_bytes=50 * 1024 * 1024)
    with TestClient(create_app(settings)) as c:
        wait_ready(c)
        data = notice_pdf(tag(), pages=80)
        doc = c.post("/v1/documents", files=[("files", ("long.pdf", data))]).json()["documents"][0]
        deadline = time.monotonic() + 30
        while c.get(f"/v1/documents/{doc['id']}").json()["status"] != "processing":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc = c.app.state.pool._processes[0].proc  # type: ignore[attr-defined]
        os.kill(proc.pid, signal.SIGKILL)
        body = wait_done(c, doc["id"], timeout=120)
        assert body["status"] == "done" and body["attempts"] == 2


def test_worker_process_timeout_and_death() -> None:
    proc = WorkerProcess()
    assert proc.start()
    try:
        data = notice_text(tag())
        outcome, _ = proc.run(data, "a.txt", timeout=60)
        assert outcome.kind == "ok" and outcome.result and outcome.result["tasks"]
        outcome, _ = proc.run(notice_pdf(tag(), pages=80), "b.pdf", timeout=0.01)
        assert outcome.kind == "timeout" and outcome.code == "timeout"
        assert not proc.alive()
        assert proc.start()
        assert proc.proc is not None
        proc.proc.kill()
        proc.proc.join()
        outcome, _ = proc.run(data, "a.txt", timeout=60)
        assert outcome.kind == "crashed"
    finally:
        proc.kill()


def test_a_job_killed_by_shutdown_reads_as_crashed() -> None:
    """stop() kills the process from another thread while a slot waits on it: the wait must end
    as a crashed job (the document is released and re-queued), not as an AttributeError that
    ends the slot's thread."""
    import threading

    big = notice_pdf(tag(), pages=80)
    proc = WorkerProcess()
    assert proc.start()
    killer = threading.Timer(0.3, proc.kill)
    killer.start()
    try:
        outcome, _ = proc.run(big, "big.pdf", timeout=60)
        assert outcome.kind == "crashed"
    finally:
        killer.join()
        proc.kill()


@pytest.mark.parametrize("code", ["corrupt_file"])
def test_bad_file_fails_with_typed_error(client: TestClient, code: str) -> None:
    r = client.post("/v1/documents", files=[("files", ("x.pdf", b"%PDF-1.4\n" + tag().encode()))])
    body = wait_done(client, r.json()["documents"][0]["id"])
    assert body["status"] == "failed" and body["error"]["code"] == code


def test_full_extract_queue_answers_busy(tmp_path: Path) -> None:
    from nlp_service.api.worker import PoolBusyError, WorkerPool
    from nlp_service.storage import FileStore, open_storage

    settings = make_settings(tmp_path, None, max_extract_queue=2)
    storage = open_storage(f"sqlite:///{tmp_path / 'db.sqlite3'}", FileStore(tmp_path / "f"))
    pool = WorkerPool(settings, storage)  # not started: nothing drains the queue
    futures = [pool.submit_extract(b"x", "a.txt") for _ in range(2)]
    with pytest.raises(PoolBusyError) as busy:
        pool.submit_extract(b"x", "c.txt")
    assert busy.value.http_status == 503 and busy.value.code == "busy"
    pool.stop()
    assert all(f.exception() is not None for f in futures)  # shutdown fails them, no hang
    storage.close()
