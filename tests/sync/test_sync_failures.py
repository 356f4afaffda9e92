"""Sync when things break: the answer to a push lost after the hub stored it, a connection that never came up, a
hub that fails in the middle of a pull or answers nonsense, and a local edit made while a sync runs."""

import contextlib
import json
import threading

import httpx
import pytest

import dzdesk.sync.pull as pull
from dzdesk.store.incident_models import Incident
from dzdesk.store.sync_models import SyncBase
from dzdesk.sync.client import HubError, HubProtocolError, HubUnreachableError
from dzdesk.sync.engine import SyncCancelledError
from tests.sync.helpers import (
    SyncClient,
    Wrapped,
    add_fault,
    add_target,
    all_payloads,
    count,
    cursor,
    edit_fault,
    edit_target,
    fake_bytes,
    fake_json,
    hub_batches,
    hub_counter,
    hub_records,
    hub_revs,
    is_changes,
    is_push,
    outbox,
    outbox_records,
    payloads,
    pending_batch,
)


def local_revs(client):
    """(entity, id) -> the hub revision the local copy is based on, for every record with one."""
    found = {}
    with client.store.session() as session:
        for row in session.query(SyncBase):
            found[(row.entity, row.record_id)] = row.rev
    return found


def push_bodies(transport):
    return [json.loads(body) for body in transport.pushed]


class Recording(Wrapped):
    """Forwards everything, keeping the body of every push."""

    def __init__(self):
        super().__init__(lambda request, forward: forward(request))
        self.pushed = []

    def handle_request(self, request):
        if is_push(request):
            self.pushed.append(request.content)
        return super().handle_request(request)


# -- the answer to a push is lost after the hub stored the batch ---------------------------------------------------
def test_batch_stored_but_answer_lost_is_resent_and_applied_once(a, b, hub):
    ids = [add_fault(a.store, f"受理单打印空白 {n}") for n in range(3)]
    queued = outbox_records(a.store)
    before = all_payloads(a.store)

    def killed_after_push(request, forward):
        response = forward(request)
        if is_push(request):  # the hub has committed the batch; the client dies before reading the answer
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        return response

    with pytest.raises(HubError):
        a.sync(Wrapped(killed_after_push))

    waiting = pending_batch(a.store)
    assert waiting is not None
    assert {(c["entity"], c["id"]) for c in waiting["request"]["changes"]} == queued
    assert outbox_records(a.store) == queued  # nothing counts as pushed before its answer is applied
    assert all_payloads(a.store) == before
    stored, counter = hub_revs(hub), hub_counter(hub)
    assert set(stored) == queued and hub_batches(hub) == 1

    recording = Recording()
    summary = a.sync(recording)

    assert push_bodies(recording)[0]["batch_id"] == waiting["request"]["batch_id"]
    assert push_bodies(recording)[0] == waiting["request"]
    assert len(recording.pushed) == 1  # the resent batch was the whole outbox
    assert summary.pushed == len(queued) and summary.rejected == []
    assert hub_revs(hub) == stored  # answered from the hub's records: no revision was taken twice
    assert hub_counter(hub) == counter
    assert hub_batches(hub) == 1
    assert len(hub_records(hub)) == len(queued)
    assert outbox(a.store) == [] and pending_batch(a.store) is None
    assert local_revs(a) == stored
    # The change feed holds every record once, as a teammate sees it.
    b_summary = b.sync()
    assert b_summary.pulled == len(queued)
    assert set(payloads(b.store, "incidents")) == set(ids)
    assert payloads(b.store, "incidents") == payloads(a.store, "incidents")
    assert payloads(b.store, "incident_events") == payloads(a.store, "incident_events")


