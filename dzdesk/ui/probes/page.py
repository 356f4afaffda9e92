"""The probe board (巡检): a tile per target with the team's freshest result, the team's laptops and watchers and a
plain warning when a watcher falls silent, run now with progress and cancel, the selected target's history with its
availability and coverage over observed time, and the way from a failed probe to a recorded fault, the exports and
the health report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.incident import Channel
from dzdesk.domain.observed import ObservedFigures
from dzdesk.domain.probe_state import TargetState
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.operations.probe_targets import ensure_probe_defaults
from dzdesk.probes.board import Prober, Tile, TileLook
from dzdesk.probes.board_read import BoardRead, HistoryRead, read_board, read_history
from dzdesk.probes.stored import SweepReport, policy_for
from dzdesk.reports.figures import low_coverage
from dzdesk.sync.probe_results import default_vantage
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.incidents.editor import IncidentEditor, open_editor
from dzdesk.ui.labels import (
    duration_text,
    elapsed_text,
    failure_text,
    platform_label,
    target_state_label,
    this_laptop_label,
    vantage_kind_label,
)
from dzdesk.ui.probes.latency_chart import LatencyChart
from dzdesk.ui.probes.maintenance_dialog import MaintenanceDialog
from dzdesk.ui.probes.period_dialogs import ExportResultsDialog, HealthReportDialog
from dzdesk.ui.probes.reports import ProbeReports
from dzdesk.ui.probes.sweeper import ProbeSweeper
from dzdesk.ui.probes.target_editor import TargetEditor
from dzdesk.ui.probes.targets_dialog import TargetsDialog
from dzdesk.ui.probes.tiles import (
    TileDelegate,
    TileModel,
    cert_text,
    latency_text,
    look_label,
    source_text,
    tile_size,
    when_text,
)
from dzdesk.ui.theme import Token, hex_of
from dzdesk.ui.theme_watch import follow_scheme, themed_style
from dzdesk.ui.worker_calls import LatestRead

PERIOD_DAYS = (1, 7, 30, 365)


def silence_style() -> str:
    """The watcher-silent banner: the alarm colours of the scheme in force, framed so it reads as a warning."""
    return (f"QLabel#watcherSilent {{ background: {hex_of(Token.BANNER_ALARM_BG)}; "
            f"color: {hex_of(Token.BANNER_ALARM_TEXT)}; border: 1px solid {hex_of(Token.BANNER_ALARM_BORDER)}; "
            "border-radius: 4px; padding: 4px 8px; }")


class ProbesPage(QWidget):
    # probe_results: a teammate's watcher's results, pulled by a sync, show without a reload
    SHOWS = frozenset({"probe_targets", "maintenance_windows", "probe_results", "probe_states"})
    message = Signal(str)  # for the window's status bar
    records_changed = Signal()
    state_changed = Signal(str, str)  # heading, text: a target went down or came back

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        # This laptop as the team knows it: its results already sent carry this name.
        self.own_vantage = default_vantage(ctx.store.author).name
        self.dialog: QWidget | None = None
        self.editor: IncidentEditor | None = None
        self.sweeper = ProbeSweeper(ctx, self)
        self.sweeper.started.connect(self._sweep_started)
        self.sweeper.progress.connect(self._sweep_progress)
        self.sweeper.finished.connect(self._sweep_finished)
        self.sweeper.failed.connect(self._sweep_failed)

        self.run_button = QPushButton(icon("refresh"), self.tr("&Run now"), self)
        self.run_button.setToolTip("F5")
        self.run_button.clicked.connect(self.run_now)
        self.cancel_button = QPushButton(icon("x"), self.tr("&Cancel"), self)
        self.cancel_button.clicked.connect(self.sweeper.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress)
        top.addWidget(self.summary, 1)
        for text, slot, name in ((self.tr("&Targets…"), self.open_targets, "list-details"),
                                 (self.tr("&Maintenance…"), self.open_maintenance, "tool"),
                                 (self.tr("E&xport results…"), self.export_results, "file-export"),
                                 (self.tr("&Health report…"), self.health_report, "file-certificate")):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            top.addWidget(button)
        # The team's laptops and watchers, and a warning in words when a watcher has gone silent.
        self.team = QLabel(self)
        self.team.setWordWrap(True)
        self.team.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.silence = QLabel(self)
        self.silence.setObjectName("watcherSilent")
        self.silence.setWordWrap(True)
        themed_style(self.silence, silence_style)
        self.silence.hide()
        QShortcut(QKeySequence("F5"), self, activated=self.run_now,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Esc"), self, activated=self.sweeper.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.model = TileModel(self)
        self.tiles = QListView(self)
        self.tiles.setObjectName("probeTiles")
        self.tiles.setModel(self.model)
        self.tiles.setItemDelegate(TileDelegate(self.tiles))
        follow_scheme(self.tiles.viewport())  # the delegate asks the theme at each paint
        self.tiles.setViewMode(QListView.ViewMode.IconMode)
        self.tiles.setResizeMode(QListView.ResizeMode.Adjust)
        self.tiles.setMovement(QListView.Movement.Static)
        self.tiles.setUniformItemSizes(True)
        self.tiles.setGridSize(tile_size(self.tiles.fontMetrics()) + QSize(4, 4))
        self.tiles.setSpacing(0)
        self.tiles.setAccessibleName(self.tr("Probe targets"))
        self.tiles.selectionModel().currentChanged.connect(lambda _new, _old: self.show_selected())

        self.detail_title = QLabel(self)
        font = self.detail_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.period = QComboBox(self)
        for days in PERIOD_DAYS:
            text = self.tr("24 hours") if days == 1 else self.tr("%1 days").replace("%1", str(days))
            self.period.addItem(text, days)
        self.period.setCurrentIndex(1)
        self.period.setAccessibleName(self.tr("Period of the chart"))
        self.period.currentIndexChanged.connect(lambda _i: self.show_selected())
        self.chart = LatencyChart(self)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_button = QPushButton(icon("message-report"), self.tr("Record a &fault…"), self)
        self.record_button.clicked.connect(self.record_fault)
        self.edit_button = QPushButton(icon("pencil"), self.tr("&Edit target…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("History of the last"), self))
        period_row.addWidget(self.period)
        period_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.detail_title)
        side_layout.addWidget(self.detail)
        side_layout.addLayout(period_row)
        side_layout.addWidget(self.figures)
        side_layout.addWidget(self.chart, 1)
        side_layout.addLayout(actions)
        splitter = QSplitter(self)
        splitter.addWidget(self.tiles)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.silence)
        layout.addWidget(self.team)
        layout.addWidget(splitter, 1)
        self._defaults_added = False  # the default targets are added before the first read of the board
        self.reports = ProbeReports(self, self._now)
        self.board_read = LatestRead(self, self._board_work, self._show_board, self._board_not_read, heavy=True)
        self.history_read = LatestRead(self, self._history_work, self._show_history, self._history_not_read)
        self.reload()

    # -- the board ------------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """The board or the selected target's history is being read on a worker."""
        return self.board_read.running or self.history_read.running

    def reload(self) -> None:
        """Reads the board again on a worker (the first time adding the default targets); it shows when back."""
        self.board_read.request()

    def _board_work(self) -> Callable[[], BoardRead]:
        store, catalogue, now, vantage = self.ctx.store, self.ctx.catalogue, self._now(), self.own_vantage
        probes, defaults = self.ctx.settings.probes, not self._defaults_added

        def work() -> BoardRead:
            if defaults:
                ensure_probe_defaults(store, catalogue)
            return read_board(store, now, probes.cert_warning_days, policy_for(probes), vantage)

        return work

    def _show_board(self, read: BoardRead) -> None:
        self._defaults_added = True
        selected = self.selected_tile()
        tiles = read.tiles
        self.model.set_tiles(tiles)
        self._show_team(read.probers, read.now)
        counts = {look: sum(1 for t in tiles if t.look is look) for look in TileLook}
        parts = [f"{look_label(look)} {counts[look]}" for look in TileLook if counts[look]]
        self.summary.setText("  ·  ".join(parts))
        row = self.model.row_of(selected.target_id) if selected else -1
        if row < 0 and tiles:
            row = 0
        if row >= 0:
            self.tiles.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.show_selected()

    def _board_not_read(self, exc: Exception) -> None:
        self.summary.setText(self.tr("The board could not be read: %1").replace("%1", str(exc)))

    def selected_tile(self) -> Tile | None:
        index = self.tiles.currentIndex()
        return self.model.tiles[index.row()] if index.isValid() and index.row() < len(self.model.tiles) else None

    def select_target(self, target_id: str) -> bool:
        row = self.model.row_of(target_id)
        if row >= 0:
            self.tiles.selectionModel().setCurrentIndex(self.model.index(row),
                                                        QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return row >= 0

    def show_selected(self) -> None:
        tile = self.selected_tile()
        self.record_button.setEnabled(tile is not None and tile.failure is not None)
        self.edit_button.setEnabled(tile is not None)
        if tile is None:
            self.detail_title.setText(self.tr("No probe targets"))
            self.detail.setText(self.tr("Add targets with “Targets…”, or import a targets file."))
            self.chart.set_points([])
            self.figures.clear()
            return
        target = tile.target
        self.detail_title.setText(target.name)
        names = {p.code: p.short_name for p in self.ctx.catalogue.platforms}
        lines = [f"{platform_label(target.platform, names)} · {str(target.kind).upper()} · "
                 f"{target.address or self.tr('no address yet')}",
                 self.tr("State: %1").replace("%1", look_label(tile.look))
                 + (self.tr(" since %1").replace("%1", format_local(tile.since)) if tile.since else "")]
        if tile.last_at is not None:
            last = latency_text(tile) or failure_text(tile.failure, tile.detail)
            lines.append(self.tr("Last check: %1  %2").replace("%1", format_local(tile.last_at)).replace("%2", last))
            if tile.own:
                lines.append(self.tr("Seen from: %1").replace("%1", source_text(tile)))
            else:  # the state is that vantage point's own, replayed from its results
                lines.append(self.tr("Seen from: %1, whose checks confirm the state").replace("%1",
                                                                                        source_text(tile)))
        if tile.cert_not_after is not None:
            lines.append(self.tr("Certificate: until %1 (%2), issued by %3")
                         .replace("%1", format_local(tile.cert_not_after)[:10]).replace("%2", cert_text(tile))
                         .replace("%3", tile.cert_issuer or "?"))
        if tile.cert_warning:
            lines.append("⚠ " + self.tr("The certificate expires soon."))
        if tile.verify_off:
            lines.append("⚠ " + self.tr("Certificate verification is off for this target."))
        self.detail.setText("\n".join(lines))
        self.history_read.request()

    def _history_work(self) -> Callable[[], HistoryRead]:
        """The selected target's latency and figures over the chosen period, read as the selection is now."""
        tile = self.selected_tile()
        store, vantage, end = self.ctx.store, self.own_vantage, self._now()
        start = end - timedelta(days=int(self.period.currentData()))
        target_id = None if tile is None else tile.target_id

        return lambda: read_history(store, target_id, start, end, vantage)

    def _show_history(self, read: HistoryRead) -> None:
        tile = self.selected_tile()
        if tile is None or tile.target_id != read.target_id:  # the selection moved on: its own read follows
            return
        self.chart.set_points(read.points)
        self.figures.setText(self._figures_text(read.figures, read.probers))

    def _history_not_read(self, exc: Exception) -> None:
        self.chart.set_points([])
        self.figures.setText(self.tr("The history could not be read: %1").replace("%1", str(exc)))

    def _figures_text(self, figures: ObservedFigures | None, probers: dict[str, Prober]) -> str:
        """Availability over the observed time, with coverage beside it and the time nobody observed named as no
        data; then the checks, and where the target was seen from."""
        if figures is None or (figures.availability is None and not figures.checks):
            return self.tr("No checks in this period.")
        lines = []
        if figures.availability is None:
            lines.append(self.tr("Nothing observed in this period outside maintenance."))
        else:
            text = self.tr("Availability %1 of the observed time, coverage %2 of the period").replace(
                "%1", f"{figures.availability * 100:.2f}%").replace("%2", f"{(figures.coverage or 0) * 100:.1f}%")
            if low_coverage(figures):
                text += self.tr(" (%1 not observed: no data, not counted as up)").replace(
                    "%1", duration_text(timedelta(seconds=round(figures.no_data_s))))
            lines.append(text)
        text = self.tr("%1 checks, %2 failed").replace("%1", str(figures.checks)).replace("%2", str(figures.failures))
        if figures.p50_ms is not None:
            text += self.tr(", median %1 ms, 95th percentile %2 ms").replace("%1", f"{figures.p50_ms:.0f}").replace(
                "%2", f"{figures.p95_ms:.0f}")
        if figures.maintenance_checks:
            text += self.tr("; %1 during maintenance, not counted").replace("%1", str(figures.maintenance_checks))
        lines.append(text)
        shares = sorted(((figures.vantage_coverage(name) or 0.0, name) for name, seconds in
                         figures.by_vantage.items() if seconds > 0), key=lambda share: (-share[0], share[1]))
        if shares:
            lines.append(self.tr("Seen from: %1").replace("%1", "  ·  ".join(
                f"{self._vantage_name(name, probers)} {share * 100:.1f}%" for share, name in shares)))
        return "\n".join(lines)

    def _vantage_name(self, name: str, probers: dict[str, Prober]) -> str:
        if name in ("", self.own_vantage):
            return this_laptop_label()
        prober = probers.get(name)
        return name if prober is None else f"{name} ({vantage_kind_label(prober.kind)})"

    def _show_team(self, probers: list[Prober], now: datetime) -> None:
        """The team's laptops and watchers with when each was last heard from, and a plain warning for each watcher
        that has gone silent: its sweeps and alerts may have stopped."""
        if not probers:
            self.team.setText(self.tr("Not synced with the team's hub yet: only this laptop's results are shown."))
            self.silence.hide()
            return
        parts = []
        for prober in probers:
            if prober.own:
                name = this_laptop_label() + (f" ({prober.network})" if prober.network else "")
            else:
                kind = vantage_kind_label(prober.kind) + (f", {prober.network}" if prober.network else "")
                name = f"{prober.name} ({kind})"
            parts.append(self.tr("%1 heard from %2").replace("%1", name).replace("%2",
                                                                                when_text(prober.last_seen, now)))
        self.team.setText(self.tr("Probing for the team: %1").replace("%1", "  ·  ".join(parts)))
        silent = [p for p in probers if p.silent]
        warnings = [self.tr("⚠ The watcher %1 has not been heard from since %2 (%3 ago): its probes and alerts may "
                            "have stopped. Check that it is running and can reach the hub.")
                    .replace("%1", p.name).replace("%2", format_local(p.last_seen))
                    .replace("%3", elapsed_text(now - p.last_seen)) for p in silent]
        self.silence.setText("\n".join(warnings))
        self.silence.setVisible(bool(warnings))

    # -- sweeping -------------------------------------------------------------------------------------------------
    def run_now(self) -> bool:
        return self.sweeper.run()

    def _sweep_started(self) -> None:
        self.run_button.setEnabled(False)
        self.cancel_button.show()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.emit(self.tr("Probing…"))

    def _sweep_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 of %2").replace("%1", str(done)).replace("%2", str(total)))

    def _sweep_ended(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.hide()
        self.progress.hide()

    def _sweep_finished(self, report: SweepReport) -> None:
        self._sweep_ended()
        self.reload()
        failed = sum(1 for _id, outcome in report.outcomes if not outcome.ok)
        if report.cancelled:
            text = self.tr("Probing cancelled after %1 target(s).").replace("%1", str(len(report.outcomes)))
        elif not report.outcomes:
            text = self.tr("No target has an address yet: add them under “Targets…”.")
        else:
            text = self.tr("Probed %1 target(s), %2 failed.").replace("%1", str(len(report.outcomes))).replace(
                "%2", str(failed))
        self.message.emit(text)
        for change in report.changes:
            if not change.transition.alerts:
                continue
            went_down = change.transition.new is TargetState.DOWN
            heading = self.tr("Target down") if went_down else self.tr("Target back up")
            body = f"{change.target_name}: {target_state_label(change.transition.new)}"
            if went_down and change.failure is not None:
                body += f" ({failure_text(change.failure, change.detail)})"
            self.state_changed.emit(heading, body)

    def _sweep_failed(self, message: str) -> None:
        self._sweep_ended()
        self.message.emit(self.tr("Probing failed: %1").replace("%1", message))

    # -- dialogs --------------------------------------------------------------------------------------------------
    def open_targets(self) -> TargetsDialog:
        dialog = TargetsDialog(self.ctx, self)
        dialog.changed.connect(self.reload)
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit_selected(self) -> TargetEditor | None:
        tile = self.selected_tile()
        if tile is None:
            return None
        editor = TargetEditor(self.ctx, tile.target_id, self)
        editor.saved.connect(lambda _id: self.reload())
        editor.open()
        self.dialog = editor
        return editor

    def open_maintenance(self) -> MaintenanceDialog:
        dialog = MaintenanceDialog(self.ctx, self)
        dialog.changed.connect(self.reload)
        dialog.open()
        self.dialog = dialog
        return dialog

    def record_fault(self) -> IncidentEditor | None:
        """A fault prefilled from the failed probe: platform, subsystem, district, what failed and when."""
        tile = self.selected_tile()
        if tile is None or tile.failure is None:
            return None
        target = tile.target
        severity = Severity.URGENT if tile.look is TileLook.DOWN and not target.module else Severity.MAJOR
        started = tile.since if tile.look is TileLook.DOWN and tile.since else tile.last_at
        description = "\n".join(p for p in (
            self.tr("Found by the probe of “%1” (%2).").replace("%1", target.name).replace("%2", target.address),
            self.tr("Failing since %1: %2").replace("%1", format_local(started)).replace(
                "%2", failure_text(tile.failure, tile.detail))) if p)
        prefill = {"platform": target.platform, "module": target.module, "district": target.district,
                   "severity": severity.value, "channel": Channel.PROBE.value,
                   "title": self.tr("%1 not reachable").replace("%1", target.name), "description": description}
        self.editor = open_editor(self.ctx, self, on_saved=lambda _id: self.records_changed.emit(), prefill=prefill,
                                  draft_key=f"incident-probe-{tile.target_id}")
        return self.editor

    def export_results(self, path: Path | None = None) -> ExportResultsDialog:
        """Asks for a period, then writes its results to a spreadsheet on a worker (`ProbeReports`)."""
        return self.reports.export_results(path)

    def health_report(self, path: Path | None = None, open_viewer: bool = True) -> HealthReportDialog:
        """Asks for a period and the findings, then writes the health report on a worker (`ProbeReports`)."""
        return self.reports.health_report(path, open_viewer)

    def shutdown(self) -> None:
        """Stops periodic sweeps and cancels a running one, so closing the window never waits on the network."""
        self.sweeper.timer.stop()
        self.sweeper.cancel()
