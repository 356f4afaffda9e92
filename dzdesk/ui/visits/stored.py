"""A stored visit as the editor shows it, read on a worker in one session: its draft, its signature, attachments,
linked faults and amendments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from dzdesk.store import Store
from dzdesk.store.visit_repo import (
    VisitDraft,
    linked_incidents,
    load_visit,
)


@dataclass(frozen=True)
class StoredVisit:
    """What the editor shows of a stored visit, read on a worker."""

    draft: VisitDraft
    signed: bool
    signer_name: str
    signed_at: datetime | None
    attachments: tuple[tuple[str, str, str], ...]
    incidents: tuple[tuple[str, str], ...]
    amendments: tuple[tuple[datetime, str], ...]


def read_visit(store: Store, visit_id: str) -> StoredVisit:
    with store.session() as session:
        visit = load_visit(session, visit_id)
        if visit is None:
            raise LookupError(QCoreApplication.translate("VisitEditor", "This visit is no longer stored."))
        return StoredVisit(
            VisitDraft.of(visit), visit.signed, visit.signer_name, visit.signed_at,
            tuple((a.sha256, a.filename, a.kind) for a in visit.attachments if not a.deleted),
            tuple((i.id, i.title) for i in linked_incidents(session, visit)),
            tuple((a.at, a.text) for a in visit.amendments if not a.deleted))
