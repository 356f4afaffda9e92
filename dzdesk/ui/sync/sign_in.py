"""Signing in to the team's hub: its address and the token the lead handed out, checked before it is kept."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dzdesk.secrets import KeyringUnavailableError, hub_token_key, set_secret
from dzdesk.sync.client import HubAuthError, HubClient, HubError
from dzdesk.sync.protocol import Me
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style


class SignInDialog(QDialog):
    signed_in = Signal(str)  # the account's name

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Sign in to the hub"))
        self.resize(520, 220)
        self.url = QLineEdit(ctx.settings.hub_url, self)
        self.url.setPlaceholderText("https://hub.example")
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_bundle = QLineEdit(ctx.settings.hub_ca_bundle, self)
        self.ca_bundle.setPlaceholderText(self.tr("only for a hub behind the team's own CA"))
        form = QFormLayout()
        form.addRow(self.tr("Hub &address"), self.url)
        form.addRow(self.tr("&Token"), self.token)
        form.addRow(self.tr("&CA bundle (PEM)"), self.ca_bundle)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        button_box_icons(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setIcon(icon("login"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        url, token, ca_bundle = self.url.text().strip().rstrip("/"), self.token.text().strip(), \
            self.ca_bundle.text().strip()
        if self.ctx.settings.demo:
            self._say(self.tr("This is a demo data directory; its sample records never sync."), problem=True)
            return
        if not url or not token:
            self._say(self.tr("Enter the hub's address and your token."), problem=True)
            return
        self.buttons.setEnabled(False)
        self._say(self.tr("Checking the token with the hub…"))

        def work() -> Me:
            with HubClient(url, token, ca_bundle) as client:
                return client.me()

        run_in_background(work, lambda me: self._accepted(url, token, ca_bundle, me), self._refused)

    def _refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, HubAuthError):
            self._say(self.tr("The hub does not know this token, or it was revoked."), problem=True)
        elif isinstance(exc, HubError):
            self._say(self.tr("The hub cannot be used: %1").replace("%1", str(exc)), problem=True)
        else:
            self._say(str(exc), problem=True)

    def _accepted(self, url: str, token: str, ca_bundle: str, me: Me) -> None:
        self.buttons.setEnabled(True)
        try:
            set_secret(hub_token_key(url), token)
        except KeyringUnavailableError as exc:
            self._say(str(exc), problem=True)
            return
        self.ctx.settings.hub_url, self.ctx.settings.hub_ca_bundle = url, ca_bundle
        self.ctx.save_settings()
        self.signed_in.emit(me.name)
        super().accept()

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        themed_style(self.message, problem_style, bool(problem))
