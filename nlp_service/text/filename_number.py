"""The document number from the file name, when the page's own number is unreadable.

Offices number a notice by hand or with a stamp after it is printed, so on a scan the digits
after "Số:" often come out of OCR as letters or splinters ("4H09/BCA-C04", "Ở32/QĐ-TTg",
"3 49/C04-P6") while the printed type code is clean. The people who scan and file those notices
name the file after its number ("1_4409.signed.pdf", "QD932.pdf", "3980_0001.pdf"). A digit group of
the file name is taken only when it agrees with what OCR did read of the slot, so a file named
after something else ("Ke hoach 2026.pdf") never lends its digits.
"""

from __future__ import annotations

import re
from pathlib import PurePath

_GROUP = re.compile(r"(?<!\d)\d{1,6}(?!\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _agreement(slot: str, digits: str) -> int:
    """How many characters of the slot (spaces dropped) sit where the digits have the same one,
    aligned on the left or on the right (OCR loses or adds a stroke at either end)."""
    left = sum(a == b for a, b in zip(slot, digits, strict=False))
    right = sum(a == b for a, b in zip(reversed(slot), reversed(digits), strict=False))
    return max(left, right)


def number_from_filename(slot: str, code: str, filename: str, year: int | None) -> str | None:
    """The number a file name lends an unreadable slot: "4409/BCA-C04" from the slot "4H09",
    the code "BCA-C04" and the file "1_4409.signed.pdf".

    ``year`` is the notice's year: a file name's year ("CV 2025 ve viec …") is not a number.
    A group must share at least two placed characters with the slot, or one when the lengths
    differ by at most one; the best agreement wins and a tie gives nothing.
    """
    slot = re.sub(r"\s+", "", slot)
    if not slot or not re.search(r"\w", slot):
        return None
    code_years = set(_YEAR.findall(code))
    stem = PurePath(filename).name
    scored: list[tuple[int, str]] = []
    for digits in dict.fromkeys(_GROUP.findall(stem)):
        if digits.startswith("0") or digits in code_years:
            continue  # a scanner's page counter ("_0001"), or the code's own year ("70/2024/…")
        if year is not None and digits == str(year):
            continue
        score = _agreement(slot, digits)
        if score >= 2 or (score == 1 and abs(len(slot) - len(digits)) <= 1):
            scored.append((score, digits))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return f"{scored[0][1]}/{code}"
