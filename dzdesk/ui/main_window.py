"""The main window: navigation on the left, one page per area, menus and the status bar.

The window comes up before the data: `MainWindow.shell` shows the navigation, menus and status bar at once, and
`attach` adds the pages when the database is open (built one per turn of the event loop, the current one first,
so the window answers the user all along). `MainWindow(ctx)` does both at once. The areas are listed in
`dzdesk.ui.areas`; the menu bar is `dzdesk.ui.window_menus`.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

from dzdesk.config import DataDir, Settings
from dzdesk.paths import resources_dir
from dzdesk.ui.areas import PAGE_ICONS, PAGES, first_page
from dzdesk.ui.screen_fit import SMALLEST, keep_on_screen, place_first_time
from dzdesk.ui.status_bar import MainStatusBar
from dzdesk.ui.window_backup import BackupActions
from dzdesk.ui.window_counts import AttentionCounts
from dzdesk.ui.window_dialogs import WindowDialogs
from dzdesk.ui.window_first_data import FirstData
from dzdesk.ui.window_menus import WindowMenus

if TYPE_CHECKING:  # the modules behind these are imported when the data is open, not before the window shows

    from dzdesk.sync.engine import SyncSummary
    from dzdesk.ui.complaints.page import ComplaintsPage
    from dzdesk.ui.context import AppContext
    from dzdesk.ui.dashboard.page import DashboardPage
    from dzdesk.ui.events_bridge import ChangeBridge
    from dzdesk.ui.incidents.editor import IncidentEditor
    from dzdesk.ui.incidents.page import IncidentsPage
    from dzdesk.ui.indicators.page import IndicatorsPage
    from dzdesk.ui.probes.page import ProbesPage
    from dzdesk.ui.reports.page import ReportsPage
    from dzdesk.ui.search.dialog import SearchDialog
    from dzdesk.ui.sync.controller import SyncController
    from dzdesk.ui.sync.page import SyncPage
    from dzdesk.ui.trainings.page import TrainingsPage
    from dzdesk.ui.visits.page import VisitsPage

ATTACH_MODULES = ("dzdesk.ui.icons", "dzdesk.operations.attention")
# The tables behind the navigation's counts: a committed change to one of them counts again (on a worker).
FAULT_TABLES = frozenset({"incidents", "incident_events", "incident_pauses", "incident_corrections"})
PROBE_TABLES = frozenset({"probe_targets", "probe_results", "probe_states", "maintenance_windows"})
# How long a thread holds the interpreter while another waits for it. With two workers busy (a sync, then on a thread
# of the window's, and the reads its pages set off), the GUI thread took its turn after each: at 1 ms, traced pulls
# held it 17–37 ms. The sync has a process of its own now; the reads still share the interpreter.
SWITCH_INTERVAL_S = 0.0002
# Pages say which tables they list (`SHOWS`); a committed change to one of them refreshes the page if it shows,
# or when it is next shown (`dzdesk.store.events`, `dzdesk.ui.events_bridge`).


def import_pages(names: Iterable[str] | None = None) -> None:
    """Imports the modules of the pages `names` (every page by default). The start-up does it off the GUI thread:
    the first page's while the database opens, the others once that page shows its data."""
    for module in ATTACH_MODULES:  # what `attach` itself uses: the themed icons and the navigation's counts
        importlib.import_module(module)
    for name in PAGES if names is None else names:
        importlib.import_module(PAGES[name].partition(":")[0])


def saved_page(data_dir: DataDir) -> int:
    """The navigation row the window was closed on, as `_restore_window_state` reads it."""
    try:
        return int(QSettings(str(data_dir.window_state_file), QSettings.Format.IniFormat).value("page", 0) or 0)
    except (TypeError, ValueError):
        return 0


