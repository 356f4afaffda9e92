"""What a person does to a training session — plan or edit it with its materials, import its roster, check people
in, add a walk-in — as Qt-free functions the command line and the window both call. Each change is one transaction:
saved whole, or refused with nothing written.

Refusals: `TrainingRejected` (the session or an attendee breaks a rule, in words), `TrainingNotFoundError` (no
session, or more than one, has that id), `RosterProblemsError` (the roster file has bad rows and the caller did not
choose to leave them out), `TableFileError` (the file cannot be read as a table), `OSError` (a material file).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from dzdesk.domain.training import Attendance, RosterEntry, lateness
from dzdesk.imports.roster import RosterPreview, read_roster
from dzdesk.operations.saved import Saved
from dzdesk.store import Store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.edit_conflicts import carry_onto
from dzdesk.store.training_models import Training
from dzdesk.store.training_repo import (
    TrainingDraft,
    add_attendees,
    add_material,
    check_in,
    find_training,
    load_training,
    roster_entries,
    save_training,
)


class TrainingNotFoundError(LookupError):
    """No training session has the id (or id prefix) given, or more than one starts with it."""


class RosterProblemsError(ValueError):
    """The roster has rows that cannot be read; nothing was imported."""

    def __init__(self, roster: RosterPreview) -> None:
        super().__init__(f"{len(roster.errors)} bad row(s); nothing was imported")
        self.roster = roster


def save_session(store: Store, draft: TrainingDraft, training_id: str | None = None,
                 materials: Sequence[Path] = (), shown: TrainingDraft | None = None) -> Saved:
    """Plans a new session (`training_id` None) or edits one, adding the `materials` files.
    `shown` is the session as the editor showed it: only what was changed from it is written
    (`dzdesk.store.edit_conflicts`)."""
    blobs = BlobStore(store.data_dir.blobs)
    with store.transaction() as session:
        existing = load_training(session, training_id) if training_id else None
        if training_id and existing is None:
            raise TrainingNotFoundError(f"no training session has the id {training_id}")
        carried = carry_onto(existing, TrainingDraft.of, draft, shown)
        training = save_training(session, carried.draft, existing)
        both = carried.keep_both(session, training, datetime.now(UTC))
        for path in materials:
            add_material(session, training, blobs, path)
        return Saved(training.id, both)


def read_roster_for(store: Store, id_or_prefix: str, path: Path) -> tuple[str, RosterPreview]:
    """The session's id and the roster read from `path` against the people it already has (nothing is written)."""
    with store.session() as session:
        training = find_training(session, id_or_prefix)
        if training is None:
            raise TrainingNotFoundError(f"no training session matches '{id_or_prefix}'")
        training_id, existing = training.id, roster_entries(training)
    return training_id, read_roster(path, existing)


def import_roster(store: Store, training_id: str, roster: RosterPreview, leave_out_bad_rows: bool = False) -> int:
    """Adds the roster's people to the session; refuses a roster with bad rows unless they are to be left out."""
    if roster.errors and not leave_out_bad_rows:
        raise RosterProblemsError(roster)
    return add_people(store, training_id, [entry for _row, entry in roster.entries])


def add_people(store: Store, training_id: str, entries: Sequence[RosterEntry]) -> int:
    with store.transaction() as session:
        training = _loaded(session, training_id)
        add_attendees(session, training, entries)
    return len(entries)


def check_person_in(store: Store, training_id: str, attendee_id: str, now: datetime,
                    status: Attendance | None = None) -> str:
    """Marks the attendee (present, or late by the session's start when `status` is None); returns their name."""
    with store.transaction() as session:
        training = _loaded(session, training_id)
        attendee = next((a for a in training.attendees if a.id == attendee_id), None)
        if attendee is None:
            raise TrainingNotFoundError(f"nobody with the id {attendee_id} is on the roster")
        check_in(attendee, status or lateness(now, training.starts_at), now)
        return attendee.name


def check_in_walk_in(store: Store, training_id: str, entry: RosterEntry, now: datetime) -> str:
    """Adds someone who was not on the roster and checks them in at once; returns their name."""
    with store.transaction() as session:
        training = _loaded(session, training_id)
        attendee = add_attendees(session, training, [entry], walk_in=True)[0]
        session.flush()
        check_in(attendee, lateness(now, training.starts_at), now)
        return attendee.name


def _loaded(session: Session, training_id: str) -> Training:
    training = load_training(session, training_id)
    if training is None:
        raise TrainingNotFoundError(f"no training session has the id {training_id}")
    return training
