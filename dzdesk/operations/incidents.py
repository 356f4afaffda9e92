"""What a person does to a fault — record it, edit it, respond, resolve, close, reopen, wait on others, resume —
each as one Qt-free function that the command line and the window both call, so no rule of the fault's life lives
twice. Each runs in one transaction: it is saved whole, or it raises and nothing of it is written.

Refusals: `IncidentRejected` (the fault would break a rule; its problems say which), `TransitionError` (the fault
cannot move to that status from the one it is in), `FaultNotFoundError` (no fault, or more than one, has that id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.incident import Status
from dzdesk.domain.working_calendar import WorkingCalendar
from dzdesk.store import Store
from dzdesk.store.base import id_prefix
from dzdesk.store.edit_conflicts import carry_onto
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident, change_status, pause, resume, update_incident
from dzdesk.store.team_calendar import deadline_calendar


class FaultNotFoundError(LookupError):
    """No fault has the id (or id prefix) given, or more than one starts with it."""


@dataclass(frozen=True)
class FaultChanged:
    """What an operation did: the fault's id, its status now, and the fields it changed."""

    incident_id: str
    status: Status
    changed: tuple[str, ...] = ()
    both_changed: tuple[str, ...] = ()  # fields a teammate changed too since the editor showed them: both kept


def find_fault(session: Session, id_or_prefix: str) -> Incident:
    """The fault whose id is, or starts with, `id_or_prefix` (at least 4 characters)."""
    prefix = id_prefix(id_or_prefix)
    if prefix is None:
        raise FaultNotFoundError(f"'{id_or_prefix}' is not a fault id (give at least its first 4 characters)")
    matches = session.scalars(select(Incident).where(Incident.id.like(f"{prefix}%"),
                                                     Incident.deleted == false()).limit(2)).all()
    if not matches:
        raise FaultNotFoundError(f"no fault has an id starting with '{id_or_prefix}'")
    if len(matches) > 1:
        raise FaultNotFoundError(f"more than one fault has an id starting with '{id_or_prefix}': give more of it")
    return matches[0]


def record_fault(store: Store, own_calendar: WorkingCalendar, catalogue: Catalogue, draft: IncidentDraft,
                 now: datetime) -> FaultChanged:
    """A new fault, its response deadline set by the calendar in force (the team's once synced, else this
    laptop's `own_calendar`)."""
    with store.transaction() as session:
        incident = add_incident(session, draft, catalogue, deadline_calendar(session, own_calendar), now)
        return FaultChanged(incident.id, Status(incident.status))


def edit_fault(store: Store, own_calendar: WorkingCalendar, catalogue: Catalogue, incident_id: str,
               draft: IncidentDraft, now: datetime, shown: IncidentDraft | None = None) -> FaultChanged:
    """The fault's fields as in `draft`; its deadline follows the calendar of the team the hub keeps it in.

    `shown` is the fault as an editor showed it before the person edited it into `draft`: then only the fields
    they changed are written, so a teammate's change pulled meanwhile stays; a field both changed keeps theirs
    and the teammate's value as a conflict (`dzdesk.domain.edits`)."""
    with store.transaction() as session:
        incident = find_fault(session, incident_id)
        calendar = deadline_calendar(session, own_calendar, incident.hub_team or "")
        carried = carry_onto(incident, IncidentDraft.of, draft, shown)
        changed = update_incident(session, incident, carried.draft, catalogue, calendar, now)
        both = carried.keep_both(session, incident, now)
        return FaultChanged(incident.id, Status(incident.status), tuple(changed), both)


def move_fault(store: Store, catalogue: Catalogue, incident_id: str, target: Status, at: datetime, now: datetime,
               cause: str | None = None, resolution: str | None = None, note: str = "") -> FaultChanged:
    """Responds to, resolves, closes or reopens the fault at `at` (a reopen clears its resolution times)."""
    with store.transaction() as session:
        incident = find_fault(session, incident_id)
        change_status(session, incident, target, at, catalogue, now, cause=cause, resolution=resolution, note=note)
        return FaultChanged(incident.id, Status(incident.status))


def wait_on_others(store: Store, catalogue: Catalogue, incident_id: str, reason: str, at: datetime,
                   now: datetime) -> FaultChanged:
    """Stops the fault's clock from `at`: the team waits on the customer or a third party, for `reason`."""
    with store.transaction() as session:
        incident = find_fault(session, incident_id)
        pause(session, incident, at, reason, catalogue, now)
        return FaultChanged(incident.id, Status(incident.status))


def resume_work(store: Store, catalogue: Catalogue, incident_id: str, at: datetime, now: datetime) -> FaultChanged:
    """Starts the fault's clock again at `at`. ValueError when it was not waiting."""
    with store.transaction() as session:
        incident = find_fault(session, incident_id)
        resume(session, incident, at, catalogue, now)
        return FaultChanged(incident.id, Status(incident.status))


def is_waiting(store: Store, incident_id: str) -> bool:
    with store.session() as session:
        incident = find_fault(session, incident_id)
        return any(p.end_at is None and not p.deleted for p in incident.pauses)
