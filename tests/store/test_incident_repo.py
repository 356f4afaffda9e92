"""Recording incidents and complaints: the contract's rules, the response clock, the history and the sync queue."""

import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir
from dzdesk.domain.calendar import BusinessCalendar, BusinessHours, CalendarOverrides
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.complaint import ComplaintChannel, ComplaintProblem
from dzdesk.domain.incident import Channel, IncidentProblem, Status, TransitionError
from dzdesk.domain.severity import Severity
from dzdesk.store import open_store
from dzdesk.store.complaint_repo import (
    ComplaintDraft,
    ComplaintRejected,
    count_complaints,
    page_complaints,
    save_complaint,
)
from dzdesk.store.incident_models import Complaint, Incident, IncidentEvent, IncidentPause
from dzdesk.store.incident_repo import (
    IncidentDraft,
    IncidentRejected,
    add_incident,
    change_status,
    pause,
    resume,
    shift_deadlines,
    update_incident,
)
from dzdesk.store.outbox import OutboxEntry

SH = ZoneInfo("Asia/Shanghai")
CATALOGUE = load_catalogue()
CALENDAR = BusinessCalendar()
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=SH)  # a Saturday morning


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory):
    data_dir = DataDir(tmp_path_factory.mktemp("schema") / "data")
    open_store(data_dir).close()
    return data_dir.database


@pytest.fixture
def store(data_dir, empty_database):
    """An empty store of the current schema; its records are signed by 测试工程师."""
    shutil.copyfile(empty_database, data_dir.database)
    opened = open_store(data_dir, author="测试工程师")
    yield opened
    opened.close()


def sh(*args):
    return datetime(*args, tzinfo=SH)


def draft(**changes):
    """A MINOR fault on the credit platform, reported on Friday 2026-11-20 at 17:00."""
    base = IncidentDraft(platform="credit", severity=Severity.MINOR, title="信用报告导出PDF中文乱码",
                         reported_at=sh(2026, 11, 20, 17, 0), module="信用报告")
    return replace(base, **changes)


def add(store, now=NOW, **changes):
    with store.transaction() as session:
        return add_incident(session, draft(**changes), CATALOGUE, CALENDAR, now).id


def outbox(store):
    with store.session() as session:
        return [(e.entity, e.record_id) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def history(store, incident_id):
    with store.session() as session:
        events = session.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                                 .order_by(IncidentEvent.at))
        return [(e.kind, e.from_status, e.to_status, e.note) for e in events]


def event_ids(store, incident_id):
    with store.session() as session:
        return set(session.scalars(select(IncidentEvent.id).where(IncidentEvent.incident_id == incident_id)))


def incident(store, incident_id):
    with store.session() as session:
        return session.get(Incident, incident_id)


def incident_count(store):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Incident))


def step(store, incident_id, action, *args, **kwargs):
    """Runs one repository action on a freshly loaded incident, in a transaction of its own."""
    with store.transaction() as session:
        return action(session, session.get(Incident, incident_id), *args, **kwargs)


# --- adding ---------------------------------------------------------------------------------------------------


def test_add_stores_the_fault_with_its_deadline_history_and_outbox_entries(store):
    with store.transaction() as session:
        added = add_incident(session, draft(
            title="  信用报告导出PDF中文乱码  ", description=" 部分汉字显示为方框 ", reporter=" 张伟 ",
            district="通川区", department="建管科", reporter_contact="13980861234", channel=Channel.WECHAT,
            assignee="李明"), CATALOGUE, CALENDAR, NOW)
        incident_id = added.id
    stored = incident(store, incident_id)
    assert len(incident_id) == 36
    assert stored.title == "信用报告导出PDF中文乱码"
    assert stored.description == "部分汉字显示为方框"
    assert stored.reporter == "张伟"
    assert (stored.platform, stored.module, stored.district, stored.department) == ("credit", "信用报告", "通川区",
                                                                                    "建管科")
    assert (stored.reporter_contact, stored.channel, stored.assignee) == ("13980861234", "wechat", "李明")
    assert stored.severity == "MINOR"
    assert stored.status == "new"
    assert stored.author == "测试工程师"
    assert stored.reported_at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert stored.reported_at.tzinfo == UTC
    # Friday 17:00 + 4 business hours: 17:00-18:00, then Monday 09:00-12:00.
    assert stored.response_due == sh(2026, 11, 23, 12, 0)
    assert (stored.responded_at, stored.resolved_at, stored.closed_at) == (None, None, None)
    assert stored.typical is False and stored.deleted is False
    assert history(store, incident_id) == [("created", "", "new", "")]
    with store.session() as session:
        created = session.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)).one()
        assert created.at == NOW
        event_id = created.id
    assert outbox(store) == [("incidents", incident_id), ("incident_events", event_id)]


