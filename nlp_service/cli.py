"""Command line: ``nlp-service extract | deadline | schema | evaluate | train`` and the commands
that the service and batch packages register (``serve``, ``keys``, ``batch``, ``stats``…).

Errors are printed as one line ``error [code]: message`` on stderr with the error's own exit
code; no traceback reaches the user for bad input.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nlp_service import __version__
from nlp_service.errors import NlpServiceError

app = typer.Typer(
    name="nlp-service",
    help="Who must do what, by when: tasks, bodies and deadlines from Vietnamese notices.",
    no_args_is_help=True,
    add_completion=False,
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _write(text: str) -> None:
    """Write JSON to stdout as UTF-8 whatever the locale says.

    Vietnamese JSON on a stdout opened as ASCII or Latin-1 (``LANG=C`` shells, cron,
    ``PYTHONIOENCODING``) would die with UnicodeEncodeError after the work was done.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _fail_error(path: str, exc: NlpServiceError) -> None:
    typer.echo(f"error [{exc.code}] {path}: {exc.message}", err=True)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


class _InputError(Exception):
    """A path that cannot be read at all (missing, a directory, no permission)."""

    def __init__(self, code: str, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.exit_code = exit_code


def _read_input(path: Path) -> bytes:
    """The bytes of one input, refusing an oversized file from its size alone.

    A 200 MB upload is refused by the readers too, but only after it has been read into
    memory; the CLI knows the size from the file system, so it never reads it.
    """
    from nlp_service.errors import FileTooLargeError
    from nlp_service.readers.limits import DEFAULT_LIMITS, MB

    try:
        if not path.exists():
            raise _InputError("not_found", "no such file", 2)
        if not path.is_file():
            raise _InputError("not_a_file", "not a regular file", 2)
        size = path.stat().st_size
        if size > DEFAULT_LIMITS.max_bytes:
            raise FileTooLargeError(
                f"File is {size / MB:.1f} MB; the limit is {DEFAULT_LIMITS.max_bytes / MB:.0f} MB."
            )
        return path.read_bytes()
    except OSError as exc:
        raise _InputError("unreadable", exc.strerror or str(exc), 2) from exc


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Notice files (PDF, DOC, DOCX, HTML, text).")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.json,
    no_text: Annotated[
        bool, typer.Option(help="Leave the document text out of the output.")
    ] = False,
) -> None:
    """Extract tasks from each FILE and print one contract-v1 JSON object per file.

    Files that fail are reported on stderr (``error [code] FILE: message``) and the others
    are still processed; the exit code is that of the last failure (see README), 0 if none.
    An unexpected internal error is reported the same way with exit code 1; set
    ``NLP_SERVICE_DEBUG=1`` to see its traceback.
    """
    from nlp_service.pipeline import process

    last_code = 0
    for path in files:
        try:
            result = process(_read_input(path), path.name)
        except _InputError as exc:
            typer.echo(f"error [{exc.code}] {path}: {exc.message}", err=True)
            last_code = exc.exit_code
            continue
        except NlpServiceError as exc:
            _fail_error(str(path), exc)
            last_code = exc.exit_code
            continue
        except Exception as exc:  # a bug must not end a run over many files with a traceback
            if os.environ.get("NLP_SERVICE_DEBUG"):
                raise
            typer.echo(
                f"error [internal] {path}: {type(exc).__name__}: {exc} "
                "(set NLP_SERVICE_DEBUG=1 for the traceback)",
                err=True,
            )
            last_code = 1
            continue
        data = result.model_dump(mode="json", exclude={"text"} if no_text else None)
        if format is OutputFormat.jsonl:
            _write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if last_code:
        raise typer.Exit(last_code)


@app.command()
def deadline(
    text: Annotated[str, typer.Argument(help="A Vietnamese phrase or sentence.")],
    issued: Annotated[
        str | None, typer.Option(help="Issue date YYYY-MM-DD that anchors relative phrases.")
    ] = None,
) -> None:
    """Print the JSON of each time expression found in TEXT."""
    from nlp_service.temporal.cli_helpers import expressions_as_json

    anchor = None
    if issued:
        try:
            anchor = date.fromisoformat(issued)
        except ValueError:
            fail(f"error [bad_date]: --issued must be YYYY-MM-DD, got {issued!r}")
    _write(json.dumps(expressions_as_json(text, anchor), ensure_ascii=False, indent=2) + "\n")


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of contract v1 (committed as docs/schema/v1.json)."""
    from nlp_service.schemas import json_schema_text

    if out:
        out.write_text(json_schema_text(), encoding="utf-8")
    else:
        _write(json_schema_text())


def _register_plugins() -> None:
    """Commands owned by other packages (service, batch, evaluation, training)."""
    from nlp_service.api.commands import register as register_api
    from nlp_service.batch.commands import register as register_batch
    from nlp_service.evaluation.commands import register as register_evaluation

    for register in (register_api, register_batch, register_evaluation):
        register(app)


_register_plugins()


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
