"""The first page's figures on screen before the data is attached. Mixed into `MainWindow` (it uses the window's
context, settings, navigation, page stack and `data_shown`).

The loader reads the dashboard with `sqlite3` before SQLAlchemy is imported (`dzdesk.reports.dashboard_plain`);
the page built to show that is kept aside (`_early`) and becomes the window's own dashboard when the data is
attached (`MainWindow._page`), which then reads for itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dzdesk.ui.areas import first_page

if TYPE_CHECKING:
    from datetime import datetime

    from dzdesk.reports.dashboard_data import DashboardData
    from dzdesk.ui.dashboard.page import DashboardPage


class FirstData:
    _early: dict[str, DashboardPage]  # by page name: built before the data was attached, to show what was read
    _data_shown = False

    def show_first_data(self, data: DashboardData, now: datetime) -> bool:
        """Shows the dashboard's figures read before the store opened, when the window opens on the dashboard and
        nothing is attached yet; the page reads for itself once the data is attached (it reads again then: a
        change made in between shows). False when it was not shown."""
        from dzdesk.ui.dashboard.page import DashboardPage  # imported by the loader, which read the figures

        if self.ctx is not None or self._early or first_page(self.navigation.currentRow()) != "dashboard":
            return False
        page = DashboardPage(None, self.pages, settings=self.settings)
        self._early["dashboard"] = page
        self._place("dashboard", page)
        page.show_data(data, now)
        self._data_on_screen()
        return True

    def _data_on_screen(self) -> None:
        """`data_shown`, once: the first time the current page shows data, read early or on a worker."""
        if not self._data_shown:
            self._data_shown = True
            self.data_shown.emit()
