"""The status bar: where the data lives, whether the hub is reachable, and how many changes wait to sync."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from dzdesk.config import DataDir
from dzdesk.domain.timefmt import format_local


class MainStatusBar(QStatusBar):
    def __init__(self, data_dir: DataDir, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir_label = QLabel(self)
        self.data_dir_label.setText(self.tr("Data: %1").replace("%1", str(data_dir.root)))
        self.data_dir_label.setToolTip(str(data_dir.root))
        self.connection_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.addPermanentWidget(self.data_dir_label, 1)
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

    def show_pending(self, count: int) -> None:
        self.pending_label.setText(self.tr("Unsynced changes: %1").replace("%1", str(count)))
