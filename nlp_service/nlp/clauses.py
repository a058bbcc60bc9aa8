"""Cut the body of a notice into clauses: the candidate units of one task each.

ANNOTATION.md: a new task starts at a list item, a new sentence, a ";" followed by its own verb,
or "đồng thời". Lines come from :mod:`nlp_service.text.compose` (one per paragraph / list item /
table row), so list items are already apart; this module splits sentences and ";" clauses
inside a line, keeps the span of each, and records the list marker and level of its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp_service.nlp.directives import verb_pattern
from nlp_service.text.compose import ComposedText, Line

# List markers and their nesting level (smaller = outer). Unmarked paragraphs get PARAGRAPH.
PARAGRAPH = 5.0
_MARKERS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+[IVXLC\d]+[.:]?\s*"), 0.0),
    (re.compile(r"^(?:Điều)\s+\d+[.:]?\s*"), 1.0),
    (re.compile(r"^(?:MỤC|Mục)\s+[IVXLC\d]+[.:]?\s*"), 1.0),
    (re.compile(r"^[IVXLC]{1,6}[.)]\s*"), 1.0),
    # "Bước 1. Tự đánh giá, chấm điểm: Các cơ quan …", "Giai đoạn 2 (tháng 11/2025): Bưu điện …":
    # the step's number, its time in brackets and its name label the actions after the colon.
    (
        re.compile(
            r"^(?:Bước|Giai\s+đoạn|Đợt)\s+\d{1,2}\b[.:]?\s*(?:\([^()]{0,80}\))?\s*"
            r"(?:[^:;.()]{0,60}:)?\s*"
        ),
        3.0,
    ),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}[.)]?\s+"), 4.0),
    (re.compile(r"^\d{1,2}\.\d{1,2}[.)]?\s+"), 3.0),
    (re.compile(r"^\d{1,2}[.)]\s*"), 2.0),
    # "Thứ nhất, …", "Thứ hai, …": an ordinal list of a conclusion or a report (not a weekday,
    # "Thứ Hai, ngày 12/3/2026").
    (
        re.compile(
            r"^Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:.]\s*"
            r"(?!\s*(?:ngày\s+)?\d)"
        ),
        4.5,
    ),
    (re.compile(r"^[a-zđ][)]\s*"), 6.0),
    (re.compile(r"^[a-zđ]\.\s+"), 6.0),
    (re.compile(r"^[-–—•]\s*"), 7.0),
    (re.compile(r"^\+\s*"), 8.0),
    (re.compile(r"^\*\s*"), 8.0),
]
# Sentence ends: ".", "!", "?" followed by a capital, not after common abbreviations.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”)]?\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")
_ABBREV_BEFORE = re.compile(
    r"(?:\b(?:TP|TX|TT|PCT|CT|Đ/c|đ/c|KT|TM|TL|TUQ|Q|Ths|TS|PGS|GS|ThS|ông|bà|St|Tr|tr|v\.v|"
    r"No|Số|số)\.)$"
)
# "… như sau: 1. Rà soát …; 2. Báo cáo …": a list number inside a line (after a colon, a ";",
# a comma or at the start) is no sentence end; "… giao ban tháng 3. Giao Sở Tài chính …", "…
# Kỳ họp thứ 5. Đề nghị …" end one after a word, and "… trước ngày 31/3. UBND các xã …" after a
# year-less date.
_LIST_NUMBER_BEFORE = re.compile(r"(?:^|[^\w\s/]\s*)\d{1,3}\.$")
_SEMICOLON = re.compile(r";\s+")
_DONG_THOI = re.compile(r"[;,.]\s*(?=đồng thời\b)", re.IGNORECASE)
_MIN_CLAUSE_WORDS = 4


@dataclass
class Clause:
    """A candidate task: a sentence or ";" clause of one body line (or a table cell)."""

    start: int
    end: int
    line_index: int
    marker: str | None  # the list marker of its line ("a)", "2.", "-"), for the first clause
    level: float  # nesting level of its line
    sentence: int  # index of the sentence within the line (clauses of one sentence share it)
    first_in_line: bool
    last_in_line: bool
    ends_with_colon: bool

    def text(self, ct: ComposedText) -> str:
        return ct.text[self.start : self.end]


def line_marker(text: str) -> tuple[str | None, float, int]:
    """(marker, level, length of marker incl. spaces) of a body line."""
    for pattern, level in _MARKERS:
        m = pattern.match(text)
        if m:
            return m.group(0).strip(), level, m.end()
    return None, PARAGRAPH, 0


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()]
        if _ABBREV_BEFORE.search(before) or _LIST_NUMBER_BEFORE.search(before):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _words(text: str) -> int:
    return len(text.split())


# "các sở: Văn hóa, Thể thao và Du lịch; Giáo dục và Đào tạo tổ chức …": a shared head and the
# names it heads, which may be parted by ";" when a name holds a comma.
_SHARED_HEAD_LIST = re.compile(
    r"\b(?:các|những)\s+(?:sở|ban|ngành|phòng|huyện|xã|phường|đơn\s+vị|cơ\s+quan|hội|bộ)"
    r"(?:\s*,\s*(?:ban|ngành|phòng))*\s*:\s*(?P<names>[^:;]{2,80});\s*$",
    re.I,
)


def _inside_named_list(text: str, cut: int) -> bool:
    """The ";" at ``cut`` parts two names of a shared-head list, not two clauses: no verb
    between the head's colon and it, and a name (a capital) after it."""
    m = _SHARED_HEAD_LIST.search(text, max(0, cut - 120), cut)
    return (
        m is not None
        and not verb_pattern().search(m["names"])
        and cut < len(text)
        and text[cut].isupper()
    )


