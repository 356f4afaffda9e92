"""An editor saved after a pull changed its record: what a teammate changed meanwhile stays, and a field both
changed keeps both values until a person chooses.

The editor showed the fault, the pull brought the lead's change, and the engineer saved the form minutes later:
written whole, the form put back the lead's fields as they were before, and the hub took that as the engineer's
change, with no conflict (the edit was made on the pulled version)."""

from __future__ import annotations

import json
from dataclasses import replace

from dzdesk.config import Settings
from dzdesk.operations.incidents import edit_fault
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft
from dzdesk.sync.protocol import Role
from tests.sync.helpers import CATALOGUE, NOW, add_fault, conflicts, outbox, payloads
from tests.sync.helpers import edit_fault as edit_now

OWN_CALENDAR = Settings().working_calendar()


def shown(store, incident_id):
    with store.session() as session:
        return IncidentDraft.of(session.get(Incident, incident_id))


def fault(store, incident_id):
    with store.session() as session:
        return session.get(Incident, incident_id)


def test_a_teammates_change_pulled_while_the_editor_was_open_stays(a, make_client):
    lead = make_client("王组长", Role.LEAD)
    incident_id = add_fault(a.store, "信用报告导出乱码")
    a.sync()
    lead.sync()
    form = shown(a.store, incident_id)  # the engineer opens the fault
    edit_now(lead.store, incident_id, title="信用报告导出PDF乱码", assignee="张伟")
    lead.sync()
    a.sync()  # the pull brings the lead's change under the open editor

    saved = edit_fault(a.store, OWN_CALENDAR, CATALOGUE, incident_id,
                       replace(form, description="导出PDF时中文显示为方框"), NOW, shown=form)
    assert saved.changed == ("description",) and saved.both_changed == ()
    a.sync()
    lead.sync()
    for client in (a, lead):
        incident = fault(client.store, incident_id)
        assert (incident.title, incident.assignee, incident.description) == (
            "信用报告导出PDF乱码", "张伟", "导出PDF时中文显示为方框")
        assert outbox(client.store) == [] and conflicts(client.store) == []
    assert payloads(a.store, "incidents") == payloads(lead.store, "incidents")


def test_a_field_both_changed_keeps_the_later_value_and_the_other_as_a_conflict(a, make_client):
    lead = make_client("王组长", Role.LEAD)
    incident_id = add_fault(a.store, "信用报告导出乱码")
    a.sync()
    lead.sync()
    form = shown(a.store, incident_id)
    edit_now(lead.store, incident_id, description="用户浏览器缓存问题")
    lead.sync()
    a.sync()

    saved = edit_fault(a.store, OWN_CALENDAR, CATALOGUE, incident_id,
                       replace(form, description="导出PDF时字体缺失"), NOW, shown=form)
    assert saved.both_changed == ("description",)
    a.sync()
    lead.sync()
    for client in (a, lead):
        assert fault(client.store, incident_id).description == "导出PDF时字体缺失"
        [conflict] = conflicts(client.store)
        assert (conflict.entity, conflict.record_id, conflict.field) == ("incidents", incident_id, "description")
        assert json.loads(conflict.kept_value) == "导出PDF时字体缺失"
        assert json.loads(conflict.other_value) == "用户浏览器缓存问题"
        assert conflict.kept_author == "张伟" and conflict.resolved is False
        assert outbox(client.store) == []


def test_without_what_was_shown_the_draft_is_written_whole(a):
    """The command line edits the fault as stored at that moment: nothing was shown before."""
    incident_id = add_fault(a.store, "信用报告导出乱码")
    form = shown(a.store, incident_id)
    edit_now(a.store, incident_id, assignee="李娜")
    saved = edit_fault(a.store, OWN_CALENDAR, CATALOGUE, incident_id, replace(form, title="改"), NOW)
    assert set(saved.changed) == {"title", "assignee"}
    assert fault(a.store, incident_id).assignee == ""


def test_a_probe_target_edited_under_a_pull_keeps_the_teammates_field(a, b):
    """Probe targets are the team's: anyone edits them, so two editors of one target are the common case."""
    from dzdesk.operations.probe_targets import save_probe_target
    from dzdesk.store.probe_models import ProbeTargetRecord
    from tests.sync.helpers import add_target, edit_target

    target_id = add_target(a.store, "信用平台-门户")
    a.sync()
    b.sync()
    with a.store.session() as session:
        form = session.get(ProbeTargetRecord, target_id).to_target()
    edit_target(b.store, target_id, keyword="信用达州")
    b.sync()
    a.sync()
    save_probe_target(a.store, replace(form, notes="门户改版后关键字待定"), target_id, shown=form)
    a.sync()
    b.sync()
    for client in (a, b):
        target = payloads(client.store, "probe_targets")[target_id]
        assert (target["keyword"], target["notes"]) == ("信用达州", "门户改版后关键字待定")
        assert conflicts(client.store) == [] and outbox(client.store) == []
