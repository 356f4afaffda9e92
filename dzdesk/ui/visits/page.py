"""The visit list: record, sign, export and print visit reports, all without a network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import format_local
from dzdesk.domain.visit import ServiceCategory
from dzdesk.operations.reports import write_visit_report
from dzdesk.operations.signing import signing_key
from dzdesk.operations.visits import sign_visit
from dzdesk.store import Store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.visit_models import Visit
from dzdesk.store.visit_repo import VisitRejected, count_visits, load_visit, page_visits, split_codes
from dzdesk.ui.context import AppContext
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.paged_model import PagedTableModel, session_source
from dzdesk.ui.pdf_output import open_in_viewer, print_pdf
from dzdesk.ui.record_table import RecordTable
from dzdesk.ui.visits.editor import VisitEditor, category_label, visit_problem_text
from dzdesk.ui.visits.signature_pad import SignatureDialog

UNSIGNED = QColor("#fde7b0")


class VisitTableModel(PagedTableModel[Visit]):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        headers = [
            QCoreApplication.translate("VisitTable", "Report no."),
            QCoreApplication.translate("VisitTable", "Arrived"),
            QCoreApplication.translate("VisitTable", "Office"),
            QCoreApplication.translate("VisitTable", "Department"),
            QCoreApplication.translate("VisitTable", "District"),
            QCoreApplication.translate("VisitTable", "Services"),
            QCoreApplication.translate("VisitTable", "Engineers"),
            QCoreApplication.translate("VisitTable", "Signed"),
        ]
        super().__init__(headers, *session_source(store, count_visits, page_visits), parent)

    def cell(self, row: Visit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            signed = (QCoreApplication.translate("VisitTable", "%1 by %2").replace("%1", format_local(row.signed_at))
                      .replace("%2", row.signer_name) if row.signed
                      else QCoreApplication.translate("VisitTable", "not signed"))
            services = "、".join(category_label(ServiceCategory(c)) for c in split_codes(row.categories))
            return [row.report_number, format_local(row.arrived_at), row.office, row.department, row.district,
                    services, row.engineers, signed][column]
        if role == Qt.ItemDataRole.BackgroundRole and column == 7 and not row.signed:
            return QBrush(UNSIGNED)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class VisitsPage(QWidget):
    SHOWS = frozenset({"visits", "visit_follow_ups", "visit_attachments", "visit_amendments", "visit_incidents"})
    records_changed = Signal()  # the window refreshes its counts; the page needs no window to run

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.editor: VisitEditor | None = None
        self.model = VisitTableModel(ctx.store, self)
        self.table = RecordTable(self.model, self)
        self.table.setObjectName("visitTable")
        self.table.setAccessibleName(self.tr("Visits"))
        self.table.fit_columns({0: 170, 1: 130}, stretch=2, drop=(6, 3, 5, 4))  # engineers, dept., services, district
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.count_label = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for text, shortcut, slot in (
            (self.tr("&New visit"), "Ctrl+N", self.new_visit),
            (self.tr("&Edit"), None, self.edit_selected),
            (self.tr("Customer si&gns…"), "Ctrl+G", self.sign_selected),
            (self.tr("Export &PDF…"), "Ctrl+E", self.export_selected),
            (self.tr("Export signe&d PDF…"), None, lambda: self.export_selected(signed=True)),
            (self.tr("P&rint…"), "Ctrl+P", self.print_selected),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, activated=slot,
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                button.setToolTip(shortcut)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.count_label.setText(self.tr("%n visit(s)", "", self.model.rowCount()))

    def selected_id(self) -> str | None:
        return self.table.selected_id()


    def _saved(self, visit_id: str) -> None:
        self.reload()
        self.table.select_id(visit_id)
        self.records_changed.emit()

    def _open(self, visit_id: str | None) -> VisitEditor:
        self.editor = VisitEditor(self.ctx, visit_id, self, now=self._now)
        self.editor.saved.connect(self._saved)
        self.editor.open()
        return self.editor

    def new_visit(self) -> VisitEditor:
        return self._open(None)

    def open_record(self, record_id: str) -> VisitEditor:
        """Opens one record's editor (from search or the dashboard)."""
        return self._open(record_id)

    def edit_selected(self) -> VisitEditor | None:
        visit_id = self.selected_id()
        return self._open(visit_id) if visit_id else None

    def sign_selected(self) -> SignatureDialog | None:
        visit_id = self.selected_id()
        if not visit_id:
            return None
        with self.ctx.store.session() as session:
            visit = load_visit(session, visit_id)
            if visit is None or visit.signed:
                QMessageBox.information(self, self.tr("Already signed"),
                                        self.tr("This visit is signed and locked: record an amendment instead."))
                return None
            contact = visit.contact_name
        dialog = SignatureDialog(contact, self)
        dialog.accepted.connect(lambda: self.store_signature(visit_id, dialog.signer.text(), dialog.pad.to_png()))
        dialog.open()
        return dialog

    def store_signature(self, visit_id: str, signer: str, png: bytes) -> bool:
        try:
            sign_visit(self.ctx.store, visit_id, signer, png, self._now())
        except VisitRejected as exc:
            QMessageBox.warning(self, self.tr("Not signed"),
                                "\n".join(visit_problem_text(p) for p in exc.problems))
            return False
        self._saved(visit_id)
        return True

    def render_pdf(self, visit_id: str, target: Path, then: Callable[[Path], None], signed: bool = False) -> None:
        """Issues the report in the background (its verification code on the last page, entered in the register;
        with `signed`, signed by the team's certificate once the customer has signed); `then(path)` runs on the GUI
        thread when the file is complete."""
        store, catalogue, blobs = self.ctx.store, self.ctx.catalogue, BlobStore(self.ctx.data_dir.blobs)
        settings, now = self.ctx.settings, self._now()

        def work() -> Path:
            key = signing_key(settings) if signed else None
            return write_visit_report(store, catalogue, blobs, visit_id, target, now, key).path

        run_in_background(work, then, lambda exc: QMessageBox.warning(
            self, self.tr("Report not written"), str(exc)))

    def export_selected(self, signed: bool = False) -> None:
        visit_id = self.selected_id()
        if not visit_id:
            return
        with self.ctx.store.session() as session:
            visit = load_visit(session, visit_id)
            number, customer_signed = visit.report_number, visit.signed
        if signed and not customer_signed:
            QMessageBox.information(self, self.tr("Not signed yet"), self.tr(
                "The report is signed with the team's certificate once the customer has signed it."))
            return
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the visit report"),
                                                    str(Path.home() / f"上门服务单_{number}.pdf"), "PDF (*.pdf)")
        if path:
            self.render_pdf(visit_id, Path(path), self._exported, signed)

    def _exported(self, path: Path) -> None:
        window = self.window()
        if hasattr(window, "status"):
            window.status.showMessage(self.tr("Visit report written to %1").replace("%1", str(path)), 10000)
        open_in_viewer(path)

    def print_selected(self) -> None:
        visit_id = self.selected_id()
        if not visit_id:
            return
        target = self.ctx.data_dir.root / "reports" / f"visit-{visit_id}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.render_pdf(visit_id, target, lambda path: print_pdf(path, self))
