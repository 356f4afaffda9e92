"""Search everywhere (Ctrl+K): faults, complaints, visits and training sessions, results as you type.

The search runs on a worker. Each one has a number: the results of an older search (the user typed on) are
dropped, never shown over a newer one; while one runs, newer text waits and only the newest is searched next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dzdesk.domain.timefmt import format_local
from dzdesk.store.global_search import Hit, search_everything
from dzdesk.ui.context import AppContext
from dzdesk.ui.operations import run_in_background

TYPING_PAUSE_MS = 120


class SearchDialog(QDialog):
    chosen = Signal(str, str)  # kind, record id
    searched = Signal()  # the results of the text in the box are on screen

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
        self.generation = 0  # the number of the newest search asked
        self._searching = False
        self._open_when_found = False  # Enter was pressed before the results of the text were back

    def _kind_label(self, kind: str) -> str:
        return {"incidents": self.tr("Fault"), "complaints": self.tr("Complaint"), "visits": self.tr("Visit"),
                "trainings": self.tr("Training")}.get(kind, kind)

    def run(self) -> None:
        """Searches the text in the box on a worker; the results show when they are back."""
        self.generation += 1
        if self._searching:
            return  # the newest text is searched once the running search is back
        text, generation, store = self.query.text().strip(), self.generation, self.ctx.store
        if not text:
            self._show(generation, [], text)
            return
        self._searching = True

        def search() -> list[Hit]:
            with store.session() as session:
                return search_everything(session, text)

        run_in_background(search, lambda hits: self._show(generation, hits, text), self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        self._searching = False
        self._open_when_found = False
        self.count.setText(self.tr("The search failed: %1").replace("%1", str(exc)))
        self.searched.emit()

    def _show(self, generation: int, hits: list[Hit], text: str) -> None:
        self._searching = False
        if generation != self.generation:  # the user typed on: the newest text is searched instead
            self.generation -= 1
            self.run()
            return
        self.hits = hits
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{self._kind_label(hit.kind)}　{format_local(hit.when)[:10]}　{hit.title}"
                                   + (f"　· {hit.detail}" if hit.detail else ""))
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.id))
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
        self.count.setText(self.tr("%n result(s)", "", len(self.hits)) if text else "")
        self.searched.emit()
        if self._open_when_found:
            self._open_when_found = False
            item = self.results.currentItem()
            if item is not None:
                self._choose(item)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 (Qt's name)
        """Up and down in the box move through the results; Enter opens the selected one."""
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._pause.isActive() or self._searching:  # the results of the text are not back yet
                    self._open_when_found = True
                    if self._pause.isActive():
                        self._pause.stop()
                        self.run()
                    return True
                item = self.results.currentItem()
                if item is not None:
                    self._choose(item)
                return True
        return super().eventFilter(watched, event)

    def _choose(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(kind, record_id)
        self.accept()
