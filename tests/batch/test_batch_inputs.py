from __future__ import annotations

from pathlib import Path

import pytest

from nlp_service.batch.inputs import InputError, expand_inputs


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in ["a.pdf", "b.doc", "sub/c.docx", "sub/deep/d.md", ".hidden.txt", ".git/e.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(rel)
    return tmp_path


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_directory_is_walked_recursively_without_hidden_entries(tree: Path) -> None:
    assert names(expand_inputs([str(tree)]), tree) == [
        "a.pdf",
        "b.doc",
        "sub/c.docx",
        "sub/deep/d.md",
    ]


def test_files_globs_and_directories_mix_and_repeat_once(tree: Path) -> None:
    args = [str(tree / "b.doc"), str(tree / "**/*.d*"), str(tree / "sub")]
    assert names(expand_inputs(args), tree) == ["b.doc", "sub/c.docx", "sub/deep/d.md"]


def test_outputs_are_excluded(tree: Path) -> None:
    out = tree / "sub"
    assert names(expand_inputs([str(tree)], exclude=[out, tree / "a.pdf"]), tree) == ["b.doc"]


@pytest.mark.parametrize(
    ("arg", "message"),
    [("missing.pdf", "does not exist"), ("*.nothing", "matches no file")],
)
def test_bad_arguments_are_refused(
    tree: Path, arg: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    with pytest.raises(InputError, match=message):
        expand_inputs([arg])


def test_no_arguments_is_an_error() -> None:
    with pytest.raises(InputError):
        expand_inputs([])
