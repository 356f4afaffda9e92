"""Maintenance windows: planned work during which failures are recorded but neither alert nor count as downtime."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import MaintenanceProblem, MaintenanceWindow, Recurrence
from dzdesk.domain.timefmt import format_local
from dzdesk.operations.probe_targets import TargetGoneError, delete_maintenance_window, save_maintenance_window
from dzdesk.operations.saved import Saved
from dzdesk.store.probe_repo import list_targets, list_windows
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.labels import platform_label
from dzdesk.ui.qt_time import from_qdatetime, to_qdatetime
from dzdesk.ui.status_bar import say_both_kept
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead

Listed = tuple[list[tuple[str, MaintenanceWindow]], list[str]]  # the windows with their ids; the targets' names


class MaintenanceDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: str | None = None
        # The window as the fields last showed it (loaded or saved): a save writes only what differs from it, so a
        # teammate's change that a sync brought meanwhile stays (`dzdesk.store.edit_conflicts`).
        self.shown: MaintenanceWindow | None = None
        self.setWindowTitle(self.tr("Maintenance windows"))
        self.resize(820, 480)
        self.names = {p.code: p.short_name for p in ctx.catalogue.platforms}
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(lambda item, _old: self._load(item))
        self.starts = QDateTimeEdit(self)
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(1, 7 * 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.recurrence = QComboBox(self)
        for value, text in ((Recurrence.ONCE, self.tr("once")), (Recurrence.DAILY, self.tr("every day")),
                            (Recurrence.WEEKLY, self.tr("every week on this weekday"))):
            self.recurrence.addItem(text, str(value))
        self.until_check = QCheckBox(self.tr("Repeat until"), self)
        self.until = QDateEdit(self)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until_check.toggled.connect(self.until.setEnabled)
        self.platform = QComboBox(self)
        self.platform.addItem(platform_label("", self.names), "")
        for code, name in self.names.items():
            self.platform.addItem(name, code)
        self.target = QComboBox(self)
        self.target.addItem(self.tr("every target of the platform"), "")
        self.note = QLineEdit(self)
        until_row = QHBoxLayout()
        until_row.addWidget(self.until_check)
        until_row.addWidget(self.until, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Starts"), self.starts)
        form.addRow(self.tr("&Lasts"), self.duration)
        form.addRow(self.tr("&Repeats"), self.recurrence)
        form.addRow("", until_row)
        form.addRow(self.tr("&Platform"), self.platform)
        form.addRow(self.tr("&Target"), self.target)
        form.addRow(self.tr("&Note"), self.note)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        themed_style(self.problem, problem_style)
        actions = QHBoxLayout()
        action_buttons = []
        for text, slot, name in ((self.tr("&New"), self.new_window, "plus"),
                                 (self.tr("&Save window"), self.save, "device-floppy"),
                                 (self.tr("&Delete"), self.delete_current, "trash")):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            actions.addWidget(button)
            action_buttons.append(button)
        actions.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.problem)
        right.addLayout(actions)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        button_box_icons(close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.last_deleted: str | None = None
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo_delete)
        self.windows: dict[str, MaintenanceWindow] = {}
        self.listing = LatestRead(self, self._list_work, self._show_list, self._not_listed)
        self.writing = BackgroundWrite(self, action_buttons)
        self.reload()
        self.new_window()

    @property
    def busy(self) -> bool:
        """A read or a change of the windows runs on a worker."""
        return self.listing.running or self.writing.running

    def _describe(self, window: MaintenanceWindow) -> str:
        repeat = {Recurrence.DAILY: self.tr("daily"), Recurrence.WEEKLY: self.tr("weekly")}.get(window.recurrence, "")
        scope = window.target_name or platform_label(window.platform, self.names)
        minutes = int(window.duration.total_seconds() // 60)
        hours = self.tr("%1 min").replace("%1", str(minutes))
        return "  ".join(p for p in (format_local(window.starts_at), hours, repeat, scope, window.note) if p)

    def reload(self) -> None:
        """Reads the windows and the targets' names again on a worker; the list shows them when they are back."""
        self.listing.request()

    def _list_work(self) -> Callable[[], Listed]:
        store = self.ctx.store

        def work() -> Listed:
            with store.session() as session:
                windows = [(record.id, record.to_window()) for record in list_windows(session)]
                names = [record.name for record in list_targets(session)]
            return windows, names

        return work

    def _show_list(self, listed: Listed) -> None:
        windows, names = listed
        chosen = self.target.currentData()
        self.target.blockSignals(True)
        while self.target.count() > 1:
            self.target.removeItem(1)
        for name in names:
            self.target.addItem(name, name)
        self.target.setCurrentIndex(max(0, self.target.findData(chosen)))
        self.target.blockSignals(False)
        self.windows = dict(windows)
        self.list.blockSignals(True)
        self.list.clear()
        for window_id, window in windows:
            item = QListWidgetItem(self._describe(window))
            item.setData(Qt.ItemDataRole.UserRole, window_id)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _not_listed(self, exc: Exception) -> None:
        self._say(self.tr("The maintenance windows could not be read: %1").replace("%1", str(exc)), problem=True)

    def _say(self, text: str, problem: bool = False) -> None:
        themed_style(self.problem, problem_style, problem)
        self.problem.setText(text)

    def new_window(self) -> None:
        self.editing = None
        self.list.clearSelection()
        start = datetime.now(SHANGHAI).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        self.starts.setDateTime(to_qdatetime(start))
        self.duration.setValue(120)
        self.recurrence.setCurrentIndex(0)
        self.until_check.setChecked(False)
        self.until.setEnabled(False)
        self.until.setDate(QDate(start.year, start.month, start.day))
        self.platform.setCurrentIndex(0)
        self.target.setCurrentIndex(0)
        self.note.clear()
        self.problem.clear()

    def _load(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        window_id = item.data(Qt.ItemDataRole.UserRole)
        window = self.windows.get(window_id)
        if window is None:
            return
        self.editing = window_id
        self.starts.setDateTime(to_qdatetime(window.starts_at))
        self.duration.setValue(int(window.duration.total_seconds() // 60))
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(str(window.recurrence))))
        self.until_check.setChecked(window.until is not None)
        self.until.setEnabled(window.until is not None)
        if window.until is not None:
            self.until.setDate(QDate(window.until.year, window.until.month, window.until.day))
        self.platform.setCurrentIndex(max(0, self.platform.findData(window.platform)))
        self.target.setCurrentIndex(max(0, self.target.findData(window.target_name)))
        self.note.setText(window.note)
        self.problem.clear()
        self.shown = self.window()

    def window(self) -> MaintenanceWindow:
        until = self.until.date().toPython() if self.until_check.isChecked() else None
        return MaintenanceWindow(
            starts_at=from_qdatetime(self.starts.dateTime()), duration=timedelta(minutes=self.duration.value()),
            recurrence=Recurrence(self.recurrence.currentData()), until=until, platform=self.platform.currentData(),
            target_name=self.target.currentData(), note=self.note.text().strip())

    def _problem_text(self, problem: MaintenanceProblem) -> str:
        return {
            MaintenanceProblem.DURATION: self.tr("The window must last whole minutes: at least one, and at most "
                                                 "seven days."),
            MaintenanceProblem.DAILY_TOO_LONG: self.tr("A daily window must be shorter than a day."),
            MaintenanceProblem.UNTIL_BEFORE_START: self.tr("The last day comes before the first occurrence."),
        }[problem]

    def save(self) -> bool:
        """Keeps the window on a worker; False when it was refused before anything was started."""
        window = self.window()
        problems = window.problems()
        if problems:
            self._say(self._problem_text(problems[0]), problem=True)
            return False
        store, editing, shown = self.ctx.store, self.editing, self.shown if self.editing else None

        def saved(result: Saved) -> None:
            self.editing, self.shown = result.record_id, window
            say_both_kept(self, result.both_changed)
            self.reload()
            self._say(self.tr("Saved at %1.").replace("%1", format_local(datetime.now(UTC))[11:]))
            self.changed.emit()

        def not_saved(exc: Exception) -> None:
            if isinstance(exc, TargetGoneError):
                self._say(self.tr("This window was deleted meanwhile; nothing was saved."), problem=True)
            else:
                self._say(self.tr("The window was not saved: %1").replace("%1", str(exc)), problem=True)

        return self.writing.start(lambda: save_maintenance_window(store, window, editing, shown), saved, not_saved)

    def delete_current(self, confirm: bool = True) -> bool:
        if self.editing is None or self.writing.running:
            return False
        if confirm and QMessageBox.question(self, self.tr("Delete maintenance window"),
                                            self.tr("Delete this maintenance window? Results already recorded "
                                                    "during it stay marked as maintenance.")
                                            ) != QMessageBox.StandardButton.Yes:
            return False
        store, deleted = self.ctx.store, self.editing

        def done(_none: None) -> None:
            self.editing = None
            self.reload()
            self.new_window()
            self.changed.emit()
            self.last_deleted = deleted
            self._say(self.tr("Window deleted (Ctrl+Z brings it back)."))

        return self.writing.start(lambda: delete_maintenance_window(store, deleted), done, self._not_changed)

    def undo_delete(self) -> bool:
        if self.last_deleted is None or self.writing.running:
            return False
        store, deleted = self.ctx.store, self.last_deleted

        def done(_none: None) -> None:
            self.last_deleted = None
            self.reload()
            self.changed.emit()
            self._say(self.tr("Deletion undone."))

        return self.writing.start(lambda: delete_maintenance_window(store, deleted, deleted=False), done,
                                  self._not_changed)

    def _not_changed(self, exc: Exception) -> None:
        self._say(self.tr("Nothing was changed: %1").replace("%1", str(exc)), problem=True)
