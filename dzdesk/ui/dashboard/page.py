"""The dashboard page: who is working, what the catalogue covers, what waits to sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from dzdesk.store.outbox import pending_count
from dzdesk.ui.context import AppContext


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.greeting = QLabel(self)
        self.greeting.setObjectName("dashboardGreeting")
        font = self.greeting.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.greeting.setFont(font)

        self.platforms_box = QGroupBox(self.tr("Platforms served"), self)
        platforms_layout = QFormLayout(self.platforms_box)
        for platform in ctx.catalogue.platforms:
            count = QLabel(self.tr("%n module(s)", "", len(platform.modules)), self.platforms_box)
            count.setToolTip("、".join(platform.modules))
            platforms_layout.addRow(platform.name, count)
        districts = QLabel("、".join(ctx.catalogue.districts), self.platforms_box)
        districts.setWordWrap(True)
        platforms_layout.addRow(self.tr("Districts"), districts)

        self.sync_box = QGroupBox(self.tr("Sync"), self)
        sync_layout = QFormLayout(self.sync_box)
        self.pending_value = QLabel(self.sync_box)
        sync_layout.addRow(self.tr("Changes waiting to sync"), self.pending_value)

        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(self.platforms_box)
        layout.addWidget(self.sync_box)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.refresh()

    def refresh(self) -> None:
        name = self.ctx.settings.profile.name
        self.greeting.setText(self.tr("Hello, %1").replace("%1", name) if name else self.tr("Welcome to dzdesk"))
        with self.ctx.store.session() as session:
            self.pending_value.setText(str(pending_count(session)))