@pytest.mark.parametrize(("severity", "reported", "due"), [
    # Wall clock, every hour of every day.
    (Severity.URGENT, sh(2026, 11, 20, 17, 30), sh(2026, 11, 20, 18, 30)),
    (Severity.URGENT, sh(2026, 11, 20, 23, 30), sh(2026, 11, 21, 0, 30)),
    (Severity.MAJOR, sh(2026, 11, 14, 23, 0), sh(2026, 11, 15, 1, 0)),  # Saturday night into Sunday
    (Severity.MAJOR, sh(2026, 10, 1, 10, 0), sh(2026, 10, 1, 12, 0)),  # National Day counts too
    # Business hours 09:00-12:00, 13:00-18:00 on China's working days.
    (Severity.MINOR, sh(2026, 11, 20, 17, 0), sh(2026, 11, 23, 12, 0)),  # Friday evening to Monday noon
    (Severity.MINOR, sh(2026, 11, 20, 8, 0), sh(2026, 11, 20, 14, 0)),  # before opening: 09-12, then 13-14
    (Severity.MINOR, sh(2026, 11, 20, 12, 30), sh(2026, 11, 20, 17, 0)),  # lunch break: counts from 13:00
    (Severity.MINOR, sh(2026, 11, 21, 9, 0), sh(2026, 11, 23, 14, 0)),  # Saturday: Monday 09-12, 13-14
    (Severity.ADVISORY, sh(2026, 11, 20, 11, 0), sh(2026, 11, 20, 18, 0)),  # ends exactly at closing
    (Severity.ADVISORY, sh(2026, 11, 15, 10, 0), sh(2026, 11, 16, 16, 0)),  # Sunday: Monday 09-12, 13-16
    # Holidays and the Saturday worked in their place.
    (Severity.ADVISORY, sh(2026, 9, 30, 16, 0), sh(2026, 10, 8, 14, 0)),  # National Day 1-7 October off
    (Severity.MINOR, sh(2026, 9, 24, 16, 0), sh(2026, 9, 28, 11, 0)),  # Mid-Autumn Friday 25 September off
    (Severity.MINOR, sh(2026, 10, 10, 10, 0), sh(2026, 10, 10, 15, 0)),  # Saturday 10 October is worked
    (Severity.ADVISORY, sh(2026, 1, 1, 0, 30), sh(2026, 1, 4, 16, 0)),  # New Year off, Sunday 4 January worked
    # A report time given in UTC is the same moment.
    (Severity.MINOR, datetime(2026, 11, 20, 9, 0, tzinfo=UTC), sh(2026, 11, 23, 12, 0)),
])
def test_response_deadline_follows_the_clock_of_each_severity(store, severity, reported, due):
    incident_id = add(store, severity=severity, reported_at=reported)
    assert incident(store, incident_id).response_due == due


def test_times_supplied_with_the_report_set_the_status(store):
    responded = add(store, responded_at=sh(2026, 11, 20, 17, 20))
    resolved = add(store, responded_at=sh(2026, 11, 20, 17, 20), resolved_at=sh(2026, 11, 20, 19, 0),
                   cause="服务器缺少报告模板使用的字体。", resolution="在服务器部署字体并嵌入PDF。")
    closed = add(store, responded_at=sh(2026, 11, 20, 17, 20), resolved_at=sh(2026, 11, 20, 19, 0),
                 closed_at=sh(2026, 11, 21, 9, 0), cause="字体缺失", resolution="部署字体")
    assert incident(store, responded).status == "responded"
    assert incident(store, resolved).status == "resolved"
    assert incident(store, closed).status == "closed"
    assert history(store, closed) == [("created", "", "closed", "")]
    assert incident(store, closed).closed_at == sh(2026, 11, 21, 9, 0)


def test_times_are_kept_to_the_whole_second(store):
    incident_id = add(store, reported_at=sh(2026, 11, 20, 17, 0, 0, 999999),
                      responded_at=sh(2026, 11, 20, 17, 20, 30, 500000))
    stored = incident(store, incident_id)
    assert stored.reported_at == sh(2026, 11, 20, 17, 0, 0)
    assert stored.responded_at == sh(2026, 11, 20, 17, 20, 30)
    # The same times read back from a form that shows seconds are no change.
    same = draft(reported_at=sh(2026, 11, 20, 17, 0, 0, 123), responded_at=sh(2026, 11, 20, 17, 20, 30, 1))
    assert step(store, incident_id, update_incident, same, CATALOGUE, CALENDAR, NOW) == []


def test_a_report_up_to_five_minutes_ahead_of_the_clock_is_accepted(store):
    incident_id = add(store, severity=Severity.URGENT, reported_at=sh(2026, 11, 21, 10, 5))
    assert incident(store, incident_id).response_due == sh(2026, 11, 21, 11, 5)


