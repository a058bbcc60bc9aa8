"""Service settings: one pydantic-settings class, read from ``NLP_SERVICE_*`` variables.

Everything the API, the worker pool and the storage layer need to know about their environment
lives here, so a deployment is configured in one place (environment or ``.env``) and tests build
a :class:`Settings` object directly instead of patching globals.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MB = 1024 * 1024
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Settings(BaseSettings):
    """Configuration of ``nlp-service serve`` and everything it starts."""

    model_config = SettingsConfigDict(
        env_prefix="NLP_SERVICE_", env_file=".env", extra="ignore", frozen=False
    )

    data_dir: Path = Field(default=Path("./data"), description="Database file and originals.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default is an SQLite file <data_dir>/nlp_service.sqlite3.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(default=2, ge=0, description="Worker processes running the pipeline.")
    # Limits (issue 7): an upload is refused before it is stored when it crosses one of these.
    max_upload_bytes: int = Field(default=50 * MB, ge=1)
    max_files_per_upload: int = Field(default=50, ge=1)
    document_timeout_s: float = Field(default=300.0, gt=0, description="Per-document time limit.")
    extract_timeout_s: float = Field(default=120.0, gt=0)
    max_attempts: int = Field(default=3, ge=1, description="Tries before a document is failed.")
    worker_max_tasks: int = Field(default=200, ge=1, description="Recycle a worker after N jobs.")
    worker_max_rss_mb: int = Field(default=2048, ge=64, description="Recycle above this RSS.")
    lease_s: float = Field(default=30.0, gt=0, description="Claim lease, renewed while working.")
    poll_interval_s: float = Field(default=1.0, gt=0, description="Idle workers look this often.")
    max_extract_queue: int = Field(default=16, ge=1, description="Busy (503) beyond this.")
    # Auth: "auto" turns keys on whenever the server listens beyond localhost.
    auth: Literal["auto", "on", "off"] = "auto"
    secret_key: str | None = Field(
        default=None, description="Signs UI sessions; generated into <data_dir> when unset."
    )
    cors_origins: list[str] = Field(default_factory=list, description="CORS is off when empty.")

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'nlp_service.sqlite3').resolve()}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def auth_enabled(self) -> bool:
        if self.auth == "auto":
            return self.host not in LOCAL_HOSTS
        return self.auth == "on"

    def ensure_dirs(self) -> None:
        self.files_dir.mkdir(parents=True, exist_ok=True)

    def session_secret(self) -> str:
        """The UI session key: configured, or created once and kept in the data directory."""
        if self.secret_key:
            return self.secret_key
        import secrets

        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        self.secret_key = path.read_text().strip()
        return self.secret_key
