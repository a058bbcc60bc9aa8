"""The service's CLI commands through a runner: keys, seeding and export-corrections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from apitest import make_settings, tag, wait_done, wait_ready
from fastapi.testclient import TestClient
from service_notices import notice_text
from typer.testing import CliRunner

from nlp_service.api.app import create_app
from nlp_service.api.commands import quote_for, register


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("NLP_SERVICE_DATA_DIR", str(tmp_path / "data"))
    app = typer.Typer()
    register(app)
    return app


def test_keys_create_list_revoke(cli: typer.Typer) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["keys", "create", "--scope", "read", "--name", "tracker"])
    assert r.exit_code == 0, r.output
    plaintext = r.output.strip().rsplit(" ", 1)[-1]
    assert plaintext.startswith("nls_")
    listed = runner.invoke(cli, ["keys", "list"]).output
    assert "tracker" in listed and "active" in listed and plaintext not in listed
    assert runner.invoke(cli, ["keys", "revoke", "1"]).exit_code == 0
    assert "revoked" in runner.invoke(cli, ["keys", "list"]).output
    assert runner.invoke(cli, ["keys", "revoke", "1"]).exit_code == 1
    bad = runner.invoke(cli, ["keys", "create", "--scope", "root", "--name", "x"])
    assert bad.exit_code != 0


MISSED = "Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ các dự án"


def test_export_corrections_writes_gold(cli: typer.Typer, tmp_path: Path) -> None:
    """What people left: corrections applied, rejected tasks out, cancelled tasks and tasks a
    reviewer added in (ANNOTATION.md: a task is what the document assigns)."""
    settings = make_settings(tmp_path / "data", None)
    with TestClient(create_app(settings)) as c:
        wait_ready(c)
        ids = [
            c.post(
                "/v1/documents", files=[("files", (f"{i}.txt", notice_text(tag(), extra=True)))]
            ).json()["documents"][0]["id"]
            for i in range(3)
        ]
        docs = [wait_done(c, i) for i in ids]
        task, rejected, cancelled = docs[0]["tasks"][:3]
        fix = {"type": "by", "date": "2026-10-31", "raw": "chậm nhất ngày 31/10/2026"}
        assert c.patch(f"/v1/tasks/{task['id']}", json={"deadline": fix}).status_code == 200
        assert c.patch(f"/v1/tasks/{rejected['id']}", json={"rejected": True}).status_code == 200
        done = c.patch(f"/v1/tasks/{cancelled['id']}", json={"status": "cancelled"})
        assert done.status_code == 200
        start = docs[0]["result"]["text"].index(MISSED)
        added = {
            "text": "Họp về tiến độ dự án",  # reworded: the quote comes from the span
            "assignees": [{"name": "Sở Tài chính", "role": "lead"}],
            "span": [start, start + len(MISSED)],
        }
        assert c.post(f"/v1/documents/{ids[0]}/tasks", json=added).status_code == 201
        # A document whose only review is an added task without evidence (and reworded).
        assert c.post(f"/v1/documents/{ids[2]}/tasks", json={"text": "Họp bàn"}).status_code == 201
    out = tmp_path / "gold"
    r = CliRunner().invoke(cli, ["export-corrections", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "2 reviewed documents" in r.stdout
    assert "warning: 1 task quotes are not verbatim" in r.stderr
    files = [json.loads(f.read_text(encoding="utf-8")) for f in out.glob("*.gold.json")]
    golds = {g["source"]: g for g in files}
    assert sorted(golds) == ["0.txt", "2.txt"]  # the untouched document is not gold
    gold = golds["0.txt"]
    assert gold["document"]["number"].endswith("/TB-UBND")
    assert len(gold["tasks"]) == len(docs[0]["tasks"]) - 1 + 1
    assert gold["review"]["corrected_tasks"] == 2 and gold["review"]["added_tasks"] == 1
    first = gold["tasks"][0]
    machine_lead = [a["name"] for a in task["assignees"] if a["role"] == "lead"]
    assert first["deadline"] == fix and first["lead"] == machine_lead
    text = docs[0]["result"]["text"]
    quotes = [t["quote"] for t in gold["tasks"]]
    for quote in quotes:
        assert quote in text and 4 <= len(quote.split()) <= 20
    assert quote_for(rejected["text"], rejected["text"], text) not in quotes
    assert quote_for(cancelled["text"], cancelled["text"], text) in quotes
    assert gold["tasks"][-1] == {
        "quote": MISSED,
        "lead": ["Sở Tài chính"],
        "support": [],
        "deadline": None,
    }
    assert golds["2.txt"]["tasks"][-1]["quote"] == "Họp bàn"


def test_serve_seeds_directory(cli: typer.Typer, tmp_path: Path) -> None:
    from nlp_service.api.commands import _storage, seed_directory
    from nlp_service.config import Settings

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(notice_text(tag()))
    (seeds / "build.py").write_text("print()")
    (seeds / "README.md").write_text("# Sample notices\n\nHow they were written.")
    storage = _storage(Settings(data_dir=tmp_path / "d"))
    assert seed_directory(storage, seeds) == (1, 0)
    assert seed_directory(storage, seeds) == (0, 1)
    storage.close()


@pytest.mark.parametrize(
    ("current", "machine", "expected"),
    [
        ("a b c d e", "x", "a b c d e"),
        ("reworded task", "b c d e f", "b c d e f"),
        (" ".join(f"w{i}" for i in range(30)), "", " ".join(f"w{i}" for i in range(20))),
    ],
)
def test_quote_is_verbatim_and_short(current: str, machine: str, expected: str) -> None:
    doc = "a b c d e f " + " ".join(f"w{i}" for i in range(30))
    assert quote_for(current, machine, doc) == expected
