"""Small helpers shared by the format readers."""

from __future__ import annotations

import re
import unicodedata

from nlp_service.text import letters

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """NFC, no control characters, runs of spaces collapsed, ends stripped."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_header_right(text: str) -> bool:
    """The right header column's fixed texts: Quốc hiệu (a party document's "ĐẢNG CỘNG SẢN VIỆT
    NAM"), Tiêu ngữ, place-and-date line (their accents as OCR read them: "CÓNG HÒA", "CỘNG
    HOÀ")."""
    base = letters.base_letters(unicodedata.normalize("NFC", text)).upper()
    return (
        "CONG HOA" in base
        or "CONG SAN VIET NAM" in base
        or "DOC LAP" in base
        or bool(letters.DATE_LINE.search(base))
    )


def is_header_left(text: str) -> bool:
    up = unicodedata.normalize("NFC", text).upper()
    return up.startswith("SỐ") or "ỦY BAN" in up or "UỶ BAN" in up or "HỘI ĐỒNG" in up


_ADDRESSEE = re.compile(r"^\s*K[íi]nh\s+g[ửu]i", re.IGNORECASE)


def is_addressee(text: str) -> bool:
    """ "Kính gửi: …" opens the addressee block, which follows the header (never part of it)."""
    return bool(_ADDRESSEE.match(unicodedata.normalize("NFC", text)))
