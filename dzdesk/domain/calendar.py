"""China's working days and the team's business hours: the clock that 5×8 deadlines run on.

Working days follow the State Council's holiday notice as published in `chinesecalendar` (statutory holidays
off, adjusted weekend working days on). The notice for the coming year arrives late in the year, after the library
was released, so users can enter it as overrides; a year known to neither falls back to Monday–Friday and is
reported by `unknown_years` so the UI can say the calendar needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import chinese_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
_PERIOD = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def require_aware(value: datetime, name: str = "datetime") -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} {value.isoformat()} has no time zone; give an aware datetime "
                         "(for example with tzinfo=ZoneInfo('Asia/Shanghai') or UTC)")
    return value


@dataclass(frozen=True)
class BusinessHours:
    """Ordered, non-overlapping working periods of a working day, in local time."""

    periods: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(13), time(18)))

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("business hours need at least one period")
        previous_end: time | None = None
        for start, end in self.periods:
            if not start < end:
                raise ValueError(f"business period {start:%H:%M}–{end:%H:%M} ends before it starts")
            if previous_end is not None and start < previous_end:
                raise ValueError(f"business period starting {start:%H:%M} overlaps the one before it")
            previous_end = end

    @property
    def per_day(self) -> timedelta:
        return sum((_span(start, end) for start, end in self.periods), timedelta())

    @classmethod
    def parse(cls, text: str) -> BusinessHours:
        """Reads "09:00-12:00, 13:00-18:00" (hours and minutes; `9:00` is fine too)."""
        periods = []
        for chunk in text.replace("，", ",").split(","):
            if not chunk.strip():
                continue
            match = _PERIOD.match(chunk.strip().replace("–", "-"))
            if match is None:
                raise ValueError(f"'{chunk.strip()}' is not a period like 09:00-12:00")
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            try:
                periods.append((time(h1, m1), time(h2, m2)))
            except ValueError as exc:
                raise ValueError(f"'{chunk.strip()}' is not a period like 09:00-12:00") from exc
        return cls(tuple(periods))

    def format(self) -> str:
        return ", ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in self.periods)


def _span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


@dataclass(frozen=True)
class CalendarOverrides:
    """Days the user set by hand, and the years whose notice they entered in full."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)
    complete_years: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        both = self.days_off & self.working_days
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"{listed} cannot be both a day off and a working day")


@cache
def library_years() -> frozenset[int]:
    """The years whose holiday notice the installed `chinesecalendar` knows."""
    return frozenset(d.year for d in chinese_calendar.holidays) | frozenset(
        d.year for d in chinese_calendar.workdays)


class BusinessCalendar:
    def __init__(self, hours: BusinessHours | None = None, overrides: CalendarOverrides | None = None,
                 tz: ZoneInfo = SHANGHAI) -> None:
        self.hours = hours or BusinessHours()
        self.overrides = overrides or CalendarOverrides()
        self.tz = tz

    def year_is_known(self, year: int) -> bool:
        return year in library_years() or year in self.overrides.complete_years

    def unknown_years(self, years: Iterable[int]) -> list[int]:
        return sorted({y for y in years if not self.year_is_known(y)})

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides.days_off:
            return False
        if day in self.overrides.working_days:
            return True
        if day.year in library_years():
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def _periods(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, start, self.tz), datetime.combine(day, end, self.tz))
                for start, end in self.hours.periods]

    def is_business_moment(self, moment: datetime) -> bool:
        local = require_aware(moment, "moment").astimezone(self.tz)
        return any(start <= local < end for start, end in self._periods(local.date()))

    def next_business_moment(self, moment: datetime) -> datetime:
        """`moment` itself when it falls in business hours, else the start of the next business period."""
        local = require_aware(moment, "moment").astimezone(self.tz)
        day = local.date()
        for _ in range(400):
            for start, end in self._periods(day):
                if local < end:
                    return max(local, start)
            day += timedelta(days=1)
        raise ValueError("no working day within 400 days: check the calendar overrides")

    def add_business_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest moment by which `amount` of business time has passed since `start`.

        Ending exactly at the close of a period returns that close (12:00), not the next opening (13:00).
        """
        if amount < timedelta(0):
            raise ValueError("business time to add must not be negative")
        local = require_aware(start, "start").astimezone(self.tz)
        left = amount
        day = local.date()
        for _ in range(4000):
            for period_start, period_end in self._periods(day):
                begin = max(local, period_start)
                if begin >= period_end:
                    continue
                available = period_end - begin
                if left <= available:
                    return begin + left
                left -= available
            day += timedelta(days=1)
        raise ValueError("business time does not fit in 4000 days: check the calendar overrides")

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Business time in [start, end); zero when end is not after start."""
        a = require_aware(start, "start").astimezone(self.tz)
        b = require_aware(end, "end").astimezone(self.tz)
        total = timedelta()
        day = a.date()
        while day <= b.date():
            for period_start, period_end in self._periods(day):
                overlap = min(b, period_end) - max(a, period_start)
                if overlap > timedelta(0):
                    total += overlap
            day += timedelta(days=1)
        return total


def parse_days(text: str) -> list[date]:
    """Reads one date or range per line (`2027-02-06` or `2027-02-06..2027-02-12`), as a holiday notice lists them.

    Blank lines and text after `#` are ignored; a bad line raises ValueError naming its number.
    """
    days: list[date] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        first_text, _, last_text = line.replace("～", "..").replace("~", "..").partition("..")
        try:
            first = date.fromisoformat(first_text.strip())
            last = date.fromisoformat(last_text.strip()) if last_text else first
        except ValueError as exc:
            raise ValueError(f"line {number}: '{raw.strip()}' is not a date like 2027-02-06 "
                             "or a range like 2027-02-06..2027-02-12") from exc
        if last < first:
            raise ValueError(f"line {number}: the range ends before it starts")
        if (last - first).days > 366:
            raise ValueError(f"line {number}: a range longer than a year is not a holiday")
        days.extend(first + timedelta(days=n) for n in range((last - first).days + 1))
    return sorted(set(days))
