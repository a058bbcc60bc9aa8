"""``tests/data/bad`` is exactly what ``make.py`` generates: an edit to the generator that was
not followed by a regeneration (or a hand-edited file) fails here, not silently in review."""

from __future__ import annotations

from pathlib import Path

from bad_corpus import BAD, bad_files, load_generator


def test_committed_files_match_the_generator(tmp_path: Path) -> None:
    entries = load_generator().build(tmp_path)
    assert [e.name for e in entries] == [e["name"] for e in bad_files()]
    for name in [e.name for e in entries] + ["manifest.json"]:
        assert (tmp_path / name).read_bytes() == (BAD / name).read_bytes(), name
