"""Two laptops and a real hub: offline work converges, edits on both sides merge field by field, a change on both
sides of one field keeps the later value and leaves a conflict, and a change the hub refuses is kept in sight."""

import json

import pytest

from dzdesk.store.incident_models import Incident
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.sync_models import SyncBase
from dzdesk.sync.protocol import Role
from tests.sync.helpers import (
    add_fault,
    add_target,
    all_payloads,
    conflicts,
    count,
    cursor,
    edit_fault,
    edit_target,
    hub_counter,
    hub_records,
    outbox,
    parked,
    payloads,
    pending_batch,
)

BOTH_ORDERS = pytest.mark.parametrize("first", ["a", "b"])


def in_order(first, a, b):
    return (a, b) if first == "a" else (b, a)


def synced_entities(client):
    """Every record the client holds, per entity, as it would travel (only entities that hold records)."""
    return {entity: records for entity, records in all_payloads(client.store).items() if records}


# -- offline work converges ----------------------------------------------------------------------------------------
@BOTH_ORDERS
def test_offline_work_on_two_laptops_converges(first, a, b, hub):
    a_ids = [add_fault(a.store, f"信用报告导出乱码 {n}") for n in range(3)]
    b_ids = [add_fault(b.store, f"审批系统受理单打印空白 {n}", platform="approval", module="综合受理")
             for n in range(2)]
    edit_fault(a.store, a_ids[0], cause="字体缺失")  # a second version before the first sync
    one, two = in_order(first, a, b)

    one.sync()
    two.sync()
    one.sync()  # picks up what the other pushed after it

    incidents = payloads(a.store, "incidents")
    assert set(incidents) == set(a_ids) | set(b_ids)
    assert incidents == payloads(b.store, "incidents")
    assert synced_entities(a) == synced_entities(b)
    assert len(synced_entities(a)["incident_events"]) == 3 + 2 + 1  # created ×5, one edit
    assert incidents[a_ids[0]]["cause"] == "字体缺失"
    assert {incidents[i]["author"] for i in a_ids} == {"张伟"}
    assert {incidents[i]["author"] for i in b_ids} == {"李娜"}
    assert outbox(a.store) == [] and outbox(b.store) == []
    assert pending_batch(a.store) is None and pending_batch(b.store) is None
    assert parked(a.store) == parked(b.store) == 0
    # Every local copy is based on the hub's current revision, and the hub holds each record once.
    revs = {(r.entity, r.id): r.rev for r in hub_records(hub)}
    assert len(revs) == len(hub_records(hub)) == sum(len(v) for v in synced_entities(a).values())
    for client in (a, b):
        with client.store.session() as session:
            for record_id in a_ids + b_ids:
                assert session.get(Incident, record_id).server_rev == revs[("incidents", record_id)]
                assert session.get(SyncBase, ("incidents", record_id)).rev == revs[("incidents", record_id)]
        assert cursor(client.store) == str(hub_counter(hub))


def test_hub_payload_is_what_every_client_holds(a, b, hub):
    add_fault(a.store, "信用修复申请提交失败")
    add_target(b.store, "信用平台-门户")
    a.sync()
    b.sync()
    a.sync()
    on_hub = {(r.entity, r.id): r.payload for r in hub_records(hub)}
    for client in (a, b):
        held = {(entity, record_id): payload for entity, records in synced_entities(client).items()
                for record_id, payload in records.items()}
        assert held == on_hub


# -- the same record edited on both sides --------------------------------------------------------------------------
@pytest.fixture
def shared_target(a, b):
    """A probe target 张伟 made and both laptops hold at the same revision; any team member may change it."""
    target_id = add_target(a.store, "信用平台-门户", notes="", keyword="")
    a.sync()
    b.sync()
    assert payloads(a.store, "probe_targets") == payloads(b.store, "probe_targets")
    return target_id


def target(client, target_id):
    with client.store.session() as session:
        return session.get(ProbeTargetRecord, target_id)


@BOTH_ORDERS
def test_different_fields_changed_on_both_sides_merge(first, a, b, hub, shared_target):
    edit_target(a.store, shared_target, url="https://xy.example.cn/portal/")
    edit_target(b.store, shared_target, notes="门户改版后关键字待定")
    one, two = in_order(first, a, b)

    one.sync()
    summary = two.sync()
    one.sync()

    assert summary.merged == 1 and summary.conflicts == 0
    for client in (a, b):
        record = target(client, shared_target)
        assert (record.url, record.notes) == ("https://xy.example.cn/portal/", "门户改版后关键字待定")
        assert outbox(client.store) == []
    assert payloads(a.store, "probe_targets") == payloads(b.store, "probe_targets")
    assert conflicts(a.store) == conflicts(b.store) == []
    [on_hub] = hub_records(hub, "probe_targets")
    assert on_hub.payload["url"] == "https://xy.example.cn/portal/"
    assert on_hub.payload["notes"] == "门户改版后关键字待定"