class MainWindow(WindowMenus, WindowDialogs, BackupActions, AttentionCounts, FirstData, QMainWindow):
    ready = Signal()  # the data is attached and the current page shows it
    data_shown = Signal()  # the current page shows data, read before the store opened (`show_first_data`) or after

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None, *,
                 data_dir: DataDir | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.data_dir = ctx.data_dir if ctx else data_dir
        self.settings = ctx.settings if ctx else settings
        if self.data_dir is None or self.settings is None:
            raise TypeError("MainWindow needs an AppContext, or data_dir and settings for the shell")
        self._built: dict[str, QWidget] = {}
        self._early = {}
        self.ready.connect(self._data_on_screen)
        # Whether the other pages' modules are imported (the start-up imports them on its loader): until then
        # the pages built one per turn of the event loop wait, so no import runs on the GUI thread.
        self.modules_ready: Callable[[], bool] = lambda: True
        self._backup_cancel = threading.Event()  # a daily backup still under way stops when the window closes
        self._data_actions: list[QAction] = []
        self._icon_names: dict[QAction, str] = {}
        self._global_actions: list[QAction] = []
        self.sync: SyncController | None = None
        self.events: ChangeBridge | None = None
        self._stale: set[str] = set()  # built pages whose tables changed while they were hidden
        self.refreshes: dict[str, int] = {}  # by page: how many times a change refreshed it (tests count them)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("dzdesk — Dazhou platforms operations desk"))
        self.setMinimumSize(QSize(SMALLEST))

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Areas"))
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(1)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.titles = dict(zip(PAGES, self._page_titles(), strict=True))
        self.counts: dict[str, int] = {}  # by page: what waits there (faults unanswered, targets down, changes)
        self._count_notes: dict[str, str] = {}  # by page: what the count means, for the item's tooltip
        for row, (name, title) in enumerate(self.titles.items()):
            item = QListWidgetItem(self._themed_icon(PAGE_ICONS[name]), title)  # its accessible text: the title
            item.setToolTip(self._tooltip(row))
            self.navigation.addItem(item)
            waiting = QLabel(self.tr("Opening the data…"), self.pages)
            waiting.setStyleSheet("qproperty-alignment: AlignCenter;")  # the Qt namespace costs the start 15–25 ms
            self.pages.addWidget(waiting)
        self.navigation.currentRowChanged.connect(self._show_row)
        self._fit_navigation()

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.navigation, self.pages)  # the areas first, then what the chosen one shows

        self.status = MainStatusBar(self.data_dir, self)
        self.setStatusBar(self.status)
        self._build_menus()
        self._window_state = QSettings(str(self.data_dir.window_state_file), QSettings.Format.IniFormat)
        self._restore_window_state()
        if ctx is not None:
            self.attach(ctx, gradually=False)

    @classmethod
    def shell(cls, data_dir: DataDir, settings: Settings) -> MainWindow:
        """The window without its data, to show while the database opens."""
        return cls(data_dir=data_dir, settings=settings)

    def _page_titles(self) -> list[str]:
        return [self.tr("Dashboard"), self.tr("Visits"), self.tr("Incidents"), self.tr("Complaints"),
                self.tr("Training"), self.tr("Probes"), self.tr("Indicators"), self.tr("Reports"), self.tr("Sync")]

    # -- the navigation ------------------------------------------------------------------------------------------
    @staticmethod
    def _themed_icon(name: str) -> QIcon:
        """The icon as the file draws it until `attach` paints it in the theme's colour (`_paint_icons`): Qt
        reads a file's SVG only when it is painted, which keeps the forty icons out of the window's first moment
        (themed at once, they cost the start 15–20 ms)."""
        return QIcon(str(resources_dir() / "icons" / "tabler" / f"{name}.svg"))

    @staticmethod
    def shortcut_of(row: int) -> QKeySequence:
        """Ctrl+1 … Ctrl+9: the key of the area in navigation row `row` (also in the Go menu)."""
        return QKeySequence(f"Ctrl+{row + 1}")

    def _fit_navigation(self) -> None:
        """As wide as its longest title with an icon and a three-digit count, so no count is ever cut off and the
        width does not jump when a count appears."""
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(self._item_text(title, 999)) for title in self.titles.values())
        frame = 2 * self.navigation.frameWidth() + self.navigation.verticalScrollBar().sizeHint().width()
        self.navigation.setFixedWidth(widest + self.navigation.iconSize().width() + frame + 24)

    @staticmethod
    def _item_text(title: str, count: int) -> str:
        return f"{title}  {count}" if count else title

    def _key_text(self, row: int) -> str:
        return self.shortcut_of(row).toString(QKeySequence.SequenceFormat.NativeText)

    def _tooltip(self, row: int) -> str:
        """The item's tooltip: its title and key, and what its count means when it has one."""
        name = list(PAGES)[row]
        return "\n".join(part for part in (f"{self.titles[name]} ({self._key_text(row)})",
                                           self._count_notes.get(name, "")) if part)

    def _describe_item(self, row: int) -> None:
        """The item's tooltip and accessible description (its key, what its count means). The shell has the
        tooltips only: the description's role is of the Qt namespace, which the window imports with the data."""
        from PySide6.QtCore import Qt

        name = list(PAGES)[row]
        item = self.navigation.item(row)
        item.setToolTip(self._tooltip(row))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                     "; ".join(part for part in (self._key_text(row), self._count_notes.get(name, "")) if part))

    def set_count(self, name: str, count: int, note: str = "") -> None:
        """Shows `count` beside the area's title (nothing when it is 0) and says what it means in its tooltip."""
        from PySide6.QtCore import Qt

        self.counts[name], self._count_notes[name] = count, note if count else ""
        row = list(PAGES).index(name)
        item = self.navigation.item(row)
        title = self.titles[name]
        item.setText(self._item_text(title, count))
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{title}, {self._count_notes[name]}" if count else title)
        self._describe_item(row)

    # -- the data ------------------------------------------------------------------------------------------------
    def attach(self, ctx: AppContext, gradually: bool = True) -> None:
        """The database is open: the pages, the sync, the status and the watches start. With `gradually`, the
        current page is built now and the others one per turn of the event loop."""
        from PySide6.QtCore import Qt

        from dzdesk.ui.events_bridge import ChangeBridge
        from dzdesk.ui.incidents.deadline_watch import DeadlineWatch
        from dzdesk.ui.sync.controller import SyncController

        self.ctx = ctx
        self._paint_icons()
        for row in range(self.navigation.count()):
            self._describe_item(row)
        # The reads run on worker threads (the sync in a process of its own); a busy one gives the GUI thread the
        # interpreter back within `SWITCH_INTERVAL_S` (Python's default is 5 ms; every Qt call from a slot waits).
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self.events = ChangeBridge(ctx.store.changes, self)
        self._start_counts()
        self.ready.connect(self._settled)
        self.events.listen({"outbox"}, lambda _changes: self._refresh_pending())
        self.events.listen(FAULT_TABLES, lambda _changes: self._count_faults())
        self.events.listen(PROBE_TABLES, lambda _changes: self._count_down())
        self.sync = SyncController(ctx, self)
        self.sync.started.connect(lambda: self.events.sync_running(True))
        for ended in (self.sync.finished, self.sync.failed):
            ended.connect(lambda _why: self.events.sync_running(False))
        self.sync.finished.connect(self._synced)
        self.sync.state_changed.connect(self._show_sync_state)
        self.sync.failed.connect(lambda text: self.status.showMessage(self.tr("Sync: %1").replace("%1", text), 10000))
        for action in self._data_actions:
            action.setEnabled(True)
        for action in self._global_actions:  # the quick entry and the search work over any dialog
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        current = first_page(self.navigation.currentRow())
        shown_early = current in self._early
        first = self._page(current)
        # Probes sweep in the background and the dashboard links to faults: those come next in any order.
        rest = [name for name in ("probes", *PAGES) if name not in self._built]
        if gradually:
            self._build_later(list(dict.fromkeys(rest)))
        else:
            for name in rest:
                self._page(name)
        self._show_sync_state()
        self.deadline_watch = DeadlineWatch(ctx.store, self.windowIcon(), self)
        self.deadline_watch.warning.connect(self._deadline_warning)
        self.ready.connect(self._start_watching, Qt.ConnectionType.SingleShotConnection)
        # Its figures are on their way from a worker (read again, when they were read before the store opened).
        if current == "dashboard" and (first.data is None or shown_early):
            first.shown.connect(self.ready, Qt.ConnectionType.SingleShotConnection)
        else:
            self.ready.emit()

    @staticmethod
    def _settled() -> None:
        """What start-up made lives as long as the window: the garbage collector stops looking at it. A full
        collection runs on whichever thread allocates and holds the interpreter while it walks every object, so
        with the window's objects in it a worker's reading stalled the GUI thread 80–100 ms at a time. Done when
        the first page shows its data and again once every page is built: the pages and modules that came after
        the first were 170 000 objects, and a full collection walked them for 200 ms."""
        gc.freeze()

    def _start_watching(self) -> None:
        """The counts and the first check of deadlines, once the first page shows its data: read on the other worker
        beside the dashboard's first gathering, they took the interpreter from it for a third of its time (on the
        year, the data came 250 ms after the store opened instead of 150)."""
        self._refresh_pending()
        self._count_faults()
        self._count_down()
        self.deadline_watch.check()

    def _build_later(self, names: list[str]) -> None:
        if self.ctx is None:
            return
        if not names:  # every page built, their modules imported: frozen too, as what start-up made
            self._settled()
            return
        if not self.modules_ready():
            QTimer.singleShot(20, lambda: self._build_later(names))
            return
        self._page(names[0])
        QTimer.singleShot(0, lambda: self._build_later(names[1:]))

    def _page(self, name: str) -> Any:
        """The page called `name`, built on first use (the data must be attached)."""
        page = self._built.get(name)
        if page is not None:
            return page
        if self.ctx is None:
            raise RuntimeError(f"the {name} page needs the data, which is not open yet")
        early = self._early.pop(name, None)
        if early is not None:  # built to show what was read before the store opened: it reads from now on
            page = early
            page.attach(self.ctx)
        else:
            module, _colon, class_name = PAGES[name].partition(":")
            page_class = getattr(importlib.import_module(module), class_name)
            extra = (self.sync,) if name == "sync_page" else ()
            page = page_class(self.ctx, *extra, self.pages)
            self._place(name, page)
        self._built[name] = page
        shows = getattr(page, "SHOWS", None)
        if shows and self.events is not None:
            self.events.listen(shows, lambda _changes, n=name: self._tables_changed(n), page)
        message = getattr(page, "message", None)
        if isinstance(message, SignalInstance):  # what a page has to say goes to the status bar
            message.connect(lambda text: self.status.showMessage(text, 10000))
        if name == "probes":
            page.state_changed.connect(self._probe_state_changed)
        elif name == "dashboard":
            page.open_incident.connect(self.show_incident)
            page.open_page.connect(lambda name: self.navigation.setCurrentRow(list(PAGES).index(name)))
        return page

    def _place(self, name: str, page: QWidget) -> None:
        """Puts `page` where its placeholder stood in the stack, shown if the placeholder was."""
        index = list(PAGES).index(name)
        placeholder = self.pages.widget(index)
        showing = self.pages.currentIndex() == index
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        if showing:
            self.pages.setCurrentIndex(index)

    def _tables_changed(self, name: str) -> None:
        """A change touched what the page lists: it refreshes now if it shows, or when it is next shown."""
        page = self._built.get(name)
        if page is None:
            return
        if self.pages.currentWidget() is page:
            self._refresh_page(name)
        else:
            self._stale.add(name)

    def _refresh_page(self, name: str) -> None:
        self._stale.discard(name)
        self.refreshes[name] = self.refreshes.get(name, 0) + 1
        page = self._built[name]
        (page.reload if hasattr(page, "reload") else page.refresh)()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if self.ctx is not None:
            name = list(PAGES)[row]
            self._page(name)
            if name in self._stale:
                self._refresh_page(name)
        self.pages.setCurrentIndex(row)

    @property
    def dashboard(self) -> DashboardPage:
        return self._page("dashboard")

    @property
    def visits(self) -> VisitsPage:
        return self._page("visits")

    @property
    def incidents(self) -> IncidentsPage:
        return self._page("incidents")

    @property
    def complaints(self) -> ComplaintsPage:
        return self._page("complaints")

    @property
    def trainings(self) -> TrainingsPage:
        return self._page("trainings")

    @property
    def probes(self) -> ProbesPage:
        return self._page("probes")

    @property
    def indicators(self) -> IndicatorsPage:
        return self._page("indicators")

    @property
    def reports(self) -> ReportsPage:
        return self._page("reports")

    @property
    def sync_page(self) -> SyncPage:
        return self._page("sync_page")

    def show_incident(self, incident_id: str) -> IncidentEditor:
        """From the dashboard to the fault: its page, and its editor."""
        self.navigation.setCurrentRow(list(PAGES).index("incidents"))
        return self.incidents.open_incident(incident_id)

    def search(self) -> SearchDialog:
        from dzdesk.ui.search.dialog import SearchDialog

        dialog = SearchDialog(self.ctx, self)
        dialog.chosen.connect(self.show_record)
        dialog.open()
        return dialog

    def show_record(self, kind: str, record_id: str) -> QWidget | None:
        """A search result opened where it lives: its page, and its editor."""
        if kind not in ("incidents", "complaints", "visits", "trainings"):
            return None
        self.navigation.setCurrentRow(list(PAGES).index(kind))
        return self._page(kind).open_record(record_id)

    def record_fault(self) -> IncidentEditor:
        """Quick entry from anywhere (Ctrl+Shift+N): the editor opens over whatever page is showing."""
        return self.incidents.new_incident()

    def _deadline_warning(self, heading: str, text: str) -> None:
        self.status.showMessage(f"{heading}: {text}", 30000)
        QApplication.alert(self)

    def _probe_state_changed(self, heading: str, text: str) -> None:
        """A target went down or came back: the status bar, the taskbar, and a desktop notification if offered."""
        self.status.showMessage(f"{heading}: {text}", 30000)
        QApplication.alert(self)
        tray = self.deadline_watch.tray
        if tray is not None:
            tray.showMessage(heading, text, QSystemTrayIcon.MessageIcon.Warning, 15000)

    def _show_sync_state(self) -> None:
        if self.sync is None:
            return
        self.status.show_connection(self.sync.online, self.sync.configured, self.sync.last_sync)

    def _synced(self, summary: SyncSummary) -> None:
        """Records pulled from the team reach the pages that list them as the pull commits them (each page
        announces what it applied); here a change of the team's working calendar is said, with how many deadlines
        it moved, and the count of changes waiting to be sent is taken again (a push empties the outbox)."""
        if summary.deadlines is not None:
            if "incidents" in self._built:
                self.incidents.show_calendar_warning()
            self.status.showMessage(self.tr("The team's working calendar changed; %n deadline(s) moved.", "",
                                            summary.deadlines.moved), 10000)
        self._refresh_pending()

    def _restore_window_state(self) -> None:
        geometry = self._window_state.value("geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            keep_on_screen(self)  # remembered on a larger screen, or before the taskbar moved
        else:
            place_first_time(self)
        state = self._window_state.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        row = saved_page(self.data_dir)
        self.navigation.setCurrentRow(row if 0 <= row < self.navigation.count() else 0)

    def save_window_state(self) -> None:
        self._window_state.setValue("geometry", self.saveGeometry())
        self._window_state.setValue("state", self.saveState())
        self._window_state.setValue("page", self.navigation.currentRow())
        self._window_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_window_state()
        self._backup_cancel.set()
        if self.events is not None:
            self.events.close()
        probes = self._built.get("probes")
        if probes is not None:
            probes.shutdown()
        if self.sync is not None:
            self.sync.stop()
        super().closeEvent(event)
