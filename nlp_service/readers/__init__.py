"""Readers: bytes of any supported notice format → :class:`~nlp_service.types.RawDocument`.

The format is sniffed from the bytes (extensions lie); size limits are checked before parsing;
every failure is a typed :mod:`nlp_service.errors` error with a message a user can act on.
"""

from __future__ import annotations

from nlp_service.errors import EmptyInputError, NotVietnameseError, UnsupportedFormatError
from nlp_service.readers import sniff as media
from nlp_service.readers.limits import DEFAULT_LIMITS, ReadLimits, check_size
from nlp_service.readers.sniff import sniff
from nlp_service.text.encodings import convert_legacy, detect_legacy
from nlp_service.text.quality import TextEvidence, evidence, is_vietnamese
from nlp_service.types import RawDocument

__all__ = ["ReadLimits", "read", "sniff"]

# Below this text quality a document may be legacy-encoded mojibake (see text.encodings).
LEGACY_SUSPECT = 0.6


def read(
    data: bytes, filename: str | None = None, *, limits: ReadLimits | None = None
) -> RawDocument:
    """Read one uploaded file.

    ``filename`` is only used in messages; the format comes from the bytes. Raises
    EmptyInputError, FileTooLargeError, UnsupportedFormatError, CorruptFileError,
    EncryptedFileError, NotVietnameseError or ProcessingTimeoutError.
    """
    limits = limits or DEFAULT_LIMITS
    name = f" '{filename}'" if filename else ""
    if not data or not data.strip():
        raise EmptyInputError(f"The file{name} is empty.")
    check_size(data, limits)
    kind = sniff(data)
    doc = _dispatch(data, kind, name, limits)
    text = "\n".join(b.text for b in doc.blocks)
    ev = evidence(text)
    if not doc.ocr and ev.quality < LEGACY_SUSPECT:
        text = _fix_legacy_encoding(doc, text, ev)
        ev = evidence(text)
    if not text.strip() and not doc.warnings:
        raise EmptyInputError(f"The file{name} contains no text.")
    if limits.check_language and not is_vietnamese(text, ev):
        raise NotVietnameseError(
            f"The file{name} is not in Vietnamese; this service reads Vietnamese notices only."
        )
    return doc


def _fix_legacy_encoding(doc: RawDocument, text: str, ev: TextEvidence) -> str:
    """Convert TCVN3/VNI mojibake (old .doc and PDF fonts) to Unicode, in place."""
    encoding = detect_legacy(text, ev)
    if encoding is None:
        return text
    for block in doc.blocks:
        block.text = convert_legacy(block.text, encoding)
        if block.cells is not None:
            block.cells = [convert_legacy(c, encoding) for c in block.cells]
    doc.warnings.append(f"text converted from the legacy {encoding.upper()} encoding")
    return "\n".join(b.text for b in doc.blocks)


def _dispatch(data: bytes, kind: str, name: str, limits: ReadLimits) -> RawDocument:
    # Imports are local so that reading a text file does not load pdfium, lxml or trafilatura.
    if kind == media.PDF:
        from nlp_service.readers.pdf import read_pdf

        return read_pdf(data, limits)
    if kind == media.DOCX:
        from nlp_service.readers.docx import read_docx

        return read_docx(data, limits)
    if kind == media.DOC:
        from nlp_service.readers.doc import read_doc

        return read_doc(data, limits)
    if kind == media.HTML:
        from nlp_service.readers.html import read_html

        return read_html(data, limits)
    if kind in (media.TEXT, media.MARKDOWN):
        from nlp_service.readers.text import read_text

        return read_text(data, kind)
    if kind in media.IMAGE_TYPES:
        from nlp_service.readers.ocr import read_image

        return read_image(data, kind, limits)
    if kind == media.ZIP:
        raise UnsupportedFormatError(
            f"The file{name} is a zip archive, not a notice; upload the documents inside it."
        )
    raise UnsupportedFormatError(
        f"The file{name} is not a supported format ({kind}); send PDF, DOC, DOCX, HTML or text."
    )
