"""Run jobs on local worker processes, streaming outcomes back as they finish.

Each slot is a thread driving one pipeline process (the API's
:class:`~nlp_service.api.worker.WorkerProcess`, forked from a server that has the models
loaded; killed and replaced when a document overruns the time limit or the process dies).
Slots pull one job at a time from the shared feed and push outcomes into a small bounded
queue, so at most ``workers`` documents are in flight and at most ``2 * workers`` results wait
for the writer: memory stays flat however large the archive.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing as mp
import queue
import threading
import time
from collections.abc import Generator, Iterable
from multiprocessing.context import BaseContext

from nlp_service.api.worker import WorkerProcess
from nlp_service.batch.jobs import Job, Outcome


@functools.cache
def _forkserver() -> BaseContext:
    """A forkserver context whose server process has the pipeline loaded (``warm.py``).

    Forking from it starts a ready worker in a fraction of a second, where a spawned one
    imports and loads the models again; the server is single-threaded, so forking is safe.
    """
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["nlp_service.batch.warm"])
    return ctx


class _PreloadedWorker(WorkerProcess):
    def __init__(self) -> None:
        super().__init__()
        self.ctx = _forkserver()  # type: ignore[assignment]  # typed as spawn; same interface


def run_local(
    feed: Iterable[Job | Outcome], *, workers: int, timeout: float
) -> Generator[Outcome, None, None]:
    """Outcomes of every item of ``feed``, in completion order."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    items = iter(feed)
    lock = threading.Lock()
    results: queue.Queue[Outcome | None] = queue.Queue(maxsize=2 * workers)
    stop = threading.Event()
    procs: list[WorkerProcess] = [_PreloadedWorker() for _ in range(workers)]

    def take() -> Job | Outcome | None:
        with lock:
            return next(items, None)

    def put(item: Outcome | None) -> None:
        while True:
            try:
                results.put(item, timeout=0.2)
                return
            except queue.Full:
                if stop.is_set():
                    return

    def slot(proc: WorkerProcess) -> None:
        try:
            while not stop.is_set():
                item = take()
                if item is None:
                    break
                put(item if isinstance(item, Outcome) else _run_safely(proc, item, timeout))
        finally:
            with contextlib.suppress(Exception):
                proc.kill()
            put(None)  # always: the writer counts one None per slot

    threads = [threading.Thread(target=slot, args=(p,), daemon=True) for p in procs]
    for t in threads:
        t.start()
    try:
        running = len(threads)
        while running:
            outcome = results.get()
            if outcome is None:
                running -= 1
            else:
                yield outcome
    finally:
        stop.set()
        for p in procs:  # a stopped run must not wait for documents in flight
            child = p.proc
            if child is not None:
                with contextlib.suppress(Exception):
                    child.kill()
        for t in threads:
            t.join(10)


def _run_safely(proc: WorkerProcess, job: Job, timeout: float) -> Outcome:
    """One job; a failure of the worker machinery fails the job, never the slot."""
    try:
        return _run(proc, job, timeout)
    except Exception as exc:
        with contextlib.suppress(Exception):
            proc.kill()
        return Outcome(
            job.path,
            "error",
            sha256=job.sha256,
            code="worker_error",
            message=f"{type(exc).__name__}: {exc}",
        )


def _run(proc: WorkerProcess, job: Job, timeout: float) -> Outcome:
    if not proc.alive() and not proc.start():
        return Outcome(
            job.path,
            "error",
            sha256=job.sha256,
            code="worker_unavailable",
            message="A worker process could not start (see the log).",
        )
    pid = proc.proc.pid if proc.proc is not None else 0
    start = time.perf_counter()
    out, rss = proc.run(job.data, job.filename, timeout)
    seconds = time.perf_counter() - start
    if out.kind == "ok":
        return Outcome(
            job.path,
            "ok",
            sha256=job.sha256,
            record=out.result,
            seconds=seconds,
            worker=f"local:{pid}",
            rss_mb=rss,
        )
    return Outcome(
        job.path,
        "error",
        sha256=job.sha256,
        code=out.code or ("worker_crashed" if out.kind == "crashed" else out.kind),
        message=out.message,
        seconds=seconds,
        worker=f"local:{pid}",
        rss_mb=rss,
    )
