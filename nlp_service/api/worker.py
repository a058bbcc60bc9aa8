"""The worker pool: documents are processed in separate processes, off the request path.

Each slot is a thread in the server process that owns one worker *process*. The thread claims a
document from the database (a leased, atomic claim — see ``storage.repository``), hands the bytes
to its process over a pipe and waits; the process imports the pipeline once, so models load once
per process, not per document. Because the thread (not the process) talks to the database, a
worker that crashes, hangs past the per-document time limit or grows past its memory limit is
simply killed and replaced, and the document is re-queued or failed — never left in
``processing``. ``POST /v1/extract`` uses the same processes through a small in-memory queue that
is served before the database, so interactive calls are not stuck behind a backlog of uploads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing as mp
import os
import queue
import resource
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from nlp_service.config import Settings
from nlp_service.errors import NlpServiceError, ProcessingTimeoutError
from nlp_service.storage import Storage
from nlp_service.storage import repository as repo

log = logging.getLogger(__name__)


class PoolBusyError(NlpServiceError):
    """Every worker is busy and the interactive queue is full: retry later (grobid's 503)."""

    code = "busy"
    http_status = 503


class WorkerUnavailableError(NlpServiceError):
    code = "no_workers"
    http_status = 503


# --------------------------------------------------------------------------- child process

WARM_UP_NOTICE = (
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 1/TB-UBND\nLâm Đồng, ngày 02 tháng 01 năm 2026\n"
    "THÔNG BÁO\n1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án, "
    "báo cáo Ủy ban nhân dân tỉnh trước ngày 15/01/2026.\n"
)


def _child_main(conn: Connection) -> None:
    """Entry point of a worker process: load the pipeline, then serve jobs until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server shuts us down, not Ctrl-C
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract is 6x slower without it
    from nlp_service import pipeline

    # Load every model now, so /readyz means ready and the first upload is not the slow one.
    warm_up = getattr(pipeline, "warm_up", None)
    try:
        if callable(warm_up):
            warm_up()
        else:
            pipeline.process(WARM_UP_NOTICE.encode(), "warm-up.txt")
    except Exception:  # a failed warm-up only costs speed; real jobs report real errors
        pass
    conn.send(("ready", os.getpid()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        data, filename = msg
        payload: tuple[Any, ...]
        try:
            # JSON text made here by pydantic-core: the server passes it through untouched, so a
            # result is serialised once and never pickled as a tree of dicts.
            payload = ("ok", pipeline.process(data, filename).model_dump_json().encode())
        except NlpServiceError as exc:
            payload = ("error", exc.code, exc.message, exc.http_status)
        except Exception as exc:  # a pipeline bug must fail one document, not the worker
            payload = ("error", "internal_error", f"{type(exc).__name__}: {exc}", 500)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        conn.send((payload, rss_mb))


# --------------------------------------------------------------------------- parent side


@dataclass
class Outcome:
    """What happened to one job: ``ok`` (result), ``error`` (typed), ``timeout`` or ``crashed``.

    An ``ok`` result arrives as contract JSON bytes (``raw``); :attr:`result` parses it for the
    storage path, while ``POST /v1/extract`` answers the bytes as they are.
    """

    kind: str
    raw: bytes | None = None
    code: str = ""
    message: str = ""
    http_status: int = 500

    @property
    def result(self) -> dict[str, Any] | None:
        if self.raw is None:
            return None
        parsed: dict[str, Any] = json.loads(self.raw)
        return parsed


class WorkerProcess:
    """One pipeline process and the pipe to it."""

    def __init__(self) -> None:
        self.ctx = mp.get_context("spawn")
        self.proc: mp.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.jobs = 0
        self.ready = False
        self._kill_lock = threading.Lock()

    def start(self, ready_timeout: float = 600.0) -> bool:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_child_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.jobs = 0
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if parent.poll(0.2):
                try:
                    msg = parent.recv()
                except (EOFError, OSError):
                    break
                self.ready = msg[0] == "ready"
                return self.ready
            if not self.proc.is_alive():
                break
        self.kill()
        return False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.is_alive()

    def run(
        self, data: bytes, filename: str, timeout: float, tick: Any = None, tick_every: float = 10
    ) -> tuple[Outcome, int]:
        """Send one job and wait for its answer; kill the process on timeout or death."""
        # Local references: stop() may kill this process from another thread while we wait, and
        # a closed pipe must read as a crashed job, not as an AttributeError on None.
        conn, proc = self.conn, self.proc
        if conn is None or proc is None:  # stopped between the claim and now
            return Outcome("crashed", message="worker process was gone"), 0
        try:
            conn.send((data, filename))
        except (BrokenPipeError, OSError):
            self.kill()
            return Outcome("crashed", message="worker process was gone"), 0
        self.jobs += 1
        start = last_tick = time.monotonic()
        while True:
            # Never wait past the deadline: a short time limit must not be rounded up to a poll.
            remaining = timeout - (time.monotonic() - start)
            try:
                ready = conn.poll(max(0.0, min(0.5, remaining)))
                received = conn.recv() if ready else None
            except (EOFError, OSError):  # the process died, or stop() closed the pipe
                self.kill()
                return Outcome("crashed", message="worker process died"), 0
            if received is not None:
                payload, rss = received
                if payload[0] == "ok":
                    return Outcome("ok", raw=payload[1]), int(rss)
                _, code, message, status = payload
                return Outcome("error", code=code, message=message, http_status=status), int(rss)
            now = time.monotonic()
            if not proc.is_alive():
                code = proc.exitcode
                self.kill()
                return Outcome("crashed", message=f"worker process died (exit code {code})"), 0
            if now - start >= timeout:
                self.kill()
                return Outcome(
                    "timeout",
                    code=ProcessingTimeoutError.code,
                    message=f"Processing took longer than {timeout:.0f} s and was stopped.",
                    http_status=ProcessingTimeoutError.http_status,
                ), 0
            if tick is not None and now - last_tick >= tick_every:
                last_tick = now
                tick()

    def kill(self) -> None:
        """Stop the process; safe to call from the slot's thread and stop() at the same time."""
        with self._kill_lock:
            self.ready = False
            conn, proc = self.conn, self.proc
            self.conn = self.proc = None
        if conn is not None:
            with contextlib.suppress(BrokenPipeError, OSError):
                conn.send(None)
            conn.close()
        if proc is not None:
            proc.join(0.5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)


@dataclass
class _ExtractJob:
    data: bytes
    filename: str
    future: Future[bytes] = field(default_factory=Future)


class WorkerPool:
    """``size`` slots, each a thread driving one :class:`WorkerProcess`."""

    def __init__(self, settings: Settings, storage: Storage) -> None:
        self.settings = settings
        self.storage = storage
        self.size = settings.workers
        self.boot = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._extract: queue.Queue[_ExtractJob] = queue.Queue()
        self._wake = threading.Condition()
        self._generation = 0  # bumped by every wake-up; lets a slot tell it missed one
        self._doc_generation = 0  # bumped by notify(): documents were queued
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._processes: list[WorkerProcess] = []

    # lifecycle
    def start(self) -> None:
        for slot in range(self.size):
            proc = WorkerProcess()
            self._processes.append(proc)
            thread = threading.Thread(
                target=self._slot_loop, args=(slot, proc), name=f"nls-worker-{slot}", daemon=True
            )
            self._threads.append(thread)
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.notify()
        for proc in self._processes:
            proc.kill()
        for thread in self._threads:
            thread.join(10)
        while not self._extract.empty():
            job = self._extract.get_nowait()
            job.future.set_exception(WorkerUnavailableError("The server is shutting down."))

    @property
    def ready(self) -> bool:
        return any(p.ready for p in self._processes)

    def ready_count(self) -> int:
        return sum(p.ready for p in self._processes)

    def notify(self) -> None:
        """Documents were queued: wake the idle slots to claim them from the database."""
        with self._wake:
            self._generation += 1
            self._doc_generation += 1
            self._wake.notify_all()

    def _notify_extract(self) -> None:
        with self._wake:
            self._generation += 1
            self._wake.notify()  # one job, one slot: the others need not wake

    # interactive extraction
    def submit_extract(self, data: bytes, filename: str) -> Future[bytes]:
        if self.size == 0:
            raise WorkerUnavailableError("This server runs without worker processes.")
        if self._extract.qsize() >= self.settings.max_extract_queue:
            raise PoolBusyError("All workers are busy; retry in a few seconds.")
        job = _ExtractJob(data, filename)
        self._extract.put(job)
        self._notify_extract()
        return job.future

    # the slot
    def _slot_loop(self, slot: int, proc: WorkerProcess) -> None:
        """Serve interactive extractions first, then queued documents, then sleep.

        The database is asked for documents only when an upload was announced (:meth:`notify`)
        or ``poll_interval_s`` has passed (work queued by another server, or left by a restart).
        So an extraction is never answered late because its slot, or a sibling holding the GIL,
        was busy polling an empty queue.
        """
        worker_id = f"{self.boot}:{slot}"
        looked_gen, looked_at = -1, 0.0  # the last time the document queue was found empty
        while not self._stop.is_set():
            if not proc.alive() and not proc.start():
                log.error("worker %s failed to start; retrying", worker_id)
                self._stop.wait(5)
                continue
            with self._wake:
                generation, doc_generation = self._generation, self._doc_generation
            rss = 0
            try:
                job = self._extract.get_nowait()
            except queue.Empty:
                job = None
            if job is not None:
                if not job.future.set_running_or_notify_cancel():
                    continue
                outcome, rss = proc.run(job.data, job.filename, self.settings.extract_timeout_s)
                if outcome.kind == "ok" and outcome.raw is not None:
                    job.future.set_result(outcome.raw)
                else:
                    job.future.set_exception(_as_error(outcome))
            else:
                poll = self.settings.poll_interval_s
                due = doc_generation != looked_gen or time.monotonic() - looked_at >= poll
                done = self._process_one(worker_id, proc) if due else None
                if done is None:
                    if due:
                        looked_gen, looked_at = doc_generation, time.monotonic()
                    # Sleep only if nothing arrived since we looked: a notify() that came while
                    # we were querying the database must not be lost for a whole poll interval.
                    with self._wake:
                        if self._generation == generation and self._extract.empty():
                            left = poll - (time.monotonic() - looked_at)
                            self._wake.wait(max(0.0, left))
                    continue
                rss = done
            self._maybe_recycle(proc, rss)

    def _process_one(self, worker_id: str, proc: WorkerProcess) -> int | None:
        """Claim and process one document: the worker's RSS in MB, ``None`` if none queued."""
        s = self.settings
        try:
            with self.storage.sessions() as session:
                doc = repo.claim_next_document(
                    session, worker=worker_id, lease_s=s.lease_s, max_attempts=s.max_attempts
                )
                if doc is None:
                    return None
                doc_id, sha, filename = doc.id, doc.sha256, doc.filename
        except Exception:
            log.exception("claiming a document failed")  # database down: try again later
            self._stop.wait(s.poll_interval_s)
            return None

        def renew() -> None:
            try:
                with self.storage.sessions() as session:
                    repo.renew_lease(
                        session, document_id=doc_id, worker=worker_id, lease_s=s.lease_s
                    )
            except Exception:  # the database is away for a moment: the next tick tries again
                log.exception("renewing the lease of %s failed", doc_id)

        try:
            data = self.storage.files.get(sha)
        except OSError as exc:
            outcome = Outcome("error", code="file_missing", message=f"Original unreadable: {exc}")
            rss = 0
        else:
            outcome, rss = proc.run(
                data, filename, s.document_timeout_s, tick=renew, tick_every=s.lease_s / 3
            )
        # Recording must survive a database hiccup (a restart, a pool timeout): retry with backoff,
        # and if the database stays away, leave the lease to expire so the document is claimed
        # again. An exception here used to end the slot's thread and strand the document.
        result = outcome.result if outcome.kind == "ok" else None  # parsed once, not per retry
        for attempt in range(6):
            try:
                with self.storage.sessions() as session:
                    if result is not None:
                        repo.complete_document(
                            session, document_id=doc_id, worker=worker_id, result=result
                        )
                    elif outcome.kind == "crashed":
                        repo.release_document(
                            session,
                            document_id=doc_id,
                            worker=worker_id,
                            max_attempts=s.max_attempts,
                            reason=outcome.message,
                        )
                    else:
                        repo.fail_document(
                            session,
                            document_id=doc_id,
                            worker=worker_id,
                            code=outcome.code,
                            message=outcome.message,
                        )
                break
            except Exception:
                log.exception(
                    "recording the outcome of %s failed (attempt %d)", doc_id, attempt + 1
                )
                if self._stop.wait(min(5.0, 0.25 * 2**attempt)):
                    break
        return rss

    def _maybe_recycle(self, proc: WorkerProcess, rss_mb: int) -> None:
        """Replace a process that served many jobs or grew too big (leaks, huge documents)."""
        s = self.settings
        if proc.alive() and (proc.jobs >= s.worker_max_tasks or rss_mb > s.worker_max_rss_mb):
            proc.kill()


def _as_error(outcome: Outcome) -> NlpServiceError:
    err = NlpServiceError(outcome.message or "processing failed")
    err.code = outcome.code or "worker_crashed"
    err.http_status = outcome.http_status if outcome.kind != "crashed" else 500
    return err
