"""The hub's HTTP API against a real hub on 127.0.0.1, on SQLite and on PostgreSQL (the `hub` fixture).

Covers sign-in, pushing (revisions, authorship, idempotent batches, validation), field-by-field merging and
conflicts, permissions, paged pulls, blobs, security headers, several hub processes on one PostgreSQL database
and the `dzdesk hub` account commands.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from dzdesk.hub.accounts import hash_token, revoke_user
from dzdesk.hub.models import HubUser
from dzdesk.sync.protocol import MAX_BATCH, MAX_BLOB_BYTES, MAX_BODY_BYTES, MAX_PAGE, SCHEMA_VERSION, Role
from tests.support.cli import run_dzdesk_process
from tests.support.hub import RunningHub, running_hub

SECURITY_HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "cache-control": "no-store"}
START = datetime(2030, 1, 1, tzinfo=UTC)


def at(seconds: float) -> str:
    """A client's `updated_at`, as dzdesk writes it: UTC, ISO 8601."""
    return (START + timedelta(seconds=seconds)).isoformat()


def new_id() -> str:
    return str(uuid.uuid4())


def change(entity: str, record_id: str, payload: dict[str, Any], base_rev: int = 0,
           changed: list[str] | None = None) -> dict[str, Any]:
    return {"entity": entity, "id": record_id, "base_rev": base_rev,
            "changed": list(payload) if changed is None else changed, "payload": payload}


def fields(seconds: float = 0, **values: Any) -> dict[str, Any]:
    """A record's payload with the bookkeeping fields a client sends."""
    return {"created_at": at(0), "updated_at": at(seconds), "deleted": False, **values}


