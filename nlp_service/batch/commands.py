"""Typer commands ``batch`` and ``stats``; ``register(app)`` adds them to the main CLI.

Bad arguments (no such input, an unusable ``--out``, an unreachable scheduler) print a message
and exit non-zero before any work starts; failures of single documents never stop a run —
they are listed in ``DEST.errors.jsonl`` and counted in the summary.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from nlp_service.batch.inputs import InputError
from nlp_service.batch.run import DEFAULT_TIMEOUT_S, BatchConfig, run_batch
from nlp_service.batch.sinks import DestinationError
from nlp_service.batch.stats import compute_stats, render

USAGE_ERROR = 2
RUN_ERROR = 1
_SCHEDULER = re.compile(r"^(tcp|tls)://[^\s/:]+(:\d+)?$|^(tcp|tls)://\[[0-9a-fA-F:]+\](:\d+)?$")


def _fail(message: str, code: int = USAGE_ERROR) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT", help="Files, directories (read recursively) or globs ('**' ok)."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="DEST: a .jsonl file, a .parquet directory (tables documents, tasks, "
            "assignees) or a directory of per-file JSON. Failures go to DEST.errors.jsonl.",
        ),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Local worker processes (default: the number of cores)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Reprocess inputs already in DEST (replacing them).")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Time limit per file, in seconds.")
    ] = DEFAULT_TIMEOUT_S,
    dask_scheduler: Annotated[
        str | None,
        typer.Option(
            "--dask-scheduler",
            metavar="tcp://HOST:PORT",
            help="Run on a Dask distributed cluster instead of local processes.",
        ),
    ] = None,
) -> None:
    """Process many notices into one output; rerunning skips what is already done."""
    if dask_scheduler is not None and not _SCHEDULER.match(dask_scheduler):
        raise _fail(f"'{dask_scheduler}' is not a scheduler address like tcp://HOST:8786.")
    cfg = BatchConfig(
        inputs=list(inputs),
        dest=out,
        workers=workers or os.cpu_count() or 1,
        force=force,
        timeout=timeout,
        scheduler=dask_scheduler,
    )
    try:
        summary = run_batch(cfg)
    except (InputError, DestinationError, ValueError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:  # scheduler unreachable, DEST not writable
        raise _fail(str(exc) or type(exc).__name__, RUN_ERROR) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; run the same command again to resume.", 130) from None
    msg = (
        f"{summary.processed} processed, {summary.failed} failed, {summary.skipped} skipped "
        f"of {summary.total} files in {summary.seconds:.1f} s ({summary.docs_per_s:.2f} docs/s)."
    )
    if summary.failed:
        msg += f" Failures: {summary.errors_file}"
    typer.echo(msg, err=True)


def stats(
    dest: Annotated[Path, typer.Argument(metavar="DEST", help="Output of `batch`.")],
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help="Count overdue as of this day."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows per ranking.")] = 20,
) -> None:
    """Documents by type, issuer and year; tasks per body; overdue tasks."""
    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        raise _fail(f"--today '{today}' is not a date like 2026-05-31.") from None
    try:
        result = compute_stats(dest, day)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(result, top), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``batch`` and ``stats`` to ``app`` (the ``nlp-service`` CLI)."""
    app.command("batch")(batch)
    app.command("stats")(stats)
