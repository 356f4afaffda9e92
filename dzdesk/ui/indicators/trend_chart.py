"""One indicator over the last year, a line per area; the chosen district drawn bold so its course stands out."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dzdesk.ui.probes.latency_chart import nice_ceiling
from dzdesk.ui.theme import Token, colour
from dzdesk.ui.theme_watch import follow_scheme


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.series: dict[str, dict[str, float | None]] = {}
        self.months: list[str] = []
        self.highlight: str | None = None
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Indicator trend"))
        follow_scheme(self)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 220)

    def set_series(self, title: str, series: dict[str, dict[str, float | None]], months: list[str],
                   highlight: str | None = None) -> None:
        self.title, self.series, self.months, self.highlight = title, series, months, highlight
        self.setAccessibleDescription(title)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance("00000") + 8
        area = QRectF(left, metrics.height() + 8, self.width() - left - 12, self.height() - 2 * metrics.height() - 20)
        painter.setPen(palette.text().color())
        painter.drawText(QRectF(left, 2, area.width(), metrics.height() + 4), Qt.AlignmentFlag.AlignLeft,
                         self.title + (f" · {self.highlight}" if self.highlight else ""))
        painter.setPen(QPen(palette.mid().color()))
        painter.drawRect(area)
        values = [v for points in self.series.values() for m, v in points.items() if v is not None and m in self.months]
        if not values or len(self.months) < 2:
            painter.setPen(palette.text().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No figures for these months"))
            return
        low, high = min(values), nice_ceiling(max(values))
        low = 0.0 if low > 0 and low < high / 3 else low * 0.95
        span = max(1e-9, high - low)

        def point(index: int, value: float) -> QPointF:
            return QPointF(area.left() + index / (len(self.months) - 1) * area.width(),
                           area.bottom() - (value - low) / span * area.height())

        painter.setPen(palette.text().color())
        for value in (low, (low + high) / 2, high):
            y = area.bottom() - (value - low) / span * area.height()
            painter.drawText(QRectF(0, y - metrics.height() / 2, left - 4, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:.0f}")
        label_width = metrics.horizontalAdvance("0000-00") + 4
        for index, align in ((0, Qt.AlignmentFlag.AlignLeft), (len(self.months) // 2, Qt.AlignmentFlag.AlignHCenter),
                             (len(self.months) - 1, Qt.AlignmentFlag.AlignRight)):
            x = area.left() + index / (len(self.months) - 1) * area.width()
            box_left = {Qt.AlignmentFlag.AlignLeft: x, Qt.AlignmentFlag.AlignHCenter: x - label_width / 2,
                        Qt.AlignmentFlag.AlignRight: x - label_width}[align]
            painter.drawText(QRectF(box_left, area.bottom() + 4, label_width, metrics.height()), align,
                             self.months[index])
        for name, points in sorted(self.series.items(), key=lambda item: item[0] == self.highlight):
            chosen = name == self.highlight
            pen = colour(Token.CHART_MARK if chosen else Token.CHART_LINE)
            pen.setAlpha(255 if chosen or self.highlight is None else 90)
            painter.setPen(QPen(pen, 2.5 if chosen else 1.0))
            path = QPainterPath()
            started = False
            for index, month in enumerate(self.months):
                value = points.get(month)
                if value is None:
                    started = False
                    continue
                if started:
                    path.lineTo(point(index, value))
                else:
                    path.moveTo(point(index, value))
                    started = True
            painter.drawPath(path)
