"""The special days of a year in force, each with where it came from: the holiday library, a pasted notice, or a
day typed by hand. What `dzdesk calendar show` prints and the calendar preview draws."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import chinese_calendar

from dzdesk.domain.calendar import BusinessCalendar, library_years


class DaySource(StrEnum):
    LIBRARY = "library"
    NOTICE = "notice"
    MANUAL = "manual"


@dataclass(frozen=True)
class SpecialDay:
    day: date
    off: bool
    source: DaySource
    note: str  # the notice line, or the holiday's name in the library


def special_days(calendar: BusinessCalendar, notes: Mapping[date, str], year: int) -> list[SpecialDay]:
    """Every day off on a weekday or in a holiday, and every working weekend day, of `year`."""
    overrides = calendar.overrides
    library: dict[date, str] = {}
    if year in library_years():
        for day, name in (*chinese_calendar.holidays.items(), *chinese_calendar.workdays.items()):
            if day.year == year:
                library[day] = getattr(name, "value", str(name)) if name else ""
    days = sorted({*library, *(d for d in overrides.days_off | overrides.working_days if d.year == year)})
    result = []
    for day in days:
        if day in overrides.days_off or day in overrides.working_days:
            note = notes.get(day, "")
            source = DaySource.NOTICE if note else DaySource.MANUAL
        else:
            note, source = library[day], DaySource.LIBRARY
        result.append(SpecialDay(day, not calendar.is_working_day(day), source, note))
    return result
