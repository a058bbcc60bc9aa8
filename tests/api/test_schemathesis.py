"""Property-based run of the OpenAPI schema (schemathesis) against a live server: no 5xx, every
answer matches its documented status, content type, headers and body schema; requests that break
the schema are refused; the stateful phase follows the OpenAPI links from an upload to its
document, file and tasks. Kept short on purpose (~15 s).

``positive_data_acceptance`` is left out: an upload is validated by its *content* (empty, not a
notice, bad cursor token) which no schema can express, so schema-valid bytes are rightly refused
with 415/422/400. For the two upload routes ``negative_data_rejection`` is off too: a multipart
file part is bytes whatever schemathesis meant to put in it (an "integer" file is still a file).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from apitest import live_server

pytest.importorskip("schemathesis")
pytestmark = pytest.mark.slow


CONFIG = """
[[operations]]
include-path-regex = "^/v1/(extract|documents)$"
include-method = "POST"
checks.negative_data_rejection.enabled = false
"""


def test_api_conforms_to_its_schema(tmp_path: Path) -> None:
    (tmp_path / "schemathesis.toml").write_text(CONFIG)
    cli = shutil.which("schemathesis") or str(Path(sys.executable).with_name("schemathesis"))
    with live_server(tmp_path / "data") as base:
        run = subprocess.run(
            [
                cli,
                "run",
                f"{base}/openapi.json",
                "--max-examples",
                "10",
                "--phases",
                "examples,coverage,fuzzing",
                "--exclude-checks",
                "positive_data_acceptance",
                "--workers",
                "1",
                "--max-response-time",
                "30",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
