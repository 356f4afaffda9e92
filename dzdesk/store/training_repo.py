"""Writing training sessions, rosters and check-ins, each in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session, selectinload

from dzdesk.domain.training import ATTENDED, Attendance, RosterEntry, TrainingKind
from dzdesk.store.base import id_prefix
from dzdesk.store.blobs import BlobStore
from dzdesk.store.training_models import Attendee, Training, TrainingMaterial


class TrainingRejected(ValueError):  # noqa: N818 (reads as what happened to the session)
    pass


@dataclass(frozen=True)
class TrainingDraft:
    title: str
    starts_at: datetime
    platforms: tuple[str, ...] = ()
    kind: TrainingKind = TrainingKind.USAGE
    ends_at: datetime | None = None
    modules: str = ""
    venue: str = ""
    district: str = ""
    trainers: str = ""
    target_units: str = ""
    notes: str = ""

    @classmethod
    def of(cls, training: Training) -> TrainingDraft:
        return cls(title=training.title, starts_at=training.starts_at,
                   platforms=tuple(code for code in training.platforms.split(",") if code),
                   kind=TrainingKind(training.kind), ends_at=training.ends_at, modules=training.modules,
                   venue=training.venue, district=training.district, trainers=training.trainers,
                   target_units=training.target_units, notes=training.notes)


def save_training(session: Session, draft: TrainingDraft, training: Training | None = None) -> Training:
    if not draft.title.strip():
        raise TrainingRejected("Give the session a title.")
    if draft.ends_at is not None and draft.ends_at < draft.starts_at:
        raise TrainingRejected("The session ends before it starts.")
    if training is None:
        training = Training()
        session.add(training)
    values = {
        "title": draft.title.strip(), "starts_at": draft.starts_at.replace(microsecond=0),
        "ends_at": draft.ends_at.replace(microsecond=0) if draft.ends_at else None,
        "platforms": ",".join(draft.platforms), "kind": TrainingKind(draft.kind).value, "modules": draft.modules,
        "venue": draft.venue.strip(), "district": draft.district.strip(), "trainers": draft.trainers.strip(),
        "target_units": draft.target_units.strip(), "notes": draft.notes.strip(),
    }
    for name, value in values.items():
        if getattr(training, name) != value:
            setattr(training, name, value)
    session.flush()
    return training


def roster(training: Training) -> list[Attendee]:
    return [a for a in training.attendees if not a.deleted]


def roster_entries(training: Training) -> list[RosterEntry]:
    return [RosterEntry(a.name, a.unit, a.department, a.phone, a.role) for a in roster(training)]


def add_attendees(session: Session, training: Training, entries: Sequence[RosterEntry],
                  walk_in: bool = False) -> list[Attendee]:
    position = len(training.attendees)
    added = []
    for offset, entry in enumerate(entries):
        entry = entry.normalised()
        problems = entry.problems()
        if problems:
            raise TrainingRejected(f"{entry.name or '(no name)'}: {'; '.join(p.value for p in problems)}")
        attendee = Attendee(training=training, training_id=training.id, position=position + offset, name=entry.name,
                            unit=entry.unit, department=entry.department, phone=entry.phone, role=entry.role,
                            walk_in=walk_in)
        session.add(attendee)
        added.append(attendee)
    return added


def add_material(session: Session, training: Training, blobs: BlobStore, source: Path) -> TrainingMaterial:
    material = TrainingMaterial(training=training, training_id=training.id, sha256=blobs.put_file(source),
                                filename=source.name)
    session.add(material)
    return material


def materials(training: Training) -> list[TrainingMaterial]:
    return [m for m in training.materials if not m.deleted]


def check_in(attendee: Attendee, status: Attendance, at: datetime | None) -> None:
    """Sets the attendance; a present, late or early-leaving person keeps the first check-in time."""
    attendee.status = Attendance(status).value
    if status in (Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY):
        attendee.checked_in_at = attendee.checked_in_at or (at.replace(microsecond=0) if at else None)
    else:
        attendee.checked_in_at = None


def load_training(session: Session, training_id: str) -> Training | None:
    return session.scalars(select(Training).where(Training.id == training_id).options(
        selectinload(Training.attendees), selectinload(Training.materials))).first()


def find_training(session: Session, id_or_prefix: str) -> Training | None:
    prefix = id_prefix(id_or_prefix)
    if prefix is None:
        return None
    matches = session.scalars(select(Training.id).where(Training.id.like(f"{prefix}%")).limit(2)).all()
    return load_training(session, matches[0]) if len(matches) == 1 else None


@dataclass(frozen=True)
class TrainingRow:
    """A session as the lists show it: its roster counted in SQL, not a hundred attendees loaded to be counted."""

    id: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    kind: str
    platforms: str
    venue: str
    district: str
    trainers: str
    on_roster: int
    came: int


def page_trainings(session: Session, offset: int, limit: int) -> list[TrainingRow]:
    """The sessions, latest first, with how many are on each roster and how many came (`ATTENDED`)."""
    on_roster = (select(func.count()).where(Attendee.training_id == Training.id, Attendee.deleted == false())
                 .correlate(Training).scalar_subquery())
    came = (select(func.count()).where(Attendee.training_id == Training.id, Attendee.deleted == false(),
                                       Attendee.status.in_([status.value for status in ATTENDED]))
            .correlate(Training).scalar_subquery())
    rows = session.execute(
        select(Training.id, Training.title, Training.starts_at, Training.ends_at, Training.kind, Training.platforms,
               Training.venue, Training.district, Training.trainers, on_roster, came)
        .where(Training.deleted == false()).order_by(Training.starts_at.desc(), Training.id)
        .offset(offset).limit(limit))
    return [TrainingRow(*row) for row in rows]


def count_trainings(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Training).where(Training.deleted == false())) or 0
