"""Repair of list markers OCR misread ("8)" for "a)", "ø)" for "g)", "§." for "8.").

A plan's items are what the extractor splits tasks on and hangs bodies from: "1. Các bộ … có
trách nhiệm:" governs "a) … b) …" only when the items read as letters. Tesseract reads a
small bold "a)" as "8)" and a "g)" as "ø)". A marker is repaired only when its neighbours in
the list say what it must be: the letter between the previous and the next item's letters, "a"
before a "b)", the letter after the previous item's for a marker that is no letter or digit at
all; the number between two numbers for "§." between "7." and "9.".
"""

from __future__ import annotations

import re

from nlp_service.types import Block

# The Vietnamese alphabet's order, as lettered items use it ("d) … đ) … e) … g)").
_LETTERS = "abcdđeghiklmnopqrstuvxy"
# One character before ")" or "." ("KT." of a signature block and a roman "I." are other things).
_MARKED = re.compile(r"(?P<label>[^\s.)(A-Z])(?P<punct>[.)])\s")


def _letter(label: str | None) -> int | None:
    return _LETTERS.index(label) if label is not None and label in _LETTERS else None


def _number(label: str | None) -> int | None:
    return int(label) if label is not None and label.isdigit() else None


def _expected(
    label: str, punct: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None
) -> str | None:
    """What the marker ``label`` must be between its neighbours (label, punct), if certain."""
    symbol = _letter(label) is None and not label.isdigit()  # "ø", "§": no marker at all
    p_label = prev[0] if prev and prev[1] == punct else None
    n_label = nxt[0] if nxt and nxt[1] == punct else None
    if punct == ")" and _letter(label) is None:
        p, n = _letter(p_label), _letter(n_label)
        if p is not None and n is not None and n - p == 2:
            return _LETTERS[p + 1]
        if n == 1 and p is None:
            return "a"
        if symbol and p is not None and p + 1 < len(_LETTERS) and (n is None or n == p + 2):
            return _LETTERS[p + 1]
    if punct == "." and symbol:
        p, n = _number(p_label), _number(n_label)
        if p is not None and n in (p + 2, None):
            return str(p + 1)
    return None


def repair_markers(blocks: list[Block]) -> None:
    """Rewrite, in place, the list markers of OCR'd body lines that their neighbours correct."""
    marked: list[tuple[int, str, str]] = []
    for i, block in enumerate(blocks):
        if block.kind == "paragraph" and (m := _MARKED.match(block.text)):
            marked.append((i, m.group("label"), m.group("punct")))
    for k, (i, label, punct) in enumerate(marked):
        prev = marked[k - 1][1:] if k else None
        nxt = marked[k + 1][1:] if k + 1 < len(marked) else None
        fixed = _expected(label, punct, prev, nxt)
        if fixed is not None:
            blocks[i].text = fixed + blocks[i].text[len(label) :]
