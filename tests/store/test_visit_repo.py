"""Recording on-site visits: validated, numbered without a server, signed once, amended after, queued for sync."""

import hashlib
import io
import shutil
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PIL import Image
from sqlalchemy import func, select

from dzdesk.config import DataDir
from dzdesk.domain.calendar import SHANGHAI, BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.incident import Channel
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import FollowUp, ServiceCategory, VisitProblem, visit_problems
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.visit_models import Visit, VisitAmendment, VisitAttachment, VisitFollowUp, VisitIncident
from dzdesk.store.visit_repo import (
    DEVICE_CODE_KEY,
    VisitDraft,
    VisitRejected,
    add_attachment,
    amend,
    count_visits,
    device_code,
    find_visit,
    link_incident,
    linked_incidents,
    load_visit,
    page_visits,
    remove_attachment,
    save_visit,
    sign,
)

CATALOGUE = load_catalogue()
CALENDAR = BusinessCalendar()
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI)  # Friday noon in Dazhou
CODE = "DZ7K"  # this laptop's code in report numbers


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def png(size=(240, 90), color=(20, 30, 80, 255)):
    out = io.BytesIO()
    Image.new("RGBA", size, color).save(out, format="PNG")
    return out.getvalue()


SIGNATURE = png()


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory):
    data_dir = DataDir(tmp_path_factory.mktemp("schema") / "data")
    open_store(data_dir).close()
    return data_dir.database


@pytest.fixture
def fresh_store(data_dir, empty_database):
    """An empty store of the current schema, never used for a visit yet; its records are signed by 测试工程师."""
    shutil.copyfile(empty_database, data_dir.database)
    opened = open_store(data_dir, author="测试工程师")
    yield opened
    opened.close()


@pytest.fixture
def store(fresh_store):
    """An empty store on a laptop whose code in report numbers is DZ7K."""
    with fresh_store.transaction() as session:
        set_meta(session, DEVICE_CODE_KEY, CODE)
    return fresh_store


@pytest.fixture
def blobs(store):
    return BlobStore(store.data_dir.blobs)


def draft(**changes):
    """A morning visit to the Qu County housing bureau on Friday 2026-11-20."""
    base = VisitDraft(office="渠县住房和城乡建设局", platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                      engineers="邓雪", arrived_at=sh(2026, 11, 20, 9, 0), departed_at=sh(2026, 11, 20, 11, 30),
                      work_done="核对账号权限，清理离职人员账号。")
    return replace(base, **changes)


def add(store, now=NOW, **changes):
    with store.transaction() as session:
        return save_visit(session, draft(**changes), now).id


def visit(store, visit_id):
    with store.session() as session:
        return load_visit(session, visit_id)


def step(store, visit_id, action, *args, **kwargs):
    """Runs one action on a freshly loaded visit, in a transaction of its own."""
    with store.transaction() as session:
        return action(session, load_visit(session, visit_id), *args, **kwargs)


def outbox(store):
    with store.session() as session:
        return [(e.entity, e.record_id) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def outbox_after(store, before):
    """The entries queued since `before` entries were there, as a multiset (one flush queues in no fixed order)."""
    return Counter(outbox(store)[before:])


def rows(store, model):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def photo_file(tmp_path, name, color=(200, 120, 40), fmt="JPEG"):
    path = tmp_path / name
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, format=fmt)
    path.write_bytes(out.getvalue())
    return path


def add_fault(store, title="受理单打印空白", reported_at=None):
    with store.transaction() as session:
        return add_incident(session, IncidentDraft(
            platform="approval", severity=Severity.MINOR, title=title, module="综合受理",
            reported_at=reported_at or sh(2026, 11, 20, 9, 30), channel=Channel.ON_SITE), CATALOGUE, CALENDAR,
            NOW).id


def edit(store, visit_id, changed, now=NOW):
    with store.transaction() as session:
        return save_visit(session, changed, now, load_visit(session, visit_id))


def signed_visit(store, blobs, **changes):
    visit_id = add(store, **changes)
    step(store, visit_id, sign, "刘股长", SIGNATURE, blobs, NOW)
    return visit_id


# --- creating -------------------------------------------------------------------------------------------------


