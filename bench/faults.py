"""Fault runs against a real ``nlp-service serve``: a killed worker, a restarted PostgreSQL, a
full data directory.

Why scripts and not tests: each needs a live server with real worker processes, and two of them
need root (restarting the cluster, mounting a tmpfs); they take minutes, so they are run by hand
and their last results are kept in ``docs/reliability.md``.

    .venv/bin/python bench/faults.py kill-worker
    .venv/bin/python bench/faults.py pg-restart [--seconds 60]     # needs PostgreSQL and root
    .venv/bin/python bench/faults.py disk-full                      # needs root (tmpfs mount)

Each prints what happened and a verdict, and exits 1 on failure. ``pg-restart`` always leaves
PostgreSQL running (checked with ``pg_isready``), whatever happened.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
from load import Server, Stats, audit, database, db_rows, load_average, report, run_clients
from service_notices import notice_pdf, notice_text  # load.py put tests/api on the path
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from nlp_service.storage.testing import admin_url

PENDING = ("queued", "processing")


def worker_pids(server: Server) -> list[int]:
    """The pipeline processes: spawned children of the server (not the resource tracker)."""
    assert server.proc is not None
    children = psutil.Process(server.proc.pid).children(recursive=True)
    return [c.pid for c in children if "spawn_main" in " ".join(c.cmdline())]


def wait_settled(url: str, timeout: float) -> list[tuple[str, str, str]]:
    deadline = time.monotonic() + timeout
    while True:
        rows = db_rows(url)
        if not any(s in PENDING for _, _, s in rows) or time.monotonic() > deadline:
            return rows
        time.sleep(1)


def log_problems(server: Server) -> None:
    """Summarise the server log: dead threads and the exception types that reached it."""
    log = server.log_path.read_text(errors="replace").splitlines()
    dead = [line for line in log if line.startswith("Exception in thread")]
    kinds = Counter(
        line.split(":", 1)[0] for line in log if line and line.split(":", 1)[0].endswith("Error")
    )
    print(f"server log: {len(dead)} dead threads {dead[:3]}; exception types {dict(kinds)}")


# --------------------------------------------------------------------------- (a) kill a worker


def kill_worker(args: argparse.Namespace) -> bool:
    """Kill the process working on a multi-page PDF; it must end done or failed, not stuck."""
    with (
        tempfile.TemporaryDirectory(prefix="nls-fault-") as tmp,
        Server(Path(tmp), None, workers=1) as srv,
    ):
        url = srv.database_url
        big = notice_pdf(f"kill-{os.getpid()}", pages=40)
        with httpx.Client(base_url=srv.base, timeout=60) as http:
            r = http.post("/v1/documents", files=[("files", ("big.pdf", big))])
            target = r.json()["documents"][0]["id"]
            for i in range(5):  # queued behind it: must still be processed afterwards
                http.post("/v1/documents", files=[("files", (f"{i}.txt", notice_text(f"k{i}")))])
            deadline = time.monotonic() + 60
            while http.get(f"/v1/documents/{target}").json()["status"] != "processing":
                if time.monotonic() > deadline:
                    print("the document never started processing")
                    return False
                time.sleep(0.05)
            time.sleep(0.3)  # mid-document
            pids = worker_pids(srv)
            print(f"killing worker pid {pids[0]} (of {pids}) while {target} is processing")
            os.kill(pids[0], signal.SIGKILL)
            killed_at = time.monotonic()
            rows = wait_settled(url, timeout=300)
            settled = time.monotonic() - killed_at
            doc = http.get(f"/v1/documents/{target}").json()
            ready = http.get("/readyz").json()
        print(f"target: status {doc['status']}, attempts {doc['attempts']}, error {doc['error']}")
        print(
            f"all rows {dict(Counter(s for _, _, s in rows))} settled {settled:.1f} s after "
            f"the kill; workers_ready {ready.get('workers_ready')}; pids {worker_pids(srv)}"
        )
        return doc["status"] in ("done", "failed") and not any(s in PENDING for _, _, s in rows)


# --------------------------------------------------------------------------- (b) PostgreSQL


def pg_cluster(action: str) -> subprocess.CompletedProcess[str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1"], capture_output=True).returncode == 0


@contextmanager
def throwaway_database(data_dir: Path) -> Iterator[str]:
    """``load.database(postgres=True)``, but the DROP is retried on a fresh connection: the
    helper's admin connection was opened before the restart and is dead by the time it drops
    (nlp_service.storage.testing has no pre-ping), which would leak the database."""
    context = database(True, data_dir)
    url = context.__enter__()
    try:
        yield url
    finally:
        try:
            context.__exit__(None, None, None)
        except OperationalError:
            admin = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                name = make_url(url).database
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def pg_restart(args: argparse.Namespace) -> bool:
    """Restart the cluster a third of the way into a load run; nothing accepted may be lost."""
    try:
        with (
            tempfile.TemporaryDirectory(prefix="nls-fault-") as tmp,
            throwaway_database(Path(tmp)) as url,
            Server(Path(tmp), url, workers=2) as srv,
        ):
            stats = Stats()
            clients = threading.Thread(
                target=run_clients,
                kwargs={"base": srv.base, "clients": args.clients, "seconds": args.seconds,
                        "max_requests": 10**6, "stats": stats},
            )  # fmt: skip
            start = time.monotonic()
            clients.start()
            time.sleep(args.seconds / 3)
            restarted = pg_cluster("restart")
            back = time.monotonic() - start
            print(f"pg_ctlcluster restart at {args.seconds / 3:.0f} s: rc {restarted.returncode}"
                  f" {restarted.stderr.strip()[:200]}; done at {back:.0f} s")  # fmt: skip
            before_end = {k: v for k, v in stats.statuses.items()}
            clients.join()
            wall = time.monotonic() - start
            result = audit(url, stats)
            report(stats, result, wall)
            log_problems(srv)
            late = {k: v - before_end.get(k, 0) for k, v in stats.statuses.items()}
            late_errors = sum(n for (_, s), n in late.items() if s >= 500)
            print(f"5xx after the restart window: {late_errors}")
            unexpected = stats.server_errors(allowed=lambda route, s: s == 503)
            print(f"5xx other than 503: {unexpected}")
            return result.ok and not unexpected and not late_errors
    finally:
        if not pg_ready():
            pg_cluster("start")
        for _ in range(30):
            if pg_ready():
                break
            time.sleep(1)
        print("PostgreSQL after the run:", "ready" if pg_ready() else "NOT READY")


# --------------------------------------------------------------------------- (c) disk full


def filler(tag: str, size: int) -> bytes:
    """A distinct notice padded to ``size`` bytes with more Vietnamese lines."""
    body = notice_text(tag, extra=True)
    line = "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án.\n".encode()
    return body + b"\n" + line * max(0, (size - len(body)) // len(line))


def disk_full(args: argparse.Namespace) -> bool:
    """A tmpfs of ``--size`` as the data directory, uploads until it is full and beyond."""
    mount_point = Path(tempfile.mkdtemp(prefix="nls-full-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.size}", "tmpfs",
                    str(mount_point)], check=True)  # fmt: skip
    statuses: Counter[int] = Counter()
    bad_bodies = 0
    accepted: set[str] = set()
    try:
        with Server(mount_point, None, workers=1) as srv:
            with httpx.Client(base_url=srv.base, timeout=60) as http:
                for i in range(args.uploads):
                    data = filler(f"full-{i}-{os.getpid()}", 150_000)
                    r = http.post("/v1/documents", files=[("files", (f"f{i}.txt", data))])
                    statuses[r.status_code] += 1
                    if r.status_code in (200, 202):
                        accepted.add(r.json()["documents"][0]["id"])
                    else:
                        body: Any = r.json() if "json" in r.headers.get("content-type", "") else {}
                        shape_ok = set(body) == {"error"} and {"code", "message"} <= set(
                            body.get("error", {})
                        )
                        bad_bodies += not shape_ok
                        if statuses[r.status_code] == 1:
                            print(f"upload {i}: {r.status_code} {r.text[:160]}")
                alive = http.get("/healthz").status_code
                listing = http.get("/v1/documents?limit=1").status_code
            rows = wait_settled(srv.database_url, timeout=60)
            log_problems(srv)
            engine = create_engine(srv.database_url)
            with engine.connect() as conn:
                integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
                shas = [r[0] for r in conn.execute(text("SELECT sha256 FROM documents"))]
            engine.dispose()
        files = {p.name for p in (mount_point / "files").rglob("*") if p.is_file()}
        temp_left = [f for f in files if f.startswith(".tmp-")]
        missing_files = [s for s in shas if s not in files]
        ids = {r[0] for r in rows}
        print(f"statuses {dict(statuses)}; bad error bodies {bad_bodies}; healthz {alive}; "
              f"list {listing}")  # fmt: skip
        print(f"rows {len(rows)} {dict(Counter(s for _, _, s in rows))}; accepted "
              f"{len(accepted)}, missing {len(accepted - ids)}; integrity {integrity}; rows "
              f"without file {len(missing_files)}; temp files left {len(temp_left)}")  # fmt: skip
        full_answers = statuses[507] + statuses[503]
        return (
            full_answers > 0
            and not any(s >= 500 and s not in (503, 507) for s in statuses)
            and not bad_bodies
            and integrity == "ok"
            and not missing_files
            and not (accepted - ids)
            and not any(s in PENDING for _, _, s in rows)
        )
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)
        mount_point.rmdir()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fault", choices=["kill-worker", "pg-restart", "disk-full"])
    parser.add_argument("--seconds", type=float, default=60, help="pg-restart: load duration")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--size", default="3m", help="disk-full: tmpfs size")
    parser.add_argument("--uploads", type=int, default=40, help="disk-full: upload attempts")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on `timeout`
    print(time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "·", load_average())
    run = {"kill-worker": kill_worker, "pg-restart": pg_restart, "disk-full": disk_full}
    ok = run[args.fault](args)
    print("VERDICT", "OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
