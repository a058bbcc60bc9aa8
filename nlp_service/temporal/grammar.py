"""Regex shapes of Vietnamese dates, times and periods, and the parsers of what they match.

Shapes are built once from the lexicon and contain no named groups, so recognizers can combine
them freely; a matched piece is then read by ``parse_day`` / ``parse_time`` / ``parse_period``
with a small named-group pattern. Every repetition is bounded (whitespace ``{1,3}``, words
``{1,30}``) so no pattern can backtrack catastrophically on long input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from nlp_service.temporal import calendar_math as cm
from nlp_service.temporal.lexicon import Lexicon, alternation, lexicon
from nlp_service.temporal.numbers import parse_amount

FLAGS = re.IGNORECASE
PeriodFn = Callable[[int], tuple[date, date]]

S = r"\s{1,3}"  # whitespace between words (PDF text doubles spaces, wraps lines)
S0 = r"\s{0,3}"
COMMA = rf"(?:{S0},)?{S}"  # a space, or a comma and a space
END = r"(?!\w)"
START = r"(?<!\w)"
# Between the words of one phrase (an event, an anchor): spaces or one line break, never a blank
# line, so a phrase does not run into the next paragraph.
WS_PHRASE = r"(?:[^\S\n]{1,3}|[^\S\n]{0,2}\n[^\S\n]{0,2})"
WORD = r"(?:[^\s,.;:()]|(?<=\d)[./](?=\d)){1,30}"  # a word; dots and slashes inside numbers


@dataclass(frozen=True)
class Shapes:
    """The building blocks, as regex source strings."""

    numeric_date: str
    text_date: str
    date: str
    time: str
    weekday: str
    number_words: str
    amount: str
    year_spec: str
    month: str
    quarter: str
    half: str
    year: str
    end_of: str
    period: str


@cache
def shapes() -> Shapes:
    lex = lexicon()
    month_word = alternation(lex.month_words)
    rel = alternation(lex.relative_period_words)
    numeric_date = r"(?<![\d/.\-])\d{1,2} ?[/.\-] ?\d{1,2}(?: ?[/.\-] ?\d{4})?(?![\d/%]|[.\-,]\d)"
    text_date = (
        rf"\d{{1,2}}{S}tháng{S}(?:\d{{1,2}}|{month_word}){END}"
        rf"(?:{COMMA}năm{S}\d{{4}}(?!\d)|{S0}[/.\-]{S0}\d{{4}}(?!\d))?"
    )
    time = (
        rf"{START}\d{{1,2}}{S0}(?:giờ|h|g|:)(?:{S0}\d{{2}}(?:{S0}(?:phút|p|'))?)?"
        rf"(?:{S}{alternation(lex.day_parts)})?{END}"
    )
    number_word = alternation([*lex.number_words, *lex.multiplier_words, *lex.joiner_words]) + END
    number_words = rf"{number_word}(?:{S}{number_word}){{0,4}}"
    amount = (
        rf"(?:\d{{1,3}}(?:{S0}\({S0}{number_words}{S0}\))?"
        rf"|{number_words}(?:{S0}\({S0}\d{{1,3}}{S0}\))?)"
    )
    year_spec = rf"(?:{S0}[/.\-]{S0}\d{{4}}(?!\d)|{COMMA}năm{S}(?:\d{{4}}(?!\d)|{rel}{END}))"
    month = rf"{START}tháng{S}(?:\d{{1,2}}(?!\d)|{month_word}{END}){year_spec}?"
    quarter = rf"{START}quý{S}{alternation(lex.quarter_words)}{END}{year_spec}?"
    half = (
        rf"{START}(?:\d{{1,2}}|{number_words}|nửa){S}(?:tháng{S})?(?:đầu|cuối){S}năm{END}"
        rf"(?:{S}(?:\d{{4}}(?!\d)|{rel}{END}))?"
    )
    years = rf"{START}(?:năm|giai{S}đoạn){S}\d{{4}}{S0}[-–]{S0}\d{{4}}(?![\d/])"
    year = rf"{START}năm{S}(?:\d{{4}}(?![\d/])|{rel}{END})"
    current = rf"{START}(?:tuần|tháng|quý){S}{rel}{END}"  # "tháng này", "quý tới", "tuần sau"
    end_of = rf"{START}cuối{S}(?:{quarter}|{month}|{year}|{current}|(?:năm|tháng|quý){END})"
    return Shapes(
        numeric_date=numeric_date,
        text_date=text_date,
        date=f"(?:{numeric_date}|{text_date})",
        time=time,
        weekday=alternation(lex.weekdays) + END,
        number_words=number_words,
        amount=amount,
        year_spec=year_spec,
        month=month,
        quarter=quarter,
        half=half,
        year=year,
        end_of=end_of,
        period=f"(?:{end_of}|{half}|{quarter}|{current}|{month}|{years}|{year})",
    )


# --- parsing of matched pieces -------------------------------------------------------------


@dataclass(frozen=True)
class DayParts:
    day: int
    month: int
    year: int | None


@cache
def _day_parsers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    month_word = alternation(lexicon().month_words)
    numeric = re.compile(
        r"(?P<d>\d{1,2}) ?(?P<s1>[/.\-]) ?(?P<m>\d{1,2})(?: ?(?P<s2>[/.\-]) ?(?P<y>\d{4}))?", FLAGS
    )
    text = re.compile(
        rf"(?P<d>\d{{1,2}}){S}tháng{S}(?P<m>\d{{1,2}}|{month_word})"
        rf"(?:{COMMA}năm{S}(?P<y>\d{{4}})|{S0}[/.\-]{S0}(?P<y2>\d{{4}}))?",
        FLAGS,
    )
    return numeric, text


def _month_value(token: str, lex: Lexicon) -> int:
    return int(token) if token.isdigit() else lex.month_words[" ".join(token.lower().split())]


def parse_day(piece: str) -> DayParts | None:
    """Day, month and (maybe) year of a date shape; None when it is not a real calendar day."""
    numeric, text = _day_parsers()
    m = numeric.fullmatch(piece)
    if m and m["s2"] and m["s1"] != m["s2"]:
        return None  # "15/10.2018" is no date
    m = m or text.fullmatch(piece)
    if not m:
        return None
    day, month = int(m["d"]), _month_value(m["m"], lexicon())
    year_text = m["y"] or m.groupdict().get("y2")
    year = int(year_text) if year_text else None
    if not cm.valid_day(year if year is not None else 2024, month, day):  # 2024: allows 29/2
        return None
    if year is not None and not 1900 <= year <= 2200:
        return None
    return DayParts(day, month, year)


_TIME = re.compile(
    rf"(?P<h>\d{{1,2}}){S0}(?:giờ|h|g|:)(?:{S0}(?P<m>\d{{2}}))?.*?(?P<part>sáng|trưa|chiều|tối)?$",
    FLAGS,
)


def parse_time(piece: str) -> str | None:
    """ "16h30" -> "16:30"; "3 giờ chiều" -> "15:00"; None for impossible clocks."""
    m = _TIME.match(piece)
    if not m:
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if m["part"]:
        shift = lexicon().day_parts[m["part"].lower()]
        if hour < 12:
            hour += shift
    if hour > 24 or minute > 59:
        return None
    return f"{hour % 24:02d}:{minute:02d}"


@dataclass(frozen=True)
class Period:
    """A period as written: ``start``/``end`` are None when its year cannot be resolved."""

    start: date | None
    end: date | None
    edge_only: bool  # "cuối năm": only the end is meant
    has_year: bool


@cache
def _period_parsers() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    month_word = alternation(lex.month_words)
    rel = alternation(lex.relative_period_words)
    year_tail = (
        rf"(?:{S0}[/.\-]{S0}(?P<y>\d{{4}})|{COMMA}năm{S}(?:(?P<y2>\d{{4}})|(?P<rel>{rel})))?"
    )
    return {
        "month": re.compile(rf"tháng{S}(?P<m>\d{{1,2}}|{month_word}){year_tail}", FLAGS),
        "quarter": re.compile(rf"quý{S}(?P<q>{alternation(lex.quarter_words)}){year_tail}", FLAGS),
        "half": re.compile(
            rf"(?P<n>.+?){S}(?:tháng{S})?(?P<edge>đầu|cuối){S}năm"
            rf"(?:{S}(?:(?P<y>\d{{4}})|(?P<rel>{rel})))?",
            FLAGS,
        ),
        "years": re.compile(
            rf"(?:năm|giai{S}đoạn){S}(?P<y1>\d{{4}}){S0}[-–]{S0}(?P<y2>\d{{4}})", FLAGS
        ),
        "year": re.compile(rf"năm{S}(?:(?P<y>\d{{4}})|(?P<rel>{rel}))", FLAGS),
        "bare_end": re.compile(r"(?P<unit>năm|tháng|quý)", FLAGS),
        "current": re.compile(rf"(?P<unit>tuần|tháng|quý){S}(?P<rel>{rel})", FLAGS),
    }


def _year_of(m: re.Match[str], issued: date | None) -> int | None:
    """An explicit year, or "năm nay"/"năm tới" counted from the issue date."""
    groups = m.groupdict()
    year = groups.get("y") or groups.get("y2")
    if year:
        return int(year)
    rel = groups.get("rel")
    if rel is not None and issued is not None:
        return issued.year + lexicon().relative_period_words[" ".join(rel.lower().split())]
    return None


def _period_days(text: str, issued: date | None) -> tuple[int | None, PeriodFn] | None:
    """The year as written (if any) and a function from a year to the period's days."""
    lex = lexicon()
    parsers = _period_parsers()
    if m := parsers["month"].fullmatch(text):
        month = _month_value(m["m"], lex)
        if not 1 <= month <= 12:
            return None
        return _year_of(m, issued), lambda y: cm.month_range(y, month)
    if m := parsers["quarter"].fullmatch(text):
        quarter = lex.quarter_words[" ".join(m["q"].lower().split())]
        return _year_of(m, issued), lambda y: cm.quarter_range(y, quarter)
    if m := parsers["half"].fullmatch(text):
        n_text = m["n"].lower()
        months = 6 if n_text == "nửa" else parse_amount(n_text)
        if months is None or not 1 <= months <= 12:
            return None
        first = 1 if m["edge"].lower() == "đầu" else 13 - months
        last = first + months - 1
        return _year_of(m, issued), lambda y: (date(y, first, 1), cm.month_end(y, last))
    if m := parsers["years"].fullmatch(text):  # "năm 2025-2026", "giai đoạn 2026-2030"
        first_year, last_year = int(m["y1"]), int(m["y2"])
        if not first_year <= last_year <= first_year + 20:
            return None
        return first_year, lambda y: (date(y, 1, 1), date(y + last_year - first_year, 12, 31))
    if m := parsers["year"].fullmatch(text):
        return _year_of(m, issued), cm.year_range
    return None