@pytest.mark.parametrize(("changes", "problems"), [
    ({"title": "   "}, [IncidentProblem.TITLE_MISSING]),
    ({"platform": "oa", "module": ""}, [IncidentProblem.PLATFORM_UNKNOWN]),
    ({"module": "网上大厅"}, [IncidentProblem.MODULE_UNKNOWN]),  # a module of the approval system
    ({"reported_at": sh(2026, 11, 21, 10, 6)}, [IncidentProblem.REPORTED_IN_FUTURE]),
    ({"responded_at": sh(2026, 11, 20, 16, 59)}, [IncidentProblem.RESPONDED_BEFORE_REPORTED]),
    ({"responded_at": sh(2026, 11, 21, 10, 6)}, [IncidentProblem.TIME_IN_FUTURE]),
    ({"resolved_at": sh(2026, 11, 20, 18, 0)},
     [IncidentProblem.RESOLVED_WITHOUT_RESPONSE, IncidentProblem.CAUSE_MISSING, IncidentProblem.RESOLUTION_MISSING]),
    ({"responded_at": sh(2026, 11, 20, 18, 0), "resolved_at": sh(2026, 11, 20, 17, 30), "cause": "c",
      "resolution": "r"}, [IncidentProblem.RESOLVED_BEFORE_RESPONDED]),
    ({"responded_at": sh(2026, 11, 20, 17, 10), "resolved_at": sh(2026, 11, 20, 18, 0), "cause": "   ",
      "resolution": "部署字体"}, [IncidentProblem.CAUSE_MISSING]),
    ({"responded_at": sh(2026, 11, 20, 17, 10), "closed_at": sh(2026, 11, 20, 18, 0)},
     [IncidentProblem.CLOSED_WITHOUT_RESOLUTION]),
    ({"responded_at": sh(2026, 11, 20, 17, 10), "resolved_at": sh(2026, 11, 20, 18, 0),
      "closed_at": sh(2026, 11, 20, 17, 59), "cause": "c", "resolution": "r"},
     [IncidentProblem.CLOSED_BEFORE_RESOLVED]),
    ({"title": "", "platform": "oa", "module": ""},
     [IncidentProblem.TITLE_MISSING, IncidentProblem.PLATFORM_UNKNOWN]),
])
def test_an_impossible_fault_is_rejected_and_nothing_is_written(store, changes, problems):
    with pytest.raises(IncidentRejected) as caught, store.transaction() as session:
        add_incident(session, draft(**changes), CATALOGUE, CALENDAR, NOW)
    assert caught.value.problems == problems
    assert str(caught.value) == " ".join(p.value for p in problems)
    assert isinstance(caught.value, ValueError)
    assert incident_count(store) == 0
    assert outbox(store) == []


def test_a_report_time_without_time_zone_is_refused(store):
    with pytest.raises((TypeError, ValueError)), store.transaction() as session:
        add_incident(session, draft(reported_at=datetime(2026, 11, 20, 17, 0)), CATALOGUE, CALENDAR, NOW)
    assert incident_count(store) == 0
    assert outbox(store) == []


# --- editing --------------------------------------------------------------------------------------------------


def test_edit_applies_the_changed_fields_moves_the_deadline_and_is_recorded(store):
    incident_id = add(store, now=sh(2026, 11, 20, 17, 5))
    entries_before = outbox(store)
    with store.transaction() as session:
        stored = session.get(Incident, incident_id)
        changed = update_incident(session, stored, draft(severity=Severity.URGENT, title="信用报告无法导出",
                                                         channel=Channel.EMAIL),
                                  CATALOGUE, CALENDAR, NOW)
    assert changed == ["severity", "title", "channel"]
    stored = incident(store, incident_id)
    assert (stored.severity, stored.title, stored.channel) == ("URGENT", "信用报告无法导出", "email")
    assert stored.response_due == sh(2026, 11, 20, 18, 0)  # now one hour on the wall clock
    assert stored.status == "new"
    assert history(store, incident_id) == [("created", "", "new", ""),
                                           ("edit", "new", "new", "severity, title, channel")]
    new_entries = dict(outbox(store)[len(entries_before):])
    assert sorted(new_entries) == ["incident_corrections", "incident_events", "incidents"]  # the severity changed
    assert new_entries["incidents"] == incident_id
    assert new_entries["incident_events"] in event_ids(store, incident_id)


def test_moving_the_report_time_moves_the_deadline(store):
    incident_id = add(store)
    changed = step(store, incident_id, update_incident, draft(reported_at=sh(2026, 11, 20, 10, 0)), CATALOGUE,
                   CALENDAR, NOW)
    assert changed == ["reported_at"]
    assert incident(store, incident_id).response_due == sh(2026, 11, 20, 15, 0)  # 10-12, then 13-15


def test_an_edit_that_changes_nothing_writes_nothing(store):
    incident_id = add(store, description="部分汉字显示为方框")
    entries_before = outbox(store)
    updated_before = incident(store, incident_id).updated_at
    same = draft(title="  信用报告导出PDF中文乱码 ", description="部分汉字显示为方框 ",
                 reported_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))  # the same moment, written in UTC
    assert step(store, incident_id, update_incident, same, CATALOGUE, CALENDAR, NOW) == []
    assert outbox(store) == entries_before
    assert history(store, incident_id) == [("created", "", "new", "")]
    assert incident(store, incident_id).updated_at == updated_before


