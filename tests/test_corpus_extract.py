"""Every real document goes through the pipeline without an exception (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_service.errors import NlpServiceError
from nlp_service.pipeline import process
from tests.conftest import RAW

FILES = (
    sorted(p for p in RAW.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    if RAW.is_dir()
    else []
)


@pytest.mark.corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_every_corpus_file_extracts(path: Path, raw_corpus: Path) -> None:
    try:
        result = process(path.read_bytes(), path.name, segment=False)
    except NlpServiceError as exc:
        # Only typed refusals of non-notices are acceptable (the synthetic JSON sample).
        assert path.suffix == ".json", f"{path.name}: {exc.code}: {exc.message}"
        return
    assert result.source.filename == path.name
    if not result.text.strip():
        assert result.warnings, "a document without text must say why (scan without OCR)"
    for task in result.tasks:
        a, b = task.span
        assert result.text[a:b] == task.text
        for assignee in task.assignees:
            if assignee.span:
                assert result.text[assignee.span[0] : assignee.span[1]] == assignee.raw
