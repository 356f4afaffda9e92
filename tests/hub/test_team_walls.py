"""Every hub endpoint against every kind of caller: the record's owner, a teammate, an engineer of another team, a
lead of the team, a lead of another team only, and a revoked account. Another team's record, blob or parent is
answered exactly as one that does not exist; a refused change stores nothing, children included; a client of
another record schema is refused in words."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import func, select

from dzdesk.hub.accounts import revoke_user
from dzdesk.hub.models import HubBlobRef, HubRecord
from dzdesk.sync.protocol import SCHEMA_VERSION, Role
from tests.hub.test_api import Api, change, fields, new_id

CALLERS = ("owner", "teammate", "other team", "lead", "other lead", "revoked")
READS = {"owner", "teammate", "lead"}  # who may read team 一组's records and blobs
CHANGES = {"owner", "lead"}  # who may change 李明's fault, or add under it


@pytest.fixture
def walls(hub) -> Any:
    """Team 一组's fault and signed visit with its signature, and an account of every kind."""
    made: dict[str, Api] = {}
    for caller, name, role, team, leads in (
            ("owner", "李明", Role.ENGINEER, "一组", ()), ("teammate", "王芳", Role.ENGINEER, "一组", ()),
            ("other team", "赵强", Role.ENGINEER, "二组", ()), ("lead", "组长", Role.LEAD, "三组", ("一组",)),
            ("other lead", "二组组长", Role.LEAD, "二组", ()), ("revoked", "离职者", Role.ENGINEER, "一组", ())):
        made[caller] = Api(hub.url, hub.add_user(name, role, team, leads), name)
    owner = made["owner"]
    signature = "客户签名".encode() * 100
    sha = hashlib.sha256(signature).hexdigest()
    assert owner.http.put(f"/v1/blobs/{sha}", content=signature).status_code == 201
    fault, visit = new_id(), new_id()
    owner.results(change("incidents", fault, fields(title="网上大厅无法登录")),
                  change("visits", visit, fields(office="达川区住建局", signature_sha256=sha)))
    with hub.db.transaction() as session:
        revoke_user(session, "离职者")
    yield {"apis": made, "fault": fault, "visit": visit, "sha": sha, "signature": signature, "hub": hub}
    for api in made.values():
        api.close()


def _stored(hub: Any, entity: str) -> int:
    with hub.db.transaction() as session:
        return session.scalar(select(func.count()).select_from(HubRecord).where(HubRecord.entity == entity)) or 0


@pytest.mark.parametrize("caller", CALLERS)
def test_reading_a_record_the_feed_and_a_blob(walls: dict[str, Any], caller: str) -> None:
    api: Api = walls["apis"][caller]
    record = api.http.get(f"/v1/records/incidents/{walls['fault']}")
    made_up = api.http.get(f"/v1/records/incidents/{new_id()}")
    feed = api.http.get("/v1/changes", params={"schema_version": SCHEMA_VERSION})
    head = api.http.head(f"/v1/blobs/{walls['sha']}")
    blob = api.http.get(f"/v1/blobs/{walls['sha']}")
    never = api.http.get(f"/v1/blobs/{hashlib.sha256(b'never sent').hexdigest()}")
    if caller == "revoked":
        assert {r.status_code for r in (record, feed, head, blob)} == {401}
        return
    if caller in READS:
        assert record.status_code == 200 and record.json()["payload"]["title"] == "网上大厅无法登录"
        assert {r["id"] for r in feed.json()["changes"]} == {walls["fault"], walls["visit"]}
        assert (head.status_code, blob.content) == (200, walls["signature"])
    else:
        # Not yours reads exactly like does not exist: status, body and headers alike.
        assert (record.status_code, record.json()) == (made_up.status_code, made_up.json()) == \
            (404, {"detail": "no such record"})
        assert feed.json()["changes"] == []
        assert head.status_code == 404
        assert (blob.status_code, blob.json()) == (never.status_code, never.json()) == (404, {"detail": "no such blob"})
        assert dict(blob.headers) | {"date": "", "content-length": ""} == \
            dict(never.headers) | {"date": "", "content-length": ""}


