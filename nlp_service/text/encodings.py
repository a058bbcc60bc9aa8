"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI) → Unicode.

Before Unicode, Vietnamese offices typed with TCVN3 (".VnTime" fonts) or VNI ("VNI-Times")
fonts. Old .doc and PDF files keep those bytes, so readers see Windows-1252 mojibake:
"Céng hoµ x· héi" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI). Both are fixed here by mapping the
cp1252 characters back. Detection does not guess from single characters (Unicode Vietnamese
legitimately contains "oà", "é", "ô"): a conversion is accepted only when it turns text that is
not valid Vietnamese into text that is (:mod:`nlp_service.text.quality`).
"""

from __future__ import annotations

import re
import unicodedata

from nlp_service.text.quality import TextEvidence, evidence

# TCVN 5712:1993 (VN3, "ABC"): byte → character. The uppercase ".VnTimeH" fonts reuse the
# lowercase codes and draw capitals, so case is restored per word afterwards.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3 = str.maketrans({bytes([b]).decode("cp1252"): ch for b, ch in _TCVN3_BYTES.items()})

# VNI: a base letter followed by a mark character (cp1252 view), plus a few single letters.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_BREVE, _CIRC = "\u0306", "\u0302"
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
}  # fmt: skip
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VNI_LETTERS = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ",
    "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip
_VNI_SEQ = re.compile("([aAeEoOuUyYơƠưƯ])([" + "".join(sorted(_VNI_MARKS)) + "])")
_BREVE_BASES = set("aA")
_CIRC_BASES = set("aAeEoO")


def tcvn3_to_unicode(text: str) -> str:
    converted = text.translate(_TCVN3)
    return _restore_upper(converted)


def vni_to_unicode(text: str) -> str:
    text = "".join(_VNI_LETTERS.get(ch, ch) for ch in text)

    def compose(m: re.Match[str]) -> str:
        base, marks = m.group(1), _VNI_MARKS[m.group(2)]
        if (_BREVE in marks and base not in _BREVE_BASES) or (
            _CIRC in marks and base not in _CIRC_BASES
        ):
            return m.group(0)
        return unicodedata.normalize("NFC", base + marks)

    return unicodedata.normalize("NFC", _VNI_SEQ.sub(compose, text))


_WORD = re.compile(r"\w+")


def _restore_upper(text: str) -> str:
    """Words typed in an uppercase font: their ASCII letters are capitals, the codes lowercase.

    A line whose ASCII letters are all capitals is uppercased whole ("X· HéI" → "XÃ HỘI");
    otherwise a word needs two capital ASCII letters: "Tù" is "Tự", not "TỰ".
    """
    return "\n".join(_restore_upper_line(line) for line in text.split("\n"))


def _restore_upper_line(line: str) -> str:
    ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 4 and all(c.isupper() for c in ascii_letters):
        return line.upper()

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        letters = [c for c in word if c.isascii() and c.isalpha()]
        upper = len(letters) >= 2 and all(c.isupper() for c in letters)
        return word.upper() if upper else word

    return _WORD.sub(fix, line)


def detect_legacy(text: str, before: TextEvidence | None = None) -> str | None:
    """'tcvn3' or 'vni' when converting makes poor text good Vietnamese, else None.

    ``before`` is the text's evidence when the caller has it already.
    """
    before = before or evidence(text)
    if before.words < 3 or before.quality >= 0.6:
        return None
    best, best_quality = None, before.quality + 0.2
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        quality = evidence(convert(text)).quality
        if quality >= 0.6 and quality > best_quality:
            best, best_quality = name, quality
    return best


def convert_legacy(text: str, encoding: str) -> str:
    return tcvn3_to_unicode(text) if encoding == "tcvn3" else vni_to_unicode(text)
