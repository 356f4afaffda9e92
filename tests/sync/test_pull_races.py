"""A save on the laptop while its pull applies a page: the pull and the save each happen whole, one after the
other, and neither is lost nor refused.

Seeded: the save is made at the moment the pull has read the records of its page and is about to merge them (the
window saves on one worker while the sync pulls on another; a probe sweep writes its results the same way).
"""

from __future__ import annotations

import threading

import dzdesk.sync.pull as pull
from tests.sync.helpers import add_target, conflicts, edit_target, outbox, payloads

SAVE_GIVEN_S = 0.5  # how long the pull lets the save run before it goes on


def test_a_save_while_the_pull_merges_the_same_record_keeps_both_changes(a, b, monkeypatch):
    target_id = add_target(a.store, "信用平台-门户")
    a.sync()
    b.sync()
    edit_target(b.store, target_id, keyword="信用达州")
    b.sync()

    saved = threading.Event()
    failures: list[BaseException] = []
    savers: list[threading.Thread] = []
    bases_of = pull.bases_of

    def save() -> None:
        try:
            edit_target(a.store, target_id, notes="张伟核对过")
        except BaseException as exc:  # reported by the test
            failures.append(exc)
        finally:
            saved.set()

    def bases_then_a_save(session, entity, ids):
        if entity == "probe_targets" and not savers:
            savers.append(threading.Thread(target=save))
            savers[0].start()
            saved.wait(SAVE_GIVEN_S)  # the save commits now, or waits for the pull's page to commit first
        return bases_of(session, entity, ids)

    monkeypatch.setattr(pull, "bases_of", bases_then_a_save)
    summary = a.sync()  # raised "database is locked" when the save committed in the middle of the page
    savers[0].join(30)
    monkeypatch.setattr(pull, "bases_of", bases_of)
    assert failures == [] and summary.pulled >= 1

    a.sync()
    b.sync()
    for client in (a, b):
        record = payloads(client.store, "probe_targets")[target_id]
        assert (record["keyword"], record["notes"]) == ("信用达州", "张伟核对过")
        assert outbox(client.store) == []
        assert conflicts(client.store) == []
