"""Changing the working calendar: the laptop's own (kept in its settings) or its team's (kept as team settings,
pushed at the next sync, and taken by every laptop of the team), with every stored deadline moved to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dzdesk.config import Settings
from dzdesk.domain.working_calendar import WorkingCalendar
from dzdesk.store import Store
from dzdesk.store.incident_repo import DeadlineShift
from dzdesk.store.team_calendar import CalendarInForce, apply_calendars, calendar_in_force, write_team_calendar


@dataclass(frozen=True)
class CalendarSaved:
    settings: Settings  # the settings now: changed when the calendar was the laptop's own
    team: str | None  # the team whose calendar was changed; None for the laptop's own
    moved: int  # stored deadlines moved
    turned: tuple[tuple[str, str, bool], ...]  # (fault id, title, now on time) of each fault that turned


def current_calendar(store: Store, settings: Settings, team: str | None = None) -> CalendarInForce:
    """The calendar in force on this laptop (or, for a lead, the calendar of one of its teams)."""
    with store.session() as session:
        return calendar_in_force(session, settings.working_calendar(), team)


def save_calendar(store: Store, settings: Settings, settings_file: Path, in_force: CalendarInForce,
                  calendar: WorkingCalendar, now: datetime) -> CalendarSaved:
    """Keeps `calendar` where `in_force` came from, and moves every stored deadline to the calendars now in force.

    Raises ValueError when the calendar contradicts itself, `CalendarNotYoursError` when it is the calendar of a team
    this account does not lead (`dzdesk.store.team_calendar`); either way nothing is changed. A laptop's own
    calendar is written to its settings file first: that file is what its deadlines follow, and they are moved to
    it again at the next change should the database refuse now."""
    calendar.business_calendar()
    if in_force.team is None:
        settings = settings.with_working_calendar(calendar)
        settings.save(settings_file)
    with store.transaction() as session:
        if in_force.team is not None:
            write_team_calendar(session, in_force.team, calendar)
        shift = apply_calendars(session, now, settings.working_calendar())
    return CalendarSaved(settings, in_force.team, _moved(shift), _turned(shift))


def _moved(shift: DeadlineShift | None) -> int:
    return 0 if shift is None else shift.moved


def _turned(shift: DeadlineShift | None) -> tuple[tuple[str, str, bool], ...]:
    return () if shift is None else tuple((t.incident_id, t.title, t.after) for t in shift.turned)
