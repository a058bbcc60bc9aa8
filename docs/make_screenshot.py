"""Remake docs/screenshot-document.png: the document page of one of our sample notices.

Why a script: the README shows the page a reviewer works in, and it changes with the UI; this
starts the real service on a temporary SQLite database seeded with ``corpus/authored`` (as
``make run`` does), waits for the notices to be processed and photographs the document page in
Debian's chromium.

    .venv/bin/python docs/make_screenshot.py [--notice NAME] [--out docs/screenshot-document.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "api"))

from apitest import live_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notice", default="tb-ket-luan-thuong-truc-hdnd-tinh-quang-ngai-2026.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-document.png")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp), workers="2") as base:
        source = ROOT / "corpus" / "authored" / args.notice
        with httpx.Client(base_url=base, timeout=60) as client:
            r = client.post("/v1/documents", files=[("files", (source.name, source.read_bytes()))])
            r.raise_for_status()
            doc_id = r.json()["documents"][0]["id"]
            for _ in range(240):
                if client.get(f"/v1/documents/{doc_id}").json()["status"] == "done":
                    break
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(f"{base}/documents/{doc_id}")
            page.wait_for_selector("#doc-text")
            page.screenshot(path=str(args.out), full_page=False)
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