def test_a_new_visit_is_stored_trimmed_numbered_and_queued(store):
    with store.transaction() as session:
        saved = save_visit(session, draft(
            office="  渠县住房和城乡建设局 ", department=" 质量安全股 ", district=" 渠县", address=" 渠县渠江镇 ",
            platforms=("credit", "approval"), categories=(ServiceCategory.SECURITY, ServiceCategory.TRAINING),
            engineers=" 邓雪、蒋涛 ", work_done="\n核对账号权限，清理离职人员账号。\n",
            problems_found=" 两台电脑未装补丁 ", contact_name=" 刘股长 ", contact_phone=" 0818-7322123 "), NOW)
        visit_id = saved.id
    stored = visit(store, visit_id)
    assert len(visit_id) == 36
    assert stored.report_number == "FW-20261120-DZ7K-01"
    assert (stored.office, stored.department, stored.district, stored.address) == (
        "渠县住房和城乡建设局", "质量安全股", "渠县", "渠县渠江镇")
    assert (stored.platforms, stored.categories) == ("credit,approval", "security,training")
    assert stored.engineers == "邓雪、蒋涛"
    assert stored.work_done == "核对账号权限，清理离职人员账号。"
    assert stored.problems_found == "两台电脑未装补丁"
    assert (stored.contact_name, stored.contact_phone) == ("刘股长", "0818-7322123")
    assert stored.arrived_at == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    assert stored.arrived_at.tzinfo == UTC
    assert stored.departed_at == sh(2026, 11, 20, 11, 30)
    assert (stored.signer_name, stored.signed_at, stored.signature_sha256, stored.signed) == ("", None, "", False)
    assert stored.author == "测试工程师"
    assert stored.deleted is False and stored.server_rev is None
    assert (stored.follow_ups, stored.attachments, stored.amendments, stored.incident_links) == ([], [], [], [])
    assert outbox(store) == [("visits", visit_id)]
    assert VisitDraft.of(stored) == draft(
        department="质量安全股", district="渠县", address="渠县渠江镇", platforms=("credit", "approval"),
        categories=(ServiceCategory.SECURITY, ServiceCategory.TRAINING), engineers="邓雪、蒋涛",
        problems_found="两台电脑未装补丁", contact_name="刘股长", contact_phone="0818-7322123")


def test_times_are_kept_to_the_whole_second(store):
    visit_id = add(store, arrived_at=sh(2026, 11, 20, 9, 0, 59, 999_999), departed_at=sh(2026, 11, 20, 11, 30, 0, 1))
    stored = visit(store, visit_id)
    assert stored.arrived_at == sh(2026, 11, 20, 9, 0, 59)
    assert stored.departed_at == sh(2026, 11, 20, 11, 30, 0)


def test_a_visit_still_going_on_is_kept_without_departure(store):
    visit_id = add(store, departed_at=None)
    assert visit(store, visit_id).departed_at is None


@pytest.mark.parametrize(("changes", "problems"), [
    ({"office": "  "}, [VisitProblem.OFFICE_MISSING]),
    ({"engineers": ""}, [VisitProblem.ENGINEERS_MISSING]),
    ({"arrived_at": sh(2026, 11, 20, 12, 6), "departed_at": None}, [VisitProblem.ARRIVED_IN_FUTURE]),
    ({"departed_at": sh(2026, 11, 24, 9, 0)}, [VisitProblem.TOO_LONG]),
    ({"platforms": (), "work_done": " ", "follow_ups": (FollowUp(""),)},
     [VisitProblem.PLATFORM_MISSING, VisitProblem.WORK_MISSING, VisitProblem.FOLLOW_UP_WITHOUT_TEXT]),
])
def test_a_visit_the_rules_refuse_is_not_stored(store, changes, problems):
    # the form shows the problems and the same transaction goes on
    with store.transaction() as session, pytest.raises(VisitRejected) as caught:
        save_visit(session, draft(**changes), NOW)
    assert caught.value.problems == problems
    assert str(caught.value) == " ".join(p.value for p in problems)
    assert rows(store, Visit) == 0 and rows(store, VisitFollowUp) == 0
    assert outbox(store) == []


def test_the_laptop_code_is_made_once_and_used_in_every_number(fresh_store):
    with fresh_store.session() as session:
        assert get_meta(session, DEVICE_CODE_KEY) is None
    first = add(fresh_store)
    second = add(fresh_store, arrived_at=sh(2026, 11, 19, 9, 0), departed_at=None)
    with fresh_store.transaction() as session:
        code = get_meta(session, DEVICE_CODE_KEY)
        assert device_code(session) == code
    assert len(code) == 4
    assert set(code) <= set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")  # nothing to mistake: no I, O, 0 or 1
    assert visit(fresh_store, first).report_number == f"FW-20261120-{code}-01"
    assert visit(fresh_store, second).report_number == f"FW-20261119-{code}-01"


