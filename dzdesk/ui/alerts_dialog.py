"""Settings → Alert channels: where the team's alerts go, when they are sent, and a test message to try a channel.

The channels and rules are the team's settings: a lead edits them here (and, leading several teams, chooses whose),
and they reach the hub and every laptop of the team at the next sync; anyone else reads them, with who changed what
and when, since the team's alerts are sent by its watcher and not by this laptop. A channel's URL is a secret: it
is pasted here, checked as it is typed, and kept in this machine's keyring only, never shown again and never synced.
The channels, their URLs and the test message are `dzdesk.ui.alert_channels`; the rules, the history and saving are
here. The team's alerts are read, and saved, on a worker.

What is read, saved, kept and sent is `dzdesk.operations.alerts`, which `dzdesk alerts` calls too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import QSignalBlocker, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.alert_settings import AlertRules, AlertSettings, Channel, label_problem
from dzdesk.domain.timefmt import format_local
from dzdesk.operations.alerts import (
    LEAD_AFTER_MAX,
    AlertsSaved,
    SettingsNotYoursError,
    TeamAlerts,
    UrlOnMachine,
    edit_between,
    parse_warn_points,
    read_alerts,
    save_alerts,
    sender_name,
    url_on_machine,
)
from dzdesk.ui.alert_channels import ChannelsBox
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead

HISTORY_SHOWN = 50  # latest changes listed


class AlertsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, team: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: AlertsSaved | None = None
        self.found = TeamAlerts(None, None)  # until the team's alerts are read, on a worker
        self._team_asked = team
        self.setWindowTitle(self.tr("Alert channels"))
        self.owner = QLabel(self)
        self.owner.setWordWrap(True)
        self.owner.setAccessibleName(self.tr("Whose alert channels these are"))
        self.team_choice = QComboBox(self)
        self.team_choice.setAccessibleName(self.tr("Team"))
        self._teams: list[str] = []
        team_row = QHBoxLayout()
        self.team_label = QLabel(self.tr("&Team"), self)
        self.team_label.setBuddy(self.team_choice)
        team_row.addWidget(self.team_label)
        team_row.addWidget(self.team_choice)
        team_row.addStretch(1)
        for widget in (self.team_label, self.team_choice):
            widget.setVisible(False)

        self.body = QWidget(self)
        columns = QHBoxLayout(self.body)
        columns.setContentsMargins(0, 0, 0, 0)
        self.channels_box = ChannelsBox(lambda found: sender_name(found, self.ctx.settings.profile.name), self)
        box = self.channels_box  # its fields, under the names the dialog has always had for them
        self.table, self.new_name, self.new_kind, self.new_label = box.table, box.new_name, box.new_kind, box.new_label
        self.add_button, self.remove_button, self.url, self.keep_button = (box.add_button, box.remove_button, box.url,
                                                                           box.keep_button)
        self.url_status, self.test_button, self.test_outcome = box.url_status, box.test_button, box.test_outcome
        self.select_channel, self.add_channel, self.keep_url = box.select_channel, box.add_channel, box.keep_url
        box.channels_changed.connect(self._channels_changed)
        box.typed.connect(self._validate)
        box.said.connect(self.problem_said)
        columns.addWidget(box, 3)
        right = QVBoxLayout()
        right.addWidget(self._rules_box())
        right.addWidget(self._history_box(), 1)
        columns.addLayout(right, 2)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        themed_style(self.problem, problem_style)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.owner)
        layout.addLayout(team_row)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.writing = BackgroundWrite(self, [self.buttons.button(QDialogButtonBox.StandardButton.Save)])
        self.reading = LatestRead(self, self._read_work, self._read_back, self._not_read)
        self._shown_once = False
        self._show(self.found)
        self.owner.setText(self.tr("Reading the team's alert channels…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(False)
        self.team_choice.currentIndexChanged.connect(self._choose_team)
        chain = [self.team_choice, self.table, self.new_name, self.new_kind, self.new_label, self.add_button, self.url,
                 self.keep_button, self.test_button, self.remove_button, self.warn_at, self.breach, self.lead,
                 self.lead_after, self.lead_channels, self.complaints, self.follow_ups, self.digest_at, self.cert_days,
                 self.history, self.buttons]
        for before, after in pairwise(chain):  # the order they are laid out in
            QWidget.setTabOrder(before, after)
        self._fit_screen(560, 160)
        self.reading.request()

    @property
    def busy(self) -> bool:
        """The team's alerts are being read, or saved, on a worker."""
        return self.reading.running or self.writing.running

    def _read_work(self) -> Callable[[], tuple[TeamAlerts, dict[str, UrlOnMachine]]]:
        store, team = self.ctx.store, self._team_asked

        def work() -> tuple[TeamAlerts, dict[str, UrlOnMachine]]:
            found = read_alerts(store, team)
            held = {} if found.team is None else {c.name: url_on_machine(found.team, c)
                                                  for c in found.settings.channels}
            return found, held

        return work

    def _read_back(self, read: tuple[TeamAlerts, dict[str, UrlOnMachine]]) -> None:
        found, held = read
        if not self._shown_once:  # the teams to choose from, and the size the dialog needs, once
            self._shown_once = True
            self._teams = list(found.teams)
            with QSignalBlocker(self.team_choice):
                self.team_choice.addItems([t or "-" for t in self._teams])
                if found.team in self._teams:
                    self.team_choice.setCurrentIndex(self._teams.index(found.team))
            for widget in (self.team_label, self.team_choice):
                widget.setVisible(len(self._teams) > 1)
            self._show(found, held)
            self._fit_screen(*((1040, 640) if found.editable else (900, 560) if found.synced else (560, 160)))
            return
        self._show(found, held)

    def _not_read(self, exc: Exception) -> None:
        self.owner.setText(self.tr("The team's alert channels could not be read: %1").replace("%1", str(exc)))

    def _fit_screen(self, width: int, height: int) -> None:
        """Opens at `width`×`height`, or smaller on a small screen (1366×768, or 1920×1080 at 150 %), leaving room
        for the title bar and the task bar."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 80)
        self.resize(max(width, self.minimumSizeHint().width()), max(height, self.minimumSizeHint().height()))

    @property
    def channels(self) -> dict[str, Channel]:
        """The channels as shown: what Save keeps."""
        return self.channels_box.channels

    def _channels_changed(self) -> None:
        self._fill_lead_channels()
        self._validate()

    def problem_said(self, text: str) -> None:
        self.problem.setText(text)

    # -- building ------------------------------------------------------------------------------------------------
    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rules"), self)
        self.warn_at = QLineEdit(box)
        self.warn_at.setPlaceholderText(self.tr("50, 80  (empty: none)"))
        self.warn_at.setToolTip(self.tr("Percentages of a fault's response time at which its group is warned, "
                                        "before the deadline"))
        self.warn_at.setAccessibleName(self.tr("Warn at these percentages of a fault's response time"))
        self.warn_at.textChanged.connect(self._validate)
        self.breach = QCheckBox(self.tr("Warn when a fault's response time has &passed"), box)
        self.lead = QCheckBox(self.tr("Tell the &lead"), box)
        self.lead_after = QSpinBox(box)
        self.lead_after.setRange(0, LEAD_AFTER_MAX)
        self.lead_after.setSuffix(self.tr(" min later"))
        self.lead_after.setAccessibleName(self.tr("Minutes after the breach the lead is told"))
        self.lead.toggled.connect(self._lead_toggled)
        lead_row = QHBoxLayout()
        lead_row.addWidget(self.lead)
        lead_row.addWidget(self.lead_after, 1)
        self.lead_channels = QListWidget(box)
        self.lead_channels.setAccessibleName(self.tr("Channels the lead's alert goes to (none ticked: every channel)"))
        self.lead_channels.setToolTip(self.tr("None ticked: every channel"))
        self.lead_channels.setMaximumHeight(72)
        self.lead_channels.itemChanged.connect(self._validate)
        self.complaints = QCheckBox(self.tr("A &complaint whose reply is due tomorrow"), box)
        self.follow_ups = QCheckBox(self.tr("An &overdue follow-up of a visit"), box)
        self.digest_at = QTimeEdit(box)
        self.digest_at.setDisplayFormat("HH:mm")
        self.digest_at.setAccessibleName(self.tr("Time of the daily certificate digest (Asia/Shanghai)"))
        self.cert_days = QSpinBox(box)
        self.cert_days.setRange(1, 365)
        self.cert_days.setSuffix(self.tr(" days"))
        self.cert_days.setAccessibleName(self.tr("Certificates listed that expire within"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Warn at (%)"), self.warn_at)
        form.addRow("", self.breach)
        form.addRow(self.tr("After the breach"), lead_row)
        form.addRow(self.tr("Lead's c&hannels"), self.lead_channels)
        form.addRow(self.tr("Announce"), self.complaints)
        form.addRow("", self.follow_ups)
        form.addRow(self.tr("Certificate &digest at"), self.digest_at)
        form.addRow(self.tr("Certificates &expiring within"), self.cert_days)
        return box

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Changes"), self)
        self.history = QListWidget(box)
        self.history.setAccessibleName(self.tr("Changes to the team's alert channels and rules"))
        self.history.setMinimumHeight(60)
        layout = QVBoxLayout(box)
        layout.addWidget(self.history)
        return box

    # -- what is shown -------------------------------------------------------------------------------------------
    def _owner_text(self, found: TeamAlerts) -> str:
        if not found.synced:
            return self.tr("This laptop has not synced with a team's hub yet. Alert channels come with the team's "
                           "hub: its lead sets them there, and they arrive here with the first sync.")
        team = found.team or "-"
        if found.editable:
            return self.tr("Team %1's alert channels and rules. Saved here, they reach the hub and every laptop of "
                           "the team at the next sync. A channel's URL is kept in this machine's keyring only.") \
                .replace("%1", team)
        return self.tr("Team %1's alert channels and rules, as last synced. Only a lead of the team changes them; "
                       "the team's alerts are sent by its watcher, not by this laptop.").replace("%1", team)

    def _show(self, found: TeamAlerts, held: dict[str, UrlOnMachine] | None = None) -> None:
        self.found = found
        self.owner.setText(self._owner_text(found))
        self.body.setVisible(found.synced)
        editable = found.editable
        # Read-only, the fields stay legible (and reachable by the keyboard); only the tick boxes are greyed.
        self.warn_at.setReadOnly(not editable)
        for spin in (self.lead_after, self.digest_at, self.cert_days):
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows if editable
                                  else QAbstractSpinBox.ButtonSymbols.NoButtons)
        for box in (self.breach, self.lead, self.complaints, self.follow_ups):
            box.setEnabled(editable)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setVisible(editable)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel") if editable else self.tr("Close"))
        self._show_rules(found.settings.rules)
        self.channels_box.show_found(found, held or {})
        self._fill_lead_channels(set(found.settings.rules.lead_channels))
        self._show_history(found)
        self.problem.setText("\n".join(found.skipped))
        self._validate()

    def _ticked(self) -> tuple[str, ...]:
        return tuple(self.lead_channels.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.lead_channels.count())
                     if self.lead_channels.item(i).checkState() == Qt.CheckState.Checked)

    def _fill_lead_channels(self, ticked: set[str] | None = None) -> None:
        """The channels the lead's alert may go to, ticked as `ticked` says (by default as they are ticked now)."""
        ticked = set(self._ticked()) if ticked is None else ticked
        with QSignalBlocker(self.lead_channels):
            self.lead_channels.clear()
            for name in sorted(self.channels):
                item = QListWidgetItem(self.channels[name].shown + ("" if self.channels[name].shown == name
                                                                    else f" ({name})"), self.lead_channels)
                item.setData(Qt.ItemDataRole.UserRole, name)
                flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags if self.found.editable else flags & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)

    def _show_rules(self, rules: AlertRules) -> None:
        self.warn_at.setText(", ".join(str(p) for p in rules.fault_warn_percent))
        self.breach.setChecked(rules.fault_warn_at_breach)
        self.lead.setChecked(rules.fault_lead_after_minutes is not None)
        self.lead_after.setValue(30 if rules.fault_lead_after_minutes is None else rules.fault_lead_after_minutes)
        self.complaints.setChecked(rules.complaint_reply_due_tomorrow)
        self.follow_ups.setChecked(rules.visit_follow_up_overdue)
        self.digest_at.setTime(QTime(rules.certificate_digest_at.hour, rules.certificate_digest_at.minute))
        self.cert_days.setValue(rules.certificate_days_ahead)
        self._lead_toggled(self.lead.isChecked())

    def _show_history(self, found: TeamAlerts) -> None:
        self.history.clear()
        for change in found.changes[:HISTORY_SHOWN]:
            if change.channel is None:
                what = self.tr("removed the rules") if change.removed else self.tr("changed the rules")
            else:
                what = (self.tr("removed channel %1") if change.removed else self.tr("set channel %1")) \
                    .replace("%1", change.channel)
            self.history.addItem(f"{format_local(change.changed_at)}  {change.changed_by}  {what}")
        if not found.changes:
            self.history.addItem(self.tr("No changes yet: no channel, and the default rules."))

    def _choose_team(self, index: int) -> None:
        if 0 <= index < len(self._teams):
            self.channels_box.forget_unsaved()
            self._team_asked = self._teams[index]
            self.reading.request()

    # -- channels ------------------------------------------------------------------------------------------------
    # -- a channel's URL on this machine -------------------------------------------------------------------------
    # -- a test message ------------------------------------------------------------------------------------------
    # -- rules and saving ----------------------------------------------------------------------------------------
    def _lead_toggled(self, on: bool) -> None:
        self.lead_after.setEnabled(on)
        self.lead_channels.setEnabled(on)
        self._validate()

    def shown_settings(self) -> AlertSettings:
        """The channels and rules as shown; raises ValueError naming the field that cannot be read."""
        try:
            warn = parse_warn_points(self.warn_at.text())
        except ValueError as exc:
            raise ValueError(self.tr("Warn at: %1").replace("%1", str(exc))) from exc
        for channel in self.channels.values():
            problem = label_problem(channel.label)
            if problem:
                raise ValueError(self.tr("Label of %1: %2").replace("%1", channel.name).replace("%2", problem))
        at = self.digest_at.time()
        rules = replace(self.found.settings.rules, fault_warn_percent=warn,
                        fault_warn_at_breach=self.breach.isChecked(),
                        fault_lead_after_minutes=self.lead_after.value() if self.lead.isChecked() else None,
                        lead_channels=self._ticked(),
                        complaint_reply_due_tomorrow=self.complaints.isChecked(),
                        visit_follow_up_overdue=self.follow_ups.isChecked(),
                        certificate_digest_at=self.found.settings.rules.certificate_digest_at.replace(
                            hour=at.hour(), minute=at.minute()),
                        certificate_days_ahead=self.cert_days.value())
        return AlertSettings(tuple(self.channels[n] for n in sorted(self.channels)), rules)

    def _validate(self) -> bool:
        if not hasattr(self, "buttons"):
            return False
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        _channel, new_problem = self.channels_box.new_channel()
        self.add_button.setEnabled(_channel is not None)
        try:
            self.shown_settings()
        except ValueError as exc:
            self.problem.setText(str(exc))
            save.setEnabled(False)
            return False
        self.problem.setText(new_problem or "\n".join(self.found.skipped))
        save.setEnabled(self.found.editable and not self.busy)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Return in the new channel's fields adds it, in the URL field keeps the URL: neither also saves."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.focusWidget() in (self.new_name, self.new_label, self.url):
            event.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        """Saves on a worker, Save disabled meanwhile; the dialog closes once the team's alerts are kept, and stays
        open with the reason when they are not."""
        if self.busy or not self.found.editable or self.found.team is None or not self._validate():
            return
        store, team, edit = self.ctx.store, self.found.team, edit_between(self.found.settings, self.shown_settings())
        self.writing.start(lambda: save_alerts(store, team, edit), self._saved, self._not_saved)

    def _saved(self, saved: AlertsSaved) -> None:
        self.saved = saved
        self.channels_box.urls_saved()
        super().accept()

    def _not_saved(self, exc: Exception) -> None:
        self._validate()  # Save as the fields are now (edited while it saved), then the reason it was not saved
        if isinstance(exc, SettingsNotYoursError | ValueError):
            self.problem.setText(str(exc))
        else:
            self.problem.setText(self.tr("Nothing was saved: %1").replace("%1", str(exc)))

    def reject(self) -> None:
        self.channels_box.forget_unsaved()
        super().reject()
