"""The incident list as a paged table model, with the SLA countdown and its colours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.incident import Status
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.store import Store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_queries import IncidentPager, IncidentQuery, first_plain_page
from dzdesk.ui.labels import duration_text, severity_label, status_label
from dzdesk.ui.paged_model import PagedTableModel
from dzdesk.ui.theme import Token, colour
from dzdesk.ui.theme_watch import follow_scheme, repaint_model

COL_LEFT, COL_SEVERITY, COL_STATUS, COL_PLATFORM, COL_MODULE, COL_TITLE, COL_REPORTED, COL_DUE, COL_DISTRICT, \
    COL_REPORTER, COL_ASSIGNEE = range(11)
WARN_WHEN_LEFT = timedelta(minutes=30)

OPEN_STATUSES = frozenset(s.value for s in (Status.NEW, Status.RESPONDED, Status.IN_PROGRESS))
DISPLAY, BACKGROUND, FOREGROUND, TOOLTIP, USER = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole)
MAX_CACHED_ROWS = 2000


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("IncidentTable", "Time left"),
        QCoreApplication.translate("IncidentTable", "Severity"),
        QCoreApplication.translate("IncidentTable", "Status"),
        QCoreApplication.translate("IncidentTable", "Platform"),
        QCoreApplication.translate("IncidentTable", "Module"),
        QCoreApplication.translate("IncidentTable", "Title"),
        QCoreApplication.translate("IncidentTable", "Reported"),
        QCoreApplication.translate("IncidentTable", "Response due"),
        QCoreApplication.translate("IncidentTable", "District"),
        QCoreApplication.translate("IncidentTable", "Reporter"),
        QCoreApplication.translate("IncidentTable", "Assignee"),
    ]


class IncidentTableModel(PagedTableModel[Incident]):
    ROLES = frozenset(int(role) for role in (DISPLAY, BACKGROUND, FOREGROUND, TOOLTIP, USER))

    def __init__(self, store: Store, catalogue: Catalogue, now: Callable[[], datetime] | None = None,
                 parent: QObject | None = None) -> None:
        self.store = store
        self.query = IncidentQuery()
        self._platforms = {p.code: p.short_name for p in catalogue.platforms}
        self._now = now or (lambda: datetime.now(UTC))
        self._texts: dict[str, tuple[str, ...]] = {}
        count, fetch, first = self._source(self.query)
        super().__init__(_headers(), count, fetch, parent, first=first)
        follow_scheme(self, lambda: repaint_model(self))

    def set_query(self, query: IncidentQuery) -> None:
        """Reads the list of `query` on a worker: its first page at once, its count beside it."""
        self.query = query
        self.set_source(*self._source(query))

    def _source(self, query: IncidentQuery) -> tuple[Callable[[], int], Callable[[int, int], list[Any]],
                                                     Callable[[int], list[Any]]]:
        """The three reads of one query, each run on a worker with a short session of its own; the count keeps
        the segment sizes its later pages need (they are read only once it is back)."""
        store, pagers = self.store, []

        def count() -> int:
            with store.session() as session:
                pager = IncidentPager(session, query)
            pagers.append(pager)
            return pager.total

        def fetch(offset: int, limit: int) -> list[Any]:
            with store.session() as session:
                return pagers[-1].plain_page(session, offset, limit)

        def first(limit: int) -> list[Any]:
            with store.session() as session:
                return first_plain_page(session, query, limit)

        return count, fetch, first

    def _time_left(self, incident: Incident) -> str:
        if incident.responded_at is not None:
            if incident.responded_at <= incident.response_due:
                return QCoreApplication.translate("IncidentTable", "answered in time")
            return QCoreApplication.translate("IncidentTable", "answered late")
        left = incident.response_due - self._now()
        if left < timedelta(0):
            return QCoreApplication.translate("IncidentTable", "overdue %1").replace("%1", duration_text(-left))
        return duration_text(left)

    def _tint(self, incident: Incident) -> Token | None:
        """Breached (answered late or overdue) or close to its deadline; asked of the theme at each paint, so the
        colours follow the scheme."""
        if incident.responded_at is not None:
            return Token.TINT_BREACHED if incident.responded_at > incident.response_due else None
        left = incident.response_due - self._now()
        if left < timedelta(0):
            return Token.TINT_BREACHED
        if left <= WARN_WHEN_LEFT:
            return Token.TINT_WARNING
        return None

    def _background(self, incident: Incident) -> QBrush | None:
        tint = self._tint(incident)
        return None if tint is None else QBrush(colour(tint))

    def forget(self) -> None:
        self._texts.clear()

    def cell(self, row: Incident, column: int, role: int) -> Any:
        # Called for every role of every visible cell at each repaint: the texts of a row are made once.
        if role == DISPLAY:
            if column == COL_LEFT:
                return self._time_left(row)
            texts = self._texts.get(row.id)
            if texts is None:
                if len(self._texts) > MAX_CACHED_ROWS:
                    self._texts.clear()
                texts = self._texts[row.id] = self._row_texts(row)
            return texts[column]
        tinted = column in (COL_LEFT, COL_SEVERITY)
        if role == BACKGROUND and tinted:
            return self._background(row)
        if role == FOREGROUND:
            if tinted and self._tint(row) is not None:
                return QBrush(colour(Token.TEXT_ON_TINT))  # the tint's own text colour, readable in both schemes
            if row.status not in OPEN_STATUSES:
                return QBrush(colour(Token.TEXT_ANSWERED))
        if role == TOOLTIP and column == COL_TITLE:
            return row.description or row.title
        if role == USER:
            return row.id
        return None

    def _row_texts(self, row: Incident) -> tuple[str, ...]:
        return ("", severity_label(Severity(row.severity)), status_label(Status(row.status)),
                self._platforms.get(row.platform, row.platform), row.module, row.title,
                format_local(row.reported_at), format_local(row.response_due), row.district, row.reporter,
                row.assignee)
