"""Start-up of the desktop app: the window first, then the data.

The window (navigation, menus, status bar) shows as soon as Qt is up. A loader thread meanwhile takes the data
directory's lock, restores a scheduled backup, opens and migrates the database and imports the libraries the pages
need; the pages are attached on the GUI thread when it is done, so the window is on screen and answering from the
first moment. Whatever the loader cannot do (another dzdesk has the directory, a newer schema) is said and ends the
start, as before the window existed.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dzdesk import APP_NAME, __version__, crash_report
from dzdesk.config import DataDir, Settings, SettingsError
from dzdesk.paths import resources_dir
from dzdesk.ui.areas import PAGES, first_page
from dzdesk.ui.crash_notice import CrashNotice
from dzdesk.ui.fonts import install_interface_font
from dzdesk.ui.i18n import install_translations
from dzdesk.ui.main_window import MainWindow
from dzdesk.ui.operations import wait_for_work_that_must_finish

if TYPE_CHECKING:
    from pathlib import Path

    from dzdesk.domain.catalogue import Catalogue
    from dzdesk.instance_lock import InstanceLock
    from dzdesk.reports.dashboard_data import DashboardData
    from dzdesk.store import Store

log = logging.getLogger(__name__)
HEADLESS_PLATFORMS = {"offscreen", "minimal"}
EXIT_WAIT_MS = 5_000  # the longest the exit waits for background work that was told to stop
PROCEED_AFTER_S = 5.0  # the other pages are imported at the latest this long after the data opened
SHOWN_FIRST_WAIT_S = 1.0  # the longest the loader waits for the first data read to show before it goes on


@dataclass
class Opened:
    store: Store
    catalogue: Catalogue
    restored: tuple[Path, Path] | None
    restore_error: str


class DataLoader(QObject):
    """Opens the data on a thread of its own; `loaded(Opened)` or `failed(exception)` reach the GUI thread.

    The thread is a daemon: a window closed while the data is still opening does not wait for it. The database
    stays whole all the same, since every write is a transaction; `wait_for_writes` lets the exit wait for a
    restore or a migration that is under way."""

    loaded = Signal(object)
    failed = Signal(object)
    # The first page's data read before the store opens (`dashboard_plain`): (DashboardData, the moment read at).
    read_first = Signal(object)

    def __init__(self, data_dir: DataDir, settings: Settings, first_page: str | None = None) -> None:
        super().__init__()
        self.data_dir, self.settings, self.first_page = data_dir, settings, first_page
        self.opened: Opened | None = None
        self.lock: InstanceLock | None = None
        self._writing = threading.Lock()
        # The first page's module is imported with the data; the other pages' once it shows (`proceed`), so
        # their imports do not compete with the first page's reading for the interpreter.
        self._proceed = threading.Event()
        self._connected = threading.Event()  # the loader may start before its receiver exists: it waits for it
        self.pages_imported = threading.Event()
        self._first_shown = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dzdesk-open-data", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def release_signals(self) -> None:
        """The receiver is connected: `loaded` or `failed` may be emitted."""
        self._connected.set()

    def first_shown(self) -> None:
        """The data read before the store opened is on screen: the loader goes on to open the store."""
        self._first_shown.set()

    def proceed(self) -> None:
        """The first page shows its data: the loader goes on to import the other pages."""
        self._proceed.set()

    def wait_for_writes(self) -> None:
        with self._writing:
            pass

    def release(self) -> None:
        """Closes what was opened; with the loader still at work, the process's end releases the lock."""
        if self.opened is not None:
            self.opened.store.close()
        if self.lock is not None and self.opened is not None:
            self.lock.release()

    def _run(self) -> None:
        try:
            opened = self._open()
        except Exception as exc:  # said in the window and on stderr by the receiver
            log.info("the data could not be opened: %s", exc)
            self._connected.wait()
            self.failed.emit(exc)
        else:
            self.opened = opened
            self._connected.wait()
            self.loaded.emit(opened)
            self._import_the_other_pages()

    def _import_the_other_pages(self) -> None:
        from dzdesk.ui.main_window import import_pages

        self._proceed.wait(timeout=PROCEED_AFTER_S)
        try:
            import_pages()
        except Exception:
            log.debug("importing the pages failed", exc_info=True)
        finally:  # a page that fails to import fails again, with its error, where the window builds it
            self.pages_imported.set()

    def _read_first_page(self) -> None:
        """The dashboard read with `sqlite3` and shown before SQLAlchemy and the models are imported (three tenths
        of a second on a 2-core laptop): its figures are on screen that much sooner. The loader waits for them to
        show before it goes on, so that its imports do not take the interpreter from the GUI thread meanwhile.
        Nothing is read when the kept statements cannot be trusted; the page reads once the store is open."""
        from dzdesk.reports.dashboard_plain import read_dashboard_plainly

        importlib.import_module(PAGES["dashboard"].partition(":")[0])  # off the GUI thread, which builds the page
        now = datetime.now(UTC)
        data = read_dashboard_plainly(self.data_dir, now, self.settings.probes.cert_warning_days)
        if data is None:
            return
        self._connected.wait()
        self.read_first.emit((data, now))
        self._first_shown.wait(SHOWN_FIRST_WAIT_S)

    def _open(self) -> Opened:
        from dzdesk.instance_lock import InstanceLock

        lock = InstanceLock(self.data_dir.lock_file)
        lock.acquire()
        self.lock = lock
        if self.first_page == "dashboard" and not self.data_dir.restore_note.exists():
            try:
                self._read_first_page()
            except Exception:  # only sooner: the page reads for itself once the store is open
                log.warning("the dashboard was not read before the store opened", exc_info=True)
        # SQLAlchemy and the models come with these: after the first page's early reading, never before it.
        from dzdesk.domain.catalogue import load_catalogue
        from dzdesk.store import open_store
        from dzdesk.store.backup import BackupError, run_pending_restore
        from dzdesk.ui.main_window import import_pages

        restored, restore_error = None, ""
        with self._writing:
            try:
                restored = run_pending_restore(self.data_dir)
            except BackupError as exc:
                restore_error = str(exc)
            store = open_store(self.data_dir, author=self.settings.profile.name)
        try:
            catalogue = load_catalogue(self.data_dir.catalogue_file)
            import_pages([self.first_page] if self.first_page else None)
        except BaseException:
            store.close()
            raise
        return Opened(store, catalogue, restored, restore_error)


