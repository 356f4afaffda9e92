"""One clock for the whole team: a lead's notice reaches every laptop through the hub, every laptop gives a fault
the same deadline, and nobody else can change the team's calendar.

Each laptop is a data directory driven through `dzdesk …` as its user would type it (in-process), against a real hub
on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dzdesk.cli import main
from dzdesk.config import DataDir, Settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.record_ids import team_setting_id
from dzdesk.domain.severity import Severity
from dzdesk.hub.models import HubRecord
from dzdesk.store import Store, open_store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.team_calendar import deadline_calendar
from dzdesk.store.team_models import TeamSetting
from dzdesk.sync.client import HubClient
from dzdesk.sync.protocol import SCHEMA_VERSION, Change, PushRequest, Role
from tests.support.hub import RunningHub

# A notice for 2027, which the holiday library does not know, worded as the State Council words it.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月13日（周六）上班。
国务院办公厅
2026年11月20日
"""


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@dataclass
class Laptop:
    name: str
    root: Path
    token: str

    def run(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
            *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setenv("DZDESK_HUB_TOKEN", self.token)
        code = main(["--data-dir", str(self.root), *args])
        monkeypatch.delenv("DZDESK_HUB_TOKEN")
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def store(self) -> Store:
        return open_store(DataDir(self.root), author=self.name)


@pytest.fixture
def laptops(hub: RunningHub, tmp_path: Path) -> dict[str, Laptop]:
    """王组长 (lead of 运维一组) and the engineers 张伟 and 李娜 of that team, each on a laptop signed in to the hub."""
    made = {}
    for name, role in (("王组长", Role.LEAD), ("张伟", Role.ENGINEER), ("李娜", Role.ENGINEER)):
        root = tmp_path / name
        DataDir(root).ensure()
        Settings(hub_url=hub.url).save(DataDir(root).settings_file)
        made[name] = Laptop(name, root, hub.add_user(name, role, "运维一组"))
    return made


def record_faults(laptop: Laptop) -> tuple[str, str]:
    """Two 4-hour faults reported at 16:00 on the last working day before a holiday, each answered on the first
    working day after it (by the notice: 4 January, and the make-up Saturday 13 February)."""
    store = laptop.store()
    try:
        ids = []
        for reported, answered in ((sh(2026, 12, 31, 16), sh(2027, 1, 4, 10, 30)),
                                   (sh(2027, 2, 5, 16), sh(2027, 2, 13, 10, 0))):
            draft = IncidentDraft(platform="credit", severity=Severity.MINOR, title=f"证书下载失败 {reported:%m-%d}",
                                  module="信用报告", reported_at=reported, responded_at=answered)
            with store.transaction() as session:
                calendar = deadline_calendar(session, Settings().working_calendar())
                ids.append(add_incident(session, draft, load_catalogue(), calendar, sh(2027, 2, 14)).id)
        return ids[0], ids[1]
    finally:
        store.close()


def deadlines(laptop: Laptop, ids: tuple[str, str]) -> list[datetime]:
    store = laptop.store()
    try:
        with store.session() as session:
            return [session.get(Incident, i).response_due.astimezone(SHANGHAI) for i in ids]
    finally:
        store.close()


def stats(laptop: Laptop, monkeypatch, capsys, year: int) -> dict[str, Any]:
    code, out, err = laptop.run(monkeypatch, capsys, "stats", "--year", str(year), "--json")
    assert code == 0, err
    return json.loads(out)


def test_a_leads_notice_gives_every_laptop_of_the_team_the_same_deadlines_and_figures(laptops, hub, monkeypatch,
                                                                                      capsys, tmp_path):
    lead, zhang, li = laptops["王组长"], laptops["张伟"], laptops["李娜"]
    for laptop in (lead, zhang, li):
        assert laptop.run(monkeypatch, capsys, "sync")[0] == 0
    faults = record_faults(zhang)
    assert zhang.run(monkeypatch, capsys, "sync")[0] == 0
    for laptop in (lead, li):
        assert laptop.run(monkeypatch, capsys, "sync")[0] == 0
    # Without the notice 2027 counts Monday to Friday: 1 January is a working day, 6–12 February too.
    for laptop in (lead, zhang, li):
        assert deadlines(laptop, faults) == [sh(2027, 1, 1, 11), sh(2027, 2, 8, 11)]
    assert stats(li, monkeypatch, capsys, 2026)["response_timeliness"] == 0.0

    notice = tmp_path / "2027年部分节假日安排.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    # An engineer is refused in words, and nothing changes.
    code, _out, err = li.run(monkeypatch, capsys, "calendar", "import-notice", str(notice))
    assert code == 2
    assert "only a lead of the team changes it" in err and "Nothing was changed" in err
    store = li.store()
    try:
        with store.session() as session:
            assert session.scalars(select(TeamSetting)).all() == []
            assert session.scalars(select(OutboxEntry)).all() == []
    finally:
        store.close()
    assert deadlines(li, faults) == [sh(2027, 1, 1, 11), sh(2027, 2, 8, 11)]

    code, out, err = lead.run(monkeypatch, capsys, "calendar", "import-notice", str(notice))
    assert code == 0, err
    assert "as team 运维一组's calendar" in out and "2 deadlines moved" in out
    assert lead.run(monkeypatch, capsys, "sync")[0] == 0
    for laptop in (zhang, li):
        code, out, err = laptop.run(monkeypatch, capsys, "sync")
        assert code == 0, err
        assert "the team's working calendar changed: 2 deadlines moved" in out
        assert "now on time" in out

    for laptop in (lead, zhang, li):
        # The first working day after each holiday: Monday 4 January, and the make-up working Saturday 13 February.
        assert deadlines(laptop, faults) == [sh(2027, 1, 4, 11), sh(2027, 2, 13, 11)]
    for year in (2026, 2027):
        figures = [stats(laptop, monkeypatch, capsys, year) for laptop in (lead, zhang, li)]
        for each in figures:
            del each["as_of"]  # the moment each was asked
        assert figures[0] == figures[1] == figures[2]
        assert (figures[0]["incidents"], figures[0]["response_timeliness"]) == (1, 1.0)
    shown = []
    for laptop in (lead, zhang, li):
        code, out, err = laptop.run(monkeypatch, capsys, "calendar", "show", "--year", "2027", "--json")
        assert code == 0, err
        shown.append(json.loads(out))
    assert [s["editable"] for s in shown] == [True, False, False]
    assert all(s["days"] == shown[0]["days"] and s["team"] == "运维一组" for s in shown)
    new_year = next(d for d in shown[1]["days"] if d["date"] == "2027-01-01")
    assert (new_year["source"], new_year["changed_by"]) == ("notice", "王组长")
    assert new_year["note"].startswith("一、元旦：1月1日")
    # A second sync changes nothing more.
    for laptop in (lead, zhang, li):
        code, out, _err = laptop.run(monkeypatch, capsys, "sync")
        assert code == 0 and "working calendar changed" not in out


def push_setting(hub: RunningHub, token: str, author: str, key: str, value: str, team: str = "运维一组"):
    """Pushes one team setting as a client that skips its own checks would: the hub's answer to it."""
    payload = {"id": team_setting_id(team, key), "created_at": "2026-12-06T02:00:00+00:00",
               "updated_at": "2026-12-06T02:00:00+00:00", "author": author, "deleted": False, "team": team,
               "key": key, "value": value, "changed_by": author}
    request = PushRequest(batch_id=str(uuid.uuid4()), schema_version=SCHEMA_VERSION,
                          changes=[Change(entity="team_settings", id=payload["id"], base_rev=0,
                                          changed=sorted(payload), payload=payload)])
    with HubClient(hub.url, token) as client:
        [result] = client.push(request).results
    return result


def no_team_settings_on(hub: RunningHub) -> bool:
    with hub.db.transaction() as session:
        return session.scalars(select(HubRecord).where(HubRecord.entity == "team_settings")).all() == []


def test_the_hub_refuses_an_engineers_change_to_the_team_calendar(laptops, hub):
    """Even a laptop that skips its own check (or a script with the token) cannot change the team's calendar."""
    result = push_setting(hub, laptops["李娜"].token, "李娜", "calendar.day.2027-01-04", '{"note": "", "off": true}')
    assert result.outcome == "rejected"
    assert "only a lead of team 运维一组 changes its working calendar" in result.message
    assert no_team_settings_on(hub)


def test_a_lead_cannot_change_the_calendar_of_a_team_it_does_not_lead(laptops, hub):
    token = hub.add_user("赵组长", Role.LEAD, "运维二组")
    result = push_setting(hub, token, "赵组长", "calendar.hours", '"08:00-12:00"')
    assert result.outcome == "rejected" and "does not lead team 运维一组" in result.message
    assert no_team_settings_on(hub)


@pytest.mark.parametrize(("key", "value", "why"), [
    ("calendar.day.2027-02-30", '{"note": "", "off": true}', "is not a date"),
    ("calendar.hours", '"18:00-09:00"', "ends before it starts"),
    ("probes.interval", '"5"', "not a probe setting"),
    ("queues.size", '"5"', "not a team setting this version knows"),
    ("alerts.channel.ops", '{"kind": "wecom", "label": "运维群", '
                           '"url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"}', "alerts.channel.ops"),
])
def test_the_hub_refuses_a_team_setting_that_does_not_read_as_its_kind(laptops, hub, key, value, why):
    """Even a lead cannot store a setting no laptop could read, nor a channel carrying its secret URL."""
    result = push_setting(hub, laptops["王组长"].token, "王组长", key, value)
    assert result.outcome == "rejected" and why in result.message
    assert no_team_settings_on(hub)
