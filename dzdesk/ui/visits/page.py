"""The visit list: find a visit by bureau, engineer or content, narrow it to the unsigned ones, a period or one
engineer; record, sign, export and print visit reports, all without a network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import format_local, month_range, to_local, year_range
from dzdesk.domain.visit import ServiceCategory
from dzdesk.operations.reports import write_visit_report
from dzdesk.operations.signing import signing_key
from dzdesk.operations.visits import sign_visit
from dzdesk.store import Store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.visit_models import Visit
from dzdesk.store.visit_queries import VisitQuery, count_matching, engineer_names, page_matching
from dzdesk.store.visit_repo import VisitDraft, VisitRejected, load_visit, split_codes
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.paged_model import PagedTableModel, session_source
from dzdesk.ui.pdf_output import open_in_viewer, print_pdf
from dzdesk.ui.record_table import RecordTable
from dzdesk.ui.theme import Token, colour
from dzdesk.ui.visits.editor import VisitEditor
from dzdesk.ui.visits.signature_pad import SignatureDialog
from dzdesk.ui.visits.texts import category_label, visit_problem_text

FILTER_DELAY_MS = 150
PERIODS = ("this_month", "last_month", "this_year", "all")


def period_range(period: str, now: datetime) -> tuple[datetime | None, datetime | None]:
    """The arrival times [from, to) of a period named in the filter, counted in Shanghai time."""
    today = to_local(now)
    if period == "this_month":
        return month_range(today.year, today.month)
    if period == "last_month":
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        return month_range(year, month)
    if period == "this_year":
        return year_range(today.year)
    return None, None


class VisitTableModel(PagedTableModel[Visit]):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        self.store = store
        self.query = VisitQuery()
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
        super().__init__(headers, *self._source(), parent)

    def _source(self) -> tuple[Any, Any]:
        query = self.query
        return session_source(self.store, lambda session: count_matching(session, query),
                              lambda session, offset, limit: page_matching(session, query, offset, limit))

    def set_query(self, query: VisitQuery) -> None:
        self.query = query
        self.set_source(*self._source())

    def cell(self, row: Visit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            signed = (QCoreApplication.translate("VisitTable", "%1 by %2").replace("%1", format_local(row.signed_at))
                      .replace("%2", row.signer_name) if row.signed
                      else QCoreApplication.translate("VisitTable", "not signed"))
            services = "、".join(category_label(ServiceCategory(c)) for c in split_codes(row.categories))
            return [row.report_number, format_local(row.arrived_at), row.office, row.department, row.district,
                    services, row.engineers, signed][column]
        if role == Qt.ItemDataRole.BackgroundRole and column == 7 and not row.signed:
            return QBrush(colour(Token.TINT_WARNING))
        if role == Qt.ItemDataRole.ForegroundRole and column == 7 and not row.signed:
            return QBrush(colour(Token.TEXT_ON_TINT))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


def _visit_facts(store: Store, visit_id: str) -> tuple[str, bool, str, VisitDraft]:
    """The visit's report number, whether the customer signed, its contact, and the visit as it stands (what the
    customer signs); run on a worker."""
    with store.session() as session:
        visit = load_visit(session, visit_id)
        if visit is None:
            raise LookupError(QCoreApplication.translate("VisitsPage", "This visit is no longer stored."))
        return visit.report_number, visit.signed, visit.contact_name, VisitDraft.of(visit)


class VisitsPage(QWidget):
    """Reads nothing on the GUI thread: the list (its model), the engineers, what an action needs of a visit and
    every write run on a worker. `listed` says the list of the current filters is on screen with its count."""

    SHOWS = frozenset({"visits", "visit_follow_ups", "visit_attachments", "visit_amendments", "visit_incidents"})
    records_changed = Signal()  # the window refreshes its counts; the page needs no window to run
    listed = Signal()
    signature_stored = Signal(str)  # the visit whose signature is stored ("" when it was refused)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.editor: VisitEditor | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("visitSearch")
        self.search.setAccessibleName(self.tr("Search visits"))
        self.search.setPlaceholderText(self.tr("Search bureau, engineer, work done… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.signed = QComboBox(self)
        self.signed.setAccessibleName(self.tr("Signature"))
        for text, value in ((self.tr("Signed or not"), None), (self.tr("Not signed yet"), False),
                            (self.tr("Signed"), True)):
            self.signed.addItem(text, value)
        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Period"))
        for text, value in zip((self.tr("This month"), self.tr("Last month"), self.tr("This year"),
                                self.tr("Any time")), PERIODS, strict=True):
            self.period.addItem(text, value)
        self.period.setCurrentIndex(PERIODS.index("all"))
        self.engineer = QComboBox(self)
        self.engineer.setAccessibleName(self.tr("Engineer"))
        self.engineer.addItem(self.tr("All engineers"), None)
        self.clear_button = QPushButton(icon("x"), self.tr("C&lear filters"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.signed, self.period, self.engineer):
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self.apply_filter)
        filters.addWidget(self.clear_button)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        self._reselect: str | None = None  # the visit to select again once the list is back
        self.signature_dialog: SignatureDialog | None = None
        self.model = VisitTableModel(ctx.store, self)
        self.model.first_page_shown.connect(self._first_page_shown)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._list_failed)
        self.table = RecordTable(self.model, self)
        self.table.setObjectName("visitTable")
        self.table.setAccessibleName(self.tr("Visits"))
        self.table.fit_columns({0: 170, 1: 130}, stretch=2, drop=(6, 3, 5, 4))  # engineers, dept., services, district
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.count_label = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for text, shortcut, slot, name in (
            (self.tr("&New visit"), "Ctrl+N", self.new_visit, "plus"),
            (self.tr("&Edit"), None, self.edit_selected, "pencil"),
            (self.tr("Customer si&gns…"), "Ctrl+G", self.sign_selected, "signature"),
            (self.tr("Export &PDF…"), "Ctrl+E", self.export_selected, "file-export"),
            (self.tr("Export signe&d PDF…"), None, lambda: self.export_selected(signed=True), "file-certificate"),
            (self.tr("P&rint…"), "Ctrl+P", self.print_selected, "printer"),
        ):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(slot)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, activated=slot,
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                button.setToolTip(shortcut)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.apply_filter()
        self._load_engineers()

    def current_query(self) -> VisitQuery:
        start, end = period_range(self.period.currentData(), self._now())
        return VisitQuery(text=self.search.text().strip(), signed=self.signed.currentData(), arrived_from=start,
                          arrived_to=end, engineer=self.engineer.currentData())

    def apply_filter(self) -> None:
        """Reads the list of the filters on a worker; the count and the selection come back with it."""
        if self._reselect is None:
            self._reselect = self.selected_id()
        query = self.current_query()
        self.clear_button.setVisible(query != VisitQuery())
        self.model.set_query(query)

    def _first_page_shown(self) -> None:
        if self._reselect:
            self.table.select_id(self._reselect)
        self._reselect = None

    def _counted(self, total: int) -> None:
        if total == 0 and self.model.query != VisitQuery():
            self.count_label.setText(self.tr("No visit matches these filters."))
        else:
            self.count_label.setText(self.tr("%n visit(s)", "", total))
        self.listed.emit()

    def _list_failed(self, reason: str) -> None:
        self.count_label.setText(self.tr("The visits could not be read: %1").replace("%1", reason))
        self.listed.emit()

    def clear_filters(self) -> None:
        """Back to every visit: no search, signed or not, any time, every engineer."""
        for combo, index in ((self.signed, 0), (self.period, PERIODS.index("all")), (self.engineer, 0)):
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def reload(self) -> None:
        self.apply_filter()
        self._load_engineers()

    def _load_engineers(self) -> None:
        """The engineer filter offers everyone named on a visit; read on a worker, as the list may be long."""
        store = self.ctx.store

        def work() -> list[str]:
            with store.session() as session:
                return engineer_names(session)

        run_in_background(work, self._show_engineers, lambda _exc: None, owner=self)

    def _show_engineers(self, names: list[str]) -> None:
        chosen = self.engineer.currentData()
        self.engineer.blockSignals(True)
        try:
            while self.engineer.count() > 1:
                self.engineer.removeItem(1)
            for name in names:
                self.engineer.addItem(icon("user"), name, name)
            index = self.engineer.findData(chosen) if chosen else 0
            self.engineer.setCurrentIndex(max(index, 0))
        finally:
            self.engineer.blockSignals(False)
        if chosen and self.engineer.currentData() != chosen:
            self.apply_filter()  # the chosen engineer is on no visit any more

    def selected_id(self) -> str | None:
        return self.table.selected_id()


    def _saved(self, visit_id: str) -> None:
        self._reselect = visit_id
        self.reload()
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

    def sign_selected(self) -> None:
        """Reads whether the visit is signed on a worker, then opens the signature pad (`signature_dialog`)."""
        visit_id = self.selected_id()
        if not visit_id:
            return
        store = self.ctx.store
        run_in_background(lambda: _visit_facts(store, visit_id), lambda facts: self._open_pad(visit_id, facts),
                          lambda exc: QMessageBox.warning(self, self.tr("Not signed"), str(exc)), owner=self)

    def _open_pad(self, visit_id: str, facts: tuple[str, bool, str, VisitDraft]) -> None:
        _number, signed, contact, shown = facts
        if signed:
            QMessageBox.information(self, self.tr("Already signed"),
                                    self.tr("This visit is signed and locked: record an amendment instead."))
            return
        dialog = SignatureDialog(contact, self)
        dialog.accepted.connect(lambda: self.store_signature(visit_id, dialog.signer.text(), dialog.pad.to_png(),
                                                             shown))
        self.signature_dialog = dialog
        dialog.open()

    def store_signature(self, visit_id: str, signer: str, png: bytes, shown: VisitDraft | None = None) -> None:
        """Stores the signature on a worker; `signature_stored` says when it is stored (or refused: a visit changed
        since `shown`, as it stood when the pad opened, is not signed)."""
        store, now = self.ctx.store, self._now()

        def stored(_result: object) -> None:
            self._saved(visit_id)
            self.signature_stored.emit(visit_id)

        def refused(exc: Exception) -> None:
            text = ("\n".join(visit_problem_text(p) for p in exc.problems) if isinstance(exc, VisitRejected)
                    else str(exc))
            self.signature_stored.emit("")
            QMessageBox.warning(self, self.tr("Not signed"), text)

        run_in_background(lambda: sign_visit(store, visit_id, signer, png, now, shown), stored, refused, owner=self)

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
        """Reads the visit's number and signature on a worker, then asks where to write the report."""
        visit_id = self.selected_id()
        if not visit_id:
            return
        store = self.ctx.store
        run_in_background(lambda: _visit_facts(store, visit_id),
                          lambda facts: self._export(visit_id, facts, signed),
                          lambda exc: QMessageBox.warning(self, self.tr("Report not written"), str(exc)),
                          owner=self)

    def _export(self, visit_id: str, facts: tuple[str, bool, str, VisitDraft], signed: bool) -> None:
        number, customer_signed, _contact, _visit = facts
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
