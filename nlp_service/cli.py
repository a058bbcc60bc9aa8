"""Command line: ``nlp-service extract | deadline | schema | evaluate | train`` and the commands
that the service and batch packages register (``serve``, ``keys``, ``batch``, ``stats``…).

Errors are printed as one line ``error [code]: message`` on stderr with the error's own exit
code; no traceback reaches the user for bad input.
"""

from __future__ import annotations

import json
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


def _fail_error(path: str, exc: NlpServiceError) -> None:
    typer.echo(f"error [{exc.code}] {path}: {exc.message}", err=True)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Notice files (PDF, DOC, DOCX, HTML, text).")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.json,
    no_text: Annotated[
        bool, typer.Option(help="Leave the document text out of the output.")
    ] = False,
) -> None:
    """Extract tasks from each FILE and print one contract-v1 JSON object per file."""
    from nlp_service.pipeline import process

    failures = 0
    last_code = 1
    for path in files:
        if not path.is_file():
            typer.echo(f"error [not_found] {path}: no such file", err=True)
            failures += 1
            last_code = 2
            continue
        try:
            result = process(path.read_bytes(), path.name)
        except NlpServiceError as exc:
            _fail_error(str(path), exc)
            failures += 1
            last_code = exc.exit_code
            continue
        data = result.model_dump(mode="json", exclude={"text"} if no_text else None)
        if format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    if failures:
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
    typer.echo(json.dumps(expressions_as_json(text, anchor), ensure_ascii=False, indent=2))


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of contract v1 (committed as docs/schema/v1.json)."""
    from nlp_service.schemas import json_schema_text

    if out:
        out.write_text(json_schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(json_schema_text())


def _register_plugins() -> None:
    """Commands owned by other packages (service, batch, evaluation, training)."""
    from nlp_service.evaluation.commands import register as register_evaluation

    registers = [register_evaluation]
    for register in registers:
        register(app)


_register_plugins()


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
