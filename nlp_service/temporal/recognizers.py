"""Recognizers: one per kind of time expression, each a compiled pattern and a reader.

Each recognizer scans the whole text and yields candidates with their span, their normalised
value and the name of the rule that fired; the engine then keeps the longest non-overlapping
ones and decides which are deadlines. Patterns come from ``grammar.shapes()`` and the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from nlp_service.temporal import calendar_math as cm
from nlp_service.temporal.context import Cue, find_cue
from nlp_service.temporal.grammar import (
    COMMA,
    END,
    FLAGS,
    S0,
    START,
    WORD,
    WS_PHRASE,
    DayParts,
    S,
    current_period,
    parse_day,
    parse_period,
    parse_time,
    shapes,
)
from nlp_service.temporal.lexicon import alternation, lexicon
from nlp_service.temporal.numbers import parse_amount
from nlp_service.temporal.types import TimeExpression


@dataclass(frozen=True)
class Scope:
    """What every recognizer knows about the document."""

    text: str
    issued: date | None
    fallback_year: int | None  # year of the document's own dates when the issue date is unknown
    # The names the document calls itself by ("kế hoạch" in a Kế hoạch); empty when unknown.
    own_heads: tuple[str, ...] = ()


@dataclass
class Candidate:
    expr: TimeExpression
    kind: str  # day, period, range, relative, event, recurring, ongoing, window
    priority: int  # breaks ties between spans of equal length
    cue: Cue | None = None


def _expr(
    scope: Scope, begin: int, end: int, type_: str, rule: str, **values: object
) -> TimeExpression:
    return TimeExpression(
        type=type_,  # type: ignore[arg-type]
        raw=scope.text[begin:end],
        start_char=begin,
        end_char=end,
        rule=rule,
        **values,  # type: ignore[arg-type]
    )


def resolve_day(parts: DayParts, scope: Scope) -> date | None:
    """A calendar day; a year-less one takes its next occurrence on or after the issue date,
    else the year of the document's own dates, else stays unresolved."""
    if parts.year is not None:
        return date(parts.year, parts.month, parts.day)
    if scope.issued is not None:
        return cm.next_occurrence(parts.month, parts.day, scope.issued)
    year = scope.fallback_year
    if year is not None and cm.valid_day(year, parts.month, parts.day):
        return date(year, parts.month, parts.day)
    return None


# "kể từ ngày X", "sau ngày X", "tính đến ngày X": days that are not due dates.
NOT_DEADLINE_CUES = frozenset({"since", "after", "cutoff"})


def _first_char_guard(words: list[str]) -> str:
    """A lookahead for the first character of a match (a digit or a word's first letter): the
    regex engine then rejects most positions at once instead of trying every optional group."""
    firsts = "".join(sorted({re.escape(w[0]) for w in words if w}))
    return rf"(?=[\d{firsts}])"


# --- single days -----------------------------------------------------------------------------


@cache
def _day_pattern() -> re.Pattern[str]:
    sh = shapes()
    return re.compile(
        # First-character guard (a time or date digit, "ngày", "thứ", "chủ nhật"): the engine
        # rejects most positions at once instead of trying every optional group (3x faster).
        rf"{_first_char_guard(['ngày', *lexicon().weekdays])}"
        rf"(?:(?P<t1>{sh.time}){COMMA}(?:vào{S})?)?"
        rf"(?:(?:ngày{S})?(?P<wd>{sh.weekday}){COMMA})?"
        rf"(?P<ngay>{START}ngày{S})?(?P<d>{sh.date})"
        rf"(?:{COMMA}(?:vào{S})?(?:lúc{S})?(?P<t2>{sh.time}))?",
        FLAGS,
    )


def days(scope: Scope) -> Iterator[Candidate]:
    """ "trước 14 giờ ngày 05/12/2017", "chậm nhất ngày 08/4/2026", "ngày 15/10/2018"."""
    for m in _day_pattern().finditer(scope.text):
        parts = parse_day(m["d"])
        if parts is None:
            continue
        cue = find_cue(scope.text, m.start(), "day")
        numeric_only = parts.year is None and "tháng" not in m["d"].lower()
        if numeric_only and not (m["ngay"] or cue.type or cue.label or m["t1"]):
            continue  # "5.2" or "1/2" alone is a section number or a fraction, not a date
        yield _day_candidate(scope, cue, m.end(), parts, m["t1"] or m["t2"], "day")


def _day_candidate(
    scope: Scope, cue: Cue, end: int, parts: DayParts, time_text: str | None, rule: str
) -> Candidate:
    """A calendar day ending at ``end``, typed by the cue before it ("trước", "chậm nhất")."""
    type_ = cue.type or cue.label or "on"
    expr = _expr(
        scope,
        cue.start,
        end,
        "on" if type_ in NOT_DEADLINE_CUES else type_,
        f"{rule}:{cue.type or 'bare'}",
        date=resolve_day(parts, scope),
        time=parse_time(time_text) if time_text else None,
    )
    return Candidate(expr, "day", 5, cue)


@cache
def _same_day_pattern() -> re.Pattern[str]:
    return re.compile(rf"{START}(?P<t>{shapes().time}){S}(?:ngày{S})?cùng{S}ngày{END}", FLAGS)


def same_days(scope: Scope) -> Iterator[Candidate]:
    """ "… trước 18 giờ ngày 06/3/2026; báo cáo … trước 20 giờ cùng ngày": the day just named,
    at another hour (a telegram's chain of hours)."""
    text = scope.text
    for m in _same_day_pattern().finditer(text):
        earlier = [*_date_search().finditer(text, max(0, m.start() - 300), m.start())]
        parts = parse_day(earlier[-1]["d"]) if earlier else None
        if parts is None:
            continue
        cue = find_cue(text, m.start(), "day")
        yield _day_candidate(scope, cue, m.end(), parts, m["t"], "day:same_day")


@cache
def _week_day_pattern() -> re.Pattern[str]:
    rel = alternation(lexicon().relative_period_words)
    return re.compile(
        rf"{START}(?:ngày{S})?(?P<wd>{shapes().weekday}){S}(?:của{S})?tuần{S}(?P<rel>{rel}){END}",
        FLAGS,
    )


_WEEKDAY_INDEX = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def week_days(scope: Scope) -> Iterator[Candidate]:
    """ "trước thứ Sáu tuần này", "vào thứ Hai tuần tới": a weekday of the issue week or after."""
    lex = lexicon()
    for m in _week_day_pattern().finditer(scope.text):
        day: date | None = None
        if scope.issued is not None:
            offset = lex.relative_period_words[" ".join(m["rel"].lower().split())]
            monday = current_period("tuần", scope.issued, offset)[0]
            code = lex.weekdays[" ".join(m["wd"].lower().split())]
            day = monday + timedelta(days=_WEEKDAY_INDEX[code])
        cue = find_cue(scope.text, m.start(), "day")
        type_ = cue.type or cue.label or "on"
        rule = f"day:{cue.type or 'bare'}"
        expr = _expr(
            scope, cue.start, m.end(), "on" if type_ in NOT_DEADLINE_CUES else type_, rule, date=day
        )
        yield Candidate(expr, "day", 5, cue)