@pytest.mark.parametrize("caller", CALLERS)
def test_changing_a_record_and_adding_under_it(walls: dict[str, Any], caller: str) -> None:
    api: Api = walls["apis"][caller]
    hub = walls["hub"]
    pauses_before = _stored(hub, "incident_pauses")
    edit = api.push(change("incidents", walls["fault"], fields(30, title=f"{caller} 改"), base_rev=1,
                           changed=["title"]))
    pause = change("incident_pauses", new_id(), fields(incident_id=walls["fault"], reason="等客户",
                                                       start_at="2026-11-20T02:00:00+00:00"))
    photo = change("visit_attachments", new_id(), fields(visit_id=walls["visit"], sha256=walls["sha"],
                                                         filename="现场.jpg"))
    children = api.push(pause, photo)
    made_up = api.push(change("incident_pauses", new_id(), fields(incident_id=new_id(), reason="等客户")))
    if caller == "revoked":
        assert {edit.status_code, children.status_code, made_up.status_code} == {401}
        assert _stored(hub, "incident_pauses") == pauses_before
        return
    [edited] = edit.json()["results"]
    added = children.json()["results"]
    [nowhere] = made_up.json()["results"]
    if caller in CHANGES:
        assert edited["outcome"] == "applied"
        assert [r["outcome"] for r in added] == ["applied", "applied"]
        return
    assert edited["outcome"] == "rejected"
    assert [r["outcome"] for r in added] == ["rejected", "rejected"]
    if caller == "teammate":
        assert edited["message"] == "this record belongs to 李明; only they or a lead may change it"
    else:  # another team: the fault is answered as one that is not there, and so is its parent for a child
        assert edited["message"] == "no such record on the hub"
        assert added[0]["message"] == nowhere["message"] == "its incident is not on the hub (refused or not yet sent)"
        assert added[1]["message"] == "its visit is not on the hub (refused or not yet sent)"
    assert _stored(hub, "incident_pauses") == pauses_before
    assert _stored(hub, "visit_attachments") == 0
    assert walls["apis"]["owner"].record("incidents", walls["fault"])["payload"]["title"] == "网上大厅无法登录"


def test_a_refused_edit_stores_nothing_of_its_batch_children_included(walls: dict[str, Any]) -> None:
    """The teammate's edit of 李明's fault comes with its history line; the hub keeps neither."""
    teammate: Api = walls["apis"]["teammate"]
    results = teammate.results(
        change("incidents", walls["fault"], fields(30, title="王芳改"), base_rev=1, changed=["title"]),
        change("incident_events", new_id(), fields(incident_id=walls["fault"], kind="edit", note="王芳改了标题")))
    assert [r["outcome"] for r in results] == ["rejected", "rejected"]
    assert _stored(walls["hub"], "incident_events") == 0
    # A new fault of hers and its history line in one batch are both taken: the refusal is about whose it is.
    own = new_id()
    results = teammate.results(change("incidents", own, fields(title="王芳的故障")),
                               change("incident_events", new_id(), fields(incident_id=own, kind="created")))
    assert [r["outcome"] for r in results] == ["applied", "applied"]


def test_another_team_cannot_name_a_blob_it_never_had_to_read_it(walls: dict[str, Any]) -> None:
    """Naming a blob in a record is how a team reads it; a sha256 learnt elsewhere is not enough."""
    other: Api = walls["apis"]["other team"]
    [result] = other.results(change("visits", new_id(), fields(office="二组的走访", signature_sha256=walls["sha"])))
    assert result["outcome"] == "rejected"
    assert result["message"] == f"its file {walls['sha'][:12]}… is not on the hub: upload it first"
    assert other.http.get(f"/v1/blobs/{walls['sha']}").status_code == 404
    with walls["hub"].db.transaction() as session:
        teams = set(session.scalars(select(HubBlobRef.team).where(HubBlobRef.sha256 == walls["sha"])))
    assert teams == {"一组"}


