"""Responsible-body recognizer: who a notice names as an actor ("Sở Tài chính", "UBND các xã").

underthesea tags no administrative bodies, so this recognizer finds them with rules and data
(``data/bodies.yaml`` plus the place names shipped by ``vietnamadminunits``):

* admin bodies — "UBND/HĐND" + unit + place ("UBND huyện Hoài Đức", "HĐND TP", "UBND các xã,
  phường, đặc khu", "Thường trực HĐND của 11 quận, huyện, thị xã");
* departments — "Sở/Bộ/Phòng" + a known name of either government era, and shared heads
  ("các sở: Tài chính, Xây dựng" -> one mention per member);
* boards — "Ban" + committee/board name ("Ban Pháp chế HĐND tỉnh", "BQLDA số 1");
* fixed names — the gazetteer ("Công an tỉnh", "Kho bạc Nhà nước", "Ủy ban MTTQ các cấp");
* organisations by shape — head + capitalised name + closing unit or place ("Hội Làm vườn tỉnh
  Bình Thuận", "Công ty Cổ phần Môi trường đô thị Đà Nẵng");
* collectives — "các sở, ban, ngành", "các cơ quan, đơn vị liên quan" (``collective: True``);
* prefixes — "Văn phòng", "Thường trực" and titles ("Chủ tịch UBND tỉnh" is a body by title);
* bracketed sub-units — "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)".

Each mention's explanation names its ``rule``, ``collective``, and, where the name tells it, the
``era`` (before/after the department mergers of 1/3/2025 or the two-level reform of 1/7/2025);
:func:`document_era` sums them up. Matching runs on :func:`fold_tones` of the text (same
length), so "Uỷ"/"Ủy" need one spelling and every span still points into the original text.
Data and regexes are loaded once per process (:func:`default_recognizer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from nlp_service.nlp.abbreviations import (
    UPPER,
    canonical_body,
    fold_tones,
    is_all_caps,
    load_rules,
    nfc,
)
from nlp_service.nlp.recognizer import Mention, Recognizer, SpanSet

DATA_FILE = Path(__file__).parent / "data" / "bodies.yaml"

# Token boundaries: a body word is not glued to letters, digits, "&", "/" or "-" ("Sở" in "cơ
# sở" is excluded by case, "UBND" in "TTr-UBND" by the hyphen, in "12/UBND-VX" by the slash).
_B = r"(?<![\w&/-])"
_E = r"(?![\w&])"


_MEMBER_OF = re.compile(r"(?i)thành\s+viên\s+$")
# A line, or a cell of a table row, that may be written in capitals.
_SEGMENT = re.compile(r"[^\n|]+")


def _recase(text: str) -> str:
    """An all-capitals line in the usual spelling, same length: abbreviations ("UBND") stay,
    the first word is capitalised, every other word lower-cased. (canonical_body's re-casing
    capitalises the words after a unit noun, "xã, Phường, Đặc Khu", which is right for a place
    and wrong for a list of units.)"""
    rules = load_rules()
    out, first = [], True
    for piece in re.split(r"(\s+)", text):
        bare = piece.strip(",.;:()")
        if not piece.strip() or bare in rules:
            out.append(piece)
            first = first and not bare
            continue
        low = piece.lower()
        if first and any(c.isalpha() for c in low):
            i = next(i for i, c in enumerate(low) if c.isalpha())
            low = low[:i] + low[i].upper() + low[i + 1 :]
            first = False
        out.append(low)
    return "".join(out)


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first ("Ủy ban MTTQ Việt Nam" beats "MTTQ")."""
    unique = {fold_tones(nfc(w)) for w in words}
    # a space in a name also matches a hard line wrap ("Sở Tài nguyên và\nMôi trường")
    return "|".join(
        re.escape(w).replace("\\ ", r"\s+") for w in sorted(unique, key=lambda w: (-len(w), w))
    )


def _alternation_cased_head(words: Iterable[str]) -> str:
    """Like :func:`_alternation`, but only the first letter is case-sensitive ("Viện Kiểm sát" and
    "Viện kiểm sát" both match, "viện kiểm sát" does not); short all-capital abbreviations stay
    fully case-sensitive ("CA" is not "Ca")."""
    parts = []
    for w in sorted({fold_tones(nfc(w)) for w in words}, key=lambda w: (-len(w), w)):
        if w.isupper() and len(w) <= 6:
            parts.append(re.escape(w).replace("\\ ", r"\s+"))
        else:
            rest = re.escape(w[1:]).replace("\\ ", r"\s+")
            parts.append(f"{re.escape(w[0])}(?i:{rest})")
    return "|".join(parts)


def _key(matched: str) -> str:
    """Lookup key of a matched name: single spaces, lower case."""
    return " ".join(matched.split()).lower()


@dataclass(frozen=True)
class NamedEntry:
    """A known name: its canonical spelling, the era it belongs to and its kind-specific flags."""

    name: str
    era: str = "any"
    heads: tuple[str, ...] = ()
    tail: str = "none"  # gazetteer: none | place | required | bare | place_or_bare | comma
    open: bool = False  # boards: the name may continue ("Ban Quản lý dự án …")


@dataclass
class BodyData:
    """Everything the recognizer reads from YAML and vietnamadminunits, loaded once."""

    departments: dict[str, NamedEntry]  # folded alias (lower-case) -> entry
    department_forms: list[str]  # folded aliases as written (for case-sensitive list members)
    board_forms: list[str]
    boards: dict[str, NamedEntry]
    gazetteer: dict[str, NamedEntry]  # folded alias (lower-case) -> entry
    gazetteer_forms: list[str]
    organisation_heads: list[str]
    prefixes: dict[str, tuple[str, bool]]  # prefix as written -> (spelling, person's title?)
    collective_nouns: dict[str, bool]  # noun -> may stand alone
    collective_qualifiers: list[str]
    name_stops: list[str]
    name_compounds: list[str]
    name_continuations: list[str]
    place_stops: frozenset[str]
    places: frozenset[str] = field(default_factory=frozenset)  # both eras and extra_places
    places_after: frozenset[str] = field(default_factory=frozenset)  # from 1/7/2025
    places_before: frozenset[str] = field(default_factory=frozenset)  # until 30/6/2025


def _entries(items: list[dict[str, Any]]) -> dict[str, NamedEntry]:
    """Lookup table: every alias, folded and lower-cased (see :func:`_key`) -> its entry."""
    out: dict[str, NamedEntry] = {}
    for item in items:
        entry = NamedEntry(
            name=nfc(str(item["name"])),
            era=str(item.get("era", "any")),
            heads=tuple(item.get("heads", ())),
            tail=str(item.get("tail", "none")),
            open=bool(item.get("open", False)),
        )
        for alias in [entry.name, *map(str, item.get("aliases", []))]:
            key = fold_tones(nfc(alias))
            out[key.lower()] = entry
    return out


def _forms(items: list[dict[str, Any]]) -> list[str]:
    return [fold_tones(nfc(str(a))) for i in items for a in [i["name"], *i.get("aliases", [])]]