# --- periods ---------------------------------------------------------------------------------


@cache
def _period_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?P<p>{shapes().period})", FLAGS)


@cache
def _open_end() -> re.Pattern[str]:
    return re.compile(rf"{S}và{S}(?:những|các){S}(?:năm|tháng|quý){S}tiếp{S}theo{END}", FLAGS)


def periods(scope: Scope) -> Iterator[Candidate]:
    """ "trong tháng 8/2025", "Quý IV/2018", "6 tháng đầu năm", "cuối năm 2018", "năm 2026"."""
    for m in _period_pattern().finditer(scope.text):
        period = parse_period(m["p"], _period_anchor(scope))
        if period is None:
            continue
        cue = find_cue(scope.text, m.start(), "period")
        if tail := _open_end().match(scope.text, m.end()):  # "… và những năm tiếp theo"
            rest = scope.text[tail.end() : tail.end() + 2].strip(" \t.")
            if cue.type is None and rest[:1] not in ("", "\n", "|"):
                continue  # without a cue only a table cell's whole content ("Năm 2026 và …")
            expr = _expr(
                scope,
                cue.start,
                tail.end(),
                "within_period",
                "period:open_ended",
                start=period.start,
            )
            yield Candidate(expr, "period", 5, cue)
            continue
        cue_text = scope.text[cue.start : m.start()].lower()
        from_now = cue.type == "within_period" and cue_text.startswith("từ nay")
        if cue.type == "before" and not period.edge_only:  # "trước cuối năm" is the year's end
            expr = _expr(scope, cue.start, m.end(), "before", "period:before", date=period.start)
        else:
            start = period.start
            if period.edge_only:
                start = None
            if from_now:
                start = scope.issued
            rule = "period:" + ("end_of" if period.edge_only else cue.type or "bare")
            expr = _expr(
                scope, cue.start, m.end(), "within_period", rule, date=period.end, start=start
            )
        yield Candidate(expr, "period", 5, cue)


@cache
def _window_pattern() -> re.Pattern[str]:
    return re.compile(rf"{START}{alternation(lexicon().undated_windows)}{END}", FLAGS)


def windows(scope: Scope) -> Iterator[Candidate]:
    """ "giữa hai kỳ họp": a window without dates."""
    for m in _window_pattern().finditer(scope.text):
        expr = _expr(scope, m.start(), m.end(), "within_period", "window")
        yield Candidate(expr, "window", 3)


# --- ranges ----------------------------------------------------------------------------------


@cache
def _range_pattern() -> re.Pattern[str]:
    sh = shapes()
    sep = rf"(?:{COMMA}(?:cho{S})?(?:đến|tới)(?:{S}hết)?{S}|{S0}[\-–]{S0})"
    return re.compile(
        rf"{START}(?:kể{S})?từ{S}"
        rf"(?:(?P<now>nay|bây{S}giờ|hôm{S}nay|thời{S}điểm{S}này){END}"
        rf"|(?:ngày{S})?(?P<a>{sh.date}|\d{{1,2}}(?![\d/.\-]))|(?P<ap>{sh.period}))"
        rf"{sep}(?:ngày{S})?(?:(?P<b>{sh.date})|(?P<bp>{sh.period}))",
        FLAGS,
    )


def _range_end(m: re.Match[str], scope: Scope) -> tuple[date | None, date | None] | None:
    """(first day, last day) of the range's second member."""
    if m["b"]:
        parts = parse_day(m["b"])
        if parts is None:
            return None
        day = resolve_day(parts, scope)
        return day, day
    period = parse_period(m["bp"], _period_anchor(scope))
    if period is None:
        return None
    return period.start, period.end


def _range_start(m: re.Match[str], scope: Scope, end: date | None) -> date | bool | None:
    """First day of the range; False when the first member is not a date."""
    if m["now"]:
        return scope.issued
    if m["ap"]:
        written = m["ap"]
        period = parse_period(written, _period_anchor(scope))
        if period is not None and not period.has_year and end is not None:
            period = parse_period(f"{written} năm {end.year}", _period_anchor(scope))
        return period.start if period is not None else False
    a = m["a"]
    if a.isdigit():  # "từ ngày 10 đến ngày 15/3/2026"
        if end is None or not cm.valid_day(end.year, end.month, int(a)):
            return None if end is None else False
        return date(end.year, end.month, int(a))
    parts = parse_day(a)
    if parts is None:
        return False
    return _first_day(parts, scope, end)


def _first_day(parts: DayParts, scope: Scope, end: date | None) -> date | bool | None:
    """The first member of a span of days; a year-less one is the latest such day up to
    ``end`` ("từ ngày 20/12 đến ngày 05/01/2026" starts in 2025). False when no such day."""
    if parts.year is None and end is not None:
        same_year = (
            cm.valid_day(end.year, parts.month, parts.day)
            and date(end.year, parts.month, parts.day) <= end
        )
        year = end.year if same_year else end.year - 1
        if not cm.valid_day(year, parts.month, parts.day):
            return False
        return date(year, parts.month, parts.day)
    return resolve_day(parts, scope)


@cache
def _day_list_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"{START}(?:(?:(?:các|những){S})?ngày{S}(?P<a>\d{{1,2}})"
        rf"(?:{S0}[,\-–]{S0}|{S}(?:và|đến){S})(?:ngày{S})?(?P<b>{shapes().date})"
        # "15-20/6/2026" in a time cell: the hyphen alone joins the days (the date shape refuses
        # a day glued to a hyphen, "20/6" of "15-20/6")
        rf"|(?P<ngay2>(?:(?:các|những){S})?ngày{S})?(?P<a2>\d{{1,2}}){S0}[\-–]{S0}"
        rf"(?P<b2>\d{{1,2}}{S0}/{S0}\d{{1,2}}(?:{S0}/{S0}\d{{4}})?)(?![\d/%]|[.\-,]\d))",
        FLAGS,
    )


def day_lists(scope: Scope) -> Iterator[Candidate]:
    """ "trong các ngày 25 và 26/9/2025", "ngày 25-26/9/2025", "15-20/6/2026": a span of days of
    one month."""
    for m in _day_list_pattern().finditer(scope.text):
        parts = parse_day(m["b"] or m["b2"])
        last = resolve_day(parts, scope) if parts else None
        a = int(m["a"] or m["a2"])
        if last is None or not 1 <= a < last.day:
            continue
        if m["a2"] and not m["ngay2"] and parts and parts.year is None:
            continue  # "1-2/3 số hộ": a fraction, unless the year makes it days
        first = last.replace(day=a)
        expr = _expr(
            scope, m.start(), m.end(), "within_period", "range:days", date=last, start=first
        )
        yield Candidate(expr, "range", 6)