def test_edited_times_set_the_status_and_keep_work_in_progress(store):
    incident_id = add(store, now=sh(2026, 11, 20, 17, 12))
    step(store, incident_id, update_incident, draft(responded_at=sh(2026, 11, 20, 17, 15)), CATALOGUE, CALENDAR,
         sh(2026, 11, 20, 17, 16))
    assert incident(store, incident_id).status == "responded"
    step(store, incident_id, change_status, Status.IN_PROGRESS, sh(2026, 11, 20, 17, 30), CATALOGUE,
         sh(2026, 11, 20, 17, 30))
    step(store, incident_id, update_incident, draft(responded_at=sh(2026, 11, 20, 17, 10), assignee="王强"),
         CATALOGUE, CALENDAR, sh(2026, 11, 20, 17, 40))
    assert incident(store, incident_id).status == "in_progress"
    step(store, incident_id, update_incident,
         draft(responded_at=sh(2026, 11, 20, 17, 10), resolved_at=sh(2026, 11, 20, 18, 0), assignee="王强",
               cause=" 字体缺失 ", resolution=" 部署字体 "), CATALOGUE, CALENDAR, sh(2026, 11, 20, 18, 5))
    stored = incident(store, incident_id)
    assert stored.status == "resolved"
    assert (stored.cause, stored.resolution, stored.assignee) == ("字体缺失", "部署字体", "王强")
    assert stored.responded_at == sh(2026, 11, 20, 17, 10)
    # Names of the changed fields come in the form's order.
    assert history(store, incident_id) == [
        ("created", "", "new", ""),
        ("edit", "new", "responded", "responded_at"),
        ("status", "responded", "in_progress", ""),
        ("edit", "in_progress", "in_progress", "assignee, responded_at"),
        ("edit", "in_progress", "resolved", "cause, resolution, resolved_at"),
    ]


def test_clearing_the_resolution_in_an_edit_reopens_the_fault(store):
    incident_id = add(store, now=sh(2026, 11, 20, 19, 5), responded_at=sh(2026, 11, 20, 17, 10),
                      resolved_at=sh(2026, 11, 20, 19, 0), cause="字体缺失", resolution="部署字体")
    step(store, incident_id, update_incident, draft(responded_at=sh(2026, 11, 20, 17, 10), cause="字体缺失",
                                                    resolution="部署字体"), CATALOGUE, CALENDAR, NOW)
    stored = incident(store, incident_id)
    assert stored.resolved_at is None
    assert stored.status == "in_progress"


def test_a_rejected_edit_leaves_the_record_as_it_was(store):
    incident_id = add(store)
    entries_before = outbox(store)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, update_incident, draft(title="新标题", responded_at=sh(2026, 11, 20, 16, 0)),
             CATALOGUE, CALENDAR, NOW)
    assert caught.value.problems == [IncidentProblem.RESPONDED_BEFORE_REPORTED]
    stored = incident(store, incident_id)
    assert (stored.title, stored.responded_at, stored.status) == ("信用报告导出PDF中文乱码", None, "new")
    assert outbox(store) == entries_before
    assert history(store, incident_id) == [("created", "", "new", "")]


# --- the life cycle -------------------------------------------------------------------------------------------


def test_life_cycle_stamps_each_time_records_history_and_queues_every_change(store):
    incident_id = add(store, now=sh(2026, 11, 20, 17, 5))
    step(store, incident_id, change_status, Status.RESPONDED, sh(2026, 11, 20, 17, 20), CATALOGUE,
         sh(2026, 11, 20, 17, 20), note="电话联系报告人")
    assert incident(store, incident_id).status == "responded"
    assert incident(store, incident_id).responded_at == sh(2026, 11, 20, 17, 20)
    step(store, incident_id, change_status, Status.IN_PROGRESS, sh(2026, 11, 20, 17, 30), CATALOGUE,
         sh(2026, 11, 20, 17, 30))
    step(store, incident_id, change_status, Status.RESOLVED, sh(2026, 11, 20, 19, 0), CATALOGUE,
         sh(2026, 11, 20, 19, 0), cause=" 服务器缺少字体 ", resolution=" 部署字体并嵌入PDF ")
    stored = incident(store, incident_id)
    assert (stored.status, stored.resolved_at) == ("resolved", sh(2026, 11, 20, 19, 0))
    assert (stored.cause, stored.resolution) == ("服务器缺少字体", "部署字体并嵌入PDF")
    step(store, incident_id, change_status, Status.CLOSED, sh(2026, 11, 21, 9, 0), CATALOGUE, NOW)
    stored = incident(store, incident_id)
    assert (stored.status, stored.closed_at) == ("closed", sh(2026, 11, 21, 9, 0))
    # The response deadline never moves with the life cycle.
    assert stored.response_due == sh(2026, 11, 23, 12, 0)
    events = history(store, incident_id)
    assert events == [
        ("created", "", "new", ""),
        ("status", "new", "responded", "电话联系报告人"),
        ("status", "responded", "in_progress", ""),
        ("status", "in_progress", "resolved", ""),
        ("status", "resolved", "closed", ""),
    ]
    # Each step queued the fault and its history line.
    entries = outbox(store)
    assert sorted(entity for entity, _ in entries) == ["incident_events"] * 5 + ["incidents"] * 5
    assert [record for entity, record in entries if entity == "incidents"] == [incident_id] * 5
    assert {record for entity, record in entries if entity == "incident_events"} == event_ids(store, incident_id)


