"""A lead changes the team's alert channels and rules (`dzdesk alerts add-channel|remove-channel|rules` and the
operation the window calls too): each change is a team setting queued for the next sync, an engineer is refused
and nothing is written, and a channel's URL is checked before this machine keeps it."""

import io
import json
import sys
from datetime import time

import pytest
from sqlalchemy import select

from dzdesk.cli import main
from dzdesk.config import DataDir
from dzdesk.domain.alert_settings import AlertRules, AlertSettings, Channel, ChannelKind, to_settings
from dzdesk.domain.record_ids import team_setting_id
from dzdesk.operations.alert_channels import UrlState, check_url, keep_channel_url, send_test, url_on_machine
from dzdesk.operations.alerts import (
    AlertEdit,
    SettingsNotYoursError,
    UrlNotKeptError,
    edit_between,
    parse_lead_after,
    parse_warn_points,
    read_alerts,
    save_alerts,
)
from dzdesk.secrets import alert_channel_key, get_secret, set_secret
from dzdesk.store import open_store
from dzdesk.store.account import HubAccount, remember_account
from dzdesk.store.outbox import APPLYING_REMOTE, OutboxEntry
from dzdesk.store.team_models import TeamSetting
from tests.alerts.servers import free_port, json_receiver
from tests.support.secret_scan import remember

TEAM = "运维一组"
TOKEN = "config-hook-token-3c59dc048e8850243be8"
remember(TOKEN)


def laptop(root, role="lead", teams=(TEAM,), name="李明"):
    """A laptop that synced as `name`, a `role` of `teams` (its own team first)."""
    store = open_store(DataDir(root), author=name)
    with store.transaction() as session:
        remember_account(session, HubAccount(name, role, teams[0], tuple(teams)))
    return store


def pulled(store, channels, rules=None, team=TEAM, by="王组长"):
    """The team's alert settings as a pull brings them (not queued again)."""
    with store.transaction() as session:
        session.info[APPLYING_REMOTE] = True
        for key, value in to_settings(channels, rules).items():
            session.add(TeamSetting(id=team_setting_id(team, key), team=team, key=key, value=value, changed_by=by))


def records(store, team=TEAM):
    with store.session() as session:
        return {r.key: (r.value, r.deleted, r.changed_by)
                for r in session.scalars(select(TeamSetting).where(TeamSetting.team == team))}


def queued(store):
    """The ids of the team settings waiting in the outbox for the next push."""
    with store.session() as session:
        return {e.record_id for e in session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "team_settings"))}


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def lead(tmp_path):
    store = laptop(tmp_path / "desk")
    store.close()
    return ["--data-dir", str(tmp_path / "desk")], tmp_path / "desk"


def reopened(root):
    return open_store(DataDir(root), author="李明")


# -- the commands -------------------------------------------------------------------------------------------------
def test_a_lead_adds_channels_and_rules_and_they_are_team_settings_queued_for_sync(lead, capsys):
    d, root = lead
    code, out, err = run(["alerts", "add-channel", "ops-1", "--kind", "dingtalk", "--label", "运维一组群", *d], capsys)
    assert code == 0, err
    assert "channel ops-1 (钉钉群, 运维一组群) added" in out
    assert "reaches the team at its next sync" in out and "dzdesk alerts set-url ops-1" in out
    code, out, err = run(["alerts", "add-channel", "duty-mail", "--kind", "email", "--label", "值班邮箱", *d], capsys)
    assert code == 0, err
    code, out, err = run(["alerts", "rules", "--warn-at", "40,70", "--no-breach", "--lead-after", "45",
                          "--lead-channels", "duty-mail", "--complaints", "off", "--digest-at", "08:30",
                          "--cert-days", "14", *d], capsys)
    assert code == 0, err
    assert "rules saved as team 运维一组's settings; the change reaches the team at its next sync" in out
    assert "faults: warn at 40 %, 70 % of the response time, the lead 45 min after it (on duty-mail)" in out
    assert "complaints: a reply due tomorrow is not announced" in out
    assert "certificates: a digest daily at 08:30 (Asia/Shanghai) of those expiring within 14 days" in out

    store = reopened(root)
    try:
        kept = records(store)
        assert sorted(kept) == ["alerts.channel.duty-mail", "alerts.channel.ops-1", "alerts.rules"]
        assert json.loads(kept["alerts.channel.ops-1"][0]) == {"kind": "dingtalk", "label": "运维一组群"}
        assert {changed_by for _value, _deleted, changed_by in kept.values()} == {"李明"}
        assert queued(store) == {team_setting_id(TEAM, key) for key in kept}
        found = read_alerts(store)
        assert found.editable and [c.name for c in found.settings.channels] == ["duty-mail", "ops-1"]
        assert found.settings.rules == AlertRules(fault_warn_percent=(40, 70), fault_warn_at_breach=False,
                                                  fault_lead_after_minutes=45, lead_channels=("duty-mail",),
                                                  complaint_reply_due_tomorrow=False,
                                                  certificate_digest_at=time(8, 30), certificate_days_ahead=14)
        assert [c.changed_by for c in found.changes] == ["李明"] * 3
    finally:
        store.close()

    code, out, _err = run(["alerts", "add-channel", "ops-1", "--kind", "dingtalk", "--label", "运维一组钉钉群", *d],
                          capsys)
    assert code == 0 and "relabelled" in out
    code, _out, err = run(["alerts", "add-channel", "ops-1", "--kind", "wecom", *d], capsys)
    assert code == 2 and "remove it and add it again" in err and "nothing was changed" in err


