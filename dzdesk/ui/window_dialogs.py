"""The dialogs the window's menus open over any page — preferences, profile, calendar, alerts, probe settings, the
first-run welcome, shortcuts, the log, about — and what the window does once one is saved. Mixed into `MainWindow`
(it uses the window's context, status bar, sync and pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from dzdesk import __version__

if TYPE_CHECKING:
    from dzdesk.ui.alerts_dialog import AlertsDialog
    from dzdesk.ui.calendar_dialog import CalendarDialog
    from dzdesk.ui.first_run import FirstRunWizard
    from dzdesk.ui.help_dialogs import LogDialog, ShortcutsDialog
    from dzdesk.ui.preferences import PreferencesDialog
    from dzdesk.ui.probes.settings_dialog import ProbeSettingsDialog
    from dzdesk.ui.profile_dialog import ProfileDialog


class WindowDialogs:
    def preferences(self) -> PreferencesDialog:
        from dzdesk.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.ctx, self)
        dialog.open_calendar.connect(self.edit_calendar)
        dialog.open_probes.connect(self.edit_probe_settings)
        dialog.open_profile.connect(self.edit_profile)
        dialog.accepted.connect(lambda: (self.sync.schedule(self.ctx.settings.sync_interval_minutes * 60_000),
                                         self.status.showMessage(self.tr("Preferences saved."), 5000)))
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        from dzdesk.ui.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def show_log(self) -> LogDialog:
        from dzdesk.ui.help_dialogs import LogDialog

        dialog = LogDialog(self.data_dir, self)
        dialog.open()
        return dialog

    def first_run(self) -> FirstRunWizard:
        """The welcome on a new data directory; non-blocking like the profile dialog, so `--quit-after` works."""
        from dzdesk.ui.first_run import FirstRunWizard

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

    def edit_profile(self) -> ProfileDialog:
        """Opens the profile dialog without blocking, so start-up and `--quit-after` never wait on it."""
        from dzdesk.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.ctx.settings.profile, self)
        dialog.accepted.connect(lambda: self._save_profile(dialog))
        dialog.open()
        return dialog

    def edit_calendar(self) -> CalendarDialog:
        from dzdesk.ui.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._calendar_saved(dialog))
        dialog.open()
        return dialog

    def edit_alerts(self) -> AlertsDialog:
        from dzdesk.ui.alerts_dialog import AlertsDialog

        dialog = AlertsDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.status.showMessage(
            self.tr("Alert channels saved; they reach the team at its next sync."), 8000))
        dialog.open()
        return dialog

    def edit_probe_settings(self) -> ProbeSettingsDialog:
        from dzdesk.ui.probes.settings_dialog import ProbeSettingsDialog

        dialog = ProbeSettingsDialog(self.ctx, self)
        dialog.accepted.connect(self._probe_settings_saved)
        dialog.open()
        return dialog

    def _probe_settings_saved(self) -> None:
        self.probes.sweeper.apply_interval()
        self.probes.reload()
        self.status.showMessage(self.tr("Probe settings saved."), 5000)

    def _calendar_saved(self, dialog: CalendarDialog) -> None:
        self.incidents.show_calendar_warning()  # the moved deadlines reach the pages as a change of the store
        self.status.showMessage(self.tr("Calendar saved; %n deadline(s) moved.", "", dialog.moved), 8000)

    def _save_profile(self, dialog: ProfileDialog) -> None:
        self.ctx.settings.profile = dialog.profile()
        self.ctx.save_settings()
        self.dashboard.refresh()
        self.status.showMessage(self.tr("Profile saved."), 5000)

    def set_language(self, code: str) -> None:
        if code == self.settings.language:
            return
        self.settings.language = code
        if self.ctx is not None:
            self.ctx.save_settings()
        else:
            self.settings.save(self.data_dir.settings_file)
        self.status.showMessage(self.tr("The language changes the next time dzdesk starts."), 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About dzdesk"),
            self.tr("dzdesk %1\nOperations desk for the Dazhou construction credit platform and the "
                    "engineering-project approval system.\n\nData directory: %2")
            .replace("%1", __version__).replace("%2", str(self.data_dir.root)),
        )
