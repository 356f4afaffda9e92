"""The outbox: every local change to a record leaves an entry in the same transaction.

A flush hook writes the entries, so no screen or command can save a record and forget to queue it for sync, and a
crash can never keep one without the other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, event, func, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from dzdesk.store.base import LOCAL_COLUMNS, Base, RecordMixin, new_id
from dzdesk.store.types import UTCDateTime, utcnow

# Set on a session's `info` while it applies changes pulled from the hub: those must not echo back.
APPLYING_REMOTE = "dzdesk.applying_remote"
# Set on a session's `info` to name the engineer who makes the changes.
AUTHOR = "dzdesk.author"


class OutboxEntry(Base):
    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


def pending_count(session: Session) -> int:
    """Records with changes not yet pushed (a record changed five times counts once)."""
    return session.scalar(select(func.count(func.distinct(OutboxEntry.record_id)))) or 0


def install_outbox_hook(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    if session.info.get(APPLYING_REMOTE):
        return
    now = utcnow()
    author = session.info.get(AUTHOR, "")
    for obj in list(session.new):
        if isinstance(obj, RecordMixin):
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.author = obj.author or author
            _queue(session, obj, now)
    for obj in list(session.dirty):
        if isinstance(obj, RecordMixin) and session.is_modified(obj, include_collections=False) \
                and _edited(obj):
            obj.updated_at = now
            _queue(session, obj, now)
    for obj in list(session.deleted):
        if isinstance(obj, RecordMixin):
            raise ValueError("records are never deleted outright: set `deleted = True` so the delete can sync")


def _edited(record: RecordMixin) -> bool:
    """Whether a column that travels changed: a deadline moved by a new calendar is not an edit to send."""
    state = inspect(record)
    return any(state.attrs[attr.key].history.has_changes() for attr in state.mapper.column_attrs
               if attr.key not in LOCAL_COLUMNS)


def _queue(session: Session, record: RecordMixin, now: datetime) -> None:
    if record.id is None:
        record.id = new_id()
    session.add(OutboxEntry(entity=type(record).__tablename__, record_id=record.id, changed_at=now))
