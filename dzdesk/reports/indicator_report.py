"""The monthly indicator analysis report (审批指标分析月报): the comparison table with flags, a chart per indicator
across the areas, and the flagged changes with the team's notes. Also the chapter the annual report includes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table
from sqlalchemy.orm import Session

from dzdesk.domain.indicators import Cell, FlagKind, Indicator, format_value
from dzdesk.reports.charts import bar_chart
from dzdesk.reports.pdf_base import (
    LINE,
    MARGIN,
    PAGE,
    SHADE,
    build_pdf,
    clean_text,
    generated_note,
    markup,
    para,
    table_style,
)
from dzdesk.store.indicator_repo import month_cells, notes

WIDTH = PAGE[0] - 2 * MARGIN
FLAG_FILL = colors.HexColor("#f8d7d5")


@dataclass(frozen=True)
class FlagLine:
    area: str
    indicator: str
    value: str
    change: str
    kinds: str
    cause: str
    action: str


@dataclass
class IndicatorMonth:
    month: str
    areas: list[str]
    cells: dict[str, list[Cell]]  # indicator code → a cell per area
    flags: list[FlagLine]

    @property
    def has_data(self) -> bool:
        return any(cell.value is not None for column in self.cells.values() for cell in column)


def gather_indicator_month(session: Session, month: str, areas: list[str]) -> IndicatorMonth:
    cells = month_cells(session, month, areas)
    month_notes = notes(session, month)
    flags = []
    for code, column in cells.items():
        for cell in column:
            if not cell.flags:
                continue
            written = [month_notes.get((cell.area, code, str(kind))) for kind in cell.flags]
            cause = "；".join(n.cause for n in written if n is not None and n.cause)
            action = "；".join(n.action for n in written if n is not None and n.action)
            change = "—" if cell.mom_pct is None else f"{cell.mom_pct:+.1f}%"
            flags.append(FlagLine(cell.area, cell.indicator.name, format_value(cell.value, cell.indicator.unit),
                                  change, "、".join(FlagKind(k).label_zh for k in cell.flags), cause, action))
    return IndicatorMonth(month, areas, cells, flags)


def _name(indicator: Indicator) -> str:
    """An indicator's name and unit as markup: the name is the team's own text, so it is escaped."""
    return f"{escape(clean_text(indicator.name))}（{indicator.unit.value}）"


def comparison_table(data: IndicatorMonth) -> Table:
    codes = list(data.cells)
    header = ["区县", *[_name(data.cells[c][0].indicator) for c in codes]]
    rows, shaded = [], []
    for row_index, area in enumerate(data.areas, 1):
        row = [area]
        for column_index, code in enumerate(codes, 1):
            cell = data.cells[code][row_index - 1]
            text = format_value(cell.value, cell.indicator.unit)
            if cell.rank is not None:
                text += f" ({cell.rank})"
            row.append(text)
            if cell.flags:
                shaded.append((column_index, row_index))
        rows.append(row)
    target_row = ["目标值", *[format_value(data.cells[c][0].indicator.target, data.cells[c][0].indicator.unit)
                             if data.cells[c][0].indicator.target is not None else "—" for c in codes]]
    rows.append(target_row)
    widths = [24 * mm] + [(WIDTH - 24 * mm) / max(1, len(codes))] * len(codes)
    table = Table([[markup(h, "label") for h in header], *[[para(c, "cell") for c in r] for r in rows]],
                  colWidths=widths, repeatRows=1, splitInRow=1)
    commands = [("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    commands += [("BACKGROUND", position, position, FLAG_FILL) for position in shaded]
    table.setStyle(table_style(*commands))
    return table


def flag_table(data: IndicatorMonth) -> Table:
    rows = [[f.area, f.indicator, f.value, f.change, f.kinds, f.cause or "（待填写）", f.action or "（待填写）"]
            for f in data.flags]
    table = Table([[markup(h, "label") for h in ("区县", "指标", "本月", "环比", "标记", "原因", "措施")],
                   *[[para(c, "cell") for c in r] for r in rows]],
                  colWidths=[20 * mm, 24 * mm, 16 * mm, 15 * mm, 24 * mm, (WIDTH - 99 * mm) / 2,
                             (WIDTH - 99 * mm) / 2], repeatRows=1, splitInRow=1)  # a long note goes on
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def indicator_sections(data: IndicatorMonth, heading_style: str = "heading", section_style: str = "label",
                       charts: bool = True) -> list[Flowable]:
    """The comparison, the charts and the flags; used alone and as a chapter of the annual report."""
    if not data.has_data:
        return [para(f"{data.month} 没有指标数据。")]
    parts: list[Flowable] = [markup("指标对比（括号内为区县排名，红色底纹为有标记的指标）", section_style),
                             comparison_table(data), Spacer(1, 4 * mm),
                             markup("异常标记与分析", heading_style)]
    parts.append(flag_table(data) if data.flags else para("本月没有指标被标记。"))
    if not charts:
        return parts
    heading: list[Flowable] = [markup("各指标区县分布", heading_style)]
    for column in data.cells.values():
        indicator = column[0].indicator
        chart = bar_chart([(c.area, c.value) for c in column if c.value is not None], WIDTH, bar_height=4.2 * mm)
        if chart is not None:
            parts.append(KeepTogether([*heading, markup(_name(indicator), section_style), chart]))
            heading = []
    return parts


def render_indicator_report(data: IndicatorMonth, now: datetime, target: Path) -> Path:
    year, month = data.month.split("-")
    title = f"{year} 年 {int(month)} 月工程建设项目审批指标分析报告"
    story: list[Flowable] = [markup(title, "title"), markup("达州市本级及各区县", "subtitle"), Spacer(1, 6 * mm),
                             *indicator_sections(data)]
    return build_pdf(story, target, title, f"{title} · {generated_note(now)}")
