"""The complaint editor: validated as you type, the one-week reply deadline always in view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.complaint import ComplaintChannel, ComplaintProblem, reply_due
from dzdesk.domain.timefmt import format_local, parse_moment
from dzdesk.drafts import DraftStore
from dzdesk.operations.complaints import ComplaintGoneError, save_complaint_with
from dzdesk.operations.saved import Saved
from dzdesk.storage_errors import StorageError
from dzdesk.store import Store
from dzdesk.store.complaint_repo import ComplaintDraft, ComplaintRejected
from dzdesk.store.incident_models import Complaint
from dzdesk.ui.context import AppContext
from dzdesk.ui.drafted_dialog import DraftedDialog
from dzdesk.ui.forms import load_form
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.labels import complaint_channel_label, duration_text
from dzdesk.ui.qt_time import from_qdatetime, to_qdatetime
from dzdesk.ui.worker_calls import BackgroundWrite


def complaint_problem_text(problem: ComplaintProblem) -> str:
    return {
        ComplaintProblem.COMPLAINANT_MISSING: QCoreApplication.translate("ComplaintProblems", "Enter who complained."),
        ComplaintProblem.CONTENT_MISSING: QCoreApplication.translate(
            "ComplaintProblems", "Enter what the complaint is about."),
        ComplaintProblem.RECEIVED_IN_FUTURE: QCoreApplication.translate(
            "ComplaintProblems", "The receipt time is in the future."),
        ComplaintProblem.REPLIED_BEFORE_RECEIVED: QCoreApplication.translate(
            "ComplaintProblems", "The reply time is before the receipt time."),
        ComplaintProblem.OUTCOME_MISSING: QCoreApplication.translate(
            "ComplaintProblems", "A replied complaint needs its outcome."),
    }[problem]


def _read_complaint(store: Store, complaint_id: str) -> ComplaintDraft:
    """The stored complaint as the editor's fields; run on a worker."""
    with store.session() as session:
        complaint = session.get(Complaint, complaint_id)
        if complaint is None:
            raise LookupError(QCoreApplication.translate("ComplaintEditor", "This complaint is no longer stored."))
        return ComplaintDraft.of(complaint)