# --- report numbers -------------------------------------------------------------------------------------------


def test_report_numbers_run_per_day(store):
    later = sh(2026, 11, 21, 12, 0)
    numbers = [visit(store, add(store, now=later, arrived_at=at, departed_at=None)).report_number for at in (
        sh(2026, 11, 20, 9, 0), sh(2026, 11, 20, 14, 0), sh(2026, 11, 19, 15, 0), sh(2026, 11, 20, 0, 0),
        sh(2026, 11, 19, 23, 59), sh(2026, 11, 21, 0, 0), sh(2026, 11, 20, 23, 59, 59))]
    assert numbers == ["FW-20261120-DZ7K-01", "FW-20261120-DZ7K-02", "FW-20261119-DZ7K-01", "FW-20261120-DZ7K-03",
                       "FW-20261119-DZ7K-02", "FW-20261121-DZ7K-01", "FW-20261120-DZ7K-04"]


def test_visits_saved_in_one_transaction_get_different_numbers(store):
    with store.transaction() as session:
        numbers = [save_visit(session, draft(), NOW).report_number for _ in range(12)]
    assert numbers == [f"FW-20261120-DZ7K-{n:02d}" for n in range(1, 13)]


def test_a_number_once_given_is_never_given_again(store):
    first = add(store)
    second = add(store)
    with store.transaction() as session:
        session.get(Visit, first).deleted = True  # recorded by mistake and deleted
    moved = add(store)
    edit(store, moved, draft(arrived_at=sh(2026, 11, 19, 9, 0)), NOW)  # the day was wrong
    assert visit(store, moved).report_number == "FW-20261120-DZ7K-03"  # a filed number never changes
    later = [visit(store, add(store)).report_number, visit(store, add(store, arrived_at=sh(2026, 11, 19, 10, 0)))
             .report_number]
    assert later == ["FW-20261120-DZ7K-04", "FW-20261119-DZ7K-01"]
    with store.session() as session:
        numbers = session.scalars(select(Visit.report_number)).all()
    assert len(numbers) == len(set(numbers)) == 5
    assert visit(store, second).report_number == "FW-20261120-DZ7K-02"


def test_visits_from_another_laptop_do_not_take_this_laptops_numbers(store):
    with store.transaction() as session:
        set_meta(session, DEVICE_CODE_KEY, "QX3M")
        save_visit(session, draft(), NOW)
        save_visit(session, draft(), NOW)
        set_meta(session, DEVICE_CODE_KEY, CODE)
    assert visit(store, add(store)).report_number == "FW-20261120-DZ7K-01"
    with store.session() as session:
        assert sorted(session.scalars(select(Visit.report_number))) == [
            "FW-20261120-DZ7K-01", "FW-20261120-QX3M-01", "FW-20261120-QX3M-02"]


def test_the_day_in_the_number_is_dazhous_day_whatever_zone_the_arrival_comes_in(store):
    first = add(store, arrived_at=sh(2026, 11, 20, 7, 0), departed_at=None)
    in_utc = add(store, arrived_at=datetime(2026, 11, 19, 23, 30, tzinfo=UTC), departed_at=None)  # 07:30 in Dazhou
    evening = add(store, arrived_at=datetime(2026, 11, 19, 10, 0, tzinfo=UTC), departed_at=None)  # 18:00 in Dazhou
    assert [visit(store, v).report_number for v in (first, in_utc, evening)] == [
        "FW-20261120-DZ7K-01", "FW-20261120-DZ7K-02", "FW-20261119-DZ7K-01"]


# --- editing --------------------------------------------------------------------------------------------------


def test_an_edit_changes_the_fields_keeps_the_number_and_is_queued(store):
    visit_id = add(store)
    before = len(outbox(store))
    edit(store, visit_id, draft(office="渠县政务服务中心", department="住建窗口", engineers="邓雪、蒋涛",
                                categories=(ServiceCategory.FUNCTION,), platforms=("approval",),
                                departed_at=sh(2026, 11, 20, 11, 45), work_done="更新浏览器打印控件。"))
    stored = visit(store, visit_id)
    assert (stored.office, stored.department, stored.engineers) == ("渠县政务服务中心", "住建窗口", "邓雪、蒋涛")
    assert (stored.platforms, stored.categories) == ("approval", "function")
    assert stored.departed_at == sh(2026, 11, 20, 11, 45)
    assert stored.work_done == "更新浏览器打印控件。"
    assert stored.report_number == "FW-20261120-DZ7K-01"
    assert outbox_after(store, before) == Counter({("visits", visit_id): 1})
    assert rows(store, Visit) == 1


