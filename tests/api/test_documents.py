"""Upload, status, list, original, review and delete — statuses and error bodies."""

from __future__ import annotations

import io
import zipfile

from apitest import assert_error, tag, wait_done
from fastapi.testclient import TestClient
from service_notices import notice_pdf, notice_text

from nlp_service.schemas import Result


def _upload(client: TestClient, *files: tuple[str, bytes]) -> list[dict]:
    r = client.post("/v1/documents", files=[("files", f) for f in files])
    assert r.status_code == 202, r.text
    return r.json()["documents"]


def test_upload_is_queued_then_done_with_contract(client: TestClient) -> None:
    data = notice_text(tag())
    (doc,) = _upload(client, ("thong-bao.txt", data))
    assert doc["status"] in ("queued", "processing", "done") and not doc["duplicate"]
    body = wait_done(client, doc["id"])
    assert body["status"] == "done", body
    result = Result.model_validate(body["result"])
    assert result.source.sha256 == doc["sha256"]
    assert [t["id"] for t in body["tasks"]] == [t.id for t in result.tasks]
    assert result.tasks
    assert body["number"] and body["number"].endswith("/TB-UBND")
    # The original comes back byte for byte, as a download.
    r = client.get(f"/v1/documents/{doc['id']}/file")
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["x-content-type-options"] == "nosniff"


def test_same_file_twice_is_one_document(client: TestClient) -> None:
    data = notice_text(tag())
    (first,) = _upload(client, ("a.txt", data))
    wait_done(client, first["id"])
    r = client.post("/v1/documents", files=[("files", ("b.txt", data))])
    assert r.status_code == 200  # nothing new was queued
    (again,) = r.json()["documents"]
    assert again["id"] == first["id"] and again["duplicate"]
    listed = client.get("/v1/documents", params={"q": first["filename"]}).json()
    assert [d["id"] for d in listed["items"]].count(first["id"]) == 1


def test_many_files_in_one_upload(client: TestClient) -> None:
    docs = _upload(client, ("1.txt", notice_text(tag())), ("2.pdf", notice_pdf(tag())))
    assert len({d["id"] for d in docs}) == 2
    bodies = [wait_done(client, d["id"]) for d in docs]
    assert [b["status"] for b in bodies] == ["done", "done"]
    assert bodies[1]["media_type"] == "application/pdf"


def test_upload_refusals(client: TestClient) -> None:
    assert_error(
        client.post("/v1/documents", files=[("files", ("e.txt", b"  "))]), 422, "empty_input"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "xin chào")
    assert_error(
        client.post("/v1/documents", files=[("files", ("a.zip", buf.getvalue()))]),
        415,
        "unsupported_format",
    )
    big = b"a" * (2 * 1024 * 1024 + 1)
    assert_error(
        client.post("/v1/documents", files=[("files", ("big.txt", big))]), 413, "file_too_large"
    )
    many = [("files", (f"{i}.txt", notice_text(tag()))) for i in range(6)]
    assert_error(client.post("/v1/documents", files=many), 413, "too_many_files")
    assert_error(client.post("/v1/documents"), 422, "validation_error")


def test_path_like_names_are_only_labels(client: TestClient) -> None:
    (doc,) = _upload(client, ("../../etc/passwd", notice_text(tag())))
    assert doc["filename"] == "passwd"


def test_list_filters_and_pagination(client: TestClient) -> None:
    ids = [_upload(client, (f"p{i}.txt", notice_text(tag())))[0]["id"] for i in range(3)]
    for i in ids:
        wait_done(client, i)
    page = client.get("/v1/documents", params={"limit": 2, "offset": 0}).json()
    assert len(page["items"]) == 2 and page["total"] >= 3
    nxt = client.get("/v1/documents", params={"limit": 2, "offset": 2}).json()
    assert not {d["id"] for d in page["items"]} & {d["id"] for d in nxt["items"]}
    done = client.get("/v1/documents", params={"status": "done", "limit": 200}).json()
    assert all(d["status"] == "done" for d in done["items"])
    assert_error(client.get("/v1/documents", params={"status": "lost"}), 422)
    assert_error(client.get("/v1/documents", params={"limit": 0}), 422)


def test_failed_document_keeps_its_error(client: TestClient) -> None:
    # English text: stored (we cannot tell before reading), then failed by the pipeline.
    data = ("The committee will meet next week to discuss the budget. " * 20).encode()
    (doc,) = _upload(client, (f"{tag()}.txt", data + tag().encode()))
    body = wait_done(client, doc["id"])
    assert body["status"] == "failed"
    assert body["error"]["code"] == "not_vietnamese" and body["error"]["message"]
    assert body["result"] is None


def test_review_and_delete(client: TestClient) -> None:
    (doc,) = _upload(client, ("r.txt", notice_text(tag())))
    wait_done(client, doc["id"])
    r = client.post(f"/v1/documents/{doc['id']}/review")
    assert r.status_code == 200 and r.json()["reviewed_by"] == "local"
    assert client.delete(f"/v1/documents/{doc['id']}").status_code == 204
    assert_error(client.get(f"/v1/documents/{doc['id']}"), 404, "not_found")
    assert_error(client.get(f"/v1/documents/{doc['id']}/file"), 404, "not_found")
    assert_error(client.delete(f"/v1/documents/{doc['id']}"), 404, "not_found")
    assert_error(client.post(f"/v1/documents/{doc['id']}/review"), 404)
    assert client.get("/v1/tasks", params={"document": doc["id"]}).json()["items"] == []


def test_unknown_routes_and_methods_answer_json(client: TestClient) -> None:
    assert_error(client.get("/v1/nothing-here"), 404, "not_found")
    assert_error(client.put("/v1/documents"), 405, "method_not_allowed")


def test_cross_origin_browser_post_is_refused_without_auth(client: TestClient) -> None:
    # Lives here, not beside the auth tests: a module that also runs a worker-less app must not
    # share its database with this fixture's worker, which would claim that app's uploads.
    files = [("files", ("x.txt", notice_text(tag())))]
    r = client.post("/v1/documents", files=files, headers={"Origin": "https://evil.example"})
    assert_error(r, 403, "forbidden")
