"""Calendar facts and phrase data the normaliser relies on."""

from __future__ import annotations

from datetime import date

import pytest

from nlp_service.temporal import add_working_days, is_working_day
from nlp_service.temporal.calendar_math import add_duration, next_occurrence
from nlp_service.temporal.lexicon import lexicon
from nlp_service.temporal.numbers import parse_amount, words_to_int


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 12), 1, date(2026, 2, 13)),  # Friday before Tết
        (date(2026, 2, 12), 2, date(2026, 2, 23)),  # Tết Bính Ngọ: 16–20/02/2026 off
        (date(2025, 4, 29), 1, date(2025, 5, 5)),  # 30/4, 1/5, 2/5 (swapped day) off
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Giỗ Tổ on Sunday, observed Monday 27/4
        (date(2025, 8, 29), 1, date(2025, 9, 3)),  # Quốc khánh 1–2/9/2025
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # a plain weekend
        (date(2026, 3, 9), -1, date(2026, 3, 6)),
        (date(2026, 3, 9), 0, date(2026, 3, 9)),
    ],
)
def test_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


def test_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 2, 17))  # Mùng một Tết
    assert not is_working_day(date(2025, 9, 2))
    assert is_working_day(date(2026, 2, 23))


def test_durations_follow_the_civil_code() -> None:
    assert add_duration(date(2026, 1, 31), 1, "month") == date(2026, 2, 28)
    assert add_duration(date(2026, 3, 4), 15, "day") == date(2026, 3, 19)
    assert add_duration(date(2026, 3, 4), 2, "week") == date(2026, 3, 18)


def test_next_occurrence_waits_for_a_leap_year() -> None:
    assert next_occurrence(2, 29, date(2025, 3, 1)) == date(2028, 2, 29)
    assert next_occurrence(3, 4, date(2026, 3, 4)) == date(2026, 3, 4)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("mười", 10),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("ba mươi lăm", 35),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("năm", 5),
        ("mươi", None),
        ("hai ba", None),
        ("ngày", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert words_to_int(words) == value


def test_amounts_with_digits_and_words() -> None:
    assert parse_amount("10 (mười)") == 10
    assert parse_amount("mười lăm (15)") == 15
    assert parse_amount("bảy") == 7


def test_weekday_data_is_checked_by_hand() -> None:
    days = lexicon().weekdays
    assert days["thứ hai"] == days["thứ 2"] == "MO"
    assert days["thứ sáu"] == days["thứ 6"] == "FR"
    assert days["chủ nhật"] == "SU"
    assert "thứ nhất" not in days and "thứ 1" not in days


def test_quarter_numerals() -> None:
    quarters = lexicon().quarter_words
    assert [quarters[q] for q in ("i", "ii", "iii", "iv")] == [1, 2, 3, 4]


def test_phrase_data_is_loaded_once() -> None:
    assert lexicon() is lexicon()
