"""The indicators page (指标): a district × indicator grid for a month with flags coloured, typed into directly
or imported from an export; a trend chart of the chosen indicator across the areas; one district's history; and
the team's note on each flag."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.indicators import BadValueError, Cell, FlagKind, Indicator, format_value, parse_value
from dzdesk.domain.timefmt import to_local
from dzdesk.operations.indicators import ensure_indicator_defaults, note_flags, set_figure
from dzdesk.reports.indicator_report import gather_indicator_month, render_indicator_report
from dzdesk.reports.tabular import ExportError, export_sheets
from dzdesk.store.indicator_repo import definitions, history, month_cells, notes, shift_month
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.indicators.import_dialog import IndicatorImportDialog
from dzdesk.ui.indicators.trend_chart import TrendChart
from dzdesk.ui.labels import enum_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.pdf_output import open_in_viewer
from dzdesk.ui.theme import Token, colour, problem_style
from dzdesk.ui.theme_watch import follow_scheme, themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead

FLAG_TOKEN = Token.TINT_FLAG
CellRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class CellRead:
    """What the side of the page shows for the selected cell, read on a worker."""

    indicator: Indicator | None
    area: str | None
    month: str
    points: list[tuple[str, str, float | None]]
    notes: dict[tuple[str, str, str], Any]


def flag_label(kind: FlagKind) -> str:
    return enum_label(FlagKind(kind))


class IndicatorsPage(QWidget):
    SHOWS = frozenset({"indicator_definitions", "indicator_values", "indicator_notes"})
    records_changed = Signal()
    message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self.areas = list(ctx.catalogue.districts)
        self.dialog: QWidget | None = None
        self._filling = False
        self._defaults_added = False  # the default indicators are added before the first read of the grid
        self.indicators: list[Indicator] = []
        self.cells: dict[str, list[Cell]] = {}
        self._keep_cell: tuple[int, int] | None = None  # the cell to select again once the grid is read again
        self._saves: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]]] = []
        self.month = QComboBox(self)
        local = to_local(self._now())
        this_month = f"{local.year:04d}-{local.month:02d}"
        for back in range(25):
            self.month.addItem(shift_month(this_month, -back))
        self.month.setCurrentIndex(1)  # last month: the figures of this one are not out yet
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Month"), self, buddy=self.month))
        top.addWidget(self.month)
        top.addStretch(1)
        for text, slot, name in ((self.tr("&Import…"), self.import_file, "upload"),
                                 (self.tr("E&xport grid…"), self.export_grid, "file-export"),
                                 (self.tr("Analysis &report…"), self.write_report, "file-text"),
                                 (self.tr("District &history…"), self.show_history, "history")):
            button = QPushButton(icon(name), text, self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            top.addWidget(button)
        self.grid = QTableWidget(self)
        self.grid.setAccessibleName(self.tr("Indicator grid"))
        # The indicators share the page's width, each at least as wide as its contents: no empty band at the right.
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.itemChanged.connect(self._edited)
        self.grid.currentCellChanged.connect(lambda row, column, _r, _c: self._cell_selected(row, column))
        self.problem = QLabel(self)
        themed_style(self.problem, problem_style)
        self.chart = TrendChart(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.cause = QPlainTextEdit(self)
        self.cause.setPlaceholderText(self.tr("Cause of the flagged change"))
        self.action = QPlainTextEdit(self)
        self.action.setPlaceholderText(self.tr("What the team does about it"))
        for edit in (self.cause, self.action):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(80)
        self.save_note_button = QPushButton(icon("device-floppy"), self.tr("Save the &note"), self)
        self.save_note_button.clicked.connect(self.save_current_note)
        side = QWidget(self)
        side_layout = QHBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.chart, 3)
        note_column = QVBoxLayout()
        note_column.addWidget(self.detail)
        note_form = QFormLayout()
        note_form.addRow(self.tr("Cause"), self.cause)
        note_form.addRow(self.tr("Action"), self.action)
        note_column.addLayout(note_form)
        note_column.addWidget(self.save_note_button, 0, Qt.AlignmentFlag.AlignRight)
        note_column.addStretch(1)
        side_layout.addLayout(note_column, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        follow_scheme(self, self._scheme_changed)
        self.grid_read = LatestRead(self, self._grid_work, self._show_grid, self._not_read)
        self.cell_read = LatestRead(self, self._cell_work, self._show_cell, self._not_read)
        self.writing = BackgroundWrite(self, [self.save_note_button])
        self.reload()

    # -- the grid -----------------------------------------------------------------------------------------------
    def current_month(self) -> str:
        return self.month.currentText()

    @property
    def busy(self) -> bool:
        """The grid or the selected cell's history is being read, or a figure or note saved, on a worker."""
        return self.grid_read.running or self.cell_read.running or self.writing.running

    def reload(self) -> None:
        """Reads the month's grid again on a worker (the first time adding the default indicators)."""
        self.grid_read.request()

    def _grid_work(self) -> Callable[[], tuple[list[Indicator], dict[str, list[Cell]]]]:
        store, month, areas, defaults = self.ctx.store, self.current_month(), list(self.areas), not self._defaults_added

        def work() -> tuple[list[Indicator], dict[str, list[Cell]]]:
            if defaults:
                ensure_indicator_defaults(store)
            with store.session() as session:
                return definitions(session), month_cells(session, month, areas)

        return work

    def _not_read(self, exc: Exception) -> None:
        self.problem.setText(self.tr("The figures could not be read: %1").replace("%1", str(exc)))

    def _show_grid(self, read: tuple[list[Indicator], dict[str, list[Cell]]]) -> None:
        self._defaults_added = True
        self.indicators, self.cells = read
        keep, self._keep_cell = self._keep_cell, None
        self._filling = True
        self.grid.clear()
        self.grid.setRowCount(len(self.areas))
        self.grid.setColumnCount(len(self.indicators))
        self.grid.setVerticalHeaderLabels(self.areas)
        self.grid.setHorizontalHeaderLabels([f"{i.name}（{i.unit.value}）" for i in self.indicators])
        for column, indicator in enumerate(self.indicators):
            for row, cell in enumerate(self.cells.get(indicator.code, [])):
                item = QTableWidgetItem("" if cell.value is None else format_value(cell.value, indicator.unit))
                item.setData(CellRole, cell)
                item.setToolTip(self._describe(cell))
                self._paint_flag(item, cell)
                self.grid.setItem(row, column, item)
        self.grid.resizeColumnsToContents()
        if keep is not None:
            self.grid.setCurrentCell(*keep)
        self._filling = False
        if self.grid.currentRow() < 0 and self.areas and self.indicators:
            self.grid.setCurrentCell(0, 0)
        self._cell_selected(self.grid.currentRow(), self.grid.currentColumn())

    @staticmethod
    def _paint_flag(item: QTableWidgetItem, cell: Cell) -> None:
        """A flagged figure on the flag tint, its text in the colour that reads on the tint in either scheme."""
        if cell.flags:
            item.setBackground(QBrush(colour(FLAG_TOKEN)))
            item.setForeground(QBrush(colour(Token.TEXT_ON_TINT)))

    def _scheme_changed(self) -> None:
        """The items keep the brushes they were given: give them the new scheme's."""
        filling, self._filling = self._filling, True
        for row in range(self.grid.rowCount()):
            for column in range(self.grid.columnCount()):
                item = self.grid.item(row, column)
                cell = None if item is None else item.data(CellRole)
                if item is not None and cell is not None:
                    self._paint_flag(item, cell)
        self._filling = filling

    def _describe(self, cell: Cell) -> str:
        parts = []
        if cell.mom_pct is not None:
            parts.append(self.tr("month on month %1%").replace("%1", f"{cell.mom_pct:+.1f}"))
        if cell.yoy_pct is not None:
            parts.append(self.tr("year on year %1%").replace("%1", f"{cell.yoy_pct:+.1f}"))
        if cell.rank is not None:
            parts.append(self.tr("rank %1 of %2").replace("%1", str(cell.rank)).replace("%2", str(cell.ranked)))
        if cell.to_target is not None:
            parts.append(self.tr("%1 from the target").replace("%1", f"{cell.to_target:+.1f}"))
        parts.extend(flag_label(kind) for kind in cell.flags)
        return "; ".join(parts)

    def _edited(self, item: QTableWidgetItem) -> None:
        """Typing a figure saves it at once on a worker (an empty cell removes it); a figure that is not a number
        is refused."""
        if self._filling:
            return
        indicator = self.indicators[item.column()]
        area = self.areas[item.row()]
        row, column = item.row(), item.column()
        try:
            value = parse_value(item.text(), indicator.unit)
        except BadValueError as exc:
            self.problem.setText(self.tr("%1, %2: %3").replace("%1", area).replace("%2", indicator.name)
                                 .replace("%3", str(exc)))
            self._keep_cell = (row, column)
            self.reload()
            return
        self.problem.clear()
        store, month = self.ctx.store, self.current_month()

        def saved(_summary: object) -> None:
            self.records_changed.emit()
            self._keep_cell = (row, column)
            self.reload()

        def not_saved(exc: Exception) -> None:
            self.problem.setText(self.tr("%1, %2 was not saved: %3").replace("%1", area).replace(
                "%2", indicator.name).replace("%3", str(exc)))
            self._keep_cell = (row, column)
            self.reload()

        self._saves.append((lambda: set_figure(store, month, area, indicator.code, value), saved, not_saved))
        self._next_save()

    def _next_save(self) -> None:
        """Figures typed one after another are saved in the order they were typed, one write at a time."""
        if self._saves and not self.writing.running:
            work, saved, not_saved = self._saves.pop(0)

            def then(callback: Callable[[Any], None]) -> Callable[[Any], None]:
                def run(value: Any) -> None:
                    callback(value)
                    self._next_save()
                return run

            self.writing.start(work, then(saved), then(not_saved))

    def selected_cell(self) -> Cell | None:
        item = self.grid.currentItem()
        return None if item is None else item.data(CellRole)

    def _cell_selected(self, row: int, column: int) -> None:
        if not (0 <= column < len(self.indicators)):
            self.chart.set_series("", {}, [])
            return
        indicator = self.indicators[column]
        cell = self.selected_cell()
        for widget in (self.cause, self.action, self.save_note_button):  # until its note is read: nothing typed
            widget.setEnabled(False)                                      # there is overwritten by it
        if cell is None:
            self.detail.clear()
        else:
            self.detail.setText(f"{cell.area} · {indicator.name}: {format_value(cell.value, indicator.unit)}"
                                + (f" — {self._describe(cell)}" if self._describe(cell) else ""))
        self.cell_read.request()

    def _cell_work(self) -> Callable[[], CellRead]:
        """The selected indicator's history and the month's notes, read as the selection is now."""
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        indicator = self.indicators[column] if 0 <= column < len(self.indicators) else None
        store, month = self.ctx.store, self.current_month()
        area = self.areas[row] if 0 <= row < len(self.areas) else None

        def work() -> CellRead:
            if indicator is None:
                return CellRead(None, None, month, [], {})
            with store.session() as session:
                return CellRead(indicator, area, month, history(session, indicator.code), notes(session, month))

        return work

    def _show_cell(self, read: CellRead) -> None:
        indicator, area, points, month_notes = read.indicator, read.area, read.points, read.notes
        if indicator is None or read.month != self.current_month():
            return
        months = [shift_month(self.current_month(), -back) for back in range(12, -1, -1)]
        series: dict[str, dict[str, float | None]] = {}
        for month, point_area, value in points:
            if month in months:
                series.setdefault(point_area, {})[month] = value
        self.chart.set_series(f"{indicator.name}（{indicator.unit.value}）", series, months, highlight=area)
        cell = self.selected_cell()
        if cell is None or cell.indicator.code != indicator.code or cell.area != area:
            return
        flagged = bool(cell.flags)
        for widget in (self.cause, self.action):
            widget.setEnabled(flagged)
        self.save_note_button.setEnabled(flagged and not self.writing.running)
        note = next((month_notes.get((cell.area, indicator.code, str(k))) for k in cell.flags
                     if (cell.area, indicator.code, str(k)) in month_notes), None)
        self.cause.setPlainText(note.cause if note else "")
        self.action.setPlainText(note.action if note else "")

    def save_current_note(self) -> bool:
        """Keeps the note of the selected flagged cell on a worker; False when there is none or a save runs."""
        cell = self.selected_cell()
        if cell is None or not cell.flags or self.writing.running:
            return False
        store, month, kinds = self.ctx.store, self.current_month(), [str(kind) for kind in cell.flags]
        cause, action = self.cause.toPlainText(), self.action.toPlainText()

        def saved(_none: None) -> None:
            self.records_changed.emit()
            self.message.emit(self.tr("Note saved."))

        def not_saved(exc: Exception) -> None:
            self.problem.setText(self.tr("The note was not saved: %1").replace("%1", str(exc)))

        return self.writing.start(lambda: note_flags(store, month, cell.area, cell.indicator.code, kinds, cause,
                                                     action), saved, not_saved)

    # -- import, export, report, history ---------------------------------------------------------------------------
    def import_file(self, path: Path | None = None) -> IndicatorImportDialog | None:
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, self.tr("Import indicator figures"), str(Path.home()),
                                                        self.tr("Exports (*.xlsx *.csv)"))
            if not name:
                return None
            path = Path(name)
        dialog = IndicatorImportDialog(self.ctx, path, self.current_month(), self)
        dialog.accepted.connect(self._imported)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _imported(self) -> None:
        self.reload()
        self.records_changed.emit()

    def export_grid(self, path: Path | None = None) -> Path | None:
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the grid"),
                                                        str(Path.home() / f"审批指标_{self.current_month()}.xlsx"),
                                                        self.tr("Spreadsheets (*.xlsx)"))
            if not name:
                return None
            path = Path(name)
        headers = ["区县", *[f"{i.name}（{i.unit.value}）" for i in self.indicators]]
        rows = [[area, *[self.cells[i.code][row].value for i in self.indicators]]
                for row, area in enumerate(self.areas)]
        flags = [[c.area, c.indicator.name, c.value, None if c.mom_pct is None else round(c.mom_pct, 2),
                  "、".join(flag_label(k) for k in c.flags)]
                 for column in self.cells.values() for c in column if c.flags]
        try:
            export_sheets(path, [(self.current_month(), headers, rows),
                                 (self.tr("Flags"), ["区县", "指标", "本月", "环比%", "标记"], flags)])
        except ExportError as exc:
            self.problem.setText(str(exc))
            return None
        self.message.emit(self.tr("Grid exported to %1").replace("%1", str(path)))
        return path

    def write_report(self, path: Path | None = None, open_viewer: bool = True) -> bool:
        month = self.current_month()
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the analysis report"),
                                                        str(Path.home() / f"审批指标分析_{month}.pdf"), "PDF (*.pdf)")
            if not name:
                return False
            path = Path(name)
        store, areas, now, target = self.ctx.store, self.areas, self._now(), path

        def work() -> Path:
            with store.session() as session:
                data = gather_indicator_month(session, month, areas)
            return render_indicator_report(data, now, target)

        def done(written: Path) -> None:
            self.message.emit(self.tr("Report written to %1").replace("%1", str(written)))
            if open_viewer:
                open_in_viewer(written)

        run_in_background(work, done, lambda exc: self.problem.setText(str(exc)))
        return True

    def show_history(self, area: str | None = None) -> None:
        """One district's figures month by month, every indicator side by side: read on a worker, then shown."""
        area = area or self.areas[max(0, self.grid.currentRow())]
        store, indicators = self.ctx.store, list(self.indicators)

        def work() -> dict[str, dict[str, float | None]]:
            with store.session() as session:
                return {i.code: {m: v for m, _a, v in history(session, i.code, area)} for i in indicators}

        run_in_background(work, lambda by_code: self._history_dialog(area, indicators, by_code), self._not_read,
                          owner=self)

    def _history_dialog(self, area: str, indicators: list[Indicator],
                        by_code: dict[str, dict[str, float | None]]) -> QDialog:
        months = sorted({m for values in by_code.values() for m in values}, reverse=True)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("%1 month by month").replace("%1", area))
        dialog.resize(820, 480)
        table = QTableWidget(len(months), len(indicators), dialog)
        table.setHorizontalHeaderLabels([i.name for i in indicators])
        table.setVerticalHeaderLabels(months)
        for row, month in enumerate(months):
            for column, indicator in enumerate(indicators):
                item = QTableWidgetItem(format_value(by_code[indicator.code].get(month), indicator.unit))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, column, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        button_box_icons(buttons)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.open()
        self.dialog = dialog
        return dialog