class Startup(QObject):
    """Receives the loader's answer on the GUI thread (its methods are slots of an object that lives there)."""

    def __init__(self, app: QApplication, window: MainWindow, loader: DataLoader, data_dir: DataDir,
                 settings: Settings, quit_after_ready_ms: int | None) -> None:
        super().__init__(window)
        self.app, self.window, self.loader = app, window, loader
        self.data_dir, self.settings = data_dir, settings
        self.quit_after_ready_ms = quit_after_ready_ms
        self.failure = ""
        if quit_after_ready_ms is not None:  # the current page shows its data: read early, or on a worker
            window.data_shown.connect(self._quit_later)

    def read_first(self, read: tuple[DashboardData, datetime]) -> None:
        self.window.show_first_data(*read)
        self.loader.first_shown()

    def loaded(self, opened: Opened) -> None:
        from PySide6.QtCore import Qt  # here, not above: the shell shows without the Qt namespace

        from dzdesk.ui.context import AppContext

        app, window, settings = self.app, self.window, self.settings
        if opened.store.migration and opened.store.migration.backup:
            log.info("database migrated; backup kept at %s", opened.store.migration.backup)
        window.modules_ready = self.loader.pages_imported.is_set
        window.ready.connect(self.loader.proceed)
        # The daily backup starts once the first page shows its data, not beside its reading.
        window.ready.connect(window.start_auto_backup, Qt.ConnectionType.SingleShotConnection)
        window.attach(AppContext(data_dir=self.data_dir, settings=settings, store=opened.store,
                                 catalogue=opened.catalogue))
        if opened.restore_error:
            window.status.showMessage(app.translate("Startup", "The backup was not restored: %1").replace(
                "%1", opened.restore_error), 30000)
        elif opened.restored is not None:
            window.status.showMessage(app.translate("Startup", "Restored from %1; the data it replaced is in %2.")
                                      .replace("%1", str(opened.restored[0]))
                                      .replace("%2", str(opened.restored[1])), 30000)
        if not settings.profile.is_complete:
            QTimer.singleShot(0, window.first_run)
        log.info("dzdesk %s started on %s", __version__, self.data_dir.root)

    def _quit_later(self) -> None:
        QTimer.singleShot(max(self.quit_after_ready_ms or 0, 0), self.window.close)
        QTimer.singleShot(max(self.quit_after_ready_ms or 0, 0), self.app.quit)

    def failed(self, error: Exception) -> None:
        from dzdesk.instance_lock import AlreadyOpenError

        if isinstance(error, AlreadyOpenError):
            message = self.app.translate("Startup", "dzdesk is already open on the data directory %1. "
                                         "Switch to that window, or close it first.").replace(
                "%1", str(self.data_dir.root))
        else:
            message = str(error)
        self.failure = message
        self.window.hide()
        _say(self.app, message)
        self.app.exit(1)


