from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from nlp_service.batch.sinks import (
    DestinationBusyError,
    DestinationError,
    DirectorySink,
    JsonlSink,
    ParquetSink,
    _write_table,
    errors_path,
    exclusive,
    iter_jsonl,
    open_sink,
    repair_tail,
)
from nlp_service.batch.tables import Rows, flatten

Make = Callable[..., dict[str, Any]]
SHAS = [f"{i:064x}" for i in range(1, 8)]


def test_sink_is_chosen_by_destination(tmp_path: Path) -> None:
    assert isinstance(open_sink(tmp_path / "o.jsonl"), JsonlSink)
    assert isinstance(open_sink(tmp_path / "o.parquet"), ParquetSink)
    assert isinstance(open_sink(tmp_path / "outdir"), DirectorySink)
    with pytest.raises(DestinationError):
        open_sink(tmp_path / "o.csv")
    (tmp_path / "f.parquet").write_text("x")
    with pytest.raises(DestinationError):
        open_sink(tmp_path / "f.parquet")
    assert errors_path(tmp_path / "outdir") == tmp_path / "outdir.errors.jsonl"


def test_jsonl_torn_last_line_is_cut_and_resumed(tmp_path: Path, record: Make) -> None:
    dest = tmp_path / "o.jsonl"
    sink = JsonlSink(dest)
    sink.write(record(SHAS[0]))
    sink.write(record(SHAS[1]))
    sink.close()
    whole = dest.read_bytes()
    torn = json.dumps(record(SHAS[2]), ensure_ascii=False).encode()[:50]
    dest.write_bytes(whole + torn)  # what a kill -9 in the middle of a write leaves
    sink = JsonlSink(dest)
    assert dest.read_bytes() == whole
    assert sink.done() == {SHAS[0], SHAS[1]}
    sink.write(record(SHAS[2]))
    sink.close()
    assert [json.loads(x)["source"]["sha256"] for x in dest.read_text().splitlines()] == SHAS[:3]


def test_repair_tail_of_a_single_torn_line(tmp_path: Path) -> None:
    p = tmp_path / "o.jsonl"
    p.write_bytes(b'{"source": {"sha')
    repair_tail(p)
    assert p.read_bytes() == b""


@pytest.mark.parametrize("dest", ["o.jsonl", "o.parquet", "outdir"])
def test_discard_then_rewrite_keeps_each_document_once(
    tmp_path: Path, record: Make, dest: str
) -> None:
    path = tmp_path / dest
    sink = open_sink(path)
    for sha in SHAS[:4]:
        sink.write(record(sha, tasks=[("Giao Sở Y tế", [("Sở Y tế", "lead")], None, None)]))
    sink.close()
    sink = open_sink(path)
    assert sink.done() == set(SHAS[:4])
    sink.discard({SHAS[1], SHAS[3]})
    assert sink.done() == {SHAS[0], SHAS[2]}
    sink.write(record(SHAS[1]))
    sink.close()
    assert open_sink(path).done() == {SHAS[0], SHAS[1], SHAS[2]}


def test_directory_sink_names_files_and_ignores_leftover_temporaries(
    tmp_path: Path, record: Make
) -> None:
    root = tmp_path / "out"
    root.mkdir()
    leftover = root / ".tb 1.json.123.tmp"
    leftover.write_text("{")
    sink = DirectorySink(root)
    assert not leftover.exists()
    sink.write(record(SHAS[0], filename="TB 24/x: y.docx"))
    (file,) = root.iterdir()
    assert file.name == f"TB 24_x_ y.{SHAS[0]}.json"
    assert json.loads(file.read_text())["source"]["sha256"] == SHAS[0]


def test_parquet_tables_and_rollover(tmp_path: Path, record: Make) -> None:
    root = tmp_path / "o.parquet"
    sink = ParquetSink(root, rows_per_part=2)
    tasks = [
        (
            "Giao Sở Tài chính chủ trì",
            [("Sở Tài chính", "lead"), ("Sở Nội vụ", "support")],
            "before",
            "2026-05-01",
        ),
        ("Đề nghị Công an tỉnh", [("Công an tỉnh", "lead")], None, None),
    ]
    for sha in SHAS[:5]:
        sink.write(record(sha, tasks=tasks))
    assert sorted(p.name for p in (root / "documents").iterdir()) == [
        "part-000001.parquet",
        "part-000002.parquet",
    ]
    sink.close()
    docs = pq.read_table(root / "documents")
    assert sorted(docs.column("sha256").to_pylist()) == SHAS[:5]
    assert docs.column("n_tasks").to_pylist() == [2] * 5
    task_rows = pq.read_table(root / "tasks").to_pylist()
    assert len(task_rows) == 10
    assert {str(t["deadline_date"]) for t in task_rows} == {"2026-05-01", "None"}
    roles = pq.read_table(root / "assignees").column("role").to_pylist()
    assert sorted(roles) == ["lead"] * 10 + ["support"] * 5
    assert not list(root.glob("_journal-*"))


@pytest.mark.parametrize(
    "written_before_kill", [(), ("tasks",), ("tasks", "assignees", "documents")]
)
def test_parquet_recovers_every_crash_point_exactly_once(
    tmp_path: Path, record: Make, written_before_kill: tuple[str, ...]
) -> None:
    """A kill can land after any of the renames that seal a journal, or before them all."""
    root = tmp_path / "o.parquet"
    sink = ParquetSink(root)
    sink.write(record(SHAS[0]))
    sink.close()  # part 1 sealed
    sink = ParquetSink(root)
    for sha in SHAS[1:4]:
        sink.write(record(sha, tasks=[("Giao Sở Xây dựng", [("Sở Xây dựng", "lead")], None, None)]))
    journal = root / "_journal-000002.jsonl"
    assert journal.exists()
    # Simulate the kill: some of generation 2's parts exist, the journal was not deleted.
    partial = tmp_path / "copy.jsonl"
    partial.write_bytes(journal.read_bytes())
    for name in written_before_kill:
        rows = Rows()
        for r in iter_jsonl(partial):
            rows.extend(flatten(r))
        _write_table(rows.table(name), root / name / "part-000002.parquet")
    with journal.open("ab") as fh:
        fh.write(b'{"torn":')  # and the record in flight was cut
    reopened = ParquetSink(root)
    assert sorted(reopened.done()) == SHAS[:4]
    reopened.close()
    shas = pq.read_table(root / "documents").column("sha256").to_pylist()
    assert sorted(shas) == SHAS[:4]
    assert pq.read_table(root / "tasks").num_rows == 3
    assert pq.read_table(root / "assignees").num_rows == 3


def test_one_run_at_a_time_per_destination(tmp_path: Path) -> None:
    dest = tmp_path / "o.jsonl"
    with (
        exclusive(dest),
        pytest.raises(DestinationBusyError, match="Another batch run"),
        exclusive(dest),
    ):
        pass
    with exclusive(dest):  # released on exit
        pass
