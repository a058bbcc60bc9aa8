"""What the words around a time expression say about it.

Two questions, answered from a small window of text: which cue or field label governs the
expression (its type), and is it a deadline at all. Dates of cited documents, of the issue-date
line, of the meeting an opening paragraph reports, and of effect clauses are found by the
normaliser (they are time expressions) but are never deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from nlp_service.temporal.grammar import FLAGS, S0, S
from nlp_service.temporal.lexicon import alternation, lexicon

_WINDOW = 60  # characters looked at before an expression for its cue
_CLAUSE_WINDOW = 160  # characters looked at for reference contexts
_LINE_WINDOW = 1000  # longest line prefix looked at (a paragraph's "Căn cứ", an issue-date line)


@dataclass(frozen=True)
class Cue:
    """The cue before an expression: where it starts and what type it gives."""

    start: int  # where the expression's text begins (the cue, or the core without one)
    type: str | None  # type given by the cue, None when there is no cue
    label: str | None  # type given by a field label ("Thời hạn:"), None when there is none


@cache
def _cue_pattern(kind: str) -> re.Pattern[str]:
    lex = lexicon()
    groups = lex.day_cues if kind == "day" else lex.period_cues
    cues = alternation([w for words in groups.values() for w in words])
    labels = alternation([w for words in lex.labels.values() for w in words])
    return re.compile(
        rf"(?<!\w)(?:(?P<label>{labels}){S0}:{S0})?(?:(?P<cue>{cues})(?:{S0}[:,])?{S})?\Z",
        FLAGS,
    )


@cache
def _deadline_noun_pattern() -> re.Pattern[str]:
    nouns = alternation(lexicon().deadline_nouns)
    return re.compile(
        rf"(?<!\w){nouns}(?:{S}[^\s\d,.;:()]{{1,12}}){{0,4}}(?:{S0}:|{S}là)?{S}(?:vào{S})?\Z",
        FLAGS,
    )


def find_cue(text: str, start: int, kind: str) -> Cue:
    """The cue and field label right before ``text[start:]`` ("day" or "period" cues)."""
    lex = lexicon()
    lo = max(0, start - _WINDOW)
    m = _cue_pattern(kind).search(text, lo, start)
    if m is None or m.start() == m.end():
        if kind == "day" and (noun := _deadline_noun_pattern().search(text, lo, start)):
            return Cue(noun.start(), "by", None)  # "Hạn nộp hồ sơ: 17 giờ ngày 30/9/2025"
        return Cue(start, None, None)
    groups = lex.day_cues if kind == "day" else lex.period_cues
    cue_type = lex.cue_type(groups, m["cue"]) if m["cue"] else None
    label_type = lex.cue_type(lex.labels, m["label"]) if m["label"] else None
    return Cue(m.start("cue") if m["cue"] else start, cue_type, label_type)


# --- non-deadline contexts -------------------------------------------------------------------


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding ``pos``, looking back at most _LINE_WINDOW characters so that
    a huge text without newlines costs constant time per expression."""
    lo = max(0, pos - _LINE_WINDOW)
    found = text.rfind("\n", lo, pos)
    return found + 1 if found >= 0 else lo


def sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos``: after ". " or "; ", or after a line break that
    starts a new sentence. A line that starts in lower case continues the sentence above it (text
    hard-wrapped by a PDF or a converter: "Căn cứ Luật Tổ chức chính quyền\nđịa phương ngày …"),
    unless it opens a lettered item ("e) Thực hiện …")."""
    lo = max(0, pos - _LINE_WINDOW)
    stop = max(text.rfind(mark, lo, pos) for mark in (". ", "; ", ".\n", ";\n"))
    cut = stop + 2 if stop >= 0 else lo
    newline = text.rfind("\n", cut, pos)
    while newline >= 0:
        following = text[newline + 1 : pos].lstrip(" \t")
        if not following or not following[0].islower() or _LETTER_ITEM.match(following):
            return newline + 1
        newline = text.rfind("\n", cut, newline)
    return cut


# "e) Thực hiện …": a lettered item starts in lower case but is no wrapped line.
_LETTER_ITEM = re.compile(r"[a-zđ]\)\s")


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after a comma, semicolon, full stop or newline."""
    lo = max(sentence_start(text, pos), pos - _CLAUSE_WINDOW)
    best = lo
    for mark in (", ", "; ", ". ", ": "):
        found = text.rfind(mark, lo, pos)
        if found >= 0:
            best = max(best, found + len(mark))
    return best


@cache
def _basis_pattern() -> re.Pattern[str]:
    # Case-sensitive on purpose: a capitalised "Căn cứ"/"Xét" opens a legal basis even where the
    # text layer lost the line break before it ("KỲ HỌP THỨ NĂM Căn cứ Luật …").
    openers = [w[0].upper() + w[1:] for w in lexicon().basis_openers]
    return re.compile(rf"(?<!\w){alternation(openers)}(?!\w)")


