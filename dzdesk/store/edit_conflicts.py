"""An editor's save carried onto the record as stored now, and the other value of a field both a person and a
teammate changed kept beside the person's as a conflict.

Used when an editor saves a record that a pull may have changed since it was shown (`dzdesk.domain.edits`); the
conflicts are synced to the team like the hub's own, and settled the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from dzdesk.domain.edits import carry_edit
from dzdesk.store.base import RecordMixin
from dzdesk.store.outbox import AUTHOR
from dzdesk.store.payloads import to_payload
from dzdesk.store.sync_models import SyncConflict

Draft = TypeVar("Draft")
Record = TypeVar("Record", bound=RecordMixin)


@dataclass(frozen=True)
class CarriedEdit(Generic[Draft]):
    """The draft to save, and what to keep of the fields both sides changed once it is saved."""

    draft: Draft
    both_changed: tuple[str, ...] = ()
    theirs: dict[str, Any] = field(default_factory=dict)  # the record's payload before the save
    their_at: datetime | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # a draft's field kept in a column of another name

    def keep_both(self, session: Session, record: RecordMixin, now: datetime) -> tuple[str, ...]:
        """After the save: a conflict per field both changed, the value `record` holds now kept and the teammate's
        beside it (unless the save made them one: a value trimmed); returns the fields so kept. A field that is not a
        column of the record (a visit's follow-ups, records of their own) keeps the person's value only."""
        if not self.both_changed:
            return ()
        session.flush()
        kept = to_payload(record)
        names = [self.columns.get(name, name) for name in self.both_changed]
        conflicts = [SyncConflict(entity=record.__tablename__, record_id=record.id, field=name,
                                  kept_value=json.dumps(kept[name], ensure_ascii=False),
                                  other_value=json.dumps(self.theirs[name], ensure_ascii=False),
                                  kept_author=str(session.info.get(AUTHOR) or ""), other_author="",
                                  kept_at=now, other_at=self.their_at, resolved=False, resolution="")
                     for name in names if name in kept and name in self.theirs and kept[name] != self.theirs[name]]
        session.add_all(conflicts)
        return tuple(conflict.field for conflict in conflicts)


def carry_onto(record: Record | None, draft_of: Callable[[Record], Draft], edited: Draft, shown: Draft | None,
               columns: Mapping[str, str] | None = None) -> CarriedEdit[Draft]:
    """`edited` as it goes onto `record` (`draft_of` reads its fields as they are stored now): whole for a new
    record (None) or when nothing was shown (the command line edits what is stored at that moment), else only the
    fields changed from `shown`. `columns` names the column of a draft's field stored under another name (a
    maintenance window's duration, in minutes)."""
    if record is None or shown is None:
        return CarriedEdit(edited)
    draft, both = carry_edit(shown, edited, draft_of(record))
    return CarriedEdit(draft, both, to_payload(record) if both else {}, record.updated_at, dict(columns or {}))
