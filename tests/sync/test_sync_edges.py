"""Less common paths: deletes, settling a conflict, the search index of pulled records, the default probe targets
and indicator records every laptop of a team makes under the same ids (and every team under its own), and a record
the hub can never take."""

import json
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import delete

from dzdesk.domain.probe_target import default_targets
from dzdesk.domain.record_ids import default_target_id
from dzdesk.hub.models import HubCounter, HubRecord
from dzdesk.hub.service import MAX_TEXT
from dzdesk.store.incident_queries import IncidentQuery, count_incidents
from dzdesk.store.indicator_repo import ensure_default_indicators, month_values, save_values
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import delete_target, ensure_default_targets, list_targets, save_target
from dzdesk.store.sync_models import SyncBase, SyncConflict
from tests.sync.helpers import (
    CATALOGUE,
    add_fault,
    add_target,
    conflicted_target,
    conflicts,
    edit_fault,
    hub_records,
    outbox,
    parked,
    payloads,
)

PORTAL = default_targets(CATALOGUE)[0].name  # 信用平台-门户, the first default target


def found(client, text):
    with client.store.session() as session:
        return count_incidents(session, IncidentQuery(text=text))


# -- deletes and conflicts travel like any change ----------------------------------------------------------------
def test_a_delete_reaches_the_team(a, b, hub):
    target_id = add_target(a.store, "审批系统-数据库")
    a.sync()
    b.sync()
    with b.store.transaction() as session:
        delete_target(session, target_id)  # probe targets are the team's: anyone may remove one
    b.sync()
    a.sync()
    for client in (a, b):
        assert payloads(client.store, "probe_targets")[target_id]["deleted"] is True
        with client.store.session() as session:
            assert [t.id for t in list_targets(session)] == []
    assert hub_records(hub, "probe_targets")[0].payload["deleted"] is True


def test_a_conflict_settled_on_one_laptop_is_settled_on_all(a, b):
    conflicted_target(a, b)
    [conflict] = conflicts(a.store)
    with a.store.transaction() as session:
        row = session.get(SyncConflict, conflict.id)
        row.resolved, row.resolution = True, "kept"
    a.sync()
    b.sync()
    [seen] = conflicts(b.store)
    assert (seen.id, seen.resolved, seen.resolution) == (conflict.id, True, "kept")
    assert outbox(a.store) == outbox(b.store) == []


def test_pulled_incidents_are_found_by_search(a, b):
    incident_id = add_fault(a.store, "网上大厅登录缓慢", description="高峰期验证码超时")
    a.sync()
    b.sync()
    assert found(b, "验证码") == 1
    assert found(b, "受理单") == 0
    edit_fault(a.store, incident_id, title="综合受理单打印空白")
    a.sync()
    b.sync()
    assert found(b, "受理单") == 1
    assert found(b, "登录缓慢") == 0


# -- the default probe targets -----------------------------------------------------------------------------------
def with_defaults(client):
    """Makes the default targets on the laptop; returns the portal's id there."""
    with client.store.transaction() as session:
        ensure_default_targets(session, CATALOGUE)
    return portal_id(client)


def portal_id(client):
    with client.store.session() as session:
        return next(t.id for t in list_targets(session) if t.name == PORTAL)


def portal(client):
    return payloads(client.store, "probe_targets")[portal_id(client)]


def edit_default(client, **changes):
    record_id = portal_id(client)
    with client.store.transaction() as session:
        record = session.get(type(list_targets(session)[0]), record_id)
        save_target(session, replace(record.to_target(), **changes), record_id)


def test_default_targets_are_not_pushed_until_edited(a, hub):
    with_defaults(a)
    assert outbox(a.store) == []
    a.sync()
    assert hub_records(hub) == []
    edit_default(a, url="https://xy.example.cn/")
    a.sync()
    assert [r.id for r in hub_records(hub)] == [default_target_id(PORTAL, "一组")]


def test_defaults_made_before_the_first_sync_take_the_team_ids_at_it(a, b, hub):
    """A laptop makes its defaults before it knows its team; the first sync renames them to the team's ids, so
    they are the same records as those of a teammate who made them after signing in."""
    assert with_defaults(a) == default_target_id(PORTAL)  # no team yet
    edit_default(a, notes="张伟：门户需要VPN")  # an edit waiting to be pushed goes with the rename
    b.sync()
    assert with_defaults(b) == default_target_id(PORTAL, "一组")
    edit_default(b, url="https://xy.example.cn/")
    a.sync()
    assert portal_id(a) == default_target_id(PORTAL, "一组")
    b.sync()
    a.sync()
    for client in (a, b):
        assert (portal(client)["url"], portal(client)["notes"]) == ("https://xy.example.cn/", "张伟：门户需要VPN")
    assert [r.id for r in hub_records(hub, "probe_targets")] == [default_target_id(PORTAL, "一组")]
    assert conflicts(a.store) == conflicts(b.store) == []


