"""Settings → Alert channels: a lead edits and saves the team's channels and rules, an engineer reads them, and a
test message goes to a real receiver on 127.0.0.1 off the GUI thread, its outcome shown in words."""

import json

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QWidget,
)
from sqlalchemy import select

from dzdesk.domain.alert_settings import AlertRules, Channel, ChannelKind, to_settings
from dzdesk.domain.record_ids import team_setting_id
from dzdesk.secrets import alert_channel_key, get_secret, set_secret
from dzdesk.store.account import HubAccount, remember_account
from dzdesk.store.outbox import APPLYING_REMOTE, OutboxEntry
from dzdesk.store.team_models import TeamSetting
from dzdesk.ui.alerts_dialog import AlertsDialog
from tests.alerts.servers import free_port, json_receiver
from tests.support.secret_scan import remember

TEAM = "运维一组"
TOKEN = "dialog-hook-token-b6d767d2f8ed5d21a44b"
remember(TOKEN)


def as_member(ctx, role, teams=(TEAM,)):
    with ctx.store.transaction() as session:
        remember_account(session, HubAccount("李明", role, teams[0], tuple(teams)))


def pulled(ctx, channels, rules=None, team=TEAM):
    with ctx.store.transaction() as session:  # as a pull brings them
        session.info[APPLYING_REMOTE] = True
        for key, value in to_settings(channels, rules).items():
            session.add(TeamSetting(id=team_setting_id(team, key), team=team, key=key, value=value,
                                    changed_by="王组长"))


def team_records(ctx, team=TEAM):
    with ctx.store.session() as session:
        return {r.key: r for r in session.scalars(select(TeamSetting).where(TeamSetting.team == team))}


def settle(qtbot, *screens) -> None:
    """Waits until what the screens read or write on a worker is back and shown."""
    qtbot.waitUntil(lambda: not any(screen.busy for screen in screens), timeout=10_000)


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def table_text(dialog):
    return [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())]


def test_a_lead_adds_channels_sets_the_rules_and_saves_them_as_the_teams(qtbot, ctx):
    as_member(ctx, "lead")
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    dialog.show()  # so Save is the default button, which Return in a field must not press
    assert "Saved here" in dialog.owner.text() and not save_button(dialog).isHidden()
    assert dialog.team_choice.isHidden()  # one team
    qtbot.keyClicks(dialog.new_name, "ops-1")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("dingtalk"))
    dialog.new_label.setText("运维一组群")  # typed through the input method, not as key presses
    qtbot.keyClick(dialog.new_label, Qt.Key.Key_Return)  # adds the channel, and does not save yet
    assert dialog.saved is None and dialog.result() == 0
    qtbot.keyClicks(dialog.new_name, "hook")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("webhook"))
    dialog.add_button.click()
    assert table_text(dialog) == [["hook", "JSON webhook", "", "none"],
                                  ["ops-1", "DingTalk group", "运维一组群", "none"]]
    qtbot.keyClicks(dialog.new_name, "Bad_Name")
    assert "is not a channel name" in dialog.problem.text() and not dialog.add_button.isEnabled()
    dialog.new_name.clear()
    dialog.table.item(0, 2).setText("值班机器人")  # the label, edited in place

    dialog.warn_at.setText("40, 70, 120")
    assert "“120” is not a percentage" in dialog.problem.text() and not save_button(dialog).isEnabled()
    dialog.warn_at.setText("40, 70")
    dialog.breach.setChecked(False)
    dialog.lead_after.setValue(45)
    dialog.lead_channels.item(1).setCheckState(Qt.CheckState.Checked)  # ops-1
    dialog.complaints.setChecked(False)
    dialog.digest_at.setTime(QTime(8, 30))
    dialog.cert_days.setValue(14)
    assert save_button(dialog).isEnabled()
    dialog.accept()
    assert dialog.isVisible() and not save_button(dialog).isEnabled()  # until the save is back
    dialog.accept()  # a second click while it saves writes nothing twice
    settle(qtbot, dialog)

    assert not dialog.isVisible() and dialog.saved is not None and dialog.saved.added == ("hook", "ops-1")
    records = team_records(ctx)
    assert sorted(records) == ["alerts.channel.hook", "alerts.channel.ops-1", "alerts.rules"]
    assert json.loads(records["alerts.channel.hook"].value) == {"kind": "webhook", "label": "值班机器人"}
    assert json.loads(records["alerts.rules"].value) == {
        "fault_warn_percent": [40, 70], "fault_warn_at_breach": False, "fault_lead_after_minutes": 45,
        "lead_channels": ["ops-1"], "complaint_reply_due_tomorrow": False, "visit_follow_up_overdue": True,
        "certificate_digest_at": "08:30", "certificate_days_ahead": 14}
    assert {r.changed_by for r in records.values()} == {"李明"}
    with ctx.store.session() as session:
        waiting = set(session.scalars(select(OutboxEntry.record_id).where(OutboxEntry.entity == "team_settings")))
    assert waiting == {r.id for r in records.values()}

    again = AlertsDialog(ctx)
    qtbot.addWidget(again)

    settle(qtbot, again)
    assert again.warn_at.text() == "40, 70" and again.lead_after.value() == 45
    assert "李明  set channel ops-1" in " ".join(again.history.item(i).text() for i in range(again.history.count()))
    again.select_channel("ops-1")
    again.remove_button.click()
    again.accept()
    settle(qtbot, again)
    assert team_records(ctx)["alerts.channel.ops-1"].deleted
    assert json.loads(team_records(ctx)["alerts.rules"].value)["lead_channels"] == []


