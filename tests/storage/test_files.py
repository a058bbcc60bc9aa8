from __future__ import annotations

from pathlib import Path

import pytest

from nlp_service.storage.files import FileStore, sha256_hex


def test_put_get_is_content_addressed(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    digest = store.put("Thông báo số 1".encode())
    assert digest == sha256_hex("Thông báo số 1".encode())
    assert store.get(digest) == "Thông báo số 1".encode()
    assert store.put("Thông báo số 1".encode()) == digest
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [digest]
    store.delete(digest)
    assert not store.exists(digest)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "a" * 63, "A" * 64, "../" + "a" * 61])
def test_only_hex_digests_make_paths(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        FileStore(tmp_path).path_for(bad)
