"""Run the same jobs on a Dask distributed cluster.

Workers need this package installed (the same version as the client); they import the pipeline
once per worker process and keep its models in the process cache, so only bytes go out and
JSON-ready dicts come back — pipeline objects never travel (underthesea's tagger cannot be
pickled). :class:`WarmUp` loads the pipeline when a worker joins, not on its first document.

Submissions are capped at the cluster's thread count, so every submitted document is running
(the time limit then measures processing, not queueing) and the client never holds more than
one document per worker thread: results stream back as they complete. A document over the
limit is cancelled and its worker restarted, because a Python thread cannot be interrupted.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import time
import uuid
from collections.abc import Generator, Iterable
from typing import Any

from distributed import Client, Future, wait
from distributed.diagnostics.plugin import WorkerPlugin

from nlp_service.batch.jobs import Job, Outcome, outcome_from, run_pipeline
from nlp_service.errors import ProcessingTimeoutError

log = logging.getLogger(__name__)


class WarmUp(WorkerPlugin):
    """Import the pipeline (and warm its models when it offers ``warm_up``) on each worker."""

    name = "nlp-service-warm-up"

    def setup(self, worker: Any) -> None:
        # Tesseract (OCR pages) is ~6x slower on a shared machine without this; the local
        # workers set it too. Subprocesses inherit it from here.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        from nlp_service import pipeline

        warm_up = getattr(pipeline, "warm_up", None)
        if callable(warm_up):
            warm_up()


def connect(address: str, *, timeout: float = 5.0) -> Client:
    """A client for ``tcp://HOST:PORT``; raises OSError when no scheduler answers."""
    return Client(address, timeout=f"{timeout}s")


def run_dask(
    feed: Iterable[Job | Outcome], *, client: Client, timeout: float, poll: float = 0.5
) -> Generator[Outcome, None, None]:
    """Outcomes of every item of ``feed``, in completion order."""
    client.register_plugin(WarmUp(), name=WarmUp.name)
    slots = _Slots(client)
    items = iter(feed)
    pending: dict[Future, tuple[Job, float]] = {}
    exhausted = False

    def refill() -> list[Outcome]:
        """Submit until every worker thread has a document; return the feed's ready outcomes
        (skips), a bounded number at a time."""
        nonlocal exhausted
        ready: list[Outcome] = []
        while not exhausted and len(pending) < slots.count() and len(ready) < 1000:
            item = next(items, None)
            if item is None:
                exhausted = True
            elif isinstance(item, Outcome):
                ready.append(item)
            else:
                pending[_submit(client, item)] = (item, time.monotonic())
        return ready

    try:
        ready = refill()
        while ready or pending:
            if ready:
                yield from ready
                ready = refill()
                continue
            try:
                done, _ = wait(list(pending), timeout=poll, return_when="FIRST_COMPLETED")
            except TimeoutError:  # nothing finished within ``poll``: check the time limits
                done = set()
            now = time.monotonic()
            overdue = [f for f, (_, t0) in pending.items() if f not in done and now - t0 > timeout]
            finished = [(f, *pending.pop(f)) for f in done]
            expired = [_expire(client, f, pending.pop(f)[0], timeout) for f in overdue]
            ready = refill()  # workers get their next document before results are written
            for fut, job, started in finished:
                yield _collect(fut, job, started)
            yield from expired
    finally:
        for fut in pending:
            with contextlib.suppress(Exception):
                fut.cancel()


class _Slots:
    """Worker threads in the cluster, asked of the scheduler at most every few seconds
    (a round trip per document would leave workers idle); workers may join or leave."""

    def __init__(self, client: Client, every: float = 5.0) -> None:
        self.client = client
        self.every = every
        self._count = 1
        self._at = -math.inf

    def count(self) -> int:
        now = time.monotonic()
        if now - self._at > self.every:
            self._count = max(1, sum(self.client.nthreads().values()))
            self._at = now
        return self._count


def _submit(client: Client, job: Job) -> Future:
    key = f"nlp_document-{uuid.uuid4().hex}"
    return client.submit(run_pipeline, job.data, job.filename, key=key, pure=False)


def _collect(fut: Future, job: Job, started: float) -> Outcome:
    try:
        payload = fut.result()
    except Exception as exc:  # KilledWorker, lost connection...: one document fails, not the run
        return Outcome(
            job.path,
            "error",
            sha256=job.sha256,
            code="worker_crashed",
            message=f"{type(exc).__name__}: {exc}",
            seconds=time.monotonic() - started,
        )
    finally:
        fut.release()
    return outcome_from(job, payload)


def _expire(client: Client, fut: Future, job: Job, timeout: float) -> Outcome:
    workers = [w for w, keys in client.processing().items() if fut.key in keys]
    fut.cancel()
    if workers:
        try:
            client.restart_workers(workers, raise_for_error=False)
        except Exception as exc:  # workers without a nanny cannot be restarted
            log.warning("could not restart %s after a timeout: %s", workers, exc)
    return Outcome(
        job.path,
        "error",
        sha256=job.sha256,
        code=ProcessingTimeoutError.code,
        message=f"Processing took longer than {timeout:.0f} s and was stopped.",
        seconds=timeout,
        worker=",".join(workers),
    )
