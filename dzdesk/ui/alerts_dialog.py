"""Settings → Alert channels: where the team's alerts go, when they are sent, and a test message to try a channel.

The channels and rules are the team's settings: a lead edits them here (and, leading several teams, chooses whose),
and they reach the hub and every laptop of the team at the next sync; anyone else reads them, with who changed what
and when, since the team's alerts are sent by its watcher and not by this laptop. A channel's URL is a secret: it
is pasted here, checked as it is typed, and kept in this machine's keyring only, never shown again and never synced.
A test message is sent off the GUI thread, so a channel that does not answer never freezes the window.

What is read, saved, kept and sent is `dzdesk.operations.alerts`, which `dzdesk alerts` calls too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.alert_settings import (
    MAX_LABEL,
    MAX_NAME,
    AlertRules,
    AlertSettings,
    Channel,
    ChannelKind,
    label_problem,
    name_problem,
)
from dzdesk.domain.timefmt import format_local
from dzdesk.operations.alerts import (
    LEAD_AFTER_MAX,
    AlertsError,
    AlertsSaved,
    SentTest,
    SettingsNotYoursError,
    TeamAlerts,
    UrlNotKeptError,
    UrlOnMachine,
    UrlState,
    check_url,
    edit_between,
    forget_channel_url,
    keep_channel_url,
    parse_warn_points,
    read_alerts,
    save_alerts,
    send_test,
    sender_name,
    url_on_machine,
)
from dzdesk.secrets import ENVIRONMENT, alert_channel_env
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.labels import enum_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.theme import Token, problem_style, text_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead

HISTORY_SHOWN = 50  # latest changes listed
TEST_TIMEOUT = 20.0  # seconds a test message may take
NAME_COLUMN, KIND_COLUMN, LABEL_COLUMN, URL_COLUMN = range(4)


class AlertsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, team: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: AlertsSaved | None = None
        self.found = TeamAlerts(None, None)  # until the team's alerts are read, on a worker
        self._team_asked = team
        self.channels: dict[str, Channel] = {}
        self.held: dict[str, UrlOnMachine] = {}
        self._kept_here: set[str] = set()  # new channels whose URL was kept while this dialog was open
        self._testing = False
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
        columns.addWidget(self._channels_box(), 3)
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

    # -- building ------------------------------------------------------------------------------------------------
    def _channels_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Channels"), self)
        self.table = QTableWidget(0, 4, box)
        self.table.setAccessibleName(self.tr("The team's alert channels"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Label"),
                                              self.tr("URL on this machine")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(URL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected_changed)
        self.table.itemChanged.connect(self._label_edited)

        self.new_name = QLineEdit(box)
        self.new_name.setPlaceholderText(self.tr("ops-1"))
        self.new_name.setMaxLength(MAX_NAME)
        self.new_name.setAccessibleName(self.tr("New channel's name"))
        self.new_kind = QComboBox(box)
        self.new_kind.setAccessibleName(self.tr("New channel's kind"))
        for kind in ChannelKind:
            self.new_kind.addItem(self._kind_text(kind), kind.value)
        self.new_label = QLineEdit(box)
        self.new_label.setPlaceholderText(self.tr("what people call it, e.g. 运维一组群"))
        self.new_label.setMaxLength(MAX_LABEL)
        self.new_label.setAccessibleName(self.tr("New channel's label"))
        self.add_button = QPushButton(icon("plus"), self.tr("&Add"), box)
        self.add_button.clicked.connect(self.add_channel)
        self.new_name.returnPressed.connect(self.add_channel)
        self.new_label.returnPressed.connect(self.add_channel)
        self.remove_button = QPushButton(icon("trash"), self.tr("&Remove"), box)
        self.remove_button.setToolTip(self.tr("Takes the selected channel out of the team's alerts when saved"))
        self.remove_button.clicked.connect(self.remove_channel)
        self.new_name.textChanged.connect(self._validate)
        self.new_label.textChanged.connect(self._validate)
        add_row = QHBoxLayout()
        new_name_label = QLabel(self.tr("&New channel"), box)
        new_name_label.setBuddy(self.new_name)
        add_row.addWidget(new_name_label)
        add_row.addWidget(self.new_name, 2)
        add_row.addWidget(self.new_kind, 2)
        add_row.addWidget(self.new_label, 3)
        add_row.addWidget(self.add_button)
        self.add_widgets = [new_name_label, self.new_name, self.new_kind, self.new_label, self.add_button]

        self.url = QLineEdit(box)
        self.url.setEchoMode(QLineEdit.EchoMode.Password)
        self.url.setAccessibleName(self.tr("URL of the selected channel"))
        self.url.setAccessibleDescription(self.tr("Kept in this machine's keyring only, never synced nor shown again"))
        self.url.setPlaceholderText(self.tr("paste the robot's webhook URL (kept on this machine only)"))
        self.url.textChanged.connect(self._check_url)
        self.url.returnPressed.connect(self.keep_url)
        self.url_label = QLabel(self.tr("&URL"), box)
        self.url_label.setBuddy(self.url)
        self.keep_button = QPushButton(icon("lock"), self.tr("&Keep on this machine"), box)
        self.keep_button.clicked.connect(self.keep_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_label)
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.keep_button)
        self.url_status = QLabel(box)
        self.url_status.setWordWrap(True)
        self.url_status.setAccessibleName(self.tr("Whether the URL can be used"))
        self.url_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.test_button = QPushButton(icon("bell"), self.tr("Send a test messa&ge"), box)
        self.test_button.setToolTip(self.tr("Sends a short test message to the selected channel from this machine"))
        self.test_button.clicked.connect(self.send_test_message)
        self.test_outcome = QLabel(box)
        self.test_outcome.setWordWrap(True)
        self.test_outcome.setAccessibleName(self.tr("Outcome of the test message"))
        self.test_outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.selected_heading = QLabel(box)
        self.selected_heading.setStyleSheet("font-weight: bold;")
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        test_row.addWidget(self.remove_button)
        self.url_widgets = [self.url_label, self.url, self.keep_button, self.url_status]

        layout = QVBoxLayout(box)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.selected_heading)
        layout.addLayout(url_row)
        layout.addWidget(self.url_status)
        layout.addLayout(test_row)
        layout.addWidget(self.test_outcome)
        return box

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
    def _kind_text(self, kind: ChannelKind) -> str:
        return enum_label(kind)

    def _held_text(self, channel: Channel, held: UrlOnMachine) -> str:
        if held.state is UrlState.USABLE:
            if held.where == ENVIRONMENT:
                return self.tr("from %1").replace("%1", alert_channel_env(channel.name))
            return self.tr("kept (keyring)")
        if held.state is UrlState.UNUSABLE:
            return self.tr("kept, cannot be used")
        if held.state is UrlState.NO_KEYRING:
            return self.tr("no keyring")
        return self.tr("none")

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
        self.channels = {c.name: c for c in found.settings.channels}
        self.held = dict(held or {})
        self.owner.setText(self._owner_text(found))
        self.body.setVisible(found.synced)
        editable = found.editable
        for widget in [*self.add_widgets, *self.url_widgets, self.remove_button, self.test_button,
                       self.test_outcome, self.selected_heading]:
            widget.setVisible(editable)
        # Read-only, the fields stay legible (and reachable by the keyboard); only the tick boxes are greyed.
        self.warn_at.setReadOnly(not editable)
        for spin in (self.lead_after, self.digest_at, self.cert_days):
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows if editable
                                  else QAbstractSpinBox.ButtonSymbols.NoButtons)
        for box in (self.breach, self.lead, self.complaints, self.follow_ups):
            box.setEnabled(editable)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed if editable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setVisible(editable)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel") if editable else self.tr("Close"))
        self._show_rules(found.settings.rules)
        self._fill_table(lead_ticked=set(found.settings.rules.lead_channels))
        self._show_history(found)
        self.test_outcome.setText("")
        self.problem.setText("\n".join(found.skipped))
        self._validate()

    def _fill_table(self, select: str | None = None, lead_ticked: set[str] | None = None) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for row, channel in enumerate(sorted(self.channels.values(), key=lambda c: c.name)):
                self.table.insertRow(row)
                held = self.held.get(channel.name, UrlOnMachine(UrlState.MISSING))
                cells = [channel.name, self._kind_text(channel.kind), channel.label, self._held_text(channel, held)]
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, channel.name)
                    if column != LABEL_COLUMN:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if column == URL_COLUMN and held.problem:
                        item.setToolTip(held.problem)
                    self.table.setItem(row, column, item)
        names = sorted(self.channels)
        if names:
            self.table.selectRow(names.index(select) if select in names else 0)
        self._fill_lead_channels(lead_ticked)
        self._selected_changed()

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
            self._forget_unsaved()
            self._team_asked = self._teams[index]
            self.reading.request()

    # -- channels ------------------------------------------------------------------------------------------------
    def selected(self) -> Channel | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), NAME_COLUMN)
        return None if item is None else self.channels.get(item.data(Qt.ItemDataRole.UserRole))

    def select_channel(self, name: str) -> None:
        names = sorted(self.channels)
        if name in names:
            self.table.selectRow(names.index(name))

    def _selected_changed(self) -> None:
        channel = self.selected()
        with QSignalBlocker(self.url):
            self.url.clear()
        self.url.setEnabled(channel is not None)
        self.keep_button.setEnabled(False)
        self.test_button.setEnabled(channel is not None and not self._testing)
        self.remove_button.setEnabled(channel is not None)
        self.selected_heading.setText(self.tr("Selected channel: %1").replace("%1", channel.shown) if channel
                                      else self.tr("No channel selected"))
        if channel is None:
            self.url_label.setText(self.tr("&URL"))
            self.url_status.setText(self.tr("Add a channel, then paste its URL here."))
            themed_style(self.url_status, problem_style, False)
            return
        self.url_label.setText(self.tr("&URL of %1").replace("%1", channel.name))
        self.url.setPlaceholderText(self._url_hint(channel.kind))
        self._say_held(channel)

    def _url_hint(self, kind: ChannelKind) -> str:
        return {
            ChannelKind.DINGTALK: "https://oapi.dingtalk.com/robot/send?access_token=…",
            ChannelKind.WECOM: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
            ChannelKind.FEISHU: "https://open.feishu.cn/open-apis/bot/v2/hook/…",
            ChannelKind.EMAIL: "smtp://user:password@host:587/?to=…&from=…",
            ChannelKind.WEBHOOK: "https://…",
        }[kind]

    def _say_held(self, channel: Channel) -> None:
        held = self.held.get(channel.name, UrlOnMachine(UrlState.MISSING))
        if held.state is UrlState.USABLE:
            text = self.tr("This machine holds its URL (to %1).").replace("%1", held.destination)
            if held.where == ENVIRONMENT:
                text += " " + self.tr("It comes from %1, which wins over the keyring.") \
                    .replace("%1", alert_channel_env(channel.name))
            themed_style(self.url_status, text_style, Token.TEXT_OK)
        elif held.state is UrlState.MISSING:
            text = self.tr("No URL on this machine yet: paste it above.")
            themed_style(self.url_status, problem_style, False)
        else:
            text = held.problem
            themed_style(self.url_status, problem_style)
        self.url_status.setText(text)

    def _new_channel(self) -> tuple[Channel | None, str]:
        name = self.new_name.text().strip()
        label = self.new_label.text().strip()
        if not name:
            return None, ""
        problem = name_problem(name) or label_problem(label)
        if not problem and name in self.channels:
            problem = self.tr("The team has a channel %1 already; edit its label in the table.").replace("%1", name)
        if problem:
            return None, self.tr("New channel: %1").replace("%1", problem)
        return Channel(name, ChannelKind(self.new_kind.currentData()), label), ""

    def add_channel(self) -> None:
        channel, problem = self._new_channel()
        if channel is None:
            if problem:
                self.problem.setText(problem)
            return
        self.channels[channel.name] = channel
        self.held[channel.name] = url_on_machine(self.found.team or "", channel)
        for edit in (self.new_name, self.new_label):
            edit.clear()
        self._fill_table(select=channel.name)
        self._validate()
        self.url.setFocus()

    def remove_channel(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        del self.channels[channel.name]
        self._fill_table()
        self._validate()

    def _label_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != LABEL_COLUMN:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if name in self.channels:
            self.channels[name] = replace(self.channels[name], label=item.text().strip())
            self._fill_lead_channels()
        self._validate()

    # -- a channel's URL on this machine -------------------------------------------------------------------------
    def _check_url(self, text: str) -> None:
        channel = self.selected()
        if channel is None:
            return
        if not text.strip():
            self.keep_button.setEnabled(False)
            self._say_held(channel)
            return
        check = check_url(channel.kind, text)
        self.keep_button.setEnabled(check.ok)
        if check.ok:
            self.url_status.setText(self.tr("This URL can be used: it goes to %1. Keep it to use it on this machine.")
                                    .replace("%1", check.destination))
            themed_style(self.url_status, text_style, Token.TEXT_OK)
        else:
            self.url_status.setText(self.tr("This URL cannot be used: %1").replace("%1", check.problem))
            themed_style(self.url_status, problem_style)

    def keep_url(self) -> None:
        channel = self.selected()
        if channel is None or not self.found.editable or self.found.team is None or not self.url.text().strip():
            return
        try:
            kept = keep_channel_url(self.found.team, channel, self.url.text())
        except UrlNotKeptError as exc:
            self.url_status.setText(self.tr("Not kept: %1").replace("%1", str(exc)))
            themed_style(self.url_status, problem_style)
            return
        if channel.name not in {c.name for c in self.found.settings.channels}:
            self._kept_here.add(channel.name)
        with QSignalBlocker(self.url):
            self.url.clear()
        self.keep_button.setEnabled(False)
        self.held[channel.name] = url_on_machine(self.found.team, channel)
        self._fill_table(select=channel.name)
        text = self.tr("Kept in this machine's keyring: the channel's messages go to %1.") \
            .replace("%1", kept.destination)
        if kept.environment_wins:
            text += " " + self.tr("%1 is set here too, and wins over the keyring.") \
                .replace("%1", kept.environment_variable)
        self.url_status.setText(text)
        themed_style(self.url_status, text_style, Token.TEXT_OK)

    def _forget_unsaved(self) -> None:
        """URLs kept for channels that were added here and never saved are taken out of the keyring again."""
        if self.found.team is not None:
            for name in self._kept_here:
                forget_channel_url(self.found.team, name)
        self._kept_here.clear()

    # -- a test message ------------------------------------------------------------------------------------------
    def send_test_message(self) -> None:
        """Sends the test message to the selected channel on the thread pool; the outcome is shown when it is back,
        and the window answers meanwhile."""
        channel = self.selected()
        if channel is None or self.found.team is None or self._testing:
            return
        team, sender = self.found.team, sender_name(self.found, self.ctx.settings.profile.name)
        self._testing = True
        self.test_button.setEnabled(False)
        themed_style(self.test_outcome, problem_style, False)
        self.test_outcome.setText(self.tr("Sending a test message to %1…").replace("%1", channel.shown))
        run_in_background(lambda: send_test(team, [channel], sender, TEST_TIMEOUT), self._tested, self._test_failed)

    def _tested(self, result: SentTest) -> None:
        if not shiboken6.isValid(self):  # closed meanwhile
            return
        self._testing = False
        self.test_button.setEnabled(self.selected() is not None)
        tried = result.tried[0]
        name = tried.channel.shown
        if tried.sent:
            text = self.tr("Test message sent to %1.").replace("%1", name)
            if tried.channel.kind in {ChannelKind.DINGTALK, ChannelKind.WECOM}:
                text += " " + self.tr("Look in the group: its robot may still drop a message without the keyword it "
                                      "requires (every dzdesk alert starts with “【”).")
            self.test_outcome.setText(text)
            themed_style(self.test_outcome, text_style, Token.TEXT_OK)
            return
        outcome = {
            "unreachable": self.tr("could not be reached"),
            "refused": self.tr("refused it"),
            "unusable": self.tr("not tried"),
            "failed": self.tr("failed"),
        }.get(tried.delivery.outcome.value, tried.delivery.outcome.value)
        why = tried.delivery.why
        if tried.held.state is UrlState.MISSING:
            why = self.tr("no URL on this machine: paste it above and keep it")
        self.test_outcome.setText(self.tr("Not sent to %1 (%2): %3").replace("%1", name).replace("%2", outcome)
                                  .replace("%3", why))
        themed_style(self.test_outcome, problem_style)

    def _test_failed(self, exc: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self._testing = False
        self.test_button.setEnabled(self.selected() is not None)
        text = str(exc) if isinstance(exc, AlertsError) else type(exc).__name__
        self.test_outcome.setText(self.tr("The test message could not be sent: %1").replace("%1", text))
        themed_style(self.test_outcome, problem_style)

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
        _channel, new_problem = self._new_channel()
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
        self._kept_here.clear()
        super().accept()

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, SettingsNotYoursError | ValueError):
            self.problem.setText(str(exc))
        else:
            self.problem.setText(self.tr("Nothing was saved: %1").replace("%1", str(exc)))

    def reject(self) -> None:
        self._forget_unsaved()
        super().reject()