def test_an_engineer_is_refused_in_words_and_nothing_is_written(tmp_path, capsys):
    root = tmp_path / "desk"
    store = laptop(root, role="engineer")
    pulled(store, [Channel("ops-1", ChannelKind.DINGTALK, "运维一组群")])
    before = records(store)
    store.close()
    d = ["--data-dir", str(root)]
    for action in (["add-channel", "hook", "--kind", "webhook"], ["remove-channel", "ops-1"],
                   ["remove-channel", "no-such"], ["rules", "--cert-days", "7"]):
        code, out, err = run(["alerts", *action, *d], capsys)
        assert code == 2, action
        assert "only a lead of the team changes them. Nothing was changed." in err and out == ""
    code, out, _err = run(["alerts", "rules", *d], capsys)  # reading is for everyone
    assert code == 0 and "(only a lead of the team changes them)" in out and "within 30 days" in out
    store = reopened(root)
    try:
        assert records(store) == before and queued(store) == set()
        with pytest.raises(SettingsNotYoursError):
            save_alerts(store, TEAM, AlertEdit(put=(Channel("hook", ChannelKind.WEBHOOK),)))
        assert records(store) == before and queued(store) == set()
    finally:
        store.close()


def test_a_laptop_that_never_synced_changes_nothing(tmp_path, capsys):
    d = ["--data-dir", str(tmp_path / "desk")]
    code, _out, err = run(["alerts", "add-channel", "hook", "--kind", "webhook", *d], capsys)
    assert code == 2 and "has not synced with a hub yet" in err
    store = reopened(tmp_path / "desk")
    try:
        found = read_alerts(store)
        assert not found.synced and not found.editable and found.settings == AlertSettings()
        with pytest.raises(SettingsNotYoursError):
            save_alerts(store, "", AlertEdit(put=(Channel("hook", ChannelKind.WEBHOOK),)))
    finally:
        store.close()


def test_removing_a_channel_leaves_a_tombstone_to_sync_and_forgets_its_url_here(lead, capsys):
    d, root = lead
    store = reopened(root)
    pulled(store, [Channel("ops-1", ChannelKind.DINGTALK), Channel("duty-mail", ChannelKind.EMAIL)],
           AlertRules(lead_channels=("ops-1",)))
    store.close()
    set_secret(alert_channel_key(TEAM, "ops-1"), f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN[-20:]}")
    code, out, err = run(["alerts", "remove-channel", "ops-1", *d], capsys)
    assert code == 0, err
    assert "channel ops-1 (钉钉群, ops-1) removed" in out and "reaches the team at its next sync" in out
    assert "keyring no longer keeps its URL" in out
    assert "note: the lead's alerts no longer go to ops-1; they now go to every channel" in out
    assert get_secret(alert_channel_key(TEAM, "ops-1")) is None
    store = reopened(root)
    try:
        kept = records(store)
        assert kept["alerts.channel.ops-1"][1:] == (True, "李明")  # removed, so the removal syncs
        assert json.loads(kept["alerts.rules"][0])["lead_channels"] == []
        assert queued(store) == {team_setting_id(TEAM, "alerts.channel.ops-1"), team_setting_id(TEAM, "alerts.rules")}
    finally:
        store.close()
    code, _out, err = run(["alerts", "remove-channel", "ops-1", *d], capsys)
    assert code == 2 and "has no alert channel 'ops-1' (its channels: duty-mail)" in err


