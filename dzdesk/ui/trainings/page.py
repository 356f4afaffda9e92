"""The training sessions list, with the roster, check-in and the two printed sheets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
from dzdesk.reports import training_sheets
from dzdesk.store import Store
from dzdesk.store.training_repo import TrainingRow, count_trainings, load_training, page_trainings
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.paged_model import PagedTableModel, session_source
from dzdesk.ui.pdf_output import open_in_viewer
from dzdesk.ui.record_table import RecordTable
from dzdesk.ui.trainings.check_in import CheckInDialog
from dzdesk.ui.trainings.editor import TrainingEditor
from dzdesk.ui.trainings.roster_import import RosterImportDialog


class TrainingTableModel(PagedTableModel[TrainingRow]):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        headers = [
            QCoreApplication.translate("TrainingTable", "Starts"),
            QCoreApplication.translate("TrainingTable", "Title"),
            QCoreApplication.translate("TrainingTable", "District"),
            QCoreApplication.translate("TrainingTable", "Venue"),
            QCoreApplication.translate("TrainingTable", "Trainers"),
            QCoreApplication.translate("TrainingTable", "On roster"),
            QCoreApplication.translate("TrainingTable", "Came"),
        ]
        super().__init__(headers, *session_source(store, count_trainings, page_trainings), parent)

    def cell(self, row: TrainingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return [format_local(row.starts_at), row.title, row.district, row.venue, row.trainers,
                    str(row.on_roster), str(row.came)][column]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class TrainingsPage(QWidget):
    SHOWS = frozenset({"trainings", "training_attendees", "training_materials"})
    records_changed = Signal()  # the window refreshes its counts; the page needs no window to run

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.dialog: QWidget | None = None
        self.model = TrainingTableModel(ctx.store, self)
        self.model.counted.connect(lambda total: self.count_label.setText(self.tr("%n session(s)", "", total)))
        self.table = RecordTable(self.model, self)
        self.table.setAccessibleName(self.tr("Training sessions"))
        self.table.fit_columns({0: 130}, stretch=1, drop=(4, 3, 2))  # trainers, venue, district
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.count_label = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for text, shortcut, slot, name in (
            (self.tr("&New session"), "Ctrl+N", self.new_training, "plus"),
            (self.tr("&Edit"), None, self.edit_selected, "pencil"),
            (self.tr("Import &roster…"), "Ctrl+I", self.import_roster, "upload"),
            (self.tr("&Check-in"), "Ctrl+K", self.open_check_in, "users"),
            (self.tr("&Sign-in sheet…"), None, lambda: self.export_sheet("sign-in"), "signature"),
            (self.tr("&Attendance summary…"), None, lambda: self.export_sheet("attendance"), "file-export"),
        ):
            button = QPushButton(icon(name), text, self)
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
        """Re-reads the list, keeping the selected session selected."""
        selected = self.selected_id()
        self.model.reload()  # read on a worker: the count shows when it is back
        self.records_changed.emit()
        self.table.select_id(selected)

    def selected_id(self) -> str | None:
        return self.table.selected_id()

    def _open_editor(self, training_id: str | None) -> TrainingEditor:
        editor = TrainingEditor(self.ctx, training_id, self, now=self._now)
        editor.saved.connect(lambda _id: self.reload())
        editor.open()
        self.dialog = editor
        return editor

    def new_training(self) -> TrainingEditor:
        return self._open_editor(None)

    def open_record(self, record_id: str) -> TrainingEditor:
        """Opens one record's editor (from search or the dashboard)."""
        return self._open_editor(record_id)

    def edit_selected(self) -> TrainingEditor | None:
        training_id = self.selected_id()
        return self._open_editor(training_id) if training_id else None

    def import_roster(self, path: Path | None = None) -> RosterImportDialog | None:
        training_id = self.selected_id()
        if not training_id:
            return None
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, self.tr("Import a roster"), str(Path.home()),
                                                        self.tr("Rosters (*.xlsx *.csv)"))
            if not name:
                return None
            path = Path(name)
        dialog = RosterImportDialog(self.ctx, training_id, path, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_check_in(self) -> CheckInDialog | None:
        training_id = self.selected_id()
        if not training_id:
            return None
        dialog = CheckInDialog(self.ctx, training_id, self, now=self._now)
        dialog.finished.connect(lambda _result: self.reload())
        dialog.open()
        self.dialog = dialog
        return dialog

    def export_sheet(self, sheet: str, target: Path | None = None) -> None:
        training_id = self.selected_id()
        if not training_id:
            return
        if target is None:
            default = Path.home() / ("签到表.pdf" if sheet == "sign-in" else "签到汇总.pdf")
            name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the sheet"), str(default), "PDF (*.pdf)")
            if not name:
                return
            target = Path(name)
        store, catalogue, now = self.ctx.store, self.ctx.catalogue, self._now()

        def work() -> Path:
            with store.session() as session:
                data = training_sheets.gather(load_training(session, training_id), catalogue)
            story = training_sheets.sign_in_story(data) if sheet == "sign-in" else training_sheets.summary_story(data)
            title = ("培训签到表 " if sheet == "sign-in" else "培训签到情况汇总 ") + data.title
            return training_sheets.render(story, title, target, now)

        run_in_background(work, open_in_viewer,
                          lambda exc: QMessageBox.warning(self, self.tr("Sheet not written"), str(exc)))
