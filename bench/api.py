"""HTTP overhead of ``POST /v1/extract`` against the pipeline called in-process.

Why: the API runs the pipeline in worker processes; the hops (multipart parse, content sniffing,
a pipe to the worker and back, JSON out) must stay small next to the extraction itself — issue 5
asks for at most 15 % at p50. The reference is ``process()`` on the same 2-page text PDF in this
process; the service is a real uvicorn on loopback (SQLite in a temporary directory).

    .venv/bin/python bench/api.py [--requests 40] [--workers 2]

Prints p50/p95 for the pipeline, for 1 client and for 8 concurrent clients, and the ratios. At 8
clients requests queue for the ``--workers`` processes, so the fair reference there is the
pipeline's time multiplied by clients / workers (and throughput is compared too).

The clients are plain keep-alive HTTP/1.1 connections (``http.client``) sending a prepared
multipart body: what is measured is the service, not the client library. httpx, measured in the
same run, costs about 2.5 ms more per request on this machine by itself (building the multipart
body, its transport stack); its figure is printed too, for reference.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "api"))

from apitest import live_server  # noqa: E402
from service_notices import notice_pdf  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def in_process(pdf: bytes, n: int) -> list[float]:
    from nlp_service.pipeline import process

    for _ in range(3):
        process(pdf, "bench.pdf")
    times = []
    for _ in range(n):
        start = time.perf_counter()
        process(pdf, "bench.pdf")
        times.append(time.perf_counter() - start)
    return times


class LeanClient:
    """One keep-alive connection posting the same prepared multipart upload."""

    def __init__(self, base: str, pdf: bytes) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=120)
        boundary = uuid.uuid4().hex
        self.headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        self.body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                'filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + pdf
            + f"\r\n--{boundary}--\r\n".encode()
        )

    def extract(self) -> None:
        self.conn.request("POST", "/v1/extract", body=self.body, headers=self.headers)
        response = self.conn.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {payload[:200]!r}")

    def close(self) -> None:
        self.conn.close()


def over_http(base: str, pdf: bytes, clients: int, n: int) -> tuple[list[float], float]:
    """Latencies of ``n`` requests per client and the wall time of the whole run."""

    def one_client(_: int) -> list[float]:
        out = []
        client = LeanClient(base, pdf)
        try:
            for _ in range(n):
                start = time.perf_counter()
                client.extract()
                out.append(time.perf_counter() - start)
        finally:
            client.close()
        return out

    with ThreadPoolExecutor(clients) as pool:
        start = time.perf_counter()
        results = list(pool.map(one_client, range(clients)))
        wall = time.perf_counter() - start
    return [t for r in results for t in r], wall


def interleaved(base: str, pdf: bytes, n: int) -> tuple[list[float], list[float], list[float]]:
    """Pipeline, lean client and httpx timed in turns, so load from other processes hits all."""
    from nlp_service.pipeline import process

    ref, lean, via_httpx = [], [], []
    client = LeanClient(base, pdf)
    with httpx.Client(base_url=base, timeout=120) as hx:
        for _ in range(n):
            start = time.perf_counter()
            process(pdf, "bench.pdf")
            ref.append(time.perf_counter() - start)
            start = time.perf_counter()
            client.extract()
            lean.append(time.perf_counter() - start)
            start = time.perf_counter()
            r = hx.post("/v1/extract", files={"file": ("bench.pdf", pdf)})
            via_httpx.append(time.perf_counter() - start)
            if r.status_code != 200:
                raise RuntimeError(f"{r.status_code}: {r.text[:200]}")
    client.close()
    return ref, lean, via_httpx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40, help="per client at 1 client")
    parser.add_argument("--workers", type=int, default=2, help="service worker processes")
    args = parser.parse_args()

    pdf = notice_pdf("bench", pages=2)
    in_process(pdf, 3)  # load the models in this process too
    with (
        tempfile.TemporaryDirectory() as tmp,
        live_server(Path(tmp), workers=str(args.workers)) as base,
    ):
        over_http(base, pdf, 1, 5)  # warm-up
        ref, one, via_httpx = interleaved(base, pdf, args.requests)
        per_client = max(5, args.requests // 2)
        eight, wall = over_http(base, pdf, 8, per_client)

    ref50, ref95 = statistics.median(ref), pct(ref, 0.95)
    p50_1, p95_1 = statistics.median(one), pct(one, 0.95)
    p50_8, p95_8 = statistics.median(eight), pct(eight, 0.95)
    print(f"2-page text PDF, {len(pdf)} bytes, {args.workers} worker processes")
    print(f"in-process pipeline      p50 {ref50 * 1000:7.1f} ms   p95 {ref95 * 1000:7.1f} ms")
    print(f"HTTP, 1 client           p50 {p50_1 * 1000:7.1f} ms   p95 {p95_1 * 1000:7.1f} ms")
    p50_h = statistics.median(via_httpx)
    print(
        f"HTTP, 1 httpx client     p50 {p50_h * 1000:7.1f} ms   "
        f"(+{(p50_h - ref50) * 1000:.1f} ms, {100 * (p50_h / ref50 - 1):+.1f} % with httpx itself)"
    )
    print(f"HTTP, 8 clients          p50 {p50_8 * 1000:7.1f} ms   p95 {p95_8 * 1000:7.1f} ms")
    print(
        f"ratio 1 client  p50 {p50_1 / ref50:5.2f}  p95 {p95_1 / ref95:5.2f}"
        f"   (HTTP overhead at p50: {100 * (p50_1 / ref50 - 1):+.1f} %, "
        f"{(p50_1 - ref50) * 1000:+.1f} ms)"
    )
    # Each HTTP call next to the pipeline run just before it: drift in the machine's speed over
    # the run (other processes, frequency) cancels out of the pair.
    paired = statistics.median(h / r for h, r in zip(one, ref, strict=True))
    print(f"paired ratio 1 client (median of HTTP / pipeline, call by call) {paired:5.2f}")
    queued = ref50 * 8 / args.workers
    print(
        f"ratio 8 clients p50 {p50_8 / ref50:5.2f} vs pipeline, "
        f"{p50_8 / queued:5.2f} vs pipeline x 8/{args.workers} (queueing for the workers)"
    )
    throughput = len(eight) / wall
    ideal = args.workers / ref50
    print(
        f"throughput at 8 clients {throughput:5.1f} req/s = {throughput / ideal:4.2f} "
        f"x ({args.workers} workers / pipeline time = {ideal:.1f} req/s)"
    )


if __name__ == "__main__":
    main()
