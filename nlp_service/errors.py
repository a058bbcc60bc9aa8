"""Typed errors for bad input and failed processing.

Every error the pipeline raises on purpose is an :class:`NlpServiceError` with a stable
machine-readable ``code``, a human message that says what and why, and the HTTP status the API
answers with. The CLI prints ``message`` and exits non-zero; the API returns
``{"error": {"code", "message"}}`` with ``http_status``.
"""

from __future__ import annotations


class NlpServiceError(Exception):
    """Base of every deliberate error; never raised directly."""

    code: str = "error"
    http_status: int = 400
    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message}}


class EmptyInputError(NlpServiceError):
    code = "empty_input"
    http_status = 422
    exit_code = 3


class UnsupportedFormatError(NlpServiceError):
    """The bytes are not a format we read (an image before OCR, a zip, a binary...)."""

    code = "unsupported_format"
    http_status = 415
    exit_code = 4


class CorruptFileError(NlpServiceError):
    """The bytes claim a format but cannot be parsed (truncated PDF or DOCX...)."""

    code = "corrupt_file"
    http_status = 422
    exit_code = 5


class EncryptedFileError(NlpServiceError):
    code = "encrypted_file"
    http_status = 422
    exit_code = 6


class FileTooLargeError(NlpServiceError):
    """Size, page count or decompression ratio over the configured limits."""

    code = "file_too_large"
    http_status = 413
    exit_code = 7


class NotVietnameseError(NlpServiceError):
    code = "not_vietnamese"
    http_status = 422
    exit_code = 8


class ProcessingTimeoutError(NlpServiceError):
    code = "timeout"
    http_status = 503
    exit_code = 9