def current_period(unit: str, issued: date, offset: int = 0) -> tuple[date, date]:
    """The week, month, quarter or year of the issue date, or ``offset`` periods after it."""
    if unit == "năm":
        return cm.year_range(issued.year + offset)
    if unit == "tuần":
        monday = issued - timedelta(days=issued.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    months = 1 if unit == "tháng" else 3
    index = issued.year * 12 + (issued.month - 1) // months * months + offset * months
    year, month = divmod(index, 12)
    start = date(year, month + 1, 1)
    return start, cm.month_end(year, month + months)


def parse_period(piece: str, issued: date | None) -> Period | None:
    """Resolve a period shape ("Quý IV/2018", "6 tháng đầu năm", "cuối năm") to its days.

    A year-less period takes the year that puts its end on or after the issue date; "năm nay",
    "năm tới" count from the issue date; "cuối năm/tháng/quý" alone is the issue date's period.
    Without an issue date the year-less ones stay unresolved (start and end None).
    """
    text = " ".join(piece.split())
    edge_only = text.lower().startswith("cuối ")
    if edge_only:
        text = text[5:]
        bare = _period_parsers()["bare_end"].fullmatch(text)
        if bare:
            if issued is None:
                return Period(None, None, True, False)
            start, end = current_period(bare["unit"].lower(), issued)
            return Period(start, end, True, False)
    if current := _period_parsers()["current"].fullmatch(text):
        if issued is None:
            return Period(None, None, edge_only, False)
        offset = lexicon().relative_period_words[" ".join(current["rel"].lower().split())]
        start, end = current_period(current["unit"].lower(), issued, offset)
        return Period(start, end, edge_only, True)
    found = _period_days(text, issued)
    if found is None:
        return None
    year, days = found
    has_year = year is not None
    if year is None:
        if issued is None:
            return Period(None, None, edge_only, False)
        year = cm.year_for_period(days(2001)[1], issued)
    if not 1900 <= year <= 2200:
        return None
    start, end = days(year)
    return Period(start, end, edge_only, has_year)
