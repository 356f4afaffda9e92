"""Probe results travel to the team: sent once however often they are sent, read back by every laptop of the team
and by nobody else, each with who probed from where, and a watcher's heartbeat seen by all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from dzdesk.domain.probe_outcome import Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.hub.models import HubProbeResult
from dzdesk.hub.probe_results import prune
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import record_outcomes
from dzdesk.store.vantages import known_vantages
from dzdesk.sync.client import HubClient, HubUnreachableError
from dzdesk.sync.engine import synchronise
from dzdesk.sync.probe_results import Vantage
from tests.sync.helpers import Wrapped, add_target

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def probe(client, target_id, minutes, ok=True, network="达川区政务服务中心内网"):
    with client.store.transaction() as session:
        target = session.get(ProbeTargetRecord, target_id)
        record_outcomes(session, [(target, ProbeOutcome(target.name, START + timedelta(minutes=m), ok,
                                                        12.5 if ok else None, None if ok else Failure.TIMEOUT,
                                                        "" if ok else "10 s")) for m in minutes],
                        ConfirmPolicy(3, 2), interval_s=300, network=network)


def results(client):
    with client.store.session() as session:
        return {r.result_id: (r.target_id, r.started_at, r.ok, r.vantage, r.network, r.uploaded)
                for r in session.scalars(select(ProbeResult))}


def hub_count(hub):
    with hub.db.transaction() as session:
        return session.scalar(select(func.count()).select_from(HubProbeResult))


def test_every_laptop_of_the_team_ends_with_every_result_once(a, b, hub):
    target_id = add_target(a.store, "审批系统-网上大厅")
    a.sync()
    b.sync()
    probe(a, target_id, range(0, 60, 5))
    probe(b, target_id, range(120, 180, 5), ok=False, network="")
    assert a.sync().results_sent == 12
    assert b.sync().results_sent == 12
    assert a.sync().results_pulled == 12
    assert results(a) == results(b)
    assert len(results(a)) == hub_count(hub) == 24
    vantages = {v for _t, _at, _ok, v, _n, _u in results(a).values()}
    assert len(vantages) == 2 and all(v.startswith(("张伟@", "李娜@")) for v in vantages)
    assert {n for *_rest, n, _u in results(b).values()} == {"达川区政务服务中心内网", ""}
    assert all(uploaded for *_rest, uploaded in results(a).values())
    assert a.sync().results_sent == b.sync().results_sent == 0


def test_results_sent_again_after_a_lost_answer_are_stored_once(a, hub):
    target_id = add_target(a.store, "审批系统-网上大厅")
    probe(a, target_id, range(0, 30, 5))

    def lose_the_answer(request, forward):
        response = forward(request)
        if request.url.path.endswith("/probe-results"):
            raise httpx.RemoteProtocolError("the connection broke off before the answer", request=request)
        return response

    with pytest.raises(HubUnreachableError):
        a.sync(Wrapped(lose_the_answer))
    assert hub_count(hub) == 6
    assert not any(uploaded for *_rest, uploaded in results(a).values())
    summary = a.sync()
    assert summary.results_sent == 0 and hub_count(hub) == 6
    assert all(uploaded for *_rest, uploaded in results(a).values())


def test_another_teams_results_never_reach_a_laptop(a, make_client, hub):
    other = make_client("赵强", team="二组")
    mine, theirs = add_target(a.store, "审批系统-网上大厅"), add_target(other.store, "信用平台-门户")
    probe(a, mine, range(0, 30, 5))
    probe(other, theirs, range(0, 30, 5))
    a.sync()
    other.sync()
    a.sync()
    assert {t for t, *_rest in results(a).values()} == {mine}
    assert {t for t, *_rest in results(other).values()} == {theirs}
    assert hub_count(hub) == 12


def test_a_watchers_heartbeat_is_seen_by_every_laptop(a, b, make_client):
    watcher = make_client("值守机", team="一组")
    with watcher.client() as client:
        synchronise(watcher.store, watcher.blobs, client, vantage=Vantage("值守机@hub-server", "watcher", "机房"))
    b.sync()
    with b.store.session() as session:
        [seen] = [v for v in known_vantages(session) if v.kind == "watcher"]
    assert (seen.vantage, seen.network, seen.team) == ("值守机@hub-server", "机房", "一组")
    assert datetime.now(UTC) - seen.last_seen < timedelta(minutes=1)


def test_the_hub_keeps_raw_results_at_least_four_hundred_days(a, hub):
    target_id = add_target(a.store, "审批系统-网上大厅")
    with a.store.transaction() as session:
        target = session.get(ProbeTargetRecord, target_id)
        now = datetime.now(UTC)
        record_outcomes(session, [(target, ProbeOutcome(target.name, now - timedelta(days=d), True, 10.0))
                                  for d in (1, 399, 401, 800)], ConfirmPolicy(3, 2), interval_s=300)
    a.sync()  # the hub prunes as results arrive, once an hour a process: whether now depends on the tests before
    prune(hub.db, keep_days=30)  # asked for 30 days, keeps 400 all the same
    with hub.db.transaction() as session:
        kept = sorted((now - at.replace(tzinfo=at.tzinfo or UTC)).days
                      for at in session.scalars(select(HubProbeResult.started_at)))
    assert kept == [1, 399]


def test_a_hub_page_of_results_out_of_order_is_refused(a, hub):
    target_id = add_target(a.store, "审批系统-网上大厅")
    probe(a, target_id, range(0, 30, 5))
    a.sync()

    def shuffle(request, forward):
        response = forward(request)
        if request.url.path.endswith("/changes"):
            body = response.json()
            body["results"].reverse()
            return httpx.Response(200, json=body)
        return response

    with HubClient(a.hub_url, a.token, transport=Wrapped(shuffle)) as client, pytest.raises(Exception) as refused:
        client.changes(0, 500, 0)
    assert "out of order" in str(refused.value)
