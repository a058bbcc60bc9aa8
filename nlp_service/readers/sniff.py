"""Media type from the bytes, never from the file name.

Uploads arrive with wrong or missing extensions (a ``.doc`` that is really RTF or DOCX, a
``.pdf`` that is a scan saved as JPEG), so the reader is chosen from magic numbers and, for text,
from how the bytes decode.
"""

from __future__ import annotations

import io
import re
import zipfile

PDF = "application/pdf"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ZIP = "application/zip"
OLE = "application/x-ole-storage"  # OLE2 container that is not a Word document (xls, ppt, msg)
RTF = "application/rtf"
UNKNOWN = "application/octet-stream"

IMAGE_TYPES = frozenset({PNG, JPEG, TIFF})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_DOC = re.compile(rb"<!doctype\s+html|<(?:html|body|head)[\s>]", re.IGNORECASE)
_HTML_FRAGMENT = re.compile(rb"^\s*<(?:div|p|article|section|table|meta|title|!--)[\s>]", re.I)
_TAG = re.compile(rb"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")
_MD_RE = re.compile(r"^(?:#{1,6}\s|\|.*\|\s*$|<jsontable|-{3,}\s*$)|\*\*[^*\n]+\*\*", re.MULTILINE)


def sniff(data: bytes) -> str:
    """Return the media type of ``data`` judged from its content."""
    head = data[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(_OLE_MAGIC):
        return DOC if _is_word_ole(data) else OLE
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if stripped.startswith(b"{\\rtf"):
        return RTF
    text = decode_text(data[:65536], strict=True)
    if text is None or not _mostly_printable(text):
        return UNKNOWN
    if _HTML_DOC.search(head):
        return HTML
    markdown = len(_MD_RE.findall(text)) >= 2
    if markdown:
        return MARKDOWN  # Markdown may embed a few HTML tags (<div align="center">)
    if _HTML_FRAGMENT.match(head) and len(_TAG.findall(head)) >= 5:
        return HTML
    return TEXT


def _is_word_ole(data: bytes) -> bool:
    """An OLE2 file is a Word document when it holds a ``WordDocument`` stream.

    Directory entries store stream names in UTF-16LE; searching the raw bytes for that name is
    enough to tell Word from Excel/PowerPoint/Outlook without parsing the FAT.
    """
    return "WordDocument".encode("utf-16-le") in data


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names:
                ct = zf.read("[Content_Types].xml")
                if b"wordprocessingml.document.main" in ct:
                    return DOCX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        # A truncated DOCX loses its central directory; the local header still names the parts.
        if b"word/document.xml" in data[:65536] or b"[Content_Types].xml" in data[:4096]:
            return DOCX
        return ZIP
    return ZIP


def decode_text(data: bytes, *, strict: bool = False) -> str | None:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1258.

    cp1258 is the Windows Vietnamese code page of old files; it maps almost every byte, so it
    is tried last. With ``strict`` a cut multi-byte sequence at the end (sniffing a prefix) is
    tolerated but invalid UTF-8 elsewhere falls through to cp1258.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if strict and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8")
    if b"\x00" in data:
        return None
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return None


def _mostly_printable(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text if not (ch.isprintable() or ch in "\r\n\t\f"))
    return bad / len(text) < 0.02