def in_legal_basis(text: str, pos: int) -> bool:
    """The sentence is a legal basis ("Căn cứ Luật …; Căn cứ Nghị định … ngày …", "Xét Tờ
    trình số …")."""
    line = _line_start(text, pos)
    raw_head = text[line:pos].lstrip(" \t-–•*+")
    head = raw_head.lower()
    for w in lexicon().basis_openers:
        if head.startswith(w + " "):
            return _cites(raw_head, len(w) + 1) and not _main_clause(raw_head, len(w))
    lo = max(0, pos - _LINE_WINDOW)
    marks = (". ", "; ", ".\n", ";\n", ":\n", "\n\n")
    stop = max(text.rfind(mark, lo, pos) for mark in marks)
    m = _basis_pattern().search(text, stop + 2 if stop >= 0 else lo, pos)
    return m is not None and _cites(text, m.end() + 1) and not _main_clause(text[:pos], m.end())


@cache
def _main_clause_pattern() -> re.Pattern[str]:
    # Case-sensitive: "Báo cáo số …" in a citation is a document, "báo cáo" after it a duty.
    return re.compile(rf"(?<!\w){alternation(lexicon().basis_main_clause)}(?!\w)")


def _main_clause(text: str, at: int) -> bool:
    """After the basis opening at ``at``, a comma and then a duty: the text up to its end is the
    sentence's main clause, not the citation ("Căn cứ Kế hoạch này, xây dựng … trước ngày …")."""
    comma = text.find(", ", at)
    return comma >= 0 and _main_clause_pattern().search(text, comma) is not None


_UNCITED = re.compile(r"(?:vào\s+)?(?P<w>[^\W\d_]+)")


def _cites(text: str, at: int) -> bool:
    """ "Căn cứ Luật …", "Căn cứ vào Kế hoạch số …" cite a document; "Căn cứ nhiệm vụ được giao
    tại Phụ lục, xây dựng kế hoạch … trước ngày 10/02/2026" opens a duty with its grounds."""
    m = _UNCITED.match(text, at)
    if m is None or m.group("w")[:1].isupper():
        return True
    return _reference_patterns()[0].match(text, m.start("w")) is not None


def _is_doc_number(token: str) -> bool:
    """ "30/2020/NĐ-CP", "24/TB-HĐND", "2927-TB/TU": a slash, a digit and a letter."""
    token = token.strip(".,;:()[]")
    return "/" in token and any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


@cache
def _reference_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    heads = re.compile(rf"(?<!\w){alternation(lex.reference_heads)}{S}(?:số\b|\d)", FLAGS)
    # Law titles are capitalised ("Luật Đất đai ngày …"); the case is checked by the caller.
    laws = re.compile(rf"(?<!\w){alternation(lex.law_heads)}{S}\w", FLAGS)
    past = re.compile(rf"(?<!\w){alternation(lex.past_event_words)}{S0}\Z", FLAGS)
    return heads, laws, past


def reference_reason(text: str, start: int) -> str | None:
    """Why a bare date starting at ``start`` is a cited or past date, or None."""
    lex = lexicon()
    heads, laws, past = _reference_patterns()
    before = text[max(0, start - 3) : start].rstrip()
    # "Tờ trình số 02/TTr-HĐND, ngày 30 tháng 6 năm 2017": the comma does not end the reference.
    clause_end = start - 3 + len(before) - 1 if before.endswith(",") else start
    clause = text[_clause_start(text, max(0, clause_end)) : start]
    if any(_is_doc_number(tok) for tok in clause.split()):
        return "document_reference"
    if heads.search(clause):
        return "document_reference"
    if any(clause[law.start()].isupper() for law in laws.finditer(clause)):
        return "law_reference"
    if past.search(text, max(0, start - 30), start):
        return "past_event"
    lowered = clause.lower()
    if any(w in lowered for w in lex.effect_words):
        return "effect_clause"
    words = clause.lower().split()
    if any(w in lex.past_markers for w in words):
        return "past_event"
    return None


def is_issue_date_line(text: str, start: int) -> bool:
    """The "Lâm Đồng, ngày 12 tháng 9 năm 2018" line: capitalised place words and a comma
    before the date, at the start of a line or after the document number of a merged header."""
    prefix = text[_line_start(text, start) : start].rstrip()
    if prefix.lower().endswith("ngày"):  # a draft's blank day: "ngày   tháng 4 năm 2026"
        prefix = prefix[:-4].rstrip()
    if not prefix.endswith(","):
        return False
    words = prefix[:-1].split()
    place: list[str] = []
    while words and (words[-1][:1].isupper() or words[-1].lower() in {"tp.", "tx.", "tt."}):
        place.append(words.pop())
    if not place or len(place) > 6:
        return False
    return not words or _is_doc_number(words[-1])


def is_opening_date(text: str, start: int, end: int) -> bool:
    """ "Ngày 22/4/2026, đồng chí … chủ trì": a date that opens a sentence and is followed by a
    comma reports when something happened (the meeting), not when something is due."""
    before = text[sentence_start(text, start) : start].lower().split()
    if any(w not in lexicon().opening_day_parts for w in before):
        return False
    return text[end : end + 3].lstrip(" \t").startswith(",")


@cache
def _opening_clause_pattern() -> re.Pattern[str]:
    return re.compile(alternation(lexicon().opening_clauses), FLAGS)