def test_edit_after_a_lost_answer_is_pushed_after_the_resent_batch(a, hub):
    incident_id = add_fault(a.store, "受理单打印空白")

    def killed_after_push(request, forward):
        response = forward(request)
        if is_push(request):
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        return response

    with pytest.raises(HubUnreachableError):
        a.sync(Wrapped(killed_after_push))
    edit_fault(a.store, incident_id, description="重启打印服务后恢复")
    counter, stored_rev = hub_counter(hub), hub_revs(hub)[("incidents", incident_id)]

    recording = Recording()
    a.sync(recording)

    first, second = push_bodies(recording)
    assert first["changes"][0]["payload"]["description"] == ""  # the batch as it was, unchanged
    incident_change = next(c for c in second["changes"] if c["entity"] == "incidents")
    assert incident_change["base_rev"] == stored_rev
    assert "description" in incident_change["changed"]
    [on_hub] = hub_records(hub, "incidents")
    assert on_hub.payload["description"] == "重启打印服务后恢复"
    assert hub_counter(hub) == counter + 2  # the edit and its history line; the resent batch took none
    assert outbox(a.store) == []
    assert payloads(a.store, "incidents")[incident_id] == on_hub.payload


def test_a_batch_left_pending_does_not_block_the_next_account(a, b, hub):
    """A batch whose answer was lost, resent after the laptop signed in with another account, must not block it."""
    add_fault(a.store, "受理单打印空白")

    def killed_after_push(request, forward):
        response = forward(request)
        if is_push(request):
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        return response

    with pytest.raises(HubError):
        a.sync(Wrapped(killed_after_push))
    signed_in_again = SyncClient("李娜", a.store, a.blobs, b.token, hub.url)  # the duty laptop changes hands
    with contextlib.suppress(HubError):  # the first try may fail in words
        signed_in_again.sync()
    signed_in_again.sync()  # but not every one after it
    assert pending_batch(a.store) is None
    assert outbox(a.store) == []


# -- no connection at all ---------------------------------------------------------------------------------------
def test_no_connection_leaves_everything_as_it_was(a, hub):
    incident_id = add_fault(a.store, "信用报告导出乱码")
    before, queued = all_payloads(a.store), outbox(a.store)

    def refused(request, _forward):
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    transport = Wrapped(refused)
    with pytest.raises(HubUnreachableError, match="cannot reach the hub"):
        a.sync(transport)

    assert transport.calls == [("GET", "/v1/me")]  # the first sync asks who the hub takes the laptop for
    assert all_payloads(a.store) == before
    assert outbox(a.store) == queued
    assert hub_records(hub) == [] and hub_batches(hub) == 0

    summary = a.sync()
    assert summary.pushed == 2
    assert outbox(a.store) == [] and pending_batch(a.store) is None
    assert hub_revs(hub) == local_revs(a)
    assert set(payloads(a.store, "incidents")) == {incident_id}
    assert hub_counter(hub) == 2


def test_connection_lost_before_the_pull_keeps_the_cursor(a, b, hub):
    add_fault(a.store, "信用报告导出乱码")
    a.sync()
    add_target(b.store, "信用平台-门户")

    def pull_refused(request, forward):
        if is_changes(request):
            raise httpx.ConnectError("[Errno 101] Network is unreachable", request=request)
        return forward(request)

    with pytest.raises(HubUnreachableError):
        b.sync(Wrapped(pull_refused))
    assert outbox(b.store) == []  # the push went through and its answer was applied
    assert count(b.store, "incidents") == 0
    assert cursor(b.store) == "0"

    b.sync()
    assert count(b.store, "incidents") == 1
    assert cursor(b.store) == str(hub_counter(hub))