def load_places() -> tuple[frozenset[str], frozenset[str]]:
    """Short place names after and before the 2025 reform ("Bảo Lâm 2"; "Hoài Đức").

    From ``vietnamadminunits``' own SQLite data, so the lists follow the package, not our typing.
    Returns ``(after_reform, before_reform)``: 34 provinces and their wards; 63 provinces, their
    districts and wards.
    """
    from vietnamadminunits.database import get_data

    out: list[frozenset[str]] = []
    for table, columns in (
        ("admin_units", ["provinceShort", "wardShort"]),
        ("admin_units_legacy", ["provinceShort", "districtShort", "wardShort"]),
    ):
        names: set[str] = set()
        for row in get_data(columns, table):
            for col in columns:
                value = row.get(col)
                if value:
                    names.add(fold_tones(nfc(str(value))))
        out.append(frozenset(names))
    return out[0], out[1]


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def body_head_pattern() -> re.Pattern[str]:
    """The start of a body's name by its head noun (``body_heads`` in bodies.yaml)."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return re.compile("|".join(f"(?:{h})" for h in raw["body_heads"]), re.IGNORECASE)


def load_body_data() -> BodyData:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    after, before = load_places()
    prefixes: dict[str, tuple[str, bool]] = {}
    for group in raw["prefixes"]:
        for word in group["words"]:
            folded = fold_tones(nfc(str(word)))
            # headers write the whole name in capitals: "THƯỜNG TRỰC HĐND TỈNH"
            for form in (folded, folded.upper()):
                prefixes[form] = (folded, bool(group["person"]))
    return BodyData(
        departments=_entries(raw["departments"]),
        department_forms=_forms(raw["departments"]),
        board_forms=_forms(raw["boards"]),
        boards=_entries(raw["boards"]),
        gazetteer=_entries(raw["gazetteer"]),
        gazetteer_forms=_forms(raw["gazetteer"]),
        organisation_heads=[fold_tones(nfc(str(h))) for h in raw["organisation_heads"]],
        prefixes=prefixes,
        collective_nouns={
            fold_tones(nfc(str(n["word"]))): bool(n["alone"]) for n in raw["collective_nouns"]
        },
        collective_qualifiers=[fold_tones(nfc(str(q))) for q in raw["collective_qualifiers"]],
        name_stops=[fold_tones(nfc(str(s))) for s in raw["name_stops"]],
        name_compounds=[fold_tones(nfc(str(s))) for s in raw["name_compounds"]],
        name_continuations=[fold_tones(nfc(str(s))) for s in raw["name_continuations"]],
        place_stops=frozenset(fold_tones(nfc(str(s))) for s in raw["place_stops"]),
        places=after | before | {fold_tones(nfc(str(p))) for p in raw.get("extra_places", [])},
        places_after=after,
        places_before=before,
    )


# --- the pieces of the grammar (regex sources on folded text) --------------------------------

_ADMIN_HEAD = (
    r"(?:(?i:ủy ban nhân dân|hội đồng nhân dân)|UBND|HĐND|UB nhân dân|HĐ nhân dân"
    r"|ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)"
)
_UNIT_WORD = r"(?:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã(?! hội)|phường)"
_UNIT = (
    rf"(?:(?i:{_UNIT_WORD})(?![\w])|TP\.?(?=\s*[{UPPER}0-9]|\s|$|[,;:)])|TX\.?(?=\s*[{UPPER}0-9])"
    rf"|TT\.?(?=\s*[{UPPER}0-9]))"
)
_UNIT_LIST = rf"{_UNIT_WORD}(?![\w])(?:(?:\s*,\s*(?:và\s+)?|\s+và\s+|\s*/\s*){_UNIT_WORD}(?![\w]))*"
# Where the members of a collective are: "UBND các xã, phường trên địa bàn tỉnh", "… ven biển",
# "… vùng biên giới" (part of the name, as "các sở, ban, ngành trên địa bàn tỉnh" is).
_COLLECTIVE_WHERE = (
    r"(?:\s+(?:trên\s+địa\s+bàn(?:\s+(?:tỉnh|thành\s+phố|huyện))?"
    rf"(?![ \t]+(?:(?:tỉnh|thành phố|huyện)[ \t]+)?[{UPPER}])|ven\s+(?:biển|sông)|"
    r"vùng\s+(?:cao|biên\s+giới|sâu|núi|đồng\s+bào\s+dân\s+tộc\s+thiểu\s+số)|biên\s+giới|"
    r"khu\s+vực\s+biên\s+giới|miền\s+núi)(?![\w]))?"
)
_COLLECTIVE_TAIL = re.compile(
    rf"\s+(?:(?P<of>của)\s+)?(?P<det>(?:tất cả\s+)?các|\d+)\s+(?P<units>{_UNIT_LIST})"
    r"(?:\s+trực\s+thuộc\s+[Tt]rung\s+ương(?![\w]))?"
    + _COLLECTIVE_WHERE
    + rf"|\s+(?P<bare>{_UNIT_WORD}(?:(?:\s*,\s*(?:và\s+)?|\s+và\s+){_UNIT_WORD}(?![\w]))+)"
    rf"|\s+(?P<levels>các cấp|các địa phương|cấp (?:tỉnh|huyện|xã)(?![\w]))"
)
_UNIT_TAIL = re.compile(rf"\s+(?P<unit>{_UNIT})")
_PAIRED_PREFIX = re.compile(r"(?:các\s+)?(?P<p>Tổ\s+đại\s+biểu)\s+và\s+(?:các\s+)?$", re.I)
_LINE_MARKER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVXLC]{1,5})[.)](?:\s|$)|[-–+•*]\s")
_PHONG_CHONG = re.compile(r",(?=[ \t]*chống\b)", re.I)
_RELATED_AFTER_LIST = re.compile(
    r"(?:,|\s+và)\s+(?P<name>(?:cơ quan|đơn vị|địa phương)(?:,\s+(?:cơ quan|đơn vị|địa phương))*"
    r"\s+(?:có\s+)?liên quan)(?![\w])"
)
_REGION_TAIL = re.compile(
    r"\s+(?:(?:[Kk]hu\s+vực|[Cc]ơ\s+sở)\s+(?:[IVXL]{1,6}|\d{1,2})(?![\w])|(?P<branch>[Cc]hi\s+nhánh))"
)
# one word of an organisation's name: a word, or ", Word" / "và"/"-" continuing a capitalised list
_ORG_WORD = re.compile(rf"(?:[ \t]+|,[ \t]+(?=[{UPPER}]))(?P<w>[\w&-]+)")
_WORD_AFTER = re.compile(rf"[ \t]*[{UPPER}0-9]")
# Bodies whose unit tail may be "các …": a collective cannot start right after them.
_TAIL_OWNER = re.compile(
    r"(?:UBND|HĐND|nhân dân|MTTQ|Tổ quốc|Việt Nam|Công an|Đảng ủy|Chỉ đạo|Chỉ huy Quân sự)"
    r"[ \t]+$"
)
_PLACE_LIST_HEAD = re.compile(
    r"\s+(?:của\s+)?các\s+(?P<unit>xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|đặc khu)"
    r"(?P<colon>\s*:)?(?=\s)"
)
_LIST_SEP = re.compile(r"\s*[,;]\s*(?:và\s+)?|\s+và\s+")
_NOT_A_BODY_AFTER = re.compile(r"\s+(?:hành chính|tính)(?![\w])")
# A commune or ward closes a department's name only with its place ("Phòng Kinh tế xã Bảo Lâm
# 1"): a bare "xã" after a name is often "xã hội".
_LOCAL_UNIT = re.compile(
    r"\s+(?:(?:tỉnh|thành phố|Thành phố|TP|huyện|quận|thị xã|TX)(?![\w])"
    rf"|(?:xã|phường|đặc khu)(?=[ \t]+[{UPPER}0-9]))"
)
_PLACE_SEP = re.compile(r"[ \t\r]*(?P<sep>-|\n)?[ \t\r]*")
_PLACE_WORD = re.compile(rf"(?:[{UPPER}][\w]*|\d+)(?![\w&])")


def _join_place(tokens: list[tuple[str, int, str]]) -> str:
    """ "Bà Rịa-Vũng Tàu" and "Bà Rịa - Vũng Tàu" both read as the data's "Bà Rịa - Vũng Tàu"."""
    out = tokens[0][0]
    for word, _, kind in tokens[1:]:
        out += (" - " if kind == "-" else " ") + word
    return out


