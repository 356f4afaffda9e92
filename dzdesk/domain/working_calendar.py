"""A working calendar as people keep it, and as a team keeps it on its hub.

People keep business hours, the days a notice adds (days off, and weekend days made working days), the years whose
notice they entered whole, and for each day read from a notice the line it came from. A laptop without a hub keeps
them in its settings; a team keeps them as team settings on its hub, one setting per day, per complete year and for
the hours, so two leads who change different days merge instead of overwriting each other, and every setting says
who changed it last.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dzdesk.domain.calendar import BusinessCalendar, BusinessHours, CalendarOverrides

DEFAULT_BUSINESS_HOURS = BusinessHours().format()
PREFIX = "calendar."
HOURS_KEY = "calendar.hours"
_DAY_KEY = re.compile(r"^calendar\.day\.(\d{4}-\d{2}-\d{2})$")
_YEAR_KEY = re.compile(r"^calendar\.year\.(\d{4})$")
MAX_NOTE = 500  # characters of a notice line kept with a day


@dataclass(frozen=True)
class WorkingCalendar:
    """Business hours and the hand-kept days over the holiday library, with each notice day's line."""

    hours: str = DEFAULT_BUSINESS_HOURS
    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    complete_years: frozenset[int] = frozenset()
    notes: Mapping[date, str] = field(default_factory=dict)

    def business_calendar(self) -> BusinessCalendar:
        """The calendar deadlines run on; raises ValueError when the hours or days contradict themselves."""
        return BusinessCalendar(BusinessHours.parse(self.hours),
                                CalendarOverrides(self.days_off, self.working_days, self.complete_years))

    def fingerprint(self) -> str:
        """What deadlines depend on (not the notice lines): equal fingerprints, equal deadlines."""
        hours = BusinessHours.parse(self.hours).format()
        text = json.dumps([hours, sorted(d.isoformat() for d in self.days_off),
                           sorted(d.isoformat() for d in self.working_days), sorted(self.complete_years)])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def day_key(day: date) -> str:
    return f"calendar.day.{day.isoformat()}"


def year_key(year: int) -> str:
    return f"calendar.year.{year}"


def to_settings(calendar: WorkingCalendar) -> dict[str, str]:
    """The calendar as team settings: key → value as JSON text. A day or year absent from it is not set."""
    values = {HOURS_KEY: json.dumps(BusinessHours.parse(calendar.hours).format())}
    for day in sorted(calendar.days_off | calendar.working_days):
        values[day_key(day)] = json.dumps({"off": day in calendar.days_off, "note": calendar.notes.get(day, "")},
                                          ensure_ascii=False, sort_keys=True)
    for year in sorted(calendar.complete_years):
        values[year_key(year)] = json.dumps({"complete": True})
    return values


def setting_problem(key: str, value: str) -> str:
    """Why a calendar setting cannot be kept, in words, or an empty string (also for keys that are not the
    calendar's). The hub refuses such a setting, so no laptop of the team ever reads it."""
    if not key.startswith(PREFIX):
        return ""
    try:
        parsed = json.loads(value)
    except ValueError:
        return f"the value of {key} is not JSON"
    if key == HOURS_KEY:
        if not isinstance(parsed, str):
            return "business hours are written like “09:00-12:00, 13:00-18:00”"
        try:
            BusinessHours.parse(parsed)
        except ValueError as exc:
            return f"business hours: {exc}"
        return ""
    day, year = _DAY_KEY.match(key), _YEAR_KEY.match(key)
    if day is not None:
        try:
            date.fromisoformat(day.group(1))
        except ValueError:
            return f"{day.group(1)} is not a date"
        if not isinstance(parsed, dict) or set(parsed) != {"off", "note"} or not isinstance(parsed["off"], bool) \
                or not isinstance(parsed["note"], str) or len(parsed["note"]) > MAX_NOTE:
            return f"{key} must say whether the day is off, and the notice line it came from"
        return ""
    if year is not None:
        if parsed != {"complete": True}:
            return f"{key} can only mark the year complete"
        return ""
    return f"{key} is not a setting of the working calendar"


@dataclass(frozen=True)
class SettingMeaning:
    """What one calendar setting says, for people to read in a list of changes."""

    kind: str  # "hours", "day" or "year"
    hours: str = ""
    day: date | None = None
    off: bool = False
    year: int = 0


def setting_meaning(key: str, value: str) -> SettingMeaning | None:
    """What a calendar setting says; None for a setting that is not one this version reads."""
    if setting_problem(key, value) or not key.startswith(PREFIX):
        return None
    parsed = json.loads(value)
    if key == HOURS_KEY:
        return SettingMeaning("hours", hours=parsed)
    if (day := _DAY_KEY.match(key)) is not None:
        return SettingMeaning("day", day=date.fromisoformat(day.group(1)), off=parsed["off"])
    year = _YEAR_KEY.match(key)
    return SettingMeaning("year", year=int(year.group(1))) if year is not None else None


def from_settings(values: Mapping[str, str]) -> tuple[WorkingCalendar, list[str]]:
    """The calendar the settings describe, and why any setting was passed over (one a newer dzdesk wrote)."""
    hours, days_off, working, years, notes = DEFAULT_BUSINESS_HOURS, set(), set(), set(), {}
    skipped: list[str] = []
    for key, value in sorted(values.items()):
        if not key.startswith(PREFIX):
            continue
        problem = setting_problem(key, value)
        if problem:
            skipped.append(problem)
            continue
        parsed = json.loads(value)
        if key == HOURS_KEY:
            hours = BusinessHours.parse(parsed).format()
        elif (day := _DAY_KEY.match(key)) is not None:
            moment = date.fromisoformat(day.group(1))
            (days_off if parsed["off"] else working).add(moment)
            if parsed["note"]:
                notes[moment] = parsed["note"]
        elif (year := _YEAR_KEY.match(key)) is not None:
            years.add(int(year.group(1)))
    return WorkingCalendar(hours, frozenset(days_off), frozenset(working), frozenset(years), notes), skipped


def replace_days(calendar: WorkingCalendar, days_off: Iterable[date], working_days: Iterable[date],
                 complete_years: Iterable[int], notes: Mapping[date, str]) -> WorkingCalendar:
    """The calendar with its days, years and notes replaced (hours kept); notes only of days still listed."""
    off, work = frozenset(days_off), frozenset(working_days)
    listed = off | work
    return WorkingCalendar(calendar.hours, off, work, frozenset(complete_years),
                           {day: line for day, line in sorted(notes.items()) if day in listed})