@cache
def _day_pair_pattern() -> re.Pattern[str]:
    sh = shapes()
    return re.compile(
        rf"{START}ngày{S}(?P<a>{sh.date}){S}và{S}(?:cả{S})?(?:(?:sáng|chiều|tối){S})?"
        rf"ngày{S}(?P<b>{sh.date})",
        FLAGS,
    )


# Two days a week apart at most are one session's days; further apart they are two dates.
_PAIR_MAX_DAYS = 7


def day_pairs(scope: Scope) -> Iterator[Candidate]:
    """ "Chiều ngày 28/12 và cả ngày 29/12/2011", "ngày 30/12/2025 và ngày 02/01/2026": the
    days a schedule gives one session, a span like "các ngày 28 và 29/12" (``day_lists``)."""
    for m in _day_pair_pattern().finditer(scope.text):
        parts_b, parts_a = parse_day(m["b"]), parse_day(m["a"])
        last = resolve_day(parts_b, scope) if parts_b else None
        cue = find_cue(scope.text, m.start(), "day")
        if last is None or parts_a is None or cue.type not in (None, "on"):
            continue  # "trước ngày 28/12 và ngày 29/12": two deadlines, not a span
        first = _first_day(parts_a, scope, last)
        if not isinstance(first, date) or not 0 < (last - first).days <= _PAIR_MAX_DAYS:
            continue
        expr = _expr(
            scope, cue.start, m.end(), "within_period", "range:day_pair", date=last, start=first
        )
        yield Candidate(expr, "range", 6)


# What follows a year-less "tháng 3, 4" when the second number counts something.
_COUNTED = re.compile(r"\s*(?:lần|ngày|tuần|tháng|năm|người|đơn\s+vị|buổi|đợt|%)", re.I)


@cache
def _period_list_pattern() -> re.Pattern[str]:
    member = r"(?:[IVX]{1,4}|\d{1,2})"
    return re.compile(
        rf"{START}(?:trong{S}(?:(?:các|những){S})?)?(?P<unit>quý|tháng){S}(?P<a>{member})"
        rf"(?:{S0}(?:[,\-–&]|và|đến){S0}(?:(?:quý|tháng){S})?(?P<b>{member}))+"
        rf"(?:(?:{S0}/{S0}|{S}năm{S})(?P<y>\d{{4}}))?{END}",
        FLAGS,
    )


@cache
def _period_pair_pattern() -> re.Pattern[str]:
    member = r"(?:[IVX]{1,4}|\d{1,2})"
    year = rf"(?:{S0}/{S0}|{S}năm{S})"
    return re.compile(
        rf"{START}(?P<unit>quý|tháng){S}(?P<a>{member}){year}(?P<ya>\d{{4}})"
        rf"{S0}(?:[,\-–]|và|đến){S0}(?P=unit){S}(?P<b>{member}){year}(?P<y>\d{{4}}){END}",
        FLAGS,
    )


def period_lists(scope: Scope) -> Iterator[Candidate]:
    """ "Quý I, II/2026", "tháng 3-4/2026", "quý III và quý IV năm 2026", "tháng 12/2025 và
    tháng 01/2026": one window from the first member's first day to the last member's last day
    (a table's time cell often says so). A list without a year ("Quý II, III", "Tháng 8 - 9")
    is read against the issue date, as a single year-less period is."""
    matches = [*_period_list_pattern().finditer(scope.text)]
    matches += _period_pair_pattern().finditer(scope.text)
    for m in matches:
        unit, year = m["unit"].lower(), m["y"]
        if year is None and _COUNTED.match(scope.text, m.end()):
            continue  # "tháng 3, 4 lần": a count, not a second month
        first_year = m.groupdict().get("ya") or year
        year_part = f" năm {year}" if year else ""
        first_part = f" năm {first_year}" if first_year else ""
        anchor = _period_anchor(scope)
        first = parse_period(f"{unit} {m['a']}{first_part}", anchor)
        last = parse_period(f"{unit} {m['b']}{year_part}", anchor)
        if first is None or last is None or first.start is None or first.end is None:
            continue
        if last.end is None or last.end <= first.end:
            continue
        expr = _expr(
            scope,
            m.start(),
            m.end(),
            "within_period",
            "range:periods",
            date=last.end,
            start=first.start,
        )
        yield Candidate(expr, "range", 6)


def ranges(scope: Scope) -> Iterator[Candidate]:
    """ "từ ngày 01/6/2026 đến ngày 30/6/2026", "từ nay đến cuối năm", "từ tháng 6 đến tháng 8"."""
    for m in _range_pattern().finditer(scope.text):
        end_days = _range_end(m, scope)
        if end_days is None:
            continue
        start = _range_start(m, scope, end_days[0])
        if start is False:
            continue
        rule = "range:from_now" if m["now"] else "range"
        expr = _expr(
            scope,
            m.start(),
            m.end(),
            "within_period",
            rule,
            date=end_days[1],
            start=start if isinstance(start, date) else None,
        )
        yield Candidate(expr, "range", 6)


# --- relative durations ----------------------------------------------------------------------


@cache
def _relative_pattern() -> re.Pattern[str]:
    lex = lexicon()
    sh = shapes()
    anchor_head = alternation(["ngày", "khi", "thời điểm", "lúc", *lex.event_nouns])
    return re.compile(
        rf"{START}(?:(?P<cue>{alternation(lex.duration_cues)}){S})?"
        rf"(?P<amount>{sh.amount}){S}(?P<unit>{alternation(lex.units)}){END}"
        rf"(?:{S}(?P<ahead>(?:sắp{S})?tới){END})?"  # "trong 6 tháng tới": from the issue date
        rf"(?:{COMMA}(?P<link>{alternation(lex.anchor_links)}){S}"
        rf"(?P<anchor>{anchor_head}{END}(?:{WS_PHRASE}{WORD}){{0,10}}))?",
        FLAGS,
    )


@cache
def _date_search() -> re.Pattern[str]:
    return re.compile(rf"(?:ngày{S})?(?P<d>{shapes().date})", FLAGS)


def _trim_phrase(text: str, begin: int, end: int) -> int:
    """End of a phrase cut before its first stop word ("… kỳ họp để thảo luận" -> "… kỳ họp")."""
    stops = lexicon().phrase_stops
    words = [(w.start(), w.group().lower()) for w in re.finditer(r"\S+", text[begin:end])]
    for i, (offset, _) in enumerate(words):
        if i == 0:
            continue
        for stop in stops:
            n = len(stop.split())
            if " ".join(w for _, w in words[i : i + n]) == stop:
                return begin + offset
    return end


def _strip_end(text: str, begin: int, end: int) -> int:
    while end > begin and not text[end - 1].isalnum():
        end -= 1
    return end


def _document_heads() -> list[str]:
    lex = lexicon()
    return sorted({*lex.reference_heads, *(h for hs in lex.own_heads.values() for h in hs)})


@cache
def _issue_anchor_pattern() -> re.Pattern[str]:
    lex = lexicon()
    return re.compile(
        rf"{alternation(lex.issue_anchors)}(?:{S}(?P<head>{alternation(_document_heads())})"
        rf"(?P<this>{S}này)?)?",
        FLAGS,
    )


