"""Storing probe targets, maintenance windows and results, and the state each result confirms. Reading results
back over a period is `probe_history`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.maintenance import MaintenanceWindow, in_maintenance
from dzdesk.domain.probe_outcome import Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy, TargetState, Tracker, Transition, step
from dzdesk.domain.probe_target import ProbeTarget, default_targets
from dzdesk.domain.record_ids import default_target_id
from dzdesk.store.account import own_team
from dzdesk.store.base import RecordMixin
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.outbox import APPLYING_REMOTE
from dzdesk.store.payloads import to_payload
from dzdesk.store.probe_models import (
    TARGET_FIELDS,
    MaintenanceWindowRecord,
    ProbeResult,
    ProbeState,
    ProbeTargetRecord,
    target_of,
)
from dzdesk.store.sync_models import SyncBase

_DEFAULTS_ADDED = "probe_defaults_added"


class TargetNameTakenError(ValueError):
    """Another target already has this name; names are how people and targets files tell targets apart."""


def _kept_in_order(query: Select[Any]) -> Select[Any]:
    """The targets not deleted, in the order the board and the lists show them."""
    return query.where(ProbeTargetRecord.deleted == false()).order_by(ProbeTargetRecord.position,
                                                                     ProbeTargetRecord.name)


def list_targets(session: Session) -> list[ProbeTargetRecord]:
    return list(session.scalars(_kept_in_order(select(ProbeTargetRecord))))


def stored_targets_query() -> Select[Any]:
    """Each kept target's id, kind and `TARGET_FIELDS`, in `list_targets`' order: for what only reads them (the
    board, a sweep), columns take a quarter of the time of loading the records (10 000 targets: 90 ms, not 380)."""
    return _kept_in_order(select(ProbeTargetRecord.id, ProbeTargetRecord.kind,
                                 *(getattr(ProbeTargetRecord, name) for name in TARGET_FIELDS)))


def stored_targets(session: Session) -> list[tuple[str, ProbeTarget]]:
    """Each kept target's id and definition (`stored_targets_query`)."""
    rows = session.execute(stored_targets_query())
    return [(target_id, target_of(kind, values)) for target_id, kind, *values in rows]


def ensure_default_targets(session: Session, catalogue: Catalogue) -> int:
    """Adds the default catalogue once per database, so deleting targets never brings them back."""
    if get_meta(session, _DEFAULTS_ADDED) is not None:
        return 0
    set_meta(session, _DEFAULTS_ADDED, "1")
    if session.scalar(select(func.count()).select_from(ProbeTargetRecord)):
        return 0
    targets = default_targets(catalogue)
    # Every device of a team creates the same defaults under the same ids (the team's: `default_target_id`), so
    # they are one record team-wide and need no push: only the team's edits to them travel through the outbox.
    team = own_team(session)
    previous = session.info.get(APPLYING_REMOTE)
    session.info[APPLYING_REMOTE] = True
    try:
        records = []
        for position, target in enumerate(targets):
            record = ProbeTargetRecord(id=default_target_id(target.name, team), position=position)
            record.apply(target)
            session.add(record)
            records.append(record)
        session.flush()
        known_to_every_device(session, records)
    finally:
        session.info[APPLYING_REMOTE] = previous
    return len(targets)


def known_to_every_device(session: Session, records: Sequence[RecordMixin]) -> None:
    """Records every device makes identically get a sync base of revision 0, so a later edit pushes only the fields
    it changed, and merges with another device's edit of other fields instead of overwriting them."""

    for record in records:
        session.merge(SyncBase(entity=type(record).__tablename__, record_id=record.id, rev=0,
                               payload=json.dumps(to_payload(record), ensure_ascii=False, sort_keys=True)))


def save_target(session: Session, target: ProbeTarget, record_id: str | None = None) -> ProbeTargetRecord:
    """Adds a target, or changes the one with `record_id`; a name another target has is refused."""
    clash = session.scalar(select(ProbeTargetRecord.id).where(
        ProbeTargetRecord.name == target.name, ProbeTargetRecord.deleted == false(),
        ProbeTargetRecord.id != (record_id or "")))
    if clash is not None:
        raise TargetNameTakenError(target.name)
    if record_id is None:
        last = session.scalar(select(func.max(ProbeTargetRecord.position))) or 0
        record = ProbeTargetRecord(position=last + 1)
        session.add(record)
    else:
        record = session.get(ProbeTargetRecord, record_id)
        if record is None or record.deleted:
            raise KeyError(record_id)
    record.apply(target)
    return record


