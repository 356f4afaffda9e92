"""Visits in the store: numbered offline, locked once signed, amended after, every change queued for sync."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.visit import FollowUp, ServiceCategory, VisitProblem
from dzdesk.store.blobs import BlobError, BlobStore
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.visit_repo import (
    VisitDraft,
    VisitRejected,
    add_attachment,
    amend,
    device_code,
    find_visit,
    load_visit,
    save_visit,
    sign,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI)


def draft(**changes):
    values = {"office": "渠县住房和城乡建设局", "platforms": ("credit",), "categories": (ServiceCategory.SECURITY,),
                  "engineers": "邓雪", "arrived_at": datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI),
                  "work_done": "核对账号权限，清理离职人员账号。"}
    values.update(changes)
    return VisitDraft(**values)


def add(store, **changes):
    with store.transaction() as session:
        return save_visit(session, draft(**changes), NOW).id


def outbox_entities(store):
    with store.session() as session:
        return [e.entity for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def test_report_numbers_run_per_day_and_device(store):
    first, second = add(store), add(store)
    other_day = add(store, arrived_at=datetime(2026, 11, 19, 15, 0, tzinfo=SHANGHAI))
    with store.transaction() as session:
        code = device_code(session)
        numbers = [load_visit(session, i).report_number for i in (first, second, other_day)]
    assert numbers == [f"FW-20261120-{code}-01", f"FW-20261120-{code}-02", f"FW-20261119-{code}-01"]
    assert len(code) == 4


@pytest.mark.parametrize(("changes", "problem"), [
    ({"office": " "}, VisitProblem.OFFICE_MISSING),
    ({"platforms": ()}, VisitProblem.PLATFORM_MISSING),
    ({"categories": ()}, VisitProblem.CATEGORY_MISSING),
    ({"work_done": ""}, VisitProblem.WORK_MISSING),
    ({"departed_at": datetime(2026, 11, 20, 8, 0, tzinfo=SHANGHAI)}, VisitProblem.DEPARTED_BEFORE_ARRIVED),
    ({"arrived_at": datetime(2026, 11, 21, 9, 0, tzinfo=SHANGHAI)}, VisitProblem.ARRIVED_IN_FUTURE),
    ({"follow_ups": (FollowUp(" "),)}, VisitProblem.FOLLOW_UP_WITHOUT_TEXT),
])
def test_incomplete_visits_are_refused_and_nothing_written(store, changes, problem):
    with pytest.raises(VisitRejected) as caught, store.transaction() as session:
        save_visit(session, draft(**changes), NOW)
    assert problem in caught.value.problems
    assert outbox_entities(store) == []


def test_follow_ups_are_edited_in_place_and_removed_as_tombstones(store):
    visit_id = add(store, follow_ups=(FollowUp("提交排期", date(2026, 12, 1)), FollowUp("回访")))
    with store.transaction() as session:
        save_visit(session, draft(follow_ups=(FollowUp("提交排期", date(2026, 12, 5), done=True),)), NOW,
                   load_visit(session, visit_id))
    with store.session() as session:
        visit = load_visit(session, visit_id)
        assert [(f.text, f.due, f.done, f.deleted) for f in visit.follow_ups] == [
            ("提交排期", date(2026, 12, 5), True, False), ("回访", None, False, True)]
        assert VisitDraft.of(visit).follow_ups == (FollowUp("提交排期", date(2026, 12, 5), True),)


def test_signing_locks_the_visit_and_amendments_follow(store, tmp_path):
    blobs = BlobStore(store.data_dir.blobs)
    visit_id = add(store)
    with pytest.raises(VisitRejected) as caught, store.transaction() as session:
        sign(session, load_visit(session, visit_id), " ", b"", blobs, NOW)
    assert set(caught.value.problems) == {VisitProblem.SIGNER_MISSING, VisitProblem.SIGNATURE_MISSING}
    with store.transaction() as session:
        sign(session, load_visit(session, visit_id), "刘股长", b"\x89PNG signature", blobs, NOW)
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"jpeg")
    for attempt in (lambda s, v: save_visit(s, draft(work_done="改写"), NOW, v),
                    lambda s, v: add_attachment(s, v, blobs, photo),
                    lambda s, v: sign(s, v, "别人", b"x", blobs, NOW)):
        with pytest.raises(VisitRejected) as caught, store.transaction() as session:
            attempt(session, load_visit(session, visit_id))
        assert caught.value.problems == [VisitProblem.ALREADY_SIGNED]
    with store.transaction() as session:
        amend(session, load_visit(session, visit_id), "补签到达时间说明", NOW)
    with store.session() as session:
        visit = load_visit(session, visit_id)
        assert visit.signed and visit.signer_name == "刘股长" and visit.work_done.startswith("核对")
        assert blobs.read(visit.signature_sha256) == b"\x89PNG signature"
        assert [a.text for a in visit.amendments] == ["补签到达时间说明"]
        assert visit.departed_at == NOW  # signing closes an open visit
    assert outbox_entities(store).count("visit_amendments") == 1


def test_find_visit_by_id_prefix_and_report_number(store):
    visit_id = add(store)
    with store.session() as session:
        number = load_visit(session, visit_id).report_number
        assert find_visit(session, visit_id).id == visit_id
        assert find_visit(session, visit_id[:8]).id == visit_id
        assert find_visit(session, number.lower()).id == visit_id
        assert find_visit(session, "nothing") is None


def test_blobs_are_content_addressed_and_checked(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    sha = blobs.put_bytes(b"photo")
    source = tmp_path / "same.jpg"
    source.write_bytes(b"photo")
    assert blobs.put_file(source) == sha
    assert sorted(p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file()) == [sha]
    blobs.path(sha).write_bytes(b"changed")
    with pytest.raises(BlobError, match="damaged"):
        blobs.read(sha)
    with pytest.raises(BlobError, match="not a sha256"):
        blobs.path("../etc/passwd")


def test_a_training_is_found_by_its_id_prefix_and_never_by_a_pattern(store):
    from dzdesk.store.training_repo import TrainingDraft, find_training, save_training

    with store.transaction() as session:
        training_id = save_training(session, TrainingDraft(title="培训", starts_at=NOW)).id
    with store.session() as session:
        assert find_training(session, training_id[:6].upper()).id == training_id
        assert [find_training(session, text) for text in ("", "%", "_", "培训")] == [None] * 4
