"""Maintenance windows: planned work during which failures are recorded but neither alert nor count as downtime."""

from __future__ import annotations

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
from dzdesk.store.probe_models import MaintenanceWindowRecord
from dzdesk.store.probe_repo import list_targets, list_windows
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.labels import platform_label
from dzdesk.ui.qt_time import from_qdatetime, to_qdatetime
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style


class MaintenanceDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: str | None = None
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
        with ctx.store.session() as session:
            for record in list_targets(session):
                self.target.addItem(record.name, record.name)
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
        for text, slot, name in ((self.tr("&New"), self.new_window, "plus"),
                                 (self.tr("&Save window"), self.save, "device-floppy"),
                                 (self.tr("&Delete"), self.delete_current, "trash")):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            actions.addWidget(button)
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
        self.reload()
        self.new_window()

    def _describe(self, record: MaintenanceWindowRecord) -> str:
        repeat = {"once": "", "daily": self.tr("daily"), "weekly": self.tr("weekly")}.get(record.recurrence, "")
        scope = record.target_name or platform_label(record.platform, self.names)
        hours = self.tr("%1 min").replace("%1", str(record.duration_minutes))
        return "  ".join(p for p in (format_local(record.starts_at), hours, repeat, scope, record.note) if p)

    def reload(self) -> None:
        self.list.clear()
        with self.ctx.store.session() as session:
            for record in list_windows(session):
                item = QListWidgetItem(self._describe(record))
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                self.list.addItem(item)

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
        with self.ctx.store.session() as session:
            record = session.get(MaintenanceWindowRecord, item.data(Qt.ItemDataRole.UserRole))
            if record is None:
                return
            window, self.editing = record.to_window(), record.id
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

    def save(self) -> str | None:
        window = self.window()
        problems = window.problems()
        if problems:
            themed_style(self.problem, problem_style)
            self.problem.setText(self._problem_text(problems[0]))
            return None
        try:
            self.editing = save_maintenance_window(self.ctx.store, window, self.editing)
        except TargetGoneError:
            themed_style(self.problem, problem_style)
            self.problem.setText(self.tr("This window was deleted meanwhile; nothing was saved."))
            return None
        saved = self.editing
        self.reload()
        self.problem.setText(self.tr("Saved at %1.").replace("%1", format_local(datetime.now(UTC))[11:]))
        themed_style(self.problem, problem_style, False)
        self.changed.emit()
        return saved

    def delete_current(self, confirm: bool = True) -> bool:
        if self.editing is None:
            return False
        if confirm and QMessageBox.question(self, self.tr("Delete maintenance window"),
                                            self.tr("Delete this maintenance window? Results already recorded "
                                                    "during it stay marked as maintenance.")
                                            ) != QMessageBox.StandardButton.Yes:
            return False
        deleted = self.editing
        delete_maintenance_window(self.ctx.store, deleted)
        self.reload()
        self.new_window()
        self.changed.emit()
        self.last_deleted = deleted
        themed_style(self.problem, problem_style, False)
        self.problem.setText(self.tr("Window deleted (Ctrl+Z brings it back)."))
        return True

    def undo_delete(self) -> bool:
        if self.last_deleted is None:
            return False
        delete_maintenance_window(self.ctx.store, self.last_deleted, deleted=False)
        self.last_deleted = None
        self.reload()
        self.changed.emit()
        self.problem.setText(self.tr("Deletion undone."))
        return True