def test_reopening_clears_the_resolution_and_closing_times_and_says_when_it_was_resolved(store):
    incident_id = add(store, now=sh(2026, 11, 21, 9, 5), responded_at=sh(2026, 11, 20, 17, 10),
                      resolved_at=sh(2026, 11, 20, 19, 0), closed_at=sh(2026, 11, 21, 9, 0), cause="字体缺失",
                      resolution="部署字体")
    step(store, incident_id, change_status, Status.IN_PROGRESS, sh(2026, 11, 21, 9, 45), CATALOGUE, NOW,
         note="客户再次报障")
    stored = incident(store, incident_id)
    assert stored.status == "in_progress"
    assert (stored.resolved_at, stored.closed_at) == (None, None)
    assert stored.responded_at == sh(2026, 11, 20, 17, 10)
    assert (stored.cause, stored.resolution) == ("字体缺失", "部署字体")
    kind, from_status, to_status, note = history(store, incident_id)[-1]
    assert (kind, from_status, to_status) == ("status", "closed", "in_progress")
    assert note.startswith("reopened; was resolved at ")
    assert note.endswith(". 客户再次报障")
    resolved_text = note.removeprefix("reopened; was resolved at ").removesuffix(". 客户再次报障")
    assert datetime.fromisoformat(resolved_text) == sh(2026, 11, 20, 19, 0)
    # Resolved again later, it can be closed again.
    step(store, incident_id, change_status, Status.RESOLVED, sh(2026, 11, 21, 9, 55), CATALOGUE, NOW)
    assert incident(store, incident_id).status == "resolved"


def test_reopening_from_resolved(store):
    incident_id = add(store, now=sh(2026, 11, 20, 19, 5), responded_at=sh(2026, 11, 20, 17, 10),
                      resolved_at=sh(2026, 11, 20, 19, 0), cause="字体缺失", resolution="部署字体")
    step(store, incident_id, change_status, Status.IN_PROGRESS, sh(2026, 11, 21, 9, 0), CATALOGUE, NOW)
    stored = incident(store, incident_id)
    assert (stored.status, stored.resolved_at) == ("in_progress", None)
    assert history(store, incident_id)[-1][3].startswith("reopened; was resolved at ")


@pytest.mark.parametrize(("setup", "target"), [
    ({}, Status.RESOLVED),
    ({}, Status.CLOSED),
    ({}, Status.IN_PROGRESS),
    ({"responded_at": sh(2026, 11, 20, 17, 10)}, Status.CLOSED),
    ({"responded_at": sh(2026, 11, 20, 17, 10)}, Status.RESPONDED),
    ({"responded_at": sh(2026, 11, 20, 17, 10), "resolved_at": sh(2026, 11, 20, 19, 0),
      "closed_at": sh(2026, 11, 21, 9, 0), "cause": "c", "resolution": "r"}, Status.RESOLVED),
])
def test_a_step_outside_the_life_cycle_is_refused_and_writes_nothing(store, setup, target):
    incident_id = add(store, **setup)
    status_before = incident(store, incident_id).status
    entries_before = outbox(store)
    with pytest.raises(TransitionError):
        step(store, incident_id, change_status, target, sh(2026, 11, 21, 9, 30), CATALOGUE, NOW)
    assert incident(store, incident_id).status == status_before
    assert outbox(store) == entries_before


@pytest.mark.parametrize(("setup", "target", "at", "kwargs", "problems"), [
    ({}, Status.RESPONDED, sh(2026, 11, 20, 16, 0), {}, [IncidentProblem.RESPONDED_BEFORE_REPORTED]),
    ({}, Status.RESPONDED, sh(2026, 11, 21, 11, 0), {}, [IncidentProblem.TIME_IN_FUTURE]),
    ({"responded_at": sh(2026, 11, 20, 17, 10)}, Status.RESOLVED, sh(2026, 11, 20, 18, 0), {},
     [IncidentProblem.CAUSE_MISSING, IncidentProblem.RESOLUTION_MISSING]),
    ({"responded_at": sh(2026, 11, 20, 17, 10)}, Status.RESOLVED, sh(2026, 11, 20, 18, 0),
     {"cause": "字体缺失", "resolution": "   "}, [IncidentProblem.RESOLUTION_MISSING]),
    ({"responded_at": sh(2026, 11, 20, 17, 10)}, Status.RESOLVED, sh(2026, 11, 20, 17, 0),
     {"cause": "c", "resolution": "r"}, [IncidentProblem.RESOLVED_BEFORE_RESPONDED]),
    ({"responded_at": sh(2026, 11, 20, 17, 10), "resolved_at": sh(2026, 11, 20, 19, 0), "cause": "c",
      "resolution": "r"}, Status.CLOSED, sh(2026, 11, 20, 18, 0), {}, [IncidentProblem.CLOSED_BEFORE_RESOLVED]),
])
def test_a_status_change_with_impossible_times_or_missing_facts_is_rejected(store, setup, target, at, kwargs,
                                                                             problems):
    incident_id = add(store, **setup)
    before = incident(store, incident_id)
    entries_before = outbox(store)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, change_status, target, at, CATALOGUE, NOW, **kwargs)
    assert caught.value.problems == problems
    after = incident(store, incident_id)
    assert (after.status, after.responded_at, after.resolved_at, after.closed_at, after.cause, after.resolution) == (
        before.status, before.responded_at, before.resolved_at, before.closed_at, before.cause, before.resolution)
    assert outbox(store) == entries_before