class Api:
    """One signed-in user of the hub."""

    def __init__(self, base_url: str, token: str, name: str) -> None:
        self.name = name
        self.token = token
        self.http = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def push(self, *changes: dict[str, Any], batch_id: str | None = None) -> httpx.Response:
        return self.http.post("/v1/push", json={"batch_id": batch_id or new_id(), "schema_version": SCHEMA_VERSION,
                                                "changes": list(changes)})

    def results(self, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.push(*changes)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def one(self, single: dict[str, Any]) -> dict[str, Any]:
        [result] = self.results(single)
        return result

    def page(self, since: int = 0, limit: int = 500) -> dict[str, Any]:
        response = self.http.get("/v1/changes", params={"since": since, "limit": limit,
                                                             "schema_version": SCHEMA_VERSION})
        assert response.status_code == 200, response.text
        return response.json()

    def pull_all(self, limit: int = 500) -> list[dict[str, Any]]:
        since, seen = 0, []
        while True:
            page = self.page(since, limit)
            seen += page["changes"]
            since = page["next_since"]
            if not page["more"]:
                return seen

    def record(self, entity: str, record_id: str) -> dict[str, Any]:
        response = self.http.get(f"/v1/records/{entity}/{record_id}")
        assert response.status_code == 200, response.text
        return response.json()

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def connect(hub) -> Iterator[Any]:
    """connect(name, role, team) makes an account on the hub and returns its signed-in Api."""
    opened: list[Api] = []

    def make(name: str, role: Role = Role.ENGINEER, team: str = "一组", on: RunningHub | None = None,
             leads: tuple[str, ...] = ()) -> Api:
        token = hub.add_user(name, role, team, leads)
        api = Api((on or hub).url, token, name)
        opened.append(api)
        return api

    yield make
    for api in opened:
        api.close()


@pytest.fixture
def server_errors_unlogged(hub) -> Iterator[None]:
    """For the tests whose hub answers 500 (the bugs they show): the hub's traceback is not logged.

    Python 3.11's traceback formatting calls ast.parse, whose recursion counter is shared by all threads: the
    server thread formatting its traceback while pytest formats the test's own fails with "AST constructor
    recursion depth mismatch" and aborts the whole session. (Requests `hub`, whose uvicorn.Config sets the level.)
    """
    logger = logging.getLogger("uvicorn.error")
    previous = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    yield
    httpx.get(f"{hub.url}/v1/health")  # one more turn of the server's event loop before logging is back
    logger.setLevel(previous)


def as_user(api: Api, on: RunningHub) -> Api:
    """The same account, talking to another hub process."""
    return Api(on.url, api.token, api.name)


# ---------------------------------------------------------------- sign-in


def _endpoint_calls(record_id: str, sha: str) -> list[tuple[str, str, dict[str, Any]]]:
    push_body = {"batch_id": new_id(), "schema_version": SCHEMA_VERSION,
                 "changes": [change("visits", record_id, fields(office="x", signature_sha256=sha))]}
    return [
        ("GET", "/v1/me", {}),
        ("PUT", f"/v1/blobs/{sha}", {"content": b"blob"}),  # before the record naming it, as a client sends them
        ("POST", "/v1/push", {"json": push_body}),
        ("GET", "/v1/changes", {"params": {"since": 0, "limit": 10, "schema_version": SCHEMA_VERSION}}),
        ("GET", f"/v1/records/visits/{record_id}", {}),
        ("HEAD", f"/v1/blobs/{sha}", {}),
        ("GET", f"/v1/blobs/{sha}", {}),
    ]


def test_every_endpoint_but_health_refuses_a_missing_wrong_or_revoked_token(hub):
    assert httpx.get(f"{hub.url}/v1/health").json()["status"] == "ok"
    assert httpx.get(f"{hub.url}/openapi.json").status_code == 200
    token = hub.add_user("李明")
    sha = hashlib.sha256(b"blob").hexdigest()
    record_id = new_id()
    bad_credentials = {
        "no header": {},
        "bare scheme": {"Authorization": "Bearer"},
        "other scheme": {"Authorization": f"Basic {token}"},
        "wrong token": {"Authorization": "Bearer dzh_" + "x" * 43},
        "hash as token": {"Authorization": f"Bearer {hash_token(token)}"},
    }
    with httpx.Client(base_url=hub.url, timeout=30) as http:
        for label, headers in bad_credentials.items():
            for method, path, kwargs in _endpoint_calls(record_id, sha):
                response = http.request(method, path, headers=headers, **kwargs)
                assert response.status_code == 401, (label, method, path, response.text)
                if method != "HEAD":
                    assert response.headers["www-authenticate"] == "Bearer"
        # The right token passes every endpoint (a control for the refusals above, and for the revoked token).
        good = {"Authorization": f"Bearer {token}"}
        for method, path, kwargs in _endpoint_calls(record_id, sha):
            response = http.request(method, path, headers=good, **kwargs)
            assert response.status_code in (200, 201), (method, path, response.text)

        with hub.db.transaction() as session:
            revoke_user(session, "李明")
        for method, path, kwargs in _endpoint_calls(new_id(), sha):
            response = http.request(method, path, headers=good, **kwargs)
            assert response.status_code == 401, ("revoked", method, path, response.text)
        assert http.get("/v1/me", headers=good).json()["detail"] == "the token is unknown or revoked"
        # Nothing the revoked user sent after revocation was stored.
        lead = hub.add_user("组长", Role.LEAD, "", ("一组",))
        assert [r["id"] for r in http.get("/v1/changes", params={"schema_version": SCHEMA_VERSION},
                                          headers={"Authorization": f"Bearer {lead}"}).json()["changes"]] == [record_id]


def test_me_names_the_user_and_the_hub_keeps_only_the_tokens_sha256(hub):
    engineer = hub.add_user("李明", Role.ENGINEER, "一组")
    lead = hub.add_user("王组长", Role.LEAD, "二组")
    me = httpx.get(f"{hub.url}/v1/me", headers={"Authorization": f"Bearer {engineer}"})
    assert me.json() == {"name": "李明", "role": "engineer", "team": "一组", "teams": ["一组"]}
    me = httpx.get(f"{hub.url}/v1/me", headers={"Authorization": f"Bearer {lead}"})
    assert me.json() == {"name": "王组长", "role": "lead", "team": "二组", "teams": ["二组"]}

    with hub.db.transaction() as session:
        user = session.scalar(select(HubUser).where(HubUser.name == "李明"))
        assert user.token_hash == hashlib.sha256(engineer.encode()).hexdigest()
        rows = session.execute(text("SELECT * FROM hub_users")).all()
    assert len(rows) == 2
    stored = " ".join(str(value) for row in rows for value in row)
    for token in (engineer, lead):
        assert token not in stored
        assert token[4:] not in stored  # not even without its prefix


# ---------------------------------------------------------------- push


def test_new_records_get_revisions_in_order_and_the_pushers_name(hub, connect):
    li = connect("李明")
    ids = [new_id() for _ in range(3)]
    results = li.results(*(change("incidents", i, fields(title=f"故障{n}", author="冒名顶替"))
                           for n, i in enumerate(ids)))
    assert [(r["id"], r["outcome"], r["rev"], r["message"]) for r in results] == [
        (ids[0], "applied", 1, ""), (ids[1], "applied", 2, ""), (ids[2], "applied", 3, "")]
    more = li.results(change("visits", new_id(), fields(office="站点")))
    assert more[0]["rev"] == 4

    feed = li.pull_all()
    assert [r["rev"] for r in feed] == [1, 2, 3, 4]
    for record in feed:
        assert record["owner"] == "李明"
        assert record["payload"]["author"] == "李明"
    stored = li.record("incidents", ids[1])
    assert stored["payload"] == {**fields(title="故障1"), "author": "李明", "id": ids[1]}

    # Nor can another user rewrite the author of an existing record.
    lead = connect("组长", Role.LEAD, "", leads=("一组", "二组"))
    lead.one(change("incidents", ids[0], fields(5, title="改", author="组长"), base_rev=1, changed=["title", "author"]))
    assert li.record("incidents", ids[0])["payload"]["author"] == "李明"


def test_a_retried_batch_gets_the_same_answer_and_changes_nothing(hub, connect):
    li = connect("李明")
    batch_id = new_id()
    record_id = new_id()
    first = li.push(change("incidents", record_id, fields(title="原来")),
                    change("sync_conflicts", new_id(), fields(field="x")),
                    change("nonsense", new_id(), fields()), batch_id=batch_id)
    assert first.status_code == 200
    feed_before = li.pull_all()
    assert len(feed_before) == 2

    again = li.push(change("incidents", record_id, fields(title="原来")),
                    change("sync_conflicts", new_id(), fields(field="x")),
                    change("nonsense", new_id(), fields()), batch_id=batch_id)
    assert again.status_code == 200
    assert again.json() == first.json()
    # Even a retry that (wrongly) carries other changes is answered from the first push and stores nothing.
    other = li.push(change("incidents", record_id, fields(9, title="别的")), batch_id=batch_id)
    assert other.json() == first.json()
    assert li.pull_all() == feed_before
    assert li.record("incidents", record_id)["payload"]["title"] == "原来"
    assert li.one(change("incidents", new_id(), fields()))["rev"] == 3  # no revision was used up by the retries

    # The same batch id from another user is refused (409: send it as a new batch), not answered with the first
    # user's results.
    wang = connect("王芳")
    refused = wang.push(change("incidents", new_id(), fields()), batch_id=batch_id)
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("this batch id was used by another account")
    assert len(li.pull_all()) == 3


def test_a_batch_longer_than_max_batch_is_refused(hub, connect):
    li = connect("李明")
    too_many = [change("incidents", new_id(), {"n": n}) for n in range(MAX_BATCH + 1)]
    assert li.push(*too_many).status_code == 422
    assert li.pull_all() == []
    assert len(li.results(*too_many[:MAX_BATCH])) == MAX_BATCH


def test_a_body_over_max_body_bytes_is_refused_with_413(hub, connect):
    li = connect("李明")
    body = b'{"batch_id":"' + new_id().encode() + b'","changes":[],"pad":"'
    body += b"x" * (MAX_BODY_BYTES + 1 - len(body) - 2) + b'"}'
    assert len(body) == MAX_BODY_BYTES + 1
    response = li.http.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "larger than 16 MB" in response.json()["detail"]
    assert li.pull_all() == []


def _chunks(data: bytes, size: int = 1 << 20) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


def test_a_streamed_push_body_over_max_body_bytes_is_refused_with_413(hub, connect):
    li = connect("李明")
    body = b'{"batch_id":"' + new_id().encode() + b'","changes":[],"pad":"' + b"x" * MAX_BODY_BYTES + b'"}'
    response = li.http.post("/v1/push", content=_chunks(body), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_streamed_blob_over_max_blob_bytes_is_refused_with_413(hub, connect, server_errors_unlogged):
    li = connect("李明")
    data = b"\0" * (MAX_BLOB_BYTES + 1)
    sha = hashlib.sha256(data).hexdigest()
    response = li.http.put(f"/v1/blobs/{sha}", content=_chunks(data))
    assert response.status_code == 413
    assert li.http.head(f"/v1/blobs/{sha}").status_code == 404


def test_invalid_changes_are_rejected_in_words_and_the_rest_of_the_batch_applied(hub, connect):
    li = connect("李明")
    good_first, good_last = new_id(), new_id()
    bad = {
        "unknown entity": change("spaceships", new_id(), fields()),
        "plain value": change("incidents", new_id(), fields(description={"a": 1})),
        "not list": change("incidents", new_id(), fields(title=["a", "b"])),
        "invalid field name": change("incidents", new_id(), fields(**{"Bad-Name": 1})),
        "leading digit": change("incidents", new_id(), fields(**{"1x": 1})),
        "trailing newline": change("incidents", new_id(), fields(**{"title\n": 1})),
        "not in the payload": change("incidents", new_id(), fields(title="t"), changed=["title", "missing"]),
    }
    results = li.results(change("incidents", good_first, fields(title="好")), *bad.values(),
                         change("visits", good_last, fields(office="站")))
    assert [r["outcome"] for r in results] == ["applied", *["rejected"] * len(bad), "applied"]
    assert (results[0]["rev"], results[-1]["rev"]) == (1, 2)
    messages = dict(zip(bad, [r["message"] for r in results[1:-1]], strict=True))
    assert messages["unknown entity"] == "unknown entity 'spaceships'"
    assert messages["plain value"] == "field 'description' must be a plain value, not dict"
    assert messages["not list"] == "field 'title' must be a plain value, not list"
    assert messages["invalid field name"] == "invalid field name 'Bad-Name'"
    assert messages["leading digit"] == "invalid field name '1x'"
    assert messages["trailing newline"] == "invalid field name 'title\\n'"
    assert messages["not in the payload"] == "changed field 'missing' is not in the payload"
    for result, sent in zip(results[1:-1], bad.values(), strict=True):
        assert (result["entity"], result["id"], result["rev"]) == (sent["entity"], sent["id"], 0)
    assert sorted(r["id"] for r in li.pull_all()) == sorted([good_first, good_last])


def _raw_push(api: Api, value_literal: str, good_id: str, bad_id: str) -> httpx.Response:
    """A push with a raw JSON literal as the value of a field, which httpx's JSON encoder would not send."""
    good = json.dumps(change("incidents", good_id, {"title": "ok"}))
    bad = json.dumps(change("incidents", bad_id, {"x": "VALUE"})).replace('"VALUE"', value_literal)
    body = f'{{"batch_id": "{new_id()}", "schema_version": {SCHEMA_VERSION}, "changes": [{good}, {bad}]}}'
    return api.http.post("/v1/push", content=body.encode(), headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("literal", ["NaN", "1e400"])
def test_non_finite_numbers_are_refused_in_words(hub, connect, server_errors_unlogged, literal):
    li = connect("李明")
    good_id, bad_id = new_id(), new_id()
    response = _raw_push(li, literal, good_id, bad_id)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert [r["outcome"] for r in response.json()["results"]] == ["applied", "rejected"]
    assert bad_id not in [r["id"] for r in li.pull_all()]


def test_a_lone_surrogate_is_refused_and_does_not_break_the_change_feed(hub, connect, server_errors_unlogged):
    li = connect("李明")
    good_id, bad_id = new_id(), new_id()
    response = _raw_push(li, '"\\ud800"', good_id, bad_id)
    assert response.status_code in (200, 422), response.text
    feed = li.http.get("/v1/changes", params={"schema_version": SCHEMA_VERSION})
    assert feed.status_code == 200, feed.text
    if response.status_code == 200:
        assert [r["outcome"] for r in response.json()["results"]] == ["applied", "rejected"]


# ---------------------------------------------------------------- merging and conflicts

# B may change A's record either as a lead, or because the entity is shared by the team.
OTHER_EDITORS = {"lead on incidents": ("incidents", Role.LEAD), "engineer on probe_targets": ("probe_targets",
                                                                                              Role.ENGINEER)}


@pytest.mark.parametrize("entity, role", OTHER_EDITORS.values(), ids=list(OTHER_EDITORS))
def test_changes_to_different_fields_are_merged(hub, connect, entity, role):
    a, b = connect("李明"), connect("王芳", role)
    record_id = new_id()
    created = a.one(change(entity, record_id, fields(module="h0", platform=80, district="起")))
    assert (created["outcome"], created["rev"]) == ("applied", 1)

    b_result = b.one(change(entity, record_id, fields(10, module="h-b", platform=80, district="起"), base_rev=1,
                            changed=["module", "updated_at"]))
    assert (b_result["outcome"], b_result["rev"]) == ("applied", 2)
    a_result = a.one(change(entity, record_id, fields(20, module="h0", platform=8080, district="起"), base_rev=1,
                            changed=["platform", "updated_at"]))
    assert (a_result["outcome"], a_result["rev"]) == ("merged", 3)

    stored = a.record(entity, record_id)
    assert stored["rev"] == 3
    assert stored["owner"] == "李明"
    assert stored["payload"] == {**fields(20, module="h-b", platform=8080, district="起"), "id": record_id,
                                 "author": "李明"}
    assert [r for r in a.pull_all() if r["entity"] == "sync_conflicts"] == []


@pytest.mark.parametrize("incoming_later", [True, False], ids=["incoming later wins", "server later wins"])
def test_the_same_field_changed_on_both_sides_keeps_the_later_and_records_a_conflict(hub, connect, incoming_later):
    a, b = connect("李明"), connect("王芳")
    record_id = new_id()
    a.one(change("probe_targets", record_id, fields(module="h0", platform=80)))
    b_time, a_time = (10, 20) if incoming_later else (20, 10)
    b_result = b.one(change("probe_targets", record_id, fields(b_time, module="王的主机", platform=80), base_rev=1,
                            changed=["module", "updated_at"]))
    assert (b_result["outcome"], b_result["rev"]) == ("applied", 2)
    a_result = a.one(change("probe_targets", record_id, fields(a_time, module="李的主机", platform=80), base_rev=1,
                            changed=["module", "updated_at"]))
    assert a_result["outcome"] == "conflict"
    assert a_result["message"] == ""

    kept, other = ("李的主机", "王的主机") if incoming_later else ("王的主机", "李的主机")
    kept_author, other_author = ("李明", "王芳") if incoming_later else ("王芳", "李明")
    stored = a.record("probe_targets", record_id)
    assert stored["payload"]["module"] == kept
    assert stored["payload"]["updated_at"] == at(20)
    assert stored["rev"] == a_result["rev"]

    for reader in (a, b):  # the conflict syncs to the whole team
        conflicts = [r for r in reader.pull_all() if r["entity"] == "sync_conflicts"]
        assert len(conflicts) == 1
    conflict = conflicts[0]
    payload = conflict["payload"]
    assert conflict["rev"] != stored["rev"]
    assert payload["entity"] == "probe_targets"
    assert payload["record_id"] == record_id
    assert payload["field"] == "module"
    assert isinstance(payload["kept_value"], str)
    assert isinstance(payload["other_value"], str)
    assert json.loads(payload["kept_value"]) == kept
    assert json.loads(payload["other_value"]) == other
    assert payload["kept_value"] == json.dumps(kept, ensure_ascii=False)
    assert (payload["kept_author"], payload["other_author"]) == (kept_author, other_author)
    assert (payload["kept_at"], payload["other_at"]) == (at(20), at(10))
    assert payload["resolved"] is False
    assert b.record("sync_conflicts", conflict["id"])["payload"] == payload


def test_a_conflict_on_a_number_keeps_it_json_encoded(hub, connect):
    a, b = connect("李明"), connect("王芳")
    record_id = new_id()
    a.one(change("maintenance_windows", record_id, fields(duration_minutes=30)))
    b.one(change("maintenance_windows", record_id, fields(5, duration_minutes=45), base_rev=1))
    third = a.one(change("maintenance_windows", record_id, fields(9, duration_minutes=60), base_rev=1))
    assert third["outcome"] == "conflict"
    [conflict] = [r["payload"] for r in a.pull_all() if r["entity"] == "sync_conflicts"]
    assert (conflict["kept_value"], conflict["other_value"]) == ("60", "45")
    assert a.record("maintenance_windows", record_id)["payload"]["duration_minutes"] == 60


def test_the_later_version_wins_whatever_offset_the_clients_write(hub, connect):
    a, b, c = connect("李明"), connect("王芳"), connect("张伟")
    record_id = new_id()
    a.one(change("probe_targets", record_id, {**fields(module="h0"), "updated_at": "2030-01-01T00:00:00+00:00"}))
    b.one(change("probe_targets", record_id, {**fields(module="b"), "updated_at": "2030-01-01T10:00:00+08:00"},
                 base_rev=1, changed=["module", "updated_at"]))  # 02:00 UTC
    c.one(change("probe_targets", record_id, {**fields(module="c"), "updated_at": "2030-01-01T03:00:00+00:00"},
                 base_rev=1, changed=["module", "updated_at"]))  # 03:00 UTC: the latest, kept
    a.one(change("probe_targets", record_id, {**fields(module="a"), "updated_at": "2030-01-01T02:30:00+00:00"},
                 base_rev=1, changed=["module", "updated_at"]))  # 02:30 UTC: older than c's
    assert a.record("probe_targets", record_id)["payload"]["module"] == "c"


# ---------------------------------------------------------------- permissions


def test_an_engineer_cannot_change_another_engineers_record_but_a_lead_can(hub, connect):
    li, wang, lead = connect("李明"), connect("王芳"), connect("组长", Role.LEAD, "二组", leads=("一组",))
    record_id = new_id()
    li.one(change("incidents", record_id, fields(title="原标题")))

    refused = wang.one(change("incidents", record_id, fields(5, title="王改"), base_rev=1, changed=["title"]))
    assert (refused["outcome"], refused["rev"]) == ("rejected", 0)
    assert "李明" in refused["message"]
    assert refused["message"] == "this record belongs to 李明; only they or a lead may change it"
    assert li.record("incidents", record_id)["payload"]["title"] == "原标题"
    assert li.record("incidents", record_id)["rev"] == 1

    allowed = lead.one(change("incidents", record_id, fields(6, title="组长改"), base_rev=1, changed=["title"]))
    assert (allowed["outcome"], allowed["rev"]) == ("applied", 2)
    stored = li.record("incidents", record_id)
    assert stored["payload"]["title"] == "组长改"
    assert stored["owner"] == "李明"  # a lead's change does not take the record over
    # The owner still may change it.
    assert li.one(change("incidents", record_id, fields(7, title="李改"), base_rev=2, changed=["title"]))["rev"] == 3


def test_shared_entities_can_be_changed_by_the_team_but_not_by_another_team(hub, connect):
    li, wang, zhao = connect("李明"), connect("王芳"), connect("赵强", team="二组")
    for entity, name in (("probe_targets", "notes"), ("maintenance_windows", "note"), ("sync_conflicts", "resolution")):
        record_id = new_id()
        rev = li.one(change(entity, record_id, fields(**{name: "李"})))["rev"]
        same_team = wang.one(change(entity, record_id, fields(5, **{name: "王"}), base_rev=rev, changed=[name]))
        assert same_team["outcome"] == "applied", (entity, same_team)
        other_team = zhao.one(change(entity, record_id, fields(6, **{name: "赵"}), base_rev=same_team["rev"],
                                     changed=[name]))
        assert (other_team["outcome"], other_team["rev"]) == ("rejected", 0), entity
        assert other_team["message"] == "no such record on the hub"
        assert li.record(entity, record_id)["payload"][name] == "王"
    # Nor may another team's engineer change a team's own records.
    record_id = new_id()
    li.one(change("incidents", record_id, fields(title="t")))
    assert zhao.one(change("incidents", record_id, fields(9, title="x"), base_rev=99, changed=["title"]))[
        "outcome"] == "rejected"


def test_engineers_read_only_their_teams_records_and_a_lead_the_teams_it_leads(hub, connect):
    li, wang, zhao = connect("李明"), connect("王芳"), connect("赵强", team="二组")
    sun = connect("孙丽", team="三组")
    team_three = new_id()
    sun.results(change("incidents", team_three, fields(title="三")))
    lead = connect("组长", Role.LEAD, "", leads=("一组", "二组"))
    team_one = [new_id() for _ in range(3)]
    team_two = [new_id() for _ in range(2)]
    li.results(*(change("incidents", i, fields(title="一")) for i in team_one[:2]))
    wang.results(change("probe_targets", team_one[2], fields(host="h")))
    zhao.results(*(change("incidents", i, fields(title="二")) for i in team_two))
    lead_own = new_id()
    lead.results(change("trainings", lead_own, fields(title="培训")))

    assert sorted(r["id"] for r in li.pull_all()) == sorted(team_one)
    assert sorted(r["id"] for r in wang.pull_all()) == sorted(team_one)
    assert sorted(r["id"] for r in zhao.pull_all()) == sorted(team_two)
    assert sorted(r["id"] for r in lead.pull_all()) == sorted([*team_one, *team_two, lead_own])

    assert wang.record("incidents", team_one[0])["owner"] == "李明"
    other_team = zhao.http.get(f"/v1/records/incidents/{team_one[0]}")
    assert other_team.status_code == 404
    assert other_team.json()["detail"] == "no such record"
    assert li.http.get(f"/v1/records/incidents/{team_two[0]}").status_code == 404
    assert lead.record("incidents", team_two[0])["owner"] == "赵强"
    assert lead.http.get(f"/v1/records/incidents/{team_three}").json()["detail"] == "no such record"
    assert team_three not in {r["id"] for r in lead.pull_all()}
    assert li.http.get(f"/v1/records/incidents/{new_id()}").status_code == 404
    assert li.http.get(f"/v1/records/spaceships/{team_one[0]}").status_code == 404
    assert li.http.get("/v1/records/incidents/not-an-id").status_code == 422


# ---------------------------------------------------------------- pull


def test_the_change_feed_pages_in_revision_order(hub, connect):
    li, wang = connect("李明"), connect("王芳")
    ids = [new_id() for _ in range(23)]
    li.results(*(change("incidents", i, fields(district=n)) for n, i in enumerate(ids[:10])))
    wang.results(*(change("probe_targets", i, fields(district=n)) for n, i in enumerate(ids[10:20])))
    li.results(*(change("visits", i, fields(district=n)) for n, i in enumerate(ids[20:])))
    # Changing a record moves it to the end of the feed.
    li.one(change("incidents", ids[0], fields(5, district=100), base_rev=1, changed=["district"]))
    li.one(change("incidents", ids[1], fields(5, district=101), base_rev=2, changed=["district"]))

    since, pages = 0, []
    while True:
        page = li.page(since, limit=5)
        pages.append(page)
        revs = [r["rev"] for r in page["changes"]]
        assert revs == sorted(revs)
        assert all(rev > since for rev in revs)
        assert page["next_since"] == revs[-1]
        since = page["next_since"]
        if not page["more"]:
            break
    assert [len(p["changes"]) for p in pages] == [5, 5, 5, 5, 3]
    assert [p["more"] for p in pages] == [True, True, True, True, False]
    seen = [r for p in pages for r in p["changes"]]
    assert len({r["id"] for r in seen}) == len(seen) == 23
    assert {r["id"] for r in seen} == set(ids)
    assert [r["rev"] for r in seen] == list(range(3, 26))
    assert [r["id"] for r in seen[-2:]] == ids[:2]
    assert seen[-1]["payload"]["district"] == 101
    assert seen == li.pull_all()

    after = li.page(since, limit=5)
    assert after == {"changes": [], "next_since": since, "more": False,
                     "account": {"name": "李明", "role": "engineer", "team": "一组", "teams": ["一组"]},
                     "results": [], "results_next": 0, "results_more": False, "vantages": []}
    account = {"name": "李明", "role": "engineer", "team": "一组", "teams": ["一组"]}
    assert li.page(1000, limit=5) == {"changes": [], "next_since": 1000, "more": False, "account": account,
                                      "results": [], "results_next": 0, "results_more": False, "vantages": []}
    exact = li.page(0, limit=23)
    assert (len(exact["changes"]), exact["more"]) == (23, False)

    assert li.http.get("/v1/changes", params={"limit": MAX_PAGE + 1}).status_code == 422
    assert li.http.get("/v1/changes", params={"limit": 0}).status_code == 422
    assert li.http.get("/v1/changes", params={"since": -1}).status_code == 422
    assert len(li.page(0, MAX_PAGE)["changes"]) == 23


# ---------------------------------------------------------------- blobs


def test_a_blob_is_stored_once_and_read_back(hub, connect):
    li, wang = connect("李明"), connect("王芳", team="二组")
    data = "签名照片".encode() * 5000 + bytes(range(256))
    sha = hashlib.sha256(data).hexdigest()
    assert li.http.head(f"/v1/blobs/{sha}").status_code == 404
    assert li.http.get(f"/v1/blobs/{sha}").status_code == 404

    assert li.http.put(f"/v1/blobs/{sha}", content=data).status_code == 201
    assert li.http.put(f"/v1/blobs/{sha}", content=data).status_code == 200
    assert li.http.head(f"/v1/blobs/{sha}").status_code == 200
    fetched = li.http.get(f"/v1/blobs/{sha}")
    assert fetched.status_code == 200
    assert fetched.content == data
    assert fetched.headers["content-type"] == "application/octet-stream"
    # Another team learns nothing: not from HEAD, not from GET, not from uploading the same bytes (which proves
    # it has them, and lets it read them from then on).
    assert wang.http.head(f"/v1/blobs/{sha}").status_code == 404
    assert wang.http.get(f"/v1/blobs/{sha}").json() == {"detail": "no such blob"}
    assert wang.http.put(f"/v1/blobs/{sha}", content=data).status_code == 201
    assert wang.http.get(f"/v1/blobs/{sha}").content == data

    empty = hashlib.sha256(b"").hexdigest()
    assert li.http.put(f"/v1/blobs/{empty}", content=b"").status_code == 201
    assert li.http.get(f"/v1/blobs/{empty}").content == b""


def test_a_blob_that_does_not_match_its_sha256_or_has_no_sha256_is_refused(hub, connect):
    li = connect("李明")
    data, claimed = b"the real bytes", hashlib.sha256(b"other bytes").hexdigest()
    refused = li.http.put(f"/v1/blobs/{claimed}", content=data)
    assert refused.status_code == 400
    assert "do not match" in refused.json()["detail"]
    assert li.http.head(f"/v1/blobs/{claimed}").status_code == 404
    assert li.http.head(f"/v1/blobs/{hashlib.sha256(data).hexdigest()}").status_code == 404

    for bad in ("xyz", "A" * 64, "a" * 63, "a" * 65, "g" * 64):
        assert li.http.put(f"/v1/blobs/{bad}", content=b"x").status_code == 422, bad
        assert li.http.head(f"/v1/blobs/{bad}").status_code == 422, bad
        assert li.http.get(f"/v1/blobs/{bad}").status_code == 422, bad


# ---------------------------------------------------------------- headers


def test_responses_carry_the_security_headers(hub, connect):
    li = connect("李明")
    sha = hashlib.sha256(b"x").hexdigest()
    responses = {
        "health": httpx.get(f"{hub.url}/v1/health"),
        "me": li.http.get("/v1/me"),
        "401": httpx.get(f"{hub.url}/v1/me"),
        "404": li.http.get(f"/v1/records/incidents/{new_id()}"),
        "422": li.http.get("/v1/changes", params={"limit": 0}),
        "push": li.push(change("incidents", new_id(), fields())),
        "blob put": li.http.put(f"/v1/blobs/{sha}", content=b"x"),
        "blob get": li.http.get(f"/v1/blobs/{sha}"),
        "blob head": li.http.head(f"/v1/blobs/{sha}"),
    }
    for label, response in responses.items():
        for header, value in SECURITY_HEADERS.items():
            assert response.headers.get(header) == value, (label, header, dict(response.headers))


# ---------------------------------------------------------------- several hub processes on one PostgreSQL database


@pytest.fixture
def second_hub(hub) -> Iterator[RunningHub]:
    if hub.db.engine.dialect.name != "postgresql":
        pytest.skip("several hub processes share a database only on PostgreSQL")
    with running_hub(hub.db.engine.url.render_as_string(hide_password=False)) as second:
        yield second


def test_concurrent_pushes_through_two_hubs_get_unique_contiguous_revisions(hub, second_hub, connect):
    writers, batches, per_batch = 6, 8, 4
    apis = [connect(f"工程师{n}", on=hub if n % 2 else second_hub) for n in range(writers)]
    reader = connect("读者")
    reader_two = as_user(reader, second_hub)
    start = threading.Barrier(writers + 1)
    writing = threading.Event()
    writing.set()

    def write(api: Api) -> list[tuple[str, dict[str, Any]]]:
        start.wait(10)
        sent = []
        for _ in range(batches):
            ids = [new_id() for _ in range(per_batch)]
            response = api.push(*(change("incidents", i, fields(title=api.name)) for i in ids))
            assert response.status_code == 200, response.text
            sent += list(zip(ids, response.json()["results"], strict=True))
        return sent

    def read() -> list[dict[str, Any]]:
        start.wait(10)
        since, seen, turn = 0, [], 0
        while True:
            still_writing = writing.is_set()
            while True:  # read to the end of what is committed now, alternating hubs
                page = (reader, reader_two)[turn % 2].page(since, limit=7)
                turn += 1
                seen += page["changes"]
                since = page["next_since"]
                if not page["more"]:
                    break
            if not still_writing:
                return seen

    try:
        with ThreadPoolExecutor(writers + 1) as pool:
            reading = pool.submit(read)
            futures = [pool.submit(write, api) for api in apis]
            try:
                sent = [pair for future in futures for pair in future.result(60)]
            finally:
                writing.clear()  # the reader stops even when a writer failed
            seen = reading.result(60)
    finally:
        reader_two.close()

    total = writers * batches * per_batch
    assert len(sent) == total
    assert all(result["outcome"] == "applied" and result["id"] == i for i, result in sent)
    revs = sorted(result["rev"] for _, result in sent)
    assert revs == list(range(1, total + 1))  # unique and contiguous
    # The reader walked the feed with its cursor only, while the writers ran, and missed nothing.
    assert [r["rev"] for r in seen] == list(range(1, total + 1))
    assert {r["id"] for r in seen} == {i for i, _ in sent}


def test_the_same_batch_raced_through_two_hubs_is_applied_once(hub, second_hub, connect):
    li = connect("李明")
    li_two = as_user(li, second_hub)
    try:
        for round_number in range(5):
            batch_id = new_id()
            changes = [change("incidents", new_id(), fields(district=n)) for n in range(3)]
            barrier = threading.Barrier(2)

            def send(api: Api, changes: list[dict[str, Any]] = changes, batch_id: str = batch_id,
                     barrier: threading.Barrier = barrier) -> httpx.Response:
                barrier.wait(10)
                return api.push(*changes, batch_id=batch_id)

            with ThreadPoolExecutor(2) as pool:
                first, second = pool.map(send, [li, li_two])
            assert first.status_code == second.status_code == 200, (first.text, second.text)
            assert first.json() == second.json()
            base = round_number * 3
            assert [r["rev"] for r in first.json()["results"]] == [base + 1, base + 2, base + 3]
        assert [r["rev"] for r in li.pull_all()] == list(range(1, 16))
    finally:
        li_two.close()


# ---------------------------------------------------------------- `dzdesk hub` account commands


def test_a_lead_is_made_with_the_teams_it_leads_and_an_engineer_leads_none(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    with ThreadPoolExecutor(2) as pool:
        engineer = pool.submit(run_dzdesk_process, "hub", "add-user", "李明", "--role", "engineer", "--team", "一组",
                               "--leads", "二组", "--db", url)
        lead = pool.submit(run_dzdesk_process, "hub", "add-user", "组长", "--role", "lead", "--team", "一组", "--leads",
                           "二组", "--leads", "三组", "--db", url)
        engineer, lead = engineer.result(), lead.result()
    assert (engineer.returncode, engineer.stdout) == (1, "")
    assert "only a lead leads teams" in engineer.stderr
    assert lead.returncode == 0, lead.stderr
    listed = run_dzdesk_process("hub", "users", "--db", url)
    assert listed.stdout.splitlines() == ["组长\tlead\t一组\tactive\tleads 三组,二组"]


def test_the_account_commands_add_list_and_revoke_users(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    with ThreadPoolExecutor(3) as pool:  # independent runs side by side: each child takes a second to start
        adding = pool.submit(run_dzdesk_process, "hub", "add-user", "张伟", "--role", "engineer", "--team", "一组",
                             "--db", url)
        bad_urls = {bad: pool.submit(run_dzdesk_process, "hub", "add-user", "张伟", "--role", "engineer", "--db", bad)
                    for bad in ("mysql://x", "not a url")}
        added = adding.result()
        again = pool.submit(run_dzdesk_process, "hub", "add-user", "张伟", "--role", "lead", "--db", url)
        listed = pool.submit(run_dzdesk_process, "hub", "users", "--db", url).result()
        again = again.result()
        mysql, nonsense = (bad_urls[bad].result() for bad in ("mysql://x", "not a url"))

    # A bad database URL is a usage error: exit code 2, in words.
    assert (mysql.returncode, mysql.stdout) == (2, "")
    assert "the hub runs on SQLite or PostgreSQL, not mysql" in mysql.stderr
    assert (nonsense.returncode, nonsense.stdout) == (2, "")
    assert "'not a url' is not a database URL" in nonsense.stderr

    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert added.stdout == token + "\n"  # the token, once, and nothing else
    assert token.startswith("dzh_")
    assert len(token) > 40
    assert token not in added.stderr

    assert again.returncode == 1
    assert again.stdout == ""
    assert "a user named 张伟 already exists" in again.stderr

    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["张伟\tengineer\t一组\tactive"]
    assert token not in listed.stdout

    with running_hub(url) as served:
        me = httpx.get(f"{served.url}/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json() == {"name": "张伟", "role": "engineer", "team": "一组", "teams": ["一组"]}

        revoked = run_dzdesk_process("hub", "revoke", "张伟", "--db", url)
        assert revoked.returncode == 0, revoked.stderr
        assert revoked.stdout == "张伟: token revoked\n"
        me = httpx.get(f"{served.url}/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 401
        assert me.json()["detail"] == "the token is unknown or revoked"

    with ThreadPoolExecutor(2) as pool:
        listed = pool.submit(run_dzdesk_process, "hub", "users", "--db", url)
        unknown = pool.submit(run_dzdesk_process, "hub", "revoke", "没有这人", "--db", url).result()
        listed = listed.result()
    assert listed.stdout.splitlines() == ["张伟\tengineer\t一组\trevoked"]
    assert unknown.returncode == 1
    assert "no user named 没有这人" in unknown.stderr


def test_a_client_gone_mid_upload_stores_nothing_and_is_no_server_error(hub, caplog):
    import socket
    import time
    from urllib.parse import urlsplit

    token = hub.add_user("李明")
    data = b"half a photo" * 100
    sha = hashlib.sha256(data).hexdigest()
    address = urlsplit(hub.url)
    caplog.set_level(logging.INFO)
    with socket.create_connection((address.hostname, address.port)) as sock:
        sock.sendall(f"PUT /v1/blobs/{sha} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {token}\r\n"
                     f"Content-Length: {len(data)}\r\n\r\n".encode() + data[:100])
        time.sleep(0.2)
    deadline = time.monotonic() + 5
    while "went away during PUT" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "went away during PUT /v1/blobs/" in caplog.text
    assert "Exception in ASGI application" not in caplog.text
    with httpx.Client(base_url=hub.url, headers={"Authorization": f"Bearer {token}"}) as http:
        assert http.head(f"/v1/blobs/{sha}").status_code == 404