class ComplaintEditor(DraftedDialog):
    """Reads a stored complaint on a worker (`loaded` says it is in the fields) and saves on a worker."""

    def __init__(self, ctx: AppContext, complaint_id: str | None = None, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(DraftStore(ctx.data_dir.drafts), f"complaint-{complaint_id or 'new'}", parent)
        self.ctx = ctx
        self.complaint_id = complaint_id
        self._now = now or (lambda: datetime.now(UTC))
        self.setWindowTitle(self.tr("Edit complaint") if complaint_id else self.tr("Record a complaint"))
        self.resize(620, 600)
        self.form = load_form("complaint_form", self)
        find = self.form.findChild
        self.w: dict[str, Any] = {
            "channel": find(QComboBox, "channelCombo"), "complainant": find(QLineEdit, "complainantEdit"),
            "unit": find(QLineEdit, "unitEdit"), "contact": find(QLineEdit, "contactEdit"),
            "received": find(QDateTimeEdit, "receivedEdit"), "content": find(QPlainTextEdit, "contentEdit"),
            "handling": find(QPlainTextEdit, "handlingEdit"), "replied_check": find(QCheckBox, "repliedCheck"),
            "replied": find(QDateTimeEdit, "repliedEdit"), "outcome": find(QPlainTextEdit, "outcomeEdit"),
            "due": find(QLabel, "dueLabel"), "problems": find(QLabel, "problemsLabel"),
        }
        for channel in ComplaintChannel:
            self.w["channel"].addItem(complaint_channel_label(channel), channel.value)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)

        for key in ("complainant", "unit", "contact"):
            self.w[key].textChanged.connect(self._changed)
        for key in ("content", "handling", "outcome"):
            self.w[key].textChanged.connect(self._changed)
        self.w["channel"].currentIndexChanged.connect(self._changed)
        self.w["received"].dateTimeChanged.connect(self._changed)
        self.w["replied"].dateTimeChanged.connect(self._changed)
        self.w["replied_check"].toggled.connect(self._toggle_replied)
        self.w["replied"].setEnabled(False)

        self.saving = BackgroundWrite(self, self.buttons.buttons())
        if complaint_id:
            store = ctx.store
            self.read_stored(lambda: _read_complaint(store, complaint_id),
                             (self.form, self.buttons.button(QDialogButtonBox.StandardButton.Save)),
                             self.tr("Reading the complaint…"),
                             lambda reason: self.tr("The complaint could not be read: %1").replace("%1", reason))
        else:
            self.w["received"].setDateTime(to_qdatetime(self._now()))
            self.fields_ready()

    def _show_stored(self, draft: ComplaintDraft) -> None:
        self._apply(self._values_of(draft))

    def problems_line(self) -> QLabel:
        return self.w["problems"]

    def first_field(self) -> QWidget:
        return self.w["complainant"]

    def _toggle_replied(self, on: bool) -> None:
        self.w["replied"].setEnabled(on)
        if on and not self._loading:
            self.w["replied"].setDateTime(to_qdatetime(self._now()))
        self._changed()

    @staticmethod
    def _values_of(draft: ComplaintDraft) -> dict[str, Any]:
        return {
            "channel": draft.channel.value, "complainant": draft.complainant, "unit": draft.unit,
            "contact": draft.contact, "received": draft.received_at.isoformat(), "content": draft.content,
            "handling": draft.handling, "outcome": draft.outcome,
            "replied": draft.replied_at.isoformat() if draft.replied_at else None,
        }

    def _apply(self, values: dict[str, Any]) -> None:
        w = self.w
        self._loading = True
        index = w["channel"].findData(values.get("channel"))
        w["channel"].setCurrentIndex(max(index, 0))
        for key in ("complainant", "unit", "contact"):
            w[key].setText(values.get(key) or "")
        for key in ("content", "handling", "outcome"):
            w[key].setPlainText(values.get(key) or "")
        if values.get("received"):
            w["received"].setDateTime(to_qdatetime(parse_moment(values["received"])))
        replied = values.get("replied")
        w["replied_check"].setChecked(bool(replied))
        w["replied"].setEnabled(bool(replied))
        if replied:
            w["replied"].setDateTime(to_qdatetime(parse_moment(replied)))
        self._loading = False

    def draft(self) -> ComplaintDraft:
        w = self.w
        return ComplaintDraft(
            channel=ComplaintChannel(w["channel"].currentData()), complainant=w["complainant"].text(),
            content=w["content"].toPlainText(), received_at=from_qdatetime(w["received"].dateTime()),
            unit=w["unit"].text(), contact=w["contact"].text(), handling=w["handling"].toPlainText(),
            replied_at=from_qdatetime(w["replied"].dateTime()) if w["replied_check"].isChecked() else None,
            outcome=w["outcome"].toPlainText(),
        )

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._validate()

    def _validate(self) -> list[ComplaintProblem]:
        draft = self.draft().stripped()
        problems = draft.problems(self._now())
        self.w["problems"].setText("\n".join(complaint_problem_text(p) for p in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not problems and self.is_loaded and not self.saving.running)
        due = reply_due(draft.received_at)
        if draft.replied_at is not None:
            state = self.tr("replied in time") if draft.replied_at <= due else self.tr("replied late")
        else:
            left = due - self._now()
            state = (self.tr("%1 left").replace("%1", duration_text(left)) if left.total_seconds() >= 0
                     else self.tr("overdue by %1").replace("%1", duration_text(-left)))
        self.w["due"].setText(self.tr("Reply with the outcome by %1 (%2)").replace("%1", format_local(due))
                              .replace("%2", state))
        return problems

    def accept(self) -> None:
        """Writes on a worker; the dialog closes once the write has committed, and stays open with the reason
        when it is refused. A second Save while one writes does nothing."""
        if self.saving.running or not self.is_loaded or self._validate():
            return
        store, draft, now = self.ctx.store, self.draft(), self._now()
        complaint_id, shown = self.complaint_id, self.shown
        self.saving.start(lambda: save_complaint_with(store, draft, now, complaint_id, shown), self._saved_now,
                          self._not_saved)
        self.w["problems"].setText(self.tr("Saving…"))

    def _saved_now(self, saved: Saved) -> None:
        self.complaint_id = saved.record_id
        self.finish_saved(saved.record_id, saved.both_changed)

    def _not_saved(self, exc: Exception) -> None:
        self._validate()
        if isinstance(exc, ComplaintRejected):
            text = "\n".join(complaint_problem_text(p) for p in exc.problems)
        elif isinstance(exc, ComplaintGoneError):
            text = self.tr("This complaint was deleted meanwhile; nothing was saved.")
        else:
            text = str(exc) if isinstance(exc, StorageError) else self.tr("Not saved: %1").replace("%1", str(exc))
        self.w["problems"].setText(text)

    def reject(self) -> None:
        if not self.saving.running:  # a write under way finishes first: it may already be committed
            super().reject()

    def draft_values(self) -> dict[str, Any]:
        return self._values_of(self.draft())
