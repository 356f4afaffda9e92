"""Writing incidents: every change validated by the domain rules, recorded in the history, in one transaction.

Screens and commands call these functions inside `Store.transaction()`; none of them commits on its own, so a
caller can group several steps into one user action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import false
from sqlalchemy.orm import Session

from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.corrections import WATCHED, Value, entries
from dzdesk.domain.incident import (
    Channel,
    IncidentFacts,
    IncidentProblem,
    Pause,
    Status,
    check_transition,
    incident_problems,
)
from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.store.incident_models import Incident, IncidentCorrection, IncidentEvent, IncidentPause


class IncidentRejected(ValueError):  # noqa: N818 (reads as what happened to the incident)
    """The incident breaks the rules; nothing was written. `problems` says what to fix."""

    def __init__(self, problems: list[IncidentProblem]) -> None:
        super().__init__(" ".join(p.value for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class IncidentDraft:
    """The editable fields of an incident, as a form or a command supplies them."""

    platform: str
    severity: Severity
    title: str
    reported_at: datetime
    module: str = ""
    district: str = ""
    department: str = ""
    reporter: str = ""
    reporter_contact: str = ""
    channel: Channel = Channel.PHONE
    description: str = ""
    cause: str = ""
    resolution: str = ""
    assignee: str = ""
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    typical: bool = False  # a case the team teaches from: it goes into the annual report and the handout
    lesson: str = ""

    @classmethod
    def of(cls, incident: Incident) -> IncidentDraft:
        values = {f.name: getattr(incident, f.name) for f in fields(cls)}
        values["severity"] = Severity(incident.severity)
        values["channel"] = Channel(incident.channel)
        return cls(**values)


def _facts(draft: IncidentDraft, pauses: tuple[Pause, ...] = ()) -> IncidentFacts:
    return IncidentFacts(
        title=draft.title, platform=draft.platform, module=draft.module, severity=draft.severity,
        reported_at=draft.reported_at, responded_at=draft.responded_at, resolved_at=draft.resolved_at,
        closed_at=draft.closed_at, cause=draft.cause, resolution=draft.resolution, pauses=pauses,
    )


def _modules(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    return {p.code: p.modules for p in catalogue.platforms}


def _pauses(incident: Incident) -> tuple[Pause, ...]:
    return tuple(Pause(p.start_at, p.end_at, p.reason) for p in incident.pauses if not p.deleted)


def check_draft(draft: IncidentDraft, catalogue: Catalogue, now: datetime,
                pauses: tuple[Pause, ...] = ()) -> list[IncidentProblem]:
    return incident_problems(_facts(_normalised(draft), pauses), now, _modules(catalogue))


def _whole_second(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(microsecond=0)


def _normalised(draft: IncidentDraft) -> IncidentDraft:
    """Trimmed text and whole-second times, so a value shown in a form and saved back compares equal."""
    return replace(draft, title=draft.title.strip(), cause=draft.cause.strip(), resolution=draft.resolution.strip(),
                   description=draft.description.strip(), reporter=draft.reporter.strip(),
                   lesson=draft.lesson.strip(),
                   reported_at=draft.reported_at.replace(microsecond=0),
                   responded_at=_whole_second(draft.responded_at), resolved_at=_whole_second(draft.resolved_at),
                   closed_at=_whole_second(draft.closed_at))


def _status_for(draft: IncidentDraft, current: Status | None) -> Status:
    if draft.closed_at is not None:
        return Status.CLOSED
    if draft.resolved_at is not None:
        return Status.RESOLVED
    if draft.responded_at is not None:
        # Taking the resolution back out of a resolved or closed fault reopens it: back to work, not to responded.
        working = (Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED)
        return Status.IN_PROGRESS if current in working else Status.RESPONDED
    return Status.NEW


def _event(session: Session, incident: Incident, at: datetime, kind: str, note: str = "",
           from_status: str = "", to_status: str = "") -> None:
    session.add(IncidentEvent(incident=incident, incident_id=incident.id, at=at, kind=kind, note=note,
                              from_status=from_status, to_status=to_status))


def _watched(draft: IncidentDraft) -> dict[str, Value]:
    return {name: getattr(draft, name) for name in WATCHED}


def _on_record(session: Session, incident: Incident, before: IncidentDraft | None, after: IncidentDraft,
               now: datetime) -> None:
    """Puts the corrected and late-entered times (and a changed severity) on the fault's record."""
    for entry in entries(None if before is None else _watched(before), _watched(after), now):
        session.add(IncidentCorrection(incident=incident, incident_id=incident.id, at=now, field=entry.field,
                                       old_value=entry.old, new_value=entry.new, late=entry.late))


def add_incident(session: Session, draft: IncidentDraft, catalogue: Catalogue, calendar: BusinessCalendar,
                 now: datetime, entered_at: datetime | None = None) -> Incident:
    """Records a new fault. `entered_at` is when it was written down (default `now`): a time it names long before
    that is marked as entered late (补录)."""
    draft = _normalised(draft)
    problems = check_draft(draft, catalogue, now)
    if problems:
        raise IncidentRejected(problems)
    status = _status_for(draft, None)
    incident = Incident(
        **{f.name: getattr(draft, f.name) for f in fields(IncidentDraft)},
        status=status.value,
        response_due=response_due(draft.severity, draft.reported_at, calendar),
    )
    incident.severity = draft.severity.value
    incident.channel = draft.channel.value
    session.add(incident)
    session.flush()
    _event(session, incident, now, "created", to_status=status.value)
    _on_record(session, incident, None, draft, entered_at or now)
    return incident


