"""The sign-in sheet and the attendance summary, checked as printed documents."""

import subprocess
from datetime import datetime

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.training import Attendance, RosterEntry
from dzdesk.reports import training_sheets
from dzdesk.store.training_repo import TrainingDraft, add_attendees, check_in, load_training, save_training

START = datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)


def text_of(path):
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


def fonts_embedded(path):
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return bool(rows) and all(row.split()[-5] == "yes" for row in rows)


def make_training(store, people=40):
    with store.transaction() as session:
        training = save_training(session, TrainingDraft(title="联合验收<业务>培训 & 答疑", starts_at=START,
                                                        platforms=("approval",), venue="达川区政务服务中心",
                                                        trainers="李明"))
        attendees = add_attendees(session, training, [
            RosterEntry(f"学员{n:03d}", "达川区住建局", "", f"139{n:08d}") for n in range(people)])
        statuses = [Attendance.PRESENT, Attendance.LATE, Attendance.ABSENT, Attendance.EXCUSED]
        for n, attendee in enumerate(attendees):
            check_in(attendee, statuses[n % 4], START)
        return training.id


def test_sign_in_sheet_and_summary(store, tmp_path):
    training_id = make_training(store)
    with store.session() as session:
        data = training_sheets.gather(load_training(session, training_id), load_catalogue())
    sheet = training_sheets.render(training_sheets.sign_in_story(data), "培训签到表", tmp_path / "sheet.pdf", START)
    summary = training_sheets.render(training_sheets.summary_story(data), "汇总", tmp_path / "summary.pdf", START)
    sheet_text, summary_text = text_of(sheet), text_of(summary)
    assert "培训签到表" in sheet_text and "联合验收<业务>培训&答疑" in sheet_text
    assert "学员000" in sheet_text and "学员039" in sheet_text and "签字" in sheet_text
    assert "第2页/共2页" in sheet_text  # 40 people and room for walk-ins run onto a second page
    # 40 on the list, 10 excused: 30 expected, 20 came (present or late)
    assert ("名单共40人：出席10人，迟到10人，缺席10人，请假10人。"
            "应到（不含请假）30人，实到20人，出勤率66.7%。") in summary_text
    assert fonts_embedded(sheet) and fonts_embedded(summary)


def test_attendance_figures_by_platform_and_unit(store):
    from dzdesk.reports.figures import training_figures

    make_training(store, people=8)  # approval; 2 present, 2 late, 2 absent, 2 excused
    with store.transaction() as session:
        other = save_training(session, TrainingDraft(title="信用平台培训", starts_at=START,
                                                     platforms=("credit", "approval")))
        for attendee in add_attendees(session, other, [RosterEntry("甲", "渠县政务服务中心"),
                                                       RosterEntry("乙", "达川区住建局")]):
            check_in(attendee, Attendance.PRESENT, START)
        save_training(session, TrainingDraft(title="下月培训", starts_at=datetime(2026, 12, 20, 9, tzinfo=SHANGHAI)))
    with store.session() as session:
        figures = training_figures(session, datetime(2026, 1, 1, tzinfo=SHANGHAI),
                                   datetime(2027, 1, 1, tzinfo=SHANGHAI), START)
    assert (figures.overall.sessions, figures.overall.attendees, figures.overall.attended) == (2, 8, 6)
    assert figures.overall.rate == 0.75
    assert {k: (v.sessions, v.attendees, v.attended) for k, v in figures.by_platform.items()} == {
        "approval": (2, 8, 6), "credit": (1, 2, 2)}
    assert {k: (v.sessions, v.attendees, v.attended) for k, v in figures.by_unit.items()} == {
        "达川区住建局": (2, 7, 5), "渠县政务服务中心": (1, 1, 1)}
