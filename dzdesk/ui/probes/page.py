"""The probe board (巡检): a tile per target, run now with progress and cancel, the selected target's history, and
the way from a failed probe to a recorded fault, the exports and the health report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.availability import AvailabilityFigures
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.incident import Channel
from dzdesk.domain.probe_state import TargetState
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range, format_local
from dzdesk.drafts import DraftStore
from dzdesk.probes.board import Tile, TileLook, board
from dzdesk.probes.stored import SweepReport, policy_for
from dzdesk.reports.health_report import gather_health, render_health_report
from dzdesk.reports.probe_history import export_probe_results
from dzdesk.store.probe_repo import ensure_default_targets, latency_series, target_figures
from dzdesk.ui.context import AppContext
from dzdesk.ui.incidents.editor import IncidentEditor, open_editor
from dzdesk.ui.labels import failure_text, platform_label, target_state_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.pdf_output import open_in_viewer
from dzdesk.ui.probes.latency_chart import LatencyChart
from dzdesk.ui.probes.maintenance_dialog import MaintenanceDialog
from dzdesk.ui.probes.period_dialogs import ExportResultsDialog, HealthReportDialog
from dzdesk.ui.probes.sweeper import ProbeSweeper
from dzdesk.ui.probes.target_editor import TargetEditor
from dzdesk.ui.probes.targets_dialog import TargetsDialog
from dzdesk.ui.probes.tiles import TILE_SIZE, TileDelegate, TileModel, cert_text, latency_text, look_label

PERIOD_DAYS = (1, 7, 30, 365)


class ProbesPage(QWidget):
    message = Signal(str)  # for the window's status bar
    records_changed = Signal()
    state_changed = Signal(str, str)  # heading, text: a target went down or came back

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.dialog: QWidget | None = None
        self.editor: IncidentEditor | None = None
        self.sweeper = ProbeSweeper(ctx, self)
        self.sweeper.started.connect(self._sweep_started)
        self.sweeper.progress.connect(self._sweep_progress)
        self.sweeper.finished.connect(self._sweep_finished)
        self.sweeper.failed.connect(self._sweep_failed)

        self.run_button = QPushButton(self.tr("&Run now"), self)
        self.run_button.setToolTip("F5")
        self.run_button.clicked.connect(self.run_now)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
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
        for text, slot in ((self.tr("&Targets…"), self.open_targets),
                           (self.tr("&Maintenance…"), self.open_maintenance),
                           (self.tr("E&xport results…"), self.export_results),
                           (self.tr("&Health report…"), self.health_report)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            top.addWidget(button)
        QShortcut(QKeySequence("F5"), self, activated=self.run_now,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Esc"), self, activated=self.sweeper.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.model = TileModel(self)
        self.tiles = QListView(self)
        self.tiles.setObjectName("probeTiles")
        self.tiles.setModel(self.model)
        self.tiles.setItemDelegate(TileDelegate(self.tiles))
        self.tiles.setViewMode(QListView.ViewMode.IconMode)
        self.tiles.setResizeMode(QListView.ResizeMode.Adjust)
        self.tiles.setMovement(QListView.Movement.Static)
        self.tiles.setUniformItemSizes(True)
        self.tiles.setGridSize(TILE_SIZE + QSize(4, 4))
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
        self.period.currentIndexChanged.connect(lambda _i: self.show_selected())
        self.chart = LatencyChart(self)
        self.figures = QLabel(self)
        self.record_button = QPushButton(self.tr("Record a &fault…"), self)
        self.record_button.clicked.connect(self.record_fault)
        self.edit_button = QPushButton(self.tr("&Edit target…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("Latency over"), self))
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
        layout.addWidget(splitter, 1)
        self._first_load = True
        self.reload()

    # -- the board ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        if self._first_load:
            self._first_load = False
            with self.ctx.store.transaction() as session:
                ensure_default_targets(session, self.ctx.catalogue)
        selected = self.selected_tile()
        with self.ctx.store.session() as session:
            tiles = board(session, self._now(), self.ctx.settings.probes.cert_warning_days)
        self.model.set_tiles(tiles)
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
        if tile.cert_not_after is not None:
            lines.append(self.tr("Certificate: until %1 (%2), issued by %3")
                         .replace("%1", format_local(tile.cert_not_after)[:10]).replace("%2", cert_text(tile))
                         .replace("%3", tile.cert_issuer or "?"))
        if tile.cert_warning:
            lines.append("⚠ " + self.tr("The certificate expires soon."))
        if tile.verify_off:
            lines.append("⚠ " + self.tr("Certificate verification is off for this target."))
        self.detail.setText("\n".join(lines))
        end = self._now()
        start = end - timedelta(days=int(self.period.currentData()))
        with self.ctx.store.session() as session:
            self.chart.set_points(latency_series(session, tile.target_id, start, end))
            figures = target_figures(session, tile.target_id, start, end)
        self.figures.setText(self._figures_text(figures))

    def _figures_text(self, figures: AvailabilityFigures) -> str:
        if figures.availability is None:
            return self.tr("No checks in this period.")
        text = self.tr("Availability %1 of %2 checks").replace(
            "%1", f"{figures.availability * 100:.2f}%").replace("%2", str(figures.checks))
        if figures.p50_ms is not None:
            text += self.tr(", median %1 ms, 95th percentile %2 ms").replace("%1", f"{figures.p50_ms:.0f}").replace(
                "%2", f"{figures.p95_ms:.0f}")
        if figures.maintenance:
            text += self.tr("; %1 during maintenance, not counted").replace("%1", str(figures.maintenance))
        return text

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
        today = self._now().astimezone(SHANGHAI).date()
        dialog = ExportResultsDialog(DraftStore(self.ctx.data_dir.drafts), today, self)
        dialog.accepted.connect(lambda: self._export_results(dialog, path))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _export_results(self, dialog: ExportResultsDialog, path: Path | None) -> None:
        first, last = dialog.period()
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export probe results"), str(Path.home() / f"巡检记录_{first}_{last}.xlsx"),
                self.tr("Spreadsheets (*.xlsx);;CSV (*.csv)"))
            if not name:
                return
            path = Path(name)
        start, end = day_range(first, last)
        store, catalogue, target = self.ctx.store, self.ctx.catalogue, path

        def work() -> int:
            with store.session() as session:
                return export_probe_results(session, catalogue, start, end, target)

        self.message.emit(self.tr("Exporting…"))
        run_in_background(work, lambda count: self.message.emit(
            self.tr("%1 results exported to %2").replace("%1", str(count)).replace("%2", str(target))),
            lambda exc: QMessageBox.warning(self, self.tr("Export failed"), str(exc)))

    def health_report(self, path: Path | None = None, open_viewer: bool = True) -> HealthReportDialog:
        today = self._now().astimezone(SHANGHAI).date()
        drafts = DraftStore(self.ctx.data_dir.drafts)
        dialog = HealthReportDialog(drafts, today, self)
        dialog.accepted.connect(lambda: self._write_health_report(dialog, drafts, path, open_viewer))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _write_health_report(self, dialog: HealthReportDialog, drafts: DraftStore, path: Path | None,
                             open_viewer: bool) -> None:
        first, last = dialog.period()
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the health report"), str(Path.home() / f"健康评估报告_{first}_{last}.pdf"),
                "PDF (*.pdf)")
            if not name:
                return
            path = Path(name)
        start, end = day_range(first, last)
        findings, recommendations = dialog.findings.toPlainText(), dialog.recommendations.toPlainText()
        store, catalogue, settings, target, now = (self.ctx.store, self.ctx.catalogue, self.ctx.settings, path,
                                                   self._now())

        def work() -> Path:
            with store.session() as session:
                data = gather_health(session, catalogue, start, end, now, policy_for(settings.probes),
                                     settings.probes.cert_warning_days)
            return render_health_report(data, target, settings.profile.name, findings, recommendations)

        def done(written: Path) -> None:
            drafts.discard(dialog.draft_key)
            self.message.emit(self.tr("Health report written to %1").replace("%1", str(written)))
            if open_viewer:
                open_in_viewer(written)

        self.message.emit(self.tr("Writing the health report…"))
        run_in_background(work, done, lambda exc: QMessageBox.warning(self, self.tr("Report not written"),
                                                                      str(exc)))

    def shutdown(self) -> None:
        """Stops periodic sweeps and cancels a running one, so closing the window never waits on the network."""
        self.sweeper.timer.stop()
        self.sweeper.cancel()