# --- waiting on the customer ----------------------------------------------------------------------------------


def pauses_of(store, incident_id):
    with store.session() as session:
        rows = session.scalars(select(IncidentPause).where(IncidentPause.incident_id == incident_id)
                               .order_by(IncidentPause.start_at))
        return [(p.start_at, p.end_at, p.reason) for p in rows]


def test_waiting_on_the_customer_is_recorded_with_its_reason_and_history(store):
    incident_id = add(store, now=sh(2026, 11, 20, 17, 12), responded_at=sh(2026, 11, 20, 17, 10))
    entries_before = len(outbox(store))
    with store.transaction() as session:
        record = pause(session, session.get(Incident, incident_id), sh(2026, 11, 20, 17, 30), " 等待企业提供附件 ",
                       CATALOGUE, NOW)
    pause_id = record.id
    assert pauses_of(store, incident_id) == [(sh(2026, 11, 20, 17, 30), None, "等待企业提供附件")]
    assert sorted(entity for entity, _ in outbox(store)[entries_before:]) == ["incident_events", "incident_pauses"]
    assert ("incident_pauses", pause_id) in outbox(store)
    step(store, incident_id, resume, sh(2026, 11, 21, 9, 0), CATALOGUE, NOW)
    assert pauses_of(store, incident_id) == [(sh(2026, 11, 20, 17, 30), sh(2026, 11, 21, 9, 0), "等待企业提供附件")]
    resumed = outbox(store)[entries_before + 2:]
    assert sorted(entity for entity, _ in resumed) == ["incident_events", "incident_pauses"]
    assert ("incident_pauses", pause_id) in resumed
    assert history(store, incident_id) == [
        ("created", "", "responded", ""),
        ("pause", "", "", "等待企业提供附件"),
        ("resume", "", "", ""),
    ]
    with store.session() as session:
        kinds_at = {(e.kind, e.at) for e in session.scalars(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident_id))}
    assert ("pause", sh(2026, 11, 20, 17, 30)) in kinds_at
    assert ("resume", sh(2026, 11, 21, 9, 0)) in kinds_at
    # Waiting again later is a second period.
    step(store, incident_id, pause, sh(2026, 11, 21, 9, 30), "等待第三方接口恢复", CATALOGUE, NOW)
    assert len(pauses_of(store, incident_id)) == 2


def test_only_one_waiting_period_can_be_open(store):
    incident_id = add(store, responded_at=sh(2026, 11, 20, 17, 10))
    step(store, incident_id, pause, sh(2026, 11, 20, 17, 30), "等待企业提供附件", CATALOGUE, NOW)
    entries_before = outbox(store)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, pause, sh(2026, 11, 20, 18, 0), "再等一次", CATALOGUE, NOW)
    assert caught.value.problems == [IncidentProblem.PAUSE_OUTSIDE_WORK]
    assert len(pauses_of(store, incident_id)) == 1
    assert outbox(store) == entries_before


def test_waiting_must_lie_between_the_response_and_the_resolution(store):
    responded = add(store, responded_at=sh(2026, 11, 20, 17, 30))
    with pytest.raises(IncidentRejected) as caught:
        step(store, responded, pause, sh(2026, 11, 20, 17, 20), "早于响应", CATALOGUE, NOW)
    assert caught.value.problems == [IncidentProblem.PAUSE_OUTSIDE_WORK]
    resolved = add(store, responded_at=sh(2026, 11, 20, 17, 10), resolved_at=sh(2026, 11, 20, 19, 0),
                   cause="c", resolution="r")
    with pytest.raises(IncidentRejected) as caught:
        step(store, resolved, pause, sh(2026, 11, 20, 18, 0), "已解决后不能再等待", CATALOGUE, NOW)
    assert caught.value.problems == [IncidentProblem.PAUSE_OUTSIDE_WORK]
    assert pauses_of(store, responded) == [] and pauses_of(store, resolved) == []


def test_resolving_while_still_waiting_is_rejected(store):
    incident_id = add(store, responded_at=sh(2026, 11, 20, 17, 10))
    step(store, incident_id, pause, sh(2026, 11, 20, 17, 30), "等待企业提供附件", CATALOGUE, NOW)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, change_status, Status.RESOLVED, sh(2026, 11, 21, 9, 0), CATALOGUE, NOW,
             cause="c", resolution="r")
    assert caught.value.problems == [IncidentProblem.PAUSE_OUTSIDE_WORK]
    assert incident(store, incident_id).status == "responded"
    step(store, incident_id, resume, sh(2026, 11, 21, 8, 30), CATALOGUE, NOW)
    step(store, incident_id, change_status, Status.RESOLVED, sh(2026, 11, 21, 9, 0), CATALOGUE, NOW,
         cause="c", resolution="r")
    assert incident(store, incident_id).status == "resolved"


