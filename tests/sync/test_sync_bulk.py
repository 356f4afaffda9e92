"""Pages and batches applied whole: plain rows read and written for many records at once must store exactly what the
record-by-record ORM path stores, and the hub's batch held in memory must see its own earlier changes."""

import uuid

from sqlalchemy import insert, select

from dzdesk.store.outbox import APPLYING_REMOTE
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.sync.protocol import SCHEMA_VERSION, Change, Outcome, PushRequest
from dzdesk.sync.records import ENTITY_MODELS, apply_payload, new_row, payload_columns, row_payload, to_payload
from tests.sync.helpers import (
    add_fault,
    add_target,
    edit_target,
    hub_count,
    hub_counter,
    hub_records,
    outbox,
    payloads,
)


def test_a_plain_row_gives_the_payload_of_its_record(a):
    add_fault(a.store, "网上大厅登录缓慢", description="高峰期验证码超时")
    add_target(a.store, "信用门户", port=443, keyword="信用")
    with a.store.session() as session:
        for model in ENTITY_MODELS.values():
            by_orm = {r.id: to_payload(r) for r in session.scalars(select(model))}
            by_row = {row.id: row_payload(model, row) for row in session.execute(select(*payload_columns(model)))}
            assert by_row == by_orm, model.__tablename__


def test_a_new_row_stores_what_a_new_record_would(a):
    """Absent and empty fields take the column's default, as they do for a new ORM object."""
    target_id = add_target(a.store, "信用门户", port=443)
    template = payloads(a.store, "probe_targets")[target_id]
    sent = {**template, "timeout_s": None, "port": None, "notes": "巡检"}
    del sent["kind"], sent["keyword"]
    by_orm, by_row = str(uuid.uuid4()), str(uuid.uuid4())
    with a.store.transaction() as session:
        session.info[APPLYING_REMOTE] = True  # as a pull applies it: no outbox entry, no new updated_at
        record = ProbeTargetRecord(id=by_orm)
        apply_payload(record, {**sent, "id": by_orm})
        session.add(record)
        session.flush()
        session.connection().execute(insert(ProbeTargetRecord.__table__),
                                     [{"id": by_row, **new_row(ProbeTargetRecord, {**sent, "id": by_row})}])
    stored = payloads(a.store, "probe_targets")
    assert {**stored[by_row], "id": by_orm} == stored[by_orm]
    assert (stored[by_row]["kind"], stored[by_row]["timeout_s"], stored[by_row]["port"]) == ("http", 5.0, None)


def test_a_pulled_page_of_new_changed_and_echoed_records(a, b):
    """One page holds records new to b, records b has (one with an edit b has not pushed) and b's own push."""
    first, second = add_target(a.store, "信用门户"), add_target(a.store, "审批门户")
    a.sync()
    b.sync()
    edit_target(a.store, first, keyword="信用中国")
    edit_target(a.store, second, keyword="投资审批")
    new = add_target(a.store, "公共资源交易")
    a.sync()
    own = add_target(b.store, "政务外网")
    edit_target(b.store, second, notes="b 的备注")  # not pushed before the pull: b's field stays
    summary = b.sync()

    assert summary.pulled >= 3
    mine, theirs = payloads(a.store, "probe_targets"), payloads(b.store, "probe_targets")
    assert theirs[first] == mine[first] and theirs[new] == mine[new]
    assert theirs[second]["keyword"] == "投资审批" and theirs[second]["notes"] == "b 的备注"
    assert own in theirs and outbox(b.store) == []
    a.sync()
    assert payloads(a.store, "probe_targets") == payloads(b.store, "probe_targets")


def push(client, changes):
    with client.client() as hub_client:
        return hub_client.push(PushRequest(batch_id=str(uuid.uuid4()), schema_version=SCHEMA_VERSION,
                                               changes=changes))


def test_a_batch_that_makes_a_record_and_changes_it(a, hub):
    target_id = add_target(a.store, "信用门户")
    template = payloads(a.store, "probe_targets")[target_id]
    record_id = str(uuid.uuid4())
    made = {**template, "id": record_id}
    changed = {**made, "keyword": "信用中国"}
    rev = hub_counter(hub) + 1

    response = push(a, [Change(entity="probe_targets", id=record_id, base_rev=0, changed=sorted(made),
                               payload=made),
                        Change(entity="probe_targets", id=record_id, base_rev=rev, changed=["keyword"],
                               payload=changed)])

    assert [(r.outcome, r.rev) for r in response.results] == [(Outcome.APPLIED, rev), (Outcome.APPLIED, rev + 1)]
    [stored] = [r for r in hub_records(hub, "probe_targets") if r.id == record_id]
    assert (stored.rev, stored.payload["keyword"], stored.field_revs["keyword"]) == (rev + 1, "信用中国", rev + 1)
    assert stored.field_revs["name"] == rev


def test_a_child_and_its_parent_in_one_batch_and_a_child_naming_no_id(a, hub):
    """A parent new in the batch counts as on the hub; a parent id that cannot be an id (here with a NUL, which
    PostgreSQL refuses in text) refuses that child alone."""
    incident_id = add_fault(a.store, "网上大厅登录缓慢")
    fault = payloads(a.store, "incidents")[incident_id]
    event_id, orphan_id = str(uuid.uuid4()), str(uuid.uuid4())
    event = {"id": event_id, "incident_id": incident_id, "created_at": fault["created_at"],
             "updated_at": fault["updated_at"], "author": "", "deleted": False}
    orphan = {**event, "id": orphan_id, "incident_id": "abc\x00"}

    response = push(a, [Change(entity="incidents", id=incident_id, base_rev=0, changed=sorted(fault), payload=fault),
                        Change(entity="incident_events", id=event_id, base_rev=0, changed=sorted(event),
                               payload=event),
                        Change(entity="incident_events", id=orphan_id, base_rev=0, changed=sorted(orphan),
                               payload=orphan)])

    assert [r.outcome for r in response.results] == [Outcome.APPLIED, Outcome.APPLIED, Outcome.REJECTED]
    assert response.results[2].message == "its incident is not on the hub (refused or not yet sent)"
    assert hub_count(hub, "incident_events") == 1
