"""The store's changes on the GUI thread: one bridge re-emits what `dzdesk.store.events` announces, from whatever
thread committed it, through a queued signal; screens listen for the tables they show and refresh only those.

Changes that arrive together (a burst of commits, a sync's pages) are handed on once, merged, `GATHER_MS` after
the first of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from dzdesk.store.events import ChangeBus, Changes

Handler = Callable[[Changes], None]
GATHER_MS = 50  # a sync's pages, a save's several commits: one refresh


class ChangeBridge(QObject):
    changed = Signal(object)  # Changes, on the GUI thread
    _arrived = Signal(object)  # emitted on the committing thread, delivered queued on this object's thread

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[tuple[frozenset[str], Handler]] = []
        self._waiting: Changes | None = None
        self._arrived.connect(self._gather, Qt.ConnectionType.QueuedConnection)
        self._flush = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._flush.timeout.connect(self._deliver)
        self._stop = bus.subscribe(self._publish)

    def _publish(self, changes: Changes) -> None:
        with suppress(RuntimeError):  # the bridge is gone with its window; the store lives on (a test, a CLI)
            self._arrived.emit(changes)

    def close(self) -> None:
        self._stop()
        self._flush.stop()
        self._handlers.clear()

    def listen(self, entities: Iterable[str], handler: Handler, owner: QObject | None = None) -> None:
        """Calls `handler(changes)` on the GUI thread when a change touches one of `entities`; until `owner` is
        destroyed, when it has one."""
        entry = (frozenset(entities), handler)
        self._handlers.append(entry)
        if owner is not None:
            owner.destroyed.connect(lambda _obj=None: self._forget(entry))

    def _forget(self, entry: tuple[frozenset[str], Handler]) -> None:
        if entry in self._handlers:
            self._handlers.remove(entry)

    def _gather(self, changes: Changes) -> None:
        self._waiting = changes if self._waiting is None else self._waiting | changes
        if not self._flush.isActive():
            self._flush.start()

    def _deliver(self) -> None:
        changes, self._waiting = self._waiting, None
        if changes is None:
            return
        self.changed.emit(changes)
        for entities, handler in list(self._handlers):
            if changes.touches(entities):
                handler(changes)
