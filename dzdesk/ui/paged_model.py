"""A table model over paged queries: a list of 100 000 rows costs a count and the pages on screen.

Subclasses say how to count, how to fetch a page, and how to show a row. Every read runs on a worker
(`run_in_background`): a new query asks for its first page, which is shown as soon as it is back; then for its
count, made while that page is painted, which makes the rest of the rows scrollable; and a page scrolled into view
is asked of a worker the first time it is painted (its rows show when it comes back). `data()` answers from the
pages at hand and never reads the database, so the GUI thread never waits on it.

Each query has a number: an answer to an older one (the user typed on while it was read) is dropped, never shown
over a newer one. While a first page is being read, newer queries wait for it and only the newest is read next, so
fast typing does not pile up reads on a busy machine.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

from dzdesk.ui.operations import run_in_background

Row = TypeVar("Row")
PAGE_SIZE = 200
PAGES_KEPT = 20


def session_source(store: Any, count: Callable[[Any], int], fetch: Callable[[Any, int, int], Sequence[Row]]
                   ) -> tuple[Callable[[], int], Callable[[int, int], Sequence[Row]]]:
    """The model's two callables from store queries that take a session: each call has a short session of its own
    (the model calls them on a worker)."""

    def counted() -> int:
        with store.session() as session:
            return count(session)

    def fetched(offset: int, limit: int) -> Sequence[Row]:
        with store.session() as session:
            return list(fetch(session, offset, limit))

    return counted, fetched


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """`count()` and `fetch(offset, limit)` run on a worker; `first(limit)`, when given, reads the first page
    without needing the count (the count may set up what later pages need: `fetch` runs only after it). The count
    is asked for once the first page is on screen.

    `first_page_shown` is emitted once a query's first page is on screen, `counted(total)` once its count is
    known, `failed(reason)` when a read fails (the rows shown stay as they were)."""

    ROLES: frozenset[int] | None = None  # the roles `cell` answers; None: ask it for every role

    first_page_shown = Signal()
    counted = Signal(int)
    failed = Signal(str)

    def __init__(self, headers: Sequence[str], count: Callable[[], int],
                 fetch: Callable[[int, int], Sequence[Row]], parent: QObject | None = None,
                 first: Callable[[int], Sequence[Row]] | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._count, self._fetch, self._first = count, fetch, first
        self._rows = 0
        self._total: int | None = None  # None until the count of the current query is back
        self._pages: OrderedDict[int, Sequence[Row]] = OrderedDict()
        self._asked: set[int] = set()  # pages of the current query a worker is reading
        self._last_number, self._last_page = -1, None
        self.generation = 0  # the number of the current query; answers to older ones are dropped
        self._reading_first = False  # a first page is being read: a newer query waits for it
        self._again = False  # a newer query came while it was read
        self.reads = 0  # how many reads were asked of a worker: tests count them

    # -- the query -----------------------------------------------------------------------------------------------
    def set_source(self, count: Callable[[], int], fetch: Callable[[int, int], Sequence[Row]],
                   first: Callable[[int], Sequence[Row]] | None = None) -> None:
        self._count, self._fetch, self._first = count, fetch, first
        self.reload()

    def reload(self) -> None:
        """Reads the list again on a worker. The rows on screen stay until the new first page replaces them."""
        self.generation += 1
        if self._reading_first:
            self._again = True
            return
        self._read_first()

    @property
    def total(self) -> int | None:
        """The number of rows of the current query, None while it is being counted."""
        return self._total

    def is_settled(self) -> bool:
        """The current query's first page and count are both on screen (nothing of it is still being read)."""
        return not self._reading_first and not self._again and self._total is not None

    def _read_first(self) -> None:
        generation, count, fetch, first = self.generation, self._count, self._fetch, self._first
        self._reading_first = True
        self._total = None  # the count of this query, once back
        self.reads += 2

        def read_first() -> Sequence[Row]:
            return list(first(PAGE_SIZE) if first is not None else fetch(0, PAGE_SIZE))

        run_in_background(read_first, lambda page: self._first_read(generation, page, count),
                          lambda exc: self._first_failed(generation, exc), owner=self)

    def _first_read(self, generation: int, page: Sequence[Row], count: Callable[[], int]) -> None:
        """Shows the first page, then has a worker count the rows while it is painted: the count (a pass over an
        index of every matching row) never delays the first rows."""
        self._reading_first = False
        if self._newer_waits(generation):
            return
        self.beginResetModel()
        self._pages.clear()
        self._asked.clear()
        self._last_number, self._last_page = -1, None
        self._pages[0] = page
        self._rows = len(page)
        self.forget()
        self.endResetModel()
        # Asked for once the event loop has painted the page: on a busy machine the count's pass over the index
        # would otherwise take the core the paint needs.
        QTimer.singleShot(0, self, lambda: self._ask_count(generation, count))
        self.first_page_shown.emit()

    def _ask_count(self, generation: int, count: Callable[[], int]) -> None:
        if generation != self.generation:
            return  # a newer query is already being read
        run_in_background(count, lambda total: self._count_read(generation, total),
                          lambda exc: self._count_failed(generation, exc), owner=self)

    def _first_failed(self, generation: int, exc: Exception) -> None:
        self._reading_first = False
        if not self._newer_waits(generation):
            self.failed.emit(str(exc))

    def _newer_waits(self, generation: int) -> bool:
        """An answer to an older query: dropped, and the newest query is read instead."""
        if generation == self.generation and not self._again:
            return False
        self._again = False
        self._read_first()
        return True

    def _count_read(self, generation: int, total: int) -> None:
        if generation != self.generation:
            return  # a count of an older query
        self._total = total
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        elif total < self._rows:  # the rows changed between the two reads: the count is the newer
            self.beginRemoveRows(QModelIndex(), total, self._rows - 1)
            self._rows = total
            self.endRemoveRows()
        self.counted.emit(total)

    def _count_failed(self, generation: int, exc: Exception) -> None:
        if generation == self.generation:
            self.failed.emit(str(exc))

    # -- pages ----------------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        """Before the count is back, a full first page says there is more to scroll to."""
        if parent.isValid() or self._total is not None or self._first is not None or self._reading_first:
            return False  # a source with its own first page reads later pages with what its count sets up
        number = self._rows // PAGE_SIZE
        return self._rows > 0 and self._rows % PAGE_SIZE == 0 and number not in self._asked

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        """Asks a worker for the next page (the count, once back, makes every row scrollable anyway)."""
        if self.canFetchMore(parent):
            self._ask_page(self._rows // PAGE_SIZE)

    def _ask_page(self, number: int) -> None:
        if number in self._asked or self._reading_first or (self._total is None and (
                self._first is not None or number * PAGE_SIZE != self._rows)):
            return  # before the count only the next page, and none when later pages need what the count sets up
        self._asked.add(number)
        self.reads += 1
        generation, fetch = self.generation, self._fetch
        run_in_background(lambda: list(fetch(number * PAGE_SIZE, PAGE_SIZE)),
                          lambda page: self._page_read(generation, number, page),
                          lambda exc: self._page_failed(generation, number, exc), owner=self)

    def _page_read(self, generation: int, number: int, page: Sequence[Row]) -> None:
        if generation != self.generation:
            return
        self._asked.discard(number)
        self._keep(number, page)
        first, last = number * PAGE_SIZE, number * PAGE_SIZE + len(page) - 1
        if self._total is None and last >= self._rows:  # scrolled on before the count was back
            self.beginInsertRows(QModelIndex(), self._rows, last)
            self._rows = last + 1
            self.endInsertRows()
        last = min(last, self._rows - 1)
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._headers) - 1))

    def _page_failed(self, generation: int, number: int, exc: Exception) -> None:
        if generation == self.generation:
            self._asked.discard(number)
            self.failed.emit(str(exc))

    def _keep(self, number: int, page: Sequence[Row]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > PAGES_KEPT:
            dropped, _page = self._pages.popitem(last=False)
            if dropped == self._last_number:
                self._last_number, self._last_page = -1, None

    def row_at(self, row: int) -> Row | None:
        """The row when its page is at hand; otherwise None, and its page is asked of a worker."""
        if not 0 <= row < self._rows:
            return None
        page_number = row // PAGE_SIZE
        if page_number == self._last_number and self._last_page is not None:  # the page being painted
            offset = row - page_number * PAGE_SIZE
            return self._last_page[offset] if offset < len(self._last_page) else None
        page = self._pages.get(page_number)
        if page is None:
            self._ask_page(page_number)
            return None
        self._pages.move_to_end(page_number)
        self._last_number, self._last_page = page_number, page
        offset = row - page_number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # -- Qt's model ---------------------------------------------------------------------------------------------
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

    def forget(self) -> None:
        """Called as a new query's rows replace the old ones: subclasses drop what they made of the old rows."""

    def refresh_column(self, column: int) -> None:
        """Repaints one column (a countdown) without refetching anything."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(self._rows - 1, column))
