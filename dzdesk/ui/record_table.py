"""The table every list page shows: whole rows selected one at a time, each row knowing its record's id."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

# Looking for a record to reselect stops here: past a few pages the user has scrolled away anyway.
RESELECT_ROWS = 400


class RecordTable(QTableView):
    """Models put the record id under Qt.UserRole; this table reads and restores the selection by it."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)

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
