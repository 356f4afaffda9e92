"""Reads and writes of a screen on a worker, with the rules a person expects of them kept in one place.

`LatestRead`: a list shows what the newest request read. A request while one runs asks for one more, started when
the running one comes back (with the screen's state at that moment); requests are numbered, and an answer to an
older one is dropped, so a slow stale answer never overwrites a newer one.

`BackgroundWrite`: one write at a time. While it runs, the controls that could start another are disabled and the
screen shows a busy cursor; a second click does nothing. Success and failure come back on the GUI thread, so a
dialog closes only once the write has committed, and stays open with the reason when it failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from dzdesk.ui.operations import run_in_background

Work = Callable[[], Any]


class LatestRead(QObject):
    """Runs `work()` made by `make_work` (called on the GUI thread when a read starts, so it captures the screen's
    state then) on a worker, and hands the newest answer to `show`, or its exception to `fail`."""

    answered = Signal()  # an answer (or why there is none) reached the screen: tests wait for it

    def __init__(self, owner: QObject, make_work: Callable[[], Work], show: Callable[[Any], None],
                 fail: Callable[[Exception], None], *, heavy: bool = False, reads_only: bool = False) -> None:
        super().__init__(owner)
        self._owner, self._make_work, self._show, self._fail = owner, make_work, show, fail
        self._heavy = heavy  # `run_in_background`'s: a read of many objects at once, without full collections
        self._reads_only = reads_only  # `run_in_background`'s: the exit does not wait for it
        self._number = 0  # of the newest read started
        self._running = False
        self._again = False
        self.reads = 0  # reads started: tests count them

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        """Reads again; while a read runs, one more is asked for once it is back."""
        if self._running:
            self._again = True
            return
        self._start()

    def forget(self) -> None:
        """Drops the answer of the read under way (what it read no longer applies)."""
        self._number += 1
        self._again = False
        self._running = False

    def _start(self) -> None:
        self._number += 1
        number, self._running, self._again = self._number, True, False
        self.reads += 1
        run_in_background(self._make_work(), lambda value: self._back(number, value, self._show),
                          lambda exc: self._back(number, exc, self._fail), owner=self._owner, heavy=self._heavy,
                          reads_only=self._reads_only)

    def _back(self, number: int, value: Any, deliver: Callable[[Any], None]) -> None:
        if number != self._number:  # an answer to an older request: a newer one is under way or was shown
            return
        self._running = False
        if self._again:  # asked again meanwhile: this answer is already stale
            self._start()
            return
        deliver(value)
        self.answered.emit()


class BackgroundWrite(QObject):
    """One write of `owner` at a time on a worker, `controls` disabled and the cursor busy while it runs."""

    finished = Signal()  # the write came back, saved or not: tests wait for it

    def __init__(self, owner: QWidget, controls: Sequence[QWidget] = ()) -> None:
        super().__init__(owner)
        self._owner = owner
        self._controls = list(controls)
        self._running = False
        self._was_enabled: list[bool] = []

    @property
    def running(self) -> bool:
        return self._running

    def start(self, work: Work, done: Callable[[Any], None], failed: Callable[[Exception], None]) -> bool:
        """Starts `work` unless a write runs already (a double click): False then, and nothing is started."""
        if self._running:
            return False
        self._running = True
        self._was_enabled = [control.isEnabled() for control in self._controls]
        for control in self._controls:
            control.setEnabled(False)
        self._owner.setCursor(Qt.CursorShape.BusyCursor)
        run_in_background(work, lambda value: self._back(done, value), lambda exc: self._back(failed, exc),
                          owner=self._owner)
        return True

    def _back(self, deliver: Callable[[Any], None], value: Any) -> None:
        self._running = False
        self._owner.unsetCursor()
        for control, enabled in zip(self._controls, self._was_enabled, strict=True):
            control.setEnabled(enabled)
        try:
            deliver(value)
        finally:
            self.finished.emit()
