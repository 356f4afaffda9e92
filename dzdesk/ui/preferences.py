"""Settings → Preferences: everything configurable in one place, or one click away (calendar, probes, profile)."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dzdesk.config import LANGUAGES
from dzdesk.ui.context import AppContext


class PreferencesDialog(QDialog):
    open_calendar = Signal()
    open_probes = Signal()
    open_profile = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        settings = ctx.settings
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox(self)
        for code, name in zip(LANGUAGES, ("简体中文", "English"), strict=True):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.sync_interval = QSpinBox(self)
        self.sync_interval.setRange(1, 24 * 60)
        self.sync_interval.setValue(settings.sync_interval_minutes)
        self.sync_interval.setSuffix(self.tr(" min"))
        self.hub = QLabel(settings.hub_url or self.tr("none (working offline)"), self)
        self.ca_bundle = QLineEdit(settings.hub_ca_bundle, self)
        self.ca_bundle.setPlaceholderText(self.tr("only for a hub behind the team's own CA"))
        self.backup_keep = QSpinBox(self)
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setValue(settings.backup_keep)
        self.data_dir = QLineEdit(str(ctx.data_dir.root), self)
        self.data_dir.setReadOnly(True)
        open_folder = QPushButton(self.tr("&Open"), self)
        open_folder.clicked.connect(self.open_data_dir)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_dir, 1)
        folder_row.addWidget(open_folder)
        form = QFormLayout()
        form.addRow(self.tr("&Language (after a restart)"), self.language)
        form.addRow(self.tr("Hub"), self.hub)
        form.addRow(self.tr("&Sync every"), self.sync_interval)
        form.addRow(self.tr("Hub &CA bundle (PEM)"), self.ca_bundle)
        form.addRow(self.tr("Daily &backups kept"), self.backup_keep)
        form.addRow(self.tr("Data directory"), folder_row)
        more = QHBoxLayout()
        for text, signal in ((self.tr("Engineer &profile…"), self.open_profile),
                             (self.tr("Working &calendar…"), self.open_calendar),
                             (self.tr("P&robes…"), self.open_probes)):
            button = QPushButton(text, self)
            button.clicked.connect(signal.emit)
            more.addWidget(button)
        more.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(more)
        layout.addWidget(self.buttons)

    def open_data_dir(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir.root)))

    def accept(self) -> None:
        settings = self.ctx.settings
        settings.language = self.language.currentData()
        settings.sync_interval_minutes = self.sync_interval.value()
        settings.hub_ca_bundle = self.ca_bundle.text().strip()
        settings.backup_keep = self.backup_keep.value()
        self.ctx.save_settings()
        super().accept()
