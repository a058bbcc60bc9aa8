"""The Typer commands, through a CLI runner on an app that only has them registered."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from nlp_service.batch.commands import register


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "nowhere/", "--out", "o.jsonl"], "'nowhere/' does not exist"),
        (["batch", "in/*.zzz", "--out", "o.jsonl"], "matches no file"),
        (["batch", "in", "--out", "o.csv"], "use a .jsonl file"),
        (["batch", "in", "--out", "o.jsonl", "--dask-scheduler", "8786"], "scheduler address"),
        (["batch", "in", "--out", "o.jsonl", "--workers", "0"], "--workers"),
        (["batch", "in", "--out", "o.jsonl", "--timeout", "0"], "--timeout"),
        (["stats", "missing.jsonl"], "does not exist"),
        (["stats", "in", "--today", "31/12/2025"], "is not a date"),
    ],
)
def test_bad_arguments_exit_non_zero_with_a_message(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("x")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_unreachable_scheduler_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    result = runner.invoke(
        app,
        [
            "batch",
            str(tmp_path),
            "--out",
            str(tmp_path / "o.jsonl"),
            "--dask-scheduler",
            "tcp://127.0.0.1:9",
        ],
    )
    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_batch_then_stats(
    app: typer.Typer, tmp_path: Path, make_notices: Callable[..., Path]
) -> None:
    src = make_notices(3)
    (src / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    out = tmp_path / "o.parquet"
    result = runner.invoke(
        app, ["batch", str(src / "*.txt"), str(src), "--out", str(out), "-w", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "3 processed, 1 failed, 0 skipped of 4 files" in result.output
    assert "o.parquet.errors.jsonl" in result.output
    result = runner.invoke(app, ["stats", str(out), "--today", "2026-07-01", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["documents"] == 3 and stats["by_type"] == {"TB": 3}
    assert stats["tasks"] >= 3 and stats["today"] == "2026-07-01"
    result = runner.invoke(app, ["stats", str(out)])
    assert result.exit_code == 0 and "documents by issuer" in result.output
