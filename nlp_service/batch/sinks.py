"""Where batch results go: JSON Lines, Parquet tables, or a directory of JSON files.

Every sink is written so that ``kill -9`` at any instant loses at most the document in flight
and never leaves a record half-visible: JSONL appends one line per record and flushes it (a torn
last line is cut off when the file is reopened); the directory sink and Parquet parts are
written to a hidden temporary file and renamed into place (rename is atomic on POSIX). Each sink
also answers which inputs it already holds (by sha256), which is what makes runs resumable.
Durability against power loss (fsync) is not attempted: the threat is a killed job, not a
crashed machine.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from nlp_service.batch.tables import SCHEMAS, Rows, flatten


class DestinationError(ValueError):
    """``--out`` names something no sink can write."""


class Sink(Protocol):
    def done(self) -> set[str]:
        """sha256 of every input whose record is already stored."""
        ...

    def discard(self, shas: set[str]) -> None:
        """Remove the records of these inputs (``--force`` reprocesses them)."""
        ...

    def write(self, record: dict[str, Any]) -> None:
        """Store one record durably enough to survive ``kill -9`` right after the call."""
        ...

    def close(self) -> None: ...


def open_sink(dest: Path) -> Sink:
    """The sink for ``dest``, opened (see :func:`choose_sink`)."""
    return choose_sink(dest)(dest)


def choose_sink(dest: Path) -> Callable[[Path], Sink]:
    """The sink type for ``dest``: ``*.jsonl``, ``*.parquet`` (a directory of tables), else a
    directory of per-file JSON. Raises :class:`DestinationError` for unusable paths; creates
    nothing, so arguments can be checked before a run starts."""
    suffix = dest.suffix.lower()
    if suffix == ".jsonl":
        if dest.is_dir():
            raise DestinationError(f"'{dest}' is a directory, not a .jsonl file.")
        return JsonlSink
    if suffix == ".parquet":
        if dest.exists() and not dest.is_dir():
            raise DestinationError(
                f"'{dest}' is a file; Parquet output is a directory of three tables."
            )
        return ParquetSink
    if suffix and not dest.is_dir():
        raise DestinationError(
            f"Cannot write '{dest}': use a .jsonl file, a .parquet directory or a directory."
        )
    if dest.exists() and not dest.is_dir():
        raise DestinationError(f"'{dest}' exists and is not a directory.")
    return DirectorySink


def errors_path(dest: Path) -> Path:
    """``DEST.errors.jsonl`` beside the output (also for directory outputs)."""
    return Path(str(dest).rstrip("/\\") + ".errors.jsonl")


def lock_path(dest: Path) -> Path:
    return Path(str(dest).rstrip("/\\") + ".lock")


class DestinationBusyError(DestinationError):
    """Another run is writing the same DEST."""


@contextlib.contextmanager
def exclusive(dest: Path) -> Iterator[None]:
    """Hold ``DEST.lock`` for the run: two runs on one DEST would store documents twice.

    An advisory ``flock`` is released by the kernel when its holder dies, so a run killed
    with ``kill -9`` never leaves a stale lock behind.
    """
    lock = lock_path(dest)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DestinationBusyError(f"Another batch run is writing '{dest}'.") from None
        yield


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a part."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _remove_temporaries(folder: Path) -> None:
    for tmp in folder.glob(".*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


# --------------------------------------------------------------------------- JSON Lines


def repair_tail(path: Path) -> None:
    """Cut a torn last line (a write interrupted by a kill) so appends start on a fresh line."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) == b"\n":
            return
        size = fh.seek(0, os.SEEK_END)
        pos = size
        chunk = 1 << 16
        while pos > 0:
            step = min(chunk, pos)
            pos -= step
            fh.seek(pos)
            block = fh.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                fh.truncate(pos + cut + 1)
                return
        fh.truncate(0)


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file, skipping a torn or corrupt line instead of failing on it."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                return
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                yield value


def record_sha(record: dict[str, Any]) -> str | None:
    source = record.get("source")
    sha = source.get("sha256") if isinstance(source, dict) else None
    return sha if isinstance(sha, str) else None


class JsonlSink:
    """One record per line, appended and flushed per record."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        repair_tail(path)
        self._fh = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the sink

    def done(self) -> set[str]:
        return {s for s in map(record_sha, iter_jsonl(self.path)) if s}

    def discard(self, shas: set[str]) -> None:
        if not shas:
            return
        self._fh.close()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            for record in iter_jsonl(self.path):
                if record_sha(record) not in shas:
                    out.write(dumps(record) + "\n")
        os.replace(tmp, self.path)
        self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115

    def write(self, record: dict[str, Any]) -> None:
        self._fh.write(dumps(record) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


# --------------------------------------------------------------------------- directory

_NAME_SHA = re.compile(r"\.([0-9a-f]{64})\.json$")
_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


def record_file_name(record: dict[str, Any]) -> str:
    """``<stem>.<sha256>.json``: readable, unique per content, and resumable from the name."""
    sha = record_sha(record) or ""
    name = _UNSAFE.sub("_", str(record["source"].get("filename") or "document"))
    stem = Path(name).stem.strip(" .")[:50] or "document"
    return f"{stem}.{sha}.json"


class DirectorySink:
    """One pretty JSON file per input, each written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        _remove_temporaries(root)

    def _files(self) -> Iterator[tuple[Path, str]]:
        for path in self.root.iterdir():
            m = _NAME_SHA.search(path.name)
            if m and not path.name.startswith("."):
                yield path, m.group(1)

    def done(self) -> set[str]:
        return {sha for _, sha in self._files()}

    def discard(self, shas: set[str]) -> None:
        for path, sha in list(self._files()):
            if sha in shas:
                path.unlink()

    def write(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.root / record_file_name(record), text.encode("utf-8"))

    def close(self) -> None:
        return None