def test_resuming_needs_an_open_waiting_period_that_ends_after_it_starts(store):
    incident_id = add(store, responded_at=sh(2026, 11, 20, 17, 10))
    with pytest.raises(ValueError, match="not waiting"):
        step(store, incident_id, resume, sh(2026, 11, 20, 18, 0), CATALOGUE, NOW)
    step(store, incident_id, pause, sh(2026, 11, 20, 17, 30), "等待企业提供附件", CATALOGUE, NOW)
    entries_before = outbox(store)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, resume, sh(2026, 11, 20, 17, 20), CATALOGUE, NOW)
    assert IncidentProblem.PAUSE_ENDS_BEFORE_START in caught.value.problems
    assert pauses_of(store, incident_id) == [(sh(2026, 11, 20, 17, 30), None, "等待企业提供附件")]
    assert outbox(store) == entries_before


def test_waiting_before_the_response_is_refused(store):
    incident_id = add(store)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, pause, sh(2026, 11, 20, 17, 30), "联系不上报告人", CATALOGUE, NOW)
    assert caught.value.problems == [IncidentProblem.PAUSE_BEFORE_RESPONSE]
    assert pauses_of(store, incident_id) == []
    # The fault can still be answered.
    step(store, incident_id, change_status, Status.RESPONDED, sh(2026, 11, 20, 18, 5), CATALOGUE, NOW)
    assert incident(store, incident_id).status == "responded"


def test_waiting_periods_do_not_overlap(store):
    incident_id = add(store, responded_at=sh(2026, 11, 20, 17, 10))
    step(store, incident_id, pause, sh(2026, 11, 20, 17, 30), "等待企业提供附件", CATALOGUE, NOW)
    step(store, incident_id, resume, sh(2026, 11, 20, 18, 0), CATALOGUE, NOW)
    with pytest.raises(IncidentRejected) as caught:
        step(store, incident_id, pause, sh(2026, 11, 20, 17, 45), "重复登记", CATALOGUE, NOW)
    assert caught.value.problems == [IncidentProblem.PAUSES_OVERLAP]
    step(store, incident_id, pause, sh(2026, 11, 20, 18, 0), "等待第三方接口恢复", CATALOGUE, NOW)
    assert [start for start, _, _ in pauses_of(store, incident_id)] == [sh(2026, 11, 20, 17, 30),
                                                                         sh(2026, 11, 20, 18, 0)]


# --- recomputing deadlines ------------------------------------------------------------------------------------
def recompute_deadlines(session, calendar):
    return shift_deadlines(session, lambda _team: calendar, NOW).moved



def test_deadlines_are_recomputed_when_the_calendar_changes(store):
    minor = add(store)  # Friday 17:00: due Monday 12:00
    urgent = add(store, severity=Severity.URGENT)
    gone = add(store, title="已删除的记录")
    with store.transaction() as session:
        session.get(Incident, gone).deleted = True
    entries_before = len(outbox(store))
    monday_off = BusinessCalendar(overrides=CalendarOverrides(days_off=frozenset({date(2026, 11, 23)})))
    with store.transaction() as session:
        assert recompute_deadlines(session, monday_off) == 1
    assert incident(store, minor).response_due == sh(2026, 11, 24, 12, 0)
    assert incident(store, urgent).response_due == sh(2026, 11, 20, 18, 0)
    assert incident(store, gone).response_due == sh(2026, 11, 23, 12, 0)
    # A deadline is derived on each laptop from its team's calendar: moving it is not an edit to sync.
    assert len(outbox(store)) == entries_before
    with store.transaction() as session:
        assert recompute_deadlines(session, monday_off) == 0
    assert len(outbox(store)) == entries_before


def test_deadlines_follow_new_business_hours(store):
    advisory = add(store, severity=Severity.ADVISORY, reported_at=sh(2026, 11, 20, 11, 0))  # due 18:00 that day
    minor = add(store)  # due Monday 12:00
    hours = BusinessCalendar(BusinessHours.parse("08:30-12:00, 14:00-17:30"))
    with store.transaction() as session:
        assert recompute_deadlines(session, hours) == 1
    # 11:00-12:00 and 14:00-17:30 on Friday (4.5 h), then 08:30-10:00 on Monday.
    assert incident(store, advisory).response_due == sh(2026, 11, 23, 10, 0)
    # 17:00-17:30 on Friday, then 08:30-12:00 on Monday: the same moment as before.
    assert incident(store, minor).response_due == sh(2026, 11, 23, 12, 0)


# --- complaints -----------------------------------------------------------------------------------------------


def complaint_draft(**changes):
    base = ComplaintDraft(channel=ComplaintChannel.PHONE, complainant="张伟", content="客服电话午休时段无人接听。",
                          received_at=sh(2026, 11, 16, 10, 0))
    return replace(base, **changes)


