"""The program the crash tests kill: it writes records and syncs through the same functions the window and the
commands use, on a real data directory, and says on standard output what it has done.

Every line it prints is one JSON object, written with a single `write()` on an unbuffered descriptor, so a line
printed before the kill is in the file after it, and only the last line can be cut short:

- `ready` once the instance lock is held and the store is open (before it: a kill during start-up);
- `begin` before a save, naming the records it creates (`new`: table, key, fields) and changes (`edit`);
- `ack` only after the save's transaction has committed: from then on the records must survive any crash;
- `blob` / `blob-done` around writing a photo, signature or material into the blob folder;
- `sync-start`, `req` / `resp` around each request to the hub, and `synced` (with the summary) once
  `synchronise` has returned.

Records are found again by a key unique to each one (an incident's title, an attachment's file name, …): a
record the worker made twice would show up as the same key twice.

Modes: `write` saves records without end; `sync` saves a few, then syncs with the hub, and again. Run as
`crash_worker.py run JOB_JSON` it does one job in this process; as `crash_worker.py serve` it is a fork server:
it imports everything once, then for each `run` request on standard input forks a child that does the job (the
child is the process that is killed) and answers `started PID`; a `reap` request waits for that child and
answers `ended PID STATUS`. Start-up then costs a fork and opening the store, not a second of imports, which is
what lets the suite afford hundreds of kills. The parent reaps a child only when asked, so a child's pid cannot
be reused before the test has killed it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from PIL import Image
from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.config import DataDir, Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.severity import Severity
from dzdesk.domain.training import Attendance, RosterEntry
from dzdesk.domain.visit import FollowUp, ServiceCategory
from dzdesk.instance_lock import InstanceLock
from dzdesk.store import Store, open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident, update_incident
from dzdesk.store.training_models import Attendee, Training
from dzdesk.store.training_repo import (
    TrainingDraft,
    add_attendees,
    add_material,
    check_in,
    load_training,
    save_training,
)
from dzdesk.store.visit_models import Visit, VisitAttachment
from dzdesk.store.visit_repo import (
    VisitDraft,
    add_attachment,
    amend,
    load_visit,
    remove_attachment,
    save_visit,
    sign,
)
from dzdesk.sync.client import HubClient
from dzdesk.sync.engine import synchronise
from dzdesk.sync.protocol import ChangesPage, PushRequest, PushResponse, RemoteRecord

# The column that holds each record's key, per table: unique for every record the worker or the teammate makes.
KEY_COLUMNS: dict[str, str] = {
    "incidents": "title", "complaints": "content", "visits": "work_done", "visit_follow_ups": "text",
    "visit_attachments": "filename", "visit_amendments": "text", "trainings": "title",
    "training_attendees": "name", "training_materials": "filename",
}
# The columns a save sets and a check compares, per table (text and true/false only, compared as SQLite has them).
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "incidents": ("title", "description", "author"), "complaints": ("content", "handling", "author"),
    "visits": ("work_done", "problems_found", "signer_name", "signature_sha256", "author"),
    "visit_follow_ups": ("text", "deleted"), "visit_attachments": ("filename", "sha256", "deleted"),
    "visit_amendments": ("text",), "trainings": ("title", "author"), "training_attendees": ("name", "status"),
    "training_materials": ("filename", "sha256"),
}
_started = time.monotonic()
# The fork server makes the client's HTTP transport once, before forking: setting up its TLS context costs 50 to
# 100 ms a time, and the hub here speaks plain HTTP on the loopback anyway.
_transport: httpx.HTTPTransport | None = None
Fields = dict[str, Any]
Item = list[Any]  # [table, key, fields]


def emit(event: str, **fields: Any) -> None:
    """One line on standard output, in one write(): in the file the moment this returns, whatever happens next."""
    line = json.dumps({"ev": event, "t": round((time.monotonic() - _started) * 1000, 1), **fields},
                      ensure_ascii=False)
    data = (line + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def noise_jpeg(rng: random.Random, width: int, height: int) -> bytes:
    """A real JPEG of noise: every photo different, so every one is a new blob."""
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3)).save(out, format="JPEG", quality=85)
    return out.getvalue()


def signature_png(rng: random.Random) -> bytes:
    out = io.BytesIO()
    Image.frombytes("L", (120, 40), rng.randbytes(120 * 40)).save(out, format="PNG")
    return out.getvalue()


class NotingBlobStore(BlobStore):
    """The real blob store; it also says when a blob write starts and ends, so a kill can be placed inside one."""

    def put_file(self, source: Path) -> str:
        emit("blob", size=source.stat().st_size)
        sha256 = super().put_file(source)
        emit("blob-done")
        return sha256

    def put_bytes(self, data: bytes) -> str:
        emit("blob", size=len(data))
        sha256 = super().put_bytes(data)
        emit("blob-done")
        return sha256


class NotingHubClient(HubClient):
    """The real client over HTTP; it also says when each request starts and when its answer is back."""

    def _noted(self, kind: str, call: Callable[[], Any]) -> Any:
        emit("req", kind=kind)
        answer = call()
        emit("resp", kind=kind)
        return answer

    def push(self, request: PushRequest) -> PushResponse:
        return self._noted("push", lambda: super(NotingHubClient, self).push(request))

    def changes(self, since: int, limit: int, results_since: int = 0) -> ChangesPage:
        return self._noted("changes", lambda: super(NotingHubClient, self).changes(since, limit, results_since))

    def record(self, entity: str, record_id: str) -> RemoteRecord | None:
        return self._noted("record", lambda: super(NotingHubClient, self).record(entity, record_id))

    def has_blob(self, sha256: str) -> bool:
        return self._noted("has_blob", lambda: super(NotingHubClient, self).has_blob(sha256))

    def put_blob(self, sha256: str, data: bytes) -> None:
        self._noted("put_blob", lambda: super(NotingHubClient, self).put_blob(sha256, data))

    def get_blob(self, sha256: str) -> bytes | None:
        return self._noted("get_blob", lambda: super(NotingHubClient, self).get_blob(sha256))


class Writer:
    """Saves records the way the screens do: one user action, one transaction, through the repository functions.

    `tag` makes every key unique across a whole test run (`k17-4`: the fourth save of the worker started 17th)."""

    def __init__(self, store: Store, blobs: BlobStore, staging: Path, rng: random.Random, tag: str,
                 say: Callable[..., None] = emit) -> None:
        self.store, self.blobs, self.staging, self.rng, self.tag = store, blobs, staging, rng, tag
        self.say = say
        self.author = store.author
        self.catalogue = load_catalogue()
        self.calendar = Settings().calendar()
        self.count = 0
        self.ops: list[tuple[Callable[[], bool], int]] = [
            (self.new_incident, 3), (self.edit_incident, 2), (self.new_complaint, 2), (self.edit_complaint, 1),
            (self.new_visit, 3), (self.edit_visit, 1), (self.sign_visit, 1), (self.amend_visit, 1),
            (self.remove_attachment, 1), (self.new_training, 2), (self.check_in_someone, 1),
        ]

    def next_key(self) -> str:
        self.count += 1
        return f"{self.tag}-{self.count}"

    def save_one(self) -> None:
        """One save, chosen at random; a change with nothing to change makes a new record instead."""
        operation = self.rng.choices([op for op, _ in self.ops], weights=[w for _, w in self.ops])[0]
        if not operation():
            self.rng.choice([self.new_incident, self.new_visit, self.new_training, self.new_complaint])()

    def _saving(self, op: str, new: list[Item], edit: list[Item], save: Callable[[Session], None]) -> None:
        self.say("begin", op=op, new=new, edit=edit)
        with self.store.transaction() as session:
            save(session)
        self.say("ack", op=op)

    def _pick(self, statement: Any) -> str | None:
        """The id of one row of `statement` (a select of ids), chosen by the seeded random numbers."""
        with self.store.session() as session:
            ids = sorted(session.scalars(statement))
        return self.rng.choice(ids) if ids else None

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    # -- incidents and complaints ----------------------------------------------------------------------------------
    def new_incident(self) -> bool:
        key = f"故障 {self.next_key()}"
        description = f"受理单打印空白 {key}"
        draft = IncidentDraft(platform="credit", severity=Severity.MINOR, title=key, module="信用报告",
                              reported_at=self._now() - timedelta(minutes=30), description=description)

        def save(session: Session) -> None:
            add_incident(session, draft, self.catalogue, self.calendar, self._now())

        self._saving("new_incident", [["incidents", key, {"title": key, "description": description,
                                                           "author": self.author}]], [], save)
        return True

    def edit_incident(self) -> bool:
        picked = self._pick(select(Incident.id).where(Incident.author == self.author, Incident.deleted == false()))
        if picked is None:
            return False
        with self.store.session() as session:
            key = session.get(Incident, picked).title
        description = f"重启打印服务后恢复 {self.next_key()}"

        def save(session: Session) -> None:
            incident = session.get(Incident, picked)
            changed = update_incident(session, incident, replace(IncidentDraft.of(incident), description=description),
                                      self.catalogue, self.calendar, self._now())
            assert changed == ["description"], changed

        self._saving("edit_incident", [], [["incidents", key, {"description": description}]], save)
        return True

    def new_complaint(self) -> bool:
        key = f"投诉 {self.next_key()}"
        draft = ComplaintDraft(ComplaintChannel.PHONE, "张先生", key, self._now() - timedelta(hours=1))

        def save(session: Session) -> None:
            save_complaint(session, draft, self._now())

        self._saving("new_complaint", [["complaints", key, {"content": key, "handling": "", "author": self.author}]],
                     [], save)
        return True

    def edit_complaint(self) -> bool:
        picked = self._pick(select(Complaint.id).where(Complaint.author == self.author,
                                                       Complaint.deleted == false()))
        if picked is None:
            return False
        with self.store.session() as session:
            key = session.get(Complaint, picked).content
        handling = f"已电话回复 {self.next_key()}"

        def save(session: Session) -> None:
            complaint = session.get(Complaint, picked)
            save_complaint(session, replace(ComplaintDraft.of(complaint), handling=handling), self._now(), complaint)

        self._saving("edit_complaint", [], [["complaints", key, {"handling": handling}]], save)
        return True

    # -- visits --------------------------------------------------------------------------------------------------
    def new_visit(self) -> bool:
        """A visit with its photos and follow-ups, saved in one transaction as the visit form does."""
        key = f"巡检 {self.next_key()}"
        photos = []
        for n in range(self.rng.randint(1, 3)):
            path = self.staging / f"现场{key.split()[-1]}-{n}.jpg"
            path.write_bytes(noise_jpeg(self.rng, self.rng.choice([64, 96, 160]), 72))
            photos.append(path)
        follow_ups = tuple(FollowUp(f"跟进 {key.split()[-1]}-{n}") for n in range(self.rng.randint(0, 2)))
        now = self._now()
        draft = VisitDraft(office="渠县住房和城乡建设局", platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                           engineers="邓雪", arrived_at=now - timedelta(hours=2), departed_at=now - timedelta(hours=1),
                           work_done=key, follow_ups=follow_ups)
        new: list[Item] = [["visits", key, {"work_done": key, "problems_found": "", "signer_name": "",
                                            "signature_sha256": "", "author": self.author}]]
        new += [["visit_follow_ups", f.text, {"text": f.text, "deleted": False}] for f in follow_ups]
        new += [["visit_attachments", p.name, {"filename": p.name, "deleted": False,
                                               "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}]
                for p in photos]

        def save(session: Session) -> None:
            visit = save_visit(session, draft, self._now())
            for path in photos:
                add_attachment(session, visit, self.blobs, path)

        self._saving("new_visit", new, [], save)
        for path in photos:
            path.unlink()
        return True

    def _own_visit(self, signed: bool) -> str | None:
        state = Visit.signed_at.is_not(None) if signed else Visit.signed_at.is_(None)
        return self._pick(select(Visit.id).where(Visit.author == self.author, Visit.deleted == false(), state))

    def edit_visit(self) -> bool:
        """Writes what was found and drops the last follow-up (a tombstone, so the delete syncs)."""
        picked = self._own_visit(signed=False)
        if picked is None:
            return False
        with self.store.session() as session:
            visit = load_visit(session, picked)
            draft = VisitDraft.of(visit)
        found = f"打印机驱动过旧 {self.next_key()}"
        edit: list[Item] = [["visits", visit.work_done, {"problems_found": found}]]
        if draft.follow_ups:
            edit.append(["visit_follow_ups", draft.follow_ups[-1].text, {"deleted": True}])

        def save(session: Session) -> None:
            visit = load_visit(session, picked)
            save_visit(session, replace(draft, problems_found=found, follow_ups=draft.follow_ups[:-1]), self._now(),
                       visit)

        self._saving("edit_visit", [], edit, save)
        return True

    def sign_visit(self) -> bool:
        picked = self._own_visit(signed=False)
        if picked is None:
            return False
        with self.store.session() as session:
            key = session.get(Visit, picked).work_done
        png = signature_png(self.rng)
        signer = f"王主任 {self.next_key()}"

        def save(session: Session) -> None:
            sign(session, load_visit(session, picked), signer, png, self.blobs, self._now())

        self._saving("sign_visit", [], [["visits", key, {"signer_name": signer,
                                                         "signature_sha256": hashlib.sha256(png).hexdigest()}]], save)
        return True

    def amend_visit(self) -> bool:
        picked = self._own_visit(signed=True)
        if picked is None:
            return False
        text = f"补充 {self.next_key()}"

        def save(session: Session) -> None:
            amend(session, load_visit(session, picked), text, self._now())

        self._saving("amend_visit", [["visit_amendments", text, {"text": text}]], [], save)
        return True

    def remove_attachment(self) -> bool:
        picked = self._pick(select(VisitAttachment.id).join(Visit).where(
            Visit.author == self.author, Visit.signed_at.is_(None), VisitAttachment.deleted == false()))
        if picked is None:
            return False
        with self.store.session() as session:
            attachment = session.get(VisitAttachment, picked)
            key, visit_id = attachment.filename, attachment.visit_id
        self.next_key()

        def save(session: Session) -> None:
            visit = load_visit(session, visit_id)
            remove_attachment(visit, next(a for a in visit.attachments if a.id == picked))

        self._saving("remove_attachment", [], [["visit_attachments", key, {"deleted": True}]], save)
        return True

    # -- trainings ----------------------------------------------------------------------------------------------
    def new_training(self) -> bool:
        """A session with its roster, and now and then its slides: one transaction, as the training form saves."""
        key = f"培训 {self.next_key()}"
        short = key.split()[-1]
        people = [RosterEntry(f"学员{short}-{n}", "达川区住建局", "建管股", "13980861234")
                  for n in range(self.rng.randint(1, 5))]
        material = None
        if self.rng.random() < 0.3:
            material = self.staging / f"课件{short}.pdf"
            material.write_bytes(b"%PDF-1.4\n" + self.rng.randbytes(self.rng.choice([20_000, 200_000, 600_000])))
        draft = TrainingDraft(title=key, starts_at=self._now() + timedelta(days=2), platforms=("credit",),
                              venue="达州市政务服务中心")
        new: list[Item] = [["trainings", key, {"title": key, "author": self.author}]]
        new += [["training_attendees", p.name, {"name": p.name, "status": "expected"}] for p in people]
        if material is not None:
            new.append(["training_materials", material.name, {
                "filename": material.name, "sha256": hashlib.sha256(material.read_bytes()).hexdigest()}])

        def save(session: Session) -> None:
            training = save_training(session, draft)
            add_attendees(session, training, people)
            if material is not None:
                add_material(session, training, self.blobs, material)

        self._saving("new_training", new, [], save)
        if material is not None:
            material.unlink()
        return True

    def check_in_someone(self) -> bool:
        picked = self._pick(select(Attendee.id).join(Training).where(
            Training.author == self.author, Attendee.status == Attendance.EXPECTED.value))
        if picked is None:
            return False
        with self.store.session() as session:
            attendee = session.get(Attendee, picked)
            key, training_id = attendee.name, attendee.training_id
        self.next_key()

        def save(session: Session) -> None:
            training = load_training(session, training_id)
            check_in(next(a for a in training.attendees if a.id == picked), Attendance.PRESENT, self._now())

        self._saving("check_in_someone", [], [["training_attendees", key, {"status": "present"}]], save)
        return True


def run_job(job: dict[str, Any]) -> int:
    """Does one job until it is killed (or, as a safety net, until `limit_s` has passed)."""
    data_dir = DataDir(Path(job["data_dir"]))
    staging = Path(job["staging"])
    staging.mkdir(parents=True, exist_ok=True)
    for leftover in staging.iterdir():  # photos of a save the previous worker did not finish
        leftover.unlink()
    rng = random.Random(job["seed"])
    emit("start", pid=os.getpid())
    lock = InstanceLock(data_dir.root / "dzdesk.lock")
    data_dir.ensure()
    lock.acquire()  # as the window does; a lock left behind by a killed process would stop this start
    store = open_store(data_dir, author=job["author"])
    emit("ready")
    writer = Writer(store, NotingBlobStore(data_dir.blobs), staging, rng, job["tag"])
    deadline = time.monotonic() + job.get("limit_s", 60)
    if job.get("first_save"):  # e.g. a visit with photos, so that the first sync has blobs to send
        getattr(writer, job["first_save"])()
    if job["mode"] == "write":
        while time.monotonic() < deadline:
            writer.save_one()
    elif job["mode"] == "sync":
        with NotingHubClient(job["hub_url"], job["token"], transport=_transport) as client:
            while time.monotonic() < deadline:
                for _ in range(rng.randint(0, 3)):
                    writer.save_one()
                emit("sync-start")
                summary = synchronise(store, writer.blobs, client)
                emit("synced", summary=asdict(summary))
    else:
        raise ValueError(f"unknown mode {job['mode']!r}")
    emit("limit")
    store.close()
    lock.release()
    return 0


def _child(job: dict[str, Any]) -> None:
    """In the forked child: standard output to the job's events file, errors to its own; never returns."""
    global _started
    code = 3
    try:
        _started = time.monotonic()
        events = os.open(job["events"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
        errors = os.open(job["errors"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        for source, target in ((null, 0), (events, 1), (errors, 2)):
            os.dup2(source, target)
            os.close(source)
        code = run_job(job)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve() -> int:
    """The fork server: `run` forks a child for a job, `reap` waits for one; on end of input, no child is left."""
    global _transport
    _transport = httpx.HTTPTransport()
    children: set[int] = set()
    out = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "run":
            out.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(request["job"])
            children.add(pid)
            out.write(f"started {pid}\n")
        elif request["cmd"] == "reap":
            pid = int(request["pid"])
            _, status = os.waitpid(pid, 0)
            children.discard(pid)
            out.write(f"ended {pid} {status}\n")
        out.flush()
    for pid in children:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return 0


def main(argv: list[str]) -> int:
    if argv[1:2] == ["serve"]:
        return serve()
    if argv[1:2] == ["run"] and len(argv) == 3:
        return run_job(json.loads(argv[2]))
    print("usage: crash_worker.py serve | run JOB_JSON", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
