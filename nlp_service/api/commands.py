"""CLI commands of the service: ``serve``, ``keys create|list|revoke``, ``export-corrections``.

``nlp_service.cli`` calls :func:`register`; the commands read the same :class:`Settings` as the
server (``NLP_SERVICE_*`` variables), so ``keys create`` writes to the database ``serve`` uses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from nlp_service.config import Settings
from nlp_service.storage import FileStore, Storage, open_storage
from nlp_service.storage import repository as repo
from nlp_service.storage.models import SCOPES, Document, Task

SEED_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".txt", ".md", ".html", ".htm", ".rtf"})
# A sample directory documents itself; its README is not a notice.
SEED_SKIP_PREFIXES = ("readme", "sources", "changelog", "license")


def _storage(settings: Settings) -> Storage:
    settings.ensure_dirs()
    return open_storage(settings.resolved_database_url, FileStore(settings.files_dir))


def seed_directory(storage: Storage, directory: Path) -> tuple[int, int]:
    """Queue every notice file directly in ``directory``: ``(new, already known)``."""
    from nlp_service.readers.sniff import sniff

    new = known = 0
    for path in sorted(directory.iterdir()):
        if not path.is_file() or path.suffix.lower() not in SEED_SUFFIXES:
            continue
        if path.name.lower().startswith(SEED_SKIP_PREFIXES):
            continue
        data = path.read_bytes()
        sha = storage.files.put(data)
        with storage.sessions() as session:
            _, created = repo.add_document(
                session,
                sha256=sha,
                filename=path.name,
                media_type=sniff(data),
                size=len(data),
                uploaded_by="seed",
            )
        new, known = (new + 1, known) if created else (new, known + 1)
    return new, known


def gold_of(doc: Document) -> dict[str, Any]:
    """A reviewed document as a gold file (ANNOTATION.md): the tasks as people left them.

    Machine tasks a reviewer rejected ("not a task") are left out; tasks a reviewer added are
    in. A cancelled task stays: ANNOTATION.md asks what the document assigns, and a task that
    was called off later was still assigned.
    """
    result = doc.result or {}
    text: str = result.get("text") or ""
    fields = result.get("document") or {}
    issuer = fields.get("issuer") or {}
    signer = fields.get("signer") or {}
    tasks = []
    for task in doc.tasks:
        if task.rejected:
            continue
        tasks.append(
            {
                "quote": quote_for(task.text, _evidence(task, text), text),
                "lead": [a["name"] for a in task.assignees if a.get("role") == "lead"],
                "support": [a["name"] for a in task.assignees if a.get("role") == "support"],
                "deadline": _gold_deadline(task.deadline),
            }
        )
    return {
        "source": doc.filename,
        "kind": result.get("kind", "official"),
        "document": {
            "doc_type": fields.get("doc_type"),
            "number": fields.get("number"),
            "issuer": issuer.get("name") if isinstance(issuer, dict) else None,
            "issue_date": fields.get("issue_date"),
            "subject": fields.get("subject"),
            "signer": signer.get("name") if isinstance(signer, dict) else None,
        },
        "has_tasks": bool(tasks),
        "tasks": tasks,
        "review": {
            "sha256": doc.sha256,
            "reviewed_by": doc.reviewed_by,
            "corrected_tasks": sum(1 for t in doc.tasks if t.corrected),
            "added_tasks": sum(1 for t in doc.tasks if t.origin == "reviewer" and not t.rejected),
        },
    }


def _evidence(task: Task, document_text: str) -> str:
    """The verbatim words behind a task: the machine's text, or the span a reviewer marked."""
    if task.origin == "machine":
        return str(task.machine.get("text", ""))
    if task.span:
        return document_text[int(task.span[0]) : int(task.span[1])]
    return ""


def _gold_deadline(deadline: dict[str, Any] | None) -> dict[str, Any] | None:
    if not deadline:
        return None
    out = {"type": deadline.get("type"), "date": deadline.get("date"), "raw": deadline.get("raw")}
    for key in ("start", "rrule", "amount", "unit", "anchor", "event"):
        if deadline.get(key) is not None:
            out[key] = deadline[key]
    return out


def quote_for(current: str, evidence: str, document_text: str, max_words: int = 20) -> str:
    """A verbatim quote of at most ``max_words`` words: from the task's text when it is in the
    document, else from its evidence (the machine's text, or the span a reviewer marked): a
    reworded task is not a quote."""
    for candidate in (current, evidence):
        start = document_text.find(candidate) if candidate else -1
        if start >= 0:
            return _first_words(candidate, max_words)
    return _first_words(current, max_words)


