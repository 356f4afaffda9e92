"""A training session through the operations the window and the command line both call: planned with its
materials, its roster imported (or refused whole), people checked in on time, late, or as walk-ins."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dzdesk.domain.training import Attendance, RosterEntry
from dzdesk.operations.trainings import (
    RosterProblemsError,
    TrainingNotFoundError,
    add_people,
    check_in_walk_in,
    check_person_in,
    import_roster,
    read_roster_for,
    save_session,
)
from dzdesk.store.training_models import Attendee, Training, TrainingMaterial
from dzdesk.store.training_repo import TrainingDraft, TrainingRejected, load_training

SH = ZoneInfo("Asia/Shanghai")
STARTS = datetime(2026, 11, 25, 9, 0, tzinfo=SH)


def counts(store):
    with store.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (Training, Attendee,
                                                                                  TrainingMaterial))


def attendees(store, training_id):
    with store.session() as session:
        return {a.name: a for a in load_training(session, training_id).attendees}


def test_a_session_planned_with_its_materials_then_its_roster_then_check_in(store, tmp_path):
    slides = tmp_path / "审批系统操作培训.pdf"
    slides.write_bytes(b"%PDF-1.4 slides")
    training_id = save_session(store, TrainingDraft("审批系统操作培训", STARTS, ("approval",)),
                               materials=[slides]).record_id
    assert counts(store) == (1, 0, 1)
    edited = save_session(store, TrainingDraft("审批系统操作培训（第二期）", STARTS, ("approval",)),
                          training_id).record_id
    assert edited == training_id

    roster = tmp_path / "roster.csv"
    roster.write_bytes("姓名,单位,手机号\r\n张三,达川区住建局,13980861234\r\n李四,渠县政务服务中心,\r\n".encode("gbk"))
    found_id, read = read_roster_for(store, training_id[:8], roster)
    assert found_id == training_id and read.encoding == "gbk"
    assert import_roster(store, training_id, read) == 2

    people = attendees(store, training_id)
    assert check_person_in(store, training_id, people["张三"].id, STARTS + timedelta(minutes=5)) == "张三"
    assert check_person_in(store, training_id, people["李四"].id, STARTS + timedelta(minutes=25)) == "李四"
    assert check_in_walk_in(store, training_id, RosterEntry("王五", "通川区政务局"), STARTS + timedelta(minutes=3)) \
        == "王五"
    marked = {name: Attendance(a.status) for name, a in attendees(store, training_id).items()}
    assert marked == {"张三": Attendance.PRESENT, "李四": Attendance.LATE, "王五": Attendance.PRESENT}
    assert attendees(store, training_id)["王五"].walk_in


def test_a_roster_with_bad_rows_is_refused_whole_unless_they_are_left_out(store, tmp_path):
    training_id = save_session(store, TrainingDraft("信用平台培训", STARTS, ("credit",))).record_id
    add_people(store, training_id, [RosterEntry("张三", "达川区住建局")])
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,单位,手机号\n王五,x,123\n张三,达川区住建局,\n赵六,y,13880861234\n", encoding="utf-8-sig")
    _id, read = read_roster_for(store, training_id, bad)
    before = counts(store)
    with pytest.raises(RosterProblemsError, match="2 bad row"):
        import_roster(store, training_id, read)
    assert counts(store) == before
    assert import_roster(store, training_id, read, leave_out_bad_rows=True) == 1
    assert set(attendees(store, training_id)) == {"张三", "赵六"}


def test_refusals_change_nothing(store, tmp_path):
    training_id = save_session(store, TrainingDraft("信用平台培训", STARTS, ("credit",))).record_id
    before = counts(store)
    with pytest.raises(TrainingRejected, match="title"):
        save_session(store, TrainingDraft("  ", STARTS), training_id)
    with pytest.raises(TrainingNotFoundError):
        read_roster_for(store, "ffff0000", tmp_path / "none.csv")
    with pytest.raises(TrainingNotFoundError):
        check_person_in(store, training_id, "no-such-attendee", STARTS)
    with pytest.raises(OSError):
        save_session(store, TrainingDraft("信用平台培训", STARTS, ("credit",)), training_id,
                     materials=[tmp_path / "missing.pptx"])
    assert counts(store) == before
    with store.session() as session:
        assert session.get(Training, training_id).title == "信用平台培训"
