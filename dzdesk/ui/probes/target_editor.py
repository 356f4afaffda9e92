"""Adding or changing one probe target. The widgets rule out most mistakes; the rest are named before saving."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.probe_target import MAX_TIMEOUT_S, ProbeKind, ProbeTarget, TargetsFileError, target_from_mapping
from dzdesk.operations.probe_targets import TargetGoneError, TargetSaved, save_probe_target
from dzdesk.probes.stored import password_key
from dzdesk.secrets import KeyringUnavailableError, delete_secret, get_secret, set_secret
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import TargetNameTakenError
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.status_bar import say_both_kept
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead


class TargetEditor(QDialog):
    saved = Signal(str)

    def __init__(self, ctx: AppContext, target_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target_id = target_id
        self._shown: ProbeTarget | None = None
        self.setWindowTitle(self.tr("Edit probe target") if target_id else self.tr("New probe target"))
        self.resize(560, 600)
        self.name = QLineEdit(self)
        self.platform = QComboBox(self)
        for platform in ctx.catalogue.platforms:
            self.platform.addItem(platform.short_name, platform.code)
        self.kind = QComboBox(self)
        for kind, text in ((ProbeKind.HTTP, self.tr("HTTP(S) page")), (ProbeKind.TLS, self.tr("TLS certificate")),
                           (ProbeKind.TCP, self.tr("TCP port")), (ProbeKind.DNS, self.tr("DNS name"))):
            self.kind.addItem(text, str(kind))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://")
        self.host = QLineEdit(self)
        self.port = QSpinBox(self)
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("—"))
        self.expect_status = QSpinBox(self)
        self.expect_status.setRange(99, 599)
        self.expect_status.setSpecialValueText(self.tr("any below 400"))
        self.keyword = QLineEdit(self)
        self.timeout = QDoubleSpinBox(self)
        self.timeout.setRange(0.5, MAX_TIMEOUT_S)
        self.timeout.setSuffix(self.tr(" s"))
        self.latency = QSpinBox(self)
        self.latency.setRange(0, 600_000)
        self.latency.setSingleStep(100)
        self.latency.setSpecialValueText(self.tr("none"))
        self.latency.setSuffix(self.tr(" ms"))
        self.verify = QCheckBox(self.tr("Verify the certificate"), self)
        self.verify_warning = QLabel(self.tr("⚠ Without verification a forged server is not noticed. The board marks "
                                             "this target with a warning."), self)
        self.verify_warning.setWordWrap(True)
        themed_style(self.verify_warning, problem_style)
        self.cert_days = QSpinBox(self)
        self.cert_days.setRange(-1, 365)
        self.cert_days.setSpecialValueText(self.tr("default (%1 d)").replace(
            "%1", str(ctx.settings.probes.cert_warning_days)))
        self.module = QComboBox(self)
        self.module.setEditable(True)
        self.district = QComboBox(self)
        self.district.setEditable(True)
        self.district.addItems(["", *ctx.catalogue.districts])
        self.username = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel(self)
        self.enabled = QCheckBox(self.tr("Probe this target"), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

        self.form = QFormLayout()
        rows = [(self.tr("&Name"), self.name), (self.tr("&Platform"), self.platform), (self.tr("&Kind"), self.kind),
                (self.tr("&Address (URL)"), self.url), (self.tr("&Host"), self.host), (self.tr("P&ort"), self.port),
                (self.tr("Expected &status"), self.expect_status), (self.tr("Page &keyword"), self.keyword),
                (self.tr("&Timeout"), self.timeout), (self.tr("&Latency threshold"), self.latency),
                ("", self.verify), ("", self.verify_warning), (self.tr("Certificate &warning"), self.cert_days),
                (self.tr("&Module / subsystem"), self.module), (self.tr("&District"), self.district),
                (self.tr("&User name"), self.username), (self.tr("Pass&word"), self.password),
                ("", self.password_note), ("", self.enabled), (self.tr("No&tes"), self.notes)]
        for label, widget in rows:
            self.form.addRow(label, widget)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        themed_style(self.problem, problem_style)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.platform.currentIndexChanged.connect(self._fill_modules)
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.verify.toggled.connect(self._show_fields)
        self.url.textChanged.connect(self._show_fields)
        for edit in (self.name, self.url, self.host, self.username):
            edit.textChanged.connect(self._validate)
        self.port.valueChanged.connect(self._validate)
        self.kind.currentIndexChanged.connect(self._validate)
        self.writing = BackgroundWrite(self, [self.buttons.button(QDialogButtonBox.StandardButton.Save)])
        self.loaded = target_id is None  # a target to change is read on a worker; Save waits for it
        self._show(ProbeTarget(name="", platform=self.ctx.catalogue.platforms[0].code))
        if target_id is not None:
            self._enable_fields(False)
            self.loading = LatestRead(self, self._load_work, self._loaded, self._not_loaded)
            self.loading.request()
        self.name.setFocus()

    @property
    def busy(self) -> bool:
        """The target is still being read, or is being saved, on a worker."""
        return not self.loaded or self.writing.running

    def _enable_fields(self, enabled: bool) -> None:
        """Off while the target is read: nothing typed before it arrives is overwritten by it."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                item.widget().setEnabled(enabled)

    def _load_work(self) -> Callable[[], ProbeTarget]:
        store, target_id = self.ctx.store, self.target_id

        def work() -> ProbeTarget:
            with store.session() as session:
                record = session.get(ProbeTargetRecord, target_id)
                if record is None:
                    raise TargetGoneError(f"no probe target {target_id}")
                return record.to_target()

        return work

    def _loaded(self, target: ProbeTarget) -> None:
        self.loaded = True
        self._enable_fields(True)
        self._show(target)
        self._shown = self._as_shown()
        self.name.setFocus()

    def _as_shown(self) -> ProbeTarget | None:
        """The target as the fields show it before any edit: a save writes only what differs from it, so what a
        pull changed while the editor was open stays (`dzdesk.store.edit_conflicts`)."""
        try:
            return target_from_mapping(self.values(), platforms=tuple(p.code for p in self.ctx.catalogue.platforms))
        except (ValueError, TypeError, KeyError):
            return None

    def _not_loaded(self, exc: Exception) -> None:
        self.problem.setText(self.tr("This target could not be read: %1").replace("%1", str(exc)))

    def _show(self, target: ProbeTarget) -> None:
        self.name.setText(target.name)
        self.platform.setCurrentIndex(max(0, self.platform.findData(target.platform)))
        self._fill_modules()
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(target.kind))))
        self.url.setText(target.url)
        self.host.setText(target.host)
        self.port.setValue(target.port or 0)
        self.expect_status.setValue(target.expect_status or 99)
        self.keyword.setText(target.keyword)
        self.timeout.setValue(float(target.timeout_s))
        self.latency.setValue(target.latency_threshold_ms or 0)
        self.verify.setChecked(target.verify_tls)
        self.cert_days.setValue(-1 if target.cert_warning_days is None else target.cert_warning_days)
        self.module.setCurrentText(target.module)
        self.district.setCurrentText(target.district)
        self.username.setText(target.username)
        self.enabled.setChecked(target.enabled)
        self.notes.setPlainText(target.notes)
        self._stored_password = self._read_password(target.name) if target.username else None
        self.password_note.setText(self.tr("A password is stored in the system keyring; leave the field empty to "
                                           "keep it.") if self._stored_password else "")
        self._show_fields()
        self._validate()

    def _read_password(self, name: str) -> str | None:
        try:
            return get_secret(password_key(name))
        except KeyringUnavailableError:
            return None

    def _fill_modules(self) -> None:
        current = self.module.currentText()
        self.module.clear()
        code = self.platform.currentData()
        modules = next((p.modules for p in self.ctx.catalogue.platforms if p.code == code), ())
        self.module.addItems(["", *modules])
        self.module.setCurrentText(current)

    def _show_fields(self) -> None:
        kind = ProbeKind(self.kind.currentData())
        shown = {
            self.url: kind in (ProbeKind.HTTP, ProbeKind.TLS),
            # A certificate can be checked at a URL or at a host and port (a service that is not a web page).
            self.host: kind in (ProbeKind.TCP, ProbeKind.DNS, ProbeKind.TLS),
            self.port: kind in (ProbeKind.TCP, ProbeKind.TLS),
            self.expect_status: kind is ProbeKind.HTTP, self.keyword: kind is ProbeKind.HTTP,
            self.username: kind is ProbeKind.HTTP, self.password: kind is ProbeKind.HTTP,
            self.password_note: kind is ProbeKind.HTTP,
            self.verify: kind is ProbeKind.TLS or self.url.text().strip().startswith("https://"),
        }
        shown[self.verify_warning] = shown[self.verify] and not self.verify.isChecked()
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)

    def values(self) -> dict[str, Any]:
        """The target as a mapping, the way a targets file would hold it (fields hidden for this kind dropped)."""
        kind = ProbeKind(self.kind.currentData())
        values: dict[str, Any] = {"name": self.name.text(), "platform": self.platform.currentData(),
                                  "kind": str(kind), "timeout_s": round(self.timeout.value(), 1),
                                  "verify_tls": self.verify.isChecked(), "enabled": self.enabled.isChecked(),
                                  "module": self.module.currentText(), "district": self.district.currentText(),
                                  "notes": self.notes.toPlainText()}
        if kind in (ProbeKind.HTTP, ProbeKind.TLS):
            values["url"] = self.url.text()
        if kind is not ProbeKind.HTTP and (kind is not ProbeKind.TLS or self.host.text().strip()):
            values["host"] = self.host.text()
        if kind in (ProbeKind.TCP, ProbeKind.TLS) and self.port.value() and values.get("host", "").strip():
            values["port"] = self.port.value()
        if kind is ProbeKind.HTTP:
            if self.expect_status.value() >= 100:
                values["expect_status"] = self.expect_status.value()
            values["keyword"] = self.keyword.text()
            values["username"] = self.username.text()
        if self.latency.value():
            values["latency_threshold_ms"] = self.latency.value()
        if self.cert_days.value() >= 0:
            values["cert_warning_days"] = self.cert_days.value()
        return values

    def _problem(self) -> str:
        values = self.values()
        if not values["name"].strip():
            return self.tr("Enter a name.")
        kind = ProbeKind(values["kind"])
        if kind is ProbeKind.TCP and values.get("host", "").strip() and "port" not in values:
            return self.tr("A TCP target needs a port.")
        try:
            target_from_mapping(values, platforms=tuple(p.code for p in self.ctx.catalogue.platforms))
        except TargetsFileError as exc:
            text = str(exc)
            if "'url'" in text:
                return self.tr("The address must be a full http:// or https:// URL (https:// for a TLS target).")
            if "'host'" in text:
                return self.tr("The host must be a name or an IP address, without http:// or a path.")
            return text
        return ""

    def _validate(self) -> bool:
        problem = self._problem() if self.loaded else ""
        self.problem.setText(problem)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self.loaded and not problem and not self.writing.running)
        return self.loaded and not problem

    def accept(self) -> None:
        """Saves on a worker, Save disabled meanwhile; the dialog closes once the target is saved, and stays open
        with the reason when it is not."""
        if self.writing.running or not self._validate():
            return
        target = target_from_mapping(self.values(), platforms=tuple(p.code for p in self.ctx.catalogue.platforms))
        store, target_id, shown = self.ctx.store, self.target_id, self._shown
        self.writing.start(lambda: save_probe_target(store, target, target_id, shown),
                           lambda saved: self._saved(target, saved), self._not_saved)

    def _not_saved(self, exc: Exception) -> None:
        self._validate()  # Save as the fields are now (edited while it saved), then the reason it was not saved
        if isinstance(exc, TargetNameTakenError):
            self.problem.setText(self.tr("Another target already has this name."))
        elif isinstance(exc, TargetGoneError):
            self.problem.setText(self.tr("This target was deleted meanwhile; nothing was saved."))
        else:
            self.problem.setText(self.tr("The target was not saved: %1").replace("%1", str(exc)))

    def _saved(self, target: ProbeTarget, saved: TargetSaved) -> None:
        record_id, old_name = saved.target_id, saved.old_name
        keyring_problem = self._keep_password(target, old_name)
        if keyring_problem:
            QMessageBox.warning(self, self.tr("Password not stored"),
                                self.tr("The target is saved, but its password could not be stored: %1")
                                .replace("%1", keyring_problem))
        self.target_id = record_id
        say_both_kept(self, saved.both_changed)
        self.saved.emit(record_id)
        super().accept()

    def _keep_password(self, target: ProbeTarget, old_name: str | None) -> str:
        """The password follows the target's name in the keyring; returns what went wrong, if anything."""
        new_password = self.password.text()
        try:
            if old_name and old_name != target.name and self._stored_password and not new_password:
                set_secret(password_key(target.name), self._stored_password)
                delete_secret(password_key(old_name))
            if not target.username:
                delete_secret(password_key(target.name))
            elif new_password:
                set_secret(password_key(target.name), new_password)
        except KeyringUnavailableError as exc:
            return str(exc)
        return ""
