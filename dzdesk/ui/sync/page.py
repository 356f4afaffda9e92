"""The sync page (同步): where the hub is, when it last synced, what waits, and the conflicts to settle.

A conflict shows both values side by side with who wrote them and when; keeping the current value or taking the
other one is an ordinary, synced edit, so the whole team sees how it was settled.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from dzdesk.domain.timefmt import format_local
from dzdesk.operations.conflicts import ConflictGoneError, settle_conflict
from dzdesk.store.outbox import pending_count
from dzdesk.store.sync_models import SyncConflict
from dzdesk.sync.engine import SyncSummary
from dzdesk.ui.context import AppContext
from dzdesk.ui.sync.controller import SyncController
from dzdesk.ui.sync.sign_in import SignInDialog


def _shown(value_json: str) -> str:
    try:
        value = json.loads(value_json)
    except ValueError:
        return value_json
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)


class SyncPage(QWidget):
    SHOWS = frozenset({"outbox", "sync_conflicts"})
    records_changed = Signal()

    def __init__(self, ctx: AppContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.dialog: SignInDialog | None = None
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sync_button = QPushButton(self.tr("&Sync now"), self)
        self.sync_button.clicked.connect(self.controller.sync_now)
        self.sign_in_button = QPushButton(self.tr("Sign &in…"), self)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        top = QHBoxLayout()
        top.addWidget(self.sync_button)
        top.addWidget(self.sign_in_button)
        top.addWidget(self.progress)
        top.addStretch(1)

        self.conflicts = QListWidget(self)
        self.conflicts.setAccessibleName(self.tr("Conflicts"))
        self.conflicts.currentItemChanged.connect(lambda _item, _old: self.show_conflict())
        self.kept_label = QLabel(self)
        self.kept = QPlainTextEdit(self)
        self.kept.setReadOnly(True)
        self.other_label = QLabel(self)
        self.other = QPlainTextEdit(self)
        self.other.setReadOnly(True)
        self.keep_button = QPushButton(self.tr("&Keep the current value"), self)
        self.keep_button.clicked.connect(lambda: self.resolve(take_other=False))
        self.take_button = QPushButton(self.tr("&Use the other value"), self)
        self.take_button.clicked.connect(lambda: self.resolve(take_other=True))
        compare = QHBoxLayout()
        for label, edit in ((self.kept_label, self.kept), (self.other_label, self.other)):
            label.setBuddy(edit)
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(edit, 1)
            compare.addLayout(column)
        actions = QHBoxLayout()
        actions.addWidget(self.keep_button)
        actions.addWidget(self.take_button)
        actions.addStretch(1)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.addLayout(compare, 1)
        detail_layout.addLayout(actions)
        splitter = QSplitter(self)
        splitter.addWidget(self.conflicts)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(QLabel(self.tr("Conflicts to settle"), self))
        layout.addWidget(splitter, 1)

        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.finished.connect(self._finished)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def sign_in(self) -> SignInDialog:
        self.dialog = SignInDialog(self.ctx, self)
        self.dialog.signed_in.connect(lambda _name: (self.refresh(), self.controller.sync_now()))
        self.dialog.open()
        return self.dialog

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()

    def _progress(self, phase: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        names = {"push": self.tr("sending"), "pull": self.tr("receiving"), "blobs": self.tr("files")}
        self.progress.setFormat(f"{names.get(phase, phase)} {done}" + (f"/{total}" if total else ""))

    def _finished(self, summary: SyncSummary) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        if summary.pulled or summary.rejected or summary.conflicts:
            self.records_changed.emit()
        self.refresh()

    def refresh(self) -> None:
        self.progress.setVisible(self.controller.running)
        self.sync_button.setEnabled(self.controller.configured and not self.controller.running)
        settings = self.ctx.settings
        with self.ctx.store.session() as session:
            waiting = pending_count(session)
            rows = session.scalars(select(SyncConflict).where(SyncConflict.deleted.is_(False))
                                   .order_by(SyncConflict.resolved, SyncConflict.created_at.desc())
                                   .limit(500)).all()
        if not settings.hub_url:
            lines = [self.tr("No hub yet: this copy works offline. Sign in to share records with the team.")]
        else:
            state = self.tr("online") if self.controller.online else self.tr("offline")
            last = format_local(self.controller.last_sync) if self.controller.last_sync else self.tr("not yet")
            lines = [self.tr("Hub: %1 (%2)").replace("%1", settings.hub_url).replace("%2", state),
                     self.tr("Last sync: %1").replace("%1", last)]
            if self.controller.last_error:
                lines.append(self.tr("Last problem: %1").replace("%1", self.controller.last_error))
        lines.append(self.tr("Changes waiting to be sent: %1").replace("%1", str(waiting)))
        self.state.setText("\n".join(lines))
        selected = self.conflicts.currentItem().data(Qt.ItemDataRole.UserRole) if self.conflicts.currentItem() \
            else None
        self.conflicts.clear()
        for row in rows:
            field = self.tr("whole record") if row.field == "*" else row.field
            status = self.tr("settled") if row.resolved else self.tr("open")
            item = QListWidgetItem(f"[{status}] {self._entity_label(row.entity)} {row.record_id[:8]} · {field}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.conflicts.addItem(item)
            if row.id == selected:
                self.conflicts.setCurrentItem(item)
        if self.conflicts.currentItem() is None and self.conflicts.count():
            self.conflicts.setCurrentRow(0)
        self.show_conflict()

    def _entity_label(self, entity: str) -> str:
        return {
            "incidents": self.tr("fault"), "incident_events": self.tr("fault history"),
            "incident_pauses": self.tr("fault waiting time"), "complaints": self.tr("complaint"),
            "visits": self.tr("visit"), "visit_follow_ups": self.tr("visit follow-up"),
            "visit_attachments": self.tr("visit attachment"), "visit_amendments": self.tr("visit amendment"),
            "visit_incidents": self.tr("visit's fault"), "trainings": self.tr("training session"),
            "training_attendees": self.tr("attendee"), "training_materials": self.tr("training material"),
            "probe_targets": self.tr("probe target"), "maintenance_windows": self.tr("maintenance window"),
        }.get(entity, entity)

    def _current(self) -> SyncConflict | None:
        item = self.conflicts.currentItem()
        if item is None:
            return None
        with self.ctx.store.session() as session:
            return session.get(SyncConflict, item.data(Qt.ItemDataRole.UserRole))

    def show_conflict(self) -> None:
        conflict = self._current()
        for widget in (self.keep_button, self.take_button):
            widget.setEnabled(conflict is not None and not conflict.resolved)
        if conflict is None:
            for edit in (self.kept, self.other):
                edit.clear()
            self.kept_label.setText(self.tr("Current value"))
            self.other_label.setText(self.tr("Other value"))
            return
        self.take_button.setEnabled(not conflict.resolved and conflict.field != "*")

        def heading(text: str, author: str, at: Any) -> str:
            when = format_local(at) if at else ""
            return " · ".join(p for p in (text, author, when) if p)

        refused = conflict.field == "*"
        self.kept_label.setText(heading(self.tr("On the hub") if refused else self.tr("Current value"),
                                        conflict.kept_author, conflict.kept_at))
        self.other_label.setText(heading(self.tr("Refused change") if refused else self.tr("Other value"),
                                         conflict.other_author, conflict.other_at))
        self.kept.setPlainText(_shown(conflict.kept_value))
        self.other.setPlainText(_shown(conflict.other_value))

    def resolve(self, take_other: bool) -> bool:
        """Settles the selected conflict; taking the other value edits the record like any change, and syncs."""
        item = self.conflicts.currentItem()
        if item is None:
            return False
        try:
            settle_conflict(self.ctx.store, item.data(Qt.ItemDataRole.UserRole), take_other)
        except ConflictGoneError:
            self.refresh()  # settled meanwhile, here or on another laptop
            return False
        self.records_changed.emit()
        self.controller.local_change()
        self.refresh()
        return True