# -- a hub that fails in the middle of a pull ---------------------------------------------------------------------
def truncated(request, forward):
    response = forward(request)
    return fake_bytes(request, response.content[: len(response.content) // 2])


def server_error(request, _forward):
    return fake_json(request, {"detail": "Internal Server Error"}, status=500)


def wrong_types(request, forward):
    body = forward(request).json()
    body["changes"][0]["rev"] = "x"
    return fake_json(request, body)


def out_of_order(request, forward):
    body = forward(request).json()
    body["changes"].reverse()
    return fake_json(request, body)


def garbage(request, _forward):
    return fake_bytes(request, b"<html><body>502 Bad Gateway</body></html>")


@pytest.mark.parametrize(("spoil", "error"), [
    (truncated, HubProtocolError), (server_error, HubError), (wrong_types, HubProtocolError),
    (out_of_order, HubProtocolError), (garbage, HubProtocolError),
], ids=["truncated", "500", "wrong-types", "out-of-order", "garbage"])
def test_pull_failing_midway_keeps_what_was_done_and_nothing_more(spoil, error, a, b, hub, monkeypatch):
    for n in range(3):
        add_fault(a.store, f"信用报告导出乱码 {n}")
    a.sync()
    monkeypatch.setattr(pull, "PAGE_SIZE", 2)
    pages = []

    def second_page_spoiled(request, forward):
        if not is_changes(request):
            return forward(request)
        pages.append(request.url.params["since"])
        return forward(request) if len(pages) == 1 else spoil(request, forward)

    with pytest.raises(error):
        b.sync(Wrapped(second_page_spoiled))

    first_page = hub_records(hub)[:2]
    assert cursor(b.store) == str(first_page[-1].rev)
    assert {(e, i) for e, records in all_payloads(b.store).items() for i in records} == {
        (r.entity, r.id) for r in first_page}
    assert outbox(b.store) == []

    b.sync()
    assert cursor(b.store) == str(hub_counter(hub))
    assert payloads(b.store, "incidents") == payloads(a.store, "incidents")
    assert payloads(b.store, "incident_events") == payloads(a.store, "incident_events")


def test_pull_failing_on_the_first_page_applies_nothing(a, b, hub):
    add_fault(a.store, "信用报告导出乱码")
    a.sync()
    with pytest.raises(HubProtocolError, match="not valid"):
        b.sync(Wrapped(lambda request, forward: truncated(request, forward) if is_changes(request)
                       else forward(request)))
    assert cursor(b.store) == "0"
    assert {e: r for e, r in all_payloads(b.store).items() if r} == {}


# -- a hub that answers a push with nonsense ----------------------------------------------------------------------
def answer_missing_a_result(body):
    return {"batch_id": body["batch_id"], "results": [
        {"entity": c["entity"], "id": c["id"], "outcome": "applied", "rev": n + 1}
        for n, c in enumerate(body["changes"][:-1])]}


def answer_with_text_revs(body):
    return {"batch_id": body["batch_id"], "results": [
        {"entity": c["entity"], "id": c["id"], "outcome": "applied", "rev": "x"} for c in body["changes"]]}


def answer_for_another_batch(body):
    return {"batch_id": "00000000-0000-4000-8000-000000000000", "results": [
        {"entity": c["entity"], "id": c["id"], "outcome": "applied", "rev": n + 1}
        for n, c in enumerate(body["changes"])]}


def answer_out_of_order(body):
    return {"batch_id": body["batch_id"], "results": [
        {"entity": c["entity"], "id": c["id"], "outcome": "applied", "rev": n + 1}
        for n, c in enumerate(reversed(body["changes"]))]}


def answer_with_unknown_outcome(body):
    return {"batch_id": body["batch_id"], "results": [
        {"entity": c["entity"], "id": c["id"], "outcome": "kept", "rev": n + 1}
        for n, c in enumerate(body["changes"])]}


def answer_with_a_list(body):
    return [body["batch_id"]]


NONSENSE = [answer_missing_a_result, answer_with_text_revs, answer_for_another_batch, answer_out_of_order,
            answer_with_unknown_outcome, answer_with_a_list]


@pytest.mark.parametrize("forwarded", [False, True], ids=["never-stored", "stored"])
@pytest.mark.parametrize("nonsense", NONSENSE, ids=lambda f: f.__name__.removeprefix("answer_"))
def test_nonsense_answer_to_a_push_changes_nothing_locally(nonsense, forwarded, a, hub):
    ids = [add_fault(a.store, f"受理单打印空白 {n}") for n in range(2)]
    before, queued = all_payloads(a.store), outbox(a.store)

    def nonsense_answer(request, forward):
        if not is_push(request):
            return forward(request)
        if forwarded:
            forward(request)
        return fake_json(request, nonsense(json.loads(request.content)))

    with pytest.raises(HubProtocolError):
        a.sync(Wrapped(nonsense_answer))

    assert outbox(a.store) == queued
    assert all_payloads(a.store) == before
    assert local_revs(a) == {}
    assert pending_batch(a.store) is not None
    assert hub_batches(hub) == (1 if forwarded else 0)

    summary = a.sync()
    assert summary.pushed == 4
    assert outbox(a.store) == [] and pending_batch(a.store) is None
    assert hub_counter(hub) == 4  # a stored batch was answered again, not applied again
    assert hub_batches(hub) == 1
    assert local_revs(a) == hub_revs(hub)
    assert set(payloads(a.store, "incidents")) == set(ids)


def test_garbage_answer_to_a_push_is_a_protocol_error(a):
    add_fault(a.store, "受理单打印空白")
    queued = outbox(a.store)
    with pytest.raises(HubProtocolError, match="not valid"):
        a.sync(Wrapped(lambda request, forward: fake_bytes(request, b'{"batch_id": "') if is_push(request)
                       else forward(request)))
    assert outbox(a.store) == queued


# -- a local edit made while a sync runs --------------------------------------------------------------------------
def test_edit_made_while_a_batch_is_on_its_way_stays_queued(a, hub):
    incident_id = add_fault(a.store, "受理单打印空白")
    cancel = threading.Event()

    def edit_meanwhile(request, forward):
        if is_push(request) and not cancel.is_set():
            edit_fault(a.store, incident_id, description="打印机驱动重装后恢复")  # the user saves a form
            cancel.set()  # and the sync is stopped before it could take the edit along
        return forward(request)

    with pytest.raises(SyncCancelledError):
        a.sync(Wrapped(edit_meanwhile), cancel=cancel)

    # The answer to the batch was applied, but the edit made after the batch was built still waits.
    assert pending_batch(a.store) is None
    assert ("incidents", incident_id) in outbox_records(a.store)
    [on_hub] = hub_records(hub, "incidents")
    assert on_hub.payload["description"] == ""
    assert local_revs(a)[("incidents", incident_id)] == on_hub.rev
    with a.store.session() as session:
        assert session.get(Incident, incident_id).description == "打印机驱动重装后恢复"

    summary = a.sync()

    assert summary.pushed == 2  # the incident and the history line of the edit
    [on_hub] = hub_records(hub, "incidents")
    assert on_hub.payload["description"] == "打印机驱动重装后恢复"
    assert outbox(a.store) == []
    assert payloads(a.store, "incidents")[incident_id] == on_hub.payload
    assert count(a.store, "incident_events") == len(hub_records(hub, "incident_events")) == 2


def test_edit_made_during_a_sync_is_not_overwritten_and_reaches_the_hub(a, b, hub):
    incident_id = add_fault(a.store, "受理单打印空白")
    edited = []

    def edit_meanwhile(request, forward):
        if is_push(request) and not edited:
            edit_fault(a.store, incident_id, description="打印机驱动重装后恢复")
            edited.append(True)
        return forward(request)

    a.sync(Wrapped(edit_meanwhile))
    with a.store.session() as session:
        assert session.get(Incident, incident_id).description == "打印机驱动重装后恢复"
    a.sync()
    assert outbox(a.store) == []
    [on_hub] = hub_records(hub, "incidents")
    assert on_hub.payload["description"] == "打印机驱动重装后恢复"
    b.sync()
    assert payloads(b.store, "incidents") == payloads(a.store, "incidents")


def test_edit_made_during_a_pull_keeps_its_fields_and_takes_the_rest(a, b, hub):
    target_id = add_target(a.store, "信用平台-门户")
    a.sync()
    b.sync()
    edit_target(a.store, target_id, notes="张伟：门户改版")
    a.sync()

    def edit_meanwhile(request, forward):
        if is_changes(request):
            edit_target(b.store, target_id, url="https://xy.example.cn/new/")
        return forward(request)

    b.sync(Wrapped(edit_meanwhile))
    [mine] = payloads(b.store, "probe_targets").values()
    assert (mine["url"], mine["notes"]) == ("https://xy.example.cn/new/", "张伟：门户改版")
    assert ("probe_targets", target_id) in outbox_records(b.store)

    b.sync()
    a.sync()
    assert outbox(b.store) == []
    assert payloads(a.store, "probe_targets") == payloads(b.store, "probe_targets")
    [on_hub] = hub_records(hub, "probe_targets")
    assert (on_hub.payload["url"], on_hub.payload["notes"]) == ("https://xy.example.cn/new/", "张伟：门户改版")