def test_an_edit_that_changes_nothing_is_not_queued(store):
    visit_id = add(store, follow_ups=(FollowUp("回访", date(2026, 12, 1)),))
    before = len(outbox(store))
    same = draft(office=" 渠县住房和城乡建设局 ", arrived_at=sh(2026, 11, 20, 9, 0, 0, 400_000),
                 departed_at=datetime(2026, 11, 20, 3, 30, tzinfo=UTC),  # 11:30 in Dazhou
                 follow_ups=(FollowUp(" 回访 ", date(2026, 12, 1)),))
    edit(store, visit_id, same, NOW)
    assert outbox(store)[before:] == []


def test_an_edit_the_rules_refuse_changes_nothing(store):
    visit_id = add(store)
    before = len(outbox(store))
    with store.transaction() as session, pytest.raises(VisitRejected) as caught:
        save_visit(session, draft(office="渠县政务服务中心", work_done=""), NOW, load_visit(session, visit_id))
    assert caught.value.problems == [VisitProblem.WORK_MISSING]
    assert visit(store, visit_id).office == "渠县住房和城乡建设局"
    assert outbox(store)[before:] == []


# --- follow-ups -----------------------------------------------------------------------------------------------


def follow_ups(store, visit_id):
    return [(f.position, f.text, f.due, f.done, f.deleted) for f in visit(store, visit_id).follow_ups]


def test_follow_ups_are_added_in_order(store):
    visit_id = add(store, follow_ups=(FollowUp(" 提交需求评估与排期 ", date(2026, 12, 4)), FollowUp("回访", done=True)))
    assert follow_ups(store, visit_id) == [(0, "提交需求评估与排期", date(2026, 12, 4), False, False),
                                           (1, "回访", None, True, False)]
    ids = [f.id for f in visit(store, visit_id).follow_ups]
    assert Counter(outbox(store)) == Counter({("visits", visit_id): 1, ("visit_follow_ups", ids[0]): 1,
                                              ("visit_follow_ups", ids[1]): 1})
    assert all(f.visit_id == visit_id and f.author == "测试工程师" for f in visit(store, visit_id).follow_ups)


def test_follow_ups_are_changed_in_place_and_removed_as_tombstones(store):
    visit_id = add(store, follow_ups=(FollowUp("提交排期", date(2026, 12, 1)), FollowUp("回访"), FollowUp("升级控件")))
    first, second, third = (f.id for f in visit(store, visit_id).follow_ups)

    before = len(outbox(store))
    edit(store, visit_id, draft(follow_ups=(FollowUp("提交排期", date(2026, 12, 5), done=True),
                                                        FollowUp("回访"))), NOW)
    assert follow_ups(store, visit_id) == [(0, "提交排期", date(2026, 12, 5), True, False),
                                           (1, "回访", None, False, False),
                                           (2, "升级控件", None, False, True)]
    assert [f.id for f in visit(store, visit_id).follow_ups] == [first, second, third]
    assert outbox_after(store, before) == Counter({("visit_follow_ups", first): 1, ("visit_follow_ups", third): 1})
    assert VisitDraft.of(visit(store, visit_id)).follow_ups == (FollowUp("提交排期", date(2026, 12, 5), True),
                                                                FollowUp("回访"))

    before = len(outbox(store))
    edit(store, visit_id, draft(follow_ups=()), NOW)
    assert [f[-1] for f in follow_ups(store, visit_id)] == [True, True, True]
    assert outbox_after(store, before) == Counter({("visit_follow_ups", first): 1, ("visit_follow_ups", second): 1})
    assert VisitDraft.of(visit(store, visit_id)).follow_ups == ()

    before = len(outbox(store))
    edit(store, visit_id, draft(follow_ups=(FollowUp("重新约定回访"),)), NOW)
    live = [f for f in visit(store, visit_id).follow_ups if not f.deleted]
    assert [(f.text, f.position) for f in live] == [("重新约定回访", 0)]
    assert live[0].id not in {first, second, third}
    assert outbox_after(store, before) == Counter({("visit_follow_ups", live[0].id): 1})
    assert rows(store, VisitFollowUp) == 4  # nothing is ever deleted outright


# --- attachments ----------------------------------------------------------------------------------------------