_APPOSITION = re.compile(
    r"[ \t]*\((?P<inner>(?:Công ty|Tổng công ty|Tập đoàn|Liên danh|Ngân hàng)[^()\n]{3,100})\)"
)
_ROLE_NOUN = re.compile(r"(?i)(?:các\s+)?(?:nhà\s+đầu\s+tư|chủ\s+đầu\s+tư|nhà\s+thầu)")
_BRACKET = re.compile(
    r"[ \t]*\((?P<inner>(?:Trung tâm|Phòng|Ban|Chi cục|Văn phòng|Cục|Đội|Bộ phận|Tổ|Hạt)"
    r"[^()\n]{1,100})\)"
)


# Unit codes of the Bộ Công an system: "C04" (a Cục), "V01" (the Văn phòng), "H01", and their
# provincial counterparts "PC04", "PV01".
_CODE = r"P?[ABCHKVX]\d{2}"
_UNIT_CODE = re.compile(rf"{_B}{_CODE}{_E}")
_CODE_LABEL = re.compile(rf"(?m)^[ \t]*\d{{1,2}}\.[ \t]*(?P<code>{_CODE})[ \t]*:")
_CODE_PARTNERS = re.compile(
    rf"(?i:phối\s+hợp)(?:\s+với)?\s+(?P<codes>{_CODE}(?:\s*(?:,|và)\s*{_CODE})*){_E}"
)


_FUNCTIONAL_BODY = re.compile(
    r"(?<![\w])[Cc]ơ\s+quan\s+(?:có\s+chức\s+năng\s+quản\s+lý|quản\s+lý\s+nhà\s+nước\s+về|"
    r"chuyên\s+môn\s+về)\s+[^\W\d][^\W\d ]*(?:\s+[^\W\d][^\W\d ]*){0,5}?\s+"
    r"cấp\s+(?:xã|huyện|tỉnh|trung\s+ương)(?![\w])"
)
# A body named by its part in a procedure ("cơ quan chủ trì xử lý", "cơ quan có thẩm quyền giải
# quyết", "người đứng đầu cơ quan, đơn vị bị phản ánh"): regulations assign each step to a role,
# not to a named office.
_ROLE_BODY = re.compile(
    r"(?<![\w])(?:[Nn]gười\s+đứng\s+đầu\s+)?(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị)(?:\s*,\s*(?:tổ\s+chức|đơn\s+vị))*"
    r"\s+(?:chủ\s+trì\s+(?:xử\s+lý|giải\s+quyết)|có\s+thẩm\s+quyền(?:\s+(?:giải\s+quyết|xử\s+lý))?|"
    r"được\s+đề\s+nghị\s+phối\s+hợp|bị\s+phản\s+ánh|(?:quản\s+lý|(?:trực\s+tiếp\s+)?sử\s+dụng)\s+công\s+chức)"
    r"(?![\w])"
)

# Heads of a village or a residential group ("Trưởng thôn Đạ Tro", "Tổ trưởng Tổ dân phố 3",
# "Trưởng các thôn: Bon Đưng, Đạ Tro"): a commune's plans assign their work to them by name,
# and villages are too small for the place data, so any capitalised run or number names one.
_VILLAGE_HEAD = re.compile(
    rf"{_B}(?P<title>[Tt]rưởng|[Tt]ổ[ \t]+trưởng)[ \t]+(?P<each>các[ \t]+)?"
    r"(?P<unit>thôn|bon|buôn|bản|ấp|khu[ \t]+phố|[Tt]ổ[ \t]+dân[ \t]+phố)(?![\w])"
)
_LIST_COLON = re.compile(r"[ \t]*:[ \t]*")
_VILLAGE_NEXT = re.compile(r"[ \t]*(?:,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)")
# A school named by its level and name ("Trường Tiểu học Đạ Tro", "Trường THCS Liêng Trang"):
# the name is a person's or a village's, rarely one the place data knows.
_SCHOOL_LEVEL = (
    r"(?:Mầm[ \t]+non|Mẫu[ \t]+giáo|Tiểu[ \t]+học"
    r"(?:[ \t]+và[ \t]+Trung[ \t]+học[ \t]+cơ[ \t]+sở)?|Trung[ \t]+học[ \t]+cơ[ \t]+sở"
    r"|Trung[ \t]+học[ \t]+phổ[ \t]+thông|Phổ[ \t]+thông[ \t]+[Dd]ân[ \t]+tộc[ \t]+"
    r"(?:nội|bán)[ \t]+trú(?:[ \t]+(?:[Tt]rung[ \t]+học[ \t]+cơ[ \t]+sở|THCS))?"
    r"|THCS|THPT|TH[ \t]*(?:&|và)[ \t]*THCS|PTDTNT|PTDTBT|Liên[ \t]+cấp)"
    rf"(?=[ \t]+[{UPPER}0-9])"
)
_SCHOOL = re.compile(rf"(?<![\w&/-])Trường[ \t]+{_SCHOOL_LEVEL}")
# "Các trường: Mầm non Hoa Sen, Tiểu học Đạ Tro, …": one school per level and name.
_SCHOOL_LIST = re.compile(r"(?<![\w&/-])[Cc]ác[ \t]+trường[ \t]*:[ \t]*")
_SCHOOL_MEMBER = re.compile(_SCHOOL_LEVEL)


@dataclass
class _Hit:
    """A candidate body before overlap resolution: one mention, or the members of a shared head."""

    mentions: list[Mention]
    head_start: int | None = None  # a shared head ("các sở:") before the first member

    @property
    def start(self) -> int:
        first = self.mentions[0].start
        return first if self.head_start is None else min(first, self.head_start)

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def score(self) -> float:
        return max(m.score for m in self.mentions)


