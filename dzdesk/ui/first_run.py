"""The first start: who you are, which platforms you serve, the team's hub (or working offline for now), and an
offer to look around in demo data kept in a separate folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dzdesk.domain.profile import EngineerProfile
from dzdesk.secrets import KeyringUnavailableError, hub_token_key, set_secret
from dzdesk.ui.context import AppContext
from dzdesk.ui.profile_dialog import ProfileDialog

DEMO_FOLDER = "dzdesk-demo"


class _ProfilePage(QWizardPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Who you are"))  # the form below says what the name is for
        # The profile dialog's form and checks, without its buttons.
        self.dialog = ProfileDialog(ctx.settings.profile, self)
        self.dialog.buttons.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.dialog.form)
        for edit in (self.dialog.name_edit, self.dialog.phone_edit, self.dialog.team_edit):
            edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.dialog.profile().is_complete


class _PlatformsPage(QWizardPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setTitle(self.tr("The platforms you serve"))
        self.setSubTitle(self.tr("New faults and visits start with these; you can still record any platform."))
        layout = QVBoxLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        for platform in ctx.catalogue.platforms:
            check = QCheckBox(platform.name, self)
            check.setChecked(platform.code in (ctx.settings.platforms or [p.code for p in ctx.catalogue.platforms]))
            check.toggled.connect(self.completeChanged)
            layout.addWidget(check)
            self.checks[platform.code] = check
        layout.addStretch(1)

    def chosen(self) -> list[str]:
        return [code for code, check in self.checks.items() if check.isChecked()]

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.chosen())


class _HubPage(QWizardPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setTitle(self.tr("The team's hub"))
        self.setSubTitle(self.tr("dzdesk works offline; with the hub, your records reach the team when there is a "
                                 "network."))
        self.offline = QRadioButton(self.tr("Work &offline for now (sign in later under 同步)"), self)
        self.online = QRadioButton(self.tr("&Sign in to the hub"), self)
        self.offline.setChecked(not ctx.settings.hub_url)
        self.online.setChecked(bool(ctx.settings.hub_url))
        self.url = QLineEdit(ctx.settings.hub_url, self)
        self.url.setPlaceholderText("https://hub.example")
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("the token your team lead gave you"))
        layout = QVBoxLayout(self)
        for widget in (self.offline, self.online, self.url, self.token):
            layout.addWidget(widget)
        layout.addStretch(1)
        for widget in (self.url, self.token):
            widget.textChanged.connect(self.completeChanged)
        self.online.toggled.connect(self._toggle)
        self._toggle(self.online.isChecked())

    def _toggle(self, online: bool) -> None:
        self.url.setEnabled(online)
        self.token.setEnabled(online)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.offline.isChecked() or bool(self.url.text().strip() and self.token.text().strip())


class _DemoPage(QWizardPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setTitle(self.tr("Look around first?"))
        self.setSubTitle(self.tr("Demo data fills a separate folder with a year of sample records; your own data "
                                 "stays empty and apart."))
        self.button = QPushButton(self.tr("Open &demo data in a second window"), self)
        self.button.clicked.connect(self.open_demo)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.button)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def demo_folder(self) -> Path:
        return self.ctx.data_dir.root.parent / DEMO_FOLDER

    def open_demo(self, launch: bool = True) -> Path:
        """Fills the demo folder (once) and starts a second dzdesk on it, leaving this one untouched."""
        folder = self.demo_folder()
        command = [sys.executable, "-m", "dzdesk"] if not getattr(sys, "frozen", False) else [sys.executable]
        if not (folder / "dzdesk.sqlite3").exists():
            self.status.setText(self.tr("Writing demo data…"))
            subprocess.run([*command, "demo", "--data-dir", str(folder)], check=False, capture_output=True,
                           timeout=300)
        if launch:
            subprocess.Popen([*command, "gui", "--data-dir", str(folder)], start_new_session=True)
        self.status.setText(self.tr("Demo data is in %1.").replace("%1", str(folder)))
        return folder


class FirstRunWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Welcome to dzdesk"))
        self.profile_page = _ProfilePage(ctx)
        self.platforms_page = _PlatformsPage(ctx)
        self.hub_page = _HubPage(ctx)
        self.demo_page = _DemoPage(ctx)
        for page in (self.profile_page, self.platforms_page, self.hub_page, self.demo_page):
            self.addPage(page)
        self.problem = ""

    def accept(self) -> None:
        settings = self.ctx.settings
        profile: EngineerProfile = self.profile_page.dialog.profile()
        settings.profile = profile
        settings.platforms = self.platforms_page.chosen()
        if self.hub_page.online.isChecked():
            url = self.hub_page.url.text().strip().rstrip("/")
            try:
                set_secret(hub_token_key(url), self.hub_page.token.text().strip())
                settings.hub_url = url
            except KeyringUnavailableError as exc:
                self.problem = str(exc)  # said in the status bar; the rest of the setup is kept
        self.ctx.save_settings()
        super().accept()