def test_photos_and_files_are_attached_in_order_and_kept_as_blobs(store, blobs, tmp_path):
    visit_id = add(store)
    sources = [photo_file(tmp_path, "窗口现场.jpg"), photo_file(tmp_path, "IMG_0001.JPEG", (10, 10, 10)),
               photo_file(tmp_path, "打印机.Png", (0, 90, 0), "PNG"), tmp_path / "巡检记录.pdf",
               tmp_path / "账号清单.xlsx"]
    sources[3].write_bytes(b"%PDF-1.4 inspection")
    sources[4].write_bytes(b"PK accounts")
    before = len(outbox(store))
    with store.transaction() as session:
        loaded = load_visit(session, visit_id)
        made = [add_attachment(session, loaded, blobs, source, caption=f" 附件 {n} ")
                for n, source in enumerate(sources)]
    stored = visit(store, visit_id).attachments
    assert [(a.position, a.filename, a.kind, a.caption) for a in stored] == [
        (0, "窗口现场.jpg", "photo", "附件 0"), (1, "IMG_0001.JPEG", "photo", "附件 1"),
        (2, "打印机.Png", "photo", "附件 2"), (3, "巡检记录.pdf", "file", "附件 3"),
        (4, "账号清单.xlsx", "file", "附件 4")]
    assert [a.sha256 for a in stored] == [hashlib.sha256(s.read_bytes()).hexdigest() for s in sources]
    assert all(blobs.read(a.sha256) == s.read_bytes() for a, s in zip(stored, sources, strict=True))
    assert all(a.visit_id == visit_id and a.author == "测试工程师" for a in stored)
    assert outbox_after(store, before) == Counter({("visit_attachments", a.id): 1 for a in made})


def test_the_same_photo_attached_twice_is_stored_once(store, blobs, tmp_path):
    visit_id = add(store)
    other = add(store)
    source = photo_file(tmp_path, "窗口现场.jpg")
    step(store, visit_id, add_attachment, blobs, source)
    step(store, visit_id, add_attachment, blobs, source, caption="同一张")
    step(store, other, add_attachment, blobs, source)
    assert rows(store, VisitAttachment) == 3
    assert len({a.sha256 for a in visit(store, visit_id).attachments}) == 1
    assert [p for p in store.data_dir.blobs.rglob("*") if p.is_file()] == [
        blobs.path(hashlib.sha256(source.read_bytes()).hexdigest())]


def test_an_attachment_that_cannot_be_read_is_not_recorded(store, blobs, tmp_path):
    visit_id = add(store)
    before = len(outbox(store))
    with pytest.raises(FileNotFoundError), store.transaction() as session:
        add_attachment(session, load_visit(session, visit_id), blobs, tmp_path / "不存在.jpg")
    assert rows(store, VisitAttachment) == 0
    assert outbox(store)[before:] == []


def test_a_removed_attachment_is_a_tombstone_and_its_place_is_taken_by_the_next(store, blobs, tmp_path):
    visit_id = add(store)
    first = step(store, visit_id, add_attachment, blobs, photo_file(tmp_path, "a.jpg", (1, 1, 1))).id
    second = step(store, visit_id, add_attachment, blobs, photo_file(tmp_path, "b.jpg", (2, 2, 2))).id
    before = len(outbox(store))
    with store.transaction() as session:
        loaded = load_visit(session, visit_id)
        remove_attachment(loaded, session.get(VisitAttachment, second))
    assert outbox(store)[before:] == [("visit_attachments", second)]
    third = step(store, visit_id, add_attachment, blobs, photo_file(tmp_path, "c.jpg", (3, 3, 3))).id
    stored = visit(store, visit_id).attachments
    assert [(a.id, a.filename, a.position, a.deleted) for a in stored] == [
        (first, "a.jpg", 0, False), (second, "b.jpg", 1, True), (third, "c.jpg", 1, False)]
    assert blobs.exists(stored[1].sha256)  # the photo may still be in another record or on the hub


# --- signing --------------------------------------------------------------------------------------------------


def test_signing_records_who_when_and_the_signature(store, blobs):
    visit_id = add(store)
    before = len(outbox(store))
    step(store, visit_id, sign, " 刘股长 ", SIGNATURE, blobs, sh(2026, 11, 20, 11, 40, 12, 345_678))
    stored = visit(store, visit_id)
    assert stored.signed is True
    assert stored.signer_name == "刘股长"
    assert stored.signed_at == sh(2026, 11, 20, 11, 40, 12)
    assert stored.signature_sha256 == hashlib.sha256(SIGNATURE).hexdigest()
    assert blobs.read(stored.signature_sha256) == SIGNATURE
    assert stored.departed_at == sh(2026, 11, 20, 11, 30)  # a departure already given is kept
    assert outbox(store)[before:] == [("visits", visit_id)]