class BodyRecognizer(Recognizer):
    """Finds responsible bodies; ``normalized`` is the canonical full name of each."""

    name = "body"
    label = "BODY"

    def __init__(self, data: BodyData | None = None) -> None:
        self.data = data or load_body_data()
        d = self.data
        # Titles that name their holders on their own before a comma ("Bộ trưởng, Thủ trưởng …"):
        # the gazetteer's ``tail: comma`` entries; no comma joins them to the next title.
        self._standalone_titles = {
            fold_tones(nfc(e.name)) for e in d.gazetteer.values() if e.tail == "comma"
        }
        self._admin = re.compile(rf"{_B}(?P<head>{_ADMIN_HEAD}){_E}")
        dept_alt = _alternation(d.departments)
        self._dept = re.compile(
            rf"{_B}(?P<head>Sở|SỞ|Bộ|BỘ|Phòng|PHÒNG)\s+(?P<name>(?i:{dept_alt})){_E}"
        )
        self._dept_generic = re.compile(rf"{_B}(?P<head>Sở|Phòng)\s+(?P<first>[{UPPER}][\w]*){_E}")
        self._dept_next = re.compile(
            rf"(?P<sep>\s*[,;]\s*(?:và\s+)?|\s+và\s+)"
            rf"(?P<name>{_alternation(d.department_forms)}){_E}"
        )
        head_names = _alternation([*d.departments, *d.boards])
        self._shared = re.compile(
            rf"{_B}(?:các|Các)\s+(?P<head>sở|Sở|SỞ|bộ|Bộ|phòng|Phòng|ban|Ban)"
            rf"(?:\s*,\s*ngành)?(?P<colon>\s*:)?\s+(?P<name>(?i:{head_names})){_E}"
        )
        board_alt = _alternation(d.boards)
        self._board = re.compile(
            rf"{_B}(?:(?P<head>Ban|BAN)\s+(?P<name>(?i:{board_alt}))|(?P<abbr>BQLDA|BQL|BCĐ)){_E}"
        )
        # Work groups a decision sets up: "Tổ công tác liên ngành …", "Tổ thẩm định …" (an open
        # name, like a steering board's; "Tổ giúp việc" is the post of a defined board, aliases.py).
        self._work_group = re.compile(
            rf"{_B}(?P<head>Tổ|TỔ)\s+(?P<name>(?i:công\s+tác|kiểm\s+tra|thẩm\s+định|chuyên\s+gia|"
            rf"tư\s+vấn|biên\s+tập|thư\s+ký|công\s+nghệ\s+số\s+cộng\s+đồng)){_E}"
        )
        self._board_next = re.compile(
            rf"(?P<sep>\s*[,;]\s*(?:và\s+)?|\s+và\s+)(?:Ban\s+)?"
            rf"(?P<name>{_alternation(d.board_forms)}){_E}"
        )
        self._gazetteer = re.compile(
            rf"{_B}(?P<name>{_alternation_cased_head(d.gazetteer_forms)}){_E}"
        )
        self._org_stop = re.compile(
            rf"\s+(?:{_alternation(w for w in d.name_stops if w != 'và')}){_E}"
        )
        self._org_blockers = frozenset(d.organisation_heads) | d.place_stops
        self._organisation = re.compile(
            rf"{_B}(?P<head>{_alternation(d.organisation_heads)})(?=[ \t]+[{UPPER}])"
        )
        nouns = _alternation(d.collective_nouns)
        quals = _alternation(d.collective_qualifiers)
        self._collective = re.compile(
            rf"{_B}(?P<det>(?:tất cả\s+)?(?:các|Các))\s+(?P<list>(?:{nouns}){_E}"
            rf"(?:(?:\s*,\s*(?:các\s+)?|\s+và\s+)(?:{nouns}){_E})*)"
            rf"(?P<qual>\s+(?:{quals}){_E})?"
        )
        self._noun = re.compile(rf"(?:{nouns}){_E}")
        # "Giám đốc, thủ trưởng các sở, ban, ngành": titles listed with a comma share the body.
        self._prefix = re.compile(
            rf"{_B}(?P<p>{_alternation(d.prefixes)})(?P<comma>,)?\s+(?P<each>các\s+)?$"
        )
        self._stop = re.compile(rf"\s+(?:{_alternation(d.name_stops)}){_E}")
        self._of_admin = re.compile(
            rf"\s+(?:(?P<of>của|thuộc|trực thuộc)\s+)?(?={_ADMIN_HEAD}{_E})"
        )
        self._party = re.compile(r"\s+(?:của\s+)?(?P<p>Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy)")
        self._open_word = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*)(?P<w>[\w&.]+(?:-[\w&]+)*|-)")
        self._compound = re.compile(rf"{_B}(?:{_alternation(d.name_compounds)})\Z")
        self._continues = re.compile(rf"\s+(?:{_alternation(d.name_continuations)}){_E}")

    # --- public API ----------------------------------------------------------------------

    def analyze(self, text: str) -> list[Mention]:
        return sorted(self._in_capitals(text, self._analyze(text)), key=lambda m: m.start)

    def _in_capitals(self, text: str, found: list[Mention]) -> list[Mention]:
        """``found`` with the bodies of a line or cell written in capitals that only its usual
        spelling reveals: "II | CÁC SỞ, BAN, NGÀNH", "3. UBND CÁC XÃ, PHƯỜNG, ĐẶC KHU" (the
        finders expect lower-case collective words and unit nouns); a longer name found so
        replaces the pieces inside it ("UBND")."""
        found = list(found)
        for seg in _SEGMENT.finditer(text):
            if not is_all_caps(seg.group(0)):
                continue
            recased = _recase(seg.group(0))
            if len(recased) != len(seg.group(0)):
                continue
            for m in self._analyze(recased):
                a, b = seg.start() + m.start, seg.start() + m.end
                inside = [x for x in found if a <= x.start and x.end <= b]
                if any(x.start < b and a < x.end for x in found if x not in inside) or any(
                    x.end - x.start >= b - a for x in inside
                ):
                    continue
                found = [x for x in found if x not in inside]
                found.append(
                    replace(
                        m,
                        start=a,
                        end=b,
                        text=text[a:b],
                        explanation={**m.explanation, "capitals": True},
                    )
                )
        return found

    def _analyze(self, text: str) -> list[Mention]:
        view = fold_tones(text)
        hits: list[_Hit] = []
        for finder in (
            self._find_admin,
            self._find_departments,
            self._find_shared,
            self._find_boards,
            self._find_gazetteer,
            self._find_organisations,
            self._find_villages,
            self._find_collectives,
            self._find_unit_codes,
            self._find_functional_bodies,
        ):
            hits.extend(finder(text, view))
        hits = [self._extend(text, view, h) for h in hits]
        return [m for h in _resolve(hits) for m in h.mentions]

    # --- finders ---------------------------------------------------------------------------

    def _find_admin(self, text: str, view: str) -> Iterable[_Hit]:
        for m in self._admin.finditer(view):
            head = m.group("head")
            listed = self._place_list(text, view, m.start(), m.end())
            if listed is not None:
                yield listed
                continue
            end, info = self.parse_tail(view, m.end(), upper=head.isupper() and len(head) > 4)
            score = 0.95 if info.get("known_place", True) else 0.85
            yield self._single(text, view, m.start(), end, "admin", score, **info)

    def _place_list(self, text: str, view: str, start: int, pos: int) -> _Hit | None:
        """A shared head over places: "UBND các xã: Bảo Lâm 1, Bảo Lâm 2" -> one mention per
        place ("Ủy ban nhân dân xã Bảo Lâm 1", …), each span on its place name."""
        lm = _PLACE_LIST_HEAD.match(view, pos)
        if not lm:
            return None
        head = canonical_body(view[start:pos])
        unit = lm.group("unit").lower()
        members: list[Mention] = []
        p = lm.end()
        while True:
            place_end, known = self.parse_place(view, p, numbered=unit in ("phường", "quận"))
            if place_end == p or (not known and not lm.group("colon")):
                break
            place_start = p + len(view[p:place_end]) - len(view[p:place_end].lstrip())
            members.append(
                self._mention(
                    text,
                    place_start,
                    place_end,
                    f"{head} {unit} {' '.join(view[place_start:place_end].split())}",
                    0.9 if known else 0.8,
                    rule="shared_head",
                    head=head,
                    known_place=known,
                    era=self.unit_era(unit, view[place_start:place_end]),
                )
            )
            sep = _LIST_SEP.match(view, place_end)
            if not sep:
                break
            p = sep.end()
        if not members:
            return None
        members[0].explanation["head_span"] = [start, lm.end()]
        return _Hit(members, head_start=start)

    def parse_tail(self, view: str, pos: int, *, upper: bool = False) -> tuple[int, dict[str, Any]]:
        """Unit and place after a head ("… tỉnh Lâm Đồng", "… các xã, phường", "… TP")."""
        r = _REGION_TAIL.match(view, pos)
        if r:
            # The regional offices of the 2025 reorganisation ("Ngân hàng Nhà nước khu vực XII",
            # "Thuế cơ sở 3 tỉnh Lâm Đồng") and a branch ("… chi nhánh tỉnh Lâm Đồng"): the
            # region is part of the name, a unit and place may follow it.
            end, after = self.parse_tail(view, r.end(), upper=upper)
            if r.group("branch") and end == r.end():
                return pos, {}  # "chi nhánh" alone names no office
            return end, {**after, "region": view[pos:end].strip()}
        c = _COLLECTIVE_TAIL.match(view, pos)
        if c:
            info: dict[str, Any] = {"collective": c.group("levels") != "cấp tỉnh"}
            units = c.group("units") or c.group("bare") or ""
            if re.search(
                r"huyện|quận|thị xã|thị trấn|cấp huyện", units + (c.group("levels") or "")
            ):
                info["era"] = "before_2025_07"
            elif "đặc khu" in units:
                info["era"] = "after_2025_07"
            return c.end(), info
        u = _UNIT_TAIL.match(view, pos)
        if not u:
            return pos, {}
        numbered = u.group("unit").lower() in ("phường", "quận")
        upper = upper or (len(u.group("unit")) > 2 and u.group("unit").isupper())
        end, known = self.parse_place(view, u.end(), upper=upper, numbered=numbered)
        info = {"unit": u.group("unit")}
        if end > u.end():
            info["place"] = view[u.end() : end].strip()
            info["known_place"] = known
        era = self.unit_era(info["unit"], info.get("place"))
        if era != "any":
            info["era"] = era
        return end, info

    def unit_era(self, unit: str, place: str | None) -> str:
        """The era a unit and place belong to: districts and towns ended on 1/7/2025, special
        zones (đặc khu) began then; otherwise a place only one era's data knows tells it."""
        unit = " ".join(unit.lower().rstrip(".").split())
        if unit in ("huyện", "quận", "thị xã", "thị trấn", "tx", "tt"):
            return "before_2025_07"
        if unit == "đặc khu":
            return "after_2025_07"
        if place:
            key = " - ".join(w.strip() for w in " ".join(place.split()).split("-"))
            keys = {key, key.title()}
            after = bool(keys & self.data.places_after)
            before = bool(keys & self.data.places_before)
            if after != before:
                return "after_2025_07" if after else "before_2025_07"
        return "any"

    def parse_place(
        self, view: str, pos: int, *, upper: bool = False, numbered: bool = True
    ) -> tuple[int, bool]:
        """End of the place name starting at ``pos`` and whether vietnamadminunits knows it.

        A place is a run of capitalised words and numbers ("Bảo Lâm 2", "2 Bảo Lộc"); the
        longest known prefix wins, numbers after it stay ("Bảo Lâm 6"), and without a known
        prefix the run stops at a word that starts a body or a sentence (``place_stops``).
        """
        tokens: list[tuple[str, int, str]] = []  # word, end offset, separator before it
        p = pos
        while len(tokens) < 6:
            sep = _PLACE_SEP.match(view, p)
            assert sep is not None  # the separator pattern also matches the empty string
            kind = sep.group("sep") or " "
            if not tokens and kind == "-":
                break
            w = _PLACE_WORD.match(view, sep.end())
            if not w:
                break
            word = w.group(0)
            if not upper and len(word) > 1 and word.isupper() and word != "HCM":
                break
            tokens.append((word, w.end(), kind))
            p = w.end()
        if not tokens:
            return pos, False
        places = self.data.places
        for n in range(len(tokens), 0, -1):
            cand = _join_place(tokens[:n])
            if cand in places or (upper and cand.title() in places):
                while n < len(tokens) and tokens[n][0].isdigit() and tokens[n][2] == " ":
                    n += 1
                return tokens[n - 1][1], True
        if upper:
            return pos, False  # "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐỊNH GIÁ…": a title, not a place
        if tokens[0][0].isdigit() and not numbered:
            return pos, False  # "HĐND tỉnh 6": a footnote or item number
        # An unknown place does not go on past a line break, nor start after one: "Hội Nông dân
        # tỉnh\nTuyên truyền, …" ends at "tỉnh" (a known place is found above on either side).
        n = 0
        while (
            n < min(len(tokens), 4)
            and tokens[n][0] not in self.data.place_stops
            and tokens[n][2] != "\n"
        ):
            n += 1
        return (tokens[n - 1][1], False) if n else (pos, False)

    def _find_departments(self, text: str, view: str) -> Iterable[_Hit]:
        covered: set[int] = set()
        for m in self._dept.finditer(view):
            entry = self.data.departments[_key(m.group("name"))]
            head = m.group("head").capitalize()
            if head not in entry.heads:
                continue
            covered.add(m.start())
            if _LOCAL_UNIT.match(view, m.end()):
                # "Sở Tài chính tỉnh Lâm Đồng", "Phòng Tư pháp huyện"
                end, info = self.parse_tail(view, m.end())
                yield self._single(
                    text,
                    view,
                    m.start(),
                    end,
                    "department",
                    0.95,
                    normalized=_join(f"{head} {entry.name}", view[m.end() : end]),
                    **_with_era(entry.era, info),
                )
                continue
            yield self._department_list(text, view, m.start(), m.end(), head, entry, "department")
        for m in self._dept_generic.finditer(view):
            if m.start() in covered:
                continue
            end = self._open_end(view, m.end(), max_words=4, lower_only=True)
            name = view[m.start("first") : end]
            yield self._single(
                text,
                view,
                m.start(),
                end,
                "department_generic",
                0.7,
                normalized=f"{m.group('head')} {canonical_body(name)}",
            )

    def _department_list(
        self, text: str, view: str, start: int, end: int, head: str, entry: NamedEntry, rule: str
    ) -> _Hit:
        """Split a shared head: "Sở Tài chính, Xây dựng" -> two mentions, both of the head "Sở"."""
        first = self._mention(
            text, start, end, f"{head} {entry.name}", 0.95, rule=rule, era=entry.era
        )
        members = [first]
        pos = end
        while True:
            n = self._dept_next.match(view, pos)
            if not n:
                break
            nxt = self.data.departments.get(_key(n.group("name")))
            if nxt is None or head not in nxt.heads:
                break
            members.append(
                self._mention(
                    text,
                    n.start("name"),
                    n.end(),
                    f"{head} {nxt.name}",
                    0.9,
                    rule="shared_head",
                    head=head,
                    era=nxt.era,
                )
            )
            pos = n.end()
        if len(members) > 1:
            first.explanation["rule"] = "shared_head"
            first.explanation["head"] = head
        return _Hit(members)

    def _find_shared(self, text: str, view: str) -> Iterable[_Hit]:
        """Lists under one head: "các sở: Tài chính, Xây dựng", "các Ban: Pháp chế, …"."""
        for m in self._shared.finditer(view):
            head = m.group("head").capitalize()
            key = _key(m.group("name"))
            table = self.data.boards if head == "Ban" else self.data.departments
            entry = table.get(key)
            if entry is None or (head != "Ban" and head not in entry.heads):
                continue
            if not m.group("colon") and m.group("name")[:1].islower():
                continue  # "chỉ đạo các sở, ngành xây dựng hồ sơ": the list's verb, no name
            hit = (
                self._board_list(text, view, m.start("name"), m.end(), entry)
                if head == "Ban"
                else self._department_list(
                    text, view, m.start("name"), m.end(), head, entry, "shared_head"
                )
            )
            for mention in hit.mentions:
                mention.explanation["rule"] = "shared_head"
                mention.explanation["head"] = head
            hit.mentions[0].explanation["head_span"] = [m.start(), m.start("name")]
            if not m.group("colon") and len(hit.mentions) > 0:
                # "các Sở Tài chính, Xây dựng": the first member reads "Sở Tài chính"
                first = hit.mentions[0]
                first.start = m.start("head")
                first.text = text[first.start : first.end]
            hit.head_start = m.start()
            yield hit

    def _board_list(self, text: str, view: str, start: int, end: int, entry: NamedEntry) -> _Hit:
        members = [self._mention(text, start, end, f"Ban {entry.name}", 0.9, era=entry.era)]
        pos = end
        while True:
            n = self._board_next.match(view, pos)
            if not n or _key(n.group("name")) not in self.data.boards:
                break
            nxt = self.data.boards[_key(n.group("name"))]
            members.append(
                self._mention(text, n.start("name"), n.end(), f"Ban {nxt.name}", 0.9, era=nxt.era)
            )
            pos = n.end()
        return _Hit(members)

    def _find_boards(self, text: str, view: str) -> Iterable[_Hit]:
        for m in self._board.finditer(view):
            if m.group("abbr"):
                abbr = m.group("abbr")
                name = {"BQLDA": "Quản lý dự án", "BQL": "Quản lý", "BCĐ": "Chỉ đạo"}[abbr]
                entry = self.data.boards[name.lower()]
            else:
                entry = self.data.boards[_key(m.group("name"))]
            end = m.end()
            if entry.open:
                end = self._open_end(view, end, max_words=12, lower_only=False)
            elif (o := self._of_admin.match(view, end)) and (a := self._admin.match(view, o.end())):
                end, _ = self.parse_tail(view, a.end())
            elif p := self._party.match(view, end):
                end = p.end()
            elif _LOCAL_UNIT.match(view, end):
                # "Ban Quản lý các khu công nghiệp tỉnh Bình Thuận"
                end, _ = self.parse_tail(view, end)
            else:
                # "Ban Quản lý các khu công nghiệp Bình Thuận": a known place closes the name.
                place_end, known = self.parse_place(view, end, numbered=False)
                if known:
                    end = place_end
            normalized = _join(f"Ban {entry.name}", view[m.end() : end])
            yield self._single(
                text, view, m.start(), end, "board", 0.9, normalized=normalized, era=entry.era
            )
        for m in self._work_group.finditer(view):
            if _MEMBER_OF.search(view, max(0, m.start() - 12), m.start()):
                continue  # "Các thành viên Tổ Công tác: - Thứ trưởng …": a list of members
            end = self._open_end(view, m.end(), max_words=12, lower_only=False)
            name = " ".join(m.group("name").lower().split())
            normalized = _join(f"Tổ {name}", view[m.end() : end])
            yield self._single(text, view, m.start(), end, "board", 0.85, normalized=normalized)

    def _open_end(self, view: str, pos: int, *, max_words: int, lower_only: bool) -> int:
        """End of an open name ("… dự án đầu tư xây dựng số 1"): it stops at a verb
        (``name_stops``, unless the word before makes a compound: "công trình" is not "trình"),
        at punctuation, and right after a unit and place ("… tỉnh Lâm Đồng")."""
        end = pos
        for _ in range(max_words):
            st = self._stop.match(view, end)
            if (
                st
                and not self._compound.search(view, max(pos, end - 40), st.end())
                and not self._continues.match(view, end)
            ):
                break
            if not lower_only and _UNIT_TAIL.match(view, end):
                tail_end, _ = self.parse_tail(view, end)
                return tail_end
            if _PHONG_CHONG.match(view, end) and view[pos:end].lower().endswith("phòng"):
                end += 1  # "Ban Chỉ đạo phòng, chống thiên tai tỉnh": one name over its comma
            w = self._open_word.match(view, end)
            if not w:
                break
            word = w.group("w")
            if "\n" in w.group(0) and _LINE_MARKER.match(view, w.start("w")):
                break  # "Ban Chỉ đạo\n1. Giúp …": the next line's list marker is no name word
            if lower_only and word[:1].isupper() and not view[pos:end].endswith("-"):
                break
            if word.endswith("."):
                if len(word) > 1 and not word[:-1].isupper():
                    end = w.end() - 1
                break
            end = w.end()
        while view[pos:end].endswith("-"):
            end = pos + len(view[pos:end].rstrip("- \t"))
        return end

    def _find_gazetteer(self, text: str, view: str) -> Iterable[_Hit]:
        for m in self._gazetteer.finditer(view):
            entry = self.data.gazetteer[_key(m.group("name"))]
            end, info = m.end(), dict[str, Any]()
            if entry.tail in ("place", "required") and (
                listed := self._place_list(text, view, m.start(), m.end())
            ):
                # "Công an các xã: Tà Đùng, Quảng Khê": one body per place, as for UBND
                yield listed
                continue
            if entry.tail in ("place", "required", "place_or_bare"):
                end, info = self.parse_tail(view, m.end())
                if entry.tail == "required" and end == m.end():
                    continue
            if entry.tail == "comma" and not view.startswith(",", m.end()):
                continue  # a title that names its holders only when a comma closes it
            if entry.tail in ("bare", "place_or_bare") and end == m.end():
                # "Báo Lâm Đồng", "VNPT Lâm Đồng": a known place right after the name
                place_end, known = self.parse_place(view, m.end(), numbered=False)
                if known:
                    end = place_end
                    info = {"place": view[m.end() : end].strip(), "known_place": True}
                elif entry.tail == "bare":
                    continue
            normalized = _join(entry.name, view[m.end() : end])
            yield self._single(
                text,
                view,
                m.start(),
                end,
                "gazetteer",
                0.95,
                normalized=normalized,
                **_with_era(entry.era, info),
            )

    def _find_organisations(self, text: str, view: str) -> Iterable[_Hit]:
        """Organisations recognised by shape: a head noun, a capitalised name and a closing unit
        or known place ("Hội Làm vườn tỉnh Bình Thuận", "Trung tâm Xúc tiến Đầu tư, Thương mại
        và Du lịch tỉnh", "Công ty Cổ phần Môi trường đô thị Đà Nẵng"). The closing part is
        required, so "Trung tâm hội nghị" or "Hội nghị" never count."""
        blockers = self._org_blockers
        for m in self._organisation.finditer(view):
            pos = m.end()
            for _ in range(12):
                w = _ORG_WORD.match(view, pos)
                if not w:
                    break
                word = w.group("w")
                if w.group(0).startswith(",") and word in blockers:
                    break  # ", Bệnh viện …" starts the next body of a list
                pos = w.end()
                if _UNIT_TAIL.match(view, pos):
                    end, info = self.parse_tail(view, pos)
                    if end > pos and (info.get("place") or _LOCAL_UNIT.match(view, pos)):
                        yield self._single(text, view, m.start(), end, "organisation", 0.8, **info)
                    break
                place_end, known = self.parse_place(view, pos, numbered=False)
                place = view[pos:place_end].split()
                if known and len(place) >= 2 and not _WORD_AFTER.match(view, place_end):
                    info = {"place": " ".join(place), "known_place": True}
                    yield self._single(
                        text, view, m.start(), place_end, "organisation", 0.75, **info
                    )
                    break
                if self._org_stop.match(view, pos):
                    break

    def _find_villages(self, text: str, view: str) -> Iterable[_Hit]:
        """Village heads and schools (``_VILLAGE_HEAD``, ``_SCHOOL``); a commune may follow."""
        for m in _VILLAGE_HEAD.finditer(view):
            title = m.group("title").capitalize()
            unit = " ".join(m.group("unit").split())
            unit = "Tổ dân phố" if unit.lower() == "tổ dân phố" else unit
            if m.group("each"):
                yield self._village_list(text, view, m, f"{title} {unit}")
                continue
            end, _ = self.parse_place(view, m.end())
            if end == m.end():
                continue  # "Trưởng thôn" alone: the gazetteer's title
            end, _ = self.parse_tail(view, end)
            normalized = _join(f"{title} {unit}", view[m.end() : end])
            yield self._single(text, view, m.start(), end, "village", 0.9, normalized=normalized)
        for m in _SCHOOL.finditer(view):
            end, _ = self.parse_place(view, m.end())
            if end == m.end():
                continue
            end, _ = self.parse_tail(view, end)
            yield self._single(text, view, m.start(), end, "school", 0.85)
        for m in _SCHOOL_LIST.finditer(view):
            members = [
                self._mention(
                    text, a, b, f"Trường {' '.join(view[a:b].split())}", 0.85, rule="shared_head"
                )
                for a, b in self._listed_names(view, m.end(), _SCHOOL_MEMBER)
            ]
            if members:
                members[0].explanation["head_span"] = [m.start(), members[0].start]
                yield _Hit(members, head_start=m.start())

    def _listed_names(
        self, view: str, pos: int, level: re.Pattern[str] | None = None
    ) -> list[tuple[int, int]]:
        """Spans of the names listed from ``pos`` ("Bon Đưng, Đạ Tro và Liêng Trang", "3, 5,
        7"); with ``level``, each name opens with it ("Mầm non Hoa Sen, Tiểu học Đạ Tro")."""
        spans: list[tuple[int, int]] = []
        while True:
            start = pos
            if level is not None:
                if (lv := level.match(view, pos)) is None:
                    break
                pos = lv.end()
            end, _ = self.parse_place(view, pos)
            if end == pos:
                break
            spans.append((start, end))
            if (nxt := _VILLAGE_NEXT.match(view, end)) is None:
                break
            pos = nxt.end()
        return spans

    def _village_list(self, text: str, view: str, m: re.Match[str], head: str) -> _Hit:
        """ "Trưởng các thôn: Bon Đưng, Đạ Tro và Liêng Trang": one head per village."""
        colon = _LIST_COLON.match(view, m.end())
        members = [
            self._mention(
                text, a, b, f"{head} {' '.join(view[a:b].split())}", 0.9, rule="shared_head"
            )
            for a, b in self._listed_names(view, colon.end() if colon else m.end())
        ]
        if not members:
            # "Trưởng các ấp": the heads of every one, a collective (a longer list, "Trưởng các
            # thôn, khu phố", is the collective finder's and wins the overlap)
            collective = f"{m.group('title').capitalize()} các {' '.join(m.group('unit').split())}"
            return self._single(
                text,
                view,
                m.start(),
                m.end(),
                "collective",
                0.9,
                normalized=collective,
                collective=True,
            )
        tail_end, _ = self.parse_tail(view, members[-1].end)
        if tail_end > members[-1].end:
            # "Tổ trưởng các Tổ dân phố: 3, 5, 7 phường Bắc Gia Nghĩa": the ward is every one's
            tail = view[members[-1].end : tail_end]
            for member in members:
                member.normalized = _join(member.normalized or "", tail)
            members[-1].end = tail_end
            members[-1].text = text[members[-1].start : tail_end]
        members[0].explanation["head_span"] = [m.start(), members[0].start]
        return _Hit(members, head_start=m.start())

    def _find_unit_codes(self, text: str, view: str) -> Iterable[_Hit]:
        """Police units named by their code, where the code can only be a body: a list item's
        label ("1. C04: Chủ trì …", "2. V01:") and the partners after "phối hợp (với)" ("phối
        hợp H01, V01 bố trí kinh phí"). Bộ Công an's plans assign their work that way; a code
        elsewhere ("Lưu: VT, C04", "Số: 589/KH-BCA-C04") is a filing mark or part of a number."""
        for m in _CODE_LABEL.finditer(view):
            yield self._single(text, view, m.start("code"), m.end("code"), "unit_code", 0.85)
        for m in _CODE_PARTNERS.finditer(view):
            for c in _UNIT_CODE.finditer(view, m.start("codes"), m.end("codes")):
                yield self._single(text, view, c.start(), c.end(), "unit_code", 0.85)

    def _find_functional_bodies(self, text: str, view: str) -> Iterable[_Hit]:
        """A body named by its function and level ("cơ quan có chức năng quản lý đất đai cấp xã",
        "cơ quan quản lý nhà nước về an toàn thực phẩm cấp tỉnh"), as regulations name the
        office that acts after the 2025 reorganisation changed its name."""
        for m in _FUNCTIONAL_BODY.finditer(view):
            yield self._single(text, view, m.start(), m.end(), "functional", 0.8)
        for m in _ROLE_BODY.finditer(view):
            yield self._single(text, view, m.start(), m.end(), "functional", 0.75)

    def _find_collectives(self, text: str, view: str) -> Iterable[_Hit]:
        pos = 0
        while m := self._collective.search(view, pos):
            pos = m.end()
            if _TAIL_OWNER.search(view, max(0, m.start() - 40), m.start()):
                # "UBND các cấp, các ngành": "các cấp" belongs to the body before it; a
                # collective may still start at a later "các" of the same list
                pos = m.start() + 1
                continue
            nouns = self._noun.findall(m.group("list"))
            end = m.end()
            admin_end, owned = None, False
            if (o := self._of_admin.match(view, end)) and (a := self._admin.match(view, o.end())):
                admin_end, _ = self.parse_tail(view, a.end())
                owned = o.group("of") is not None
            # "các phòng chuyên môn", "các tổ chức có liên quan": a qualifier makes a body of a
            # noun that alone would not be one.
            alone = (
                len(nouns) > 1
                or self.data.collective_nouns.get(nouns[0], False)
                or m.group("qual") is not None
            )
            if not alone and admin_end is None:
                continue
            if admin_end is not None and (m.group("qual") is None or owned):
                # "các cơ quan chuyên môn thuộc UBND tỉnh": an explicit "thuộc"/"của" joins the
                # owner even after a qualifier.
                end = admin_end
            if _NOT_A_BODY_AFTER.match(view, end):
                continue
            info: dict[str, Any] = {}
            if admin_end is None and _LOCAL_UNIT.match(view, end):
                # "các sở, ban, ngành thành phố Cần Thơ"
                end, info = self.parse_tail(view, end)
            info["collective"] = True
            yield self._single(text, view, m.start(), end, "collective", 0.9, **info)
        for r in _RELATED_AFTER_LIST.finditer(view):
            # "Sở Du lịch, Thuế tỉnh và đơn vị liên quan": the list's last member, without "các".
            yield self._single(
                text, view, r.start("name"), r.end("name"), "collective", 0.8, collective=True
            )

    # --- extension and helpers ---------------------------------------------------------------

    def _prefixes(self, view: str, start: int) -> tuple[int, list[str], bool]:
        """Prefixes written right before ``start``: new start, their spellings, person title?"""
        prefixes: list[str] = []
        person = False
        while p := self._prefix.search(view, max(0, start - 60), start):
            if p.group("comma") and not prefixes:
                break  # a comma joins two titles, never a title to its body
            if p.group("comma") and " ".join(p.group("p").split()) in self._standalone_titles:
                break  # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ": the ministers are a body apart
            spelling, is_title = self.data.prefixes[" ".join(p.group("p").split())]
            if p.group("each"):
                if prefixes or not is_title:
                    break  # "các" joins only a person's title to the bodies it heads
                spelling += " các"  # "Giám đốc các Ban Quản lý dự án …": the head of each
            prefixes.insert(0, spelling)
            person = person or is_title
            start = p.start()
        return start, prefixes, person

    def _extend(self, text: str, view: str, hit: _Hit) -> _Hit:
        """Add prefixes (Văn phòng, Thường trực, titles) and a bracketed sub-unit to a hit.

        On a shared head the prefix belongs to every member ("Giám đốc các Sở: Tài chính, Xây
        dựng" -> "Giám đốc Sở Tài chính", "Giám đốc Sở Xây dựng") and the spans stay on the
        members; the hit's own start moves so overlap resolution sees the whole phrase.
        """
        start, prefixes, person = self._prefixes(view, hit.start)
        bare = hit.mentions[0].normalized or ""
        for m in hit.mentions:
            if prefixes:
                m.explanation["prefixes"] = prefixes
                m.normalized = canonical_body(" ".join([*prefixes, m.normalized or ""]))
                if person:
                    m.explanation["person"] = True
        if len(hit.mentions) != 1:
            if prefixes:
                hit.head_start = start
                head = hit.mentions[0].explanation.get("head_span")
                if isinstance(head, list) and len(head) == 2:
                    # "Chủ tịch UBND các xã: A, B": the list's words start at the title.
                    head[0] = min(head[0], start)
            return hit
        m = hit.mentions[0]
        m.start = start
        b = _BRACKET.match(view, m.end)
        if b and b.group("inner").split()[:1] == view[m.start : m.end].split()[:1]:
            b = None  # "Ban Quản lý dự án … (Ban QLDA giao thông)": a short name (aliases.py)
        if b:
            m.explanation["sub_unit"] = canonical_body(b.group("inner"))
            m.normalized = f"{m.normalized} ({m.explanation['sub_unit']})"
            m.end = b.end()
        elif (a := _APPOSITION.match(view, m.end)) and _ROLE_NOUN.fullmatch(m.normalized or ""):
            # "Nhà đầu tư (Công ty Cổ phần Đầu tư Du lịch Hải Đăng Xanh)": the role names the
            # company in brackets, which is the body.
            m.explanation["role"] = m.normalized
            m.normalized = canonical_body(a.group("inner"))
            m.end = a.end()
        m.text = text[m.start : m.end]
        if prefixes and (pair := _PAIRED_PREFIX.search(view, max(0, m.start - 40), m.start)):
            # "các Tổ đại biểu và đại biểu HĐND tỉnh": two bodies share the council's name.
            other = self._mention(
                text,
                pair.start("p"),
                pair.end("p"),
                canonical_body(f"{pair.group('p')} {bare}"),
                m.score,
                rule="paired_prefix",
            )
            hit.mentions.insert(0, other)
        return hit

    def _mention(
        self, text: str, start: int, end: int, normalized: str, score: float, **explanation: Any
    ) -> Mention:
        explanation.setdefault("collective", False)
        return self.mention(text, start, end, normalized, score, **explanation)

    def _single(
        self,
        text: str,
        view: str,
        start: int,
        end: int,
        rule: str,
        score: float,
        normalized: str | None = None,
        **explanation: Any,
    ) -> _Hit:
        if normalized is None:
            normalized = canonical_body(view[start:end])
        return _Hit([self._mention(text, start, end, normalized, score, rule=rule, **explanation)])


