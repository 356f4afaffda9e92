"""What the window says when something goes wrong outside any dialog's own handling.

A full or read-only disk stops a save with a `StorageError`: the window says so in words, and the editor that was
saving stays open with everything typed in it, since nothing was saved. Any other uncaught error is a defect: a
report is written (see `dzdesk.crash_report`) and the window offers to open its folder for support.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from dzdesk.storage_errors import StorageError


class CrashNotice(QObject):
    """Callable from any thread; the message is shown on the GUI thread, without blocking it."""

    _arrived = Signal(object, object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.last: QMessageBox | None = None
        # A method of this object, which lives on the GUI thread: queued when the error comes from another thread.
        self._arrived.connect(self._show)

    def __call__(self, report: Path | None, error: BaseException) -> None:
        self._arrived.emit(report, error)

    def _show(self, report: Path | None, error: BaseException) -> None:
        from PySide6.QtCore import Qt

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        if isinstance(error, StorageError) or report is None:
            box.setWindowTitle(self.tr("Not saved"))
            box.setText(str(error))
        else:
            box.setWindowTitle(self.tr("Something went wrong"))
            box.setText(self.tr("dzdesk ran into an unexpected error (%1). What was saved before is safe.\n\n"
                                "A report for support was written to %2; please send it to them.")
                        .replace("%1", type(error).__name__).replace("%2", str(report)))
            folder = box.addButton(self.tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
            folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.parent))))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last = box
        box.open()