# --------------------------------------------------------------------------- Parquet

_PART = re.compile(r"^part-(\d{6})\.parquet$")
_JOURNAL = re.compile(r"^_journal-(\d{6})\.jsonl$")


class ParquetSink:
    """Tables ``documents/``, ``tasks/`` and ``assignees/`` of Parquet parts under ``root``.

    Parquet files cannot be appended to, so records first go to a journal
    (``_journal-NNNNNN.jsonl``, flushed per record). Every ``rows_per_part`` records, and at
    close, the journal becomes one part per table (``part-NNNNNN.parquet``, same number,
    written atomically) and is then deleted. A kill between those steps leaves the journal in
    place; reopening rewrites that generation's parts from it, which is idempotent, so no
    record is ever lost or stored twice. Read a table with ``pyarrow.parquet.read_table(
    "out.parquet/tasks")`` (files starting with ``_`` or ``.`` are ignored by readers).
    """

    def __init__(self, root: Path, rows_per_part: int = 256) -> None:
        self.root = root
        self.rows_per_part = rows_per_part
        root.mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            (root / name).mkdir(exist_ok=True)
            _remove_temporaries(root / name)
        for journal in sorted(root.glob("_journal-*.jsonl")):
            self._seal(journal)
        self._gen = self._last_generation() + 1
        self._count = 0
        self._fh: Any = None

    def _journal(self, gen: int) -> Path:
        return self.root / f"_journal-{gen:06d}.jsonl"

    def _last_generation(self) -> int:
        gens = [0]
        for name in SCHEMAS:
            for path in (self.root / name).iterdir():
                m = _PART.match(path.name)
                if m:
                    gens.append(int(m.group(1)))
        return max(gens)

    def _seal(self, journal: Path) -> None:
        """Turn a journal into its parts (idempotent), then delete it."""
        m = _JOURNAL.match(journal.name)
        if m is None:
            return
        rows = Rows()
        for record in iter_jsonl(journal):
            rows.extend(flatten(record))
        if rows.documents:
            part = f"part-{m.group(1)}.parquet"
            for name in SCHEMAS:
                _write_table(rows.table(name), self.root / name / part)
        journal.unlink()

    def done(self) -> set[str]:
        shas: set[str] = set()
        for path in sorted((self.root / "documents").glob("part-*.parquet")):
            shas.update(pq.read_table(path, columns=["sha256"]).column(0).to_pylist())
        if self._fh is not None:
            shas.update(s for s in map(record_sha, iter_jsonl(self._journal(self._gen))) if s)
        return shas

    def discard(self, shas: set[str]) -> None:
        if not shas:
            return
        self._roll()
        drop = pa.array(sorted(shas), type=pa.string())
        for name in SCHEMAS:
            for path in sorted((self.root / name).glob("part-*.parquet")):
                table = pq.read_table(path)
                keep = table.filter(pc.invert(pc.is_in(table["sha256"], value_set=drop)))
                if keep.num_rows != table.num_rows:
                    _write_table(keep, path)

    def write(self, record: dict[str, Any]) -> None:
        if self._fh is None:
            self._fh = open(self._journal(self._gen), "a", encoding="utf-8")  # noqa: SIM115
        self._fh.write(dumps(record) + "\n")
        self._fh.flush()
        self._count += 1
        if self._count >= self.rows_per_part:
            self._roll()

    def _roll(self) -> None:
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        self._seal(self._journal(self._gen))
        self._gen += 1
        self._count = 0

    def close(self) -> None:
        self._roll()


def _write_table(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def read_tables(root: Path, name: str, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """The parts of one table, one at a time (bounded memory for big archives)."""
    for path in sorted((root / name).glob("part-*.parquet")):
        yield pq.read_table(path, columns=columns)


def iter_records(dest: Path) -> Iterable[dict[str, Any]]:
    """Records of a JSONL or directory output (Parquet is read as tables instead)."""
    if dest.is_dir():
        for path in sorted(dest.glob("*.json")):
            if _NAME_SHA.search(path.name):
                yield json.loads(path.read_text(encoding="utf-8"))
    else:
        yield from iter_jsonl(dest)


class ErrorLog:
    """``DEST.errors.jsonl``: the failures of the latest run, one JSON line each.

    It is restarted with each run because every input that is not in DEST is retried, so an
    old failure is either repeated or gone.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
        self.count = 0

    def write(self, entry: dict[str, Any]) -> None:
        self._fh.write(dumps(entry) + "\n")
        self._fh.flush()
        self.count += 1

    def close(self) -> None:
        self._fh.close()