def test_an_engineer_reads_the_teams_alerts_with_who_changed_them_and_cannot_change_them(qtbot, ctx):
    as_member(ctx, "engineer")
    pulled(ctx, [Channel("ops-1", ChannelKind.DINGTALK, "运维一组群")], AlertRules(certificate_days_ahead=10))
    set_secret(alert_channel_key(TEAM, "ops-1"), f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN[-20:]}")
    before = {k: (r.value, r.deleted) for k, r in team_records(ctx).items()}
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert "Only a lead of the team changes them" in dialog.owner.text()
    assert "sent by its watcher" in dialog.owner.text()
    assert save_button(dialog).isHidden()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
    for widget in (dialog.new_name, dialog.add_button, dialog.remove_button, dialog.url, dialog.keep_button,
                   dialog.test_button):
        assert widget.isHidden()
    assert dialog.warn_at.isReadOnly() and dialog.cert_days.isReadOnly() and dialog.cert_days.value() == 10
    assert not dialog.breach.isEnabled()
    assert dialog.table.editTriggers() == QTableWidget.EditTrigger.NoEditTriggers
    assert table_text(dialog) == [["ops-1", "DingTalk group", "运维一组群", "kept (keyring)"]]
    assert TOKEN[-20:] not in json.dumps(table_text(dialog), ensure_ascii=False)
    assert "王组长  set channel ops-1" in " ".join(dialog.history.item(i).text() for i in range(dialog.history.count()))
    dialog.warn_at.setText("10")
    dialog.accept()
    settle(qtbot, dialog)
    assert {k: (r.value, r.deleted) for k, r in team_records(ctx).items()} == before


def test_a_laptop_that_never_synced_says_channels_come_with_the_teams_hub(qtbot, ctx):
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert "come with the team's hub" in dialog.owner.text()
    assert dialog.body.isHidden() and save_button(dialog).isHidden()
    dialog.accept()
    assert team_records(ctx) == {}


def test_a_lead_of_two_teams_chooses_whose_alerts(qtbot, ctx):
    as_member(ctx, "lead", (TEAM, "运维二组"))
    pulled(ctx, [Channel("ops-2", ChannelKind.FEISHU)], team="运维二组")
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert not dialog.team_choice.isHidden() and dialog.team_choice.count() == 2
    assert dialog.table.rowCount() == 0
    dialog.team_choice.setCurrentIndex(1)
    settle(qtbot, dialog)
    assert table_text(dialog)[0][:2] == ["ops-2", "Feishu group"] and "运维二组" in dialog.owner.text()
    dialog.cert_days.setValue(20)
    dialog.accept()
    settle(qtbot, dialog)
    assert json.loads(team_records(ctx, "运维二组")["alerts.rules"].value)["certificate_days_ahead"] == 20
    assert team_records(ctx) == {}


def test_a_urls_is_checked_as_it_is_typed_kept_on_this_machine_and_never_shown(qtbot, ctx):
    as_member(ctx, "lead")
    pulled(ctx, [Channel("ops-1", ChannelKind.DINGTALK)])
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    dialog.select_channel("ops-1")
    assert dialog.url.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.url, f"https://hooks.dz.cn/in?token={TOKEN}")
    assert "cannot be used" in dialog.url_status.text() and "oapi.dingtalk.com" in dialog.url_status.text()
    assert not dialog.keep_button.isEnabled() and TOKEN not in dialog.url_status.text()
    dialog.url.setText(f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN[-20:]}")
    assert "can be used: it goes to oapi.dingtalk.com" in dialog.url_status.text() and dialog.keep_button.isEnabled()
    dialog.keep_button.click()
    assert get_secret(alert_channel_key(TEAM, "ops-1")).endswith(TOKEN[-20:])
    assert dialog.url.text() == "" and "Kept in this machine's keyring" in dialog.url_status.text()
    assert table_text(dialog)[0][3] == "kept (keyring)"
    dialog.accept()
    settle(qtbot, dialog)
    assert all(TOKEN[-20:] not in r.value for r in team_records(ctx).values())  # never a team setting


def test_a_url_kept_for_a_channel_that_is_then_not_saved_is_forgotten(qtbot, ctx):
    as_member(ctx, "lead")
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    dialog.new_name.setText("hook")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("webhook"))
    dialog.add_channel()
    dialog.url.setText(f"https://hooks.dz.cn/in?token={TOKEN}")
    dialog.keep_url()
    assert get_secret(alert_channel_key(TEAM, "hook")) is not None
    dialog.reject()
    assert get_secret(alert_channel_key(TEAM, "hook")) is None and team_records(ctx) == {}


