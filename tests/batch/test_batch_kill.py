"""SIGKILL a batch midway, rerun it, and find every document exactly once."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from nlp_service.batch.jobs import sha256_file
from nlp_service.batch.run import BatchConfig, run_batch
from nlp_service.batch.sinks import iter_jsonl

REPO = Path(__file__).resolve().parents[2]
N = 16


def complete_lines(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            total += p.read_bytes().count(b"\n")
    return total


def stored_shas(dest: Path) -> list[str]:
    if dest.suffix == ".parquet":
        return list(pq.read_table(dest / "documents").column("sha256").to_pylist())
    return [r["source"]["sha256"] for r in iter_jsonl(dest)]


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_kill_midway_then_resume_stores_each_document_once(
    tmp_path: Path, make_notices: Callable[..., Path], name: str
) -> None:
    src = make_notices(N)
    dest = tmp_path / name
    cmd = [sys.executable, "-m", "nlp_service.batch", "batch", str(src), "--out", str(dest)]
    proc = subprocess.Popen(
        [*cmd, "--workers", "1"],
        cwd=REPO,
        start_new_session=True,  # its own process group: the kill reaches the workers too
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    written = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            files = [dest] if dest.suffix == ".jsonl" else list(dest.glob("_journal-*.jsonl"))
            written = complete_lines(files)
            if written >= 3:
                break
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= written < N, "the batch must be killed midway"

    summary = run_batch(BatchConfig([str(src)], dest, workers=1), stream=io.StringIO())
    assert summary.skipped >= 3
    assert summary.processed + summary.skipped == N
    shas = stored_shas(dest)
    assert len(shas) == N
    assert set(shas) == {sha256_file(p) for p in src.iterdir()}
