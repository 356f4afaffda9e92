"""Search everywhere (Ctrl+K): faults, complaints, visits and training sessions, results as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dzdesk.domain.timefmt import format_local
from dzdesk.store.global_search import Hit, search_everything
from dzdesk.ui.context import AppContext

TYPING_PAUSE_MS = 120


class SearchDialog(QDialog):
    chosen = Signal(str, str)  # kind, record id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Search everywhere"))
        self.resize(720, 460)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Faults, complaints, visits, training — type a word or two"))
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.itemActivated.connect(self._choose)
        self.count = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _text: self._pause.start())
        self.query.installEventFilter(self)
        self.hits: list[Hit] = []

    def _kind_label(self, kind: str) -> str:
        return {"incidents": self.tr("Fault"), "complaints": self.tr("Complaint"), "visits": self.tr("Visit"),
                "trainings": self.tr("Training")}.get(kind, kind)

    def run(self) -> list[Hit]:
        text = self.query.text().strip()
        with self.ctx.store.session() as session:
            self.hits = search_everything(session, text) if text else []
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{self._kind_label(hit.kind)}　{format_local(hit.when)[:10]}　{hit.title}"
                                   + (f"　· {hit.detail}" if hit.detail else ""))
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.id))
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
        self.count.setText(self.tr("%n result(s)", "", len(self.hits)) if text else "")
        return self.hits

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 (Qt's name)
        """Up and down in the box move through the results; Enter opens the selected one."""
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._pause.isActive():
                    self._pause.stop()
                    self.run()
                item = self.results.currentItem()
                if item is not None:
                    self._choose(item)
                return True
        return super().eventFilter(watched, event)

    def _choose(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(kind, record_id)
        self.accept()