def test_rules_change_only_the_options_given(lead, capsys):
    d, root = lead
    run(["alerts", "add-channel", "ops-1", "--kind", "dingtalk", *d], capsys)
    assert run(["alerts", "rules", "--warn-at", "40,70", "--lead-after", "never", *d], capsys)[0] == 0
    code, out, _err = run(["alerts", "rules", "--cert-days", "14", "--follow-ups", "off", "--json", *d], capsys)
    assert code == 0
    shown = json.loads(out)
    assert shown["rules"]["fault_warn_percent"] == [40, 70] and shown["rules"]["fault_lead_after_minutes"] is None
    assert shown["rules"]["certificate_days_ahead"] == 14 and shown["rules"]["visit_follow_up_overdue"] is False
    assert shown["rules"]["fault_warn_at_breach"] is True and shown["editable"] is True
    code, out, _err = run(["alerts", "rules", "--breach", *d], capsys)
    assert code == 0 and "faults: warn at 40 %, 70 % of the response time, at the breach, never the lead" in out
    store = reopened(root)
    before = records(store)
    store.close()
    for option, value, said in (("--warn-at", "50,120", "“120” is not a percentage from 1 to 99"),
                                ("--lead-after", "soon", "nor “never”"),
                                ("--digest-at", "9 o'clock", "is not a time of day like 09:00"),
                                ("--cert-days", "0", "from 1 to 365"),
                                ("--lead-channels", "pager", "cannot go to pager: not a channel of the team")):
        code, _out, err = run(["alerts", "rules", option, value, *d], capsys)
        assert code == 2 and said in err and "nothing was changed" in err, option
    store = reopened(root)
    try:
        assert records(store) == before
    finally:
        store.close()


def test_rules_a_newer_dzdesk_wrote_are_kept_as_read_when_a_channel_is_added(lead, capsys):
    """A field this version does not know is refused by the hub's check, so the rules are written as read."""
    _d, root = lead
    store = reopened(root)
    try:
        with store.transaction() as session:
            session.info[APPLYING_REMOTE] = True
            session.add(TeamSetting(id=team_setting_id(TEAM, "alerts.rules"), team=TEAM, key="alerts.rules",
                                    value='{"certificate_days_ahead": 10, "quiet_hours": "22:00-07:00"}',
                                    changed_by="王组长"))
        assert read_alerts(store).skipped
        saved = save_alerts(store, TEAM, AlertEdit(put=(Channel("hook", ChannelKind.WEBHOOK),)))
        assert saved.added == ("hook",) and not saved.rules_changed
        rules = json.loads(records(store)["alerts.rules"][0])
        assert rules["certificate_days_ahead"] == 10 and "quiet_hours" not in rules
    finally:
        store.close()


def test_a_window_saves_its_edit_on_top_of_what_another_lead_changed_meanwhile(tmp_path):
    store = laptop(tmp_path / "desk")
    try:
        pulled(store, [Channel("ops-1", ChannelKind.DINGTALK, "一组群")])
        opened = read_alerts(store).settings
        pulled(store, [Channel("duty-mail", ChannelKind.EMAIL, "值班邮箱")], by="张组长")  # a sync meanwhile
        shown = AlertSettings((Channel("hook", ChannelKind.WEBHOOK, "机器人"), Channel("ops-1", ChannelKind.FEISHU)),
                              AlertRules(certificate_days_ahead=7))
        edit = edit_between(opened, shown)
        assert edit.remove == ("ops-1",) and {c.name for c in edit.put} == {"hook", "ops-1"}  # a kind changes
        assert edit.rules == {"certificate_days_ahead": 7}
        saved = save_alerts(store, TEAM, edit)
        assert [c.name for c in saved.settings.channels] == ["duty-mail", "hook", "ops-1"]
        assert saved.settings.channel("ops-1").kind is ChannelKind.FEISHU
        assert saved.settings.rules.certificate_days_ahead == 7
        assert records(store)["alerts.channel.duty-mail"][2] == "张组长"  # untouched
        assert save_alerts(store, TEAM, edit_between(saved.settings, saved.settings)).changed == 0
    finally:
        store.close()