def is_opening_clause(text: str, start: int) -> bool:
    """ "Sau khi nghe Sở Nội vụ báo cáo, …": the clause reports the meeting, not a duty."""
    return _opening_clause_pattern().match(text, start) is not None


def submits_to_event(text: str, start: int) -> bool:
    """The clause before a "tại <event>" submits something to it ("trình … tại kỳ họp").

    The clause runs back over commas: a list of objects ("cung cấp thông tin về các cơ chế,
    chính sách mới … tại hội nghị") or of partners ("cung cấp, trao đổi với doanh nghiệp, nhà
    đầu tư tại Hội nghị …") parts the verb from its event by a comma.

    Over commas the council's own acts ("quyết định", "thông qua") are too often nouns ("đã được
    trao quyết định đầu tư … tại Hội nghị xúc tiến đầu tư năm 2016").
    """

    def submits(clause: str, verbs: Iterable[str]) -> bool:
        return any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", clause) for v in verbs)

    verbs = lexicon().event_submit_verbs
    if submits(text[_clause_start(text, start) : start].lower(), verbs):
        return True
    wide = text[max(sentence_start(text, start), start - _CLAUSE_WINDOW) : start].lower()
    return submits(wide, [v for v in verbs if v not in ("quyết định", "thông qua")])


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_DATELINE_REST = re.compile(r"[\d:|/\-–,.\s]*")


def is_dateline(text: str, start: int, end: int) -> bool:
    """ "17:34 | 12/09/2018": a news article's publication line (a clock time and the date
    alone on their line), not a deadline."""
    line_start = _line_start(text, start)
    line_end = text.find("\n", end, end + _LINE_WINDOW)
    line_end = line_end if line_end >= 0 else min(len(text), end + _LINE_WINDOW)
    rest = text[line_start:start] + " " + text[end:line_end]
    return bool(_CLOCK.search(rest)) and _DATELINE_REST.fullmatch(rest) is not None


@cache
def _scope_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    openers = alternation(lexicon().scope_openers)
    before = re.compile(rf"(?<!\w){openers}{S}\Z", FLAGS)
    opening = re.compile(rf"{openers}{S}", FLAGS)
    return before, opening


def is_scope(text: str, start: int) -> bool:
    """ "… chăm lo đời sống hộ nghèo, nhất là dịp Tết Nguyên đán", "nhân dịp Tết": the time a duty
    matters most or the occasion it serves, not its due date (the opener may be the expression's
    own cue)."""
    before, opening = _scope_patterns()
    if before.search(text, max(0, start - 30), start):
        return True
    return opening.match(text, start) is not None


_HORIZON = re.compile(r"(?:đến|tới)\s+năm\s+\d{4}", re.I)
_NOT_LET = re.compile(r"(?<!\w)không\s+(?:để|được\s+để)\s[^,;.:\n]{0,60}$", re.I)


_NOTED_ITEMS = re.compile(r"(?<!\w)lưu\s+ý\s+(?:các|những)\s[^,;.:\n]{0,60}$", re.I)


def in_note(text: str, start: int) -> bool:
    """ "…, trong đó lưu ý các vị trí triển khai thi công trong tháng 4/2026": the time picks out
    the items the note is about, not when the work is due."""
    return _NOTED_ITEMS.search(text, max(0, start - 80), start) is not None


def in_prohibition(text: str, start: int) -> bool:
    """ "không để dồn hồ sơ thanh toán vào cuối năm": the time of what must not happen."""
    return _NOT_LET.search(text, max(0, start - 70), start) is not None


@cache
def _plan_noun_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){alternation(lexicon().plan_nouns)}(?!\w)", FLAGS)


def is_plan_horizon(text: str, start: int, end: int) -> bool:
    """ "Đề án phát triển nông nghiệp … đến năm 2030": a plan's horizon, part of its name."""
    if not _HORIZON.fullmatch(text, start, end):
        return False
    return _plan_noun_pattern().search(text, _name_start(text, start), start) is not None


# "phòng, chống ma tuý": the comma of this pair is inside a name ("Chương trình mục tiêu quốc
# gia phòng, chống ma tuý đến năm 2030"), not between clauses.
_NAME_COMMA = re.compile(r"phòng,\s*\Z", re.I)


def _name_start(text: str, pos: int) -> int:
    start = _clause_start(text, pos)
    while start > 2 and _NAME_COMMA.search(text[max(0, start - 12) : start]):
        earlier = _clause_start(text, start - 2)
        if earlier >= start:
            break
        start = earlier
    return start


@cache
def _event_name_pattern() -> re.Pattern[str]:
    nouns = alternation(lexicon().event_nouns)
    return re.compile(rf"(?<!\w){nouns}(?:{S}[^\W\d]{{1,12}}){{0,3}}{S}\Z", FLAGS)


def names_an_event(text: str, start: int) -> bool:
    """ "kỳ họp thường kỳ cuối năm 2018", "Hội nghị giao ban quý III/2018": the period is part of
    an event's name, not a deadline."""
    return _event_name_pattern().search(text, max(0, start - 50), start) is not None