def test_signing_a_visit_still_going_on_closes_it_at_the_signing_time(store, blobs):
    visit_id = add(store, departed_at=None)
    step(store, visit_id, sign, "刘股长", SIGNATURE, blobs, sh(2026, 11, 20, 11, 50))
    assert visit(store, visit_id).departed_at == sh(2026, 11, 20, 11, 50)


@pytest.mark.parametrize(("signer", "signature", "problems"), [
    ("", SIGNATURE, [VisitProblem.SIGNER_MISSING]),
    (" ", SIGNATURE, [VisitProblem.SIGNER_MISSING]),
    ("刘股长", b"", [VisitProblem.SIGNATURE_MISSING]),
    ("", b"", [VisitProblem.SIGNER_MISSING, VisitProblem.SIGNATURE_MISSING]),
])
def test_signing_needs_a_signer_and_a_signature(store, blobs, signer, signature, problems):
    visit_id = add(store)
    before = len(outbox(store))
    with store.transaction() as session, pytest.raises(VisitRejected) as caught:
        sign(session, load_visit(session, visit_id), signer, signature, blobs, NOW)
    assert caught.value.problems == problems
    stored = visit(store, visit_id)
    assert (stored.signed, stored.signer_name, stored.signature_sha256) == (False, "", "")
    assert outbox(store)[before:] == []
    assert not store.data_dir.blobs.exists() or not any(p.is_file() for p in store.data_dir.blobs.rglob("*"))


def test_an_incomplete_visit_cannot_be_signed(store, blobs):
    visit_id = add(store)
    with store.transaction() as session:  # as a change pulled from the hub could leave it
        record = session.get(Visit, visit_id)
        record.work_done = ""
        record.platforms = ""
    before = len(outbox(store))
    with store.transaction() as session, pytest.raises(VisitRejected) as caught:
        sign(session, load_visit(session, visit_id), "刘股长", SIGNATURE, blobs, NOW)
    assert caught.value.problems == [VisitProblem.PLATFORM_MISSING, VisitProblem.WORK_MISSING]
    assert visit(store, visit_id).signed is False
    assert outbox(store)[before:] == []


def test_a_visit_cannot_be_signed_before_the_engineers_arrived(store, blobs):
    visit_id = add(store, arrived_at=sh(2026, 11, 20, 11, 0), departed_at=None)
    with pytest.raises(VisitRejected) as caught:
        step(store, visit_id, sign, "刘股长", SIGNATURE, blobs, sh(2026, 11, 20, 10, 0))
    assert caught.value.problems == [VisitProblem.ARRIVED_IN_FUTURE]
    assert visit(store, visit_id).signed is False


def test_a_signed_visit_never_ends_before_it_began(store, blobs):
    visit_id = add(store, arrived_at=sh(2026, 11, 20, 12, 3), departed_at=None)
    step(store, visit_id, sign, "刘股长", SIGNATURE, blobs, NOW)
    stored = visit(store, visit_id)
    assert stored.departed_at >= stored.arrived_at
    assert visit_problems(VisitDraft.of(stored).facts(), NOW) == []


def test_a_signed_visit_is_locked(store, blobs, tmp_path):
    photo = photo_file(tmp_path, "补拍.jpg", (99, 99, 99))
    visit_id = add(store)
    attachment = step(store, visit_id, add_attachment, blobs, photo_file(tmp_path, "a.jpg")).id
    step(store, visit_id, sign, "刘股长", SIGNATURE, blobs, NOW)
    before = len(outbox(store))
    blob_files = sorted(p for p in store.data_dir.blobs.rglob("*") if p.is_file())
    attempts = {
        "edit": lambda s, v: save_visit(s, draft(work_done="改写工作内容"), NOW, v),
        "same edit": lambda s, v: save_visit(s, VisitDraft.of(v), NOW, v),
        "attach": lambda s, v: add_attachment(s, v, blobs, photo),
        "remove": lambda s, v: remove_attachment(v, s.get(VisitAttachment, attachment)),
        "sign again": lambda s, v: sign(s, v, "王主任", png(color=(0, 0, 0, 255)), blobs, NOW),
    }
    for name, attempt in attempts.items():
        with store.transaction() as session, pytest.raises(VisitRejected) as caught:
            attempt(session, load_visit(session, visit_id))
        assert caught.value.problems == [VisitProblem.ALREADY_SIGNED], name
        assert str(caught.value) == "This visit is signed and locked: record an amendment instead."
    stored = visit(store, visit_id)
    assert stored.work_done == "核对账号权限，清理离职人员账号。"
    assert stored.signer_name == "刘股长"
    assert [(a.filename, a.deleted) for a in stored.attachments] == [("a.jpg", False)]
    assert outbox(store)[before:] == []
    assert sorted(p for p in store.data_dir.blobs.rglob("*") if p.is_file()) == blob_files


