"""Is this text Vietnamese, and is a PDF text layer trustworthy?

Two questions, one set of evidence. Vietnamese is written in syllables separated by spaces;
nearly half of them carry a tone mark or one of ă â đ ê ô ơ ư, and each one is drawn from a
closed inventory of ~11k syllables (underthesea ships it as a word list). English has no such
letters, and a broken OCR layer such as ``uY BAN NgAN nAN`` loses the diacritics and mixes case
inside words. The checks are cheap (one regex pass and set look-ups) so they can run on every
page of every upload.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# Letters that exist only in Vietnamese orthography (besides the tone marks).
_VI_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_RHYME = r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|c|m|n|p|t)?"
_SYLLABLE_RE = re.compile(f"^{_INITIAL}{_RHYME}$")
# Unaccented function words: evidence for Vietnamese typed without diacritics.
_PLAIN_VI = frozenset(
    [
        "va",
        "cua",
        "cac",
        "cho",
        "nhung",
        "trong",
        "ngay",
        "thang",
        "nam",
        "theo",
        "duoc",
        "voi",
        "tai",
        "tinh",
        "huyen",
        "xa",
        "so",
        "ban",
        "nhan",
        "dan",
        "uy",
        "hoi",
        "dong",
        "quyet",
        "dinh",
        "thong",
        "bao",
        "ke",
        "hoach",
        "viec",
        "thuc",
        "hien",
    ]
)


def _strip_marks(word: str) -> str:
    """Remove tone marks but keep the Vietnamese base letters (ă â ê ô ơ ư đ)."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """The syllable inventory from underthesea's Viet74K word list (empty if not installed)."""
    try:
        import underthesea.corpus as corpus_pkg

        path = Path(corpus_pkg.__file__).parent / "data" / "Viet74K.txt"
        text = path.read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(unicodedata.normalize("NFC", text.lower()).split())


def is_syllable(word: str) -> bool:
    """True when ``word`` (any case) is a well-formed Vietnamese syllable."""
    low = word.lower()
    inventory = _syllables()
    if inventory:
        return low in inventory
    return bool(_SYLLABLE_RE.match(_strip_marks(low)))


def _marked(ch: str) -> bool:
    return ch in _VI_LETTERS or any(c in _TONE_MARKS for c in unicodedata.normalize("NFD", ch))


# Every precomposed Latin letter with a Vietnamese tone mark or base letter, plus the bare
# combining marks (decomposed input): one regex search per word instead of an NFD per word.
_MARKED_RE = re.compile(
    "["
    + "".join(ch for ch in map(chr, range(0xC0, 0x1F00)) if ch.isalpha() and _marked(ch))
    + "".join(sorted(_TONE_MARKS))
    + "]"
)


def _has_vi_marks(word: str) -> bool:
    return _MARKED_RE.search(word) is not None


def _odd_case(word: str) -> bool:
    """Mixed case inside a word ("NgAN", "uY"): OCR garbage, not orthography."""
    return not (len(word) < 2 or word.islower() or word.isupper() or word.istitle())


@dataclass(frozen=True)
class TextEvidence:
    words: int
    syllable_share: float  # share of words that are valid Vietnamese syllables
    marked_share: float  # share of words with a tone mark or a Vietnamese letter
    odd_case_share: float
    plain_vi_share: float  # share of unaccented Vietnamese function words

    @property
    def quality(self) -> float:
        """0..1 trust in the text as Vietnamese prose.

        Real Vietnamese has ~40-60% marked syllables; a layer with almost none, or with
        mixed-case words, is damaged even when its letters spell valid syllables.
        """
        if self.words == 0:
            return 0.0
        marks = min(1.0, self.marked_share / 0.3)
        return max(0.0, self.syllable_share * marks * (1.0 - 3.0 * self.odd_case_share))


def evidence(text: str, *, max_words: int = 3000) -> TextEvidence:
    words = _WORD_RE.findall(unicodedata.normalize("NFC", text))[:max_words]
    n = len(words)
    if n == 0:
        return TextEvidence(0, 0.0, 0.0, 0.0, 0.0)
    syl = sum(1 for w in words if is_syllable(w))
    marked = sum(1 for w in words if _has_vi_marks(w))
    odd = sum(1 for w in words if _odd_case(w))
    plain = sum(1 for w in words if w.lower() in _PLAIN_VI)
    return TextEvidence(n, syl / n, marked / n, odd / n, plain / n)


def text_quality(text: str) -> float:
    """Score a page's text layer, 0..1 (see :attr:`TextEvidence.quality`)."""
    return evidence(text).quality


# A page whose layer scores below this is re-read by OCR.
TRUSTED_QUALITY = 0.5
# Fewer words than this: too little evidence to refuse a document as not Vietnamese.
MIN_WORDS_FOR_LANGUAGE = 12


def is_vietnamese(text: str, ev: TextEvidence | None = None) -> bool:
    """Whether ``text`` is (mostly) Vietnamese.

    Accepts Vietnamese with English passages (a few marked syllables per hundred words are
    enough: English never has them) and unaccented Vietnamese with many function words; refuses
    English or other languages. Too short to judge counts as Vietnamese.
    """
    ev = ev or evidence(text)
    if ev.words < MIN_WORDS_FOR_LANGUAGE:
        return True
    if ev.marked_share >= 0.12:
        return True
    return ev.syllable_share >= 0.8 and ev.plain_vi_share >= 0.2