def test_the_commands_have_help(capsys):
    for action in ("add-channel", "remove-channel", "rules"):
        with pytest.raises(SystemExit) as exited:
            main(["alerts", action, "--help"])
        assert exited.value.code == 0
        assert "--team" in capsys.readouterr().out


# -- a channel's URL, and the typed rules --------------------------------------------------------------------------
def test_set_url_checks_the_url_before_keeping_it(lead, capsys, monkeypatch):
    d, _root = lead
    run(["alerts", "add-channel", "hook", "--kind", "webhook", *d], capsys)
    good = f"https://hooks.dz.cn/in?token={TOKEN}"
    code, out, _err = run(["alerts", "set-url", "hook", *d], capsys, good + "\n", monkeypatch)
    assert code == 0 and "to hooks.dz.cn) is kept in this machine's keyring" in out and TOKEN not in out
    code, _out, err = run(["alerts", "set-url", "hook", *d], capsys, f"ftp://hooks.dz.cn/in?token={TOKEN}\n",
                          monkeypatch)
    assert code == 2 and "starts with https://" in err and "nothing was kept" in err and TOKEN not in err
    assert get_secret(alert_channel_key(TEAM, "hook")) == good
    hook = Channel("hook", ChannelKind.WEBHOOK)
    with pytest.raises(UrlNotKeptError, match="over https:// only"):
        keep_channel_url(TEAM, hook, f"http://hooks.dz.cn/in?token={TOKEN}")
    assert check_url(ChannelKind.DINGTALK, good).problem.startswith("a DingTalk robot's URL goes to oapi.dingtalk.com")
    assert check_url("webhook", good).ok and check_url("webhook", good).destination == "hooks.dz.cn"
    held = url_on_machine(TEAM, hook)
    assert held.state is UrlState.USABLE and held.destination == "hooks.dz.cn" and TOKEN not in repr(held)
    monkeypatch.setenv("DZDESK_ALERT_URL_HOOK", "ftp://nowhere")
    assert url_on_machine(TEAM, hook).state is UrlState.UNUSABLE
    assert keep_channel_url(TEAM, hook, good).environment_wins


def test_the_typed_rules_are_read_or_refused_in_words():
    assert parse_warn_points("80，50 %") == (50, 80)
    assert parse_warn_points("none") == () and parse_warn_points("") == ()
    with pytest.raises(ValueError, match="given twice"):
        parse_warn_points("50,50")
    with pytest.raises(ValueError, match="at most 5"):
        parse_warn_points("10,20,30,40,50,60")
    assert parse_lead_after("never") is None and parse_lead_after("0") == 0
    with pytest.raises(ValueError):
        parse_lead_after("1441")


# -- a test message -----------------------------------------------------------------------------------------------
def test_a_test_message_says_per_channel_sent_or_why_not(tmp_path):
    store = laptop(tmp_path / "desk")
    try:
        pulled(store, [Channel("hook", ChannelKind.WEBHOOK), Channel("down", ChannelKind.WEBHOOK),
                       Channel("bare", ChannelKind.WECOM)])
        found = read_alerts(store)
    finally:
        store.close()
    with json_receiver() as receiver:
        set_secret(alert_channel_key(TEAM, "hook"), f"{receiver.base}/in?token={TOKEN}")
        set_secret(alert_channel_key(TEAM, "down"), f"http://127.0.0.1:{free_port()}/in?token={TOKEN}")
        result = send_test(TEAM, found.settings.channels, "李明", timeout=5)
    by_name = {t.channel.name: t for t in result.tried}
    assert by_name["hook"].sent and receiver.posted[0].body["message"] == "【测试】dzdesk 告警通道测试，来自 李明"
    down = by_name["down"].delivery
    assert down.outcome.value == "unreachable" and "connection refused" in down.why
    assert by_name["bare"].held.state is UrlState.MISSING and by_name["bare"].delivery.why == "no URL on this machine"
    assert not result.all_sent and result.any_unusable
    assert all(TOKEN not in t.delivery.why for t in result.tried)
