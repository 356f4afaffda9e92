"""What changed in the store, announced after it is committed.

Every session of a `Store` notes, at each flush, the tables and record ids it wrote; once the transaction commits,
the store's `ChangeBus` hands one `Changes` to every subscriber (a rolled-back transaction announces nothing). A
sync pull notes what each page applied with plain statements (`note`), so a pulled page is announced the same way.
Subscribers are plain callables, called on the thread that committed: a window re-emits them on its own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
PENDING = "dzdesk.changes"  # on a session's `info`: what it wrote since its transaction began
SOURCE = "dzdesk.change_source"  # on a session's `info`: where its changes come from (a Source), local if unset


class Source(StrEnum):
    LOCAL = "local"  # saved on this laptop: a screen, a command, a probe sweep
    PULL = "pull"  # taken from the team's hub
    CALENDAR = "calendar"  # deadlines moved to a changed working calendar


@dataclass(frozen=True)
class Changes:
    """Tables (entities) written in one committed transaction or more, the record ids among them, and where from."""

    entities: frozenset[str]
    ids: frozenset[str] = frozenset()
    sources: frozenset[Source] = frozenset({Source.LOCAL})

    def touches(self, entities: Iterable[str]) -> bool:
        return not self.entities.isdisjoint(entities)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.entities | other.entities, self.ids | other.ids, self.sources | other.sources)


Subscriber = Callable[[Changes], None]


class ChangeBus:
    """Subscribers by registration; publishing from any thread calls each of them on that thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Adds a subscriber; returns the function that removes it."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # the data is committed: a failing listener must not look like a failed save
                log.exception("a listener of the store's changes failed")


@dataclass
class _Pending:
    entities: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    sources: set[Source] = field(default_factory=set)


def note(session: Session, entities: Iterable[str], ids: Iterable[str] = (), source: Source | None = None) -> None:
    """Notes changes written without the ORM (plain INSERTs of a pulled page), announced with the commit."""
    pending = session.info.setdefault(PENDING, _Pending())
    before = len(pending.entities)
    pending.entities.update(entities)
    pending.ids.update(ids)
    if len(pending.entities) > before or source is not None:
        pending.sources.add(source or session.info.get(SOURCE, Source.LOCAL))


def install_change_hook(session_factory: Any, bus: ChangeBus) -> None:
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "after_commit", lambda session: _after_commit(session, bus))
    event.listen(session_factory, "after_rollback", _after_rollback)


def _after_flush(session: Session, _context: object) -> None:
    entities: set[str] = set()
    ids: set[str] = set()
    for objects, check in ((session.new, False), (session.dirty, True), (session.deleted, False)):
        for obj in objects:
            if check and not session.is_modified(obj, include_collections=False):
                continue
            table = getattr(obj, "__tablename__", None)
            if table is None:
                continue
            entities.add(table)
            record_id = getattr(obj, "id", None)
            if isinstance(record_id, str):
                ids.add(record_id)
    if entities:
        note(session, entities, ids)


def _after_commit(session: Session, bus: ChangeBus) -> None:
    pending: _Pending | None = session.info.pop(PENDING, None)
    if pending is None or not pending.entities:
        return
    bus.publish(Changes(frozenset(pending.entities), frozenset(pending.ids),
                        frozenset(pending.sources or {Source.LOCAL})))


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