@cache
def _own_act_pattern() -> re.Pattern[str]:
    """ "ngày Kế hoạch được ban hành", "ngày Quy định này có hiệu lực thi hành", "ngày Quyết định
    ban hành Quy chế này có hiệu lực": the document's own issuing or coming into force."""
    return re.compile(
        rf"ngày{S}(?P<head>{alternation(_document_heads())})(?P<mid>(?:{S}[^\s,;]+){{0,4}}?)"
        rf"(?P<this>{S}này)?{S}(?:được{S})?(?:ký{S})?(?:ban{S}hành|có{S}hiệu{S}lực(?:{S}thi{S}hành)?)",
        FLAGS,
    )


def _anchor_base(anchor: str, scope: Scope) -> date | None:
    """The day an anchor names when it is the document's own issuing or coming into force:
    "ngày ký", "ngày ban hành", "ngày ký Thông báo này", "ngày ký ban hành Kế hoạch" and "ngày
    Kế hoạch được ban hành" in a Kế hoạch are its issue date; "ngày Quy định này có hiệu lực"
    is the day its effect clause gives. A type the document is not ("ngày ban hành Kế hoạch" in
    a Quyết định, "ngày ban hành văn bản") names another document, whose date is unknown. With
    the type unknown, "ngày ký / ban hành <type>" counts as the document's own (it always did)
    and "ngày <type> được ban hành" does not."""
    own = scope.own_heads
    m = _issue_anchor_pattern().fullmatch(anchor)
    if m:
        head = m["head"]
        mine = head is None or bool(m["this"]) or not own or " ".join(head.split()) in own
        return scope.issued if mine else None
    m = _own_act_pattern().fullmatch(anchor)
    if m is None:
        return None
    this = bool(m["this"]) or bool(m["mid"] and re.search(r"(?<!\w)này(?!\w)", m["mid"]))
    if not this and (m["mid"] or " ".join(m["head"].split()) not in own):
        return None
    if re.search(r"hiệu\s+lực", anchor):
        return _effective_date(scope)
    return scope.issued


_EFFECT = re.compile(
    r"(?:quyết định|quy chế|quy định|nghị quyết|kế hoạch|thông báo|chỉ thị|hướng dẫn) này có\s+"
    r"hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?P<when>ký|\S+(?:\s+tháng\s+\S+"
    r"\s+năm\s+\d{4})?)",
    FLAGS,
)


def _effective_date(scope: Scope) -> date | None:
    """The day the document's effect clause gives ("Quyết định này có hiệu lực kể từ ngày ký" is
    the issue date); None without one."""
    m = _EFFECT.search(scope.text)
    if m is None:
        return None
    if m["when"].lower() == "ký":
        return scope.issued
    parts = parse_day(m["when"].rstrip(".,;"))
    return resolve_day(parts, scope) if parts else None


def relatives(scope: Scope) -> Iterator[Candidate]:
    """ "trong 15 ngày kể từ ngày ký", "10 (mười) ngày làm việc kể từ ngày nhận được …"."""
    lex = lexicon()
    text = scope.text
    for m in _relative_pattern().finditer(text):
        if not (m["cue"] or m["link"]):
            continue
        amount = parse_amount(m["amount"])
        if amount is None or amount == 0:
            continue
        unit = lex.units[" ".join(m["unit"].lower().split())]
        if unit == "hour":
            # "trong vòng 24 giờ kể từ khi phát hiện ca bệnh": whole days (ANNOTATION.md has no
            # hours); "chậm nhất 16 giờ ngày 20/9" is a clock time, not a duration.
            if amount % 24 or not (m["anchor"] or (m["cue"] or "").lower().startswith("trong")):
                continue
            amount, unit = amount // 24, "day"
        end = m.end()
        anchor: str | None = None
        base: date | None = None
        if m["anchor"]:
            a_start = m.start("anchor")
            a_end = _strip_end(text, a_start, _trim_phrase(text, a_start, m.end("anchor")))
            inner = _date_search().search(text, a_start, a_end)
            if inner and m["link"].lower() == "trước" and not m["cue"]:
                # "báo cáo 6 tháng trước ngày 20/6": the half-year report, due before the day
                # (no office counts months back from a stated day).
                continue
            if inner and (parts := parse_day(inner["d"])):
                a_end = inner.end()
                base = resolve_day(parts, scope)
            anchor = " ".join(text[a_start:a_end].split())
            end = a_end
            lowered = anchor.lower()
            if base is None and scope.issued:
                base = _anchor_base(lowered, scope)
            if m["link"].lower() == "trước":
                amount = -amount
        elif m["link"]:
            continue
        elif m["ahead"]:
            base = scope.issued
        before_event = amount < 0 and base is None  # "02 ngày làm việc trước ngày tổ chức …"
        expr = _expr(
            scope,
            m.start(),
            end,
            "event" if before_event else "relative",
            "relative:" + ("before_event" if before_event else "anchored" if anchor else "open"),
            date=cm.add_duration(base, amount, unit) if base else None,
            amount=abs(amount),
            unit=unit,
            anchor=anchor,
            event=anchor if before_event else None,
        )
        yield Candidate(expr, "relative", 6)


@cache
def _lead_time_pattern() -> re.Pattern[str]:
    lex = lexicon()
    sh = shapes()
    anchor_head = alternation(["ngày", *lex.event_nouns])
    return re.compile(
        rf"{START}(?:chậm{S}nhất{S})?trước{S}(?P<anchor>{anchor_head}{END}"
        rf"(?:{WS_PHRASE}(?![\d(])(?!(?:ít|chậm){S}nhất{END}){WORD}){{0,8}}?)"
        rf"{S}(?:(?:ít|chậm){S}nhất{S})?(?P<amount>{sh.amount}){S}(?P<unit>{alternation(lex.units)})"
        rf"{END}",
        FLAGS,
    )


@cache
def _lead_time_first_pattern() -> re.Pattern[str]:
    """ "trước 3 ngày tổ chức Hội nghị", "trước ít nhất 05 ngày làm việc so với ngày khai mạc kỳ
    họp": the amount before the event it counts back from."""
    lex = lexicon()
    sh = shapes()
    stops = alternation(lex.phrase_stops)
    return re.compile(
        rf"{START}(?:chậm{S}nhất{S})?trước{S}(?:(?:ít|chậm){S}nhất{S})?(?P<amount>{sh.amount})"
        rf"{S}(?P<unit>{alternation(lex.units)}){END}{S}(?:so{S}với{S})?"
        rf"(?P<anchor>(?:ngày{S})?(?:(?:tổ{S}chức|khai{S}mạc|diễn{S}ra|bắt{S}đầu|họp){S})?"
        rf"(?:{alternation(lex.event_nouns)}){END}"
        rf"(?:{WS_PHRASE}(?!{stops}{END}){WORD}){{0,6}})",
        FLAGS,
    )


