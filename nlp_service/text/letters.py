"""The fixed header texts of a notice, found whatever accents OCR gave them.

Tesseract often reads the Quốc hiệu's accents wrong on a stamped or grey scan ("CÓNG HÒA XÃ
HỘI…", "CỘNG HOÀ", "CHÍNH PHÙ"), and every check written with the right accents then misses
it: the header columns are not split, and the Quốc hiệu ends up inside the issuer's name. The
patterns here run on the base letters (accents dropped, Đ read as D), one character for one, so
a match's offsets are the original text's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    if char in "Đđ":
        return "D" if char == "Đ" else "d"
    return unicodedata.normalize("NFD", char)[0]


def base_letters(text: str) -> str:
    """``text`` without its accents, the same length: "Cộng hòa" -> "Cong hoa"."""
    return "".join(_base(c) for c in text)


QUOC_HIEU = re.compile(r"CONG\s+HOA\s+XA\s+HOI\s+CHU\s+NGHIA\s+VIET\s+NAM", re.IGNORECASE)
TIEU_NGU = re.compile(r"Doc\s+lap\s*[-–—]\s*Tu\s+do\s*[-–—]\s*Hanh\s+phuc", re.IGNORECASE)
# The start of the Quốc hiệu as a header line may hold it ("CỘNG HÒA …", "… NGHĨA VIỆT NAM").
QUOC_HIEU_START = re.compile(r"CONG\s+HOA|NGHIA\s+VIET", re.IGNORECASE)
# The place-and-date line, its day possibly blank or garbled ("ngày đ{ tháng …", "ngày99 tháng").
DATE_LINE = re.compile(r"ngay\s*\S{0,4}\s*thang", re.IGNORECASE)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` (written in base letters) matches ``text``."""
    return [m.span() for m in pattern.finditer(base_letters(text))]


def remove(pattern: re.Pattern[str], text: str, by: str = " ") -> str:
    """``text`` with every match of ``pattern`` replaced by ``by``."""
    out, last = [], 0
    for a, b in spans(pattern, text):
        out.append(text[last:a])
        out.append(by)
        last = b
    out.append(text[last:])
    return "".join(out)
