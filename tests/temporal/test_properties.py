"""Property tests: every supported date writing round-trips; no input crashes or runs long."""

from __future__ import annotations

import random
import time
import unicodedata
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_service.temporal import (
    add_working_days,
    find_time_expressions,
    is_working_day,
    parse_deadline,
)

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CUES = {"trước ngày": "before", "chậm nhất ngày": "by", "hạn chót": "by", "vào ngày": "on"}

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


def _pad(n: int, zero: bool) -> str:
    return f"{n:02d}" if zero else str(n)


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, date]:
    """A day in any writing the normaliser supports: separators, leading zeros, words."""
    d = draw(days)
    zero_d, zero_m = draw(st.booleans()), draw(st.booleans())
    day, month = _pad(d.day, zero_d), _pad(d.month, zero_m)
    style = draw(st.sampled_from(["/", "-", ".", "words", "words_comma", "spaced"]))
    if style == "words":
        text = f"{day} tháng {month} năm {d.year}"
    elif style == "words_comma":
        text = f"{day} tháng {month}, năm {d.year}"
    elif style == "spaced":
        text = f"{day} / {month} / {d.year}"
    else:
        text = f"{day}{style}{month}{style}{d.year}"
    return text, d


@given(written_dates(), st.sampled_from(sorted(CUES)), st.booleans(), st.booleans())
def test_any_written_date_round_trips(
    written: tuple[str, date], cue: str, upper: bool, nfd: bool
) -> None:
    text, expected = written
    phrase = f"{cue} {text}"
    if upper:
        phrase = phrase.upper()
    if nfd:
        phrase = unicodedata.normalize("NFD", phrase)
    got = parse_deadline(phrase, expected - timedelta(days=30))
    assert got is not None
    assert got.date == expected
    assert got.type == CUES[cue]
    assert phrase[got.start_char : got.end_char] == got.raw


@given(days, st.integers(0, 364), st.sampled_from(["/", "-", "."]), st.booleans())
def test_year_less_dates_take_the_next_occurrence(
    issued: date, ahead: int, sep: str, zero: bool
) -> None:
    target = issued + timedelta(days=ahead)
    phrase = f"trước ngày {_pad(target.day, zero)}{sep}{_pad(target.month, zero)}"
    got = parse_deadline(phrase, issued)
    assert got is not None and got.date is not None
    assert (got.date.month, got.date.day) == (target.month, target.day)
    assert issued <= got.date  # on or after the issue date ...
    assert got.date <= target or (target.month, target.day) == (2, 29)  # ... and the first such


@given(st.integers(1950, 2150), st.integers(1, 4), st.booleans())
def test_quarters_round_trip(year: int, quarter: int, roman: bool) -> None:
    q = ROMAN[quarter] if roman else str(quarter)
    for phrase in (f"trong Quý {q}/{year}", f"trong quý {q} năm {year}"):
        got = parse_deadline(phrase, date(year, 1, 1))
        assert got is not None
        assert got.type == "within_period"
        assert got.start == date(year, 3 * quarter - 2, 1)
        assert got.date is not None and got.date + timedelta(days=1) == (
            date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        )


@given(st.integers(1950, 2150), st.integers(1, 12), st.sampled_from(["/", "-", " năm "]))
def test_months_round_trip(year: int, month: int, sep: str) -> None:
    got = parse_deadline(f"trong tháng {month}{sep}{year}", date(year, 1, 1))
    assert got is not None
    assert got.start == date(year, month, 1)
    assert got.date is not None and (got.date + timedelta(days=1)).day == 1
    assert got.date.month == month


@given(days, st.integers(0, 60))
def test_working_days_skip_weekends_and_holidays(start: date, n: int) -> None:
    end = add_working_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d) for d in between) == n
    assert n == 0 or is_working_day(end)


def _check_spans(text: str) -> None:
    found = find_time_expressions(text)
    last_end = 0
    for expr in found:
        assert 0 <= expr.start_char < expr.end_char <= len(text)
        assert text[expr.start_char : expr.end_char] == expr.raw
        assert expr.start_char >= last_end  # sorted, non-overlapping
        last_end = expr.end_char


