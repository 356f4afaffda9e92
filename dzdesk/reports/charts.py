"""Charts for the reports, drawn with reportlab's own graphics in the embedded font.

Each function returns None when there is nothing to draw: a report says "none" in words rather than showing an
empty frame with axes.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from dzdesk.reports.pdf_base import register_font

PALETTE = (colors.HexColor("#1f5fa8"), colors.HexColor("#c0504d"), colors.HexColor("#e0a030"),
           colors.HexColor("#4f8f3a"), colors.HexColor("#7f5fa8"), colors.HexColor("#3fa0b0"))


def _step(maximum: float) -> float:
    """A readable axis step giving about five gridlines."""
    if maximum <= 5:
        return 1
    raw = maximum / 5
    power = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def column_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], width: float,
                 height: float = 60 * mm, stacked: bool = False) -> Drawing | None:
    """Columns per label, one colour per series (stacked when asked), with a legend for several series."""
    if not labels or not any(any(values) for _name, values in series):
        return None
    font = register_font()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    legend_room = 8 * mm if len(series) > 1 else 0
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 16 * mm, height - 18 * mm - legend_room
    chart.data = [list(values) for _name, values in series]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 8 else "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max(sum(column) for column in zip(*chart.data, strict=True)) if stacked else \
        max(max(values) for values in chart.data)
    chart.valueAxis.valueStep = _step(top)
    chart.valueAxis.valueMax = top + chart.valueAxis.valueStep * 0.5
    chart.categoryAxis.style = "stacked" if stacked else "parallel"
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    chart.barLabelFormat = None if stacked or len(series) > 1 else "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 5
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(_legend([name for name, _values in series], width, height))
    return drawing


def bar_chart(items: Sequence[tuple[str, float]], width: float, bar_height: float = 5.5 * mm) -> Drawing | None:
    """Horizontal bars, largest first, for long category names (modules, districts, departments)."""
    items = [(label, value) for label, value in items if value]
    if not items:
        return None
    font = register_font()
    height = bar_height * len(items) + 14 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 40 * mm, 8 * mm
    chart.width, chart.height = width - 48 * mm, bar_height * len(items)
    ordered = list(reversed(items))  # reportlab draws the first category at the bottom
    chart.data = [[value for _label, value in ordered]]
    chart.categoryAxis.categoryNames = [label for label, _value in ordered]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max(value for _label, value in items)
    chart.valueAxis.valueStep = _step(top)
    chart.valueAxis.valueMax = top + chart.valueAxis.valueStep * 0.5
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _legend(names: Sequence[str], width: float, height: float) -> Legend:
    legend = Legend()
    legend.fontName, legend.fontSize = register_font(), 8
    legend.x, legend.y = 12 * mm, height - 2 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = max(24 * mm, width / max(1, len(names)) - 4 * mm)
    legend.dxTextSpace = 3
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name) for i, name in enumerate(names)]
    return legend
