"""Settings → Probes: how often to sweep, how many results confirm a change, certificate warning, trust anchors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dzdesk.config import ProbeSettings
from dzdesk.probes.options import ProbeOptions, ProbeOptionsError
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style


def _spin(low: int, high: int, value: int, suffix: str, parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class ProbeSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Probe settings"))
        current = ctx.settings.probes
        self.interval = _spin(0, 24 * 60, current.interval_minutes, self.tr(" min"), self)
        self.interval.setSpecialValueText(self.tr("only when asked"))
        self.failures = _spin(1, 100, current.confirm_failures, "", self)
        self.successes = _spin(1, 100, current.confirm_successes, "", self)
        self.cert_days = _spin(0, 365, current.cert_warning_days, self.tr(" d"), self)
        self.concurrency = _spin(1, 256, current.concurrency, "", self)
        self.ca_bundle = QLineEdit(current.ca_bundle, self)
        self.ca_bundle.setPlaceholderText(self.tr("the operating system's certificates"))
        browse = QPushButton(icon("search"), self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        self.network = QLineEdit(current.network, self)
        self.network.setMaxLength(80)
        self.network.setPlaceholderText(self.tr("e.g. 达川区政务服务中心内网"))
        self.network.setToolTip(self.tr("Where this laptop probes from: the team reads it beside each result"))
        form = QFormLayout()
        form.addRow(self.tr("Sweep &every"), self.interval)
        form.addRow(self.tr("&Down after consecutive failures"), self.failures)
        form.addRow(self.tr("&Up again after consecutive successes"), self.successes)
        form.addRow(self.tr("&Certificate warning"), self.cert_days)
        form.addRow(self.tr("&Targets probed at once"), self.concurrency)
        form.addRow(self.tr("Extra &CA bundle (PEM)"), ca_row)
        form.addRow(self.tr("&Network probed from"), self.network)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        themed_style(self.problem, problem_style)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("CA bundle"), str(Path.home()),
                                                    self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if name:
            self.ca_bundle.setText(name)

    def chosen(self) -> ProbeSettings:
        return replace(self.ctx.settings.probes, interval_minutes=self.interval.value(),
                       confirm_failures=self.failures.value(), confirm_successes=self.successes.value(),
                       cert_warning_days=self.cert_days.value(), concurrency=self.concurrency.value(),
                       ca_bundle=self.ca_bundle.text().strip(), network=self.network.text().strip())

    def accept(self) -> None:
        chosen = self.chosen()
        if chosen.ca_bundle:
            try:
                ProbeOptions(ca_bundle=chosen.ca_bundle).verifying_context  # noqa: B018 - reads the bundle
            except ProbeOptionsError:
                self.problem.setText(self.tr("The CA bundle %1 cannot be read as PEM certificates.")
                                     .replace("%1", chosen.ca_bundle))
                return
        self.ctx.settings.probes = chosen
        self.ctx.save_settings()
        super().accept()
