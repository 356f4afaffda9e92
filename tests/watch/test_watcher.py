"""The watcher against real parts on 127.0.0.1: a hub, probe targets that stop and start again, a JSON webhook and a
mail server standing in for the team's groups. Time for the fault deadlines is given to each round; probes are
real."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from dzdesk.config import DataDir, ProbeSettings, Settings
from dzdesk.domain.alert_settings import AlertRules, Channel, ChannelKind, to_settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.store import Store, open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.probe_repo import save_target, save_window
from dzdesk.store.team_calendar import deadline_calendar
from dzdesk.store.team_settings import write_team_settings
from dzdesk.sync.client import HubClient
from dzdesk.sync.engine import synchronise
from dzdesk.sync.probe_results import Vantage
from dzdesk.sync.protocol import Role
from dzdesk.watch.watcher import WatchConfig, Watcher
from tests.alerts.servers import json_receiver, smtp_server
from tests.support import probe_servers
from tests.support.hub import free_port, running_hub
from tests.support.secret_scan import remember


class Target:
    """A probe target's web server on a fixed loopback port, stopped and started again at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.server = probe_servers._Server(("127.0.0.1", self.port), probe_servers._Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def hub(tmp_path):
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as running:
        yield running


@pytest.fixture(autouse=True)
def no_proxy_for_loopback(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


class Laptop:
    def __init__(self, hub, root: Path, name: str, role: Role, team: str = "一组") -> None:
        self.token = hub.add_user(name, role, team)
        self.hub_url = hub.url
        self.store: Store = open_store(DataDir(root).ensure(), author=name)
        self.blobs = BlobStore(DataDir(root).blobs)

    def sync(self, vantage: Vantage | None = None):
        with HubClient(self.hub_url, self.token) as client:
            return synchronise(self.store, self.blobs, client, vantage=vantage)


@pytest.fixture
def team(hub, tmp_path, monkeypatch) -> Iterator[dict]:
    """A lead who configured a webhook and an e-mail channel, an engineer, and the watcher's account and machine,
    with the channels' URLs in the watcher's environment."""
    with json_receiver() as group, smtp_server() as mailbox:
        lead = Laptop(hub, tmp_path / "lead", "王组长", Role.LEAD)
        engineer = Laptop(hub, tmp_path / "engineer", "张伟", Role.ENGINEER)
        watch = Laptop(hub, tmp_path / "watcher", "值守机", Role.ENGINEER)
        lead.sync()
        channels = (Channel("ops", ChannelKind.WEBHOOK, "运维一组群"), Channel("mail", ChannelKind.EMAIL, "组长邮箱"))
        with lead.store.transaction() as session:
            write_team_settings(session, "一组", "alerts.", to_settings(channels, AlertRules(lead_channels=("mail",))))
        lead.sync()
        hook = f"{group.base}/dzdesk-hook-token-{free_port()}"
        remember(hook)
        monkeypatch.setenv("DZDESK_ALERT_URL_OPS", hook)
        monkeypatch.setenv("DZDESK_ALERT_URL_MAIL",
                           f"smtp://127.0.0.1:{mailbox.port}/?to=lead@example.cn&from=watch@example.cn&tls=no")
        yield {"lead": lead, "engineer": engineer, "watch": watch, "group": group, "mailbox": mailbox}
        for laptop in (lead, engineer, watch):
            laptop.store.close()


def watcher_of(team, **config) -> Watcher:
    watch = team["watch"]
    return Watcher(watch.store, watch.blobs, WatchConfig(watch.hub_url, watch.token,
                                                         Vantage("值守机@机房", "watcher", "机房"),
                                                         probes=ProbeSettings(), **config))


def said(team) -> list[str]:
    return [p.body.get("message", "") for p in team["group"].posted]


def test_a_stopped_target_is_told_down_once_and_up_once_across_a_restart(team):
    lead = team["lead"]
    stopping, staying = Target(), Target()
    stopping.start()
    staying.start()
    try:
        with lead.store.transaction() as session:
            for name, target in (("审批系统-网上大厅", stopping), ("信用平台-门户", staying)):
                save_target(session, ProbeTarget(name, "approval", kind=ProbeKind.HTTP, url=target.url,
                                                 timeout_s=2))
        lead.sync()
        watcher = watcher_of(team, interval_minutes=5)
        now = datetime.now(UTC)
        for n in range(2):  # both settle to up: that is no news
            watcher.tick(now + timedelta(minutes=5 * n))
        assert said(team) == []
        stopping.stop()
        rounds = [watcher.tick(now + timedelta(minutes=5 * n)) for n in range(2, 5)]
        assert [r.changes for r in rounds] == [0, 0, 1]
        assert len(said(team)) == 1 and said(team)[0].startswith("【巡检告警】审批系统-网上大厅 不可用")
        restarted = watcher_of(team, interval_minutes=5)  # mid-outage: the outage was told already
        for n in range(5, 8):
            restarted.tick(now + timedelta(minutes=5 * n))
        assert len(said(team)) == 1
        stopping.start()
        for n in range(8, 11):
            restarted.tick(now + timedelta(minutes=5 * n))
        assert len(said(team)) == 2 and said(team)[1].startswith("【恢复】审批系统-网上大厅 已恢复，中断")
        # Inside a maintenance window, a stop is not told at all.
        with lead.store.transaction() as session:
            save_window(session, MaintenanceWindow(datetime.now(UTC) - timedelta(minutes=1), timedelta(hours=2),
                                                   Recurrence.ONCE, target_name="审批系统-网上大厅", note="升级"))
        lead.sync()
        restarted.next_sync = None
        stopping.stop()
        for n in range(11, 16):
            restarted.tick(now + timedelta(minutes=5 * n))
        assert len(said(team)) == 2
        assert [m["Subject"][:6] for m in team["mailbox"].messages] == ["【巡检告警】", "【恢复】审批"]
    finally:
        stopping.stop()
        staying.stop()


def test_an_unanswered_fault_is_told_at_its_points_and_at_breach_and_to_the_lead_after(team):
    engineer, watch = team["engineer"], team["watch"]
    engineer.sync()
    reported = datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI)  # Monday 09:00: a 4-hour fault is due at 14:00
    with engineer.store.transaction() as session:  # recorded offline, synced later
        calendar = deadline_calendar(session, Settings().working_calendar())
        fault = add_incident(session, IncidentDraft(platform="credit", severity=Severity.MINOR,
                                                    title="证书下载失败", reported_at=reported),
                             load_catalogue(), calendar, reported + timedelta(minutes=1))
        assert fault.response_due == datetime(2026, 12, 7, 14, 0, tzinfo=SHANGHAI)
    engineer.sync()
    watcher = watcher_of(team)

    def at(hour: int, minute: int) -> list[str]:
        before = len(team["group"].posted)
        watcher.next_sync = None
        watcher.tick(datetime(2026, 12, 7, hour, minute, tzinfo=SHANGHAI))
        return said(team)[before:]

    assert at(9, 30) == []
    assert at(10, 55) == []
    [half] = at(11, 5)  # half of 4 business hours: 11:00
    assert half.startswith("【响应提醒】一般故障「证书下载失败」还剩") and "响应期限 12-07 14:00" in half
    assert at(12, 30) == []
    [eighty] = at(13, 15)  # 80 %: 3 h 12 min of business time, 13:12
    assert eighty.startswith("【响应提醒】")
    [breach] = at(14, 1)
    assert breach.startswith("【已超时】一般故障「证书下载失败」已超过响应期限")
    assert at(14, 20) == []
    assert at(14, 31) == []  # the lead's notice goes to the lead's channel (the mailbox), not the group
    mails = [m.get_body().get_content().strip() for m in team["mailbox"].messages]
    assert mails[:3] == [half, eighty, breach]  # every channel hears the fault; the mailbox the lead too
    assert len(mails) == 4 and mails[3].startswith("【请组长关注】一般故障「证书下载失败」超过响应期限")
    restarted = watcher_of(team)  # a restart repeats nothing
    restarted.tick(datetime(2026, 12, 7, 15, 0, tzinfo=SHANGHAI))
    assert len(team["group"].posted) == 3 and len(team["mailbox"].messages) == 4
    with watch.store.session() as session:
        from dzdesk.watch.ledger import pending
        assert pending(session) == []


