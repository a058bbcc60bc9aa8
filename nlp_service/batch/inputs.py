"""Expand the ``INPUT...`` arguments of ``nlp-service batch`` into a list of files.

An argument is a file, a directory (walked recursively) or a glob (``**`` allowed). A bad
argument is a user error, reported before any work starts, because a typo in an overnight run
should fail in the first second rather than produce an empty result in the morning.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

_GLOB_CHARS = frozenset("*?[")


class InputError(ValueError):
    """An ``INPUT`` argument names nothing that can be read."""


def expand_inputs(args: Sequence[str], *, exclude: Iterable[Path] = ()) -> list[Path]:
    """Files named by ``args``, in argument order, each once.

    Directories are walked in sorted order; hidden files and directories (``.name``) are left
    out, as are the paths in ``exclude`` (the run's own outputs, so that ``batch DIR --out
    DIR/out.jsonl`` does not read its own results). Raises :class:`InputError`.
    """
    if not args:
        raise InputError("No input given: name files, directories or globs.")
    skip = {_key(p) for p in exclude}
    seen: set[str] = set()
    out: list[Path] = []
    for arg in args:
        found = _expand_one(arg)
        for path in found:
            key = _key(path)
            if key in skip or key in seen or _under_any(path, exclude):
                continue
            seen.add(key)
            out.append(path)
    return out


def _expand_one(arg: str) -> list[Path]:
    if any(c in _GLOB_CHARS for c in arg) and not os.path.exists(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise InputError(f"The pattern '{arg}' matches no file.")
        files: list[Path] = []
        for m in matches:
            files.extend(_walk(Path(m)) if os.path.isdir(m) else [Path(m)])
        return files
    path = Path(arg)
    if path.is_dir():
        return _walk(path)
    if path.is_file():
        return [path]
    if path.exists():
        raise InputError(f"'{arg}' is neither a regular file nor a directory.")
    raise InputError(f"'{arg}' does not exist.")


def _walk(root: Path) -> list[Path]:
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath, f) for f in sorted(filenames) if not f.startswith("."))
    return files


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _under_any(path: Path, roots: Iterable[Path]) -> bool:
    real = Path(_key(path))
    return any(Path(_key(r)) in real.parents for r in roots)
