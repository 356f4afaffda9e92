"""The window's backups: the daily one in the background, one to a file the user chooses, and a restore checked now
and carried out at the next start. Mixed into `MainWindow` (it uses the window's context, status bar and close)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from dzdesk.domain.timefmt import format_local


class BackupActions:
    def start_auto_backup(self) -> None:
        """The daily backup, in the background once the window is up; a failure is said, never fatal."""
        from dzdesk.store.backup import BackupCancelledError, auto_backup
        from dzdesk.ui.operations import run_in_background

        data_dir, keep, cancel = self.ctx.data_dir, self.ctx.settings.backup_keep, self._backup_cancel

        def work() -> Path | None:
            try:
                return auto_backup(data_dir, keep=keep, cancel=cancel)
            except BackupCancelledError:  # the window closed mid-way: the next start makes the day's backup
                return None

        run_in_background(work, lambda _path: None, lambda exc: self.status.showMessage(
            self.tr("The daily backup failed: %1").replace("%1", str(exc)), 30000))

    def back_up(self, target: Path | None = None) -> bool:
        from dzdesk.store.backup import create_backup
        from dzdesk.ui.operations import run_in_background

        if target is None:
            stamp = format_local(datetime.now(UTC), "%Y%m%d-%H%M")
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
        from dzdesk.store.backup import BackupError, schedule_restore, verify_backup

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