def lead_times(scope: Scope) -> Iterator[Candidate]:
    """ "trước ngày kiểm tra ít nhất 03 ngày làm việc", "chậm nhất trước ngày khai mạc 10 ngày",
    "trước 3 ngày tổ chức Hội nghị": a lead time before an event, the same deadline as "03 ngày
    làm việc trước ngày kiểm tra" (an event; its date is unknown)."""
    lex = lexicon()
    matches = [*_lead_time_pattern().finditer(scope.text)]
    matches += _lead_time_first_pattern().finditer(scope.text)
    for m in matches:
        amount = parse_amount(m["amount"])
        unit = lex.units[" ".join(m["unit"].lower().split())]
        if amount is None or amount == 0 or unit == "hour":
            continue
        anchor = " ".join(m["anchor"].split())
        expr = _expr(
            scope,
            m.start(),
            m.end(),
            "event",
            "relative:lead_time",
            amount=amount,
            unit=unit,
            anchor=anchor,
            event=anchor,
        )
        yield Candidate(expr, "relative", 7)


# --- events ----------------------------------------------------------------------------------


@cache
def _event_pattern() -> re.Pattern[str]:
    lex = lexicon()
    stops = alternation(lex.phrase_stops)
    return re.compile(
        rf"{START}(?P<cue>{alternation(lex.event_cues)}){S}(?:ngày{S}(?=\D))?(?:(?:các|những){S})?"
        rf"(?P<event>{alternation(lex.event_nouns)}{END}"
        rf"(?:{WS_PHRASE}(?!{stops}{END}){WORD}){{0,10}})",
        FLAGS,
    )


def _event_date(scope: Scope, begin: int, end: int) -> date | None:
    """The event's day when the phrase states it ("tại Hội nghị ngày 12/01/2026"); otherwise
    none: ANNOTATION.md gives an event a date only when the document writes it, so "trước Tết
    Nguyên đán" stays undated although the lunar calendar knows the day (gold: 7 of 7)."""
    inner = _date_search().search(scope.text, begin, end)
    if inner and (parts := parse_day(inner["d"])):
        return resolve_day(parts, scope)
    return None


def events(scope: Scope) -> Iterator[Candidate]:
    """ "trước kỳ họp thường lệ cuối năm", "ngay sau hội nghị", "trước Tết Nguyên đán"."""
    text = scope.text
    for m in _event_pattern().finditer(text):
        e_start = m.start("event")
        e_end = _strip_end(text, e_start, m.end("event"))
        expr = _expr(
            scope,
            m.start(),
            e_end,
            "event",
            "event:" + " ".join(m["cue"].lower().split()),
            date=_event_date(scope, e_start, e_end),
            event=" ".join(text[e_start:e_end].split()),
        )
        yield Candidate(expr, "event", 4)


def _cue_phrase(cues: list[str], word: str, gap: str, extra: str = "") -> re.Pattern[str]:
    """A cue (or the ``extra`` cue pattern), then up to ten ``word``s parted by ``gap`` that stop
    before a phrase stop word."""
    stops = alternation(lexicon().phrase_stops)
    cue = alternation(cues) + (f"|{extra}" if extra else "")
    return re.compile(
        rf"{START}(?P<cue>{cue}){S}"
        rf"(?P<event>{word}(?:{gap}(?!{stops}{END}){word}){{0,9}})",
        FLAGS,
    )


@cache
def _clause_event_pattern() -> re.Pattern[str]:
    # The first word may be one that otherwise ends a phrase: "trước khi báo cáo UBND tỉnh".
    # A bare "khi" only before a higher authority, matched with its case ("khi Bộ ban hành",
    # not "khi bộ hồ sơ"), the authority kept as the event's first words.
    subjects = alternation(lexicon().clause_event_subjects)
    bare = rf"khi(?=\s{{1,3}}(?-i:{subjects}){END})"
    return _cue_phrase(lexicon().clause_event_cues, WORD, WS_PHRASE, bare)


@cache
def _event_window_pattern() -> re.Pattern[str]:
    # The event's name, on its line and in its cell.
    return _cue_phrase(lexicon().event_window_cues, r"[^\s,.;:()|]{1,30}", r"[^\S\n]{1,3}")


def _phrases(scope: Scope, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
    """(match start, event start, event end) of each match with a non-empty event phrase."""
    text = scope.text
    for m in pattern.finditer(text):
        e_start = m.start("event")
        e_end = _strip_end(text, e_start, m.end("event"))
        if e_end > e_start:
            yield m.start(), e_start, e_end


def _phrase_candidates(
    scope: Scope, pattern: re.Pattern[str], type_: str, rule: str, priority: int, *, dated: bool
) -> Iterator[Candidate]:
    """One candidate per phrase ``pattern`` finds, its event the phrase's words; ``dated``
    reads a day written inside the phrase."""
    for begin, e_start, e_end in _phrases(scope, pattern):
        event = " ".join(scope.text[e_start:e_end].split())
        when = None
        if dated:
            # "ngay sau khi Kế hoạch này được ban hành", "sau khi ban hành": the document's own
            # issuing, dated by its issue date (CONVENTIONS.md).
            own = _anchor_base(f"ngày {event}".lower(), scope)
            when = _event_date(scope, e_start, e_end) or own
        expr = _expr(scope, begin, e_end, type_, rule, date=when, event=event)
        yield Candidate(expr, "event" if type_ == "event" else "window", priority)


def clause_events(scope: Scope) -> Iterator[Candidate]:
    """ "sau khi VCCI công bố kết quả", "khi có quyết định thu hồi dự án": an event clause."""
    return _phrase_candidates(
        scope, _clause_event_pattern(), "event", "event:clause", 3, dated=True
    )


def event_windows(scope: Scope) -> Iterator[Candidate]:
    """ "trong thời gian diễn ra Hội chợ": the days an event spans, undated here (the engine
    dates it from the range the document gives the event)."""
    return _phrase_candidates(
        scope, _event_window_pattern(), "within_period", "window:event", 4, dated=False
    )


# "trong mùa khô 2025 - 2026", "trong mùa mưa năm 2024": a season of a stated year is the window
# of the work (gold: within_period, dated only when the document says when the season runs, which
# the engine reads as it does for an event window). A season with no year ("trong mùa mưa") is
# context, and "thường xuyên" or a stated day beside it is the deadline (train and dev golds).
@cache
def _season_window_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"{START}(?:trong{S}(?:suốt{S})?|suốt{S})(?P<event>{alternation(lexicon().season_nouns)}"
        rf"(?:{S}năm)?{S}\d{{4}}(?:{S}?[-–]{S}?\d{{4}})?){END}",
        FLAGS,
    )


def season_windows(scope: Scope) -> Iterator[Candidate]:
    """ "trong mùa khô 2025 - 2026": a window, the season its event (weak: a stated deadline of
    the same sentence wins)."""
    for m in _season_window_pattern().finditer(scope.text):
        event = " ".join(m["event"].split())
        expr = _expr(scope, m.start(), m.end(), "within_period", "window:season", event=event)
        yield Candidate(expr, "window", 4)


