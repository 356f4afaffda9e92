"""Warns while the app runs when an unanswered fault is about to miss its deadline, once per fault. The faults due
soon are read on a worker; the warnings are given on the GUI thread when they are back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from dzdesk.domain.timefmt import format_local
from dzdesk.store import Store
from dzdesk.store.incident_queries import open_incidents_due_before
from dzdesk.ui.operations import run_in_background

log = logging.getLogger(__name__)
WARN_AHEAD = timedelta(minutes=15)
CHECK_EVERY_MS = 60_000


class DeadlineWatch(QObject):
    """Emits `warning(title, text)` for each fault newly due, then `checked(ids)`; shows a desktop notification
    where the system offers one."""

    warning = Signal(str, str)
    checked = Signal(list)  # the ids warned of by a check, [] when none

    def __init__(self, store: Store, icon: QIcon, parent: QObject | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._now = now or (lambda: datetime.now(UTC))
        self._warned: set[str] = set()
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.show()
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        store, now = self.store, self._now()

        def read() -> list[tuple[str, str, datetime]]:
            with store.session() as session:
                return [(i.id, i.title, i.response_due)
                        for i in open_incidents_due_before(session, now + WARN_AHEAD)]

        run_in_background(read, lambda due_soon: self._warn(due_soon, now),
                          lambda exc: log.warning("the faults due soon could not be read: %s", exc), owner=self,
                          reads_only=True)

    def _warn(self, due_soon: list[tuple[str, str, datetime]], now: datetime) -> None:
        fresh = [(i, t, d) for i, t, d in due_soon if i not in self._warned and d >= now - WARN_AHEAD]
        for incident_id, title, due in fresh:
            self._warned.add(incident_id)
            heading = (self.tr("Fault overdue") if due < now else self.tr("Fault due soon"))
            text = self.tr("%1 — respond by %2").replace("%1", title).replace("%2", format_local(due))
            self.warning.emit(heading, text)
            if self.tray is not None:
                self.tray.showMessage(heading, text, QSystemTrayIcon.MessageIcon.Warning, 15000)
        self.checked.emit([i for i, _, _ in fresh])
