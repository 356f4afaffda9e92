"""The faults nearest their deadline: a list whose rows read "badge · time left · title", and the words of a
countdown ("还剩 1 小时 12 分", "已超时 3 小时").

A delegate paints the row so the severity badge keeps its colour and the countdowns line up; the item's text
holds the whole line all the same (for the keyboard, screen readers and the tests). Saying the time left again
every 30 s only changes texts: nothing is read from the database.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.reports.dashboard_data import OpenIncident
from dzdesk.ui.dashboard.card import CardList
from dzdesk.ui.labels import severity_label
from dzdesk.ui.theme import SEVERITY_TOKENS, Token, colour

IdRole = Qt.ItemDataRole.UserRole
SeverityRole = Qt.ItemDataRole.UserRole + 1
WhenRole = Qt.ItemDataRole.UserRole + 2
TitleRole = Qt.ItemDataRole.UserRole + 3
OverdueRole = Qt.ItemDataRole.UserRole + 4
GAP = 10


def span_text(delta: timedelta) -> str:
    """A span in words at the precision that matters: days and hours, hours and minutes, or minutes."""
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days and hours:
        text = QCoreApplication.translate("Countdown", "%1 d %2 h")
    elif days:
        text = QCoreApplication.translate("Countdown", "%1 d")
    elif hours and mins:
        return QCoreApplication.translate("Countdown", "%1 h %2 min").replace("%1", str(hours)).replace(
            "%2", str(mins))
    elif hours:
        return QCoreApplication.translate("Countdown", "%1 h").replace("%1", str(hours))
    else:
        return QCoreApplication.translate("Countdown", "%1 min").replace("%1", str(mins))
    return text.replace("%1", str(days)).replace("%2", str(hours))


def countdown_text(due: datetime, now: datetime) -> str:
    left = due - now
    if left.total_seconds() >= 0:
        return QCoreApplication.translate("Countdown", "%1 left").replace("%1", span_text(left))
    return QCoreApplication.translate("Countdown", "overdue by %1").replace("%1", span_text(left))


class FaultDelegate(QStyledItemDelegate):
    """Paints a fault in two lines: the severity badge in its colour and the countdown (bold, in the problem colour
    once overdue), then the title, elided. Rows without a severity (the empty state, "… and 3 more") paint as
    plain text."""

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(SeverityRole) is None:
            return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 12))
        return QSize(size.width(), 2 * option.fontMetrics.height() + 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        severity = index.data(SeverityRole)
        if severity is None:
            super().paint(painter, option, index)
            return
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        metrics = option.fontMetrics
        line = metrics.height()
        rect = option.rect.adjusted(6, 5, -6, -5)
        label = severity_label(Severity(severity))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        badge = QRect(rect.left(), rect.top(), metrics.horizontalAdvance(label) + 12, line + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour(SEVERITY_TOKENS[Severity(severity)]))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(colour(Token.TEXT_ON_ACCENT))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = option.palette.highlightedText().color() if selected else option.palette.text().color()
        overdue = bool(index.data(OverdueRole))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour(Token.TEXT_PROBLEM) if overdue and not selected else text_colour)
        when = QRect(badge.right() + GAP, badge.top(), rect.right() - badge.right() - GAP, badge.height())
        painter.drawText(when, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, index.data(WhenRole))
        painter.setFont(option.font)
        painter.setPen(text_colour)
        title = QRect(rect.left(), badge.bottom() + 4, rect.width(), line)
        painter.drawText(title, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(index.data(TitleRole), Qt.TextElideMode.ElideRight, title.width()))
        painter.restore()


class FaultList(CardList):
    """The first faults by deadline; `tell` says their time left again from the data at hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(150, parent)
        self.setItemDelegate(FaultDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._faults: list[OpenIncident] = []

    def show_faults(self, faults: list[OpenIncident], now: datetime, empty: str, more: str) -> None:
        """The rows for `faults`; `empty` when there are none, `more` (if any) after them."""
        self.clear()
        self._faults = list(faults)
        for fault in faults:
            item = QListWidgetItem()
            item.setData(IdRole, fault.id)
            item.setData(SeverityRole, fault.severity.value)
            item.setData(TitleRole, fault.title)
            item.setToolTip(QCoreApplication.translate("Countdown", "Respond by %1").replace(
                "%1", format_local(fault.response_due)))
            self.addItem(item)
        if not faults:
            self.addItem(empty)
        elif more:
            self.addItem(more)
        self.tell(now)

    def tell(self, now: datetime) -> int:
        """Says each fault's time left as of `now`; returns how many of them are overdue."""
        overdue = 0
        for row, fault in enumerate(self._faults):
            item = self.item(row)
            when = countdown_text(fault.response_due, now)
            late = fault.response_due < now
            overdue += late
            item.setData(WhenRole, when)
            item.setData(OverdueRole, late)
            item.setText(f"{when}　{severity_label(fault.severity)}　{fault.title}")
        return overdue