# "theo yêu cầu của Bộ Tài chính", "Theo yêu cầu của Sở Nội vụ" (a table's time cell): the work
# is due when that body asks (gold: an event 6 times on train and dev). Not "theo yêu cầu của Bộ
# Nội vụ tại Công văn nêu trên" (a request already made: how, not when), "theo yêu cầu của Quý cơ
# quan" (the letter's addressee) or "… (nếu có)".
_ON_REQUEST = re.compile(
    r"(?<!\w)theo\s+yêu\s+cầu(?:\s+phối\s+hợp)?\s+của\s+"
    r"(?P<who>(?!Quý\b)[^\W\d_][^,.;:()\n]{2,60}?)"
    r"(?=\s*(?:$|[,.;:\n|]|\(|\s+(?:để|và|nhằm|tại|về)\b))",
    re.I | re.M,
)
_REQUEST_MADE = re.compile(
    r"\s*(?:tại\s+(?:công\s+văn|văn\s+bản|kế\s+hoạch|quyết\s+định)|\(nếu\s+có\))", re.I
)


def requests(scope: Scope) -> Iterator[Candidate]:
    """ "theo yêu cầu của Bộ Tài chính": due when the body asks (rule ``event:on_request``, weak:
    any stated deadline of the clause wins)."""
    text = scope.text
    for m in _ON_REQUEST.finditer(text):
        if _REQUEST_MADE.match(text, m.end()):
            continue
        who = " ".join(m["who"].split())
        expr = _expr(
            scope, m.start(), m.end(), "event", "event:on_request", event=f"yêu cầu của {who}"
        )
        yield Candidate(expr, "event", 1)


# --- recurring duties ------------------------------------------------------------------------


class _Recurring(NamedTuple):
    """The shapes of a recurring duty, one pattern each."""

    weekly: re.Pattern[str]
    quarter_end: re.Pattern[str]
    every_n: re.Pattern[str]
    times_per: re.Pattern[str]
    following: re.Pattern[str]
    bare: re.Pattern[str]
    half_year: re.Pattern[str]
    two_days: re.Pattern[str]
    half_and_year: re.Pattern[str]
    month_of_year: re.Pattern[str]


@cache
def _recurring_patterns() -> _Recurring:
    lex = lexicon()
    sh = shapes()
    cue_words = ["trước", "vào", "chậm nhất", "chậm nhất là", "trong", "từ"]
    cue = alternation(cue_words)
    first_words = [
        *lex.periodic_openers,
        *cue_words,
        "lúc",
        "ngày",
        *lex.weekdays,
        *lex.recurring_markers,
    ]
    # A sentence's full stop may follow ("… hằng năm trước ngày 15/12."); ".2025" may not.
    mday = rf"\d{{1,2}}(?:\s?[/.\-]\s?\d{{1,2}}|{S}tháng{S}\d{{1,2}})?(?![\d/\-]|\.\d)"
    units = alternation(lex.recurring_units)
    marker = rf"(?:{alternation(lex.recurring_markers)}){S}(?P<unit>{units}){END}"
    weekly = re.compile(
        # First-character guard: "định kỳ", a cue, a time, "lúc", "vào", "ngày", a weekday,
        # "tháng cuối quý", or the marker ("hằng", "hàng", "mỗi").
        rf"{START}{_first_char_guard(first_words)}(?:(?P<open>{alternation(lex.periodic_openers)}){COMMA})?(?:{cue}{S})?"
        rf"(?:(?:lúc{S})?(?P<time>{sh.time}){COMMA})?"
        rf"(?:(?:vào{S})?(?:ngày{S})?(?P<wd>{sh.weekday}){COMMA}"
        rf"|(?:ngày{S}(?P<mday>{mday})|(?P<mday3>\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}(?![\d/\-])))"
        rf"{S}(?:của{S})?)?"
        rf"{marker}"
        rf"(?:(?:{COMMA}|{S0}\({S0})(?:{cue}{S})?"
        rf"(?:(?:ngày{S})?(?P<wd2>{sh.weekday})|ngày{S}(?P<mday2>{mday})"
        # "hằng năm (trước 15/12)": a day and month needs no "ngày"
        rf"|(?P<mday4>\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}(?![\d/\-])))(?:{S0}\))?)?",
        FLAGS,
    )
    quarter_end = re.compile(
        rf"{START}(?:{cue}{S})?ngày{S}(?P<mday>\d{{1,2}}){S}(?:của{S})?"
        rf"{alternation(lex.quarter_end_month)}{END}"
        rf"(?:{S}(?:{alternation(lex.recurring_markers)}){S}quý{END})?",
        FLAGS,
    )
    every_n = re.compile(
        rf"{START}(?:{alternation(lex.periodic_openers)}){S}"
        rf"(?P<n>\d{{1,2}}|{sh.number_words}){S}(?P<unit>ngày|tuần|tháng|năm){END}"
        rf"(?:{S}(?:một|1){S}lần{END}|{S0}/{S0}lần{END})?",
        FLAGS,
    )
    times_per = re.compile(
        rf"{START}(?P<n>\d{{1,2}}|{sh.number_words}){S}lần{S0}/{S0}"
        rf"(?P<unit>ngày|tuần|tháng|quý|năm){END}",
        FLAGS,
    )
    following = re.compile(
        rf"{START}(?:{cue}{S})?ngày{S}(?P<mday>{mday})(?:{S}của)?{S}"
        rf"(?P<fp>{alternation(lex.following_period)}){END}",
        FLAGS,
    )
    bare = re.compile(rf"{START}{alternation(lex.bare_periodic)}{END}", FLAGS)
    # "6 tháng, năm" (a table's time cell): the half-year and the year reports, every 6 months.
    half_year = re.compile(
        rf"{START}(?:(?:{alternation(lex.periodic_openers)}){S})?(?:0?6|sáu){S}tháng{S0}"
        rf"(?:,|và|và{S}cả){S0}(?:(?:01|một){S})?năm{END}(?!{S}\d)",
        FLAGS,
    )
    # "trước ngày 15/6 và (trước) ngày 15/12 hằng năm": two days of every year, one rhythm.
    day_month = rf"\d{{1,2}}(?:\s?[/.\-]\s?\d{{1,2}}|{S}tháng{S}\d{{1,2}})(?![\d/\-]|\.\d)"
    two_days = re.compile(
        rf"{START}(?:(?:{alternation(lex.periodic_openers)}){S})?(?:{cue}{S})?(?:ngày{S})?"
        rf"(?P<d1>{day_month}){S0}(?:,|và){S0}(?:{cue}{S})?(?:ngày{S})?(?P<d2>{day_month}){S}"
        rf"(?:của{S})?(?:{alternation(lex.recurring_markers)}){S}năm{END}",
        FLAGS,
    )
    # "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12)": the half-year and the
    # year reports, each with its day (CONVENTIONS.md: one yearly rhythm on both days).
    in_brackets = rf"{S0}\({S0}(?:{cue}{S})?(?:ngày{S})?(?P<NAME>{day_month}){S0}\)"
    half_and_year = re.compile(
        rf"{START}(?:(?:{alternation(lex.periodic_openers)}){S})?(?:0?6|sáu){S}tháng"
        + in_brackets.replace("NAME", "d1")
        + rf"{S0}(?:,|và){S0}(?:(?:{alternation(lex.recurring_markers)}){S})?năm"
        + in_brackets.replace("NAME", "d2"),
        FLAGS,
    )
    # "vào tháng 6 hằng năm", "Quý II hằng năm": a month or quarter of every year.
    month_of_year = re.compile(
        rf"{START}(?:(?:trong|vào){S})?(?:tháng{S}(?P<month>\d{{1,2}})(?![\d/\-])|"
        rf"quý{S}(?:{alternation(lex.quarter_words)}){END}){S}(?:của{S})?"
        rf"(?:{alternation(lex.recurring_markers)}){S}năm{END}",
        FLAGS,
    )
    return _Recurring(
        weekly,
        quarter_end,
        every_n,
        times_per,
        following,
        bare,
        half_year,
        two_days,
        half_and_year,
        month_of_year,
    )


