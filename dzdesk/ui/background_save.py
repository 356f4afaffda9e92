"""A dialog's save (or load) on a worker, with the dialog told while it runs.

A save that waits on the database must not freeze the window, and a person must see it is under way and must not
be able to start it twice: `BackgroundSave` disables the dialog's buttons and shows a busy cursor while the worker
writes, and gives the result (or the refusal) back on the GUI thread. The dialog closes only on success, that is
once the write has committed; on a refusal it stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from dzdesk.ui.operations import run_in_background


class BackgroundSave:
    """One piece of work at a time for `dialog`; `running` says whether one is under way."""

    def __init__(self, dialog: QDialog, buttons: QDialogButtonBox) -> None:
        self.dialog = dialog
        self.buttons = buttons
        self.running = False
        self._enabled: dict[Any, bool] = {}

    def start(self, work: Callable[[], Any], on_success: Callable[[Any], None],
              on_failure: Callable[[Exception], None]) -> bool:
        """Runs `work` on a worker unless one already runs (a double click writes once); False when refused."""
        if self.running:
            return False
        self.running = True
        self._enabled = {button: button.isEnabled() for button in self.buttons.buttons()}
        for button in self._enabled:
            button.setEnabled(False)
        self.dialog.setCursor(Qt.CursorShape.BusyCursor)
        run_in_background(work, lambda result: self._done(on_success, result),
                          lambda exc: self._done(on_failure, exc), owner=self.dialog)
        return True

    def _done(self, callback: Callable[[Any], None], value: Any) -> None:
        self.running = False
        self.dialog.unsetCursor()
        for button, enabled in self._enabled.items():
            button.setEnabled(enabled)
        callback(value)
