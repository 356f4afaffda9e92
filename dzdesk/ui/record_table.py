"""The table every list page shows: whole rows selected one at a time, each row knowing its record's id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

# Looking for a record to reselect stops here: past a few pages the user has scrolled away anyway.
RESELECT_ROWS = 400
WIDEST = 220  # a column sized by its contents: a long unit name is cut here rather than pushing others away
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
        self._widths: dict[int, int] = {}
        self._sizes: dict[int, int] = {}  # each column's width when shown: a hidden one's section reads 0

    def fit_columns(self, widths: Mapping[int, int], stretch: int, drop: Sequence[int] = ()) -> None:
        """Every column in view without a sideways scroll, on a 1280-px screen as on a wide one: the columns take
        `widths` (or what their title and first rows need, at most `WIDEST`), `stretch` takes the rest, and when
        the table is too narrow for all of them the columns in `drop` step aside in that order (what they say is
        in the record's editor)."""
        self._stretch, self._drop, self._widths = stretch, tuple(drop), dict(widths)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column in range(header.count()):
            if column != stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._resized)
        self._size_columns()
        if self.model().rowCount() == 0:  # sized by their titles for now, by their contents once rows come
            self.model().modelReset.connect(self._first_rows)
            self.model().rowsInserted.connect(self._first_rows)

    def _first_rows(self) -> None:
        if self.model().rowCount() == 0:
            return
        for signal in (self.model().modelReset, self.model().rowsInserted):
            signal.disconnect(self._first_rows)
        self._size_columns()

    def _resized(self, column: int, _old: int, new: int) -> None:
        if new > 0 and column != self._stretch:  # the person widened or narrowed it: that width is kept
            self._sizes[column] = new

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        for column in range(header.count()):
            self.setColumnHidden(column, False)  # a hidden column's title and cells measure 0
        for column in range(header.count()):
            if column != self._stretch:
                wanted = self._widths.get(column) or min(
                    max(header.sectionSizeHint(column), self.sizeHintForColumn(column)), WIDEST)
                self.setColumnWidth(column, wanted)
        self._fit()

    def _fit(self) -> None:
        header = self.horizontalHeader()
        room = self.viewport().width()
        hidden: set[int] = set()

        def wanted() -> int:
            return STRETCH_MIN + sum(self._sizes.get(c) or header.sectionSize(c) for c in range(header.count())
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
