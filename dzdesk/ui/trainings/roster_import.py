"""Importing a roster: pick the file, check the columns and the preview, then confirm. Nothing before that."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
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

from dzdesk.domain.training import RosterEntry
from dzdesk.imports.roster import FIELD_LABELS_ZH, FIELDS, RosterPreview, guess_mapping, preview
from dzdesk.imports.table_file import TableFile, TableFileError, read_table
from dzdesk.operations.trainings import TrainingNotFoundError, import_roster
from dzdesk.store.training_repo import load_training, roster_entries
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead


class RosterImportDialog(QDialog):
    imported = Signal(int)  # how many people were added to the session: they are kept

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
        self.preview_table = QTableWidget(self)
        self.errors = QListWidget(self)
        self.errors.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.existing: list[RosterEntry] = []
        self.mapping_form = QFormLayout()
        self.import_button.setEnabled(False)  # until the file and the session's roster are read, on a worker
        self.writing = BackgroundWrite(self, [self.import_button])
        self.reading = LatestRead(self, lambda: self._read_work(path), self._read_back, self._not_read)
        columns = QHBoxLayout()
        columns.addLayout(self.mapping_form)
        columns.addWidget(self.preview_table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(columns, 1)
        layout.addWidget(QLabel(self.tr("Rows that will be left out"), self))
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.summary.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.reading.request()

    @property
    def busy(self) -> bool:
        """The file is being read, or its people imported, on a worker."""
        return self.reading.running or self.writing.running

    def _read_work(self, path: Path) -> Callable[[], tuple[list[RosterEntry], TableFile | str]]:
        store, training_id = self.ctx.store, self.training_id

        def work() -> tuple[list[RosterEntry], TableFile | str]:
            with store.session() as session:
                training = load_training(session, training_id)
                if training is None:
                    raise TrainingNotFoundError(f"no training session has the id {training_id}")
                existing = roster_entries(training)
            try:
                return existing, read_table(path)
            except TableFileError as exc:
                return existing, str(exc)

        return work

    def _read_back(self, read: tuple[list[RosterEntry], TableFile | str]) -> None:
        self.existing, table = read
        if isinstance(table, str):  # the file cannot be read as a table: why
            self.summary.setText(table)
            return
        self.table = table
        guessed = guess_mapping(table.headers)
        for field in FIELDS:
            combo = QComboBox(self)
            combo.addItem(self.tr("(none)"), -1)
            for index, header in enumerate(table.headers):
                combo.addItem(header or f"#{index + 1}", index)
            combo.setCurrentIndex(combo.findData(guessed.get(field, -1)))
            combo.currentIndexChanged.connect(self.refresh)
            self.mapping[field] = combo
            self.mapping_form.addRow(FIELD_LABELS_ZH[field], combo)
        self.refresh()

    def _not_read(self, exc: Exception) -> None:
        self.summary.setText(self.tr("The roster could not be read: %1").replace("%1", str(exc)))

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
        self.import_entries(close=True)

    def import_entries(self, close: bool = False) -> bool:
        """Adds the people read (rows with problems left out) on a worker; `imported` says how many once they are
        kept, and with `close` the dialog closes then. False when nothing was started (a second click)."""
        if self.result is None or self.busy:
            return False
        store, training_id, result = self.ctx.store, self.training_id, self.result

        def done(count: int) -> None:
            self.imported.emit(count)
            if close:
                QDialog.accept(self)

        def failed(exc: Exception) -> None:
            self.summary.setText(self.tr("Nobody was imported: %1").replace("%1", str(exc)))

        return self.writing.start(lambda: import_roster(store, training_id, result, leave_out_bad_rows=True), done,
                                  failed)
