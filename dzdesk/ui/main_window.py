"""The main window: navigation on the left, one page per area, menus and the status bar.

Areas add themselves to `_build_pages`; the window only arranges them and remembers where the user left off.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

from dzdesk import __version__
from dzdesk.config import LANGUAGES
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.store.backup import BackupError, auto_backup, create_backup, schedule_restore, verify_backup
from dzdesk.store.outbox import pending_count
from dzdesk.sync.engine import SyncSummary
from dzdesk.ui.calendar_dialog import CalendarDialog
from dzdesk.ui.complaints.page import ComplaintsPage
from dzdesk.ui.context import AppContext
from dzdesk.ui.dashboard.page import DashboardPage
from dzdesk.ui.first_run import FirstRunWizard
from dzdesk.ui.help_dialogs import LogDialog, ShortcutsDialog
from dzdesk.ui.incidents.deadline_watch import DeadlineWatch
from dzdesk.ui.incidents.editor import IncidentEditor
from dzdesk.ui.incidents.page import IncidentsPage
from dzdesk.ui.indicators.page import IndicatorsPage
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.preferences import PreferencesDialog
from dzdesk.ui.probes.page import ProbesPage
from dzdesk.ui.probes.settings_dialog import ProbeSettingsDialog
from dzdesk.ui.profile_dialog import ProfileDialog
from dzdesk.ui.reports.page import ReportsPage
from dzdesk.ui.search.dialog import SearchDialog
from dzdesk.ui.status_bar import MainStatusBar
from dzdesk.ui.sync.controller import SyncController
from dzdesk.ui.sync.page import SyncPage
from dzdesk.ui.trainings.page import TrainingsPage
from dzdesk.ui.visits.page import VisitsPage

STATUS_REFRESH_MS = 5000


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("dzdesk — Dazhou platforms operations desk"))
        self.setMinimumSize(QSize(760, 520))

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(130)
        self.pages = QStackedWidget(self)
        self.dashboard = DashboardPage(ctx, self.pages)
        self.visits = VisitsPage(ctx, self.pages)
        self.incidents = IncidentsPage(ctx, self.pages)
        self.complaints = ComplaintsPage(ctx, self.pages)
        self.trainings = TrainingsPage(ctx, self.pages)
        self.probes = ProbesPage(ctx, self.pages)
        self.indicators = IndicatorsPage(ctx, self.pages)
        self.reports = ReportsPage(ctx, self.pages)
        self.sync = SyncController(ctx, self)
        self.sync_page = SyncPage(ctx, self.sync, self.pages)
        for title, page in self._build_pages():
            self.navigation.addItem(title)
            self.pages.addWidget(page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        for page in (self.incidents, self.complaints, self.visits, self.trainings, self.probes, self.indicators,
                     self.sync_page):
            page.records_changed.connect(self.refresh_status)
        self.sync.finished.connect(self._synced)
        self.sync.state_changed.connect(self._show_sync_state)
        self.sync.failed.connect(lambda text: self.status.showMessage(self.tr("Sync: %1").replace("%1", text), 10000))
        self.probes.records_changed.connect(self.incidents.reload)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status = MainStatusBar(ctx.data_dir, self)
        self.setStatusBar(self.status)
        self._build_menus()
        self._show_sync_state()

        self._window_state = QSettings(str(ctx.data_dir.window_state_file), QSettings.Format.IniFormat)
        self._restore_window_state()
        self.refresh_status()
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start(STATUS_REFRESH_MS)
        self.deadline_watch = DeadlineWatch(ctx.store, self.windowIcon(), self)
        self.deadline_watch.warning.connect(self._deadline_warning)
        self.probes.message.connect(lambda text: self.status.showMessage(text, 10000))
        self.dashboard.open_incident.connect(self.show_incident)
        self.reports.message.connect(lambda text: self.status.showMessage(text, 10000))
        self.indicators.message.connect(lambda text: self.status.showMessage(text, 10000))
        self.probes.state_changed.connect(self._probe_state_changed)
        QTimer.singleShot(0, self.deadline_watch.check)

    def _build_pages(self) -> list[tuple[str, QWidget]]:
        return [(self.tr("Dashboard"), self.dashboard), (self.tr("Visits"), self.visits),
                (self.tr("Incidents"), self.incidents),
                (self.tr("Complaints"), self.complaints), (self.tr("Training"), self.trainings),
                (self.tr("Probes"), self.probes), (self.tr("Indicators"), self.indicators),
                (self.tr("Reports"), self.reports), (self.tr("Sync"), self.sync_page)]

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        record_action = QAction(self.tr("&Record a fault…"), self)
        record_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        record_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        record_action.triggered.connect(self.record_fault)
        file_menu.addAction(record_action)
        file_menu.addSeparator()
        backup_action = QAction(self.tr("&Back up to a file…"), self)
        backup_action.triggered.connect(lambda: self.back_up())
        file_menu.addAction(backup_action)
        restore_action = QAction(self.tr("&Restore from a backup…"), self)
        restore_action.triggered.connect(lambda: self.restore())
        file_menu.addAction(restore_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        search_action = QAction(self.tr("&Search everywhere…"), self)
        search_action.setShortcut(QKeySequence("Ctrl+K"))
        search_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        search_action.triggered.connect(lambda: self.search())
        go_menu.addAction(search_action)
        go_menu.addSeparator()
        for row in range(self.navigation.count()):
            action = QAction(self.navigation.item(row).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.navigation.setCurrentRow(r))
            go_menu.addAction(action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        preferences_action = QAction(self.tr("P&references…"), self)
        preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        preferences_action.triggered.connect(lambda: self.preferences())
        settings_menu.addAction(preferences_action)
        settings_menu.addSeparator()
        profile_action = QAction(self.tr("Engineer &profile…"), self)
        profile_action.triggered.connect(self.edit_profile)
        settings_menu.addAction(profile_action)
        calendar_action = QAction(self.tr("Working &calendar…"), self)
        calendar_action.triggered.connect(self.edit_calendar)
        settings_menu.addAction(calendar_action)
        probes_action = QAction(self.tr("P&robes…"), self)
        probes_action.triggered.connect(self.edit_probe_settings)
        settings_menu.addAction(probes_action)
        language_menu = settings_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        names = {"zh_CN": "简体中文", "en": "English"}
        for code in LANGUAGES:
            action = QAction(names[code], self, checkable=True)
            action.setChecked(code == self.ctx.settings.language)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys_action = QAction(self.tr("&Keyboard shortcuts"), self)
        keys_action.setShortcut(QKeySequence("F1"))
        keys_action.triggered.connect(lambda: self.show_shortcuts())
        help_menu.addAction(keys_action)
        log_action = QAction(self.tr("Show the &log"), self)
        log_action.triggered.connect(lambda: self.show_log())
        help_menu.addAction(log_action)
        about_action = QAction(self.tr("&About dzdesk"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def show_incident(self, incident_id: str) -> IncidentEditor:
        """From the dashboard to the fault: its page, and its editor."""
        self.navigation.setCurrentRow(self.pages.indexOf(self.incidents))
        return self.incidents.open_incident(incident_id)

    def search(self) -> SearchDialog:
        dialog = SearchDialog(self.ctx, self)
        dialog.chosen.connect(self.show_record)
        dialog.open()
        return dialog

    def show_record(self, kind: str, record_id: str) -> QWidget | None:
        """A search result opened where it lives: its page, and its editor."""
        pages: dict[str, Any] = {"incidents": self.incidents, "complaints": self.complaints, "visits": self.visits,
                                 "trainings": self.trainings}
        page = pages.get(kind)
        if page is None:
            return None
        self.navigation.setCurrentRow(self.pages.indexOf(page))
        return page.open_record(record_id)

    def preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.ctx, self)
        dialog.open_calendar.connect(self.edit_calendar)
        dialog.open_probes.connect(self.edit_probe_settings)
        dialog.open_profile.connect(self.edit_profile)
        dialog.accepted.connect(lambda: (self.sync.schedule(self.ctx.settings.sync_interval_minutes * 60_000),
                                         self.status.showMessage(self.tr("Preferences saved."), 5000)))
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def show_log(self) -> LogDialog:
        dialog = LogDialog(self.ctx.data_dir, self)
        dialog.open()
        return dialog

    def first_run(self) -> FirstRunWizard:
        """The welcome on a new data directory; non-blocking like the profile dialog, so `--quit-after` works."""
        wizard = FirstRunWizard(self.ctx, self)
        wizard.accepted.connect(lambda: self._first_run_done(wizard))
        wizard.open()
        return wizard

    def _first_run_done(self, wizard: FirstRunWizard) -> None:
        self.dashboard.refresh()
        self.sync.schedule(1000)
        self._show_sync_state()
        self.status.showMessage(wizard.problem or self.tr("Welcome, %1.").replace(
            "%1", self.ctx.settings.profile.name), 15000)

    def start_auto_backup(self) -> None:
        """The daily backup, in the background once the window is up; a failure is said, never fatal."""
        data_dir, keep = self.ctx.data_dir, self.ctx.settings.backup_keep
        run_in_background(lambda: auto_backup(data_dir, keep=keep), lambda _path: None,
                          lambda exc: self.status.showMessage(
                              self.tr("The daily backup failed: %1").replace("%1", str(exc)), 30000))

    def back_up(self, target: Path | None = None) -> bool:
        if target is None:
            stamp = datetime.now(UTC).astimezone(SHANGHAI).strftime("%Y%m%d-%H%M")
            name, _filter = QFileDialog.getSaveFileName(self, self.tr("Back up to a file"),
                                                        str(Path.home() / f"dzdesk-备份-{stamp}.zip"),
                                                        self.tr("Backups (*.zip)"))
            if not name:
                return False
            target = Path(name)
        data_dir = self.ctx.data_dir
        self.status.showMessage(self.tr("Backing up…"))
        run_in_background(lambda: create_backup(data_dir, target),
                          lambda manifest: self.status.showMessage(
                              self.tr("Backed up %1 records and %2 files to %3").replace("%1", str(manifest.records))
                              .replace("%2", str(len(manifest.blobs))).replace("%3", str(target)), 15000),
                          lambda exc: QMessageBox.warning(self, self.tr("Backup failed"), str(exc)))
        return True

    def restore(self, source: Path | None = None, confirm: bool = True) -> bool:
        """Checks the backup now; the restore itself happens when dzdesk next starts, before the data opens."""
        if source is None:
            name, _filter = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup"), str(Path.home()),
                                                        self.tr("Backups (*.zip)"))
            if not name:
                return False
            source = Path(name)
        try:
            manifest = verify_backup(source)
        except BackupError as exc:
            QMessageBox.warning(self, self.tr("Not restored"), str(exc))
            return False
        question = self.tr("Replace the data in %1 with the backup of %2 (%3 records)? The current data is kept "
                           "under backups/. dzdesk will close; start it again to finish.").replace(
            "%1", str(self.ctx.data_dir.root)).replace("%2", manifest.created_at[:16]).replace(
            "%3", str(manifest.records))
        if confirm and QMessageBox.question(self, self.tr("Restore from a backup"), question) \
                != QMessageBox.StandardButton.Yes:
            return False
        schedule_restore(self.ctx.data_dir, source)
        self.close()
        return True

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
        self.status.show_connection(self.sync.online, self.sync.configured, self.sync.last_sync)

    def _synced(self, summary: SyncSummary) -> None:
        """Records pulled from the team appear in every list without the user asking."""
        if summary.pulled or summary.rejected:
            for page in (self.incidents, self.complaints, self.visits, self.trainings, self.probes, self.indicators):
                page.reload()
        self.refresh_status()

    def refresh_status(self) -> None:
        with self.ctx.store.session() as session:
            pending = pending_count(session)
        self.status.show_pending(pending)
        if pending:
            self.sync.local_change()
        if self.pages.currentWidget() is self.dashboard:
            self.dashboard.refresh()

    def edit_profile(self) -> ProfileDialog:
        """Opens the profile dialog without blocking, so start-up and `--quit-after` never wait on it."""
        dialog = ProfileDialog(self.ctx.settings.profile, self)
        dialog.accepted.connect(lambda: self._save_profile(dialog))
        dialog.open()
        return dialog

    def edit_calendar(self) -> CalendarDialog:
        dialog = CalendarDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._calendar_saved(dialog))
        dialog.open()
        return dialog

    def edit_probe_settings(self) -> ProbeSettingsDialog:
        dialog = ProbeSettingsDialog(self.ctx, self)
        dialog.accepted.connect(self._probe_settings_saved)
        dialog.open()
        return dialog

    def _probe_settings_saved(self) -> None:
        self.probes.sweeper.apply_interval()
        self.probes.reload()
        self.status.showMessage(self.tr("Probe settings saved."), 5000)

    def _calendar_saved(self, dialog: CalendarDialog) -> None:
        self.incidents.reload()
        self.incidents.show_calendar_warning()
        self.refresh_status()
        self.status.showMessage(self.tr("Calendar saved; %n deadline(s) moved.", "", dialog.moved), 8000)

    def _save_profile(self, dialog: ProfileDialog) -> None:
        self.ctx.settings.profile = dialog.profile()
        self.ctx.save_settings()
        self.dashboard.refresh()
        self.status.showMessage(self.tr("Profile saved."), 5000)

    def set_language(self, code: str) -> None:
        if code == self.ctx.settings.language:
            return
        self.ctx.settings.language = code
        self.ctx.save_settings()
        self.status.showMessage(self.tr("The language changes the next time dzdesk starts."), 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About dzdesk"),
            self.tr("dzdesk %1\nOperations desk for the Dazhou construction credit platform and the "
                    "engineering-project approval system.\n\nData directory: %2")
            .replace("%1", __version__).replace("%2", str(self.ctx.data_dir.root)),
        )

    def _restore_window_state(self) -> None:
        geometry = self._window_state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        state = self._window_state.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        row = int(self._window_state.value("page", 0) or 0)
        self.navigation.setCurrentRow(row if 0 <= row < self.navigation.count() else 0)

    def save_window_state(self) -> None:
        self._window_state.setValue("geometry", self.saveGeometry())
        self._window_state.setValue("state", self.saveState())
        self._window_state.setValue("page", self.navigation.currentRow())
        self._window_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_window_state()
        self._status_timer.stop()
        self.probes.shutdown()
        self.sync.stop()
        super().closeEvent(event)
