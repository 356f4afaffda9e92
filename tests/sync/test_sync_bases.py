"""The three moments at which a concurrent edit used to vanish without a conflict, each played exactly: an edit
saved while a pulled page is on its way, an edit saved while a push's answer is on its way, and an edit made after
a sync lost the network once its push had reached the hub. In each, 李娜 changed the same field on her laptop
first; both values must survive, one in the record and the other in a conflict, on every laptop and the hub."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from dzdesk.store.sync_models import SyncBase
from dzdesk.sync.client import HubError
from tests.sync.helpers import add_target, conflicts, edit_target, hub_records, outbox, payloads


class OnAnswer(httpx.HTTPTransport):
    """Runs `then` once, after the hub answered a request to `path` and before the laptop reads the answer; with
    `lose`, the answer is lost instead of handed on."""

    def __init__(self, path: str, then: Callable[[], None] = lambda: None, lose: bool = False) -> None:
        super().__init__()
        self.path, self.then, self.lose, self.done = path, then, lose, False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if self.done or not request.url.path.endswith(self.path):
            return response
        self.done = True
        response.read()
        self.then()
        if self.lose:
            raise httpx.ReadError("the network went away", request=request)
        return response


@pytest.fixture
def shared(a, b):
    """A probe target both laptops have synced (any teammate may change one)."""
    target = add_target(a.store, "信用门户")
    a.sync()
    b.sync()
    return target


def both_values_survive(a, b, hub, target: str, values: set[str]) -> None:
    for laptop in (a, b, a):
        laptop.sync()
    [record] = [r for r in hub_records(hub, "probe_targets") if r.id == target]
    kept = {record.payload["notes"]}
    for conflict in conflicts(a.store):
        if conflict.record_id == target and conflict.field == "notes":
            kept |= {json.loads(conflict.kept_value), json.loads(conflict.other_value)}
    assert kept >= values, f"the hub has {record.payload['notes']!r}; conflicts keep {kept}"
    assert payloads(a.store, "probe_targets") == payloads(b.store, "probe_targets")
    assert {c.id for c in conflicts(a.store)} == {c.id for c in conflicts(b.store)}
    assert outbox(a.store) == outbox(b.store) == []


def test_an_edit_saved_while_a_pulled_page_is_on_its_way(a, b, hub, shared):
    edit_target(b.store, shared, notes="李娜的备注")
    b.sync()
    a.sync(transport=OnAnswer("/changes", lambda: edit_target(a.store, shared, notes="张伟的备注")))
    both_values_survive(a, b, hub, shared, {"李娜的备注", "张伟的备注"})


def test_an_edit_saved_while_a_push_answer_is_on_its_way(a, b, hub, shared):
    edit_target(b.store, shared, notes="李娜的备注")
    b.sync()
    edit_target(a.store, shared, keyword="信用中国")  # the push: another field, merged with hers
    a.sync(transport=OnAnswer("/push", lambda: edit_target(a.store, shared, notes="张伟的备注")))
    both_values_survive(a, b, hub, shared, {"李娜的备注", "张伟的备注"})


def test_an_edit_after_a_sync_that_lost_the_network_once_its_push_was_in(a, b, hub, shared):
    edit_target(b.store, shared, notes="李娜的备注")
    b.sync()
    edit_target(a.store, shared, keyword="信用中国")
    with pytest.raises(HubError, match="the network went away"):
        a.sync(transport=OnAnswer("/push", lose=True))
    edit_target(a.store, shared, notes="张伟的备注")
    both_values_survive(a, b, hub, shared, {"李娜的备注", "张伟的备注"})


def test_a_base_is_a_version_the_hub_had(a, b, hub, shared):
    """After a merged push the laptop's base is the hub's stored version, not what it sent."""
    edit_target(b.store, shared, notes="李娜的备注")
    b.sync()
    edit_target(a.store, shared, keyword="信用中国")
    with pytest.raises(HubError, match="the network went away"):
        a.sync(transport=OnAnswer("/changes", lose=True))  # pushed and answered; the pull is lost
    with a.store.session() as session:
        base = session.get(SyncBase, ("probe_targets", shared))
        payload = json.loads(base.payload)
    [record] = [r for r in hub_records(hub, "probe_targets") if r.id == shared]
    assert payload == record.payload
    assert base.rev == record.rev
    assert payloads(a.store, "probe_targets")[shared]["notes"] == "李娜的备注"
