"""Settings → Working calendar → Paste notice: the State Council's text read as published, previewed as a calendar
of the year (days off, make-up working days, each with its line) before anything is taken."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QBrush, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.holiday_notice import NoticeReading, read_notice
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.theme import Token, colour, problem_style
from dzdesk.ui.theme_watch import follow_scheme, themed_style


class NoticeDialog(QDialog):
    """Accepted only with a notice read whole: `reading` then holds every day it names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste the holiday notice"))
        self.resize(900, 560)
        self.reading: NoticeReading | None = None
        intro = QLabel(self.tr("Paste the State Council's notice (国务院办公厅关于…年部分节假日安排的通知) as "
                               "published. Nothing is applied until every line is read."), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("一、元旦：1月1日（周五）至3日（周日）放假，共3天。")
        self.text.setAccessibleName(self.tr("Notice text"))
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(self.tr("Preview of the year"))
        self.days = QTableWidget(0, 3, self)
        self.days.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Off or working"), self.tr("Line")])
        header = self.days.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        self.days.verticalHeader().hide()
        self.days.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.days.setWordWrap(False)
        self.days.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.days.setAccessibleName(self.tr("Days the notice names"))
        self.days.cellClicked.connect(self._show_day)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        themed_style(self.problem, problem_style)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use these days"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        preview = QVBoxLayout()
        preview.addWidget(self.calendar)
        preview.addWidget(self.days, 1)
        body = QHBoxLayout()
        body.addWidget(self.text, 1)
        body.addLayout(preview, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._read)
        self.text.textChanged.connect(self._debounce.start)
        follow_scheme(self, self._read)  # the calendar's marks keep the brushes they were given
        self._read()

    def set_text(self, text: str) -> None:
        self.text.setPlainText(text)
        self._read()

    def _read(self) -> None:
        text = self.text.toPlainText()
        reading = read_notice(text) if text.strip() else None
        self.reading = reading if reading is not None and reading.ok else None
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every earlier mark
        self.days.setRowCount(0)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.reading is not None)
        if reading is None:
            self.problem.setText("")
            return
        for entry in reading.days:
            mark = QTextCharFormat()
            mark.setBackground(QBrush(colour(Token.TINT_OFF if entry.off else Token.TINT_INFO)))
            mark.setForeground(QBrush(colour(Token.TEXT_ON_TINT)))
            mark.setToolTip(entry.line)
            self.calendar.setDateTextFormat(_qdate(entry.day), mark)
            row = self.days.rowCount()
            self.days.insertRow(row)
            for column, value in enumerate((entry.day.isoformat(),
                                            self.tr("off") if entry.off else self.tr("working"), entry.line)):
                cell = QTableWidgetItem(value)
                cell.setToolTip(entry.line)
                self.days.setItem(row, column, cell)
        if reading.days:
            self.calendar.setSelectedDate(_qdate(reading.days[0].day))
        lines = []
        for problem in reading.problems:
            where = self.tr("Line %1: “%2”: ").replace("%1", str(problem.line_number)).replace(
                "%2", problem.line) if problem.line_number else ""
            lines.append(where + problem.why)
        if lines:
            lines.append(self.tr("Nothing will be applied until every line is read."))
        elif reading.year is not None:
            lines.append(self.tr("%1: %2 days off, %3 make-up working days.").replace("%1", str(reading.year))
                         .replace("%2", str(len(reading.days_off))).replace("%3", str(len(reading.working_days))))
            lines.append(self.tr("A notice that changes an earlier one: only the days it names change.")
                         if reading.supplement else
                         self.tr("The year's notice: it replaces every day of %1 entered before.")
                         .replace("%1", str(reading.year)))
        themed_style(self.problem, problem_style, bool(reading.problems))
        self.problem.setText("\n".join(lines))

    def _show_day(self, row: int, _column: int) -> None:
        item = self.days.item(row, 0)
        if item is not None:
            self.calendar.setSelectedDate(_qdate(date.fromisoformat(item.text())))

    def accept(self) -> None:
        self._read()
        if self.reading is not None:
            super().accept()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
