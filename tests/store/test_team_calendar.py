"""Which calendar is in force on a laptop, who may change a team's, and deadlines that follow each fault's team."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.severity import Severity
from dzdesk.domain.working_calendar import WorkingCalendar
from dzdesk.store.account import HubAccount, remember_account
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.team_calendar import (
    CalendarNotYoursError,
    apply_calendars,
    calendar_in_force,
    deadline_calendar,
    write_team_calendar,
)
from dzdesk.store.team_models import TeamSetting

NOW = datetime(2027, 1, 10, tzinfo=SHANGHAI)
NEW_YEAR = WorkingCalendar(days_off=frozenset({date(2027, 1, 1)}), complete_years=frozenset({2027}),
                           notes={date(2027, 1, 1): "一、元旦：1月1日放假。"})
OWN = WorkingCalendar(days_off=frozenset({date(2027, 5, 5)}))


def sign_in(store, role="lead", team="一组", teams=("一组",)):
    with store.transaction() as session:
        remember_account(session, HubAccount("王组长", role, team, tuple(teams)))


def fault(store, hub_team=""):
    """A 4-hour fault at 16:00 on the last day of 2026: due 11:00 on the next working day."""
    with store.transaction() as session:
        calendar = deadline_calendar(session, OWN, hub_team)
        incident = add_incident(session, IncidentDraft(platform="credit", severity=Severity.MINOR, title="t",
                                                       reported_at=datetime(2026, 12, 31, 16, tzinfo=SHANGHAI)),
                                load_catalogue(), calendar, NOW)
        incident.hub_team = hub_team
        return incident.id


def due(store, incident_id):
    with store.session() as session:
        return session.get(Incident, incident_id).response_due.astimezone(SHANGHAI)


def test_a_laptop_that_never_synced_keeps_its_own_calendar(store):
    with store.session() as session:
        in_force = calendar_in_force(session, OWN)
    assert (in_force.team, in_force.calendar, in_force.editable) == (None, OWN, True)


def test_once_synced_the_teams_calendar_is_in_force_and_the_own_days_no_longer_count(store):
    sign_in(store, role="engineer")
    with store.session() as session:
        in_force = calendar_in_force(session, OWN)
        assert (in_force.team, in_force.calendar, in_force.editable) == ("一组", WorkingCalendar(), False)
        assert deadline_calendar(session, OWN).is_working_day(date(2027, 5, 5))


def test_only_a_lead_of_the_team_changes_its_calendar(store):
    sign_in(store, role="engineer")
    with store.transaction() as session, pytest.raises(CalendarNotYoursError, match="only a lead of the team"):
        write_team_calendar(session, "一组", NEW_YEAR)
    sign_in(store, role="lead", team="一组", teams=("一组", "二组"))
    with store.transaction() as session, pytest.raises(CalendarNotYoursError):
        write_team_calendar(session, "三组", NEW_YEAR)
    with store.session() as session:
        assert session.scalars(select(TeamSetting)).all() == []


def test_a_leads_change_is_written_setting_by_setting_and_queued_for_the_hub(store):
    sign_in(store)
    with store.transaction() as session:
        assert write_team_calendar(session, "一组", NEW_YEAR) == 3  # the hours, the day, the year
    with store.transaction() as session:
        assert write_team_calendar(session, "一组", NEW_YEAR) == 0
    moved = WorkingCalendar(days_off=frozenset({date(2027, 1, 4)}), complete_years=frozenset({2027}))
    with store.transaction() as session:
        assert write_team_calendar(session, "一组", moved) == 2  # 1 January taken out, 4 January set
    with store.session() as session:
        records = {r.key: r for r in session.scalars(select(TeamSetting))}
        in_force = calendar_in_force(session, OWN)
        queued = set(session.scalars(select(OutboxEntry.record_id)))
    assert records["calendar.day.2027-01-01"].deleted and not records["calendar.day.2027-01-04"].deleted
    assert in_force.calendar == moved
    assert in_force.history()[0].changed_by == "王组长"
    assert {m.key for m in in_force.history() if m.removed} == {"calendar.day.2027-01-01"}
    assert queued == {r.id for r in records.values()}


def test_deadlines_follow_each_faults_team_once_per_change(store):
    sign_in(store, team="一组", teams=("一组", "二组"))
    mine, theirs = fault(store), fault(store, hub_team="二组")
    with store.transaction() as session:
        first = apply_calendars(session, datetime.now(UTC))
    assert first is not None and first.moved == 0  # nothing known yet: Monday to Friday for both
    assert due(store, mine) == due(store, theirs) == datetime(2027, 1, 1, 11, tzinfo=SHANGHAI)
    queued = outbox_of_faults(store)
    with store.transaction() as session:
        write_team_calendar(session, "二组", NEW_YEAR)
        shift = apply_calendars(session, datetime.now(UTC))
    assert shift is not None and (shift.moved, [t.incident_id for t in shift.turned]) == (1, [])
    assert due(store, mine) == datetime(2027, 1, 1, 11, tzinfo=SHANGHAI)
    assert due(store, theirs) == datetime(2027, 1, 4, 11, tzinfo=SHANGHAI)
    assert outbox_of_faults(store) == queued  # a deadline is derived on each laptop: moving it is no edit to send
    with store.transaction() as session:
        assert apply_calendars(session, datetime.now(UTC)) is None  # applied once


def outbox_of_faults(store):
    with store.session() as session:
        return session.scalars(select(OutboxEntry.seq).where(OutboxEntry.entity == "incidents")).all()