def delete_target(session: Session, record_id: str, deleted: bool = True) -> None:
    """Deletes (a tombstone, so it syncs) or, with `deleted=False`, brings the target back: the undo."""
    record = session.get(ProbeTargetRecord, record_id)
    if record is not None and record.deleted != deleted:
        record.deleted = deleted


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


def import_targets(session: Session, targets: Sequence[ProbeTarget]) -> ImportSummary:
    """Merges a targets file: a target whose name exists is updated, others are added; none is removed."""
    existing = {record.name: record for record in list_targets(session)}
    added = updated = unchanged = 0
    for target in targets:
        record = existing.get(target.name)
        if record is None:
            save_target(session, target)
            added += 1
        elif record.to_target() == target:
            unchanged += 1
        else:
            record.apply(target)
            updated += 1
    return ImportSummary(added, updated, unchanged)


def list_windows(session: Session) -> list[MaintenanceWindowRecord]:
    return list(session.scalars(select(MaintenanceWindowRecord).where(MaintenanceWindowRecord.deleted == false())
                                .order_by(MaintenanceWindowRecord.starts_at)))


def save_window(session: Session, window: MaintenanceWindow, record_id: str | None = None) -> MaintenanceWindowRecord:
    problems = window.problems()
    if problems:
        raise ValueError(problems[0].value)
    record = MaintenanceWindowRecord() if record_id is None else session.get(MaintenanceWindowRecord, record_id)
    if record is None:
        raise KeyError(record_id)
    record.starts_at = window.starts_at
    record.duration_minutes = int(window.duration.total_seconds() // 60)
    record.recurrence = str(window.recurrence)
    record.until = window.until
    record.platform = window.platform
    record.target_name = window.target_name
    record.note = window.note
    session.add(record)
    return record


def delete_window(session: Session, record_id: str, deleted: bool = True) -> None:
    record = session.get(MaintenanceWindowRecord, record_id)
    if record is not None and record.deleted != deleted:
        record.deleted = deleted


def active_windows(session: Session) -> list[MaintenanceWindow]:
    return [record.to_window() for record in list_windows(session)]


@dataclass(frozen=True)
class StateChange:
    target_id: str
    target_name: str
    transition: Transition
    failure: Failure | None
    detail: str


def record_outcomes(session: Session, outcomes: Iterable[tuple[ProbeTargetRecord, ProbeOutcome]],
                    policy: ConfirmPolicy, windows: Sequence[MaintenanceWindow] = (), interval_s: int = 0,
                    network: str = "") -> list[StateChange]:
    """Stores each result and advances its target's state; returns the changes that need telling.

    Results inside a maintenance window are stored (and shown) but do not move the state. `interval_s` is the
    schedule this laptop sweeps on (0: a one-off check), and `network` where it probes from: each result stands
    for the time until the next check, and the team reads where it was seen from.
    """
    changes = []
    for record, outcome in outcomes:
        during = in_maintenance(list(windows), record.name, record.platform, outcome.started_at)
        cert = outcome.cert
        warnings = ",".join(w.name for w in outcome.warnings)
        session.add(ProbeResult(
            target_id=record.id, started_at=outcome.started_at, ok=outcome.ok, latency_ms=outcome.latency_ms,
            failure=outcome.failure.name if outcome.failure else "", detail=outcome.detail[:2000],
            status_code=outcome.status_code, cert_not_after=cert.not_after if cert else None,
            cert_issuer=cert.issuer[:200] if cert else "", in_maintenance=during, warnings=warnings,
            interval_s=interval_s, network=network[:80]))
        row = session.get(ProbeState, record.id) or ProbeState(target_id=record.id, state="unknown", streak=0,
                                                                pending="")
        session.add(row)
        row.last_at, row.last_ok, row.last_latency_ms = outcome.started_at, outcome.ok, outcome.latency_ms
        row.last_failure = outcome.failure.name if outcome.failure else ""
        row.last_detail, row.last_in_maintenance, row.warnings = outcome.detail[:2000], during, warnings
        if cert is not None:
            row.cert_not_after, row.cert_issuer = cert.not_after, cert.issuer[:200]
        if during:
            continue
        tracker = Tracker(TargetState(row.state), row.since, row.streak, row.streak_started,
                          TargetState(row.pending) if row.pending else None)
        tracker, transition = step(tracker, outcome.ok, outcome.started_at, policy)
        row.state, row.since, row.streak, row.streak_started = (str(tracker.state), tracker.since, tracker.streak,
                                                                tracker.streak_started)
        row.pending = str(tracker.pending) if tracker.pending else ""
        if transition is not None:
            changes.append(StateChange(record.id, record.name, transition, outcome.failure, outcome.detail))
    return changes


def states(session: Session) -> dict[str, ProbeState]:
    return {row.target_id: row for row in session.scalars(select(ProbeState))}