def _first_words(text: str, n: int) -> str:
    """A prefix of ``text`` ending after its n-th word (still a substring of the original)."""
    words = 0
    in_word = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if in_word:
                words += 1
                if words == n:
                    return text[:i]
            in_word = False
        else:
            in_word = True
    return text.strip()


def register(app: typer.Typer) -> None:
    """Add the service commands to the project's Typer app."""

    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Default 127.0.0.1 (no auth).")] = None,
        port: Annotated[int | None, typer.Option()] = None,
        workers: Annotated[int | None, typer.Option(help="Pipeline worker processes.")] = None,
        seed: Annotated[
            Path | None, typer.Option(help="Queue the notices in DIR (e.g. corpus/authored).")
        ] = None,
    ) -> None:
        """Run the API and web UI (uvicorn); auth turns on when HOST is not localhost."""
        import os

        import uvicorn

        given = {"host": host, "port": port, "workers": workers}
        overrides: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        settings = Settings(**overrides)
        storage = _storage(settings)  # migrates once, before the server starts
        if seed is not None:
            if not seed.is_dir():
                raise typer.BadParameter(f"{seed} is not a directory", param_hint="--seed")
            new, known = seed_directory(storage, seed)
            typer.echo(f"seed: {new} queued, {known} already known ({seed})")
        with storage.sessions() as session:
            no_keys = not repo.list_api_keys(session)
        storage.close()
        if settings.auth_enabled and no_keys:
            typer.echo(
                "warning: auth is on and there is no API key yet; "
                "create one with `nlp-service keys create --scope admin --name me`",
                err=True,
            )
        for name, value in overrides.items():
            os.environ[f"NLP_SERVICE_{name.upper()}"] = str(value)
        typer.echo(
            f"nlp-service on http://{settings.host}:{settings.port} "
            f"(auth {'on' if settings.auth_enabled else 'off'}, {settings.workers} workers, "
            f"database {settings.resolved_database_url.split('://', 1)[0]})"
        )
        uvicorn.run(
            "nlp_service.api.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            log_level="info",
            proxy_headers=False,
        )

    keys = typer.Typer(help="API keys: scopes read (trackers), write (uploads), admin.")
    app.add_typer(keys, name="keys")

    @keys.command("create")
    def keys_create(
        scope: Annotated[str, typer.Option(help="read | write | admin")],
        name: Annotated[str, typer.Option(help="Who uses it (shown in corrections).")],
    ) -> None:
        """Create a key and print it once (only its hash is stored)."""
        if scope not in SCOPES:
            raise typer.BadParameter(f"scope must be one of {', '.join(SCOPES)}")
        storage = _storage(Settings())
        with storage.sessions() as session:
            key, plaintext = repo.create_api_key(session, name=name, scope=scope)
            typer.echo(f"id {key.id} ({scope}, {name}): {plaintext}")
        storage.close()

    @keys.command("list")
    def keys_list() -> None:
        storage = _storage(Settings())
        with storage.sessions() as session:
            for key in repo.list_api_keys(session):
                state = "revoked" if key.revoked_at else "active"
                used = key.last_used_at.isoformat() if key.last_used_at else "never"
                typer.echo(
                    f"{key.id}\t{key.prefix}…\t{key.scope}\t{key.name}\t{state}\tlast used {used}"
                )
        storage.close()

    @keys.command("revoke")
    def keys_revoke(
        key_id: Annotated[int, typer.Argument(help="The id from `keys list`.")],
    ) -> None:
        storage = _storage(Settings())
        with storage.sessions() as session:
            ok = repo.revoke_api_key(session, key_id=key_id)
        storage.close()
        if not ok:
            typer.echo(f"no active key with id {key_id}", err=True)
            raise typer.Exit(1)
        typer.echo(f"revoked {key_id}")

    @app.command("export-corrections")
    def export_corrections(
        out: Annotated[Path, typer.Option(help="Directory for <file>.gold.json files.")],
    ) -> None:
        """Write reviewed documents as gold files (ANNOTATION.md) for the next `train`."""
        storage = _storage(Settings())
        out.mkdir(parents=True, exist_ok=True)
        not_verbatim = 0
        with storage.sessions() as session:
            docs = repo.reviewed_documents(session)
            for doc in docs:
                name = Path(doc.filename).name or doc.id
                target = out / f"{doc.sha256[:8]}__{name}.gold.json"
                gold = gold_of(doc)
                text = str((doc.result or {}).get("text") or "")
                not_verbatim += sum(1 for t in gold["tasks"] if t["quote"] not in text)
                target.write_text(
                    json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
        storage.close()
        typer.echo(f"{len(docs)} reviewed documents written to {out}")
        if not_verbatim:
            typer.echo(
                f"warning: {not_verbatim} task quotes are not verbatim in their document "
                "(reworded tasks added without a span); fix them by hand before training",
                err=True,
            )
