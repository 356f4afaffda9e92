"""Importing a roster: pick the file, check the columns and the preview, then confirm. Nothing before that."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.imports.roster import FIELD_LABELS_ZH, FIELDS, RosterPreview, guess_mapping, preview
from dzdesk.imports.table_file import TableFile, TableFileError, read_table
from dzdesk.operations.trainings import import_roster
from dzdesk.store.training_repo import load_training, roster_entries
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons


class RosterImportDialog(QDialog):
    def __init__(self, ctx: AppContext, training_id: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.training_id = ctx, training_id
        self.setWindowTitle(self.tr("Import roster: %1").replace("%1", path.name))
        self.resize(900, 640)
        self.table: TableFile | None = None
        self.result: RosterPreview | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.mapping: dict[str, QComboBox] = {}
        mapping_form = QFormLayout()
        self.preview_table = QTableWidget(self)
        self.errors = QListWidget(self)
        self.errors.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        with ctx.store.session() as session:
            self.existing = roster_entries(load_training(session, training_id))
        try:
            self.table = read_table(path)
        except TableFileError as exc:
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
        else:
            guessed = guess_mapping(self.table.headers)
            for field in FIELDS:
                combo = QComboBox(self)
                combo.addItem(self.tr("(none)"), -1)
                for index, header in enumerate(self.table.headers):
                    combo.addItem(header or f"#{index + 1}", index)
                combo.setCurrentIndex(combo.findData(guessed.get(field, -1)))
                combo.currentIndexChanged.connect(self.refresh)
                self.mapping[field] = combo
                mapping_form.addRow(FIELD_LABELS_ZH[field], combo)
        columns = QHBoxLayout()
        columns.addLayout(mapping_form)
        columns.addWidget(self.preview_table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(columns, 1)
        layout.addWidget(QLabel(self.tr("Rows that will be left out"), self))
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        if self.table is not None:
            self.refresh()

    def refresh(self) -> None:
        assert self.table is not None
        mapping = {f: c.currentData() for f, c in self.mapping.items() if c.currentData() >= 0}
        try:
            self.result = preview(self.table, mapping, self.existing)
        except TableFileError as exc:
            self.result = None
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        entries = self.result.entries
        self.preview_table.setColumnCount(len(FIELDS) + 1)
        self.preview_table.setHorizontalHeaderLabels([self.tr("Row"), *(FIELD_LABELS_ZH[f] for f in FIELDS)])
        self.preview_table.setRowCount(len(entries))
        for r, (row, entry) in enumerate(entries):
            for c, value in enumerate([str(row), entry.name, entry.unit, entry.department, entry.phone, entry.role]):
                self.preview_table.setItem(r, c, QTableWidgetItem(value))
        self.errors.clear()
        self.errors.addItems([str(error) for error in self.result.errors])
        self.summary.setText(self.tr("%1 people ready to import, %2 rows with problems (file read as %3).")
                             .replace("%1", str(len(entries))).replace("%2", str(len(self.result.errors)))
                             .replace("%3", self.result.encoding))
        self.import_button.setEnabled(bool(entries))

    def accept(self) -> None:
        if self.result is None or not self.result.entries:
            return
        if self.result.errors:
            answer = QMessageBox.question(
                self, self.tr("Import roster"),
                self.tr("%1 rows have problems and will be left out. Import the other %2 people?")
                .replace("%1", str(len(self.result.errors))).replace("%2", str(len(self.result.entries))))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.import_entries()
        super().accept()

    def import_entries(self) -> int:
        assert self.result is not None
        return import_roster(self.ctx.store, self.training_id, self.result, leave_out_bad_rows=True)
