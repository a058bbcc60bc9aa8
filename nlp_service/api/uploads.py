"""Checks on an uploaded file before it is stored: size, emptiness, a format we can read.

Refusing early (413, 415, 422) keeps bad files out of the queue, so a worker never spends a
slot on a zip archive or a 2 GB video, and the uploader learns at once instead of later.
"""

from __future__ import annotations

from fastapi import UploadFile

from nlp_service.api.errors import ApiError
from nlp_service.errors import EmptyInputError, FileTooLargeError, UnsupportedFormatError
from nlp_service.readers.sniff import OLE, UNKNOWN, ZIP, sniff

REFUSED_TYPES = frozenset({UNKNOWN, ZIP, OLE})
MB = 1024 * 1024


async def read_upload(upload: UploadFile, max_bytes: int) -> tuple[bytes, str, str]:
    """``(data, safe file name, media type)`` or a typed error naming the file."""
    name = safe_filename(upload.filename or "upload")
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLargeError(f"{name}: larger than the {max_bytes / MB:.0f} MB limit.")
    if not data.strip():
        raise EmptyInputError(f"{name}: the file is empty.")
    media_type = sniff(data)
    if media_type in REFUSED_TYPES:
        raise UnsupportedFormatError(
            f"{name}: not a format we read (PDF, DOC, DOCX, HTML, text or an image)."
        )
    return data, name, media_type


def safe_filename(name: str) -> str:
    """The last path component, without control characters: a label, never a path."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return cleaned[:255] or "upload"


def too_many_files(count: int, limit: int) -> ApiError:
    return ApiError(413, "too_many_files", f"{count} files in one upload; the limit is {limit}.")
