"""The complaint log: unanswered complaints first, overdue ones in red."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.complaint import ComplaintChannel, reply_due
from dzdesk.domain.timefmt import format_local
from dzdesk.store import Store
from dzdesk.store.complaint_repo import count_complaints, page_complaints
from dzdesk.store.incident_models import Complaint
from dzdesk.ui.complaints.editor import ComplaintEditor
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.labels import complaint_channel_label, duration_text
from dzdesk.ui.paged_model import PagedTableModel, session_source
from dzdesk.ui.record_table import RecordTable
from dzdesk.ui.theme import Token, colour
from dzdesk.ui.theme_watch import follow_scheme, repaint_model

OVERDUE = Token.TINT_BREACHED
SOON = Token.TINT_WARNING


class ComplaintTableModel(PagedTableModel[Complaint]):
    def __init__(self, store: Store, now: Callable[[], datetime], parent: QObject | None = None) -> None:
        self._now = now
        headers = [
            QCoreApplication.translate("ComplaintTable", "Reply due"),
            QCoreApplication.translate("ComplaintTable", "Received"),
            QCoreApplication.translate("ComplaintTable", "Channel"),
            QCoreApplication.translate("ComplaintTable", "Complainant"),
            QCoreApplication.translate("ComplaintTable", "Unit"),
            QCoreApplication.translate("ComplaintTable", "Content"),
            QCoreApplication.translate("ComplaintTable", "Replied"),
            QCoreApplication.translate("ComplaintTable", "Outcome"),
        ]
        super().__init__(headers, *session_source(store, count_complaints, page_complaints), parent)
        follow_scheme(self, lambda: repaint_model(self))

    def _state(self, row: Complaint) -> str:
        due = reply_due(row.received_at)
        if row.replied_at is not None:
            if row.replied_at <= due:
                return QCoreApplication.translate("ComplaintTable", "replied in time")
            return QCoreApplication.translate("ComplaintTable", "replied late")
        left = due - self._now()
        if left < timedelta(0):
            return QCoreApplication.translate("ComplaintTable", "overdue %1").replace("%1", duration_text(-left))
        return duration_text(left)

    def _tint(self, row: Complaint) -> Token | None:
        """Replied late or overdue, or due within a day; the colour is asked of the theme at each paint."""
        due = reply_due(row.received_at)
        late = row.replied_at > due if row.replied_at else self._now() > due
        if late:
            return OVERDUE
        if row.replied_at is None and due - self._now() < timedelta(days=1):
            return SOON
        return None

    def cell(self, row: Complaint, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            values = [self._state(row), format_local(row.received_at),
                      complaint_channel_label(ComplaintChannel(row.channel)), row.complainant, row.unit,
                      row.content, format_local(row.replied_at), row.outcome]
            return values[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            tint = self._tint(row)
            return None if tint is None else QBrush(colour(tint))
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and self._tint(row) is not None:
            return QBrush(colour(Token.TEXT_ON_TINT))  # readable on the tint in either scheme
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class ComplaintsPage(QWidget):
    """The list is read on a worker by its model; `listed` says the rows and their count are on screen."""

    SHOWS = frozenset({"complaints"})
    records_changed = Signal()  # the window refreshes its counts; the page needs no window to run
    listed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.editor: ComplaintEditor | None = None
        self.model = ComplaintTableModel(ctx.store, self._now, self)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._list_failed)
        self.table = RecordTable(self.model, self)
        self.table.setObjectName("complaintTable")
        self.table.setAccessibleName(self.tr("Complaints"))
        self.table.fit_columns({}, stretch=5, drop=(4, 2, 7))  # unit, channel, outcome
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.count_label = QLabel(self)
        new_button = QPushButton(icon("plus"), self.tr("&New complaint"), self)
        new_button.clicked.connect(self.new_complaint)
        edit_button = QPushButton(icon("pencil"), self.tr("&Edit"), self)
        edit_button.clicked.connect(self.edit_selected)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_complaint,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(new_button)
        buttons.addWidget(edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        """Reads the list again on a worker; the count shows when it is back."""
        self.model.reload()

    def _counted(self, total: int) -> None:
        self.count_label.setText(self.tr("%n complaint(s)", "", total))
        self.listed.emit()

    def _list_failed(self, reason: str) -> None:
        self.count_label.setText(self.tr("The complaints could not be read: %1").replace("%1", reason))
        self.listed.emit()

    def selected_id(self) -> str | None:
        return self.table.selected_id()

    def _open(self, complaint_id: str | None) -> ComplaintEditor:
        self.editor = ComplaintEditor(self.ctx, complaint_id, self, now=self._now)
        self.editor.saved.connect(lambda _id: self._saved())
        self.editor.open()
        return self.editor

    def _saved(self) -> None:
        self.reload()
        self.records_changed.emit()

    def new_complaint(self) -> ComplaintEditor:
        return self._open(None)

    def open_record(self, record_id: str) -> ComplaintEditor:
        """Opens one record's editor (from search or the dashboard)."""
        return self._open(record_id)

    def edit_selected(self) -> ComplaintEditor | None:
        complaint_id = self.selected_id()
        return self._open(complaint_id) if complaint_id else None
