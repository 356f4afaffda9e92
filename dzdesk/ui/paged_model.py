"""A table model over paged queries: a list of 100 000 rows costs a count and the pages on screen.

Subclasses say how to count, how to fetch a page, and how to show a row; the model fetches pages as the view
asks for rows and forgets them when the query changes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Row = TypeVar("Row")
PAGE_SIZE = 200
PAGES_KEPT = 20


def session_source(store: Any, count: Callable[[Any], int], fetch: Callable[[Any, int, int], Sequence[Row]]
                   ) -> tuple[Callable[[], int], Callable[[int, int], Sequence[Row]]]:
    """The model's two callables from store queries that take a session: each call has a short session of its own."""

    def counted() -> int:
        with store.session() as session:
            return count(session)

    def fetched(offset: int, limit: int) -> Sequence[Row]:
        with store.session() as session:
            return list(fetch(session, offset, limit))

    return counted, fetched


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    ROLES: frozenset[int] | None = None  # the roles `cell` answers; None: ask it for every role

    def __init__(self, headers: Sequence[str], count: Callable[[], int],
                 fetch: Callable[[int, int], Sequence[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._count = count
        self._fetch = fetch
        self._rows = 0
        self._pages: OrderedDict[int, Sequence[Row]] = OrderedDict()
        self._last_number, self._last_page = -1, None

    def set_source(self, count: Callable[[], int], fetch: Callable[[int, int], Sequence[Row]]) -> None:
        self._count, self._fetch = count, fetch
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._last_number, self._last_page = -1, None
        self._rows = self._count()
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < self._rows:
            return None
        page_number = row // PAGE_SIZE
        if page_number == self._last_number and self._last_page is not None:  # the page being painted
            offset = row - page_number * PAGE_SIZE
            return self._last_page[offset] if offset < len(self._last_page) else None
        page = self._pages.get(page_number)
        if page is None:
            page = self._fetch(page_number * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        self._last_number, self._last_page = page_number, page
        offset = row - page_number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks every role of every visible cell at each repaint; most of them no list answers.
        if self.ROLES is not None and role not in self.ROLES:
            return None
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return self.cell(row, index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError

    def refresh_column(self, column: int) -> None:
        """Repaints one column (a countdown) without refetching anything."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(self._rows - 1, column))
