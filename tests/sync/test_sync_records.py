"""What travels with the records: blobs before the records that name them, children that arrive before their
parents, and how much a sync asks of the hub and tells its caller."""

import hashlib
import threading

import pytest

import dzdesk.sync.engine as engine
import dzdesk.sync.pull as pull
from dzdesk.domain.visit import ServiceCategory
from dzdesk.hub.models import HubBlob
from dzdesk.store.training_repo import TrainingDraft, add_material, save_training
from dzdesk.store.visit_repo import VisitDraft, add_attachment, link_incident, load_visit, save_visit, sign
from dzdesk.sync.client import HubError, HubProtocolError
from dzdesk.sync.engine import SyncCancelledError
from tests.sync.helpers import (
    NOW,
    Wrapped,
    add_fault,
    add_target,
    all_payloads,
    count,
    cursor,
    edit_fault,
    fake_bytes,
    hub_counter,
    hub_records,
    outbox,
    parked,
    payloads,
    photo_bytes,
    sh,
)

SIGNATURE = photo_bytes((20, 30, 80))


def add_visit(store, office="渠县住房和城乡建设局"):
    draft = VisitDraft(office=office, platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                       engineers="张伟", arrived_at=sh(2026, 11, 20, 9, 0), departed_at=sh(2026, 11, 20, 11, 30),
                       work_done="核对账号权限，清理离职人员账号。")
    with store.transaction() as session:
        return save_visit(session, draft, NOW).id


def attach(client, visit_id, path, caption=""):
    with client.store.transaction() as session:
        return add_attachment(session, load_visit(session, visit_id), client.blobs, path, caption).sha256


def sign_visit(client, visit_id):
    with client.store.transaction() as session:
        sign(session, load_visit(session, visit_id), "刘股长", SIGNATURE, client.blobs, NOW)


def add_training_with_material(client, path):
    with client.store.transaction() as session:
        training = save_training(session, TrainingDraft(title="信用修复操作培训", starts_at=sh(2026, 11, 19, 14, 0)))
        return add_material(session, training, client.blobs, path).sha256


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def synced(client):
    return {entity: records for entity, records in all_payloads(client.store).items() if records}


# -- blobs -------------------------------------------------------------------------------------------------------
def test_photos_signatures_and_materials_travel_with_their_records(a, b, hub, tmp_path):
    photo = tmp_path / "机房照片.jpg"
    photo.write_bytes(photo_bytes())
    slides = tmp_path / "信用修复.pdf"
    slides.write_bytes(b"%PDF-1.4\n" + "信用修复操作步骤".encode() * 500)
    visit_id = add_visit(a.store)
    photo_sha = attach(a, visit_id, photo, "机房")
    sign_visit(a, visit_id)
    material_sha = add_training_with_material(a, slides)
    shas = {photo_sha, sha256(SIGNATURE), material_sha}

    pushed = a.sync()
    assert pushed.blobs_sent == 3
    with hub.db.transaction() as session:
        assert {blob.sha256: sha256(blob.data) for blob in session.query(HubBlob)} == {s: s for s in shas}

    pulled = b.sync()

    assert pulled.blobs_fetched == 3
    for sha in shas:
        assert b.blobs.exists(sha)
        data = b.blobs.path(sha).read_bytes()
        assert sha256(data) == sha
        assert data == a.blobs.read(sha)
    assert b.blobs.read(photo_sha) == photo.read_bytes()
    assert b.blobs.read(material_sha) == slides.read_bytes()
    assert synced(b) == synced(a)
    [attachment] = payloads(b.store, "visit_attachments").values()
    assert (attachment["visit_id"], attachment["sha256"], attachment["filename"]) == (visit_id, photo_sha,
                                                                                    "机房照片.jpg")
    assert payloads(b.store, "visits")[visit_id]["signature_sha256"] == sha256(SIGNATURE)
    # Nothing is sent or fetched twice.
    again = a.sync()
    assert (again.blobs_sent, again.blobs_fetched) == (0, 0)
    assert b.sync().blobs_fetched == 0


