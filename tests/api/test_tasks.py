"""Tasks across documents: filters, sort, cursor pages, review with history, ICS and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from apitest import assert_error, tag, wait_done
from fastapi.testclient import TestClient
from icalendar import Calendar
from service_notices import notice_text


@pytest.fixture(scope="module")
def doc(client: TestClient) -> dict[str, Any]:
    """One processed notice of six plain task sentences. The tests below read what the extractor
    found from the answer itself, so they test the service, not the extractor's recall — they
    only need a few tasks, two of them with different due dates."""
    r = client.post(
        "/v1/documents", files=[("files", ("tasks.txt", notice_text(tag(), extra=True)))]
    )
    body = wait_done(client, r.json()["documents"][0]["id"])
    assert body["status"] == "done", body
    dates = {t["due_date"] for t in body["tasks"] if t["due_date"]}
    assert len(body["tasks"]) >= 3 and len(dates) >= 2, "the extractor found too little"
    return body


def _tasks(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/v1/tasks", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_filters(client: TestClient, doc: dict[str, Any]) -> None:
    mine = _tasks(client, document=doc["id"])
    assert {t["id"] for t in mine} == {t["id"] for t in doc["tasks"]}
    body = next(a["name"] for t in doc["tasks"] for a in t["assignees"])
    # Lower case on purpose: "ủy ban" must find "Ủy ban" (SQLite's lower() would not).
    by_body = _tasks(client, document=doc["id"], assignee=body.lower())
    assert by_body and all(
        any(body.lower() in a["name"].lower() for a in t["assignees"]) for t in by_body
    )
    dates = sorted({t["due_date"] for t in doc["tasks"] if t["due_date"]})
    before = _tasks(client, document=doc["id"], due_before=dates[0])
    assert before and all(t["due_date"] <= dates[0] for t in before)
    after = _tasks(client, document=doc["id"], due_after=dates[-1])
    assert after and all(t["due_date"] >= dates[-1] for t in after)
    assert len(before) + len(after) <= len(mine)
    words = " ".join(doc["tasks"][0]["text"].split()[2:6])
    text = _tasks(client, document=doc["id"], q=words.upper())
    assert doc["tasks"][0]["id"] in {t["id"] for t in text}
    assert all(words.lower() in " ".join(t["text"].lower().split()) for t in text)
    # The notice's dates are in 2026; whether they are overdue depends on today.
    today = dt.date.today().isoformat()
    overdue = _tasks(client, document=doc["id"], overdue=True)
    assert all(t["overdue"] and t["due_date"] < today for t in overdue)
    assert len(overdue) + len(_tasks(client, document=doc["id"], overdue=False)) == len(mine)
    assert _tasks(client, document=doc["id"], status="done") == []
    assert_error(client.get("/v1/tasks", params={"status": "finished"}), 422)
    assert_error(client.get("/v1/tasks", params={"due_before": "30/4/2026"}), 422)
    assert_error(client.get("/v1/tasks", params={"sort": "random"}), 422)


@pytest.mark.parametrize("sort", ["due", "-due", "created", "-created"])
def test_cursor_pages(client: TestClient, doc: dict[str, Any], sort: str) -> None:
    everything = _tasks(client, document=doc["id"], sort=sort)
    seen, cursor = [], None
    while True:
        params = {"document": doc["id"], "sort": sort, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/tasks", params=params).json()
        seen += [t["id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [t["id"] for t in everything]
    assert_error(
        client.get("/v1/tasks", params={"cursor": "garbage", "sort": sort}), 400, "bad_cursor"
    )


def test_correction_is_recorded_and_machine_kept(client: TestClient, doc: dict[str, Any]) -> None:
    task = doc["tasks"][0]
    original = client.get(f"/v1/tasks/{task['id']}").json()
    new_deadline = {"type": "by", "date": "2026-09-30", "raw": "chậm nhất ngày 30/9/2026"}
    r = client.patch(
        f"/v1/tasks/{task['id']}",
        json={
            "deadline": new_deadline,
            "status": "in_progress",
            "version": original["version"],
            "assignees": [
                {"name": "Sở Tài chính", "role": "lead"},
                {"name": "Sở Công Thương", "role": "support"},
            ],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["due_date"] == "2026-09-30" and body["status"] == "in_progress"
    assert body["corrected"] and body["version"] == original["version"] + 1
    assert body["machine"] == original["machine"]
    fields = sorted(c["field"] for c in body["corrections"])
    assert fields == ["assignees", "deadline", "status"]
    deadline_fix = next(c for c in body["corrections"] if c["field"] == "deadline")
    assert deadline_fix["author"] == "local" and deadline_fix["created_at"]
    assert deadline_fix["old"] == original["deadline"]
    listed = _tasks(client, document=doc["id"], assignee="công thương")
    assert [t["id"] for t in listed] == [task["id"]]
    # A client that read the old version is told to reload.
    assert_error(
        client.patch(
            f"/v1/tasks/{task['id']}", json={"status": "done", "version": original["version"]}
        ),
        409,
        "conflict",
    )


def test_patch_errors(client: TestClient, doc: dict[str, Any]) -> None:
    task_id = doc["tasks"][1]["id"]
    assert_error(client.patch("/v1/tasks/nope", json={"status": "done"}), 404)
    assert_error(client.get("/v1/tasks/nope"), 404)
    assert_error(client.patch(f"/v1/tasks/{task_id}", json={"status": "finished"}), 422)
    assert_error(client.patch(f"/v1/tasks/{task_id}", json={"owner": "x"}), 422)
    assert_error(
        client.patch(
            f"/v1/tasks/{task_id}", json={"deadline": {"type": "on", "date": "2026-02-30"}}
        ),
        422,
    )
    assert_error(
        client.patch(
            f"/v1/tasks/{task_id}",
            content=b"{not json",
            headers={"content-type": "application/json"},
        ),
        422,
    )


def test_ics_feed_parses_with_stable_uids_and_rrule(
    client: TestClient, doc: dict[str, Any]
) -> None:
    task = doc["tasks"][1]
    r = client.patch(
        f"/v1/tasks/{task['id']}",
        json={
            "deadline": {
                "type": "recurring",
                "rrule": "FREQ=MONTHLY;BYMONTHDAY=25",
                "raw": "trước ngày 25 hằng tháng",
            }
        },
    )
    assert r.status_code == 200, r.text

    def feed() -> dict[str, Any]:
        resp = client.get("/v1/tasks.ics", params={"document": doc["id"]})
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/calendar")
        cal = Calendar.from_ical(resp.content)
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}

    first, second = feed(), feed()
    assert first.keys() == second.keys() and f"{task['id']}@nlp-service" in first
    recurring = first[f"{task['id']}@nlp-service"]
    assert recurring["RRULE"]["FREQ"] == ["MONTHLY"] and recurring["RRULE"]["BYMONTHDAY"] == [25]
    dated = [t for t in doc["tasks"] if t["due_date"] and t["id"] != task["id"]]
    for t in dated:
        event = first[f"{t['id']}@nlp-service"]
        current = client.get(f"/v1/tasks/{t['id']}").json()
        assert event.decoded("DTSTART").isoformat()[:10] == current["due_date"]
        assert int(event["SEQUENCE"]) == current["version"] - 1
    assert "Sở" in str(first[f"{dated[0]['id']}@nlp-service"]["DESCRIPTION"])


def test_csv_has_bom_and_vietnamese(client: TestClient, doc: dict[str, Any]) -> None:
    r = client.get("/v1/tasks.csv", params={"document": doc["id"]})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert {row["task_id"] for row in rows} == {t["id"] for t in doc["tasks"]}
    lead = next(a["name"] for a in doc["tasks"][0]["assignees"] if a["role"] == "lead")
    assert lead in next(row["lead"] for row in rows if row["task_id"] == doc["tasks"][0]["id"])


def test_rejected_task_leaves_the_feeds(client: TestClient, doc: dict[str, Any]) -> None:
    task = doc["tasks"][-1]
    assert client.patch(f"/v1/tasks/{task['id']}", json={"rejected": True}).status_code == 200
    assert task["id"] not in {t["id"] for t in _tasks(client, document=doc["id"])}
    ics = client.get("/v1/tasks.ics", params={"document": doc["id"]}).content.decode()
    assert task["id"] not in ics
    assert client.get(f"/v1/tasks/{task['id']}").json()["rejected"] is True


MISSED = "Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ các dự án"


def test_reviewer_adds_a_missed_task(client: TestClient, doc: dict[str, Any]) -> None:
    text = doc["result"]["text"]
    start = text.index(MISSED)
    body = {
        "text": "Tổ chức cuộc họp về tiến độ các dự án",
        "assignees": [
            {"name": "Sở Tài chính", "role": "lead"},
            {"name": "Sở Xây dựng", "raw": "Sở XD", "role": "support"},
        ],
        "deadline": {"type": "before", "date": "2026-08-31", "raw": "trước ngày 31/8/2026"},
        "span": [start, start + len(MISSED)],
    }
    r = client.post(f"/v1/documents/{doc['id']}/tasks", json=body)
    assert r.status_code == 201, r.text
    task = r.json()
    assert r.headers["location"] == f"/v1/tasks/{task['id']}"
    assert task["origin"] == "reviewer" and task["machine"] is None and task["corrections"] == []
    assert task["created_by"] == "local" and task["created_at"] and task["status"] == "open"
    assert task["span"] == body["span"] and task["due_date"] == "2026-08-31"
    assert task["position"] == max(t["position"] for t in doc["tasks"]) + 1
    assert task["assignees"][1] == {
        "name": "Sở Xây dựng",
        "raw": "Sở XD",
        "role": "support",
        "span": None,
    }
    assert client.get(f"/v1/tasks/{task['id']}").json() == task
    # Beside the machine's tasks everywhere they are listed, with the machine's marked as such.
    listed = _tasks(client, document=doc["id"])
    assert task["id"] in {t["id"] for t in listed}
    assert {t["origin"] for t in listed if t["id"] != task["id"]} == {"machine"}
    assert [t["id"] for t in _tasks(client, document=doc["id"], origin="reviewer")] == [task["id"]]
    assert task["id"] not in {t["id"] for t in _tasks(client, origin="machine")}
    assert task["id"] in {t["id"] for t in _tasks(client, assignee="sở xây dựng")}
    assert task["id"] in {t["id"] for t in _tasks(client, due_after="2026-08-31")}
    assert task["id"] in {t["id"] for t in _tasks(client, q="TỔ CHỨC CUỘC HỌP")}
    document = client.get(f"/v1/documents/{doc['id']}").json()
    assert document["tasks"][-1]["id"] == task["id"]
    cal = Calendar.from_ical(client.get("/v1/tasks.ics", params={"document": doc["id"]}).content)
    event = {str(e["UID"]): e for e in cal.walk("VEVENT")}[f"{task['id']}@nlp-service"]
    assert event.decoded("DTSTART").isoformat() == "2026-08-31"
    assert "Sở Tài chính" in str(event["SUMMARY"])
    rows = csv.DictReader(
        io.StringIO(
            client.get("/v1/tasks.csv", params={"document": doc["id"]}).content.decode("utf-8-sig")
        )
    )
    row = next(r for r in rows if r["task_id"] == task["id"])
    assert row["origin"] == "reviewer" and row["lead"] == "Sở Tài chính"
    # Corrected like any task, its history starting from what the reviewer wrote.
    fixed = client.patch(f"/v1/tasks/{task['id']}", json={"status": "done", "version": 1}).json()
    assert fixed["status"] == "done" and fixed["version"] == 2 and fixed["origin"] == "reviewer"
    assert [c["field"] for c in fixed["corrections"]] == ["status"]


def test_add_task_minimal_body(client: TestClient, doc: dict[str, Any]) -> None:
    r = client.post(f"/v1/documents/{doc['id']}/tasks", json={"text": "  Báo cáo kết quả  "})
    assert r.status_code == 201, r.text
    task = r.json()
    assert task["text"] == "Báo cáo kết quả" and task["assignees"] == []
    assert task["deadline"] is None and task["span"] is None and task["due_date"] is None


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   "},
        {"text": "x", "owner": "y"},
        {"text": "x", "assignees": [{"name": "Sở Y tế", "role": "chair"}]},
        {"text": "x", "assignees": [{"name": ""}]},
        {"text": "x", "deadline": {"type": "soon"}},
        {"text": "x", "deadline": {"type": "on", "date": "2026-02-30"}},
        {"text": "x", "span": [10, 10]},
        {"text": "x", "span": [20, 10]},
        {"text": "x", "span": [-1, 10]},
        {"text": "x", "span": [0, 10**9]},  # past the end of the document's text
        {"text": "x", "status": "finished"},
    ],
)
def test_add_task_refuses_bad_bodies(
    client: TestClient, doc: dict[str, Any], body: dict[str, Any]
) -> None:
    before = len(_tasks(client, document=doc["id"]))
    assert_error(client.post(f"/v1/documents/{doc['id']}/tasks", json=body), 422)
    assert len(_tasks(client, document=doc["id"])) == before


def test_add_task_to_unknown_document(client: TestClient) -> None:
    assert_error(client.post("/v1/documents/nope/tasks", json={"text": "Báo cáo"}), 404)
