"""The other value of a field both a person and a teammate changed, kept beside the person's as a conflict.

Made when an editor saves a field that a pull changed since it was shown (`dzdesk.domain.edits`); synced to the
team like the hub's own conflicts, and settled the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from dzdesk.store.base import RecordMixin
from dzdesk.store.outbox import AUTHOR
from dzdesk.store.payloads import to_payload
from dzdesk.store.sync_models import SyncConflict


def keep_both(session: Session, record: RecordMixin, names: Iterable[str], theirs: dict[str, Any],
              their_at: datetime | None, now: datetime) -> list[SyncConflict]:
    """A conflict per field of `names`: the value `record` holds now kept, the one in `theirs` (its payload before
    the save) beside it."""
    kept = to_payload(record)
    conflicts = [SyncConflict(entity=record.__tablename__, record_id=record.id, field=name,
                              kept_value=json.dumps(kept[name], ensure_ascii=False),
                              other_value=json.dumps(theirs[name], ensure_ascii=False),
                              kept_author=str(session.info.get(AUTHOR) or ""), other_author="",
                              kept_at=now, other_at=their_at, resolved=False, resolution="")
                 for name in names]
    session.add_all(conflicts)
    return conflicts
