"""Recording a complaint and its reply (due within a week) as one Qt-free function the complaint editor calls, and
any command that does the same: saved whole in one transaction, or refused in words with nothing written.

Refusals: `ComplaintRejected` (its problems say which rule), `ComplaintGoneError` (deleted meanwhile).
"""

from __future__ import annotations

from datetime import datetime

from dzdesk.operations.saved import Saved
from dzdesk.store import Store
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.edit_conflicts import carry_onto
from dzdesk.store.incident_models import Complaint


class ComplaintGoneError(LookupError):
    """The complaint is not there (deleted meanwhile, perhaps on another laptop)."""


def save_complaint_with(store: Store, draft: ComplaintDraft, now: datetime, complaint_id: str | None = None,
                        shown: ComplaintDraft | None = None) -> Saved:
    """Adds a complaint (`complaint_id` None) or changes one. `shown` is the complaint as the
    editor showed it: only what was changed from it is written (`dzdesk.store.edit_conflicts`)."""
    with store.transaction() as session:
        existing = None
        if complaint_id:
            existing = session.get(Complaint, complaint_id)
            if existing is None or existing.deleted:
                raise ComplaintGoneError(f"the complaint {complaint_id} is no longer there")
        carried = carry_onto(existing, ComplaintDraft.of, draft, shown)
        saved = save_complaint(session, carried.draft, now, existing)
        both = carried.keep_both(session, saved, now)
        return Saved(saved.id, both)
