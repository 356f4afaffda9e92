"""What a person does to the probes' configuration — import a targets file, add or change a target, delete one or
undo that, keep a maintenance window or delete one — as Qt-free functions the command line and the window both
call. Each change is one transaction; a targets file is read whole before anything is saved.

Refusals: `TargetsFileProblemError` (the file cannot be read or holds a wrong target, in words),
`TargetNameTakenError` (another target has the name), `TargetGoneError` (the target or window is not there),
`ValueError` (a maintenance window that cannot be, in words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.maintenance import MaintenanceWindow
from dzdesk.domain.probe_target import ProbeTarget, TargetsFileError, parse_targets
from dzdesk.operations.saved import Saved
from dzdesk.store import Store
from dzdesk.store.edit_conflicts import carry_onto
from dzdesk.store.probe_models import MaintenanceWindowRecord, ProbeTargetRecord
from dzdesk.store.probe_repo import (
    ImportSummary,
    delete_target,
    delete_window,
    ensure_default_targets,
    import_targets,
    save_target,
    save_window,
)


class TargetsFileProblemError(ValueError):
    """The targets file cannot be used; the message names the file and says why. Nothing was changed."""


class TargetGoneError(LookupError):
    """The target or maintenance window is not there (deleted meanwhile, perhaps on another laptop)."""


@dataclass(frozen=True)
class TargetSaved:
    target_id: str
    old_name: str | None  # the target's name before the change (its stored password is kept under the name)
    both_changed: tuple[str, ...] = ()  # fields a teammate changed too since the editor showed them: both kept


def read_targets_file(path: Path, catalogue: Catalogue) -> list[ProbeTarget]:
    """Every target of a targets file (TOML, UTF-8), checked against the catalogue's platforms."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TargetsFileProblemError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise TargetsFileProblemError(f"{path}: not UTF-8 text") from exc
    try:
        return parse_targets(text, tuple(p.code for p in catalogue.platforms))
    except TargetsFileError as exc:
        raise TargetsFileProblemError(f"{path}: {exc}") from exc


def ensure_probe_defaults(store: Store, catalogue: Catalogue) -> int:
    """Adds the catalogue's default targets the first time a database is probed (never again, so a deleted
    default stays deleted); returns how many were added. The board calls it on a worker before its first read."""
    with store.transaction() as session:
        return ensure_default_targets(session, catalogue)


def import_targets_file(store: Store, catalogue: Catalogue, targets: Sequence[ProbeTarget]) -> ImportSummary:
    """Merges the targets: one whose name exists is updated, others are added, none is removed."""
    with store.transaction() as session:
        ensure_default_targets(session, catalogue)
        return import_targets(session, targets)


def save_probe_target(store: Store, target: ProbeTarget, target_id: str | None = None,
                      shown: ProbeTarget | None = None) -> TargetSaved:
    """Adds the target (`target_id` None) or changes the one with `target_id`. `shown` is the target as the editor
    showed it: only what was changed from it is written (`dzdesk.store.edit_conflicts`), so a teammate's change
    pulled meanwhile stays."""
    with store.transaction() as session:
        existing = _target(session, target_id) if target_id is not None else None
        old_name = existing.name if existing is not None else None
        carried = carry_onto(existing, ProbeTargetRecord.to_target, target, shown)
        try:
            record = save_target(session, carried.draft, target_id)
        except KeyError as exc:
            raise TargetGoneError(f"the target {target_id} is no longer there") from exc
        both = carried.keep_both(session, record, datetime.now(UTC))
        session.flush()
        return TargetSaved(record.id, old_name, both)


def delete_probe_target(store: Store, target_id: str, deleted: bool = True) -> None:
    """Deletes the target (its results stay in the history), or with `deleted=False` brings it back: the undo."""
    with store.transaction() as session:
        _target(session, target_id)
        delete_target(session, target_id, deleted)


def save_maintenance_window(store: Store, window: MaintenanceWindow, window_id: str | None = None,
                            shown: MaintenanceWindow | None = None) -> Saved:
    """Keeps the window (new, or changing the one with `window_id`). `shown` is the window as the
    dialog showed it: only what was changed from it is written (`dzdesk.store.edit_conflicts`)."""
    with store.transaction() as session:
        existing = session.get(MaintenanceWindowRecord, window_id) if window_id is not None else None
        carried = carry_onto(existing, MaintenanceWindowRecord.to_window, window, shown,
                             columns={"duration": "duration_minutes"})
        try:
            record = save_window(session, carried.draft, window_id)
        except KeyError as exc:
            raise TargetGoneError(f"the maintenance window {window_id} is no longer there") from exc
        both = carried.keep_both(session, record, datetime.now(UTC))
        session.flush()
        return Saved(record.id, both)


def delete_maintenance_window(store: Store, window_id: str, deleted: bool = True) -> None:
    """Deletes the window (results inside it stay marked as maintenance), or with `deleted=False` the undo."""
    with store.transaction() as session:
        delete_window(session, window_id, deleted)


def _target(session: Session, target_id: str) -> ProbeTargetRecord:
    record = session.get(ProbeTargetRecord, target_id)
    if record is None:
        raise TargetGoneError(f"the target {target_id} is no longer there")
    return record
