"""Load run: concurrent clients uploading and reading against a real ``nlp-service serve``.

Why: the issue asks that 20 clients uploading and reading for two minutes cause no errors and
neither lose nor duplicate a document. The script starts the server itself on 127.0.0.1 with a
temporary data directory (SQLite, or ``--postgres`` for a throwaway PostgreSQL database), runs
the clients for a bounded time *and* a bounded request count, stops them, waits for the queue
to drain and then counts the rows in the database against the uploads the server accepted.

    .venv/bin/python bench/load.py [--seconds 120] [--clients 20] [--max-requests 20000]
                                   [--workers 2] [--postgres]

Prints p50/p95 latency per route, the status counts, and the verdict; exits 1 when a request
got a 5xx, an accepted upload is missing, a document is duplicated or stuck in processing.
``bench/faults.py`` reuses :class:`Server`, :func:`run_clients` and :func:`audit`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "api"))

from apitest import free_port  # noqa: E402
from service_notices import notice_text  # noqa: E402

from nlp_service.storage.testing import temporary_postgres_database  # noqa: E402

UPLOAD = "POST /v1/documents"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


# --------------------------------------------------------------------------- the server


class Server:
    """``nlp-service serve`` in a child process, on a free loopback port, stopped on exit."""

    def __init__(self, data_dir: Path, database_url: str | None, workers: int = 2) -> None:
        self.data_dir = data_dir
        self.database_url = database_url or f"sqlite:///{data_dir / 'nlp_service.sqlite3'}"
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "server.log"

    def start(self, timeout: float = 300) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "NLP_SERVICE_DATA_DIR": str(self.data_dir),
            "NLP_SERVICE_DATABASE_URL": self.database_url,
            "NLP_SERVICE_POLL_INTERVAL_S": "0.2",
        }
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("nlp-service")), "serve", "--port",
             str(self.port), "--workers", str(self.workers)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("server did not become ready:\n" + self.log_path.read_text()[-3000:])

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        # The whole session: uvicorn and its worker processes (we started them, by our pid).
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


@contextmanager
def database(postgres: bool, data_dir: Path) -> Iterator[str]:
    if postgres:
        with temporary_postgres_database("nls_load") as url:
            yield url
    else:
        yield f"sqlite:///{data_dir / 'nlp_service.sqlite3'}"


# --------------------------------------------------------------------------- the clients


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    accepted: dict[str, str] = field(default_factory=dict)  # sha256 -> document id
    duplicates_reported: int = 0
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, route: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies[route].append(seconds)
            self.statuses[(route, status)] += 1

    def server_errors(self, allowed: Callable[[str, int], bool] = lambda r, s: False) -> int:
        return sum(
            n for (route, s), n in self.statuses.items() if s >= 500 and not allowed(route, s)
        )


def run_clients(
    base: str,
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    stats: Stats | None = None,
    stop: threading.Event | None = None,
) -> Stats:
    """``clients`` threads: every fourth request uploads a distinct notice, the others list
    documents, list tasks or read one of the client's own documents. Stops at ``seconds``,
    ``max_requests`` in all, or when ``stop`` is set."""
    stats = stats or Stats()
    stop = stop or threading.Event()
    deadline = time.monotonic() + seconds
    run_id = os.urandom(4).hex()

    def take_ticket() -> bool:
        with stats.lock:
            if stats.requests >= max_requests:
                return False
            stats.requests += 1
            return True

    def client(index: int) -> None:
        rng = random.Random(index)
        mine: list[str] = []
        with httpx.Client(base_url=base, timeout=60) as http:
            step = 0
            while time.monotonic() < deadline and not stop.is_set() and take_ticket():
                step += 1
                kind = step % 4
                data = b""
                if kind == 1 or not mine:
                    route = UPLOAD
                    data = notice_text(f"{run_id}-{index}-{step}", extra=rng.random() < 0.5)
                    request = http.build_request(
                        "POST", "/v1/documents", files=[("files", (f"n{index}-{step}.txt", data))]
                    )
                elif kind == 2:
                    route, request = (
                        "GET /v1/documents",
                        http.build_request("GET", "/v1/documents?limit=20"),
                    )
                elif kind == 3:
                    route = "GET /v1/tasks"
                    request = http.build_request("GET", "/v1/tasks?limit=20")
                else:
                    route = "GET /v1/documents/{id}"
                    request = http.build_request("GET", f"/v1/documents/{rng.choice(mine)}")
                start = time.perf_counter()
                try:
                    r = http.send(request)
                except httpx.HTTPError as exc:
                    with stats.lock:
                        stats.transport_errors[f"{route}: {type(exc).__name__}"] += 1
                    time.sleep(0.2)
                    continue
                stats.record(route, r.status_code, time.perf_counter() - start)
                if route == UPLOAD and r.status_code in (200, 202):
                    (doc,) = r.json()["documents"]
                    with stats.lock:
                        stats.accepted[hashlib.sha256(data).hexdigest()] = doc["id"]
                        stats.duplicates_reported += bool(doc["duplicate"])
                    mine.append(doc["id"])
                elif r.status_code == 503:
                    time.sleep(float(r.headers.get("retry-after", "1")) / 5)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats


# --------------------------------------------------------------------------- the audit


@dataclass
class Audit:
    rows: int
    by_status: dict[str, int]
    missing: int  # accepted by the server, absent from the database
    duplicated: int  # more than one row for one uploaded file
    unacknowledged: int  # rows whose upload the client never saw accepted
    drained: bool
    drain_seconds: float

    @property
    def ok(self) -> bool:
        return self.drained and not (self.missing or self.duplicated)


def db_rows(database_url: str) -> list[tuple[str, str, str]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, sha256, status FROM documents")).all()
    finally:
        engine.dispose()
    return [(r[0], r[1], r[2]) for r in rows]


def audit(
    database_url: str, stats: Stats, drain_timeout: float = 600, stall_timeout: float = 60
) -> Audit:
    """Wait until nothing is queued or processing — or until the queue has not moved for
    ``stall_timeout`` (stuck workers), or ``drain_timeout`` — then compare rows with uploads."""
    start = last_change = time.monotonic()
    last_pending = -1
    while True:
        rows = db_rows(database_url)
        pending = sum(1 for _, _, s in rows if s in ("queued", "processing"))
        now = time.monotonic()
        if pending != last_pending:
            last_pending, last_change = pending, now
        if not pending or now - start > drain_timeout or now - last_change > stall_timeout:
            break
        time.sleep(2)
    per_sha = Counter(sha for _, sha, _ in rows)
    return Audit(
        rows=len(rows),
        by_status=dict(Counter(s for _, _, s in rows)),
        missing=sum(1 for sha in stats.accepted if sha not in per_sha),
        duplicated=sum(n - 1 for n in per_sha.values() if n > 1),
        unacknowledged=sum(1 for sha in per_sha if sha not in stats.accepted),
        drained=not pending,
        drain_seconds=time.monotonic() - start,
    )


def report(stats: Stats, result: Audit, wall: float) -> None:
    print(f"\n{'route':26} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for route, values in sorted(stats.latencies.items()):
        print(
            f"{route:26} {len(values):>6} {pct(values, 0.5) * 1000:>8.1f} "
            f"{pct(values, 0.95) * 1000:>8.1f} {max(values) * 1000:>8.1f}"
        )
    total = sum(len(v) for v in stats.latencies.values())
    print(f"\nrequests {total} in {wall:.0f} s ({total / wall:.1f}/s)")
    print("statuses", dict(sorted((f"{r} {s}", n) for (r, s), n in stats.statuses.items())))
    if stats.transport_errors:
        print("transport errors", dict(stats.transport_errors))
    print(
        f"accepted uploads {len(stats.accepted)} (reported duplicate {stats.duplicates_reported})"
        f"; rows {result.rows} {result.by_status}; missing {result.missing}; duplicated "
        f"{result.duplicated}; unacknowledged {result.unacknowledged}; "
        f"drained {result.drained} in {result.drain_seconds:.0f} s"
    )


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on `timeout`
    print(time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "·", load_average())
    with tempfile.TemporaryDirectory(prefix="nls-load-") as tmp:
        data_dir = Path(tmp)
        with database(args.postgres, data_dir) as url, Server(data_dir, url, args.workers) as srv:
            print(f"server {srv.base} ({'PostgreSQL' if args.postgres else 'SQLite'}), "
                  f"{args.workers} workers; {args.clients} clients for {args.seconds:.0f} s "
                  f"or {args.max_requests} requests")  # fmt: skip
            start = time.monotonic()
            stats = run_clients(
                srv.base, clients=args.clients, seconds=args.seconds,
                max_requests=args.max_requests,
            )  # fmt: skip
            wall = time.monotonic() - start
            result = audit(url, stats)
            report(stats, result, wall)
    print("after:", load_average())
    failed = stats.server_errors() or stats.transport_errors or not result.ok
    print("VERDICT", "FAIL" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
