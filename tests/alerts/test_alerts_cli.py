"""`dzdesk alerts list|set-url|test` as an engineer types them, on a laptop that synced its team's alert settings,
sending to real receivers on 127.0.0.1."""

import io
import json
import sys

import pytest

from dzdesk.cli import main
from dzdesk.config import DataDir
from dzdesk.domain.alert_settings import AlertRules, Channel, ChannelKind, to_settings
from dzdesk.domain.record_ids import team_setting_id
from dzdesk.secrets import alert_channel_key, get_secret, set_secret
from dzdesk.store import open_store
from dzdesk.store.account import HubAccount, remember_account
from dzdesk.store.team_models import TeamSetting
from tests.alerts.servers import json_receiver, smtp_server
from tests.support.cli import run_dzdesk
from tests.support.secret_scan import find_leaks, remember

TEAM = "运维一组"
TOKEN = "cli-hook-token-9f86d081884c7d65"
remember(TOKEN)
CHANNELS = [Channel("hook", ChannelKind.WEBHOOK, "值班机器人"), Channel("duty-mail", ChannelKind.EMAIL, "值班邮箱")]


def synced_laptop(root, channels=CHANNELS, rules=None, team=TEAM):
    """A laptop that synced as 李明 of `team`, holding the team's alert settings as a lead set them."""
    store = open_store(DataDir(root), author="李明")
    try:
        with store.transaction() as session:
            remember_account(session, HubAccount("李明", "engineer", team, (team,)))
            for key, value in to_settings(channels, rules).items():
                session.add(TeamSetting(id=team_setting_id(team, key), team=team, key=key, value=value,
                                        changed_by="王组长"))
    finally:
        store.close()
    return ["--data-dir", str(root)]


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_laptop_that_never_synced_has_no_channels_and_says_so(tmp_path, capsys):
    d = ["--data-dir", str(tmp_path / "desk")]
    for action in (["list"], ["test"]):
        code, _out, err = run(["alerts", *action, *d], capsys)
        assert code == 2
        assert "has not synced with a hub yet" in err and "dzdesk login" in err


def test_list_shows_channels_rules_and_which_urls_this_machine_holds(tmp_path, capsys, monkeypatch):
    d = synced_laptop(tmp_path / "desk", rules=AlertRules(fault_warn_percent=(50, 75), lead_channels=("duty-mail",)))
    set_secret(alert_channel_key(TEAM, "hook"), f"https://hooks.dz.cn/in?token={TOKEN}")
    code, out, _err = run(["alerts", "list", *d], capsys)
    assert code == 0
    assert f"team {TEAM}: 2 alert channels" in out
    assert "hook       webhook   值班机器人  URL: in the keyring" in out
    assert "duty-mail  email     值班邮箱  URL: no URL on this machine" in out
    assert "faults: warn at 50 %, 75 % of the response time, at the breach, the lead 30 min after it (on duty-mail)" \
        in out
    assert "certificates: a digest daily at 09:00 (Asia/Shanghai) of those expiring within 30 days" in out
    assert TOKEN not in out
    monkeypatch.setenv("DZDESK_ALERT_URL_DUTY_MAIL", "smtp://relay.dz.lan/?to=a@dz.cn")  # no sender: unusable
    code, out, _err = run(["alerts", "list", "--json", *d], capsys)
    listed = json.loads(out)
    assert code == 0 and listed["team"] == TEAM
    by_name = {c["name"]: c for c in listed["channels"]}
    assert by_name["hook"]["url_from"] == "keyring" and by_name["hook"]["problem"] is None
    assert by_name["duty-mail"]["url_from"] == "environment"
    assert by_name["duty-mail"]["environment_variable"] == "DZDESK_ALERT_URL_DUTY_MAIL"
    assert "says no sender" in by_name["duty-mail"]["problem"]
    assert listed["rules"]["lead_channels"] == ["duty-mail"]
    assert TOKEN not in out


def test_set_url_reads_the_url_from_stdin_checks_it_and_keeps_it_in_the_keyring(tmp_path, capsys, monkeypatch):
    d = synced_laptop(tmp_path / "desk")
    url = f"https://hooks.dz.cn/in?token={TOKEN}"
    code, out, _err = run(["alerts", "set-url", "hook", *d], capsys, url + "\n", monkeypatch)
    assert code == 0 and "kept in this machine's keyring" in out and "hooks.dz.cn" in out and TOKEN not in out
    assert get_secret(f"alert-channel:{TEAM}:hook") == url
    code, _out, err = run(["alerts", "set-url", "hook", *d], capsys, f"http://hooks.dz.cn/in?token={TOKEN}x\n",
                          monkeypatch)
    assert code == 2 and "over https:// only" in err and "nothing was kept" in err and TOKEN not in err
    assert get_secret(f"alert-channel:{TEAM}:hook") == url
    code, _out, err = run(["alerts", "set-url", "pager", *d], capsys, url + "\n", monkeypatch)
    assert code == 2 and "no alert channel 'pager' (its channels: duty-mail, hook)" in err
    code, _out, err = run(["alerts", "set-url", "hook", *d], capsys, "\n", monkeypatch)
    assert code == 2 and "no URL given" in err


