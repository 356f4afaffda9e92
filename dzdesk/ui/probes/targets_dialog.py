"""The list of probe targets: add, edit, delete (after confirming), and import or export a targets file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.atomic_file import write_text_atomically
from dzdesk.domain.probe_target import ProbeTarget, dump_targets
from dzdesk.operations.probe_targets import (
    TargetsFileProblemError,
    delete_probe_target,
    import_targets_file,
    read_targets_file,
)
from dzdesk.store.probe_repo import ImportSummary, stored_targets
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.probes.target_editor import TargetEditor
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead


class TargetsDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor: TargetEditor | None = None
        self.setWindowTitle(self.tr("Probe targets"))
        self.resize(900, 560)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Platform"), self.tr("Kind"),
                                              self.tr("Address"), self.tr("Probed")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        buttons = QHBoxLayout()
        self.action_buttons: list[QPushButton] = []
        for text, slot, name in ((self.tr("&Add…"), self.add, "plus"),
                                 (self.tr("&Edit…"), self.edit_selected, "pencil"),
                                 (self.tr("&Delete"), self.delete_selected, "trash"),
                                 (self.tr("&Import file…"), self.import_file, "upload"),
                                 (self.tr("E&xport file…"), self.export_file, "file-export")):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
            self.action_buttons.append(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        button_box_icons(close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.last_deleted: str | None = None
        self.undo_button = QPushButton(icon("rotate-clockwise"), self.tr("&Undo"), self)
        self.undo_button.clicked.connect(lambda: self.undo_delete())
        self.undo_button.hide()
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo_delete)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button)
        layout.addLayout(message_row)
        layout.addLayout(buttons)
        self.listing = LatestRead(self, self._list_work, self._show_rows, self._not_listed)
        self.writing = BackgroundWrite(self, self.action_buttons)
        self.reload()

    @property
    def busy(self) -> bool:
        """A read or a change of the targets runs on a worker."""
        return self.listing.running or self.writing.running

    def reload(self) -> None:
        """Reads the targets again on a worker; the table shows them when they are back."""
        self.listing.request()

    def _list_work(self) -> Callable[[], list[tuple[str, ProbeTarget]]]:
        store = self.ctx.store

        def work() -> list[tuple[str, ProbeTarget]]:
            with store.session() as session:
                return stored_targets(session)

        return work

    def _show_rows(self, rows: list[tuple[str, ProbeTarget]]) -> None:
        names = {p.code: p.short_name for p in self.ctx.catalogue.platforms}
        selected = self.selected_id()
        self.table.setRowCount(len(rows))
        for row, (record_id, target) in enumerate(rows):
            probed = (self.tr("yes") if target.probed else self.tr("no address") if target.enabled
                      else self.tr("off"))
            cells = [target.name, names.get(target.platform, target.platform), str(target.kind).upper(),
                     target.address + ("  ⚠" if not target.verify_tls else ""), probed]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, record_id)
                self.table.setItem(row, column, item)
            if record_id == selected:
                self.table.selectRow(row)

    def _not_listed(self, exc: Exception) -> None:
        self._say(self.tr("The targets could not be read: %1").replace("%1", str(exc)), problem=True)

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _open_editor(self, target_id: str | None) -> TargetEditor:
        self.editor = TargetEditor(self.ctx, target_id, self)
        self.editor.saved.connect(lambda _id: self._changed())
        self.editor.open()
        return self.editor

    def add(self) -> TargetEditor:
        return self._open_editor(None)

    def edit_selected(self) -> TargetEditor | None:
        target_id = self.selected_id()
        return self._open_editor(target_id) if target_id else None

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()

    def delete_selected(self, confirm: bool = True) -> bool:
        """Deletes the selected target on a worker, after confirming; False when nothing was started."""
        target_id = self.selected_id()
        if target_id is None or self.writing.running:
            return False
        name = self.table.item(self.table.currentRow(), 0).text()
        if confirm and QMessageBox.question(
                self, self.tr("Delete probe target"),
                self.tr("Delete “%1”? Its results stay in the history but it is no longer probed.").replace("%1", name)
        ) != QMessageBox.StandardButton.Yes:
            return False
        store = self.ctx.store

        def deleted(_none: None) -> None:
            self.last_deleted = target_id
            self._changed()
            self._say(self.tr("“%1” deleted.").replace("%1", name))
            self.undo_button.show()

        return self.writing.start(lambda: delete_probe_target(store, target_id), deleted, self._not_changed)

    def undo_delete(self) -> bool:
        """Brings back the target deleted last, on a worker."""
        if self.last_deleted is None or self.writing.running:
            return False
        store, target_id = self.ctx.store, self.last_deleted

        def undone(_none: None) -> None:
            self.last_deleted = None
            self.undo_button.hide()
            self._changed()
            self._say(self.tr("Deletion undone."))

        return self.writing.start(lambda: delete_probe_target(store, target_id, deleted=False), undone,
                                  self._not_changed)

    def _not_changed(self, exc: Exception) -> None:
        self._say(self.tr("Nothing was changed: %1").replace("%1", str(exc)), problem=True)

    def import_file(self, path: Path | None = None) -> bool:
        """Merges a targets file on a worker (read whole before anything is saved); the outcome is said in the
        dialog. False when nothing was started."""
        if self.writing.running:
            return False
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, self.tr("Import probe targets"), str(Path.home()),
                                                        self.tr("Targets files (*.toml)"))
            if not name:
                return False
            path = Path(name)
        store, catalogue, chosen = self.ctx.store, self.ctx.catalogue, path

        def work() -> ImportSummary:
            return import_targets_file(store, catalogue, read_targets_file(chosen, catalogue))

        def imported(summary: ImportSummary) -> None:
            self._changed()
            self._say(self.tr("%1 added, %2 updated, %3 unchanged.").replace("%1", str(summary.added)).replace(
                "%2", str(summary.updated)).replace("%3", str(summary.unchanged)))

        def refused(exc: Exception) -> None:
            if isinstance(exc, TargetsFileProblemError):
                self._say(self.tr("%1 was not imported; nothing changed.\n\n%2").replace("%1", chosen.name).replace(
                    "%2", str(exc)), problem=True)
            else:
                self._not_changed(exc)

        return self.writing.start(work, imported, refused)

    def export_file(self, path: Path | None = None) -> bool:
        """Writes every target to a targets file, on a worker; the outcome is said in the dialog."""
        if self.writing.running:
            return False
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export probe targets"),
                                                        str(Path.home() / "dzdesk-targets.toml"),
                                                        self.tr("Targets files (*.toml)"))
            if not name:
                return False
            path = Path(name)
        store, chosen = self.ctx.store, path

        def work() -> int:
            with store.session() as session:
                targets = [target for _id, target in stored_targets(session)]
            write_text_atomically(chosen, dump_targets(targets))
            return len(targets)

        def written(count: int) -> None:
            self._say(self.tr("%n target(s) written to %1.", "", count).replace("%1", str(chosen)))

        def not_written(exc: Exception) -> None:
            reason = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
            self._say(self.tr("%1 could not be written: %2").replace("%1", str(chosen)).replace("%2", reason),
                      problem=True)

        return self.writing.start(work, written, not_written)

    def _say(self, message: str, problem: bool = False) -> None:
        """Results of imports and exports stay visible in the dialog instead of interrupting with a box."""
        self.message.setText(message)
        themed_style(self.message, problem_style, bool(problem))