@BOTH_ORDERS
def test_same_field_changed_on_both_sides_keeps_the_later_value_and_a_conflict(first, a, b, hub, shared_target):
    edit_target(a.store, shared_target, keyword="信用中国")  # earlier
    edit_target(b.store, shared_target, keyword="信用达州", notes="李娜核对过")  # later
    one, two = in_order(first, a, b)

    one.sync()
    summary = two.sync()
    one.sync()
    two.sync()

    assert summary.conflicts == 1
    for client in (a, b):
        record = target(client, shared_target)
        assert record.keyword == "信用达州"
        assert record.notes == "李娜核对过"
        assert outbox(client.store) == []
    assert payloads(a.store, "probe_targets") == payloads(b.store, "probe_targets")
    for client in (a, b):
        [conflict] = conflicts(client.store)
        assert (conflict.entity, conflict.record_id, conflict.field) == ("probe_targets", shared_target, "keyword")
        assert json.loads(conflict.kept_value) == "信用达州"
        assert json.loads(conflict.other_value) == "信用中国"
        assert (conflict.kept_author, conflict.other_author) == ("李娜", "张伟")
        assert conflict.resolved is False
    assert payloads(a.store, "sync_conflicts") == payloads(b.store, "sync_conflicts")
    assert len(hub_records(hub, "sync_conflicts")) == 1


@BOTH_ORDERS
def test_lead_and_engineer_edit_one_incident(first, make_client, a, hub):
    """A lead may change anyone's fault; an engineer's edit and the lead's merge field by field."""
    lead = make_client("王组长", Role.LEAD)
    incident_id = add_fault(a.store, "信用报告导出乱码")
    a.sync()
    lead.sync()
    edit_fault(a.store, incident_id, description="导出PDF时中文显示为方框")
    edit_fault(lead.store, incident_id, assignee="张伟")
    one, two = in_order(first, a, lead)

    one.sync()
    two.sync()
    one.sync()

    for client in (a, lead):
        assert outbox(client.store) == []
        with client.store.session() as session:
            incident = session.get(Incident, incident_id)
            assert (incident.description, incident.assignee) == ("导出PDF时中文显示为方框", "张伟")
    assert payloads(a.store, "incidents") == payloads(lead.store, "incidents")
    assert payloads(a.store, "incident_events") == payloads(lead.store, "incident_events")
    assert count(a.store, "incident_events") == 3
    assert conflicts(a.store) == conflicts(lead.store) == []


# -- a change the hub refuses -------------------------------------------------------------------------------------
def test_edit_of_a_teammates_incident_is_refused_and_kept_as_a_conflict(a, b, hub):
    incident_id = add_fault(a.store, "信用报告导出乱码", description="张伟的描述")
    a.sync()
    b.sync()
    theirs = payloads(b.store, "incidents")[incident_id]
    edit_fault(b.store, incident_id, description="李娜改的描述")

    summary = b.sync()

    # The edit and its history line are refused together: the hub stores nothing of either.
    assert len(summary.rejected) == 2
    assert incident_id[:8] in summary.rejected[0]
    assert "belongs to 张伟" in summary.rejected[0]
    assert summary.rejected[1].startswith("incident_events")
    assert [e.payload for e in hub_records(hub, "incident_events")] == list(payloads(a.store, "incident_events")
                                                                            .values())
    assert payloads(b.store, "incident_events") == payloads(a.store, "incident_events")
    assert outbox(b.store) == []
    assert pending_batch(b.store) is None
    # The teammate's version is back, and the refused one is kept beside it.
    restored = payloads(b.store, "incidents")[incident_id]
    assert restored["description"] == "张伟的描述"
    assert restored == theirs | {"updated_at": restored["updated_at"]}
    assert restored == hub_records(hub, "incidents")[0].payload
    [conflict] = [c for c in conflicts(b.store) if c.record_id == incident_id]
    assert (conflict.entity, conflict.field) == ("incidents", "*")
    assert json.loads(conflict.kept_value)["description"] == "张伟的描述"
    assert json.loads(conflict.other_value)["description"] == "李娜改的描述"
    assert conflict.kept_author == "张伟"
    # The hub never took the edit; the teammate sees the conflict, not the edit.
    assert hub_records(hub, "incidents")[0].payload["description"] == "张伟的描述"
    a.sync()
    assert payloads(a.store, "incidents")[incident_id]["description"] == "张伟的描述"
    assert {c.id for c in conflicts(a.store)} == {c.id for c in conflicts(b.store)}


def test_refused_change_names_who_made_it(a, b):
    incident_id = add_fault(a.store, "信用报告导出乱码")
    a.sync()
    b.sync()
    edit_fault(b.store, incident_id, description="李娜改的描述")
    b.sync()
    [conflict] = [c for c in conflicts(b.store) if c.entity == "incidents"]
    assert conflict.other_author == "李娜"


def test_other_team_records_are_not_pulled(make_client, a):
    other = make_client("赵强", team="二组")
    add_fault(a.store, "一组的故障")
    add_fault(other.store, "二组的故障")
    a.sync()
    other.sync()
    a.sync()
    assert [p["title"] for p in payloads(a.store, "incidents").values()] == ["一组的故障"]
    assert [p["title"] for p in payloads(other.store, "incidents").values()] == ["二组的故障"]
    assert parked(a.store) == parked(other.store) == 0
