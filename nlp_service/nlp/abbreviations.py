"""Abbreviations of Vietnamese administrative bodies, canonical body names, and body matching.

Notices write the same body many ways: "UBND TP", "Ủy ban nhân dân thành phố", "Uỷ ban nhân
dân Thành phố", "Sở TN&MT". Everything that compares or stores body names goes through
:func:`canonical_body` (one spelling) or :func:`same_body` (the ANNOTATION.md scoring rule), and
both rely on :func:`expand`, whose data lives in ``data/abbreviations.yaml``.

Two spellings of the tone mark exist ("Uỷ"/"Ủy", "hoá"/"hóa"); :func:`fold_tones` maps the old
placement to the new one *without changing the string's length*, so recognizers can match on the
folded text and keep offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"

#: Vietnamese upper- and lower-case letters, for character classes (``re`` has no \p{Lu}).
UPPER = "".join(
    c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha() and len(c.lower()) == 1
)
LOWER = "".join(c.lower() for c in UPPER)

# Old-style tone placement on an open syllable's last vowel pair: "hoà" -> "hòa", "uỷ" -> "ủy".
# Only at the end of a syllable (with a final consonant both styles agree: "hoàn") and never after
# "q", where "u" belongs to the consonant ("quý", "quỳ").
_TONED_A = "àáảãạ"
_TONED_E = "èéẻẽẹ"
_TONED_Y = "ỳýỷỹỵ"
_PLAIN_O = "òóỏõọ"
_PLAIN_U = "ùúủũụ"


def _fold_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for i in range(5):
        for o in ("o", "O"):
            for vowels, base in ((_TONED_A, "a"), (_TONED_E, "e")):
                toned_o = _PLAIN_O[i] if o == "o" else _PLAIN_O[i].upper()
                table[o + vowels[i]] = toned_o + base
                table[o + vowels[i].upper()] = toned_o + base.upper()
        for u in ("u", "U"):
            toned_u = _PLAIN_U[i] if u == "u" else _PLAIN_U[i].upper()
            table[u + _TONED_Y[i]] = toned_u + "y"
            table[u + _TONED_Y[i].upper()] = toned_u + "Y"
    return table


_FOLD = _fold_table()
_FOLD_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_FOLD, key=len, reverse=True)) + r")(?![\w])")


def fold_tones(text: str) -> str:
    """Move old-style tone marks to the new place ("Uỷ ban" -> "Ủy ban"); length is preserved."""
    if not _FOLD_RE.search(text):
        return text
    return _FOLD_RE.sub(lambda m: _FOLD[m.group(1)], text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class AbbreviationRule:
    abbr: str
    expansion: str
    next: re.Pattern[str] | None = None
    prev: re.Pattern[str] | None = None
    dot: bool = False


def _compile_context(source: str | None, *, anchor_end: bool) -> re.Pattern[str] | None:
    if not source:
        return None
    source = source.replace("{UPPER}", UPPER)
    return re.compile(f"(?:{source})$" if anchor_end else source)


@lru_cache(maxsize=1)
def load_rules() -> dict[str, tuple[AbbreviationRule, ...]]:
    """Rules from ``abbreviations.yaml`` grouped by abbreviation, in file order."""
    raw = yaml.safe_load((DATA_DIR / "abbreviations.yaml").read_text(encoding="utf-8"))
    rules: dict[str, list[AbbreviationRule]] = {}
    for item in raw["abbreviations"]:
        rule = AbbreviationRule(
            abbr=nfc(str(item["abbr"])),
            expansion=nfc(str(item["expansion"])),
            next=_compile_context(item.get("next"), anchor_end=False),
            prev=_compile_context(item.get("prev"), anchor_end=True),
            dot=bool(item.get("dot", False)),
        )
        rules.setdefault(rule.abbr, []).append(rule)
    return {k: tuple(v) for k, v in rules.items()}


@lru_cache(maxsize=1)
def _abbr_regex() -> re.Pattern[str]:
    names = sorted(load_rules(), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    # Not glued to a letter, digit, "&" or "-" on either side ("KT-XH" is one token, "HCM" in
    # "TPHCM" is not on its own); a trailing "." is handled per rule (``dot``).
    return re.compile(rf"(?<![\w&-])({alternation})(?![\w&]|-\w)")


def _pick(rules: tuple[AbbreviationRule, ...], before: str, after: str) -> AbbreviationRule | None:
    for rule in rules:
        if rule.prev is not None and not rule.prev.search(before):
            continue
        if rule.next is not None and not rule.next.match(after):
            continue
        return rule
    return None


def expand(name: str) -> str:
    """Expand the standard abbreviations in ``name``, choosing by context where they are ambiguous.

    "UBND TP Hà Nội" -> "Ủy ban nhân dân thành phố Hà Nội"; "TT HĐND" -> "Thường trực Hội đồng
    nhân dân"; "TT Phú Xuyên" -> "thị trấn Phú Xuyên"; "Sở TP" -> "Sở Tư pháp". An abbreviation
    whose context fits none of its rules is left as written.
    """
    text = fold_tones(nfc(name))
    rules = load_rules()
    out: list[str] = []
    pos = 0
    for m in _abbr_regex().finditer(text):
        if m.start() < pos:
            continue
        # contexts are local: a window keeps expand() linear on long texts
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 80]
        rule = _pick(rules[m.group(1)], before, after)
        if rule is None:
            continue
        end = m.end()
        if rule.dot and re.match(r"\.\s*\w", after):
            end += 1
            if not after[1:2].isspace():
                out.append(text[pos : m.start()] + rule.expansion + " ")
                pos = end
                continue
        out.append(text[pos : m.start()] + rule.expansion)
        pos = end
    out.append(text[pos:])
    return "".join(out)


# --- canonical names -------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_HEAD_CASE = [
    (re.compile(r"(?i)\bủy ban nhân dân\b"), "Ủy ban nhân dân"),
    (re.compile(r"(?i)\bhội đồng nhân dân\b"), "Hội đồng nhân dân"),
    (re.compile(r"(?i)\bmặt trận tổ quốc\b"), "Mặt trận Tổ quốc"),
]
#: Unit nouns: lower-case inside a name ("Ủy ban nhân dân thành phố"), their place name capitalised.
UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
_UNIT_LAST_WORDS = frozenset(u.split()[-1] for u in UNIT_WORDS)
_UNIT_AFTER_HEAD = re.compile(r"(?i)(?<=nhân dân )(" + "|".join(UNIT_WORDS) + r")\b")


def _smart_case_upper(text: str) -> str:
    """Re-case an all-capitals name ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") to the usual spelling.

    Abbreviations stay upper-case; the first word and the words of a place name after a unit
    noun are capitalised; everything else is lower-case.
    """
    rules = load_rules()
    words = text.split(" ")
    out: list[str] = []
    capitalise_rest = False
    for i, w in enumerate(words):
        bare = w.strip(",.;:()")
        if bare in rules or (len(bare) <= 3 and any(ch in bare for ch in "&-")):
            out.append(w)
            continue
        low = w.lower()
        if capitalise_rest:
            low = re.sub(r"\w+", lambda m: m.group(0).capitalize(), low)
        elif i == 0:
            low = low[:1].upper() + low[1:]
        out.append(low)
        if bare.lower() in _UNIT_LAST_WORDS:
            capitalise_rest = True
    return " ".join(out)


def is_all_caps(text: str) -> bool:
    """Written in capitals: two words or more, or one word that is not an abbreviation."""
    letters = [c for c in text if c.isalpha()]
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not letters or not all(c.isupper() for c in letters):
        return False
    return len(words) >= 2 or (len(letters) > 3 and words[0].strip(",.;:()") not in load_rules())


def canonical_body(raw: str) -> str:
    """One spelling per body: NFC, new-style tones, abbreviations expanded, spacing and case fixed.

    "UBND TP" -> "Ủy ban nhân dân thành phố"; "Uỷ ban nhân dân Tỉnh Lâm Đồng" -> "Ủy ban nhân dân
    tỉnh Lâm Đồng"; "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" -> "Ủy ban nhân dân tỉnh Lâm Đồng" (all-capital
    names are re-cased by rule; the recognizer supplies the spelling of known names itself).
    Collectives keep their lower-case "các".
    """
    text = fold_tones(nfc(raw))
    text = _SPACES.sub(" ", text).strip().strip(",;:").strip()
    text = text.rstrip(".") if not text.endswith("..") else text
    if is_all_caps(text):
        text = _smart_case_upper(text)
    text = expand(text)
    for pattern, spelling in _HEAD_CASE:
        text = pattern.sub(spelling, text)
    text = _UNIT_AFTER_HEAD.sub(lambda m: m.group(1).lower(), text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith(("các ", "Các ")):
        # collectives are written in lower case ("các sở, ban, ngành", ANNOTATION.md)
        return "c" + text[1:]
    return text[:1].upper() + text[1:]


# --- the scoring rule -------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def body_tokens(name: str) -> set[str]:
    """Lower-cased word set of a body name after expansion, without "các" (ANNOTATION.md)."""
    words = _WORD.findall(expand(name).lower())
    return {w for w in words if w != "các"}


def same_body(a: str, b: str) -> bool:
    """ANNOTATION.md rule: token-set F1 >= 0.8, or one name's words (at least 3) inside the other's.

    Both names are compared after lower-casing, expanding standard abbreviations and dropping
    "các" ("UBND TP" == "Ủy ban nhân dân thành phố"; "Văn phòng UBND tỉnh" is the same body as
    "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)").
    """
    ta, tb = body_tokens(a), body_tokens(b)
    if not ta or not tb:
        return ta == tb and bool(a.strip()) == bool(b.strip())
    common = len(ta & tb)
    if 2 * common / (len(ta) + len(tb)) >= 0.8:
        return True
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(small) >= 3 and small <= large
