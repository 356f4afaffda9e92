from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from dzdesk.store.base import RecordMixin
from dzdesk.store.outbox import APPLYING_REMOTE, OutboxEntry, pending_count
from dzdesk.store.types import UTCDateTime


class SampleBase(DeclarativeBase):
    pass


class Note(RecordMixin, SampleBase):
    """A throwaway record type, so these tests exercise the shared mechanism and not one area's model."""

    __tablename__ = "sample_note"
    body: Mapped[str] = mapped_column(String(200), default="")
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


@pytest.fixture
def notes_store(store):
    SampleBase.metadata.create_all(store.engine)
    return store


def outbox(store):
    with store.session() as session:
        return [(e.entity, e.record_id) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def test_new_record_gets_identity_author_and_an_outbox_entry(notes_store):
    with notes_store.transaction() as session:
        note = Note(body="网上大厅登录缓慢")
        session.add(note)
    assert len(note.id) == 36
    assert note.author == "测试工程师"
    assert note.created_at.tzinfo is not None and note.updated_at >= note.created_at
    assert note.server_rev is None and note.deleted is False
    assert outbox(notes_store) == [("sample_note", note.id)]


def test_update_queues_again_and_counts_once(notes_store):
    with notes_store.transaction() as session:
        note = Note(body="a")
        session.add(note)
    first_update = note.updated_at
    with notes_store.transaction() as session:
        session.get(Note, note.id).body = "b"
    assert len(outbox(notes_store)) == 2
    with notes_store.session() as session:
        assert pending_count(session) == 1
        assert session.get(Note, note.id).updated_at >= first_update


def test_rolled_back_change_leaves_no_record_and_no_entry(notes_store):
    with pytest.raises(RuntimeError), notes_store.transaction() as session:
        session.add(Note(body="lost on purpose"))
        session.flush()
        raise RuntimeError("power cut")
    with notes_store.session() as session:
        assert session.scalars(select(Note)).all() == []
    assert outbox(notes_store) == []


def test_changes_pulled_from_the_hub_are_not_queued(notes_store):
    session = notes_store.session()
    session.info[APPLYING_REMOTE] = True
    with session.begin():
        session.add(Note(body="from the hub", author="王芳", server_rev=7))
    session.close()
    assert outbox(notes_store) == []


def test_hard_delete_is_refused(notes_store):
    with notes_store.transaction() as session:
        note = Note(body="x")
        session.add(note)
    with pytest.raises(ValueError, match="never deleted outright"), notes_store.transaction() as session:
        session.delete(session.get(Note, note.id))
    with notes_store.session() as session:
        assert session.get(Note, note.id) is not None


def test_times_are_stored_in_utc_and_naive_ones_refused(notes_store):
    shanghai = timezone(timedelta(hours=8))
    with notes_store.transaction() as session:
        note = Note(body="x", due_at=datetime(2026, 10, 1, 9, 0, tzinfo=shanghai))
        session.add(note)
    with notes_store.session() as session:
        due = session.get(Note, note.id).due_at
    assert due == datetime(2026, 10, 1, 1, 0, tzinfo=UTC)
    assert due.tzinfo == UTC
    with pytest.raises(Exception, match="naive datetime"), notes_store.transaction() as session:
        session.add(Note(body="y", due_at=datetime(2026, 10, 1, 9, 0)))