def _two_days_rrule(m: re.Match[str]) -> str:
    """Yearly on both days; BYMONTHDAY can say one day for both months only, so two different
    days ("05/6 và 20/12") keep the rhythm and leave the days to the raw text."""
    month1, day1 = _month_day(m["d1"], "YEARLY")
    month2, day2 = _month_day(m["d2"], "YEARLY")
    months = ",".join(sorted({str(month1), str(month2)}, key=int))
    return _rrule("YEARLY", BYMONTH=months, BYMONTHDAY=day1 if day1 == day2 else None)


_FREQ_OF_UNIT = {"ngày": "DAILY", "tuần": "WEEKLY", "tháng": "MONTHLY", "năm": "YEARLY"}


def _rrule(freq: str, interval: int = 1, **by: str | None) -> str:
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    parts.extend(f"{key}={value}" for key, value in by.items() if value)
    return ";".join(parts)


def _weekly_rrule(m: re.Match[str]) -> str:
    lex = lexicon()
    spec = lex.recurring_units[" ".join(m["unit"].lower().split())]
    freq, interval = spec["freq"], int(spec.get("interval", 1))
    wd = m["wd"] or m["wd2"]
    byday = lex.weekdays[" ".join(wd.lower().split())] if wd else None
    bymonth, bymonthday = _month_day(m["mday"] or m["mday2"] or m["mday3"] or m["mday4"], freq)
    return _rrule(freq, interval, BYMONTH=bymonth, BYMONTHDAY=bymonthday, BYDAY=byday)


def _month_day(mday: str | None, freq: str) -> tuple[str | None, str | None]:
    """BYMONTH and BYMONTHDAY of "25", "15/12" or "15 tháng 12" (the month only if yearly)."""
    if not mday:
        return None, None
    pieces = re.split(r"\s*[/.\-]\s*|\s+tháng\s+", mday.strip(), flags=FLAGS)
    bymonth = str(int(pieces[1])) if len(pieces) == 2 and freq == "YEARLY" else None
    return bymonth, str(int(pieces[0]))