def test_a_blob_already_on_the_hub_is_not_uploaded_again(a, b, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(photo_bytes())
    attach(a, add_visit(a.store), photo)
    a.sync()
    attach(b, add_visit(b.store, "达川区发展和改革局"), photo)  # the same picture, taken over by 李娜
    uploads = []

    def counting(request, forward):
        if request.method == "PUT":
            uploads.append(request.url.path)
        return forward(request)

    summary = b.sync(Wrapped(counting))
    assert uploads == [] and summary.blobs_sent == 0
    assert count(b.store, "visit_attachments") == 2


def test_a_blob_missing_from_this_machine_stops_the_push_in_words(a, hub, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(photo_bytes())
    sha = attach(a, add_visit(a.store), photo)
    a.blobs.path(sha).unlink()
    queued = outbox(a.store)
    with pytest.raises(HubError, match="missing from this machine's blob folder"):
        a.sync()
    assert outbox(a.store) == queued
    assert hub_records(hub) == []


def test_a_blob_damaged_on_the_way_is_not_stored_and_fetched_next_time(a, b, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(photo_bytes())
    sha = attach(a, add_visit(a.store), photo)
    a.sync()

    def damaged(request, forward):
        response = forward(request)
        if request.method == "GET" and "/v1/blobs/" in request.url.path:
            return fake_bytes(request, response.content[:-10] + b"0123456789")
        return response

    with pytest.raises(HubProtocolError, match="arrived damaged"):
        b.sync(Wrapped(damaged))
    assert not b.blobs.exists(sha)
    assert count(b.store, "visit_attachments") == 1  # the records were pulled; only the file is missing

    assert b.sync().blobs_fetched == 1
    assert b.blobs.read(sha) == photo.read_bytes()


# -- children before their parents -------------------------------------------------------------------------------
def family_out_of_order(a, tmp_path):
    """Records on the hub whose change feed lists children before the latest revision of their parents."""
    incident_id = add_fault(a.store, "受理单打印空白")
    a.sync()
    edit_fault(a.store, incident_id, description="打印服务卡死")  # the incident moves past its first event
    visit_id = add_visit(a.store)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(photo_bytes())
    attach(a, visit_id, photo)
    with a.store.transaction() as session:
        link_incident(session, load_visit(session, visit_id), session.get(engine.ENTITY_MODELS["incidents"],
                                                                         incident_id), NOW)
    a.sync()
    sign_visit(a, visit_id)  # the visit moves past its attachment and link
    edit_fault(a.store, incident_id, cause="打印服务内存泄漏")  # and the incident past the link
    a.sync()
    return incident_id, visit_id


def test_children_pulled_before_their_parents_wait_and_are_applied(a, b, hub, tmp_path, monkeypatch):
    family_out_of_order(a, tmp_path)
    feed = [r.entity for r in hub_records(hub)]
    assert feed.index("incident_events") < feed.index("incidents")
    assert feed.index("visit_attachments") < feed.index("visits")
    monkeypatch.setattr(pull, "PAGE_SIZE", 1)
    waiting = []

    summary = b.sync(progress=lambda phase, _done, _total: waiting.append(parked(b.store)) if phase == "pull"
                     else None)

    assert max(waiting) >= 2  # an event, the attachment and the link waited for their parents
    assert waiting[-1] == 0 and parked(b.store) == 0 and summary.parked == 0
    assert summary.pulled == len(hub_records(hub))
    assert synced(b) == synced(a)
    assert count(b.store, "visit_incidents") == 1
    assert cursor(b.store) == str(hub_counter(hub))


def test_children_still_waiting_when_a_sync_stops_are_applied_by_the_next(a, b, hub, tmp_path, monkeypatch):
    family_out_of_order(a, tmp_path)
    monkeypatch.setattr(pull, "PAGE_SIZE", 1)
    cancel = threading.Event()

    def stop_while_parked(phase, _done, _total):
        if phase == "pull" and parked(b.store):
            cancel.set()

    with pytest.raises(SyncCancelledError):
        b.sync(progress=stop_while_parked, cancel=cancel)
    assert parked(b.store) >= 1
    assert int(cursor(b.store)) < hub_counter(hub)

    summary = b.sync()
    assert parked(b.store) == 0 and summary.parked == 0
    assert synced(b) == synced(a)


# -- requests and progress ---------------------------------------------------------------------------------------
def test_a_sync_with_nothing_to_do_makes_one_request(a, b):
    transport = Wrapped(lambda request, forward: forward(request))
    assert a.sync(transport).requests == 1
    assert transport.calls == [("GET", "/v1/me"), ("GET", "/v1/changes")]  # the first asks who the laptop is
    transport = Wrapped(lambda request, forward: forward(request))
    assert a.sync(transport).requests == 1
    assert transport.calls == [("GET", "/v1/changes")]

    add_fault(a.store, "受理单打印空白")
    add_target(b.store, "信用平台-门户")
    a.sync()
    b.sync()
    a.sync()
    for client in (a, b):
        transport = Wrapped(lambda request, forward: forward(request))
        summary = client.sync(transport)
        assert summary.requests == 1
        assert (summary.pushed, summary.pulled) == (0, 0)
        assert transport.calls == [("GET", "/v1/changes")]


def test_progress_reports_push_and_pull(a, b, tmp_path):
    for n in range(3):
        add_fault(a.store, f"受理单打印空白 {n}")
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(photo_bytes())
    attach(a, add_visit(a.store), photo)
    calls = []

    a.sync(progress=lambda phase, done, total: calls.append((phase, done, total)))

    phases = [phase for phase, _done, _total in calls]
    assert "push" in phases and "pull" in phases
    assert phases.index("push") < phases.index("pull")
    pushes = [(done, total) for phase, done, total in calls if phase == "push"]
    assert pushes[-1] == (8, 8)  # 3 incidents with their events, a visit and its attachment
    assert all(done <= total for done, total in pushes)
    pulls = [done for phase, done, _total in calls if phase == "pull"]
    assert pulls == sorted(pulls) and pulls[-1] == 8

    fetched = []
    b.sync(progress=lambda phase, done, total: fetched.append((phase, done, total)))
    assert [c for c in fetched if c[0] == "push"] == []
    assert ("blobs", 1, 1) in fetched
    assert [c for c in fetched if c[0] == "pull"][-1] == ("pull", 8, 0)


def test_a_cancelled_sync_stops_before_asking_the_hub(a):
    add_fault(a.store, "受理单打印空白")
    cancel = threading.Event()
    cancel.set()
    transport = Wrapped(lambda request, forward: forward(request))
    with pytest.raises(SyncCancelledError):
        a.sync(transport, cancel=cancel)
    assert transport.calls == []
    assert len(outbox(a.store)) == 2


def test_the_protocols_fields_are_the_local_tables_columns():
    """The hub refuses fields it does not know by `FIELDS`; a column added to a synced table without raising the
    schema version and listing it there would be refused by every hub."""
    from dzdesk.sync.protocol import ENTITIES, FIELDS
    from dzdesk.sync.records import ENTITY_MODELS, payload_columns

    assert set(FIELDS) == set(ENTITIES)
    for entity, model in ENTITY_MODELS.items():
        assert {column.key for column in payload_columns(model)} == FIELDS[entity], entity