# A department named like a verb in a shared head's list ("Giám đốc các sở: Công Thương, Tài
# chính, Xây dựng, …"): the list's short elements are names, not the clause's verb.
_LIST_HEAD = re.compile(
    r"\b(?:các|những)\s+(?:sở|ban|ngành|bộ|phòng)(?:\s*,\s*(?:ban|ngành))*\s*:\s*", re.I
)
_LIST_ELEMENT = re.compile(r"[^,;]+?(?=\s*(?:,|;|\bvà\b|$))")


def _has_own_verb(fragment: str) -> bool:
    """A cue or action word outside the short names of a shared head's list."""
    head = _LIST_HEAD.search(fragment)
    if head is None:
        return bool(verb_pattern().search(fragment))
    masked = fragment[: head.end()]
    pos = head.end()
    for m in _LIST_ELEMENT.finditer(fragment, pos):
        element = m.group().strip()
        name_like = len(element.split()) <= 4 and bool(verb_pattern().fullmatch(element))
        masked += fragment[pos : m.start()] + (" " * len(m.group()) if name_like else m.group())
        pos = m.end()
    masked += fragment[pos:]
    return bool(verb_pattern().search(masked))


def _split_clauses(text: str) -> list[tuple[int, int]]:
    """Split a sentence at ";" and "đồng thời", merging fragments too short to be an action."""
    cuts = sorted(
        c
        for c in {m.end() for m in _SEMICOLON.finditer(text)}
        | {m.end() for m in _DONG_THOI.finditer(text)}
        if text[:c].count("(") <= text[:c].count(")")  # not inside a bracketed list
        and not _inside_named_list(text, c)
    )
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and (
            _words(text[a:b]) < _MIN_CLAUSE_WORDS
            or _words(text[merged[-1][0] : merged[-1][1]]) < _MIN_CLAUSE_WORDS
            or not _has_own_verb(text[merged[-1][0] : merged[-1][1]])
        ):
            # "A; B; C có trách nhiệm …": a fragment with no verb of its own is a list of
            # subjects or objects, not a clause; it joins the next fragment.
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t;,":
        a += 1
    while b > a and text[b - 1] in " \t;,":
        b -= 1
    return a, b


def split_line(ct: ComposedText, index: int, line: Line) -> list[Clause]:
    text = ct.line_text(line)
    marker, level, marker_len = line_marker(text)
    clauses: list[Clause] = []
    body = text[marker_len:]
    for s_idx, (sa, sb) in enumerate(_sentences(body)):
        sentence = body[sa:sb]
        for ca, cb in _split_clauses(sentence):
            a, b = _trim(text, marker_len + sa + ca, marker_len + sa + cb)
            if a >= b:
                continue
            clauses.append(
                Clause(
                    start=line.start + a,
                    end=line.start + b,
                    line_index=index,
                    marker=marker,
                    level=level,
                    sentence=s_idx,
                    first_in_line=not clauses,
                    last_in_line=False,
                    ends_with_colon=text[a:b].rstrip().endswith(":"),
                )
            )
    if clauses:
        clauses[-1].last_in_line = True
    return clauses


def split_text(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Clause spans of a free text (a table cell), shifted by ``offset``."""
    out: list[tuple[int, int]] = []
    for sa, sb in _sentences(text):
        for ca, cb in _split_clauses(text[sa:sb]):
            a, b = _trim(text, sa + ca, sa + cb)
            if a < b:
                out.append((offset + a, offset + b))
    return out
