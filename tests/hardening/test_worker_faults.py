"""A database error while a worker records its result must not leave a document in processing.

Found by ``bench/load.py``: under 20 concurrent clients on SQLite the connection pool timed out
inside ``WorkerPool._process_one`` while it stored a result; the exception ended the slot's
thread, so its document stayed ``processing`` forever and nothing else was processed, while
``/readyz`` still reported the worker ready. The same happens when PostgreSQL restarts at that
moment. Here the first ``complete_document`` call fails the way a dropped connection does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apitest import make_settings, tag, wait_done, wait_ready
from fastapi.testclient import TestClient
from service_notices import notice_text
from sqlalchemy.exc import OperationalError

from nlp_service.api.app import create_app
from nlp_service.storage import repository as repo


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_db_error_while_recording_a_result_does_not_strand_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = repo.complete_document
    calls = {"n": 0}

    def flaky(session: Any, **kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("UPDATE documents", {}, Exception("connection reset"))
        return original(session, **kw)

    monkeypatch.setattr(repo, "complete_document", flaky)
    settings = make_settings(tmp_path, None, workers=1, lease_s=2.0)
    with TestClient(create_app(settings)) as c:
        wait_ready(c)
        r = c.post("/v1/documents", files=[("files", ("a.txt", notice_text(tag())))])
        first = r.json()["documents"][0]["id"]
        assert wait_done(c, first, timeout=15)["status"] in ("done", "failed")
        r = c.post("/v1/documents", files=[("files", ("b.txt", notice_text(tag())))])
        assert wait_done(c, r.json()["documents"][0]["id"], timeout=15)["status"] == "done"
