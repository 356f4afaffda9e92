"""`dzdesk calendar show|import-notice|export|import`, run in-process as a lead would type them."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from dzdesk.cli import main
from dzdesk.config import DataDir, Settings
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.severity import Severity
from dzdesk.store import open_store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident

SH = ZoneInfo("Asia/Shanghai")
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月13日（周六）上班。
"""


def fault_before_new_year(root):
    """A 4-hour fault reported at 16:00 on the last working day of 2026: due at 11:00 on the next working day."""
    store = open_store(DataDir(root), author="王磊")
    try:
        with store.transaction() as session:
            draft = IncidentDraft(platform="credit", severity=Severity.MINOR, title="证书无法下载",
                                  reported_at=datetime(2026, 12, 31, 16, 0, tzinfo=SH), module="信用报告")
            return add_incident(session, draft, load_catalogue(), BusinessCalendar(),
                                datetime(2026, 12, 31, 16, 5, tzinfo=SH)).id
    finally:
        store.close()


def due_of(root, incident_id):
    store = open_store(DataDir(root))
    try:
        with store.session() as session:
            return session.get(Incident, incident_id).response_due.astimezone(SH)
    finally:
        store.close()


def test_a_notice_for_an_unknown_year_moves_the_deadline_past_the_holiday(tmp_path, capsys):
    root = tmp_path / "desk"
    incident = fault_before_new_year(root)
    assert due_of(root, incident) == datetime(2027, 1, 1, 11, 0, tzinfo=SH)  # Mon–Fri fallback
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert main(["--data-dir", str(root), "calendar", "import-notice", str(notice)]) == 0
    out = capsys.readouterr().out
    assert "1 deadlines moved" in out
    assert due_of(root, incident) == datetime(2027, 1, 4, 11, 0, tzinfo=SH)
    assert main(["--data-dir", str(root), "calendar", "show", "--year", "2027", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["known"] is True
    by_day = {d["date"]: d for d in shown["days"]}
    assert by_day["2027-02-13"]["off"] is False and by_day["2027-02-13"]["source"] == "notice"
    assert by_day["2027-01-01"]["note"].startswith("一、元旦")


def test_dry_run_and_json_change_nothing(tmp_path, capsys):
    root = tmp_path / "desk"
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert main(["--data-dir", str(root), "calendar", "import-notice", str(notice), "--dry-run", "--json"]) == 0
    read = json.loads(capsys.readouterr().out)
    assert read["ok"] and len(read["days"]) == 11
    assert read["days"][0] == {"date": "2027-01-01", "off": True, "festival": "元旦", "line_number": 2,
                               "line": "一、元旦：1月1日（周五）至3日（周日）放假，共3天。"}
    assert Settings.load(DataDir(root).settings_file).extra_days_off == []
    assert main(["--data-dir", str(root), "calendar", "import-notice", str(notice), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["ok"] and "deadlines moved" in captured.err
    assert Settings.load(DataDir(root).settings_file).complete_years == [2027]


def test_a_damaged_notice_is_refused_in_words_and_applies_nothing(tmp_path, capsys):
    root = tmp_path / "desk"
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027.replace("2月13日", "2月30日"), encoding="utf-8")
    assert main(["--data-dir", str(root), "calendar", "import-notice", str(notice)]) == 2
    err = capsys.readouterr().err
    assert "line 3" in err and "2027年2月30日 does not exist" in err and "nothing was applied" in err
    assert Settings.load(DataDir(root).settings_file).complete_years == []


def test_a_calendar_file_carries_the_notice_to_another_laptop(tmp_path, capsys):
    lead, engineer = tmp_path / "lead", tmp_path / "engineer"
    notice, sent = tmp_path / "2027.txt", tmp_path / "team-calendar.json"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert main(["--data-dir", str(lead), "calendar", "import-notice", str(notice)]) == 0
    assert main(["--data-dir", str(lead), "calendar", "export", "-o", str(sent)]) == 0
    incident = fault_before_new_year(engineer)
    assert main(["--data-dir", str(engineer), "calendar", "import", str(sent)]) == 0
    assert due_of(engineer, incident) == datetime(2027, 1, 4, 11, 0, tzinfo=SH)
    shown = []
    for data_dir in (lead, engineer):
        capsys.readouterr()
        assert main(["--data-dir", str(data_dir), "calendar", "show", "--year", "2027", "--json"]) == 0
        shown.append(json.loads(capsys.readouterr().out))
    assert shown[0] == shown[1] and len(shown[0]["days"]) == 11

def test_a_file_that_is_not_a_calendar_is_refused(tmp_path, capsys):
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "dzdesk-calendar/1", "extra_days_off": ["2027-02-30"]}', encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "calendar", "import", str(bad)]) == 2
    assert "invalid calendar" in capsys.readouterr().err


def test_a_notice_that_changes_the_years_notice_changes_only_its_days(tmp_path, capsys):
    """2019's labour day was lengthened by a later notice: applied after the year's notice, it changes the days it
    names and keeps the rest of the year."""
    root, notices = tmp_path / "desk", Path(__file__).parents[1] / "data" / "holiday_notices"
    assert main(["--data-dir", str(root), "calendar", "import-notice", str(notices / "2019.txt")]) == 0
    assert "replaces every day of the year" in capsys.readouterr().out
    assert main(["--data-dir", str(root), "calendar", "import-notice", str(notices / "2019-extra.txt")]) == 0
    assert "only these days change" in capsys.readouterr().out
    assert main(["--data-dir", str(root), "calendar", "show", "--year", "2019", "--json"]) == 0
    days = {d["date"]: d for d in json.loads(capsys.readouterr().out)["days"]}
    assert [days[d]["off"] for d in ("2019-05-02", "2019-05-03", "2019-04-28", "2019-05-05")] == [
        True, True, False, False]
    assert days["2019-02-04"]["off"] and days["2019-02-04"]["source"] == "notice"  # the spring festival stays
    assert days["2019-05-02"]["note"] != days["2019-02-04"]["note"]
