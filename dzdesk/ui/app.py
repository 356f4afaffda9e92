"""Start-up of the desktop app: wires the pieces once and hands them to the window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dzdesk import APP_NAME, __version__
from dzdesk.config import DataDir, Settings, SettingsError
from dzdesk.domain.catalogue import CatalogueError, load_catalogue
from dzdesk.instance_lock import AlreadyOpenError, InstanceLock
from dzdesk.paths import resources_dir
from dzdesk.store import SchemaError, open_store
from dzdesk.store.backup import BackupError, run_pending_restore
from dzdesk.ui.context import AppContext
from dzdesk.ui.fonts import install_cjk_fallback
from dzdesk.ui.i18n import install_translations
from dzdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
HEADLESS_PLATFORMS = {"offscreen", "minimal"}


def run_gui(data_dir: DataDir, quit_after_ms: int | None = None) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "dzdesk.svg")))

    try:
        settings = Settings.load(data_dir.settings_file)
    except SettingsError as exc:
        return _fatal(app, str(exc))
    install_translations(app, settings.language)
    install_cjk_fallback(app)

    lock = InstanceLock(data_dir.lock_file)
    try:
        lock.acquire()
    except AlreadyOpenError:
        return _fatal(app, app.translate(
            "Startup", "dzdesk is already open on the data directory %1. "
            "Switch to that window, or close it first.").replace("%1", str(data_dir.root)))
    restore_message = ""
    try:
        restored = run_pending_restore(data_dir)
    except BackupError as exc:
        restore_message = app.translate("Startup", "The backup was not restored: %1").replace("%1", str(exc))
    else:
        if restored is not None:
            restore_message = app.translate("Startup", "Restored from %1; the data it replaced is in %2.").replace(
                "%1", str(restored[0])).replace("%2", str(restored[1]))
    try:
        store = open_store(data_dir, author=settings.profile.name)
        catalogue = load_catalogue(data_dir.catalogue_file)
    except (SchemaError, CatalogueError) as exc:
        lock.release()
        return _fatal(app, str(exc))
    if store.migration and store.migration.backup:
        log.info("database migrated; backup kept at %s", store.migration.backup)

    ctx = AppContext(data_dir=data_dir, settings=settings, store=store, catalogue=catalogue)
    window = MainWindow(ctx)
    window.show()
    if restore_message:
        window.status.showMessage(restore_message, 30000)
    window.start_auto_backup()
    if not settings.profile.is_complete:
        QTimer.singleShot(0, window.first_run)
    if quit_after_ms is not None:
        QTimer.singleShot(max(quit_after_ms, 0), window.close)
        QTimer.singleShot(max(quit_after_ms, 0), app.quit)
    log.info("dzdesk %s started on %s", __version__, data_dir.root)
    try:
        return app.exec()
    finally:
        store.close()
        lock.release()


def _fatal(app: QApplication, message: str) -> int:
    """Says why dzdesk cannot start: on stderr always, and in a dialog when there is a screen to show it on."""
    log.error("%s", message)
    print(f"dzdesk: {message}", file=sys.stderr)
    if app.platformName() not in HEADLESS_PLATFORMS:
        QMessageBox.critical(None, "dzdesk", message)
    return 1
