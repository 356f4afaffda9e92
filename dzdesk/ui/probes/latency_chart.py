"""A target's latency over a period, drawn with QPainter: a line of mean latency, red marks where checks failed.

The series arrives already cut into a few hundred slices (`latency_series`), so a year draws as fast as a day.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dzdesk.domain.timefmt import format_local
from dzdesk.ui.theme import Token, colour
from dzdesk.ui.theme_watch import follow_scheme

Point = tuple[datetime, float | None, int, int]  # slice start, mean latency, checks, failures


def nice_ceiling(value: float) -> float:
    """The next round number at or above `value` for the axis' top: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value))) / 10
    for factor in (1, 2, 5, 10):
        if value <= factor * power:
            return factor * power
    return 10 * power


class LatencyChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Point] = []
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Latency history"))
        follow_scheme(self)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 200)

    def set_points(self, points: list[Point]) -> None:
        self.points = points
        checks = sum(p[2] for p in points)
        failures = sum(p[3] for p in points)
        self.setAccessibleDescription(self.tr("%1 checks, %2 failed").replace("%1", str(checks))
                                      .replace("%2", str(failures)))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        metrics = painter.fontMetrics()
        area = QRectF(metrics.horizontalAdvance("00000") + 8, 8, self.width() - metrics.horizontalAdvance("00000")
                      - 16, self.height() - metrics.height() - 16)
        painter.setPen(QPen(palette.mid().color()))
        painter.drawRect(area)
        if not self.points:
            painter.setPen(palette.text().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No results in this period"))
            return
        values = [p[1] for p in self.points if p[1] is not None]
        top = nice_ceiling(max(values) if values else 1.0)
        first, last = self.points[0][0], self.points[-1][0]
        span = max(1.0, (last - first).total_seconds())

        def x_of(moment: datetime) -> float:
            return area.left() + (moment - first).total_seconds() / span * area.width()

        def y_of(value: float) -> float:
            return area.bottom() - value / top * area.height()

        painter.setPen(palette.text().color())
        for fraction in (0.0, 0.5, 1.0):
            value = top * fraction
            y = y_of(value)
            painter.drawText(QRectF(0, y - metrics.height() / 2, area.left() - 4, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:.0f}")
        painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft, format_local(first)[:16])
        painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignRight, format_local(last)[:16])
        painter.drawText(QRectF(area.left() + 4, area.top() + 2, area.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft, self.tr("ms"))
        path = QPainterPath()
        drawing = False
        for moment, value, _checks, _failures in self.points:
            if value is None:
                drawing = False
                continue
            point = QPointF(x_of(moment), y_of(value))
            if drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
        painter.setPen(QPen(colour(Token.CHART_LINE), 1.5))
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour(Token.CHART_MARK))
        for moment, _value, _checks, failures in self.points:
            if failures:
                painter.drawRect(QRectF(x_of(moment) - 1.5, area.bottom() - 8, 3, 8))
