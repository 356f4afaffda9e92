"""The dashboard (工作台): what needs an answer first, how the month and the year stand against the contract,
today's probe status, what is coming up, and what waits to sync. One glance at the start of a duty shift."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.metrics import COMPLAINTS_COMMITMENT, COMPLETION_COMMITMENT, TIMELINESS_COMMITMENT, Rate
from dzdesk.domain.timefmt import format_local
from dzdesk.probes.board import TileLook
from dzdesk.reports.dashboard_data import DashboardData, gather_dashboard
from dzdesk.reports.figures import PeriodFigures, percent
from dzdesk.ui.context import AppContext
from dzdesk.ui.labels import duration_text, severity_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.probes.tiles import look_label

WARNING_STYLE = "color: #b3261e; font-weight: bold;"


# The tables the dashboard reads: a committed change to one of them gathers it again.
SHOWS = frozenset({"incidents", "incident_pauses", "complaints", "trainings", "visits", "visit_follow_ups",
                   "probe_targets", "probe_results", "probe_states", "maintenance_windows", "outbox"})
RETELL_MS = 30_000  # the time left on each fault is said again from the data at hand, without reading it again


class DashboardPage(QWidget):
    """Gathers its figures on a worker (`run_in_background`) and shows them when they come back; `shown` says
    the data is on screen. `refresh` while a gathering runs asks for one more once it is back."""

    SHOWS = SHOWS
    open_incident = Signal(str)  # the window shows the fault
    shown = Signal()  # the gathered data (or why there is none) is on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.greeting = QLabel(self)
        self.greeting.setObjectName("dashboardGreeting")
        font = self.greeting.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.greeting.setFont(font)

        self.unanswered_box = QGroupBox(self.tr("Faults waiting for an answer, nearest deadline first"), self)
        self.unanswered = QListWidget(self.unanswered_box)
        self.unanswered.setAccessibleName(self.unanswered_box.title())
        self.unanswered.itemActivated.connect(
            lambda item: self.open_incident.emit(item.data(Qt.ItemDataRole.UserRole)))
        box_layout = QVBoxLayout(self.unanswered_box)
        box_layout.addWidget(self.unanswered)

        self.figures_box = QGroupBox(self.tr("Against the contract"), self)
        figures_layout = QGridLayout(self.figures_box)
        self.month_title, self.year_title = QLabel(self.figures_box), QLabel(self.figures_box)
        figures_layout.addWidget(self.month_title, 0, 1)
        figures_layout.addWidget(self.year_title, 0, 2)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (key, text) in enumerate((
                ("timeliness", self.tr("Response timeliness (commitment ≥ 95 %)")),
                ("completion", self.tr("Completion (commitment 100 %)")),
                ("complaints", self.tr("Complaints answered within a week")),
                ("total", self.tr("Faults recorded"))), 1):
            figures_layout.addWidget(QLabel(text, self.figures_box), row, 0)
            month, year = QLabel(self.figures_box), QLabel(self.figures_box)
            figures_layout.addWidget(month, row, 1)
            figures_layout.addWidget(year, row, 2)
            self.rows[key] = (month, year)

        self.probes_box = QGroupBox(self.tr("Probes now"), self)
        self.probe_summary = QLabel(self.probes_box)
        self.probe_summary.setWordWrap(True)
        probes_layout = QVBoxLayout(self.probes_box)
        probes_layout.addWidget(self.probe_summary)

        self.coming_box = QGroupBox(self.tr("Coming up in two weeks"), self)
        self.coming = QListWidget(self.coming_box)
        self.coming.setAccessibleName(self.coming_box.title())
        coming_layout = QVBoxLayout(self.coming_box)
        coming_layout.addWidget(self.coming)

        self.sync_box = QGroupBox(self.tr("Sync"), self)
        sync_layout = QFormLayout(self.sync_box)
        self.pending_value = QLabel(self.sync_box)
        sync_layout.addRow(self.tr("Changes waiting to sync"), self.pending_value)

        grid = QGridLayout()
        grid.addWidget(self.unanswered_box, 0, 0, 2, 1)
        grid.addWidget(self.figures_box, 0, 1)
        grid.addWidget(self.probes_box, 1, 1)
        grid.addWidget(self.coming_box, 2, 0)
        grid.addWidget(self.sync_box, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addLayout(grid, 1)
        self.data: DashboardData | None = None
        self.gatherings = 0  # how many times the data was read: tests count the refreshes
        self._gathering = False
        self._again = False
        self._retell = QTimer(self, interval=RETELL_MS)
        self._retell.timeout.connect(self._retell_time_left)
        self._retell.start()
        self.refresh()

    def refresh(self) -> None:
        """Reads the figures again on a worker; the page shows them when they come back."""
        name = self.ctx.settings.profile.name
        self.greeting.setText(self.tr("Hello, %1").replace("%1", name) if name else self.tr("Welcome to dzdesk"))
        if self._gathering:
            self._again = True
            return
        self._gathering = True
        store, now, days = self.ctx.store, self._now(), self.ctx.settings.probes.cert_warning_days

        def gather() -> tuple[DashboardData, datetime]:
            with store.session() as session:
                return gather_dashboard(session, now, days), now

        run_in_background(gather, self._gathered, self._not_gathered, owner=self)

    def _gathered(self, result: tuple[DashboardData, datetime]) -> None:
        self._gathering = False
        self.gatherings += 1
        data, now = result
        self.show_data(data, now)
        if self._again:
            self._again = False
            self.refresh()

    def _not_gathered(self, exc: Exception) -> None:
        self._gathering = False
        self.pending_value.setText(self.tr("The figures could not be read: %1").replace("%1", str(exc)))
        self.shown.emit()  # what there is to show is on screen: the window is ready all the same

    def _retell_time_left(self) -> None:
        if self.data is not None:
            self._show_unanswered(self.data, self._now())

    def show_data(self, data: DashboardData, now: datetime) -> None:
        self.data = data
        self._show_unanswered(data, now)
        self._show_figures(data)
        self._show_probes(data)
        self._show_coming(data)
        self.pending_value.setText(str(data.pending_changes))
        self.shown.emit()

    def _show_unanswered(self, data: DashboardData, now: datetime) -> None:
        self.unanswered.clear()
        for incident in data.unanswered:
            left = incident.response_due - now
            when = (self.tr("%1 left").replace("%1", duration_text(left)) if left.total_seconds() >= 0
                    else self.tr("overdue by %1").replace("%1", duration_text(-left)))
            item = QListWidgetItem(f"{when}　{severity_label(incident.severity)}　{incident.title}")
            item.setData(Qt.ItemDataRole.UserRole, incident.id)
            item.setToolTip(self.tr("Respond by %1").replace("%1", format_local(incident.response_due)))
            if left.total_seconds() < 0:
                item.setForeground(Qt.GlobalColor.red)
            self.unanswered.addItem(item)
        if not data.unanswered:
            self.unanswered.addItem(self.tr("Every fault has been answered."))
        elif data.unanswered_total > len(data.unanswered):
            self.unanswered.addItem(self.tr("… and %1 more in the fault list").replace(
                "%1", str(data.unanswered_total - len(data.unanswered))))

    def _show_figures(self, data: DashboardData) -> None:
        self.month_title.setText(self.tr("This month"))
        self.year_title.setText(self.tr("This year"))
        for column, figures in enumerate((data.month, data.year)):
            self._rate(self.rows["timeliness"][column], figures.incidents.timeliness, TIMELINESS_COMMITMENT)
            self._rate(self.rows["completion"][column], figures.incidents.completion, COMPLETION_COMMITMENT)
            self._rate(self.rows["complaints"][column], figures.complaints.on_time, COMPLAINTS_COMMITMENT)
            self.rows["total"][column].setText(self._totals(figures))

    def _totals(self, figures: PeriodFigures) -> str:
        return self.tr("%1 (%2 resolved)").replace("%1", str(figures.incidents.total)).replace(
            "%2", str(figures.incidents.resolved))

    @staticmethod
    def _rate(label: QLabel, rate: Rate, commitment: float) -> None:
        label.setText(f"{percent(rate)}  ({rate.numerator}/{rate.denominator})" if rate.denominator else "—")
        met = rate.meets(commitment)
        label.setStyleSheet("" if met is None or met else WARNING_STYLE)

    def _show_probes(self, data: DashboardData) -> None:
        counts = data.probe_counts
        parts = [f"{look_label(look)} {counts[look]}" for look in TileLook if counts.get(look)]
        text = "  ·  ".join(parts) if parts else self.tr("No probe targets yet.")
        if data.down_targets:
            text += "\n" + self.tr("Down: %1").replace("%1", "、".join(data.down_targets))
        self.probe_summary.setText(text)
        self.probe_summary.setStyleSheet(WARNING_STYLE if data.down_targets else "")

    def _show_coming(self, data: DashboardData) -> None:
        self.coming.clear()
        for training in data.trainings:
            self.coming.addItem(self.tr("Training %1: %2").replace("%1", format_local(training.when)).replace(
                "%2", training.text))
        for follow_up in data.follow_ups:
            item = QListWidgetItem(self.tr("Follow-up due %1: %2").replace("%1", str(follow_up.when)).replace(
                "%2", follow_up.text))
            if follow_up.overdue:
                item.setForeground(Qt.GlobalColor.red)
            self.coming.addItem(item)
        if not data.trainings and not data.follow_ups:
            self.coming.addItem(self.tr("No training sessions or follow-ups due."))
