"""The check-in screen: large text for a projector or tablet; type a few characters of a name or phone, Enter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
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
from dzdesk.operations.trainings import TrainingNotFoundError, check_in_walk_in, check_person_in
from dzdesk.store.training_repo import TrainingRejected, load_training, roster
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.labels import enum_label
from dzdesk.ui.screen_fit import fit_dialog
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead


@dataclass(frozen=True)
class Person:
    """One person on the roster as last read: what the search matches and the counter counts."""

    id: str
    name: str
    unit: str
    phone: str
    status: Attendance

BIG = 22


class CheckInDialog(QDialog):
    def __init__(self, ctx: AppContext, training_id: str, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.training_id = ctx, training_id
        self._now = now or (lambda: datetime.now(UTC))
        self.resize(900, 680)
        fit_dialog(self)  # a 1280×693 screen (1920×1080 at 150 %) with a title bar is shorter than that
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
        self.people: list[Person] = []
        # Check-ins waiting for the one being kept: (attendee id, status, the write, whether to say it).
        self._marks: list[tuple[str, Attendance | None, Callable[[], str], bool]] = []
        self._pending: set[str] = set()  # the people whose check-in is not kept yet
        self.writing = BackgroundWrite(self)
        self.walk_in = BackgroundWrite(self, [walk_in])
        self.reading = LatestRead(self, self._read_work, self._read_back, self._not_read)
        self.search.textChanged.connect(self._show_people)
        self.search.returnPressed.connect(self.check_in_first)
        self.refresh()
        self.search.setFocus()

    @property
    def busy(self) -> bool:
        """The roster is being read, or a check-in kept, on a worker."""
        return self.reading.running or self.writing.running or self.walk_in.running or bool(self._marks)

    def refresh(self) -> None:
        """Reads the roster again on a worker; the list follows what is typed without waiting for it."""
        self.reading.request()

    def _read_work(self) -> Callable[[], tuple[str, list[Person]]]:
        store, training_id = self.ctx.store, self.training_id

        def work() -> tuple[str, list[Person]]:
            with store.session() as session:
                training = load_training(session, training_id)
                if training is None:
                    raise TrainingNotFoundError(f"no training session has the id {training_id}")
                return training.title, [Person(a.id, a.name, a.unit, a.phone, Attendance(a.status))
                                        for a in roster(training)]

        return work

    def _read_back(self, read: tuple[str, list[Person]]) -> None:
        title, self.people = read
        self.setWindowTitle(self.tr("Check-in: %1").replace("%1", title))
        self.title.setText(title)
        self._show_people()

    def _not_read(self, exc: Exception) -> None:
        self.message.setText(self.tr("The roster could not be read: %1").replace("%1", str(exc)))

    def _show_people(self) -> None:
        """The count and the people matching what is typed, from the roster as last read."""
        people = self.people
        came = sum(1 for a in people if a.status in ATTENDED)
        self.counter.setText(self.tr("Checked in: %1 of %2").replace("%1", str(came)).replace("%2", str(len(people))))
        text = self.search.text().strip().lower()
        self.matches.clear()
        if not text:
            return
        found = [a for a in people if text in a.name.lower() or (a.phone and text in a.phone)]
        # People still to come first, and a name match before a phone match: Enter takes the likeliest person.
        found.sort(key=lambda a: (a.status in ATTENDED or a.id in self._pending, text not in a.name.lower()))
        for attendee in found:
            state = "…" if attendee.id in self._pending else "✓" if attendee.status in ATTENDED else " "
            item = QListWidgetItem(f"{state} {attendee.name}  {attendee.unit}  {attendee.phone[-4:]}")
            item.setData(Qt.ItemDataRole.UserRole, attendee.id)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _mark(self, attendee_id: str, status: Attendance | None, say: bool) -> None:
        """Keeps a check-in on a worker, in the order they were made. Until it is kept the person shows as on the
        way (…), neither counted nor offered first again; the screen says so once it is kept, or why not."""
        self._pending.add(attendee_id)
        store, training_id, now = self.ctx.store, self.training_id, self._now()
        self._marks.append((attendee_id, status, lambda: check_person_in(store, training_id, attendee_id, now, status),
                            say))
        self._next_mark()

    def _next_mark(self) -> None:
        if not self._marks or self.writing.running:
            return
        attendee_id, status, work, say = self._marks.pop(0)

        def kept(name: str) -> None:
            self._pending.discard(attendee_id)  # kept: counted now; the next read says whether late or on time
            shown = status or Attendance.PRESENT  # or late: the next read says
            self.people = [replace(p, status=shown) if p.id == attendee_id else p for p in self.people]
            if say:
                self.message.setText(self.tr("%1 checked in").replace("%1", name))
            self._after_mark()

        def not_kept(exc: Exception) -> None:
            self._pending.discard(attendee_id)
            self.message.setText(self.tr("Not checked in: %1").replace("%1", str(exc)))
            self._after_mark()

        self.writing.start(work, kept, not_kept)

    def _after_mark(self) -> None:
        if self._marks:
            self._next_mark()
        else:
            self.refresh()  # the roster as kept, with what others changed meanwhile

    def check_in_first(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            self.message.setText(self.tr("Nobody on the roster matches; add a walk-in."))
            return
        self._mark(item.data(Qt.ItemDataRole.UserRole), None, say=True)
        self.search.clear()

    def mark_selected(self, status: Attendance) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self._mark(item.data(Qt.ItemDataRole.UserRole), status, say=False)
            self._show_people()

    def add_walk_in(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Walk-in"), self.tr("Name, unit, phone (separated by commas)"),
                                        text=self.search.text())
        if ok and text.strip():
            self.add_walk_in_text(text)

    def add_walk_in_text(self, text: str) -> bool:
        """Adds and checks in someone not on the roster, on a worker; False when a walk-in is being added."""
        parts = [p.strip() for p in text.replace("，", ",").split(",")] + ["", ""]
        entry = RosterEntry(parts[0], parts[1], "", parts[2])
        if self.walk_in.running:
            return False
        store, training_id, now = self.ctx.store, self.training_id, self._now()

        def added(name: str) -> None:
            self.message.setText(self.tr("%1 added and checked in").replace("%1", name))
            self.search.clear()
            self.refresh()

        def refused(exc: Exception) -> None:
            self.message.setText(str(exc) if isinstance(exc, TrainingRejected)
                                 else self.tr("Not added: %1").replace("%1", str(exc)))

        return self.walk_in.start(lambda: check_in_walk_in(store, training_id, entry, now), added, refused)