def test_a_complaint_is_saved_stripped_and_queued(store):
    with store.transaction() as session:
        complaint = save_complaint(session, complaint_draft(
            channel=ComplaintChannel.FAX, complainant=" 张伟 ", unit=" 达州某监理公司 ", contact=" 0818-2345678 ",
            content=" 客服电话午休时段无人接听。 ", handling=" 已转相关负责人处理。 "), NOW)
        complaint_id = complaint.id
    with store.session() as session:
        stored = session.get(Complaint, complaint_id)
    assert (stored.channel, stored.complainant, stored.unit, stored.contact) == (
        "fax", "张伟", "达州某监理公司", "0818-2345678")
    assert (stored.content, stored.handling, stored.outcome) == (
        "客服电话午休时段无人接听。", "已转相关负责人处理。", "")
    assert stored.received_at == datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
    assert stored.replied_at is None
    assert stored.author == "测试工程师"
    assert outbox(store) == [("complaints", complaint_id)]
    assert ComplaintDraft.of(stored) == complaint_draft(
        channel=ComplaintChannel.FAX, unit="达州某监理公司", contact="0818-2345678", handling="已转相关负责人处理。")


def test_a_complaint_reply_is_saved_and_queued_and_an_unchanged_save_is_not(store):
    with store.transaction() as session:
        complaint_id = save_complaint(session, complaint_draft(), NOW).id
    with store.transaction() as session:
        stored = session.get(Complaint, complaint_id)
        reply = complaint_draft(replied_at=sh(2026, 11, 17, 15, 0), outcome=" 增设午间值班手机并公布。 ")
        save_complaint(session, reply, NOW, stored)
    with store.session() as session:
        stored = session.get(Complaint, complaint_id)
        assert stored.replied_at == sh(2026, 11, 17, 15, 0)
        assert stored.outcome == "增设午间值班手机并公布。"
        updated = stored.updated_at
    assert outbox(store) == [("complaints", complaint_id), ("complaints", complaint_id)]
    with store.transaction() as session:
        save_complaint(session, complaint_draft(received_at=datetime(2026, 11, 16, 2, 0, tzinfo=UTC),
                                                replied_at=sh(2026, 11, 17, 15, 0), outcome="增设午间值班手机并公布。"),
                       NOW, session.get(Complaint, complaint_id))
    assert len(outbox(store)) == 2
    with store.session() as session:
        assert session.get(Complaint, complaint_id).updated_at == updated
        assert count_complaints(session) == 1


@pytest.mark.parametrize(("changes", "problems"), [
    ({"complainant": "  "}, [ComplaintProblem.COMPLAINANT_MISSING]),
    ({"content": "\n"}, [ComplaintProblem.CONTENT_MISSING]),
    ({"received_at": sh(2026, 11, 21, 10, 6)}, [ComplaintProblem.RECEIVED_IN_FUTURE]),
    ({"replied_at": sh(2026, 11, 16, 9, 0), "outcome": "已答复"}, [ComplaintProblem.REPLIED_BEFORE_RECEIVED]),
    ({"replied_at": sh(2026, 11, 17, 9, 0), "outcome": "  "}, [ComplaintProblem.OUTCOME_MISSING]),
    ({"complainant": "", "content": ""}, [ComplaintProblem.COMPLAINANT_MISSING, ComplaintProblem.CONTENT_MISSING]),
])
def test_an_incomplete_complaint_is_rejected_and_nothing_is_written(store, changes, problems):
    with pytest.raises(ComplaintRejected) as caught, store.transaction() as session:
        save_complaint(session, complaint_draft(**changes), NOW)
    assert caught.value.problems == problems
    assert str(caught.value) == " ".join(p.value for p in problems)
    with store.session() as session:
        assert count_complaints(session) == 0
    assert outbox(store) == []


def test_a_rejected_complaint_edit_leaves_the_complaint_as_it_was(store):
    with store.transaction() as session:
        complaint_id = save_complaint(session, complaint_draft(), NOW).id
    with pytest.raises(ComplaintRejected), store.transaction() as session:
        save_complaint(session, complaint_draft(replied_at=sh(2026, 11, 17, 9, 0)), NOW,
                       session.get(Complaint, complaint_id))
    with store.session() as session:
        assert session.get(Complaint, complaint_id).replied_at is None
    assert len(outbox(store)) == 1


def test_complaints_list_unanswered_oldest_first_then_answered_newest_first(store):
    received = {
        "old_open": (sh(2026, 11, 1, 9, 0), None),
        "new_open": (sh(2026, 11, 5, 9, 0), None),
        "old_done": (sh(2026, 11, 2, 9, 0), sh(2026, 11, 3, 9, 0)),
        "new_done": (sh(2026, 11, 6, 9, 0), sh(2026, 11, 7, 9, 0)),
        "mid_done": (sh(2026, 11, 4, 9, 0), sh(2026, 11, 20, 9, 0)),
        "gone": (sh(2026, 10, 1, 9, 0), None),
    }
    with store.transaction() as session:
        ids = {}
        for name, (at, replied) in received.items():
            ids[name] = save_complaint(session, complaint_draft(
                complainant=name, received_at=at, replied_at=replied, outcome="已答复" if replied else ""), NOW).id
        session.get(Complaint, ids["gone"]).deleted = True
    with store.session() as session:
        assert count_complaints(session) == 5
        assert [c.complainant for c in page_complaints(session, 0, 10)] == [
            "old_open", "new_open", "new_done", "mid_done", "old_done"]
        assert [c.complainant for c in page_complaints(session, 1, 2)] == ["new_open", "new_done"]
        assert [c.complainant for c in page_complaints(session, 4, 10)] == ["old_done"]
        assert page_complaints(session, 5, 10) == []
