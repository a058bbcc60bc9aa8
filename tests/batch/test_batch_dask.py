"""The Dask runner on a LocalCluster and on a real ``dask scheduler`` + two ``dask worker``
processes started here on 127.0.0.1 (random ports), with the real pipeline."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from nlp_service.batch.commands import register
from nlp_service.batch.jobs import sha256_file
from nlp_service.batch.run import BatchConfig, run_batch
from nlp_service.batch.sinks import iter_jsonl
from nlp_service.pipeline import process

REPO = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def local_client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_local_cluster_streams_records_from_two_workers(
    local_client: Client, tmp_path: Path, make_notices: Callable[..., Path]
) -> None:
    src = make_notices(6)
    (src / "empty.txt").write_bytes(b"")
    dest = tmp_path / "out.jsonl"
    summary = run_batch(BatchConfig([str(src)], dest), client=local_client, stream=io.StringIO())
    assert (summary.processed, summary.failed) == (6, 1)
    workers = set(summary.peak_rss_mb)
    assert len(workers) == 2 and not any(w.endswith(f":{os.getpid()}") for w in workers)
    records = {r["source"]["filename"]: r for r in iter_jsonl(dest)}
    assert len(records) == 6
    one = src / "tb-002.txt"
    assert records[one.name] == process(one.read_bytes(), one.name).model_dump(mode="json")
    (error,) = iter_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert error["code"] == "empty_input"
    # Resumable on the cluster too.
    again = run_batch(BatchConfig([str(src)], dest), client=local_client, stream=io.StringIO())
    assert (again.processed, again.skipped) == (0, 6)


def test_local_cluster_time_limit_restarts_the_worker(
    local_client: Client, tmp_path: Path, make_notices: Callable[..., Path]
) -> None:
    src = make_notices(1)
    big = src / "big.txt"
    big.write_text((src / "tb-000.txt").read_text(encoding="utf-8") * 400, encoding="utf-8")
    dest = tmp_path / "out.jsonl"
    cfg = BatchConfig([str(big)], dest, timeout=0.3)
    pids_before = set(local_client.run(os.getpid).values())
    summary = run_batch(cfg, client=local_client, stream=io.StringIO())
    assert summary.failed == 1
    (error,) = iter_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert error["code"] == "timeout"
    local_client.wait_for_workers(2, timeout=60)
    pids_after = set(local_client.run(os.getpid).values())
    assert len(pids_before & pids_after) == 1  # the stuck worker was replaced
    ok = run_batch(BatchConfig([str(src / "tb-000.txt")], dest), client=local_client)
    assert ok.processed == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def scheduler_address() -> Iterator[str]:
    """A real scheduler and two single-thread workers, each in its own process group."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    commands = [
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        *[
            [
                str(DASK),
                "worker",
                address,
                "--host",
                "127.0.0.1",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--name",
                f"w{i}",
                "--memory-limit",
                "1GB",
            ]
            for i in (1, 2)
        ],
    ]
    procs = [
        subprocess.Popen(
            cmd,
            cwd=REPO,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for cmd in commands
    ]
    try:
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in reversed(procs):
            os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(procs):
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)


def test_real_scheduler_and_workers_through_the_cli(
    scheduler_address: str, tmp_path: Path, make_notices: Callable[..., Path]
) -> None:
    src = make_notices(5)
    dest = tmp_path / "out.parquet"
    app = typer.Typer()
    register(app)
    args = ["batch", str(src), "--out", str(dest), "--dask-scheduler", scheduler_address]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "5 processed, 0 failed, 0 skipped of 5 files" in result.output
    import pyarrow.parquet as pq

    shas = pq.read_table(dest / "documents").column("sha256").to_pylist()
    assert sorted(shas) == sorted(sha256_file(p) for p in src.iterdir())
