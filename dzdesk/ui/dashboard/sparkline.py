"""A sparkline: a rate's last months as a small line against its commitment, painted with QPainter.

A chart library would be 150 MB (QtCharts is in PySide6-Addons) for twelve points; a line, a dashed goal and a
mark on the months below it say what a lead needs: is the trend holding, and which months missed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dzdesk.ui.theme import Token, colour

MARGIN = 4.0


class Sparkline(QWidget):
    """`values` oldest first, each 0–1 or None (a month with nothing to count: a gap in the line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float | None] = []
        self.goal: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(90)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(140, max(28, self.fontMetrics().height() + 10))

    def set_values(self, values: Sequence[float | None], goal: float | None = None) -> None:
        self.values, self.goal = list(values), goal
        self.update()

    def _range(self) -> tuple[float, float]:
        known = [v for v in self.values if v is not None]
        low = min([*known, *([self.goal] if self.goal is not None else [])], default=0.0)
        high = max([*known, *([self.goal] if self.goal is not None else [])], default=1.0)
        if high - low < 0.05:  # a flat line drawn in the middle rather than a magnified wobble
            low, high = low - 0.025, high + 0.025
        return low, high

    def points(self) -> list[QPointF | None]:
        """Where each month is drawn (None for a gap): also what the tests read."""
        if not self.values:
            return []
        low, high = self._range()
        width, height = self.width() - 2 * MARGIN, self.height() - 2 * MARGIN
        step = width / max(len(self.values) - 1, 1)
        return [None if v is None else
                QPointF(MARGIN + i * step, MARGIN + (high - v) / (high - low) * height)
                for i, v in enumerate(self.values)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        points = self.points()
        if not points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        low, high = self._range()
        if self.goal is not None:
            pen = QPen(colour(Token.CHART_GRID), 1.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = MARGIN + (high - self.goal) / (high - low) * (self.height() - 2 * MARGIN)
            painter.drawLine(QPointF(MARGIN, y), QPointF(self.width() - MARGIN, y))
        path, drawing = QPainterPath(), False
        for point in points:
            if point is None:
                drawing = False
            elif drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
        painter.setPen(QPen(colour(Token.CHART_LINE), 1.6))
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for value, point in zip(self.values, points, strict=True):
            if point is None or value is None:
                continue
            missed = self.goal is not None and value < self.goal - 1e-12
            if missed or point is points[-1]:
                painter.setBrush(colour(Token.CHART_MARK if missed else Token.CHART_LINE))
                painter.drawEllipse(point, 2.6, 2.6)
        painter.end()
