"""The window's areas, in the navigation's order: the page behind each and its icon. The window, its menus and the
start-up (which imports the first area's page with the data) read them here."""

from __future__ import annotations

# Navigation order: attribute name → "module:class" of the page.
PAGES = {
    "dashboard": "dzdesk.ui.dashboard.page:DashboardPage",
    "visits": "dzdesk.ui.visits.page:VisitsPage",
    "incidents": "dzdesk.ui.incidents.page:IncidentsPage",
    "complaints": "dzdesk.ui.complaints.page:ComplaintsPage",
    "trainings": "dzdesk.ui.trainings.page:TrainingsPage",
    "probes": "dzdesk.ui.probes.page:ProbesPage",
    "indicators": "dzdesk.ui.indicators.page:IndicatorsPage",
    "reports": "dzdesk.ui.reports.page:ReportsPage",
    "sync_page": "dzdesk.ui.sync.page:SyncPage",
}
# The icon of each area in the navigation and the Go menu (Tabler names, `dzdesk.ui.icons`).
PAGE_ICONS = {
    "dashboard": "layout-dashboard", "visits": "map-pin", "incidents": "alert-triangle",
    "complaints": "message-report", "trainings": "school", "probes": "activity-heartbeat",
    "indicators": "chart-line", "reports": "file-text", "sync_page": "refresh",
}


def first_page(row: int) -> str:
    """The page the window opens on, from the navigation's row."""
    names = list(PAGES)
    return names[row] if 0 <= row < len(names) else names[0]