def test_watch_once_from_the_command_line(team, tmp_path, monkeypatch, capsys):
    from dzdesk.cli import main

    root = tmp_path / "watch-cli"
    assert main(["--data-dir", str(root), "watch", "--once"]) == 2
    assert "no hub: give --hub URL" in capsys.readouterr().err
    assert main(["--data-dir", str(root), "watch", "--once", "--hub", team["watch"].hub_url]) == 2
    assert "set DZDESK_HUB_TOKEN" in capsys.readouterr().err
    monkeypatch.setenv("DZDESK_HUB_TOKEN", team["watch"].token)
    assert main(["--data-dir", str(root), "watch", "--once", "--hub", team["watch"].hub_url,
                 "--network", "机房"]) == 0
    assert "synced: yes" in capsys.readouterr().out
    assert main(["--data-dir", str(root), "watch", "--interval", "0"]) == 2


def test_a_lead_sets_the_teams_probe_schedule_and_the_watcher_follows_it(team, capsys, monkeypatch):
    from dzdesk.cli import main

    lead, engineer = team["lead"], team["engineer"]
    engineer.sync()
    root = str(engineer.store.data_dir.root)
    assert main(["--data-dir", root, "targets", "schedule", "--interval", "2"]) == 2
    assert "only a lead of the team" in capsys.readouterr().err
    lead_root = str(lead.store.data_dir.root)
    assert main(["--data-dir", lead_root, "targets", "schedule", "--interval", "0"]) == 2
    assert main(["--data-dir", lead_root, "targets", "schedule", "--interval", "2", "--confirm-failures", "2"]) == 0
    assert "sweep every 2 min; down after 2 failures" in capsys.readouterr().out
    lead.sync()
    watcher = watcher_of(team)
    watcher.tick()
    schedule = watcher.schedule()
    assert (schedule.interval_minutes, schedule.confirm_failures, schedule.confirm_successes) == (2, 2, 2)