VOCAB = [
    "ngày", "tháng", "năm", "trước", "chậm nhất", "quý", "IV", "hằng", "hàng", "tuần", "thứ Sáu",
    "kể từ", "trong", "15", "2025", "10/2", "/", ".", "-", "(mười)", "giờ", "16h30", ",", ";",
    "\n", "Căn cứ", "kỳ họp", "đến", "từ", "nay", "cuối", "6", "đầu", "Nghị định", "số",
    "30/2020/NĐ-CP", "Hà Nội,", "   ", "ngày làm việc", "ký", "thường xuyên", "mười lăm",
]  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300) | st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join))
def test_no_input_crashes_and_spans_are_exact(text: str) -> None:
    _check_spans(text)


TEMPLATES = [
    "trước ngày {a}/{b}/{c}", "ngày {a} tháng {b} năm {c}", "năm {c}-{d}", "giai đoạn {c} - {d}",
    "Quý {a}/{c}", "trong {a} ngày kể từ ngày {b}/{a}/{c}", "trước Tết Nguyên đán {c}",
    "trong {a} năm kể từ ngày ký", "trong {c} tháng kể từ ngày ký",
    "từ ngày {a} đến ngày {b}/{a}/{c}",
    "các ngày {a} và {b}/{a}/{c}", "trước ngày {a} hằng tháng", "trước ngày {a}/{b} hằng năm",
    "định kỳ {a} tháng", "{a} lần/năm", "trước {a} giờ {b} ngày {a}/{b}", "6 tháng đầu năm {c}",
    "tháng {a}/{c}", "từ tháng {a} đến tháng {b}/{c}", "trong {a} ngày làm việc kể từ ngày ký",
    "ngày {a} của tháng liền kề", "trong {a} tuần tới", "trước ngày {a} tháng cuối quý",
]  # fmt: skip
NUMBERS = (
    st.integers(0, 99999).map(str)
    | st.integers(0, 40).map(str)
    | st.sampled_from(["00", "0000", "9999", "2100", "1899", "999"])
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(TEMPLATES), NUMBERS, NUMBERS, NUMBERS, NUMBERS), min_size=1),
    st.none() | st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31)),
)
def test_impossible_numbers_in_real_shapes_do_not_crash(
    parts: list[tuple[str, str, str, str, str]], issued: date | None
) -> None:
    """Day 0, month 13, year 0000 or 99999, Tết beyond the lunar tables: never an exception."""
    text = " ; ".join(t.format(a=a, b=b, c=c, d=d) for t, a, b, c, d in parts)
    for expr in find_time_expressions(text, issued):
        assert text[expr.start_char : expr.end_char] == expr.raw


def _random_text(rng: random.Random, size: int) -> str:
    """Vocabulary, random code points and long runs of one character (spaces, digits, slashes,
    repeated cue words): the inputs that make a badly written regex backtrack."""
    parts: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        if roll < 0.7:
            piece = rng.choice(VOCAB)
        elif roll < 0.95:
            piece = "".join(chr(rng.randrange(32, 0x1EFA)) for _ in range(rng.randrange(1, 12)))
        else:
            piece = rng.choice([" ", "1", "1/", "ngày ", "trong ", "hằng ", "0.", "kỳ họp "]) * (
                rng.randrange(50, 3000)
            )
        parts.append(piece)
        total += len(piece) + 1
    return " ".join(parts)[:size]


def test_one_megabyte_of_random_text_runs_in_linear_time() -> None:
    rng = random.Random(20260301)
    big = _random_text(rng, 1_000_000)
    small = big[:20_000]
    find_time_expressions(small)  # warm-up: data files and regex compilation
    t0 = time.perf_counter()
    find_time_expressions(small)
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    _check_spans(big)
    elapsed = time.perf_counter() - t0
    # 50 times the size; a linear engine takes ~50x. Quadratic backtracking would take ~2500x.
    assert elapsed < 10 * 50 * baseline
