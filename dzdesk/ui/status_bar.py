"""The status bar: where the data lives, whether the hub is reachable, and how many changes wait to sync."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from dzdesk.config import DataDir
from dzdesk.domain.timefmt import format_local


class ElidedLabel(QLabel):
    """A label that shortens its text in the middle to the room it has ("/home/…/dzdesk"), the whole text in its
    tooltip: a deep data directory must not make the window wider than a small screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.fontMetrics().horizontalAdvance("…") * 8, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._elide()  # a text set while hidden, shown again at the same size

    def _elide(self) -> None:
        room, metrics = max(self.width() - 2, 0), self.fontMetrics()
        if not self.isVisible() or metrics.horizontalAdvance(self._full) <= room:
            self.setText(self._full)  # shortened once shown and laid out (`resizeEvent`), only if it must be
            return
        from PySide6.QtCore import Qt  # here: the window's shell shows without the Qt namespace (15–25 ms)

        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle, room))


class MainStatusBar(QStatusBar):
    def __init__(self, data_dir: DataDir, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir_label = ElidedLabel(self)
        self.data_dir_label.set_full_text(self.tr("Data: %1").replace("%1", str(data_dir.root)))
        self.connection_label = QLabel(self)
        self.pending_label = QLabel(self)
        # A normal widget, not a permanent one: a message (saved, exported, backed up…) takes its place while it
        # shows; as a permanent widget stretched over the bar it left the messages no room, and none was seen.
        self.addWidget(self.data_dir_label, 1)
        self.addPermanentWidget(self.connection_label)
        self.addPermanentWidget(self.pending_label)
        self.show_connection(online=False, configured=False)

    def show_connection(self, online: bool, configured: bool, last_sync: datetime | None = None) -> None:
        if not configured:
            text = self.tr("Offline (no hub configured)")
        elif online:
            text = self.tr("Online")
        else:
            text = self.tr("Offline")
        if configured and last_sync is not None:
            text += self.tr(" · synced %1").replace("%1", format_local(last_sync)[5:])
        self.connection_label.setText(text)

    def say_both_kept(self, fields: int) -> None:
        """An editor saved fields a teammate had also changed (a sync brought it while the editor was open)."""
        self.showMessage(self.tr("Saved. A teammate changed %n field(s) of this record while it was open here: both "
                                 "values are kept under Sync, Conflicts, for someone to choose.", "", fields), 60000)

    def show_pending(self, count: int, demo: bool = False) -> None:
        """The changes waiting to be sent; demo data never travels, and says so instead of a count that would
        never go down."""
        if demo:
            self.pending_label.setText(self.tr("Demo data: never synced"))
            return
        self.pending_label.setText(self.tr("Unsynced changes: %1").replace("%1", str(count)))


def say_both_kept(editor: QWidget, fields: Sequence[str]) -> None:
    """From an editor that saved: fields a teammate had changed too, said in the status bar of the main window that
    opened it (nothing for none, or for an editor opened on its own)."""
    parent = editor.parentWidget()
    status = parent.window().findChild(MainStatusBar) if parent is not None else None
    if fields and status is not None:
        status.say_both_kept(len(fields))
