"""The table every list page shows: whole rows selected one at a time, each row knowing its record's id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

# Looking for a record to reselect stops here: past a few pages the user has scrolled away anyway.
RESELECT_ROWS = 400
STRETCH_MIN = 160  # the stretching column (a title, a text) keeps at least this much before others give way


class RecordTable(QTableView):
    """Models put the record id under Qt.UserRole; this table reads and restores the selection by it."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self._stretch: int | None = None
        self._drop: tuple[int, ...] = ()

    def fit_columns(self, widths: Mapping[int, int], stretch: int, drop: Sequence[int] = ()) -> None:
        """Every column in view without a sideways scroll, on a 1280-px screen as on a wide one: the columns take
        `widths` (or their title's width), `stretch` takes the rest, and when the table is too narrow for all of
        them the columns in `drop` step aside in that order (what they say is in the record's editor)."""
        self._stretch, self._drop = stretch, tuple(drop)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column in range(header.count()):
            if column != stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(column, widths.get(column, header.sectionSizeHint(column)))
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._fit()

    def _fit(self) -> None:
        header = self.horizontalHeader()
        room = self.viewport().width()
        hidden: set[int] = set()

        def wanted() -> int:
            return STRETCH_MIN + sum(header.sectionSize(c) for c in range(header.count())
                                     if c != self._stretch and c not in hidden)

        for column in self._drop:
            if wanted() <= room:
                break
            hidden.add(column)
        for column in range(header.count()):
            if column != self._stretch and self.isColumnHidden(column) != (column in hidden):
                self.setColumnHidden(column, column in hidden)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._stretch is not None:
            self._fit()

    def selected_id(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.model().data(rows[0], Qt.ItemDataRole.UserRole) if rows else None

    def select_id(self, record_id: str | None) -> bool:
        if not record_id:
            return False
        model = self.model()
        for row in range(min(model.rowCount(), RESELECT_ROWS)):
            index = model.index(row, 0)
            if model.data(index, Qt.ItemDataRole.UserRole) == record_id:
                self.selectRow(row)
                self.scrollTo(index)
                return True
        return False
