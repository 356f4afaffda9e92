"""Settings → Working calendar: business hours, and a year's holiday notice before the library has it.

On a laptop that has synced with a hub the calendar shown is the team's: a lead edits it (and, leading several
teams, chooses whose), and it reaches every laptop of the team at their next sync; anyone else sees it read-only,
with who changed what and when.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.calendar import BusinessHours, CalendarOverrides, library_years, parse_days
from dzdesk.domain.holiday_notice import NoticeReading, with_notice
from dzdesk.domain.timefmt import format_local
from dzdesk.domain.working_calendar import WorkingCalendar, setting_meaning
from dzdesk.operations.calendar import CalendarSaved, current_calendar, save_calendar
from dzdesk.store.team_calendar import CalendarInForce, CalendarNotYoursError
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.notice_dialog import NoticeDialog
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead

HISTORY_SHOWN = 50  # latest changes listed under a team's calendar


class CalendarDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, team: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.moved = 0
        self.setWindowTitle(self.tr("Working calendar"))
        self.resize(620, 600)
        # Until the calendar in force is read on a worker, the laptop's own is shown, read-only.
        self.in_force = CalendarInForce(ctx.settings.working_calendar(), None, None)
        self._team_asked = team
        known = sorted(library_years())
        intro = QLabel(self.tr(
            "Deadlines of minor and advisory faults count business hours on working days. The built-in calendar "
            "knows the State Council holiday notices of %1–%2; enter later years' notices here.")
            .replace("%1", str(known[0])).replace("%2", str(known[-1])), self)
        intro.setWordWrap(True)
        self.owner = QLabel(self)
        self.owner.setWordWrap(True)
        self.owner.setAccessibleName(self.tr("Whose calendar this is"))
        self.team_choice = QComboBox(self)
        self.team_choice.setAccessibleName(self.tr("Team"))
        self.team_choice.setVisible(False)
        self._teams: list[str] = []
        self.hours = QLineEdit(self)
        self.days_off = QPlainTextEdit(self)
        self.days_off.setPlaceholderText("2027-02-06..2027-02-13\n2027-04-05")
        self.working_days = QPlainTextEdit(self)
        self.working_days.setPlaceholderText("2027-02-14")
        self.complete_years = QLineEdit(self)
        self.complete_years.setPlaceholderText("2027")
        for edit in (self.days_off, self.working_days):
            edit.setTabChangesFocus(True)
        self.notes: dict[str, str] = {}  # the notice line of each day read from a pasted notice
        self.paste = QPushButton(icon("file-text"), self.tr("&Paste notice…"), self)
        self.paste.clicked.connect(self.paste_notice)
        self.take_own = QPushButton(self.tr("Take this laptop's &own days"), self)
        self.take_own.setToolTip(self.tr("Fills in the days and hours this laptop kept before it joined the team, "
                                         "to be saved as the team's"))
        self.take_own.clicked.connect(self.take_own_days)
        self.history = QListWidget(self)
        self.history.setAccessibleName(self.tr("Changes to the team's calendar"))
        self.history.setMaximumHeight(120)
        form = QFormLayout()
        form.addRow(self.tr("&Team"), self.team_choice)
        self._team_label = form.labelForField(self.team_choice)
        self._team_label.setVisible(False)
        form.addRow(self.tr("&Business hours"), self.hours)
        form.addRow(self.tr("Extra &days off"), self.days_off)
        form.addRow(self.tr("Adjusted &working days"), self.working_days)
        form.addRow(self.tr("&Complete years"), self.complete_years)
        actions = QHBoxLayout()
        actions.addWidget(self.paste)
        actions.addWidget(self.take_own)
        actions.addStretch(1)
        form.addRow("", actions)
        form.addRow(self.tr("C&hanges"), self.history)
        self._history_label = form.labelForField(self.history)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        themed_style(self.problem, problem_style)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.owner)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.hours, self.complete_years):
            edit.textChanged.connect(self._validate)
        for text_edit in (self.days_off, self.working_days):
            text_edit.textChanged.connect(self._validate)
        self.writing = BackgroundWrite(self, [self.buttons.button(QDialogButtonBox.StandardButton.Save)])
        self.reading = LatestRead(self, self._read_work, self._read_back, self._not_read)
        self._shown_once = False
        self._show(self.in_force, editable=False)
        self.owner.setText(self.tr("Reading the calendar in force…"))
        self.team_choice.currentIndexChanged.connect(self._choose_team)
        self.reading.request()

    @property
    def busy(self) -> bool:
        """The calendar in force is being read, or saved, on a worker."""
        return self.reading.running or self.writing.running

    def _read_work(self) -> Callable[[], CalendarInForce]:
        store, settings, team = self.ctx.store, self.ctx.settings, self._team_asked
        return lambda: current_calendar(store, settings, team)

    def _read_back(self, in_force: CalendarInForce) -> None:
        if not self._shown_once:  # the teams a lead chooses from, once
            self._shown_once = True
            account = in_force.account
            self._teams = sorted({account.team, *account.teams}) if account is not None and account.is_lead else []
            with QSignalBlocker(self.team_choice):
                self.team_choice.addItems([t or "-" for t in self._teams])
                if in_force.team in self._teams:
                    self.team_choice.setCurrentIndex(self._teams.index(in_force.team))
            for widget in (self.team_choice, self._team_label):
                widget.setVisible(len(self._teams) > 1)
        self._show(in_force)

    def _not_read(self, exc: Exception) -> None:
        self.owner.setText(self.tr("The calendar in force could not be read: %1").replace("%1", str(exc)))

    # -- what is shown ---------------------------------------------------------------------------------------------
    def _show(self, in_force: CalendarInForce, editable: bool = True) -> None:
        """Shows the calendar; `editable` False keeps it read-only whatever the account may do (while reading)."""
        self.in_force = in_force
        calendar = in_force.calendar
        self.hours.setText(calendar.hours)
        self.days_off.setPlainText("\n".join(d.isoformat() for d in sorted(calendar.days_off)))
        self.working_days.setPlainText("\n".join(d.isoformat() for d in sorted(calendar.working_days)))
        self.complete_years.setText(", ".join(str(y) for y in sorted(calendar.complete_years)))
        self.notes = {d.isoformat(): line for d, line in calendar.notes.items()}
        editable = editable and in_force.editable
        for edit in (self.hours, self.complete_years):
            edit.setReadOnly(not editable)
        for text_edit in (self.days_off, self.working_days):
            text_edit.setReadOnly(not editable)
        self.paste.setVisible(editable)
        own = self.ctx.settings.working_calendar()
        self.take_own.setVisible(editable and in_force.team is not None and own != calendar
                                 and bool(own.days_off or own.working_days or own.hours != calendar.hours))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(editable)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel") if editable else self.tr("Close"))
        self.owner.setText(self._owner_text(in_force))
        self.history.clear()
        marks = in_force.history()[:HISTORY_SHOWN]
        for mark in marks:
            line = (self.tr("%1  %2 removed %3") if mark.removed else self.tr("%1  %2 set %3"))
            self.history.addItem(line.replace("%1", format_local(mark.changed_at)).replace("%2", mark.changed_by)
                                 .replace("%3", self._setting_text(mark.key, mark.value)))
        shown = in_force.team is not None
        self.history.setVisible(shown)
        self._history_label.setVisible(shown)
        if shown and not marks:
            self.history.addItem(self.tr("No changes yet: the built-in calendar and the default hours apply."))
        self._validate()

    def _setting_text(self, key: str, value: str) -> str:
        meaning = setting_meaning(key, value)
        if meaning is None:
            return key
        if meaning.kind == "hours":
            return self.tr("business hours %1").replace("%1", meaning.hours)
        if meaning.kind == "year":
            return self.tr("%1 as complete").replace("%1", str(meaning.year))
        day = meaning.day.isoformat() if meaning.day is not None else ""
        return (self.tr("%1 as a day off") if meaning.off else self.tr("%1 as a working day")).replace("%1", day)

    def _owner_text(self, in_force: CalendarInForce) -> str:
        if in_force.team is None:
            return self.tr("This laptop's own calendar: it has not synced with a team's hub.")
        team = in_force.team or "-"
        if in_force.editable:
            return self.tr("Team %1's calendar. Saved here, it reaches every laptop of the team at their next "
                           "sync, and their deadlines move with it.").replace("%1", team)
        return self.tr("Team %1's calendar, as last synced. Only a lead of the team changes it; you can read it "
                       "here.").replace("%1", team)

    def _choose_team(self, index: int) -> None:
        if 0 <= index < len(self._teams):
            self._team_asked = self._teams[index]
            self.reading.request()

    # -- what is entered -------------------------------------------------------------------------------------------
    def _read(self) -> WorkingCalendar:
        """The calendar as entered; raises ValueError with a message naming the field."""
        try:
            hours = BusinessHours.parse(self.hours.text())
        except ValueError as exc:
            raise ValueError(self.tr("Business hours: %1").replace("%1", str(exc))) from exc
        try:
            days_off = parse_days(self.days_off.toPlainText())
        except ValueError as exc:
            raise ValueError(self.tr("Extra days off: %1").replace("%1", str(exc))) from exc
        try:
            working = parse_days(self.working_days.toPlainText())
        except ValueError as exc:
            raise ValueError(self.tr("Adjusted working days: %1").replace("%1", str(exc))) from exc
        try:
            years = sorted({int(y) for y in self.complete_years.text().replace("，", ",").split(",") if y.strip()})
        except ValueError as exc:
            raise ValueError(self.tr("Complete years: write years like 2027, 2028")) from exc
        CalendarOverrides(frozenset(days_off), frozenset(working), frozenset(years))
        listed = set(days_off) | set(working)
        notes = {date.fromisoformat(day): line for day, line in self.notes.items()
                 if date.fromisoformat(day) in listed}
        return WorkingCalendar(hours.format(), frozenset(days_off), frozenset(working), frozenset(years), notes)

    def take_own_days(self) -> None:
        """A lead whose laptop kept its own calendar before joining the team offers it as the team's."""
        own = self.ctx.settings.working_calendar()
        self.hours.setText(own.hours)
        self.days_off.setPlainText("\n".join(d.isoformat() for d in sorted(own.days_off)))
        self.working_days.setPlainText("\n".join(d.isoformat() for d in sorted(own.working_days)))
        self.complete_years.setText(", ".join(str(y) for y in sorted(own.complete_years)))
        self.notes = {d.isoformat(): line for d, line in own.notes.items()}

    def paste_notice(self) -> NoticeDialog:
        """Opens the notice reader; a year's notice replaces that year's days here, a notice that changes an earlier
        one only the days it names; either is saved with Save."""
        dialog = NoticeDialog(self)
        dialog.accepted.connect(lambda: dialog.reading is not None and self.take_notice(dialog.reading))
        dialog.open()
        return dialog

    def take_notice(self, reading: NoticeReading) -> None:
        def listed(text: str) -> list[date]:
            try:
                return parse_days(text)
            except ValueError:  # a line being typed: the notice's days replace what cannot be read yet
                return []

        years = {int(y) for y in self.complete_years.text().replace("，", ",").split(",") if y.strip().isdigit()}
        entries = with_notice(listed(self.days_off.toPlainText()), listed(self.working_days.toPlainText()), years,
                              self.notes, reading)
        self.notes = entries.notes
        self.days_off.setPlainText("\n".join(entries.days_off))
        self.working_days.setPlainText("\n".join(entries.working_days))
        self.complete_years.setText(", ".join(str(y) for y in entries.complete_years))

    def _validate(self) -> bool:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        try:
            self._read()
        except ValueError as exc:
            self.problem.setText(str(exc))
            save.setEnabled(False)
            return False
        self.problem.setText("")
        save.setEnabled(self.in_force.editable and not self.busy)
        return True

    def accept(self) -> None:
        """Saves on a worker, Save disabled meanwhile; the dialog closes once the calendar is kept and the deadlines
        moved, and stays open with the reason when it is not."""
        if self.busy or not self.in_force.editable or not self._validate():
            return
        store, settings, file, in_force, calendar = (self.ctx.store, self.ctx.settings,
                                                     self.ctx.data_dir.settings_file, self.in_force, self._read())
        self.writing.start(lambda: save_calendar(store, settings, file, in_force, calendar, datetime.now(UTC)),
                           self._saved, self._not_saved)

    def _saved(self, saved: CalendarSaved) -> None:
        self.moved = saved.moved
        self.ctx.settings = saved.settings
        super().accept()

    def _not_saved(self, exc: Exception) -> None:
        self._validate()  # Save as the fields are now (edited while it saved), then the reason it was not saved
        if isinstance(exc, CalendarNotYoursError | ValueError):
            self.problem.setText(str(exc))
        else:
            self.problem.setText(self.tr("Nothing was saved: %1").replace("%1", str(exc)))
