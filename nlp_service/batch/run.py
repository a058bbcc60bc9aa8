"""The batch flow: expand inputs → skip what DEST holds → run → stream outcomes into sinks.

Outcomes are written the moment they arrive (records to DEST, failures to
``DEST.errors.jsonl``), never collected, so a run of any size uses the memory of a few
documents, and stopping it at any point keeps everything already finished.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from nlp_service.batch.inputs import expand_inputs
from nlp_service.batch.jobs import Feed, Outcome, sha256_file
from nlp_service.batch.progress import Progress
from nlp_service.batch.sinks import ErrorLog, choose_sink, errors_path, exclusive, lock_path

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_TIMEOUT_S = 300.0


@dataclass
class BatchConfig:
    inputs: list[str]
    dest: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    timeout: float = DEFAULT_TIMEOUT_S
    scheduler: str | None = None  # tcp://HOST:PORT of a Dask scheduler


@dataclass
class Summary:
    total: int
    processed: int
    failed: int
    skipped: int
    seconds: float
    peak_rss_mb: dict[str, int]  # per worker process
    errors_file: Path

    @property
    def docs_per_s(self) -> float:
        return (self.processed + self.failed) / self.seconds if self.seconds > 0 else 0.0


def run_batch(
    cfg: BatchConfig,
    *,
    stream: TextIO | None = None,
    tty: bool | None = None,
    interval: float = 10.0,
    client: Client | None = None,
) -> Summary:
    """Process ``cfg.inputs`` into ``cfg.dest``; ``client`` overrides ``cfg.scheduler``.

    Raises InputError / DestinationError (bad arguments) and OSError (scheduler unreachable)
    before any document is processed; per-document failures only go to the errors file.
    """
    if cfg.timeout <= 0:
        raise ValueError("--timeout must be positive")
    err_path = errors_path(cfg.dest)
    paths = expand_inputs(cfg.inputs, exclude=[cfg.dest, err_path, lock_path(cfg.dest)])
    make_sink = choose_sink(cfg.dest)
    with contextlib.ExitStack() as stack:
        stack.enter_context(exclusive(cfg.dest))
        if client is None and cfg.scheduler:
            from nlp_service.batch.dask_runner import connect

            client = stack.enter_context(connect(cfg.scheduler))
        sink = make_sink(cfg.dest)
        stack.callback(sink.close)
        if cfg.force:
            sink.discard(_hashes(paths))
            done: set[str] = set()
        else:
            done = sink.done()
        outcomes = _runner(Feed(paths, done), cfg, client)
        stack.callback(outcomes.close)
        errors = ErrorLog(err_path)
        stack.callback(errors.close)
        progress = Progress(len(paths), stream or sys.stderr, tty=tty, interval=interval)
        stack.callback(progress.close)
        rss: dict[str, int] = {}
        start = time.perf_counter()
        for outcome in outcomes:
            if outcome.kind == "ok" and outcome.record is not None:
                sink.write(outcome.record)
            elif outcome.kind == "error":
                errors.write(outcome.error_entry())
            if outcome.worker:
                rss[outcome.worker] = max(rss.get(outcome.worker, 0), outcome.rss_mb)
            progress.update(outcome)
        c = progress.counts
        return Summary(
            total=len(paths),
            processed=c.processed,
            failed=c.failed,
            skipped=c.skipped,
            seconds=time.perf_counter() - start,
            peak_rss_mb=rss,
            errors_file=err_path,
        )


def _runner(feed: Feed, cfg: BatchConfig, client: Client | None) -> Generator[Outcome, None, None]:
    if client is not None:
        from nlp_service.batch.dask_runner import run_dask

        return run_dask(feed, client=client, timeout=cfg.timeout)
    from nlp_service.batch.local import run_local

    return run_local(feed, workers=cfg.workers, timeout=cfg.timeout)


def _hashes(paths: list[Path]) -> set[str]:
    out: set[str] = set()
    for p in paths:
        with contextlib.suppress(OSError):
            out.add(sha256_file(p))
    return out