def run_gui(data_dir: DataDir, quit_after_ms: int | None = None, quit_after_ready_ms: int | None = None) -> int:
    """`quit_after_ms` closes the window that long after it shows; `quit_after_ready_ms` that long after the data
    is on screen (smoke tests and start-up timing). Returns with the data closed; reads may still be running on
    the thread pool, which `dzdesk gui` ends with the process (a caller that goes on waits for the pool)."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "dzdesk.svg")))

    try:
        settings = Settings.load(data_dir.settings_file)
    except SettingsError as exc:
        return _fatal(app, str(exc))
    install_translations(app, settings.language)
    install_interface_font(app)

    window = MainWindow.shell(data_dir, settings)
    crash_report.install(data_dir.root, notify=CrashNotice(window))
    window.show()
    # The loader starts once the window is up: started before, its imports (SQLAlchemy above all) held the
    # interpreter while the window was being built, and the window came up 30–40 ms later.
    loader = DataLoader(data_dir, settings, first_page(window.navigation.currentRow()))
    loader.start()
    startup = Startup(app, window, loader, data_dir, settings, quit_after_ready_ms)
    # Emitted on the loader's thread to objects of the GUI thread: Qt queues them (an automatic connection), and the
    # shell needs no `Qt` namespace, whose enums cost the start 15–25 ms.
    loader.loaded.connect(startup.loaded)
    loader.failed.connect(startup.failed)
    loader.read_first.connect(startup.read_first)
    loader.release_signals()
    if quit_after_ms is not None:
        QTimer.singleShot(max(quit_after_ms, 0), window.close)
        QTimer.singleShot(max(quit_after_ms, 0), app.quit)
    try:
        code = app.exec()
    finally:
        # Work still running that must not be cut short (a save, a backup told to stop, a sync cancelled) ends
        # before the data closes under it; reads still running are left to the process's end.
        wait_for_work_that_must_finish(EXIT_WAIT_MS / 1000)
        loader.wait_for_writes()
        loader.release()
    return 1 if startup.failure else code


def refuse_to_start(message: str) -> int:
    """dzdesk cannot start (e.g. a read-only data directory): the reason on stderr, and in a dialog on a screen."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    return _fatal(app, message)


def _say(app: QApplication, message: str) -> None:
    log.error("%s", message)
    print(f"dzdesk: {message}", file=sys.stderr)
    if app.platformName() not in HEADLESS_PLATFORMS:
        QMessageBox.critical(None, "dzdesk", message)


def _fatal(app: QApplication, message: str) -> int:
    """Says why dzdesk cannot start: on stderr always, and in a dialog when there is a screen to show it on."""
    _say(app, message)
    return 1
