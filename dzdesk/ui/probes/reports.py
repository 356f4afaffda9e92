"""The probe board's exports: a period's results as a spreadsheet, and the signed health report (健康评估报告), each
asked for in a dialog and written on a worker while the board goes on answering."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dzdesk.domain.timefmt import day_range, local_day
from dzdesk.drafts import DraftStore
from dzdesk.operations.reports import HealthRequest, write_health_report
from dzdesk.operations.signing import signing_key
from dzdesk.reports.probe_history import export_probe_results
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.pdf_output import open_in_viewer
from dzdesk.ui.probes.period_dialogs import ExportResultsDialog, HealthReportDialog

if TYPE_CHECKING:
    from dzdesk.ui.probes.page import ProbesPage


class ProbeReports(QObject):
    """What the board's “Export results…” and “Health report…” do; the page says how it went on its status line."""

    def __init__(self, page: ProbesPage, now: Callable[[], datetime]) -> None:
        super().__init__(page)
        self.page, self._now = page, now

    def export_results(self, path: Path | None = None) -> ExportResultsDialog:
        today = local_day(self._now())
        dialog = ExportResultsDialog(DraftStore(self.page.ctx.data_dir.drafts), today, self.page)
        dialog.accepted.connect(lambda: self._export_results(dialog, path))
        dialog.open()
        self.page.dialog = dialog
        return dialog

    def _export_results(self, dialog: ExportResultsDialog, path: Path | None) -> None:
        first, last = dialog.period()
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self.page, self.tr("Export probe results"), str(Path.home() / f"巡检记录_{first}_{last}.xlsx"),
                self.tr("Spreadsheets (*.xlsx);;CSV (*.csv)"))
            if not name:
                return
            path = Path(name)
        start, end = day_range(first, last)
        store, catalogue, target = self.page.ctx.store, self.page.ctx.catalogue, path

        def work() -> int:
            with store.session() as session:
                return export_probe_results(session, catalogue, start, end, target)

        self.page.message.emit(self.tr("Exporting…"))
        run_in_background(work, lambda count: self.page.message.emit(
            self.tr("%1 results exported to %2").replace("%1", str(count)).replace("%2", str(target))),
            lambda exc: QMessageBox.warning(self.page, self.tr("Export failed"), str(exc)))

    def health_report(self, path: Path | None = None, open_viewer: bool = True) -> HealthReportDialog:
        today = local_day(self._now())
        drafts = DraftStore(self.page.ctx.data_dir.drafts)
        dialog = HealthReportDialog(drafts, today, self.page)
        dialog.accepted.connect(lambda: self._write_health_report(dialog, drafts, path, open_viewer))
        dialog.open()
        self.page.dialog = dialog
        return dialog

    def _write_health_report(self, dialog: HealthReportDialog, drafts: DraftStore, path: Path | None,
                             open_viewer: bool) -> None:
        first, last = dialog.period()
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self.page, self.tr("Save the health report"), str(Path.home() / f"健康评估报告_{first}_{last}.pdf"),
                "PDF (*.pdf)")
            if not name:
                return
            path = Path(name)
        start, end = day_range(first, last)
        findings, recommendations = dialog.findings.toPlainText(), dialog.recommendations.toPlainText()
        ctx = self.page.ctx
        store, catalogue, settings, target, now = ctx.store, ctx.catalogue, ctx.settings, path, self._now()
        # This laptop's results not sent yet are counted under its own name.
        request = HealthRequest(first, last, start, end, findings, recommendations, self.page.own_vantage)
        signed = dialog.sign.isChecked()

        def work() -> Path:
            key = signing_key(settings) if signed else None
            return write_health_report(store, catalogue, settings, request, target, now, key)[0].path

        def done(written: Path) -> None:
            drafts.discard(dialog.draft_key)
            self.page.message.emit(self.tr("Health report written to %1").replace("%1", str(written)))
            if open_viewer:
                open_in_viewer(written)

        self.page.message.emit(self.tr("Writing the health report…"))
        run_in_background(work, done, lambda exc: QMessageBox.warning(self.page, self.tr("Report not written"),
                                                                      str(exc)))
