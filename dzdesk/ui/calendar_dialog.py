"""Settings → Working calendar: business hours, and a year's holiday notice before the library has it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.config import Settings
from dzdesk.domain.calendar import BusinessHours, CalendarOverrides, library_years, parse_days
from dzdesk.domain.holiday_notice import NoticeReading, with_notice
from dzdesk.store.incident_repo import recompute_deadlines
from dzdesk.ui.context import AppContext
from dzdesk.ui.notice_dialog import NoticeDialog


class CalendarDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Working calendar"))
        self.resize(560, 520)
        settings = ctx.settings
        known = sorted(library_years())
        intro = QLabel(self.tr(
            "Deadlines of minor and advisory faults count business hours on working days. The built-in calendar "
            "knows the State Council holiday notices of %1–%2; enter later years' notices here.")
            .replace("%1", str(known[0])).replace("%2", str(known[-1])), self)
        intro.setWordWrap(True)
        self.hours = QLineEdit(settings.business_hours, self)
        self.days_off = QPlainTextEdit("\n".join(settings.extra_days_off), self)
        self.days_off.setPlaceholderText("2027-02-06..2027-02-13\n2027-04-05")
        self.working_days = QPlainTextEdit("\n".join(settings.extra_working_days), self)
        self.working_days.setPlaceholderText("2027-02-14")
        self.complete_years = QLineEdit(", ".join(str(y) for y in settings.complete_years), self)
        self.complete_years.setPlaceholderText("2027")
        for edit in (self.days_off, self.working_days):
            edit.setTabChangesFocus(True)
        self.notes = dict(settings.day_notes)  # the notice line of each day read from a pasted notice
        self.paste = QPushButton(self.tr("&Paste notice…"), self)
        self.paste.clicked.connect(self.paste_notice)
        form = QFormLayout()
        form.addRow(self.tr("&Business hours"), self.hours)
        form.addRow(self.tr("Extra &days off"), self.days_off)
        form.addRow(self.tr("Adjusted &working days"), self.working_days)
        form.addRow(self.tr("&Complete years"), self.complete_years)
        form.addRow("", self.paste)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.hours, self.complete_years):
            edit.textChanged.connect(self._validate)
        for text_edit in (self.days_off, self.working_days):
            text_edit.textChanged.connect(self._validate)
        self._validate()

    def _read(self) -> Settings:
        """The settings as entered; raises ValueError with a message naming the field."""
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
        listed = {d.isoformat() for d in (*days_off, *working)}
        return replace(self.ctx.settings, business_hours=hours.format(),
                       extra_days_off=[d.isoformat() for d in days_off],
                       extra_working_days=[d.isoformat() for d in working], complete_years=years,
                       day_notes={day: line for day, line in sorted(self.notes.items()) if day in listed})

    def paste_notice(self) -> NoticeDialog:
        """Opens the notice reader; its days replace those of its year here, to be saved with Save."""
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
        try:
            self._read()
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return False
        self.problem.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        return True

    def accept(self) -> None:
        if not self._validate():
            return
        updated = self._read()
        with self.ctx.store.transaction() as session:
            self.moved = recompute_deadlines(session, updated.calendar())
        self.ctx.settings = updated
        self.ctx.save_settings()
        super().accept()