# --- amendments -----------------------------------------------------------------------------------------------


def test_amendments_are_kept_beside_the_signed_record(store, blobs):
    visit_id = signed_visit(store, blobs)
    before = len(outbox(store))
    first = step(store, visit_id, amend, "  补充：打印机型号 HP-1020 \n", sh(2026, 11, 20, 15, 0, 30, 900_000)).id
    second = step(store, visit_id, amend, "离开时间应为 11:45", sh(2026, 11, 21, 9, 0)).id
    stored = visit(store, visit_id)
    assert [(a.id, a.at, a.text, a.author, a.deleted) for a in stored.amendments] == [
        (first, sh(2026, 11, 20, 15, 0, 30), "补充：打印机型号 HP-1020", "测试工程师", False),
        (second, sh(2026, 11, 21, 9, 0), "离开时间应为 11:45", "测试工程师", False)]
    assert stored.work_done == "核对账号权限，清理离职人员账号。"  # the signed text stays as signed
    assert stored.departed_at == sh(2026, 11, 20, 11, 30)
    assert outbox(store)[before:] == [("visit_amendments", first), ("visit_amendments", second)]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_amendment_is_refused(store, blobs, text):
    visit_id = signed_visit(store, blobs)
    before = len(outbox(store))
    with pytest.raises(ValueError, match="needs a text"):
        step(store, visit_id, amend, text, NOW)
    assert visit(store, visit_id).amendments == []
    assert outbox(store)[before:] == []


# --- linked faults --------------------------------------------------------------------------------------------


def test_a_fault_is_linked_once(store):
    visit_id = add(store)
    fault = add_fault(store)
    before = len(outbox(store))
    with store.transaction() as session:
        loaded = load_visit(session, visit_id)
        link = link_incident(session, loaded, session.get(Incident, fault), NOW)
        again = link_incident(session, loaded, session.get(Incident, fault), NOW)
        assert again is link
        link_id = link.id
    with store.transaction() as session:
        assert link_incident(session, load_visit(session, visit_id), session.get(Incident, fault), NOW).id == link_id
    assert rows(store, VisitIncident) == 1
    assert outbox(store)[before:] == [("visit_incidents", link_id)]
    stored = visit(store, visit_id)
    assert [(x.incident_id, x.visit_id) for x in stored.incident_links] == [(fault, visit_id)]
    assert stored.amendments == []  # before signing a link is part of the record itself


def test_a_fault_linked_after_signing_is_also_an_amendment(store, blobs):
    visit_id = signed_visit(store, blobs)
    fault = add_fault(store, title="受理单打印空白")
    before = len(outbox(store))
    for _ in range(2):
        with store.transaction() as session:
            link_incident(session, load_visit(session, visit_id), session.get(Incident, fault),
                          sh(2026, 11, 20, 16, 0))
    stored = visit(store, visit_id)
    assert [link.incident_id for link in stored.incident_links] == [fault]
    assert [(a.at, a.text, a.author) for a in stored.amendments] == [
        (sh(2026, 11, 20, 16, 0), "关联故障：受理单打印空白", "测试工程师")]
    assert outbox_after(store, before) == Counter({("visit_incidents", stored.incident_links[0].id): 1,
                                                   ("visit_amendments", stored.amendments[0].id): 1})


def test_linked_faults_are_listed_by_report_time_and_an_unlinked_one_can_be_linked_again(store):
    visit_id = add(store)
    late = add_fault(store, "网上大厅登录缓慢", sh(2026, 11, 20, 10, 30))
    early = add_fault(store, "受理单打印空白", sh(2026, 11, 20, 9, 10))
    with store.transaction() as session:
        loaded = load_visit(session, visit_id)
        for fault in (late, early):
            link_incident(session, loaded, session.get(Incident, fault), NOW)
    with store.session() as session:
        assert [i.title for i in linked_incidents(session, load_visit(session, visit_id))] == [
            "受理单打印空白", "网上大厅登录缓慢"]
    with store.transaction() as session:
        loaded = load_visit(session, visit_id)
        next(x for x in loaded.incident_links if x.incident_id == early).deleted = True
    with store.session() as session:
        assert [i.id for i in linked_incidents(session, load_visit(session, visit_id))] == [late]
    with store.transaction() as session:
        link_incident(session, load_visit(session, visit_id), session.get(Incident, early), NOW)
    with store.session() as session:
        assert [i.id for i in linked_incidents(session, load_visit(session, visit_id))] == [early, late]
    assert rows(store, VisitIncident) == 3