def test_a_lead_of_several_teams_works_in_each_and_files_a_child_under_its_parents_team(hub) -> None:
    with Api(hub.url, hub.add_user("李明", Role.ENGINEER, "一组"), "李明") as li, \
            Api(hub.url, hub.add_user("赵强", Role.ENGINEER, "二组"), "赵强") as zhao, \
            Api(hub.url, hub.add_user("总组长", Role.LEAD, "一组", ("二组",)), "总组长") as lead:
        theirs = new_id()
        zhao.results(change("incidents", theirs, fields(title="二组的故障")))
        pause = new_id()
        [added] = lead.results(change("incident_pauses", pause, fields(incident_id=theirs, reason="等客户")))
        assert added["outcome"] == "applied"
        # The pause lives in 二组 with its fault: 二组 reads it, 一组 does not.
        assert {r["id"] for r in zhao.pull_all()} == {theirs, pause}
        assert li.pull_all() == []
        assert lead.record("incident_pauses", pause)["owner"] == "总组长"


def test_a_client_of_another_record_schema_is_refused_in_words(walls: dict[str, Any]) -> None:
    api: Api = walls["apis"]["owner"]
    before = _stored(walls["hub"], "incidents")
    for version, words in ((SCHEMA_VERSION + 1, "the hub is older than this dzdesk"),
                           (SCHEMA_VERSION - 1, "this dzdesk is too old for the hub"), (None, "too old")):
        body: dict[str, Any] = {"batch_id": new_id(), "changes": [change("incidents", new_id(), fields(title="新"))]}
        params: dict[str, Any] = {}
        if version is not None:
            body["schema_version"] = version
            params["schema_version"] = version
        pushed = api.http.post("/v1/push", json=body)
        pulled = api.http.get("/v1/changes", params=params)
        for response in (pushed, pulled):
            assert response.status_code == 426, response.text
            assert words in response.json()["detail"]
    assert _stored(walls["hub"], "incidents") == before
    # A field the hub does not know is refused with the change, not stored or dropped.
    [result] = api.results(change("incidents", new_id(), fields(title="新", warp_speed=9)))
    assert (result["outcome"], result["message"]) == (
        "rejected", "the hub does not know the field 'warp_speed' of incidents; nothing was stored")


def test_the_client_says_a_schema_mismatch_in_words(walls: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from dzdesk.sync import client as client_module
    from dzdesk.sync.client import HubClient, HubError

    monkeypatch.setattr(client_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with HubClient(walls["hub"].url, walls["apis"]["owner"].token) as hub_client, \
            pytest.raises(HubError, match="the hub is older than this dzdesk"):
        hub_client.changes(0, 10)


def test_the_push_answer_carries_the_merged_version(walls: dict[str, Any]) -> None:
    owner, lead = walls["apis"]["owner"], walls["apis"]["lead"]
    lead.one(change("incidents", walls["fault"], fields(10, title="网上大厅无法登录", assignee="组长"), base_rev=1,
                    changed=["assignee"]))
    sent = fields(20, title="网上大厅登录很慢", assignee="")
    result = owner.one(change("incidents", walls["fault"], sent, base_rev=1, changed=["title"]))
    assert result["outcome"] == "merged"
    assert result["payload"] == owner.record("incidents", walls["fault"])["payload"]
    assert (result["payload"]["title"], result["payload"]["assignee"]) == ("网上大厅登录很慢", "组长")
    # Stored exactly as sent: no version in the answer.
    again = owner.one(change("incidents", walls["fault"], {**result["payload"], "title": "再改"},
                             base_rev=result["rev"], changed=["title"]))
    assert (again["outcome"], again["payload"]) == ("applied", None)



def test_teammates_uploading_one_blob_at_the_same_moment_both_succeed(hub) -> None:
    """Two uploads of the same bytes race for the blob row and the team's reference to it; neither fails."""
    from concurrent.futures import ThreadPoolExecutor

    with Api(hub.url, hub.add_user("李明"), "李明") as li, Api(hub.url, hub.add_user("王芳"), "王芳") as wang:
        for n in range(8):
            data = f"现场照片 {n}".encode() * 1000
            sha = hashlib.sha256(data).hexdigest()
            with ThreadPoolExecutor(2) as pool:
                answers = list(pool.map(lambda api, sha=sha, data=data: api.http.put(
                    f"/v1/blobs/{sha}", content=data).status_code, (li, wang)))
            assert sorted(answers) in ([200, 201], [201, 201]), answers
            assert li.http.get(f"/v1/blobs/{sha}").content == wang.http.get(f"/v1/blobs/{sha}").content == data
