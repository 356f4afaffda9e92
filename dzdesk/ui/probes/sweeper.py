"""Runs sweeps off the GUI thread: on a timer while the app runs, and when the user asks; one at a time.

The sweep's own event loop runs on a thread of its own, at a lower priority than the window's; each result
crosses back to the GUI thread as a queued signal, so the window never waits on the network and a cancel takes
effect within a fraction of a second.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from dzdesk.domain.probe_outcome import ProbeOutcome
from dzdesk.probes.stored import SweepReport, sweep_stored
from dzdesk.ui.context import AppContext
from dzdesk.ui.operations import run_in_background

FIRST_SWEEP_MS = 30_000


class ProbeSweeper(QObject):
    started = Signal()
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # SweepReport
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._cancel: threading.Event | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run)
        self.apply_interval()
        if self.timer.isActive():  # a first look soon after start, not a whole interval later
            QTimer.singleShot(FIRST_SWEEP_MS, self, self._first_sweep)

    def _first_sweep(self) -> None:
        if self.timer.isActive():
            self.run()

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def apply_interval(self) -> None:
        """Follows the settings' interval; 0 turns periodic sweeps off."""
        minutes = self.ctx.settings.probes.interval_minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def run(self) -> bool:
        """Starts a sweep unless one is running; returns whether it started."""
        if self._cancel is not None:
            return False
        cancel = threading.Event()
        self._cancel = cancel
        self.started.emit()

        def report(_outcome: ProbeOutcome, done: int, total: int) -> None:
            self.progress.emit(done, total)  # emitted from the sweep's thread, delivered queued

        run_in_background(lambda: sweep_stored(self.ctx.store, self.ctx.settings.probes, report, cancel),
                          self._done, self._failed, heavy=True, yield_to_window=True)
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _done(self, report: SweepReport) -> None:
        self._cancel = None
        self.finished.emit(report)

    def _failed(self, exc: Exception) -> None:
        self._cancel = None
        self.failed.emit(str(exc))
