"""Dictionary repair of OCR diacritics ("tô chức" → "tổ chức", "trao đôi" → "trao đổi").

Tesseract's Vietnamese model most often loses or swaps the stacked marks of ô/ê/â/ơ/ư at
300 dpi. A syllable is suspect when it forms a dictionary word with neither neighbour; it is
replaced only by a syllable with the same letters (marks aside) that makes a dictionary word
with a neighbour, and only when exactly one such repair exists. Capitalised words (names,
places) are left alone. The word list is underthesea's Viet74K (~74k words); measured on
hand-corrected pages, and checked to change nothing on text-layer PDFs (see tests).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise, product
from pathlib import Path

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def skeleton(syllable: str) -> str:
    """Letters without any mark: "tổ", "tô", "tơ" → "to"; "đổi" → "doi"."""
    decomposed = unicodedata.normalize("NFD", syllable.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The most frequent function words ("có", "của", "để"): never "repaired"."""
    try:
        import underthesea.datasets as datasets_pkg

        path = Path(datasets_pkg.__file__).parent / "stopwords" / "stopwords.txt"
        return frozenset(unicodedata.normalize("NFC", path.read_text("utf-8")).split("\n"))
    except (ImportError, OSError):
        return frozenset()


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """(two-syllable words, skeleton → syllables) from Viet74K; empty when unavailable."""
    try:
        import underthesea.corpus as corpus_pkg

        text = (Path(corpus_pkg.__file__).parent / "data" / "Viet74K.txt").read_text("utf-8")
    except (ImportError, OSError):
        return frozenset(), {}
    pairs: set[str] = set()
    syllables: set[str] = set()
    for line in unicodedata.normalize("NFC", text.lower()).splitlines():
        parts = line.split()
        syllables.update(p for p in parts if p.isalpha())
        for a, b in pairwise(parts):
            pairs.add(f"{a} {b}")
    index: dict[str, list[str]] = {}
    for s in syllables:
        index.setdefault(skeleton(s), []).append(s)
    return frozenset(pairs), {k: tuple(v) for k, v in index.items()}


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_HATS = {"a": "â", "e": "ê", "o": "ô"}