# --- finding --------------------------------------------------------------------------------------------------


def test_a_visit_is_found_by_id_prefix_or_report_number_as_people_quote_them(store, blobs, tmp_path):
    visit_id = add(store, follow_ups=(FollowUp("回访"),))
    other = add(store)
    step(store, visit_id, add_attachment, blobs, photo_file(tmp_path, "a.jpg"))
    with store.session() as session:
        for quoted in (visit_id, f"  {visit_id}\n", visit_id[:8], visit_id[:8].upper(), visit_id.upper(),
                       "FW-20261120-DZ7K-01", "fw-20261120-dz7k-01", " FW-20261120-DZ7K-01 "):
            found = find_visit(session, quoted)
            assert found is not None and found.id == visit_id, quoted
        assert find_visit(session, "FW-20261120-DZ7K-02").id == other
    found = visit(store, visit_id)  # what it holds is loaded with it
    assert [f.text for f in found.follow_ups] == ["回访"] and [a.filename for a in found.attachments] == ["a.jpg"]


def test_an_unknown_or_ambiguous_quote_finds_nothing(store):
    ids = [add(store) for _ in range(17)]  # seventeen ids: at least two begin with the same character
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) >= 2)
    with store.session() as session:
        assert find_visit(session, shared) is None
        for quoted in ("FW-20261120-DZ7K-18", "FW-20261120-QX3M-01", "FW-20261120", "00000000-0000", "nothing"):
            assert find_visit(session, quoted) is None, quoted
        for visit_id in ids:
            assert find_visit(session, visit_id[:13]).id == visit_id


@pytest.mark.parametrize("quoted", ["", "   ", "%", "_"])
def test_a_quote_that_is_no_id_number_or_prefix_finds_nothing(store, quoted):
    add(store)
    with store.session() as session:
        assert find_visit(session, quoted) is None


# --- listing --------------------------------------------------------------------------------------------------


def test_visits_are_listed_newest_first_without_deleted_ones(store):
    morning = add(store, arrived_at=sh(2026, 11, 20, 9, 0), departed_at=None)
    yesterday = add(store, arrived_at=sh(2026, 11, 19, 15, 0), departed_at=None)
    deleted = add(store, arrived_at=sh(2026, 11, 20, 10, 0), departed_at=None)
    latest = add(store, arrived_at=sh(2026, 11, 20, 11, 0), departed_at=None)
    with store.transaction() as session:
        session.get(Visit, deleted).deleted = True
    with store.session() as session:
        assert count_visits(session) == 3
        assert [v.id for v in page_visits(session, 0, 10)] == [latest, morning, yesterday]
        assert [v.id for v in page_visits(session, 1, 1)] == [morning]


# --- one transaction ------------------------------------------------------------------------------------------


def test_a_change_and_its_outbox_entries_are_kept_or_lost_together(store, blobs, tmp_path):
    with pytest.raises(RuntimeError), store.transaction() as session:
        saved = save_visit(session, draft(follow_ups=(FollowUp("回访"),)), NOW)
        add_attachment(session, saved, blobs, photo_file(tmp_path, "a.jpg"))
        session.flush()
        with session.no_autoflush:
            queued = session.scalar(select(func.count()).select_from(OutboxEntry))
        assert queued == 3  # queued in the transaction that writes the records
        raise RuntimeError("the laptop lost power")
    assert (rows(store, Visit), rows(store, VisitFollowUp), rows(store, VisitAttachment)) == (0, 0, 0)
    assert outbox(store) == []

    visit_id = add(store)
    with pytest.raises(RuntimeError), store.transaction() as session:
        loaded = load_visit(session, visit_id)
        sign(session, loaded, "刘股长", SIGNATURE, blobs, NOW)
        amend(session, loaded, "补充说明", NOW)
        raise RuntimeError("the laptop lost power")
    stored = visit(store, visit_id)
    assert (stored.signed, stored.amendments) == (False, [])
    assert outbox(store) == [("visits", visit_id)]
    assert rows(store, VisitAmendment) == 0
