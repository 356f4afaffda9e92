"""The store's changes on the GUI thread: one bridge re-emits what `dzdesk.store.events` announces, from whatever
thread committed it, through a queued signal; screens listen for the tables they show and refresh only those.

Changes that arrive together (a save's several commits) are handed on once, merged, `GATHER_MS` after the first of
them. What the team's hub brings (a pull's pages, deadlines moved to its calendar) is handed on at most once every
`PACE_MS`, and every `SYNC_PACE_MS` while a sync still runs (`sync_running`); what waits when the sync ends is
handed on at once. Each hand-on sets off the pages' and the counts' reads, which share the window's interpreter
and the machine's cores with the GUI thread while the sync keeps a core busy: a pull of ten thousand probe targets
read afresh every 50 ms kept the workers busy and left the GUI thread waiting, and read afresh every second (the
dashboard and the count of targets down, ~0.45 s of work on the busy year) it still held the GUI thread 15–20 ms
at times. A change saved on this laptop is never held back by either pace.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import suppress

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from dzdesk.store.events import ChangeBus, Changes, Source

Handler = Callable[[Changes], None]
GATHER_MS = 50  # a save's several commits: one refresh
PACE_MS = 1000  # the team's changes: a refresh at most this often
SYNC_PACE_MS = 5000  # ... and this often while the sync that brings them runs


class ChangeBridge(QObject):
    changed = Signal(object)  # Changes, on the GUI thread
    _arrived = Signal(object)  # emitted on the committing thread, delivered queued on this object's thread

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[tuple[frozenset[str], Handler]] = []
        self._waiting: Changes | None = None
        self._delivered_at = -PACE_MS / 1000  # monotonic seconds of the last hand-on
        self._syncing = False
        self._arrived.connect(self._gather, Qt.ConnectionType.QueuedConnection)
        self._flush = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._flush.timeout.connect(self._deliver)
        self._stop = bus.subscribe(self._publish)

    def _publish(self, changes: Changes) -> None:
        with suppress(RuntimeError):  # the bridge is gone with its window; the store lives on (a test, a CLI)
            self._arrived.emit(changes)

    @property
    def idle(self) -> bool:
        """No change waits to be handed on."""
        return self._waiting is None and not self._flush.isActive()

    def sync_running(self, running: bool) -> None:
        """A sync started (its pages are handed on at the slower pace) or ended (what waits goes now)."""
        self._syncing = running
        if not running and self._waiting is not None:
            self._flush.start(0)

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
        wait_ms = self._wait_ms(self._waiting)
        if not self._flush.isActive() or self._flush.remainingTime() > wait_ms:
            self._flush.start(wait_ms)

    def _wait_ms(self, changes: Changes) -> int:
        if Source.LOCAL in changes.sources:
            return GATHER_MS
        since_ms = (time.monotonic() - self._delivered_at) * 1000
        return max(GATHER_MS, round((SYNC_PACE_MS if self._syncing else PACE_MS) - since_ms))

    def _deliver(self) -> None:
        changes, self._waiting = self._waiting, None
        if changes is None:
            return
        self._delivered_at = time.monotonic()
        self.changed.emit(changes)
        for entities, handler in list(self._handlers):
            if changes.touches(entities):
                handler(changes)
