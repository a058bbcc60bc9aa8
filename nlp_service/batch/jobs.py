"""Jobs and outcomes: what runners receive and what they hand back.

Only bytes, file names and JSON-ready dicts cross process boundaries: the pipeline's heavy
objects (underthesea's CRF tagger cannot even be pickled) stay inside the process that built
them. The feed reads and hashes inputs lazily, as runners ask for work, so memory holds only
the documents in flight, and it decides here, once, what is skipped: inputs DEST already holds,
repeated content, and files over the size limit.
"""

from __future__ import annotations

import hashlib
import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from nlp_service.errors import FileTooLargeError, NlpServiceError
from nlp_service.readers.limits import DEFAULT_LIMITS

OutcomeKind = Literal["ok", "error", "skipped"]


@dataclass(frozen=True)
class Job:
    path: Path
    data: bytes
    sha256: str

    @property
    def filename(self) -> str:
        return self.path.name


@dataclass
class Outcome:
    """What became of one input. ``record`` for ``ok``; ``code``/``message`` for ``error``;
    ``skipped`` inputs are already in DEST (``code="done"``) or repeat another input's bytes
    (``code="duplicate"``)."""

    path: Path
    kind: OutcomeKind
    sha256: str | None = None
    record: dict[str, Any] | None = None
    code: str = ""
    message: str = ""
    seconds: float = 0.0
    worker: str = ""
    rss_mb: int = 0

    def error_entry(self) -> dict[str, Any]:
        """The line written to ``DEST.errors.jsonl``."""
        return {
            "filename": self.path.name,
            "path": str(self.path),
            "sha256": self.sha256,
            "code": self.code,
            "message": self.message,
            "seconds": round(self.seconds, 3),
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class Feed:
    """Turns paths into jobs on demand; anything decided without the pipeline comes out as a
    ready :class:`Outcome` instead of a job."""

    paths: list[Path]
    done: set[str] = field(default_factory=set)
    max_bytes: int = DEFAULT_LIMITS.max_bytes

    def __iter__(self) -> Iterator[Job | Outcome]:
        seen: set[str] = set()
        for path in self.paths:
            try:
                size = path.stat().st_size
                if size > self.max_bytes:
                    mb, limit = size / 2**20, self.max_bytes / 2**20
                    err = FileTooLargeError(f"File is {mb:.1f} MB; the limit is {limit:.0f} MB.")
                    yield Outcome(path, "error", code=err.code, message=err.message)
                    continue
                data = path.read_bytes()
            except OSError as exc:
                yield Outcome(path, "error", code="unreadable", message=f"{exc.strerror or exc}")
                continue
            sha = hashlib.sha256(data).hexdigest()
            if sha in self.done:
                yield Outcome(path, "skipped", sha256=sha, code="done")
            elif sha in seen:
                yield Outcome(path, "skipped", sha256=sha, code="duplicate")
            else:
                seen.add(sha)
                yield Job(path, data, sha)


def peak_rss_mb() -> int:
    """Peak resident memory of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def run_pipeline(data: bytes, filename: str) -> dict[str, Any]:
    """Process one document in the current process; the task that Dask workers run.

    Returns a plain dict (``kind`` ok/error, ``record`` or ``code``/``message``, ``seconds``,
    ``worker``, ``rss_mb``) so that nothing but JSON-ready data travels back. The pipeline
    caches its models per process, so each worker process loads them once.
    """
    from nlp_service.pipeline import process

    start = time.perf_counter()
    out: dict[str, Any]
    try:
        out = {"kind": "ok", "record": process(data, filename).model_dump(mode="json")}
    except NlpServiceError as exc:
        out = {"kind": "error", "code": exc.code, "message": exc.message}
    except Exception as exc:  # a pipeline bug fails one document, never the run
        out = {"kind": "error", "code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}
    out["seconds"] = time.perf_counter() - start
    out["worker"] = f"{os.uname().nodename}:{os.getpid()}"
    out["rss_mb"] = peak_rss_mb()
    return out


def outcome_from(job: Job, payload: dict[str, Any]) -> Outcome:
    return Outcome(
        job.path,
        "ok" if payload["kind"] == "ok" else "error",
        sha256=job.sha256,
        record=payload.get("record"),
        code=payload.get("code", ""),
        message=payload.get("message", ""),
        seconds=float(payload.get("seconds", 0.0)),
        worker=str(payload.get("worker", "")),
        rss_mb=int(payload.get("rss_mb", 0)),
    )