def _ready_to_test(qtbot, ctx, url):
    as_member(ctx, "lead")
    pulled(ctx, [Channel("hook", ChannelKind.WEBHOOK, "值班机器人")])
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    dialog.select_channel("hook")
    dialog.url.setText(url)
    dialog.keep_button.click()
    return dialog


def test_a_test_message_reaches_a_receiver_off_the_gui_thread_and_says_so(qtbot, ctx):
    with json_receiver() as receiver:
        dialog = _ready_to_test(qtbot, ctx, f"{receiver.base}/in?token={TOKEN}")
        dialog.test_button.click()
        assert "Sending a test message to 值班机器人" in dialog.test_outcome.text()
        assert not dialog.test_button.isEnabled()  # the window goes on answering meanwhile
        qtbot.waitUntil(lambda: "Test message sent to 值班机器人." in dialog.test_outcome.text(), timeout=25000)
    assert dialog.test_button.isEnabled()
    assert receiver.posted[0].path == f"/in?token={TOKEN}"
    assert receiver.posted[0].body["message"] == "【测试】dzdesk 告警通道测试，来自 李明"


def test_a_receiver_that_is_down_is_shown_with_why(qtbot, ctx):
    dialog = _ready_to_test(qtbot, ctx, f"http://127.0.0.1:{free_port()}/in?token={TOKEN}")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Not sent to" in dialog.test_outcome.text(), timeout=25000)
    assert "(could not be reached)" in dialog.test_outcome.text()
    assert "connection refused" in dialog.test_outcome.text() and TOKEN not in dialog.test_outcome.text()


def test_a_channel_without_a_url_here_says_where_to_put_it(qtbot, ctx):
    as_member(ctx, "lead")
    pulled(ctx, [Channel("ops-1", ChannelKind.DINGTALK)])
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Not sent to" in dialog.test_outcome.text(), timeout=10000)
    assert "(not tried): no URL on this machine: paste it above and keep it" in dialog.test_outcome.text()


def test_in_chinese_the_dialog_fits_small_screens_and_every_field_has_a_name(qtbot, ctx, chinese):
    as_member(ctx, "lead", (TEAM, "运维二组"))
    pulled(ctx, [Channel(f"ops-{n}", ChannelKind.DINGTALK, f"运维{n}组群") for n in range(1, 7)],
           AlertRules(lead_channels=("ops-1",)))
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert dialog.windowTitle() == "告警通道" and dialog.test_button.text() == "发送测试消息(&G)"
    # 1366×768, and 1920×1080 at 150 % (1280×720): the dialog with its frame fits on the screen.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1240 and hint.height() <= 640, hint
    fields = [w for w in dialog.findChildren(QWidget)
              if isinstance(w, QLineEdit | QComboBox | QAbstractSpinBox | QListWidget | QTableWidget)
              and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]  # not the line edit inside a spin box
    assert len(fields) >= 12
    assert [w for w in fields if not w.accessibleName()] == []


def test_the_settings_menu_opens_it_beside_the_working_calendar(qtbot, ctx, chinese):
    from dzdesk.ui.main_window import MainWindow

    as_member(ctx, "lead")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    settings_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("设置"))
    texts = [a.text() for a in settings_menu.actions()]
    assert texts[texts.index("工作日历(&C)…") + 1] == "告警通道(&A)…"
    qtbot.waitUntil(lambda: settings_menu.actions()[texts.index("告警通道(&A)…")].isEnabled())
    dialog = window.edit_alerts()
    settle(qtbot, dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "告警通道"
    dialog.cert_days.setValue(21)
    dialog.accept()
    settle(qtbot, dialog)
    assert "告警通道已保存" in window.status.currentMessage()


def test_a_save_that_fails_keeps_the_dialog_open_with_the_reason_and_what_was_typed(qtbot, ctx, monkeypatch):
    def locked(*_args, **_kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr("dzdesk.ui.alerts_dialog.save_alerts", locked)
    as_member(ctx, "lead")
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)
    dialog.cert_days.setValue(21)
    dialog.accept()
    settle(qtbot, dialog)
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.problem.text() == "Nothing was saved: database is locked"
    assert dialog.cert_days.value() == 21 and save_button(dialog).isEnabled()
    assert team_records(ctx) == {}


def test_a_team_chosen_while_another_is_read_shows_only_the_newest(qtbot, ctx):
    as_member(ctx, "lead", (TEAM, "运维二组"))
    pulled(ctx, [Channel("ops-2", ChannelKind.FEISHU)], team="运维二组")
    dialog = AlertsDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    shown = []
    dialog.reading.answered.connect(lambda: shown.append(dialog.found.team))
    dialog.team_choice.setCurrentIndex(1)  # 运维二组, read on a worker
    dialog.team_choice.setCurrentIndex(0)  # and back before it is shown
    settle(qtbot, dialog)
    assert shown == [TEAM] and dialog.table.rowCount() == 0 and TEAM in dialog.owner.text()
