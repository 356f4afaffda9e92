"""Help: the keyboard shortcuts of the window (collected from its actions, so the list cannot go stale) and the log
for support."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.config import DataDir

LOG_TAIL_BYTES = 200_000


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action and shortcut of the window that has keys, in menu order."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "").rstrip("…").strip()
        if keys and text and (keys, text) not in seen:
            seen.add((keys, text))
            rows.append((keys, text))
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        text = shortcut.whatsThis() or shortcut.parent().objectName() if shortcut.parent() else ""
        if keys and (keys, text) not in seen and text:
            seen.add((keys, text))
            rows.append((keys, text))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 520)
        rows = shortcut_rows(window)
        rows += [("F5", self.tr("Probe now (on the probe board)")), ("Esc", self.tr("Cancel a running sweep")),
                 ("Ctrl+F", self.tr("Search the list")), ("Ctrl+N", self.tr("New record on the current page")),
                 ("Ctrl+Return", self.tr("Save the open form"))]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        self.table.verticalHeader().hide()
        for row, (keys, text) in enumerate(rows):
            for column, value in enumerate((keys, text)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class LogDialog(QDialog):
    """The end of the log, for an engineer to read or send to support; the folder is one click away."""

    def __init__(self, data_dir: DataDir, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Log"))
        self.resize(900, 560)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        folder = QPushButton(self.tr("Open the log &folder"), self)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir.logs))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        log = self.data_dir.logs / "dzdesk.log"
        try:
            with log.open("rb") as handle:
                handle.seek(0, 2)
                size = handle.tell()
                handle.seek(max(0, size - LOG_TAIL_BYTES))
                content = handle.read().decode("utf-8", errors="replace")
        except OSError:
            content = self.tr("The log is empty.")
        self.text.setPlainText(content)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)
