"""Which working calendar is in force, and for whose faults.

A laptop that never synced keeps to its own settings. Once it has synced, the calendar of its team on the hub is
in force for the team's faults — offline too, as last synced — and the settings' days no longer count. A lead of
several teams holds each team's calendar, and a fault follows the calendar of the team the hub keeps it in, so the
same fault has the same deadline on every laptop that holds it. Only a lead of a team changes its calendar here;
the hub refuses anyone else.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.working_calendar import PREFIX, WorkingCalendar, from_settings, to_settings
from dzdesk.store.account import HubAccount, hub_account
from dzdesk.store.events import Source, note
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import DeadlineShift, shift_deadlines
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.team_models import TeamSetting
from dzdesk.store.team_settings import SettingsNotYoursError, write_team_settings

log = logging.getLogger(__name__)
_APPLIED = "calendar.applied"  # the fingerprints of the calendars the stored deadlines were computed with


class CalendarNotYoursError(SettingsNotYoursError):
    """This account may not change the team's calendar; the message says whose it is."""


@dataclass(frozen=True)
class SettingMark:
    """Who last changed a team setting, and when (`removed` when the last change took it out)."""

    key: str
    value: str  # JSON, as `dzdesk.domain.working_calendar.setting_meaning` reads it
    changed_by: str
    changed_at: datetime
    removed: bool


@dataclass(frozen=True)
class CalendarInForce:
    calendar: WorkingCalendar
    team: str | None  # None: this laptop's own settings
    account: HubAccount | None
    marks: Mapping[str, SettingMark] = field(default_factory=dict)  # by key, removed ones too
    skipped: tuple[str, ...] = ()  # settings a newer dzdesk wrote that this one does not read

    @property
    def editable(self) -> bool:
        """Whether this laptop may change it: its own settings, or a team it leads."""
        return self.team is None or (self.account is not None and self.account.leads(self.team))

    def history(self) -> list[SettingMark]:
        """Every change to the team's calendar, latest first."""
        return sorted(self.marks.values(), key=lambda m: (m.changed_at, m.key), reverse=True)

    def describe_owner(self) -> str:
        if self.team is None:
            return "this laptop's own settings"
        return f"team {self.team or '-'}'s calendar on its hub"


def _settings(session: Session, team: str) -> list[TeamSetting]:
    return list(session.scalars(select(TeamSetting).where(TeamSetting.team == team,
                                                          TeamSetting.key.startswith(PREFIX, autoescape=True))))


def team_calendar(session: Session, team: str, account: HubAccount | None = None) -> CalendarInForce:
    """The calendar `team` keeps on its hub, as this laptop last synced it."""
    records = _settings(session, team)
    calendar, skipped = from_settings({r.key: r.value for r in records if not r.deleted})
    for why in skipped:
        log.warning("team %s: a calendar setting is passed over: %s", team, why)
    marks = {r.key: SettingMark(r.key, r.value, r.changed_by or r.author, r.updated_at, r.deleted)
             for r in records}
    return CalendarInForce(calendar, team, account or hub_account(session), marks, tuple(skipped))


def calendar_in_force(session: Session, own: WorkingCalendar, team: str | None = None) -> CalendarInForce:
    """The calendar deadlines follow: `own` (the settings') on a laptop that never synced, else the team's (`team`,
    for a lead of several teams; by default the account's own team)."""
    account = hub_account(session)
    if account is None:
        return CalendarInForce(own, None, None)
    return team_calendar(session, account.team if team is None else team, account)


def write_team_calendar(session: Session, team: str, calendar: WorkingCalendar) -> int:
    """Makes `team`'s calendar `calendar`, setting by setting, to be pushed at the next sync; returns how many
    settings changed. Raises `CalendarNotYoursError` unless this laptop's account leads the team."""
    try:
        return write_team_settings(session, team, PREFIX, to_settings(calendar))
    except SettingsNotYoursError as exc:
        raise CalendarNotYoursError(
            f"team {team or '-'}'s working calendar is kept by its lead on the hub; only a lead of the team changes "
            "it. Nothing was changed.") from exc


class Calendars:
    """The business calendar of each team's faults on this laptop, read once and kept (call `forget` after the
    team settings change)."""

    def __init__(self, session: Session, own: WorkingCalendar | None = None) -> None:
        self.session = session
        self.own = own or WorkingCalendar()
        self.account = hub_account(session)
        self._working: dict[str, WorkingCalendar] = {}
        self._business: dict[str, BusinessCalendar] = {}

    def team_of(self, hub_team: str) -> str:
        """The team whose calendar a fault kept in `hub_team` follows ("" : this laptop's own team)."""
        if self.account is None:
            return ""
        return hub_team or self.account.team

    def working(self, hub_team: str) -> WorkingCalendar:
        team = self.team_of(hub_team)
        if team not in self._working:
            self._working[team] = self.own if self.account is None else team_calendar(
                self.session, team, self.account).calendar
        return self._working[team]

    def for_team(self, hub_team: str) -> BusinessCalendar:
        team = self.team_of(hub_team)
        if team not in self._business:
            self._business[team] = self.working(team).business_calendar()
        return self._business[team]

    def forget(self) -> None:
        self._working.clear()
        self._business.clear()

    def fingerprints(self) -> dict[str, str]:
        """Each team's calendar fingerprint, for the teams this laptop holds faults of (and its own)."""
        teams = {self.team_of(t) for t in self.session.scalars(select(Incident.hub_team).distinct())}
        teams.add(self.team_of(""))
        return {team: self.working(team).fingerprint() for team in sorted(teams)}


def apply_calendars(session: Session, now: datetime, own: WorkingCalendar | None = None,
                    force: bool = False) -> DeadlineShift | None:
    """Recomputes the stored deadlines when a calendar in force changed since they were last computed (a pulled
    team calendar, a lead's edit, the own settings of a laptop without a hub). None when nothing changed; the
    shift otherwise, also written to the log: how many deadlines moved and which faults turned on time or late."""
    calendars = Calendars(session, own)
    prints = json.dumps(calendars.fingerprints(), sort_keys=True)
    if not force and get_meta(session, _APPLIED) == prints:
        return None
    shift = shift_deadlines(session, calendars.for_team, now)
    set_meta(session, _APPLIED, prints)
    if shift.moved:
        note(session, {"incidents"}, source=Source.CALENDAR)
        log.info("working calendar changed: %d deadlines moved, %d faults changed on-time status", shift.moved,
                 len(shift.turned))
        for turn in shift.turned:
            log.info("fault %s %s: %s", turn.incident_id, turn.title, "now on time" if turn.after else "now late")
    return shift


def deadline_calendar(session: Session, own: WorkingCalendar, hub_team: str = "") -> BusinessCalendar:
    """The calendar a fault kept in `hub_team` ("" : a fault of this laptop's own team, or a new one) runs on."""
    return Calendars(session, own).for_team(hub_team)