def _times_per_rrule(m: re.Match[str]) -> str | None:
    """ "01 lần/tháng" -> monthly; "2 lần/năm" -> every 6 months; "4 lần/năm" -> quarterly."""
    n = parse_amount(m["n"])
    unit = m["unit"].lower()
    if not n:
        return None
    if unit in {"năm", "quý"} and n > 1:
        months = 12 if unit == "năm" else 3
        if months % n == 0:
            return _rrule("MONTHLY", months // n)
    if unit == "quý":
        return _rrule("MONTHLY", 3)
    return _rrule(_FREQ_OF_UNIT[unit])


def _following_rrule(m: re.Match[str]) -> str:
    freq = lexicon().following_period[" ".join(m["fp"].lower().split())]
    bymonth, bymonthday = _month_day(m["mday"], freq)
    return _rrule(freq, BYMONTH=bymonth, BYMONTHDAY=bymonthday)


def recurring(scope: Scope) -> Iterator[Candidate]:
    """ "trước ngày 25 hằng tháng", "trước 16 giờ thứ Sáu hằng tuần", "định kỳ 6 tháng"."""
    p = _recurring_patterns()
    readers: list[tuple[re.Pattern[str], str, Callable[[re.Match[str]], str | None]]] = [
        (p.weekly, "recurring:every", _weekly_rrule),
        (
            p.quarter_end,
            "recurring:quarter_end",
            lambda m: _rrule("YEARLY", BYMONTH="3,6,9,12", BYMONTHDAY=str(int(m["mday"]))),
        ),
        (p.every_n, "recurring:every_n", _every_n_rrule),
        (p.times_per, "recurring:times_per", _times_per_rrule),
        (p.following, "recurring:following", _following_rrule),
        (p.half_year, "recurring:half_year", lambda m: _rrule("MONTHLY", 6)),
        (p.two_days, "recurring:two_days", _two_days_rrule),
        (p.half_and_year, "recurring:two_days", _two_days_rrule),
        (p.month_of_year, "recurring:month_of_year", _month_of_year_rrule),
    ]
    for pattern, rule, reader in readers:
        for m in pattern.finditer(scope.text):
            rrule = reader(m)
            if rrule is None:
                continue
            if _CROP_KIND.search(scope.text, max(0, m.start() - 12), m.start()):
                continue  # "cây hằng năm", "cây trồng hằng năm": annual crops, not a rhythm
            groups = m.groupdict()
            time = parse_time(groups["time"]) if groups.get("time") else None
            expr = _expr(scope, m.start(), m.end(), "recurring", rule, rrule=rrule, time=time)
            yield Candidate(expr, "recurring", 7)
    for m in p.bare.finditer(scope.text):  # "định kỳ": recurring, rhythm not stated
        yield Candidate(
            _expr(scope, m.start(), m.end(), "recurring", "recurring:bare"), "recurring", 1
        )


def _month_of_year_rrule(m: re.Match[str]) -> str | None:
    if m["month"] is None:
        return _rrule("YEARLY")
    month = int(m["month"])
    return _rrule("YEARLY", BYMONTH=str(month)) if 1 <= month <= 12 else None


_CROP_KIND = re.compile(r"\bcây(?:\s+trồng)?\s+$", re.I)


def _every_n_rrule(m: re.Match[str]) -> str | None:
    n = parse_amount(m["n"])
    if not n:
        return None
    return _rrule(_FREQ_OF_UNIT[m["unit"].lower()], n)


# --- vague duties ----------------------------------------------------------------------------


# "thường xuyên" after a word of public finance is a budget category, not a rhythm.
_RECURRENT_SPENDING = re.compile(r"\b(?:chi|kinh\s+phí|nguồn|vốn|nhiệm\s+vụ\s+chi)\s+$", re.I)
# "không thực hiện đầy đủ, kịp thời các nhiệm vụ", "tính đầy đủ, kịp thời của các văn bản": a
# failure or a quality being named, not the time the duty is due.
_NAMED_QUALITY = re.compile(
    r"(?:\bkhông(?:\s+[^\W\d_]+){1,2}|\btính)\s+(?:đầy\s+đủ\s*,?\s*(?:và\s+)?)?$", re.I
)


# "để" right before "kịp thời": a purpose clause (train: 9 of 10 such tasks have no deadline).
_PURPOSE = re.compile(r"\bđể\s+$", re.I)


def _period_anchor(scope: Scope) -> date | None:
    """What year-less periods ("cuối năm", "tháng 12") are read against: the issue date, or
    the first day of the document's own year when the issue date is unknown (ANNOTATION.md)."""
    if scope.issued is not None:
        return scope.issued
    return date(scope.fallback_year, 1, 1) if scope.fallback_year else None


@cache
def _ongoing_pattern() -> re.Pattern[str]:
    return re.compile(rf"{START}{alternation(lexicon().ongoing)}{END}", FLAGS)


@cache
def _weak_ongoing_pattern() -> re.Pattern[str]:
    return re.compile(rf"{START}{alternation(lexicon().weak_ongoing)}{END}", FLAGS)


def ongoing(scope: Scope) -> Iterator[Candidate]:
    """ "thường xuyên", "theo thời gian quy định", "kịp thời", "đúng tiến độ"; and the weak
    "theo quy định", "theo kế hoạch" (rule ``ongoing:weak``: any other deadline wins)."""
    for m in _ongoing_pattern().finditer(scope.text):
        if _RECURRENT_SPENDING.search(scope.text, max(0, m.start() - 24), m.start()):
            continue  # "chi thường xuyên", "dự toán chi thường xuyên": recurrent spending
        if _NAMED_QUALITY.search(scope.text, max(0, m.start() - 40), m.start()):
            continue
        if _PURPOSE.search(scope.text, max(0, m.start() - 8), m.start()):
            continue  # "tuần tra … để kịp thời phát hiện": the aim of the work, not its time
        yield Candidate(_expr(scope, m.start(), m.end(), "ongoing", "ongoing"), "ongoing", 2)
    for m in _weak_ongoing_pattern().finditer(scope.text):
        expr = _expr(scope, m.start(), m.end(), "ongoing", "ongoing:weak")
        yield Candidate(expr, "ongoing", 0)
    for m in _REFERENCE_BRACKET.finditer(scope.text):
        # "e) Thực hiện giám sát … (thực hiện theo Điều 30, Điều 32 Nghị định số 27/2022/NĐ-CP).":
        # the bracket where an item's time goes cites the rule that times it (ANNOTATION.md's
        # "theo Quyết định số …"); inside a clause the same words say how (CONVENTIONS.md).
        expr = _expr(scope, m.start("raw"), m.end("raw"), "ongoing", "ongoing:reference")
        yield Candidate(expr, "ongoing", 0)


_REFERENCE_BRACKET = re.compile(
    r"\(\s*(?P<raw>(?:thực\s+hiện\s+)?theo\s+(?:quy\s+định\s+tại\s+)?(?:(?:điểm|khoản)\s+\S+\s+)*"
    # "Điểu", "Điêu": OCR of "Điều" loses or swaps its marks
    r"(?:Đi[^\W\d_]u|Nghị\s+định|Quyết\s+định|Thông\s+tư)\b[^()\n]{0,200}?)"
    r"\s*\)\s*[.;]?[ \t]*(?=\n|$)",
    re.IGNORECASE,
)


# The month a week or days belong to: "tháng 4", "tháng 4/2026", "tháng 4 năm 2026".
_MONTH_NAMED = rf"(?P<month>tháng{S}\d{{1,2}}(?:(?:{S0}/{S0}|{S}năm{S})\d{{4}})?)"


@cache
def _week_of_month_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"{START}(?:trong{S})?tuần{S}(?:(?:thứ{S})?(?P<n>[1-5]|nhất|hai|ba|tư)|(?P<first>đầu)"
        rf"|(?P<last>cuối)){S}(?:của{S})?"
        rf"{_MONTH_NAMED}{END}",
        FLAGS,
    )


_WEEK_NUMBERS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4}


@cache
def _days_of_month_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"{START}(?:trong{S})?(?P<n>\d{{1,2}}){S}ngày{S}(?P<edge>đầu|cuối){S}(?:của{S})?"
        rf"{_MONTH_NAMED}{END}",
        FLAGS,
    )


def days_of_month(scope: Scope) -> Iterator[Candidate]:
    """ "trong 15 ngày đầu tháng 4/2026", "10 ngày cuối tháng 3": those days of the month, a
    window (not 15 days counted from somewhere)."""
    for m in _days_of_month_pattern().finditer(scope.text):
        month = parse_period(m["month"], _period_anchor(scope))
        n = int(m["n"])
        if month is None or month.start is None or month.end is None or not 0 < n <= 31:
            continue
        if m["edge"].lower() == "đầu":
            first, last = month.start, min(month.start + timedelta(days=n - 1), month.end)
        else:
            first, last = max(month.end - timedelta(days=n - 1), month.start), month.end
        expr = _expr(
            scope,
            m.start(),
            m.end(),
            "within_period",
            "period:days_of_month",
            date=last,
            start=first,
        )
        yield Candidate(expr, "range", 6)


def weeks_of_month(scope: Scope) -> Iterator[Candidate]:
    """ "Tuần 2 tháng 9", "tuần đầu tháng 4/2026", "tuần thứ hai của tháng 5", "tuần cuối tháng
    11/2025" (a work programme's time cells): the month's
    N-th calendar week (Monday to Sunday, the first one starting on the 1st), or its last; not
    the day "2 tháng 9"."""
    for m in _week_of_month_pattern().finditer(scope.text):
        month = parse_period(m["month"], _period_anchor(scope))
        if month is None or month.start is None or month.end is None:
            continue
        # Calendar weeks run Monday to Sunday; the first and the last are cut at the month's edge.
        if m["last"]:
            last = month.end
            first = max(last - timedelta(days=last.weekday()), month.start)
        else:
            n = 1 if m["first"] else _WEEK_NUMBERS.get(m["n"].lower()) or int(m["n"])
            first_sunday = month.start + timedelta(days=6 - month.start.weekday())
            last = first_sunday + timedelta(days=7 * (n - 1))
            first = max(last - timedelta(days=6), month.start)
            last = min(last, month.end)
            if first > month.end:
                continue
        expr = _expr(
            scope, m.start(), m.end(), "within_period", "period:week", date=last, start=first
        )
        yield Candidate(expr, "range", 6)


RECOGNIZERS: tuple[Callable[[Scope], Iterator[Candidate]], ...] = (
    days,
    same_days,
    week_days,
    periods,
    windows,
    event_windows,
    season_windows,
    ranges,
    day_lists,
    day_pairs,
    period_lists,
    weeks_of_month,
    days_of_month,
    relatives,
    lead_times,
    events,
    clause_events,
    requests,
    recurring,
    ongoing,
)
