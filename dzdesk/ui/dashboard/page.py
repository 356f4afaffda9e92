"""The dashboard page: who is working, what the catalogue covers, what waits to sync."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.incident import OPEN_STATUSES
from dzdesk.domain.metrics import COMPLAINTS_COMMITMENT, COMPLETION_COMMITMENT, TIMELINESS_COMMITMENT
from dzdesk.domain.timefmt import year_range
from dzdesk.reports.figures import percent, period_figures
from dzdesk.store.incident_queries import IncidentQuery, count_incidents, open_incidents_due_before
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

        self.figures_box = QGroupBox(self.tr("This year against the contract"), self)
        figures_layout = QFormLayout(self.figures_box)
        self.timeliness_value = QLabel(self.figures_box)
        self.completion_value = QLabel(self.figures_box)
        self.complaints_value = QLabel(self.figures_box)
        self.open_value = QLabel(self.figures_box)
        figures_layout.addRow(self.tr("Response timeliness (commitment ≥ 95 %)"), self.timeliness_value)
        figures_layout.addRow(self.tr("Completion (commitment 100 %)"), self.completion_value)
        figures_layout.addRow(self.tr("Complaints answered within a week"), self.complaints_value)
        figures_layout.addRow(self.tr("Open faults"), self.open_value)

        self.sync_box = QGroupBox(self.tr("Sync"), self)
        sync_layout = QFormLayout(self.sync_box)
        self.pending_value = QLabel(self.sync_box)
        sync_layout.addRow(self.tr("Changes waiting to sync"), self.pending_value)

        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(self.figures_box)
        layout.addWidget(self.platforms_box)
        layout.addWidget(self.sync_box)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.refresh()

    def refresh(self) -> None:
        name = self.ctx.settings.profile.name
        self.greeting.setText(self.tr("Hello, %1").replace("%1", name) if name else self.tr("Welcome to dzdesk"))
        now = datetime.now(UTC)
        start, end = year_range(now.astimezone(SHANGHAI).year)
        with self.ctx.store.session() as session:
            self.pending_value.setText(str(pending_count(session)))
            figures = period_figures(session, start, end, now)
            open_count = count_incidents(session, IncidentQuery(statuses=OPEN_STATUSES))
            overdue = len(open_incidents_due_before(session, now))
        incidents = figures.incidents
        self.timeliness_value.setText(self.tr("%1 (%2 of %3 answered in time)")
                                      .replace("%1", percent(incidents.timeliness))
                                      .replace("%2", str(incidents.timeliness.numerator))
                                      .replace("%3", str(incidents.timeliness.denominator)))
        self.completion_value.setText(self.tr("%1 (%2 of %3 resolved)")
                                      .replace("%1", percent(incidents.completion))
                                      .replace("%2", str(incidents.resolved)).replace("%3", str(incidents.total)))
        self.complaints_value.setText(percent(figures.complaints.on_time))
        self.open_value.setText(self.tr("%1, of which %2 unanswered past the deadline")
                                .replace("%1", str(open_count)).replace("%2", str(overdue)))
        for label, rate, commitment in ((self.timeliness_value, incidents.timeliness, TIMELINESS_COMMITMENT),
                                        (self.completion_value, incidents.completion, COMPLETION_COMMITMENT),
                                        (self.complaints_value, figures.complaints.on_time, COMPLAINTS_COMMITMENT)):
            met = rate.meets(commitment)
            label.setStyleSheet("" if met is None or met else "color: #b3261e; font-weight: bold;")