def test_the_test_message_reaches_every_channel_and_exit_0(tmp_path, capsys, monkeypatch):
    d = synced_laptop(tmp_path / "desk")
    with json_receiver() as receiver, smtp_server() as box:
        set_secret(alert_channel_key(TEAM, "hook"), f"{receiver.base}/in?token={TOKEN}")
        monkeypatch.setenv("DZDESK_ALERT_URL_DUTY_MAIL",
                           f"smtp://127.0.0.1:{box.port}/?to=lead@dz.cn&from=alerts@dz.cn&tls=no")
        code, out, err = run(["alerts", "test", *d], capsys)
    assert code == 0, err
    assert out.splitlines() == ["duty-mail  电子邮件  sent", "hook       JSON Webhook  sent"]
    assert receiver.posted[0].body["message"] == "【测试】dzdesk 告警通道测试，来自 李明"
    assert box.messages[0]["Subject"] == "【测试】dzdesk 告警通道测试，来自 李明"


def test_a_channel_that_fails_gives_exit_1_and_says_why(tmp_path, capsys):
    d = synced_laptop(tmp_path / "desk", channels=[Channel("hook", ChannelKind.WEBHOOK),
                                                    Channel("ok", ChannelKind.WEBHOOK)])
    with json_receiver() as receiver:
        set_secret(alert_channel_key(TEAM, "hook"), f"{receiver.base}/fail?token={TOKEN}")
        set_secret(alert_channel_key(TEAM, "ok"), f"{receiver.base}/in")
        code, out, _err = run(["alerts", "test", "--json", *d], capsys)
        assert code == 1
        result = json.loads(out)
        assert [(c["name"], c["outcome"]) for c in result["channels"]] == [("hook", "refused"), ("ok", "sent")]
        assert "HTTP 500 Internal Server Error" in result["channels"][0]["why"]
        code, out, _err = run(["alerts", "test", "--channel", "ok", *d], capsys)
        assert code == 0 and out.splitlines() == ["ok  JSON Webhook  sent"]
    assert TOKEN not in out


def test_a_channel_without_a_url_or_an_unknown_one_is_unusable_input(tmp_path, capsys):
    d = synced_laptop(tmp_path / "desk")
    with json_receiver() as receiver:
        set_secret(alert_channel_key(TEAM, "hook"), f"{receiver.base}/in")
        code, out, _err = run(["alerts", "test", *d], capsys)
    assert code == 2
    assert "hook       JSON Webhook  sent" in out  # the channels that can be tried still are
    assert ("duty-mail  电子邮件  not sent (unusable): no URL on this machine: keep it with `dzdesk alerts set-url "
            "duty-mail` (it asks for the URL), or set DZDESK_ALERT_URL_DUTY_MAIL") in out
    code, _out, err = run(["alerts", "test", "--channel", "sms", *d], capsys)
    assert code == 2 and "no alert channel 'sms'" in err
    code, _out, err = run(["alerts", "test", "--team", "别的组", *d], capsys)
    assert code == 2 and "holds no settings of that team" in err
    empty = synced_laptop(tmp_path / "empty", channels=[])
    code, _out, err = run(["alerts", "test", *empty], capsys)
    assert code == 2 and "has no alert channels yet" in err


def test_the_watchers_way_the_url_from_the_environment_on_a_machine_without_a_keyring(tmp_path):
    """A child process with no usable keyring: the environment's URL is used, set-url says where else to put it,
    and no file the command wrote, nor its output, holds the token."""
    root = tmp_path / "desk"
    d = synced_laptop(root)
    with json_receiver() as receiver:
        url = f"{receiver.base}/in/{TOKEN}?token={TOKEN}"
        sent = run_dzdesk("alerts", "test", "--channel", "hook", *d, DZDESK_ALERT_URL_HOOK=url)
        assert sent.returncode == 0, sent.stderr
        assert "hook  JSON Webhook  sent" in sent.stdout
        assert receiver.posted[0].body["message"].startswith("【测试】dzdesk 告警通道测试，来自 ")
    mail = run_dzdesk("alerts", "test", "--channel", "duty-mail", *d)
    assert mail.returncode == 2
    assert "no keyring to keep it in; set DZDESK_ALERT_URL_DUTY_MAIL" in mail.stdout
    kept = run_dzdesk("alerts", "set-url", "hook", *d, input_text=url + "\n")
    assert kept.returncode == 2 and "no keyring to keep the URL in; set DZDESK_ALERT_URL_HOOK" in kept.stderr
    for result in (sent, mail, kept):
        assert TOKEN not in result.stdout + result.stderr
    assert (root / "logs").is_dir()
    assert find_leaks([root], [TOKEN]) == []


@pytest.mark.parametrize("action", ["list", "set-url", "test"])
def test_each_action_has_help(action, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["alerts", action, "--help"])
    assert exited.value.code == 0
    assert "--team" in capsys.readouterr().out
