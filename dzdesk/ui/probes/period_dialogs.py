"""Asking for a period: for the raw-results export, and for the health report with the engineer's own words."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dzdesk.drafts import DraftStore
from dzdesk.ui.drafted_dialog import DraftedDialog
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style


def _date_edit(value: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


class PeriodDialog(DraftedDialog):
    """From and to days (both included); subclasses add fields. Closing unsaved keeps what was typed."""

    def __init__(self, drafts: DraftStore, draft_key: str, first: date, last: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(drafts, draft_key, parent)
        self.first = _date_edit(first, self)
        self.last = _date_edit(last, self)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&From"), self.first)
        self.form.addRow(self.tr("&To"), self.last)
        self.problem = QLabel(self)
        themed_style(self.problem, problem_style)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._changed)

    def _changed(self) -> None:
        self._dirty = True
        ok = self.period()[0] <= self.period()[1]
        self.problem.setText("" if ok else self.tr("The period ends before it starts."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def period(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()

    def keeps_drafts(self) -> bool:
        return False

    def draft_values(self) -> dict[str, Any]:
        return {}

    def accept(self) -> None:
        first, last = self.period()
        if first > last:
            return
        self.drafts.discard(self.draft_key)
        self._dirty = False
        super(DraftedDialog, self).accept()


class ExportResultsDialog(PeriodDialog):
    def __init__(self, drafts: DraftStore, today: date, parent: QWidget | None = None) -> None:
        super().__init__(drafts, "probe-export", date(today.year, today.month, 1), today, parent)
        self.setWindowTitle(self.tr("Export probe results"))


class HealthReportDialog(PeriodDialog):
    """The period and the engineer's findings and recommendations, kept as a draft if the dialog is closed."""

    def __init__(self, drafts: DraftStore, today: date, parent: QWidget | None = None) -> None:
        quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        super().__init__(drafts, "health-report", quarter_start, today, parent)
        self.setWindowTitle(self.tr("Health-evaluation report"))
        self.resize(620, 520)
        self.findings = QPlainTextEdit(self)
        self.findings.setPlaceholderText(self.tr("What the inspection found: recurring faults, slow subsystems, "
                                                 "capacity, security…"))
        self.recommendations = QPlainTextEdit(self)
        self.recommendations.setPlaceholderText(self.tr("What the bureau or the team should do next."))
        for edit in (self.findings, self.recommendations):
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._changed)
        self.form.addRow(self.tr("F&indings"), self.findings)
        self.form.addRow(self.tr("&Recommendations"), self.recommendations)
        self.sign = QCheckBox(self.tr("&Sign it with the team's certificate (a lead issues it)"), self)
        self.form.addRow("", self.sign)
        draft = drafts.load(self.draft_key)
        if draft:
            self.findings.setPlainText(str(draft.get("findings", "")))
            self.recommendations.setPlainText(str(draft.get("recommendations", "")))
            self._dirty = False

    def keeps_drafts(self) -> bool:
        return True

    def draft_values(self) -> dict[str, Any]:
        return {"findings": self.findings.toPlainText(), "recommendations": self.recommendations.toPlainText()}

    def accept(self) -> None:
        # The text is kept until the report is written: a failed render must not lose an hour of writing.
        first, last = self.period()
        if first > last:
            return
        self.drafts.save(self.draft_key, self.draft_values())
        self._dirty = False
        super(DraftedDialog, self).accept()
