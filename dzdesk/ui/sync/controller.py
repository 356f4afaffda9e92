"""Syncs in the background while the window is open: soon after start, shortly after local changes, and every few
minutes; when the hub cannot be reached it waits longer each time (up to a quarter of an hour) instead of hammering
it. The window never waits: the sync runs in a process of its own (`dzdesk.sync.child_process`: the window's
interpreter is never shared with it), started from a thread at a lower priority than the window's
(`run_in_background(yield_to_window=True)`) which waits for it and hands on its changes, progress and end.

The sync's own modules (the HTTP client, the engine, the keyring) are imported when the first sync starts, not
with the window: the start-up imports them on its loader once the first page shows, well before that."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dzdesk.ui.context import AppContext
from dzdesk.ui.operations import run_in_background

if TYPE_CHECKING:
    from dzdesk.sync.engine import SyncSummary

START_DELAY_MS = 3_000
AFTER_CHANGE_MS = 15_000
MAX_BACKOFF_MS = 15 * 60_000


class SyncController(QObject):
    started = Signal()
    progress = Signal(str, int, int)
    finished = Signal(object)  # SyncSummary
    failed = Signal(str)
    state_changed = Signal()  # online, configured or last sync changed

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.online = False
        self.last_sync: datetime | None = None
        self.last_summary: SyncSummary | None = None  # what the last successful sync moved, for the sync page
        self.last_error = ""
        self._running: threading.Event | None = None
        self._failures = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self.enabled = True
        self.schedule(START_DELAY_MS)

    @property
    def configured(self) -> bool:
        """A hub is set up; a demo directory never syncs, so sample records cannot reach the team's hub."""
        return bool(self.ctx.settings.hub_url) and not self.ctx.settings.demo

    @property
    def running(self) -> bool:
        return self._running is not None

    def _token(self) -> str | None:
        from dzdesk.secrets import KeyringUnavailableError, hub_token

        try:
            return hub_token(self.ctx.settings.hub_url)
        except KeyringUnavailableError as exc:
            self.last_error = str(exc)
            return None

    def schedule(self, delay_ms: int) -> None:
        """Syncs after `delay_ms` unless a sync is due sooner already."""
        if not self.enabled or not self.configured:
            return
        if self.timer.isActive() and self.timer.remainingTime() <= delay_ms:
            return
        self.timer.start(delay_ms)

    def local_change(self) -> None:
        """Changes wait to be sent: sync soon, unless the hub is down and the back-off decides when to try."""
        if self._failures == 0:
            self.schedule(AFTER_CHANGE_MS)

    def sync_now(self) -> bool:
        """Starts a sync unless one runs or no hub is set up; returns whether it started."""
        if self._running is not None or not self.configured:
            return False
        token = self._token()
        if not token:
            self.last_error = self.last_error or "no token: sign in to the hub"
            self.failed.emit(self.last_error)
            self.state_changed.emit()
            return False
        cancel = threading.Event()
        self._running = cancel
        self.started.emit()
        store, settings, data_dir = self.ctx.store, self.ctx.settings, self.ctx.data_dir
        url, ca_bundle, network = settings.hub_url, settings.hub_ca_bundle, settings.probes.network
        level = logging.getLogger().getEffectiveLevel()

        def work() -> SyncSummary:
            from dzdesk.sync.child_process import SyncRequest, sync_in_child  # multiprocessing: off the GUI thread
            from dzdesk.sync.probe_results import default_vantage

            request = SyncRequest(data_dir, store.author, url, token, ca_bundle,
                                  default_vantage(store.author, network), level)
            return sync_in_child(request, store.changes, lambda p, d, t: self.progress.emit(p, d, t), cancel)

        run_in_background(work, self._done, self._failed, heavy=True, yield_to_window=True)
        return True

    def stop(self) -> None:
        self.enabled = False
        self.timer.stop()
        if self._running is not None:
            self._running.set()

    def _done(self, summary: SyncSummary) -> None:
        self._running = None
        self._failures = 0
        self.online = True
        self.last_error = ""
        self.last_sync = datetime.now(UTC)
        self.last_summary = summary
        self.finished.emit(summary)
        self.state_changed.emit()
        self.schedule(self.ctx.settings.sync_interval_minutes * 60_000)

    def _failed(self, exc: Exception) -> None:
        from dzdesk.sync.client import HubAuthError, HubUnreachableError

        self._running = None
        self.online = not isinstance(exc, HubUnreachableError)
        self.last_error = str(exc)
        self.failed.emit(self.last_error)
        self.state_changed.emit()
        if isinstance(exc, HubAuthError):
            return  # trying again cannot help until someone signs in
        self._failures += 1
        if self.enabled:  # the back-off replaces whatever was planned, sooner or not
            self.timer.start(min(MAX_BACKOFF_MS, 30_000 * 2 ** min(self._failures - 1, 8)))