def update_incident(session: Session, incident: Incident, draft: IncidentDraft, catalogue: Catalogue,
                    calendar: BusinessCalendar, now: datetime) -> list[str]:
    """Applies the edited fields; returns the names of those that changed (empty: nothing was written)."""
    draft = _normalised(draft)
    problems = check_draft(draft, catalogue, now, _pauses(incident))
    if problems:
        raise IncidentRejected(problems)
    before = IncidentDraft.of(incident)
    changed = [f.name for f in fields(IncidentDraft) if getattr(before, f.name) != getattr(draft, f.name)]
    if not changed:
        return []
    old_status = Status(incident.status)
    for name in changed:
        value = getattr(draft, name)
        setattr(incident, name, value.value if isinstance(value, Severity | Channel) else value)
    incident.response_due = response_due(draft.severity, draft.reported_at, calendar)
    new_status = _status_for(draft, old_status)
    incident.status = new_status.value
    note = ", ".join(changed)
    if old_status in (Status.RESOLVED, Status.CLOSED) and new_status is Status.IN_PROGRESS:
        resolved = before.resolved_at.isoformat() if before.resolved_at else ""
        note = f"reopened; was resolved at {resolved}. {note}"
    _event(session, incident, now, "edit", note=note, from_status=old_status.value, to_status=new_status.value)
    _on_record(session, incident, before, draft, now)
    return changed


def change_status(session: Session, incident: Incident, target: Status, at: datetime, catalogue: Catalogue,
                  now: datetime, cause: str | None = None, resolution: str | None = None, note: str = "") -> None:
    """Moves an incident along its life cycle, stamping the matching time; a reopen clears the resolution times."""
    current = Status(incident.status)
    check_transition(current, target)
    before = draft = IncidentDraft.of(incident)
    if cause is not None:
        draft = replace(draft, cause=cause)
    if resolution is not None:
        draft = replace(draft, resolution=resolution)
    if target is Status.RESPONDED:
        draft = replace(draft, responded_at=at)
    elif target is Status.RESOLVED:
        draft = replace(draft, resolved_at=at)
    elif target is Status.CLOSED:
        draft = replace(draft, closed_at=at)
    elif target is Status.IN_PROGRESS and current in (Status.RESOLVED, Status.CLOSED):
        reopened_note = f"reopened; was resolved at {incident.resolved_at.isoformat() if incident.resolved_at else ''}"
        note = f"{reopened_note}. {note}".strip()
        draft = replace(draft, resolved_at=None, closed_at=None)
    draft = _normalised(draft)
    problems = check_draft(draft, catalogue, now, _pauses(incident))
    if problems:
        raise IncidentRejected(problems)
    incident.responded_at, incident.resolved_at, incident.closed_at = (
        draft.responded_at, draft.resolved_at, draft.closed_at)
    incident.cause, incident.resolution = draft.cause, draft.resolution
    incident.status = target.value
    _event(session, incident, at, "status", note=note, from_status=current.value, to_status=target.value)
    _on_record(session, incident, before, draft, now)


def pause(session: Session, incident: Incident, start: datetime, reason: str, catalogue: Catalogue,
          now: datetime) -> IncidentPause:
    if any(p.end_at is None and not p.deleted for p in incident.pauses):
        raise IncidentRejected([IncidentProblem.PAUSE_OUTSIDE_WORK])
    pauses = (*_pauses(incident), Pause(start, None, reason))
    problems = incident_problems(_facts(IncidentDraft.of(incident), pauses), now, _modules(catalogue))
    if problems:
        raise IncidentRejected(problems)
    record = IncidentPause(incident=incident, incident_id=incident.id, start_at=start, reason=reason.strip())
    session.add(record)
    _event(session, incident, start, "pause", note=reason.strip())
    return record


def resume(session: Session, incident: Incident, end: datetime, catalogue: Catalogue, now: datetime) -> None:
    open_pauses = [p for p in incident.pauses if p.end_at is None and not p.deleted]
    if not open_pauses:
        raise ValueError("the incident is not waiting")
    record = open_pauses[-1]
    pauses = tuple(Pause(p.start_at, end if p is record else p.end_at, p.reason)
                   for p in incident.pauses if not p.deleted)
    problems = incident_problems(_facts(IncidentDraft.of(incident), pauses), now, _modules(catalogue))
    if problems:
        raise IncidentRejected(problems)
    record.end_at = end
    _event(session, incident, end, "resume")


@dataclass(frozen=True)
class StatusChange:
    """A fault whose on-time status a calendar change turned: answered or still open, on time or late."""

    incident_id: str
    title: str
    before: bool  # on time (or still within its deadline) before the change
    after: bool


@dataclass(frozen=True)
class DeadlineShift:
    moved: int
    turned: tuple[StatusChange, ...]


def shift_deadlines(session: Session, calendar_of: Callable[[str], BusinessCalendar], now: datetime) -> DeadlineShift:
    """After a working calendar or business hours change: every stored deadline recomputed with the calendar of its
    fault's team (`calendar_of(hub_team)`), and which faults that turned from on time to late or back (a fault not
    yet answered is judged against `now`)."""
    moved, turned = 0, []
    for incident in session.query(Incident).filter(Incident.deleted == false()).yield_per(2000):
        due = response_due(Severity(incident.severity), incident.reported_at, calendar_of(incident.hub_team))
        if due == incident.response_due:
            continue
        answered = incident.responded_at or now
        before, after = answered <= incident.response_due, answered <= due
        incident.response_due = due
        moved += 1
        if before != after:
            turned.append(StatusChange(incident.id, incident.title, before, after))
    return DeadlineShift(moved, tuple(turned))
