"""The incident list: filters that answer as you type, a live countdown, and every action on the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.incident import OPEN_STATUSES, Status, TransitionError
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range, local_day
from dzdesk.operations.incidents import FaultNotFoundError, is_waiting, move_fault, resume_work, wait_on_others
from dzdesk.reports.incident_log import export_incident_log
from dzdesk.store.incident_queries import IncidentQuery, IncidentSort
from dzdesk.store.incident_repo import IncidentRejected
from dzdesk.store.team_calendar import deadline_calendar
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.incidents.editor import IncidentEditor, incident_problem_text, open_editor
from dzdesk.ui.incidents.table_model import (
    COL_ASSIGNEE,
    COL_DISTRICT,
    COL_DUE,
    COL_LEFT,
    COL_MODULE,
    COL_REPORTED,
    COL_REPORTER,
    COL_TITLE,
    IncidentTableModel,
)
from dzdesk.ui.labels import severity_label, status_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.record_table import RecordTable
from dzdesk.ui.theme import Token, tint_style
from dzdesk.ui.theme_watch import themed_style

COUNTDOWN_MS = 30_000
FILTER_DELAY_MS = 150


class IncidentsPage(QWidget):
    """Reads nothing on the GUI thread: the list, the calendar warning, whether the selected fault waits on
    others, and every change made from the buttons run on a worker (`run_in_background`). `listed` says the list
    of the current filter is on screen with its count; `changed` that a change from the buttons is stored."""

    SHOWS = frozenset({"incidents", "incident_events", "incident_pauses", "incident_corrections"})
    records_changed = Signal()  # the window refreshes its counts; the page needs no window to run
    listed = Signal()
    changed = Signal(str)  # the fault changed (or "" when the change was refused)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.editor: IncidentEditor | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("incidentSearch")
        self.search.setPlaceholderText(self.tr("Search title, module, reporter, district… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.platform = QComboBox(self)
        self.platform.addItem(self.tr("All platforms"), None)
        for platform in ctx.catalogue.platforms:
            self.platform.addItem(platform.short_name, platform.code)
        self.severity = QComboBox(self)
        self.severity.addItem(self.tr("All severities"), None)
        for severity in Severity:
            self.severity.addItem(severity_label(severity), severity.value)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Open"), "open")
        self.status.addItem(self.tr("All"), None)
        for status in Status:
            self.status.addItem(status_label(status), status.value)
        self.sort = QComboBox(self)
        self.sort.addItem(self.tr("By time left"), IncidentSort.DUE.value)
        self.sort.addItem(self.tr("Newest first"), IncidentSort.REPORTED_DESC.value)
        self.sort.addItem(self.tr("Oldest first"), IncidentSort.REPORTED_ASC.value)
        self.sort.addItem(self.tr("By severity"), IncidentSort.SEVERITY.value)

        for widget, name in ((self.search, self.tr("Search faults")), (self.platform, self.tr("Platform")),
                             (self.severity, self.tr("Severity")), (self.status, self.tr("Status")),
                             (self.sort, self.tr("Order"))):
            widget.setAccessibleName(name)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.platform, self.severity, self.status, self.sort):
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self.apply_filter)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)

        self.calendar_warning = QLabel(self)
        self.calendar_warning.setObjectName("calendarWarning")
        self.calendar_warning.setWordWrap(True)
        themed_style(self.calendar_warning, tint_style, Token.TINT_WARNING)
        self.count_label = QLabel(self)

        self._reselect: str | None = None  # the fault to select again once the list is back
        self._waiting: dict[str, bool] = {}  # whether a fault waits on others, as read for the selection
        self._changing = False  # a change from the buttons is being written
        self.model = IncidentTableModel(ctx.store, ctx.catalogue, self._now, self)
        self.model.first_page_shown.connect(self._first_page_shown)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._list_failed)
        self.table = RecordTable(self.model, self)
        self.table.setObjectName("incidentTable")
        self.table.setAccessibleName(self.tr("Faults"))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.fit_columns({COL_LEFT: 110, COL_REPORTED: 135, COL_DUE: 135}, stretch=COL_TITLE,
                               drop=(COL_REPORTER, COL_ASSIGNEE, COL_MODULE, COL_DISTRICT, COL_REPORTED))
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, shortcut, slot, name in (
            ("new", self.tr("&New fault"), "Ctrl+N", self.new_incident, "plus"),
            ("edit", self.tr("&Edit"), None, self.edit_selected, "pencil"),
            ("respond", self.tr("&Respond now"), "Ctrl+R", lambda: self.move_selected(Status.RESPONDED), "check"),
            ("work", self.tr("Start &work"), "Ctrl+W", lambda: self.move_selected(Status.IN_PROGRESS), "tool"),
            ("resolve", self.tr("Re&solve…"), "Ctrl+E", self.resolve_selected, "circle-check"),
            ("close", self.tr("&Close"), "Ctrl+L", lambda: self.move_selected(Status.CLOSED), "lock"),
            ("wait", self.tr("&Waiting on others"), "Ctrl+P", self.toggle_wait, "player-pause"),
            ("export", self.tr("E&xport…"), None, self.export_log, "file-export"),
        ):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(slot)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, activated=slot,
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                button.setToolTip(shortcut)
            actions.addWidget(button)
            self.buttons[key] = button
        actions.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.calendar_warning)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        layout.addLayout(actions)

        self.last_problem = ""  # the last refusal said to the user
        self._countdown = QTimer(self, interval=COUNTDOWN_MS)
        self._countdown.timeout.connect(self.tick)
        self._countdown.start()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.apply_filter()
        self.show_calendar_warning()

    # -- list ------------------------------------------------------------------------------------------------
    def current_query(self) -> IncidentQuery:
        status = self.status.currentData()
        statuses = OPEN_STATUSES if status == "open" else frozenset({Status(status)}) if status else frozenset()
        severity = self.severity.currentData()
        return IncidentQuery(
            text=self.search.text().strip(), platform=self.platform.currentData(),
            severities=frozenset({Severity(severity)}) if severity else frozenset(),
            statuses=statuses, sort=IncidentSort(self.sort.currentData()),
        )

    def apply_filter(self) -> None:
        """Reads the list of the filters on a worker; the selection comes back with it."""
        if self._reselect is None:
            self._reselect = self.selected_id()
        self.model.set_query(self.current_query())

    def _first_page_shown(self) -> None:
        self._waiting.clear()  # read again for the selection: the list may show a change made elsewhere
        if self._reselect:
            self.select_id(self._reselect)
        self._reselect = None
        self._update_buttons()

    def _counted(self, total: int) -> None:
        self.count_label.setText(self.tr("%n fault(s)", "", total))
        self.listed.emit()

    def _list_failed(self, reason: str) -> None:
        self.count_label.setText(self.tr("The faults could not be read: %1").replace("%1", reason))
        self.listed.emit()

    def reload(self) -> None:
        self.apply_filter()

    def tick(self) -> None:
        self.model.refresh_column(COL_LEFT)

    def show_calendar_warning(self) -> None:
        """Reads the calendar in force on a worker and warns when it does not know this year (or the next)."""
        today = local_day(self._now())
        years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
        store, own = self.ctx.store, self.ctx.settings.working_calendar()

        def unknown_years() -> list[int]:
            with store.session() as session:
                return list(deadline_calendar(session, own).unknown_years(years))

        run_in_background(unknown_years, self._show_unknown_years, lambda _exc: None, owner=self)

    def _show_unknown_years(self, unknown: list[int]) -> None:
        if unknown:
            self.calendar_warning.setText(self.tr(
                "The working-day calendar does not know %1 yet: 5×8 deadlines in that year count Monday to Friday "
                "only. Enter the State Council holiday notice under Settings when it is published.")
                .replace("%1", "、".join(str(y) for y in unknown)))
        self.calendar_warning.setVisible(bool(unknown))

    def selected_id(self) -> str | None:
        return self.table.selected_id()

    def select_id(self, incident_id: str) -> bool:
        return self.table.select_id(incident_id)

    def _update_buttons(self) -> None:
        """The buttons of the selected fault's status (from the row shown); whether it waits on others is read on
        a worker the first time it is selected."""
        incident = self._selected_row()
        status = Status(incident.status) if incident else None
        has = incident is not None and not self._changing
        if self._changing:
            status = None
        self.buttons["edit"].setEnabled(has)
        self.buttons["respond"].setEnabled(status is Status.NEW)
        self.buttons["work"].setEnabled(status in (Status.RESPONDED, Status.RESOLVED, Status.CLOSED))
        reopen = status in (Status.RESOLVED, Status.CLOSED)
        self.buttons["work"].setText(self.tr("Re&open") if reopen else self.tr("Start &work"))
        self.buttons["work"].setIcon(icon("rotate-clockwise" if reopen else "tool"))
        self.buttons["resolve"].setEnabled(status in (Status.RESPONDED, Status.IN_PROGRESS))
        self.buttons["close"].setEnabled(status is Status.RESOLVED)
        self.buttons["wait"].setEnabled(status in (Status.RESPONDED, Status.IN_PROGRESS))
        waiting = bool(incident and self._waiting.get(incident.id))
        self.buttons["wait"].setText(self.tr("Work &resumed") if waiting else self.tr("&Waiting on others"))
        self.buttons["wait"].setIcon(icon("player-play" if waiting else "player-pause"))
        if incident is not None and incident.id not in self._waiting and status in (Status.RESPONDED,
                                                                                    Status.IN_PROGRESS):
            self._read_waiting(incident.id)

    def _read_waiting(self, incident_id: str) -> None:
        store = self.ctx.store
        self._waiting[incident_id] = False  # asked once; the answer updates the buttons when it comes

        def read() -> tuple[str, bool]:
            return incident_id, is_waiting(store, incident_id)

        run_in_background(read, self._waiting_read, lambda _exc: None, owner=self)

    def _waiting_read(self, answer: tuple[str, bool]) -> None:
        incident_id, waiting = answer
        self._waiting[incident_id] = waiting
        if self.selected_id() == incident_id:
            self._update_buttons()

    def _selected_row(self) -> Any:
        """The selected fault as the list shows it (its columns), None when none is selected or shown yet."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- actions -----------------------------------------------------------------------------------------------
    def _saved(self, incident_id: str) -> None:
        self._waiting.pop(incident_id, None)
        self._reselect = incident_id
        self.reload()
        self.records_changed.emit()

    def new_incident(self) -> IncidentEditor:
        self.editor = open_editor(self.ctx, self, on_saved=self._saved)
        return self.editor

    def open_record(self, incident_id: str) -> IncidentEditor:
        return self.open_incident(incident_id)

    def open_incident(self, incident_id: str) -> IncidentEditor:
        self.editor = open_editor(self.ctx, self, incident_id, on_saved=self._saved)
        return self.editor

    def edit_selected(self) -> IncidentEditor | None:
        incident_id = self.selected_id()
        if incident_id:
            self.editor = open_editor(self.ctx, self, incident_id, on_saved=self._saved)
        return self.editor if incident_id else None

    def resolve_selected(self) -> IncidentEditor | None:
        incident_id = self.selected_id()
        if incident_id:
            self.editor = open_editor(self.ctx, self, incident_id, on_saved=self._saved, resolve=True)
        return self.editor if incident_id else None

    def move_selected(self, target: Status) -> bool:
        """Moves the selected fault on a worker; False when nothing was asked (none selected, a change runs)."""
        incident_id = self.selected_id()
        if not incident_id:
            return False
        store, catalogue, now = self.ctx.store, self.ctx.catalogue, self._now()
        return self._change(incident_id, lambda: move_fault(store, catalogue, incident_id, target, now, now))

    def toggle_wait(self) -> None:
        incident = self._selected_row()
        if incident is None or self._changing:
            return
        store, catalogue, now, incident_id = self.ctx.store, self.ctx.catalogue, self._now(), incident.id
        if self._waiting.get(incident_id):
            self._change(incident_id, lambda: resume_work(store, catalogue, incident_id, now, now))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Waiting on others"),
                                          self.tr("Who or what are you waiting for?"))
        if ok:
            self._change(incident_id, lambda: wait_on_others(store, catalogue, incident_id, reason, now, now))

    def _change(self, incident_id: str, work: Callable[[], Any]) -> bool:
        """One change at a time, written on a worker; the buttons wait for it, a refusal is said in words."""
        if self._changing:
            return False
        self._changing = True
        self._update_buttons()

        def changed(_result: Any) -> None:
            self._changing = False
            self._saved(incident_id)
            self.changed.emit(incident_id)

        def refused(exc: Exception) -> None:
            self._changing = False
            self._waiting.pop(incident_id, None)
            self._update_buttons()
            self.changed.emit("")
            self._explain(exc)

        run_in_background(work, changed, refused, owner=self)
        return True

    def _explain(self, exc: Exception) -> None:
        if isinstance(exc, IncidentRejected):
            message = "\n".join(incident_problem_text(p) for p in exc.problems)
        elif isinstance(exc, (TransitionError, FaultNotFoundError, ValueError)):
            message = str(exc)
        else:
            message = self.tr("The change could not be stored: %1").replace("%1", str(exc))
        self.last_problem = message
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def export_log(self) -> None:
        dialog = ExportDialog(local_day(self._now()), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = dialog.period()
        default = str(self.ctx.data_dir.root / f"故障记录_{first:%Y%m%d}-{last:%Y%m%d}.xlsx")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the incident log"), default,
                                                    self.tr("Spreadsheet (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_to(first, last, path)

    def export_to(self, first: date, last: date, path: str) -> None:
        start, end = day_range(first, last)
        store, catalogue = self.ctx.store, self.ctx.catalogue

        def work() -> int:
            with store.session() as session:
                return export_incident_log(session, catalogue, start, end, Path(path))

        self.buttons["export"].setEnabled(False)
        window = self.window()
        if hasattr(window, "status"):
            window.status.showMessage(self.tr("Exporting…"))
        run_in_background(work, lambda count: self._exported(path, count), self._export_failed)

    def _exported(self, path: str, count: int) -> None:
        self.buttons["export"].setEnabled(True)
        window = self.window()
        if hasattr(window, "status"):
            window.status.showMessage(self.tr("%1 faults exported to %2").replace("%1", str(count))
                                      .replace("%2", path), 10000)

    def _export_failed(self, exc: Exception) -> None:
        self.buttons["export"].setEnabled(True)
        QMessageBox.warning(self, self.tr("Export failed"), str(exc))


class ExportDialog(QDialog):
    """Asks for the period to export: this year so far by default."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the incident log"))
        self.first = QDateEdit(QDate(today.year, 1, 1), self)
        self.last = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&From"), self.first)
        form.addRow(self.tr("&To"), self.last)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def period(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()
