"""The trainings list's rows: each roster counted in SQL, as the window and `dzdesk trainings list` show it."""

from datetime import UTC, datetime, timedelta

from dzdesk.domain.training import Attendance, RosterEntry
from dzdesk.store.training_repo import (
    TrainingDraft,
    add_attendees,
    check_in,
    count_trainings,
    page_trainings,
    save_training,
)

START = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)


def test_each_row_counts_its_roster_and_who_came_without_the_removed_or_the_absent(store):
    with store.transaction() as session:
        full = save_training(session, TrainingDraft("审批系统操作培训", START, venue="市政务中心"))
        people = add_attendees(session, full, [RosterEntry(f"学员{n}") for n in range(6)])
        for person, status in zip(people, (Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY,
                                           Attendance.ABSENT, Attendance.EXPECTED), strict=False):
            check_in(person, status, START)
        people[5].deleted = True  # taken off the roster: neither on it nor counted as come
        check_in(people[5], Attendance.PRESENT, START)
        empty = save_training(session, TrainingDraft("信用平台填报培训", START + timedelta(days=1)))
        gone = save_training(session, TrainingDraft("已删除的培训", START + timedelta(days=2)))
        gone.deleted = True
        full_id, empty_id = full.id, empty.id
    with store.session() as session:
        rows = page_trainings(session, 0, 10)
        assert count_trainings(session) == 2
    assert [(row.id, row.on_roster, row.came) for row in rows] == [(empty_id, 0, 0), (full_id, 5, 3)]
    assert rows[1].title == "审批系统操作培训" and rows[1].venue == "市政务中心"
    assert rows[1].starts_at == START  # aware, in UTC, as every time the store gives


def test_pages_follow_one_another_latest_first(store):
    with store.transaction() as session:
        for day in range(5):
            save_training(session, TrainingDraft(f"第{day}场", START + timedelta(days=day)))
    with store.session() as session:
        first, second = page_trainings(session, 0, 3), page_trainings(session, 3, 3)
    assert [row.title for row in first + second] == ["第4场", "第3场", "第2场", "第1场", "第0场"]
