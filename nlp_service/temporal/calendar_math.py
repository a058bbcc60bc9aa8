"""Date arithmetic of deadlines: periods, year-less dates, durations and working days.

Working days skip Saturdays, Sundays and Vietnamese public holidays, Tết included; the holidays
come from the ``holidays`` package (lunar calendar, substitute days) rather than a typed list.
Durations count from the day after the anchor, as Bộ luật Dân sự 2015 (Điều 147) does, so
"15 ngày kể từ ngày ký" on 1 March ends on 16 March.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta

# The package's English name of the first day of the lunar new year (Mùng một Tết).


@cache
def _vn_holidays() -> holidays.HolidayBase:
    # One calendar for the process; it expands to new years on lookup.
    return holidays.country_holidays("VN")


def is_working_day(d: date) -> bool:
    """Monday–Friday and not a Vietnamese public holiday."""
    return d.weekday() < 5 and d not in _vn_holidays()


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after ``d`` (before it when n < 0); ``d`` itself is not counted."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = d
    while remaining:
        current += timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def add_duration(d: date, amount: int, unit: str) -> date:
    """``d`` plus a duration in days, working days, weeks, months or years."""
    if unit == "working_day":
        return add_working_days(d, amount)
    if unit == "day":
        return d + timedelta(days=amount)
    if unit == "week":
        return d + timedelta(weeks=amount)
    if unit == "month":
        return d + relativedelta(months=amount)
    if unit == "year":
        return d + relativedelta(years=amount)
    raise ValueError(unit)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def next_occurrence(month: int, day: int, issued: date) -> date | None:
    """The first (day, month) on or after ``issued`` ("trước ngày 10/2" issued in December is
    next February); 29/2 waits for a leap year."""
    for year in range(issued.year, issued.year + 8):
        if valid_day(year, month, day) and date(year, month, day) >= issued:
            return date(year, month, day)
    return None


def year_for_period(end_in_year: date, issued: date) -> int:
    """The year that puts a year-less period's end on or after ``issued``."""
    return issued.year if end_in_year.replace(year=issued.year) >= issued else issued.year + 1
