"""A bounded hypothesis fuzzer over ``nlp_service.readers.read``.

Seeds are small valid notices the test generates (text, HTML, DOCX, PDF); each example applies a
few mutations — truncation, byte flips, a duplicated chunk — the damage real uploads show
(interrupted transfers, bad sectors, a botched concatenation). The only property: ``read`` returns
a document or raises a typed :class:`~nlp_service.errors.NlpServiceError`; anything else is a
crash the API would turn into a 500. OCR is off: the target is the parsers, not tesseract's speed.
"""

from __future__ import annotations

import io
import struct
import zipfile
from functools import cache

import pytest
from bad_corpus import load_generator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_service.errors import CorruptFileError, NlpServiceError
from nlp_service.readers import ReadLimits, read
from nlp_service.types import RawDocument

LIMITS = ReadLimits(ocr=False)
# A failing example is a ~100 kB DOCX: its repr is long, and that is fine.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


@cache
def seeds() -> dict[str, bytes]:
    make = load_generator()
    text: bytes = make.notice_text("fuzz")
    html = b'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body><p>'
    html += text.replace(b"\n", b"</p>\n<p>") + b"</p></body></html>"
    return {"txt": text, "html": html, "docx": make.good_docx(), "pdf": make.good_pdf()}


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    data = bytearray(seeds()[kind])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "duplicate"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if op == "truncate":
            del data[at:]
        elif op == "flip":
            for i in range(at, min(len(data), at + draw(st.integers(1, 16)))):
                data[i] ^= draw(st.integers(1, 255))
        else:
            end = min(len(data), at + draw(st.integers(1, 4096)))
            where = draw(st.integers(0, len(data)))
            data[where:where] = data[at:end]
    return bytes(data)


@pytest.mark.parametrize(
    "kind",
    ["txt", "html", "docx", "pdf"],
)
def test_read_survives_mutations(kind: str) -> None:
    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: CI stays reproducible
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=mutated(kind))
    def check(data: bytes) -> None:
        try:
            doc = read(data, f"fuzz.{kind}", limits=LIMITS)
        except NlpServiceError as exc:
            assert exc.message and 400 <= exc.http_status < 600
        else:
            assert isinstance(doc, RawDocument)

    check()


def test_damaged_deflate_stream_is_corrupt_file() -> None:
    """The fuzzer's finding, pinned: the first byte of word/document.xml's deflate stream set to
    an invalid block type (BTYPE=11)."""
    data = bytearray(seeds()["docx"])
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    data[info.header_offset + 30 + name_len + extra_len] = 0xFF
    with pytest.raises(CorruptFileError):
        read(bytes(data), "damaged.docx", limits=LIMITS)