def _split_tone(syllable: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", syllable)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return base, "".join(c for c in decomposed if c in _TONES)


def same_marks(a: str, b: str) -> bool:
    """The same letters and marks, wherever the tone is placed ("Hoà"/"Hòa", "UỶ"/"ỦY")."""
    return _split_tone(a.lower()) == _split_tone(b.lower())


def plausible_misread(ocr: str, fixed: str) -> bool:
    """The mark errors tesseract makes on stacked diacritics, and only those.

    Either the tone of a circumflex vowel was dropped ("tô" for "tổ", "câu" for "cầu") or
    the circumflex under a tone was dropped ("ĐÓC" for "ĐỐC"). Anything else (giá/già,
    của/cửa) is a different word, not a misreading, and is never "repaired".
    """
    base_o, tone_o = _split_tone(ocr)
    base_f, tone_f = _split_tone(fixed)
    if base_o == base_f:
        return not tone_o and bool(tone_f) and any(h in base_o for h in "âêô")
    if tone_o != tone_f or not tone_o or len(base_o) != len(base_f):
        return False
    diff = [(a, b) for a, b in zip(base_o, base_f, strict=True) if a != b]
    return len(diff) == 1 and _HATS.get(diff[0][0]) == diff[0][1]


def case_like(source: str, word: str) -> str:
    """``word`` in the case of ``source``: capitals, capitalised or lower."""
    if source.isupper():
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _fixes(word: str, index: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if word in _stopwords():
        return ()
    return tuple(c for c in index.get(skeleton(word), ()) if plausible_misread(word, c))


def correct_line(line: str, *, max_changes: int = 2) -> str:
    """Repair mark errors in one OCR line (unchanged when nothing is certain).

    Candidate repairs are scored by how many syllables they change; a repair may not pair a
    syllable with a neighbour that already forms a word on its other side (a syllable belongs
    to one word). Repairs are applied best first, each syllable at most once, and only when
    the best repair of a pair is unique.
    """
    pairs, index = _lexicon()
    if not pairs:
        return line
    tokens = list(_TOKEN.finditer(line))
    if len(tokens) < 2:
        return line
    words = [m.group(0).lower() for m in tokens]
    n = len(words)
    all_caps = line.upper() == line
    # joined[i]: tokens i and i+1 are separated by exactly one space (no punctuation)
    joined = [line[tokens[i].end() : tokens[i + 1].start()] == " " for i in range(n - 1)]
    left_word = [
        i > 0 and joined[i - 1] and f"{words[i - 1]} {words[i]}" in pairs for i in range(n)
    ]
    right_word = [
        i < n - 1 and joined[i] and f"{words[i]} {words[i + 1]}" in pairs for i in range(n)
    ]

    def editable(i: int) -> bool:
        token = tokens[i].group(0)
        explained = left_word[i] or right_word[i]
        return not explained and (all_caps or not token[:1].isupper())

    repairs: list[tuple[int, int, str, str]] = []  # (cost, i, new_i, new_i+1)
    for i in range(n - 1):
        if not joined[i] or right_word[i]:
            continue
        left = _fixes(words[i], index) if editable(i) else ()
        right = _fixes(words[i + 1], index) if editable(i + 1) else ()
        if not left and not right:
            continue
        options = []
        for a, b in product((words[i], *left), (words[i + 1], *right)):
            if (a, b) == (words[i], words[i + 1]) or f"{a} {b}" not in pairs:
                continue
            # the unchanged partner must not already belong to a word on its other side
            if a == words[i] and left_word[i]:
                continue
            if b == words[i + 1] and right_word[i + 1]:
                continue
            options.append(((a != words[i]) + (b != words[i + 1]), a, b))
        if not options:
            continue
        best = min(o[0] for o in options)
        chosen = [o for o in options if o[0] == best]
        if len(chosen) == 1 and best <= max_changes:
            repairs.append((best, i, chosen[0][1], chosen[0][2]))
    replacements: dict[int, str] = {}
    locked: set[int] = set()
    for _, i, a, b in sorted(repairs):
        if i in locked or i + 1 in locked:
            continue
        locked.update((i, i + 1))
        if a != words[i]:
            replacements[i] = a
        if b != words[i + 1]:
            replacements[i + 1] = b
    if not replacements:
        return line
    out = []
    last = 0
    for i, m in enumerate(tokens):
        if i in replacements:
            out.append(line[last : m.start()])
            out.append(case_like(m.group(0), replacements[i]))
            last = m.end()
    out.append(line[last:])
    return "".join(out)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    _, index = _lexicon()
    return frozenset(s for group in index.values() for s in group)


def is_syllable(word: str) -> bool:
    """A dictionary syllable of two letters or more ("tế", "và"; not "Ô" or "ẩ")."""
    lower = word.lower()
    return len(lower) > 1 and lower in _syllables()


_GLUED = re.compile(r"^(\W*)([^\W\d_]+)(\W*)$")
_ACRONYM = re.compile(r"^[A-ZĐ]{2,}")
_ONE_LETTER = frozenset("yýở")  # the one-letter syllables met glued ("Ytế", "ởcác")
# Where a cut may fall: before a consonant or a capital. A cut before a vowel would split
# misread syllables ("điêm" for "điểm" is not "đi êm").
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")


def _segmentations(core: str, syllables: frozenset[str]) -> list[list[str]]:
    """Every way to cut ``core`` into dictionary syllables, fewest pieces first (an acronym in
    capitals may open it: "UBNDcác")."""
    lower = core.lower()
    best: dict[int, list[list[str]]] = {0: [[]]}
    for end in range(1, len(core) + 1):
        ways: list[list[str]] = []
        for start in range(max(0, end - 7), end):
            piece = lower[start:end]
            acronym = start == 0 and _ACRONYM.fullmatch(core[:end]) is not None
            syllable = piece in syllables and (len(piece) > 1 or piece in _ONE_LETTER)
            if start > 0 and not (core[start].isupper() or core[start].lower() in _CONSONANTS):
                continue
            if start in best and (syllable or acronym):
                ways.extend([*w, core[start:end]] for w in best[start])
        if ways:
            fewest = min(len(w) for w in ways)
            best[end] = [w for w in ways if len(w) == fewest]
    return best.get(len(core), [])


def split_glued(word: str) -> str:
    """An OCR word that is two or three syllables run together, cut apart ("Trungtâm" →
    "Trung tâm", "UBNDcác" → "UBND các", "Ytếhuyện" → "Y tế huyện").

    Tesseract drops the space between syllables set tight, most of all in narrow table cells,
    and a glued body name no longer matches ("Phòng Tài nguyênvà"). A word is cut only when it
    is no syllable itself, carries a Vietnamese mark (English and codes are left alone), and
    has exactly one shortest cut into dictionary syllables (or, of several, one that makes a
    dictionary word).
    """
    m = _GLUED.match(word)
    syllables = _syllables()
    if m is None or not syllables:
        return word
    core = m.group(2)
    if (
        len(core) < 3
        or core.lower() in syllables
        or core.isupper()
        or all(ord(ch) < 128 for ch in core)
    ):
        return word
    ways = _segmentations(core, syllables)
    if len(ways) > 1:  # "thịtrấn": "thị trấn" is a word, "thịt rấn" is not
        pairs, _ = _lexicon()
        ways = [w for w in ways if any(f"{a} {b}".lower() in pairs for a, b in pairwise(w))]
    if len(ways) != 1 or not 2 <= len(ways[0]) <= 3:
        return word
    return m.group(1) + " ".join(ways[0]) + m.group(3)


# A syllable and a number tesseract ran together: "Định kỳ6 tháng", "tháng6/2026", "6tháng".
_LETTERS_DIGITS = re.compile(r"^(\W*)([^\W\d_]+)(\d.*)$")
_DIGITS_LETTERS = re.compile(r"^(.*\d)([^\W\d_]+)(\W*)$")


def _marked_syllable(word: str) -> bool:
    """A dictionary syllable with a Vietnamese letter, not in capitals: codes ("Km2", "PC06",
    "ĐT741", "H5N1", "5G") never qualify."""
    return not word.isupper() and any(ord(ch) > 127 for ch in word) and is_syllable(word)


def split_digits(word: str) -> str:
    """An OCR word that is a syllable glued to a number, cut apart ("kỳ6" → "kỳ 6").

    A time cell read "Định kỳ6 tháng" is no rhythm the deadline grammar knows; the space
    tesseract lost between a word and a number is put back when the letters are a marked
    syllable.
    """
    m = _LETTERS_DIGITS.match(word)
    if m and _marked_syllable(m.group(2)):
        return f"{m.group(1)}{m.group(2)} {m.group(3)}"
    m = _DIGITS_LETTERS.match(word)
    if m and _marked_syllable(m.group(2)):
        return f"{m.group(1)} {m.group(2)}{m.group(3)}"
    return word
