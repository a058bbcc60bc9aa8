"""Repair of a scan's closed vocabularies: the header ("TÍNH LÂM ĐÔNG" → "TỈNH LÂM ĐỒNG") and
the section headings ("TỔ CHÚC THỤC HIỆN" → "TỔ CHỨC THỰC HIỆN").

The left column of an NĐ 30 header is written from a small vocabulary: the words that name
issuing bodies ("ỦY BAN NHÂN DÂN", "SỞ", "VĂN PHÒNG"), the units of government ("TỈNH",
"HUYỆN") and the provinces. Tesseract's mark errors there cost the issuer field ("Hội đồng nhân
dân tính thanh hóa" is not "… tỉnh Thanh Hóa"), and a misread label ("Sô: /BNV-TCPCP") hides
the number line, after which the header parser takes a line of the subject for the issuer.

Inside a header, a run of words spelt like a vocabulary phrase except for its marks is that
phrase: no other header text reads "TINH" or "LAM DONG" without its marks. The dictionary
repair (``ocr_correct``) cannot do this, because "tính", "tĩnh" and "sơ" are words. Unit and
body words are repaired only on lines in capitals (a body's name; the subject line is prose);
province names in any header line ("V/v … tỉnh Lâm Đông"). In the body only a whole line that
reads as a section heading is repaired ("III. TỔ CHÚC THỤC HIỆN" made "Tổ …" a body), never
single words: "TINH GIẢN" and "VÙNG XA" are words too. Measured on the train and dev PDFs
rendered to images and read back by OCR (see the fifteenth session's note).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from nlp_service.readers.ocr_correct import case_like, same_marks
from nlp_service.text.letters import base_letters

_DATA = Path(__file__).parent / "data" / "ocr_vocabulary.yaml"
# A line's first word read as S + some "o": the number label before ":", "/" or a digit ("Sô:
# /BNV-TCPCP", "SỐ 245-TB/TU"); a department before a name in capitals ("SƠ NỘI VỤ").
_S_WORD = re.compile(
    r"^(\s*)S[ôồốổỗộơờớởỡợoòóỏõọ6ÔỒỐỔỖỘƠỜỚỞỠỢOÒÓỎÕỌ](?:(?=\s*[:/\d])|(?=\s+[^\W\d_]))"
)


def _first_word(line: str) -> str:
    m = _S_WORD.match(line)
    if m is None:
        return line
    rest = line[m.end() :]
    if re.match(r"\s*[:/\d]", rest):
        word = "SỐ" if line[m.end() - 1].isupper() else "Số"  # "S6:" reads as NĐ 30 writes it
    elif line.strip().isupper():
        word = "SỞ"
    else:
        return line
    return m.group(1) + word + rest


def _key(text: str) -> str:
    return " ".join(base_letters(text).upper().split())


@lru_cache(maxsize=1)
def _data() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _headings() -> dict[str, str]:
    return {_key(h): h for h in _data()["headings"]}


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(capitals pattern, places pattern, skeleton → phrase) over base letters."""
    data = _data()
    words: list[str] = data["words"]
    places: list[str] = data["places"]
    spelling = {_key(p): p for p in (*words, *places)}

    def pattern(phrases: list[str]) -> re.Pattern[str]:
        keys = sorted({_key(p) for p in phrases}, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    return pattern([*words, *places]), pattern(places), spelling


def _spelt_as(found: str, phrase: str) -> str:
    """``phrase`` in the case of ``found``, word by word; a word whose marks already agree ("Hoà"
    for "Hòa", "UỶ" for "ỦY") is kept as written."""
    out = []
    for src, word in zip(found.split(), phrase.split(), strict=True):
        out.append(src if same_marks(src, word) else case_like(src, word.lower()))
    return " ".join(out)


def repair_header_line(line: str) -> str:
    """One header line with its vocabulary words spelt right (unchanged when none is found)."""
    line = _first_word(line)
    capitals, places, spelling = _vocabulary()
    letters_only = re.sub(r"[^\w]", "", line)
    pattern = capitals if letters_only and letters_only.isupper() else places
    base = base_letters(line)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(base):
        found = line[m.start() : m.end()]
        phrase = spelling[_key(m.group(0))]
        out.append(line[last : m.start()])
        out.append(_spelt_as(found, phrase))
        last = m.end()
    out.append(line[last:])
    return "".join(out)


_NUMBERING = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[A-ZĐ])\s*[.)/-]\s*)?")


def repair_heading_line(line: str) -> str:
    """A body line that reads as a known section heading, spelt right ("III. TỔ CHÚC THỤC
    HIỆN", "2. Tổ chức thục hiện")."""
    head = _NUMBERING.match(line)
    start = head.end() if head else 0
    rest = line[start:].rstrip(" .:")
    heading = _headings().get(_key(rest))
    if heading is None or len(heading.split()) != len(rest.split()):
        return line
    return line[:start] + _spelt_as(rest, heading) + line[start + len(rest) :]


# A quarter's Roman numeral as OCR reads it: "Quý IH/2024", "Quý II1/2024" (III), "qwý IW"
# (IV), "Quý1/2026", and the numerals listed after it ("Quý II, IH/2026"). H is two strokes
# (II), l and 1 are one (I), W is V or IV.
_NUMERAL = r"[IVHhl1W]{1,4}"
_QUARTERS = re.compile(
    rf"\b([Qq][uw][ýyỳỷ])\s*({_NUMERAL}(?:\s*(?:,|-|–|và)\s*{_NUMERAL})*)"
    r"(?=\s*(?:/|,|\.|;|\s|năm\b|$))"
)
_STROKES = {"H": "II", "h": "II", "l": "I", "1": "I"}
_VALID = ("I", "II", "III", "IV")


def _quarter(numeral: str) -> str:
    if numeral in _VALID:
        return numeral
    read = "".join(_STROKES.get(ch, ch) for ch in numeral)
    return next(
        (q for q in (read.replace("W", "V"), read.replace("W", "IV")) if q in _VALID), numeral
    )


def repair_quarters(line: str) -> str:
    """Quarters whose Roman numerals OCR misread, written as valid ones ("Quý IH/2024" →
    "Quý III/2024"); a numeral that reads as no quarter I–IV is left as it is."""

    def fix(m: re.Match[str]) -> str:
        numerals = re.sub(_NUMERAL, lambda n: _quarter(n.group(0)), m.group(2))
        return f"{'Quý' if m.group(1)[0] == 'Q' else 'quý'} {numerals}"

    return _QUARTERS.sub(fix, line)
