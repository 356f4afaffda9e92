"""The channels box of Settings → Alert channels: the team's channels with their labels, a new one added, and for the
selected one its URL on this machine (checked as it is typed, kept in the keyring only) and a test message.

The channels themselves are saved with the rules by the dialog (`dzdesk.ui.alerts_dialog`); a URL is kept at once,
and forgotten again when the new channel it was kept for is not saved. A test message is sent off the GUI thread,
so a channel that does not answer never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.alert_settings import MAX_LABEL, MAX_NAME, Channel, ChannelKind, label_problem, name_problem
from dzdesk.operations.alerts import (
    AlertsError,
    SentTest,
    TeamAlerts,
    UrlNotKeptError,
    UrlOnMachine,
    UrlState,
    check_url,
    forget_channel_url,
    keep_channel_url,
    send_test,
    url_on_machine,
)
from dzdesk.secrets import ENVIRONMENT, alert_channel_env
from dzdesk.ui.icons import icon
from dzdesk.ui.labels import enum_label
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.theme import Token, problem_style, text_style
from dzdesk.ui.theme_watch import themed_style

TEST_TIMEOUT = 20.0  # seconds a test message may take
NAME_COLUMN, KIND_COLUMN, LABEL_COLUMN, URL_COLUMN = range(4)


class ChannelsBox(QGroupBox):
    """The team's channels as the dialog shows them; `channels` is what Save keeps."""

    channels_changed = Signal()  # a channel added, removed or relabelled: the lead's choice of channels follows
    typed = Signal()  # the new channel's fields changed: the dialog checks what can be saved
    said = Signal(str)  # a problem for the dialog's problem line

    def __init__(self, sender: Callable[[TeamAlerts], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Channels"))
        self._sender = sender
        self.found = TeamAlerts(None, None)
        self.channels: dict[str, Channel] = {}
        self.held: dict[str, UrlOnMachine] = {}
        self._kept_here: set[str] = set()  # new channels whose URL was kept while the dialog was open
        self._testing = False
        box = self
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
        self.new_name.textChanged.connect(lambda _text: self.typed.emit())
        self.new_label.textChanged.connect(lambda _text: self.typed.emit())
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

    def show_found(self, found: TeamAlerts, held: dict[str, UrlOnMachine]) -> None:
        """The team's channels as read, and whether this machine holds each one's URL; editable for a lead."""
        self.found = found
        self.channels = {c.name: c for c in found.settings.channels}
        self.held = dict(held)
        editable = found.editable
        for widget in [*self.add_widgets, *self.url_widgets, self.remove_button, self.test_button,
                       self.test_outcome, self.selected_heading]:
            widget.setVisible(editable)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed if editable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fill_table()
        self.test_outcome.setText("")

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

    def fill_table(self, select: str | None = None) -> None:
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
        self._selected_changed()
        self.channels_changed.emit()

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

    def new_channel(self) -> tuple[Channel | None, str]:
        """The channel typed in the new channel's fields, or why it cannot be added ("" while nothing is typed)."""
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
        channel, problem = self.new_channel()
        if channel is None:
            if problem:
                self.said.emit(problem)
            return
        self.channels[channel.name] = channel
        self.held[channel.name] = url_on_machine(self.found.team or "", channel)
        for edit in (self.new_name, self.new_label):
            edit.clear()
        self.fill_table(select=channel.name)
        self.url.setFocus()

    def remove_channel(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        del self.channels[channel.name]
        self.fill_table()

    def _label_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != LABEL_COLUMN:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if name in self.channels:
            self.channels[name] = replace(self.channels[name], label=item.text().strip())
        self.channels_changed.emit()

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
        self.fill_table(select=channel.name)
        text = self.tr("Kept in this machine's keyring: the channel's messages go to %1.") \
            .replace("%1", kept.destination)
        if kept.environment_wins:
            text += " " + self.tr("%1 is set here too, and wins over the keyring.") \
                .replace("%1", kept.environment_variable)
        self.url_status.setText(text)
        themed_style(self.url_status, text_style, Token.TEXT_OK)

    def urls_saved(self) -> None:
        """The channels were saved: the URLs kept for new ones stay."""
        self._kept_here.clear()

    def forget_unsaved(self) -> None:
        """URLs kept for channels that were added here and never saved are taken out of the keyring again."""
        if self.found.team is not None:
            for name in self._kept_here:
                forget_channel_url(self.found.team, name)
        self._kept_here.clear()

    def send_test_message(self) -> None:
        """Sends the test message to the selected channel on the thread pool; the outcome is shown when it is back,
        and the window answers meanwhile."""
        channel = self.selected()
        if channel is None or self.found.team is None or self._testing:
            return
        team, sender = self.found.team, self._sender(self.found)
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