def test_a_laptop_upgraded_after_its_hub_takes_the_renamed_defaults_without_doubling_them(a, b, hub):
    """Before record schema 3 a team's edited default target was kept on the hub and its laptops under the id every
    team gave it; the hub's upgrade renamed it to the team's id with a new revision. A laptop's first sync after its
    own upgrade lets its unedited copy go and pulls the renamed one, keeping its probe history; a copy holding an
    edit not yet pushed is renamed with it, and the edit goes to the renamed record."""
    portal_module = default_targets(CATALOGUE)[1].name
    old_ids = {name: default_target_id(name) for name in (PORTAL, portal_module)}
    stored = {PORTAL: {"url": "https://xy.example.cn/"}, portal_module: {"url": "https://xy.example.cn/report"}}
    for client in (a, b):
        with client.store.transaction() as session:
            ensure_default_targets(session, CATALOGUE)
        with client.store.transaction() as session:  # as the old sync left them: pulled at revisions 1 and 2
            for rev, name in enumerate((PORTAL, portal_module), 1):
                record = session.get(ProbeTargetRecord, old_ids[name])
                record.server_rev = rev
                for key, value in stored[name].items():
                    setattr(record, key, value)
                session.merge(SyncBase(entity="probe_targets", record_id=old_ids[name], rev=rev,
                                       payload=json.dumps({}, sort_keys=True)))
        with client.store.transaction() as session:
            session.execute(delete(OutboxEntry))  # pushed long ago
            session.add(ProbeResult(target_id=old_ids[PORTAL], started_at=datetime.now(UTC), ok=True))
    edit_default(b, notes="李娜：门户需要VPN")  # waiting to be pushed when the laptop is upgraded
    with hub.db.transaction() as session:  # what the hub's upgrade left: the team's ids, new revisions
        for rev, name in enumerate((PORTAL, portal_module), 3):
            new_id = default_target_id(name, "一组")
            payload = {"id": new_id, "name": name, "platform": "credit", **stored[name]}
            session.add(HubRecord(entity="probe_targets", id=new_id, rev=rev, owner="张伟", team="一组",
                                  payload=payload, field_revs=dict.fromkeys(payload, 1),
                                  field_authors=dict.fromkeys(payload, "张伟")))
        session.get(HubCounter, "rev").value = 4
    a.sync()
    b.sync()
    a.sync()
    for client in (a, b):
        with client.store.session() as session:
            targets = {t.name: t for t in list_targets(session)}
            assert len(targets) == len(default_targets(CATALOGUE))
            assert {targets[n].id for n in (PORTAL, portal_module)} == {default_target_id(n, "一组")
                                                                          for n in (PORTAL, portal_module)}
            assert session.get(ProbeTargetRecord, old_ids[PORTAL]) is None
            # Each laptop's probe history followed the target, and travelled to the other laptop.
            assert [r.target_id for r in session.query(ProbeResult)] == [default_target_id(PORTAL, "一组")] * 2
        assert portal(client)["notes"] == "李娜：门户需要VPN"
        assert portal(client)["url"] == "https://xy.example.cn/"
    assert {r.id for r in hub_records(hub, "probe_targets")} == {default_target_id(n, "一组")
                                                                  for n in (PORTAL, portal_module)}


def test_a_default_target_edited_on_one_laptop_reaches_the_other(a, b):
    a.sync()
    b.sync()
    target_id = with_defaults(a)
    with_defaults(b)
    edit_default(a, url="https://xy.example.cn/")
    a.sync()
    b.sync()
    assert payloads(b.store, "probe_targets")[target_id]["url"] == "https://xy.example.cn/"
    assert payloads(b.store, "probe_targets")[target_id] == payloads(a.store, "probe_targets")[target_id]


