"""The check-in screen: large text for a projector or tablet; type a few characters of a name or phone, Enter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.training import ATTENDED, Attendance, RosterEntry
from dzdesk.operations.trainings import check_in_walk_in, check_person_in
from dzdesk.store.training_models import Attendee
from dzdesk.store.training_repo import TrainingRejected, load_training, roster
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.labels import enum_label

BIG = 22


class CheckInDialog(QDialog):
    def __init__(self, ctx: AppContext, training_id: str, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.training_id = ctx, training_id
        self._now = now or (lambda: datetime.now(UTC))
        self.resize(900, 680)
        font = self.font()
        font.setPointSize(BIG)
        self.title = QLabel(self)
        self.title.setFont(font)
        self.counter = QLabel(self)
        self.counter.setFont(font)
        self.search = QLineEdit(self)
        self.search.setFont(font)
        self.search.setPlaceholderText(self.tr("Name or phone, then Enter"))
        self.matches = QListWidget(self)
        self.matches.setFont(font)
        self.message = QLabel(self)
        self.message.setFont(font)
        buttons = QHBoxLayout()
        for status, key in ((Attendance.PRESENT, "F1"), (Attendance.LATE, "F2"), (Attendance.LEFT_EARLY, "F3"),
                            (Attendance.ABSENT, "F4"), (Attendance.EXCUSED, "F5")):
            button = QPushButton(f"{enum_label(status)} ({key})", self)
            button.clicked.connect(lambda _c=False, s=status: self.mark_selected(s))
            QShortcut(QKeySequence(key), self, activated=lambda s=status: self.mark_selected(s))
            buttons.addWidget(button)
        walk_in = QPushButton(icon("user"), self.tr("&Walk-in…"), self)
        walk_in.clicked.connect(self.add_walk_in)
        buttons.addWidget(walk_in)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.counter, self.search, self.matches, self.message):
            layout.addWidget(widget, 1 if widget is self.matches else 0)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.check_in_first)
        self.refresh()
        self.search.setFocus()

    def _people(self) -> tuple[str, datetime, list[Attendee]]:
        with self.ctx.store.session() as session:
            training = load_training(session, self.training_id)
            return training.title, training.starts_at, roster(training)

    def refresh(self) -> None:
        title, _starts, people = self._people()
        self.setWindowTitle(self.tr("Check-in: %1").replace("%1", title))
        self.title.setText(title)
        came = sum(1 for a in people if Attendance(a.status) in ATTENDED)
        self.counter.setText(self.tr("Checked in: %1 of %2").replace("%1", str(came)).replace("%2", str(len(people))))
        text = self.search.text().strip().lower()
        self.matches.clear()
        if not text:
            return
        found = [a for a in people if text in a.name.lower() or (a.phone and text in a.phone)]
        # People still to come first, and a name match before a phone match: Enter takes the likeliest person.
        found.sort(key=lambda a: (Attendance(a.status) in ATTENDED, text not in a.name.lower()))
        for attendee in found:
            state = "✓" if Attendance(attendee.status) in ATTENDED else " "
            item = QListWidgetItem(f"{state} {attendee.name}  {attendee.unit}  {attendee.phone[-4:]}")
            item.setData(Qt.ItemDataRole.UserRole, attendee.id)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _mark(self, attendee_id: str, status: Attendance | None) -> str:
        return check_person_in(self.ctx.store, self.training_id, attendee_id, self._now(), status)

    def check_in_first(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            self.message.setText(self.tr("Nobody on the roster matches; add a walk-in."))
            return
        name = self._mark(item.data(Qt.ItemDataRole.UserRole), None)
        self.message.setText(self.tr("%1 checked in").replace("%1", name))
        self.search.clear()

    def mark_selected(self, status: Attendance) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self._mark(item.data(Qt.ItemDataRole.UserRole), status)
            self.refresh()

    def add_walk_in(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Walk-in"), self.tr("Name, unit, phone (separated by commas)"),
                                        text=self.search.text())
        if ok and text.strip():
            self.add_walk_in_text(text)

    def add_walk_in_text(self, text: str) -> bool:
        parts = [p.strip() for p in text.replace("，", ",").split(",")] + ["", ""]
        entry = RosterEntry(parts[0], parts[1], "", parts[2])
        try:
            check_in_walk_in(self.ctx.store, self.training_id, entry, self._now())
        except TrainingRejected as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("%1 added and checked in").replace("%1", entry.name))
        self.search.clear()
        self.refresh()
        return True