_LOWER_START = re.compile(
    r"(?:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường|các|cấp|của|số|khu vực"
    r"|dự án|quản lý|đầu tư)(?![\w])",
    re.IGNORECASE,
)


def _join(name: str, rest: str) -> str:
    """Canonical ``name`` + the canonical words after it, unit nouns kept lower-case."""
    if not rest.strip():
        return name
    tail = canonical_body(rest)
    if _LOWER_START.match(tail) or rest.strip()[:1].islower():
        tail = tail[:1].lower() + tail[1:]
    return f"{name} {tail}"


@lru_cache(maxsize=1)
def default_recognizer() -> BodyRecognizer:
    """One recognizer per process: compiling the grammar and loading places takes ~0.5 s."""
    return BodyRecognizer()


def _with_era(entry_era: str, info: dict[str, Any]) -> dict[str, Any]:
    """A name's own era wins over the era its unit or place tells ("Công an huyện" -> before)."""
    era = entry_era if entry_era != "any" else info.get("era", "any")
    return {**info, "era": era}


def document_era(mentions: Iterable[Mention]) -> str:
    """ "before_reform", "after_reform" or "unknown": which government shape the bodies belong to.

    Old departments (Sở Kế hoạch và Đầu tư) and districts speak for before 2025; merged
    departments (Sở Nông nghiệp và Môi trường), special zones and new wards for after. The
    majority wins, since a notice of the new era may still name the old bodies it replaces.
    """
    before = after = 0
    for m in mentions:
        era = m.explanation.get("era", "any")
        before += era.startswith("before")
        after += era.startswith("after")
    if before == after:
        return "unknown"
    return "before_reform" if before > after else "after_reform"


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest of overlapping hits (a shared-head group counts as one long hit)."""
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), -h.score, h.start))
    kept: list[_Hit] = []
    taken = SpanSet()
    for h in ranked:
        if taken.overlaps(h.start, h.end):
            continue
        kept.append(h)
        taken.add(h.start, h.end)
    return sorted(kept, key=lambda h: h.start)
