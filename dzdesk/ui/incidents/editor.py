"""The incident editor: every field from the keyboard, the deadline shown live, problems said as you type.

Closing it by mistake keeps what was typed as a draft, offered again the next time the same incident (or a new
one) is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.incident import Channel, IncidentProblem, Pause, Status, paused_time
from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.domain.timefmt import format_local, parse_moment
from dzdesk.domain.working_calendar import WorkingCalendar
from dzdesk.drafts import DraftStore
from dzdesk.operations.incidents import FaultChanged, edit_fault, record_fault
from dzdesk.storage_errors import StorageError
from dzdesk.store import Store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, IncidentRejected, check_draft
from dzdesk.store.team_calendar import deadline_calendar
from dzdesk.ui.context import AppContext
from dzdesk.ui.drafted_dialog import DraftedDialog
from dzdesk.ui.forms import load_form
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.labels import channel_label, duration_text, severity_hint, severity_label, status_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.qt_time import from_qdatetime, to_qdatetime
from dzdesk.ui.worker_calls import BackgroundWrite


def incident_problem_text(problem: IncidentProblem) -> str:
    texts = {
        IncidentProblem.TITLE_MISSING: QCoreApplication.translate("IncidentProblems", "Give the fault a title."),
        IncidentProblem.PLATFORM_UNKNOWN: QCoreApplication.translate("IncidentProblems", "Choose the platform."),
        IncidentProblem.MODULE_UNKNOWN: QCoreApplication.translate(
            "IncidentProblems", "The module is not one of the platform's modules."),
        IncidentProblem.REPORTED_IN_FUTURE: QCoreApplication.translate(
            "IncidentProblems", "The report time is in the future."),
        IncidentProblem.RESPONDED_BEFORE_REPORTED: QCoreApplication.translate(
            "IncidentProblems", "The response time is before the report time."),
        IncidentProblem.RESOLVED_BEFORE_RESPONDED: QCoreApplication.translate(
            "IncidentProblems", "The resolution time is before the response time."),
        IncidentProblem.RESOLVED_WITHOUT_RESPONSE: QCoreApplication.translate("IncidentProblems",
            "A fault cannot be resolved before it was responded to: tick and fill in the response time."),
        IncidentProblem.CAUSE_MISSING: QCoreApplication.translate(
            "IncidentProblems", "A resolved fault needs its cause."),
        IncidentProblem.RESOLUTION_MISSING: QCoreApplication.translate(
            "IncidentProblems", "A resolved fault needs its resolution (what was done)."),
        IncidentProblem.CLOSED_BEFORE_RESOLVED: QCoreApplication.translate(
            "IncidentProblems", "The closing time is before the resolution time."),
        IncidentProblem.CLOSED_WITHOUT_RESOLUTION: QCoreApplication.translate(
            "IncidentProblems", "A fault can only be closed after it was resolved."),
        IncidentProblem.TIME_IN_FUTURE: QCoreApplication.translate(
            "IncidentProblems", "The response, resolution or closing time is in the future."),
        IncidentProblem.PAUSE_BEFORE_RESPONSE: QCoreApplication.translate(
            "IncidentProblems", "Waiting on others can only be recorded after the fault was responded to."),
        IncidentProblem.PAUSES_OVERLAP: QCoreApplication.translate(
            "IncidentProblems", "Two waiting periods overlap; record each period of waiting once."),
        IncidentProblem.PAUSE_ENDS_BEFORE_START: QCoreApplication.translate(
            "IncidentProblems", "A waiting period ends before it starts."),
        IncidentProblem.PAUSE_OUTSIDE_WORK: QCoreApplication.translate("IncidentProblems",
            "A waiting period must lie between the response and the resolution."),
    }
    return texts[problem]


@dataclass(frozen=True)
class _Stored:
    """What the editor shows of a stored fault (None for a new one), read on a worker with its calendar."""

    calendar: BusinessCalendar
    draft: IncidentDraft | None = None
    status: Status | None = None
    events: tuple[tuple[Any, ...], ...] = ()
    corrections: tuple[tuple[Any, ...], ...] = ()
    pauses: tuple[Pause, ...] = ()


def _read_stored(store: Store, own: WorkingCalendar, incident_id: str | None) -> _Stored:
    """The fault and the working calendar of its team (a new fault: this laptop's team); run on a worker."""
    with store.session() as session:
        if incident_id is None:
            return _Stored(deadline_calendar(session, own))
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise LookupError(QCoreApplication.translate("IncidentEditor", "This fault is no longer stored."))
        return _Stored(
            deadline_calendar(session, own, incident.hub_team), IncidentDraft.of(incident), Status(incident.status),
            tuple((e.at, e.kind, e.from_status, e.to_status, e.note, e.author) for e in incident.events),
            tuple((c.at, c.author, c.field, c.old_value, c.new_value, c.late)
                  for c in incident.corrections if not c.deleted),
            tuple(Pause(p.start_at, p.end_at, p.reason) for p in incident.pauses if not p.deleted))


class IncidentEditor(DraftedDialog):
    """Reads the fault (and its team's calendar) on a worker and saves on a worker; `loaded` says the stored
    fault is in the fields (a new fault's fields are filled at once; `loaded` then says its deadline is known)."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, incident_id: str | None = None, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None, resolve: bool = False,
                 prefill: dict[str, Any] | None = None, draft_key: str | None = None) -> None:
        super().__init__(DraftStore(ctx.data_dir.drafts), draft_key or f"incident-{incident_id or 'new'}", parent)
        self._prefill = prefill or {}
        self.ctx = ctx
        self.incident_id = incident_id
        self._now = now or (lambda: datetime.now(UTC))
        self._loading = True
        self.setWindowTitle(self.tr("Edit fault") if incident_id else self.tr("Record a fault"))
        self.resize(960, 640)

        self.form = load_form("incident_form", self)
        w = self._widgets()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.draft_banner = QWidget(self)
        banner_layout = QHBoxLayout(self.draft_banner)
        banner_layout.setContentsMargins(0, 0, 0, 0)
        banner_layout.addWidget(QLabel(self.tr("Unsaved changes from last time were restored."), self.draft_banner))
        self.discard_button = QPushButton(icon("trash"), self.tr("&Discard them"), self.draft_banner)
        self.discard_button.clicked.connect(self._discard_draft)
        banner_layout.addWidget(self.discard_button)
        banner_layout.addStretch(1)
        self.draft_banner.hide()
        self.history = QListWidget(self)
        self.history.setMaximumHeight(110)
        self.history.setObjectName("historyList")

        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.form)
        layout.addWidget(self.history)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.accept)

        # The working calendar of the team the hub keeps the fault in: it sets the deadline shown.
        self._business_calendar: BusinessCalendar | None = None
        self.saving = BackgroundWrite(self, self.buttons.buttons())
        self.is_loaded = False
        self._resolve = resolve
        self._refusal = ""  # why the last save was refused: said until the person edits again
        self._fill_choices()
        self._connect()
        if incident_id:
            self.form.setEnabled(False)  # nothing typed over fields that the stored fault then overwrites
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            w["problems"].setText(self.tr("Reading the fault…"))
        else:
            self._load_new()
            self._restore_draft()
            self._loading = False
            self._validate()
            w["title"].setFocus()
        store, own = ctx.store, ctx.settings.working_calendar()
        run_in_background(lambda: _read_stored(store, own, incident_id), self._stored_read, self._not_read,
                          owner=self)

    def _restore_draft(self) -> None:
        draft = self.drafts.load(self.draft_key)
        if draft:
            self._apply(draft)
            self.draft_banner.show()
        if self._resolve and not self.w["resolved_check"].isChecked():
            self.w["resolved_check"].setChecked(True)

    def _stored_read(self, stored: _Stored) -> None:
        self._business_calendar = stored.calendar
        if stored.draft is not None:
            self._show_stored(stored)
            self.shown = self.as_shown()
            self.form.setEnabled(True)
            self._restore_draft()
            self._loading = False
            self.w["severity"].setFocus()
        self.is_loaded = True
        self._validate()
        self.loaded.emit()

    def _not_read(self, exc: Exception) -> None:
        """The fault could not be read: said in words, nothing can be saved over it."""
        self.w["problems"].setText(self.tr("The fault could not be read: %1").replace("%1", str(exc)))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.loaded.emit()

    # -- widgets ---------------------------------------------------------------------------------------------
    def _widgets(self) -> dict[str, Any]:
        find = self.form.findChild
        self.w: dict[str, Any] = {
            "platform": find(QComboBox, "platformCombo"), "module": find(QComboBox, "moduleCombo"),
            "severity": find(QComboBox, "severityCombo"), "title": find(QLineEdit, "titleEdit"),
            "description": find(QPlainTextEdit, "descriptionEdit"), "channel": find(QComboBox, "channelCombo"),
            "district": find(QComboBox, "districtCombo"), "department": find(QComboBox, "departmentCombo"),
            "reporter": find(QLineEdit, "reporterEdit"), "contact": find(QLineEdit, "contactEdit"),
            "reported": find(QDateTimeEdit, "reportedEdit"),
            "responded_check": find(QCheckBox, "respondedCheck"), "responded": find(QDateTimeEdit, "respondedEdit"),
            "resolved_check": find(QCheckBox, "resolvedCheck"), "resolved": find(QDateTimeEdit, "resolvedEdit"),
            "closed_check": find(QCheckBox, "closedCheck"), "closed": find(QDateTimeEdit, "closedEdit"),
            "cause": find(QPlainTextEdit, "causeEdit"), "resolution": find(QPlainTextEdit, "resolutionEdit"),
            "assignee": find(QLineEdit, "assigneeEdit"), "due": find(QLabel, "dueLabel"),
            "typical": find(QCheckBox, "typicalCheck"), "lesson": find(QPlainTextEdit, "lessonEdit"),
            "problems": find(QLabel, "problemsLabel"),
        }
        return self.w

    def _fill_choices(self) -> None:
        w = self.w
        for platform in self.ctx.catalogue.platforms:
            w["platform"].addItem(platform.short_name, platform.code)
        for severity in Severity:
            w["severity"].addItem(severity_label(severity), severity.value)
            w["severity"].setItemData(w["severity"].count() - 1, severity_hint(severity),
                                      Qt.ItemDataRole.ToolTipRole)
        for channel in Channel:
            w["channel"].addItem(channel_label(channel), channel.value)
        w["district"].addItems(["", *self.ctx.catalogue.districts])
        w["department"].addItems(["", *self.ctx.catalogue.departments])
        self._fill_modules()

    def _fill_modules(self) -> None:
        module = self.w["module"]
        current = module.currentText()
        module.clear()
        code = self.w["platform"].currentData()
        module.addItem("")
        if code:
            module.addItems(list(self.ctx.catalogue.platform(code).modules))
        index = module.findText(current)
        module.setCurrentIndex(max(index, 0))

    def _connect(self) -> None:
        w = self.w
        w["platform"].currentIndexChanged.connect(self._fill_modules)
        for key in ("platform", "module", "severity", "channel", "district", "department"):
            w[key].currentTextChanged.connect(self._changed)
        for key in ("title", "reporter", "contact", "assignee"):
            w[key].textChanged.connect(self._changed)
        for key in ("description", "cause", "resolution", "lesson"):
            w[key].textChanged.connect(self._changed)
        w["typical"].toggled.connect(self._changed)
        for key in ("reported", "responded", "resolved", "closed"):
            w[key].dateTimeChanged.connect(self._changed)
        for key in ("responded", "resolved", "closed"):
            check: QCheckBox = w[f"{key}_check"]
            check.toggled.connect(lambda on, k=key: self._toggle_time(k, on))
            w[key].setEnabled(False)

    def _toggle_time(self, key: str, on: bool) -> None:
        edit: QDateTimeEdit = self.w[key]
        edit.setEnabled(on)
        if on and not self._loading:
            edit.setDateTime(to_qdatetime(self._now()))
        self._changed()

    # -- loading -----------------------------------------------------------------------------------------------
    def _load_new(self) -> None:
        """A blank fault reported now, assigned to this engineer."""
        self._apply({
            "platform": self.ctx.catalogue.platforms[0].code, "severity": Severity.MINOR.value,
            "channel": Channel.PHONE.value, "reported": self._now().isoformat(),
            "assignee": self.ctx.settings.profile.name, **self._prefill,
        })
        self.history.hide()

    def _show_stored(self, stored: _Stored) -> None:
        assert stored.draft is not None
        self._status = stored.status
        self._apply(self._values_of(stored.draft))
        self.history.clear()
        for at, kind, before, after, note, author in stored.events:
            change = f"{status_label(Status(before))} → {status_label(Status(after))}" if before and after else ""
            self.history.addItem("  ".join(p for p in (format_local(at), author, self._event_kind(kind), change, note)
                                           if p))
        for at, author, field, old, new, late in stored.corrections:
            self.history.addItem(self._correction_text(at, author, field, old, new, late))
        waiting = paused_time(stored.pauses, self._now())
        if waiting:
            self.history.addItem(self.tr("Waiting on the customer or a third party: %1")
                                 .replace("%1", duration_text(waiting)))

    def _correction_text(self, at: datetime, author: str, field: str, old: str, new: str, late: bool) -> str:
        """A corrected or late-entered time (or a changed severity) as the history lists it."""
        label = {"reported_at": self.tr("report time"), "responded_at": self.tr("response time"),
                 "resolved_at": self.tr("resolution time"), "severity": self.tr("severity")}.get(field, field)

        def shown(value: str) -> str:
            if not value:
                return self.tr("(empty)")
            if field == "severity":
                return severity_label(Severity(value)) if value in Severity.__members__.values() else value
            return format_local(datetime.fromisoformat(value))

        what = (self.tr("corrected %1: %2 → %3").replace("%1", label).replace("%2", shown(old))
                .replace("%3", shown(new)) if old else
                self.tr("entered %1: %2").replace("%1", label).replace("%2", shown(new)))
        mark = self.tr("entered late (补录)") if late else ""
        return "  ".join(p for p in (format_local(at), author, what, mark) if p)

    def _event_kind(self, kind: str) -> str:
        return {"created": self.tr("recorded"), "edit": self.tr("edited"), "status": self.tr("status changed"),
                "pause": self.tr("waiting on others"), "resume": self.tr("work resumed")}.get(kind, kind)

    @staticmethod
    def _values_of(draft: IncidentDraft) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else moment.isoformat()

        return {
            "platform": draft.platform, "module": draft.module, "severity": draft.severity.value,
            "title": draft.title, "description": draft.description, "channel": draft.channel.value,
            "district": draft.district, "department": draft.department, "reporter": draft.reporter,
            "contact": draft.reporter_contact, "assignee": draft.assignee, "cause": draft.cause,
            "resolution": draft.resolution, "typical": draft.typical, "lesson": draft.lesson,
            "reported": iso(draft.reported_at), "responded": iso(draft.responded_at),
            "resolved": iso(draft.resolved_at), "closed": iso(draft.closed_at),
        }

    def _apply(self, values: dict[str, Any]) -> None:
        w = self.w
        self._loading = True
        for key in ("platform", "severity", "channel"):
            index = w[key].findData(values.get(key))
            if index >= 0:
                w[key].setCurrentIndex(index)
        self._fill_modules()
        for key in ("module", "district", "department"):
            w[key].setCurrentText(values.get(key) or "")
        for key, widget_key in (("title", "title"), ("reporter", "reporter"), ("contact", "contact"),
                                ("assignee", "assignee")):
            w[widget_key].setText(values.get(key) or "")
        for key in ("description", "cause", "resolution", "lesson"):
            w[key].setPlainText(values.get(key) or "")
        w["typical"].setChecked(bool(values.get("typical")))
        if values.get("reported"):
            w["reported"].setDateTime(to_qdatetime(parse_moment(values["reported"])))
        for key in ("responded", "resolved", "closed"):
            moment = values.get(key)
            w[f"{key}_check"].setChecked(bool(moment))
            w[key].setEnabled(bool(moment))
            if moment:
                w[key].setDateTime(to_qdatetime(parse_moment(moment)))
        self._loading = False

    # -- reading and checking ---------------------------------------------------------------------------------
    def draft(self) -> IncidentDraft:
        w = self.w

        def moment(key: str) -> datetime | None:
            if key != "reported" and not w[f"{key}_check"].isChecked():
                return None
            value: QDateTime = w[key].dateTime()
            return from_qdatetime(value)

        return IncidentDraft(
            platform=w["platform"].currentData() or "", severity=Severity(w["severity"].currentData()),
            title=w["title"].text(), reported_at=moment("reported") or self._now(),
            module=w["module"].currentText().strip(), district=w["district"].currentText().strip(),
            department=w["department"].currentText().strip(), reporter=w["reporter"].text(),
            reporter_contact=w["contact"].text().strip(), channel=Channel(w["channel"].currentData()),
            description=w["description"].toPlainText(), cause=w["cause"].toPlainText(),
            resolution=w["resolution"].toPlainText(), assignee=w["assignee"].text().strip(),
            responded_at=moment("responded"), resolved_at=moment("resolved"), closed_at=moment("closed"),
            typical=w["typical"].isChecked(), lesson=w["lesson"].toPlainText(),
        )

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._refusal = ""
        self._validate()

    def _validate(self) -> list[IncidentProblem]:
        draft = self.draft()
        problems = check_draft(draft, self.ctx.catalogue, self._now())
        # A write under way, or the reason the last was refused, stays said until the person edits again: the
        # calendar's read coming back after a quick Save checks the fields too.
        said = "\n".join(incident_problem_text(p) for p in problems)
        if not problems and self.saving.running:
            said = self.tr("Saving…")
        elif not problems and self._refusal:
            said = self._refusal
        self.w["problems"].setText(said)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not problems and not self.saving.running and (self.is_loaded or self.incident_id is None))
        if self._business_calendar is None:
            self.w["due"].setText(self.tr("Response due: reading the working calendar…"))
            return problems
        due = response_due(draft.severity, draft.reported_at, self._business_calendar)
        if draft.responded_at is not None:
            state = self.tr("answered in time") if draft.responded_at <= due else self.tr("answered late")
        else:
            left = due - self._now()
            state = (self.tr("%1 left").replace("%1", duration_text(left)) if left.total_seconds() >= 0
                     else self.tr("overdue by %1").replace("%1", duration_text(-left)))
        self.w["due"].setText(self.tr("Response due %1 (%2) — %3")
                              .replace("%1", format_local(due)).replace("%2", state)
                              .replace("%3", severity_hint(draft.severity)))
        return problems

    # -- saving ------------------------------------------------------------------------------------------------
    def accept(self) -> None:
        """Writes on a worker; the dialog closes once the write has committed, and stays open with the reason
        when it is refused. A second Save while one writes does nothing."""
        if self.saving.running or (self.incident_id is not None and not self.is_loaded) or self._validate():
            return
        draft, now, incident_id, shown = self.draft(), self._now(), self.incident_id, self.shown
        store, catalogue, own = self.ctx.store, self.ctx.catalogue, self.ctx.settings.working_calendar()

        def save() -> FaultChanged:
            if incident_id is None:
                return record_fault(store, own, catalogue, draft, now)
            # only what was changed here is written: a teammate's change pulled while the editor was open stays
            return edit_fault(store, own, catalogue, incident_id, draft, now, shown=shown)

        self._refusal = ""
        self.saving.start(save, self._saved_now, self._not_saved)
        self._validate()

    def _saved_now(self, saved: FaultChanged) -> None:
        self.incident_id = saved.incident_id
        self.finish_saved(saved.incident_id, saved.both_changed)

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, IncidentRejected):
            self._refusal = "\n".join(incident_problem_text(p) for p in exc.problems)
        elif isinstance(exc, StorageError):  # already says, in words, that nothing was saved
            self._refusal = str(exc)
        else:
            self._refusal = self.tr("Not saved: %1").replace("%1", str(exc))
        self._validate()

    def reject(self) -> None:
        if not self.saving.running:  # a write under way finishes first: it may already be committed
            super().reject()

    def draft_values(self) -> dict[str, Any]:
        return self._values_of(self.draft())

    def _discard_draft(self) -> None:
        self.drafts.discard(self.draft_key)
        self.draft_banner.hide()
        self._dirty = False
        if self.incident_id:  # the stored fault read again, on a worker
            store, own, incident_id = self.ctx.store, self.ctx.settings.working_calendar(), self.incident_id
            self.form.setEnabled(False)
            self.is_loaded = False
            self._loading = True
            run_in_background(lambda: _read_stored(store, own, incident_id), self._fields_read, self._not_read,
                              owner=self)
        else:
            self._load_new()
            self._validate()

    def _fields_read(self, stored: _Stored) -> None:
        if stored.draft is not None:
            self._apply(self._values_of(stored.draft))
        self.form.setEnabled(True)
        self.is_loaded = True
        self._dirty = False
        self._validate()
        self.loaded.emit()


def open_editor(ctx: AppContext, parent: QWidget, incident_id: str | None = None,
                on_saved: Callable[[str], None] | None = None, resolve: bool = False,
                prefill: dict[str, Any] | None = None, draft_key: str | None = None) -> IncidentEditor:
    """Opens the editor; `prefill` gives a new fault's first values (e.g. from a failed probe)."""
    editor = IncidentEditor(ctx, incident_id, parent, resolve=resolve, prefill=prefill, draft_key=draft_key)
    if on_saved is not None:
        editor.saved.connect(on_saved)
    editor.open()
    return editor
