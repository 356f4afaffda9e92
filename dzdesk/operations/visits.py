"""What a person does to an on-site visit — save it with its attachments and the faults recorded during it, have
the customer sign it, amend it after the signature, link a fault recorded later — as Qt-free functions the window
calls (and any command that does the same), each one transaction: saved whole, or refused with nothing written.

Refusals: `VisitRejected` (the visit breaks a rule; its problems say which), `VisitGoneError` (not there),
`OSError` (an attachment file cannot be read).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from dzdesk.operations.saved import Saved
from dzdesk.store import Store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.edit_conflicts import carry_onto
from dzdesk.store.incident_models import Incident
from dzdesk.store.visit_models import Visit
from dzdesk.store.visit_repo import (
    VisitDraft,
    add_attachment,
    amend,
    link_incident,
    load_visit,
    save_visit,
    sign,
)


class VisitGoneError(LookupError):
    """The visit is not there (deleted meanwhile, perhaps on another laptop)."""


def save_visit_with(store: Store, draft: VisitDraft, now: datetime, visit_id: str | None = None,
                    attachments: Sequence[Path] = (), incident_ids: Sequence[str] = (),
                    shown: VisitDraft | None = None) -> Saved:
    """Saves a new visit (`visit_id` None) or changes an unsigned one, with its new attachment files and the faults
    recorded during it. A fault deleted meanwhile is left out. `shown` is the visit as the editor
    showed it: only what was changed from it is written (`dzdesk.store.edit_conflicts`)."""
    blobs = BlobStore(store.data_dir.blobs)
    with store.transaction() as session:
        visit = _visit(session, visit_id) if visit_id else None
        carried = carry_onto(visit, VisitDraft.of, draft, shown)
        visit = save_visit(session, carried.draft, now, visit)
        both = carried.keep_both(session, visit, now)
        for path in attachments:
            add_attachment(session, visit, blobs, path)
        for incident_id in incident_ids:
            incident = session.get(Incident, incident_id)
            if incident is not None:
                link_incident(session, visit, incident, now)
        return Saved(visit.id, both)


def sign_visit(store: Store, visit_id: str, signer: str, signature_png: bytes, now: datetime,
               shown: VisitDraft | None = None) -> None:
    """The customer's signature: after it the visit changes only by amendments. `shown` is the visit as it stood
    when the signature pad opened; changed since, the signature is refused (the customer signs what they read)."""
    with store.transaction() as session:
        sign(session, _visit(session, visit_id), signer, signature_png, BlobStore(store.data_dir.blobs), now,
             shown)


def amend_visit(store: Store, visit_id: str, text: str, now: datetime) -> None:
    """An amendment to a signed visit: what changed after the customer signed, kept beside what they signed."""
    with store.transaction() as session:
        amend(session, _visit(session, visit_id), text, now)


def link_fault(store: Store, visit_id: str, incident_id: str, now: datetime) -> None:
    """Links a fault recorded during the visit to it; on a signed visit the link is recorded as an amendment too."""
    with store.transaction() as session:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise VisitGoneError(f"the fault {incident_id} is not there")
        link_incident(session, _visit(session, visit_id), incident, now)


def _visit(session: Session, visit_id: str) -> Visit:
    visit = load_visit(session, visit_id)
    if visit is None:
        raise VisitGoneError(f"the visit {visit_id} is no longer there")
    return visit