def test_a_default_target_edited_on_two_laptops_merges_the_fields(a, b):
    with_defaults(a)
    with_defaults(b)
    edit_default(a, url="https://xy.example.cn/")
    edit_default(b, notes="李娜：门户需要VPN")
    a.sync()
    b.sync()
    a.sync()
    for client in (a, b):
        assert (portal(client)["url"], portal(client)["notes"]) == ("https://xy.example.cn/", "李娜：门户需要VPN")
    assert portal_id(a) == portal_id(b) == default_target_id(PORTAL, "一组")
    assert conflicts(a.store) == conflicts(b.store) == []


def test_a_default_target_edited_by_two_teams_syncs_for_both(make_client, a, hub):
    other = make_client("赵强", team="二组")
    with_defaults(a)
    with_defaults(other)
    edit_default(a, url="https://xy.example.cn/")
    edit_default(other, url="https://xy-2.example.cn/")
    a.sync()
    summary = other.sync()
    assert summary.rejected == []
    a.sync()
    assert portal(other)["url"] == "https://xy-2.example.cn/"
    assert portal(a)["url"] == "https://xy.example.cn/"
    edit_default(a, notes="一组再改")
    edit_default(other, notes="二组再改")
    assert a.sync().rejected == other.sync().rejected == []
    assert (portal(a)["notes"], portal(other)["notes"]) == ("一组再改", "二组再改")
    assert (portal_id(a), portal_id(other)) == (default_target_id(PORTAL, "一组"), default_target_id(PORTAL, "二组"))
    teams = {r.id: r.team for r in hub_records(hub, "probe_targets")}
    assert teams == {portal_id(a): "一组", portal_id(other): "二组"}
    assert conflicts(a.store) == conflicts(other.store) == []


def test_the_same_month_of_indicators_imported_by_two_teams_syncs_for_both(make_client, a, hub):
    other = make_client("赵强", team="二组")
    a.sync()
    other.sync()
    for client, value in ((a, 12.0), (other, 15.0)):
        with client.store.transaction() as session:
            ensure_default_indicators(session)
            save_values(session, "2026-10", {("渠县", "approval_days"): value}, "省平台导出")
    assert a.sync().rejected == other.sync().rejected == []
    a.sync()
    for client, value in ((a, 12.0), (other, 15.0)):
        with client.store.session() as session:
            assert month_values(session, "2026-10") == {("渠县", "approval_days"): value}
    assert {r.team for r in hub_records(hub, "indicator_values")} == {"一组", "二组"}


# -- a record the hub can never take -----------------------------------------------------------------------------
def test_a_field_too_long_for_the_hub_is_refused_in_words(a):
    add_fault(a.store, "系统日志", description="x" * (MAX_TEXT + 1))
    summary = a.sync()
    assert any(f"longer than {MAX_TEXT} characters" in line for line in summary.rejected)
    assert any(c.entity == "incidents" and c.field == "*" for c in conflicts(a.store))


def test_a_refused_oversized_record_does_not_breed_conflicts(a):
    """The conflict kept for a refused record must itself be one the hub takes, or every sync would add another."""
    add_fault(a.store, "系统日志", description="x" * (MAX_TEXT + 1))
    a.sync()
    kept = [(c.entity, c.record_id) for c in conflicts(a.store)]
    assert ("incidents", "*") in {(c.entity, c.field) for c in conflicts(a.store)}
    second = a.sync()
    third = a.sync()
    assert second.rejected == third.rejected == []
    assert outbox(a.store) == []
    assert [(c.entity, c.record_id) for c in conflicts(a.store)] == kept
    assert all(len(c.other_value) <= MAX_TEXT and len(c.kept_value) <= MAX_TEXT for c in conflicts(a.store))


def test_a_refused_new_record_leaves_no_orphans_parked_on_the_team(a, b):
    """The history line of a refused new incident must not reach the team, where it would wait for ever."""
    add_fault(a.store, "系统日志", description="x" * (MAX_TEXT + 1))
    a.sync()
    b.sync()
    assert b.sync().parked == 0
    assert parked(b.store) == 0


def test_a_pulled_page_is_announced_with_what_it_applied(a, b):
    from dzdesk.store.events import Source

    incident_id = add_fault(a.store, "网上大厅登录缓慢")
    target_id = add_target(a.store, "审批系统-数据库")
    a.sync()
    heard = []
    b.store.changes.subscribe(heard.append)
    b.sync()
    pulled = [changes for changes in heard if Source.PULL in changes.sources]
    assert pulled, heard
    assert {"incidents", "probe_targets"} <= set().union(*(c.entities for c in pulled))
    assert {incident_id, target_id} <= set().union(*(c.ids for c in pulled))
