"""The store announces what each committed transaction wrote, and nothing for one rolled back."""

import threading

import pytest

from dzdesk.store.events import ChangeBus, Changes, Source, note
from tests.store.test_outbox import Note, SampleBase


@pytest.fixture
def notes_store(store):
    SampleBase.metadata.create_all(store.engine)
    return store


def listen(store):
    heard: list[Changes] = []
    store.changes.subscribe(heard.append)
    return heard


def test_a_commit_announces_the_tables_and_ids_it_wrote(notes_store):
    heard = listen(notes_store)
    with notes_store.transaction() as session:
        record = Note(body="网上大厅登录缓慢")
        session.add(record)
    [changes] = heard
    assert changes.entities == {"sample_note", "outbox"}
    assert record.id in changes.ids
    assert changes.sources == {Source.LOCAL}
    assert changes.touches({"sample_note"}) and not changes.touches({"incidents"})


def test_an_edit_is_announced_and_a_read_is_not(notes_store):
    with notes_store.transaction() as session:
        record = Note(body="a")
        session.add(record)
    heard = listen(notes_store)
    with notes_store.session() as session:
        assert session.get(Note, record.id).body == "a"
    assert heard == []
    with notes_store.transaction() as session:
        session.get(Note, record.id).body = "b"
    assert [c.ids for c in heard] == [frozenset({record.id})]


def test_a_rolled_back_transaction_announces_nothing(notes_store):
    heard = listen(notes_store)
    with pytest.raises(RuntimeError), notes_store.transaction() as session:
        session.add(Note(body="never"))
        session.flush()
        raise RuntimeError("the save fails after the flush")
    with notes_store.transaction() as session:
        session.add(Note(body="kept"))
    assert len(heard) == 1  # the second transaction only, nothing carried over from the first


def test_changes_written_without_the_orm_are_noted_with_their_source(store):
    heard = listen(store)
    with store.transaction() as session:
        note(session, {"incidents"}, {"x-1"}, Source.PULL)
    assert heard == [Changes(frozenset({"incidents"}), frozenset({"x-1"}), frozenset({Source.PULL}))]


def test_the_bus_calls_subscribers_on_the_publishing_thread_and_survives_a_failing_one():
    bus = ChangeBus()
    threads: list[str] = []
    bus.subscribe(lambda _c: (_ for _ in ()).throw(ValueError("a broken listener")))
    stop = bus.subscribe(lambda _c: threads.append(threading.current_thread().name))
    worker = threading.Thread(target=lambda: bus.publish(Changes(frozenset({"incidents"}))), name="worker")
    worker.start()
    worker.join()
    assert threads == ["worker"]
    stop()
    bus.publish(Changes(frozenset({"incidents"})))
    assert threads == ["worker"]
