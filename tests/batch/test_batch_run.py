"""End-to-end runs on local worker processes with the real pipeline."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from nlp_service.batch.jobs import sha256_file
from nlp_service.batch.run import BatchConfig, run_batch
from nlp_service.batch.sinks import iter_jsonl
from nlp_service.pipeline import process


def shas_in(dest: Path) -> list[str]:
    return [r["source"]["sha256"] for r in iter_jsonl(dest)]


def test_run_resume_add_and_force(tmp_path: Path, make_notices: Callable[..., Path]) -> None:
    src = make_notices(5)
    dest = tmp_path / "out.jsonl"
    log = io.StringIO()
    first = run_batch(BatchConfig([str(src)], dest, workers=2), stream=log, interval=0)
    assert (first.processed, first.failed, first.skipped) == (5, 0, 0)
    assert "batch: 5/5 files (100%)" in log.getvalue()
    assert len(first.peak_rss_mb) == 2 and all(0 < v < 1500 for v in first.peak_rss_mb.values())
    records = list(iter_jsonl(dest))
    assert sorted(r["source"]["filename"] for r in records) == [f"tb-{i:03d}.txt" for i in range(5)]
    # Workers return exactly what the pipeline returns in this process.
    one = src / "tb-003.txt"
    expected = process(one.read_bytes(), one.name).model_dump(mode="json")
    assert next(r for r in records if r["source"]["filename"] == one.name) == expected

    before = dest.read_bytes()
    again = run_batch(BatchConfig([str(src)], dest, workers=1), stream=io.StringIO())
    assert (again.processed, again.skipped) == (0, 5)
    assert dest.read_bytes() == before

    for i in (7, 8):  # new files, plus a copy of a done one under another name
        shutil.copy(make_notices(1, start=i) / f"tb-{i:03d}.txt", src)
    shutil.copy(one, src / "copy-of-3.txt")
    more = run_batch(BatchConfig([str(src)], dest, workers=1), stream=io.StringIO())
    assert (more.processed, more.skipped) == (2, 6)

    forced = run_batch(BatchConfig([str(src)], dest, workers=1, force=True), stream=io.StringIO())
    assert (forced.processed, forced.skipped) == (7, 1)  # the copy is a duplicate
    shas = shas_in(dest)
    assert sorted(shas) == sorted({sha256_file(p) for p in src.iterdir()})
    assert len(shas) == len(set(shas)) == 7


def test_failures_are_listed_and_never_stop_the_run(
    tmp_path: Path, make_notices: Callable[..., Path]
) -> None:
    src = make_notices(2)
    (src / "empty.txt").write_bytes(b"")
    (src / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    dest = tmp_path / "out"
    summary = run_batch(BatchConfig([str(src)], dest, workers=1), stream=io.StringIO())
    assert (summary.processed, summary.failed) == (2, 2)
    assert len(list(dest.glob("tb-*.json"))) == 2
    errors = {e["filename"]: e for e in iter_jsonl(tmp_path / "out.errors.jsonl")}
    assert set(errors) == {"empty.txt", "image.pdf"}
    assert errors["empty.txt"]["code"] == "empty_input"
    assert errors["image.pdf"]["code"] in {"unsupported_format", "corrupt_file"}
    assert all(e["message"] and e["sha256"] for e in errors.values())
    # A rerun retries only the failures, and the errors file shows the latest run.
    (src / "empty.txt").unlink()
    rerun = run_batch(BatchConfig([str(src)], dest, workers=1), stream=io.StringIO())
    assert (rerun.processed, rerun.failed, rerun.skipped) == (0, 1, 2)
    lines = (tmp_path / "out.errors.jsonl").read_text().splitlines()
    assert [json.loads(x)["filename"] for x in lines] == ["image.pdf"]


def test_per_file_time_limit(tmp_path: Path, make_notices: Callable[..., Path]) -> None:
    """A document over the limit fails alone; its worker is replaced and the run goes on."""
    src = make_notices(1)
    notice = (src / "tb-000.txt").read_text(encoding="utf-8")
    (src / "big.txt").write_text(notice * 400, encoding="utf-8")  # several seconds of work
    dest = tmp_path / "out.jsonl"
    summary = run_batch(BatchConfig([str(src)], dest, workers=1, timeout=1.0), stream=io.StringIO())
    assert (summary.processed, summary.failed) == (1, 1)
    assert len(summary.peak_rss_mb) == 2  # the killed worker and its replacement
    (entry,) = iter_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert (entry["filename"], entry["code"]) == ("big.txt", "timeout")
    assert [r["source"]["filename"] for r in iter_jsonl(dest)] == ["tb-000.txt"]
