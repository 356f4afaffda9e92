"""Writing visits: validated, numbered without a server, signed once, amended after that.

Every function works inside the caller's transaction, like the incident functions.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session, selectinload

from dzdesk.domain.visit import (
    FollowUp,
    ServiceCategory,
    VisitFacts,
    VisitProblem,
    report_number,
    signing_problems,
    visit_problems,
)
from dzdesk.store.base import id_prefix
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.visit_models import Visit, VisitAmendment, VisitAttachment, VisitFollowUp, VisitIncident

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}
DEVICE_CODE_KEY = "device_code"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class VisitRejected(ValueError):  # noqa: N818 (reads as what happened to the visit)
    def __init__(self, problems: list[VisitProblem]) -> None:
        super().__init__(" ".join(p.value for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class VisitDraft:
    office: str
    platforms: tuple[str, ...]
    categories: tuple[ServiceCategory, ...]
    engineers: str
    arrived_at: datetime
    work_done: str
    departed_at: datetime | None = None
    department: str = ""
    district: str = ""
    address: str = ""
    problems_found: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    follow_ups: tuple[FollowUp, ...] = field(default_factory=tuple)

    def facts(self) -> VisitFacts:
        return VisitFacts(self.office, self.platforms, self.categories, self.engineers, self.arrived_at,
                          self.departed_at, self.work_done, self.follow_ups)

    @classmethod
    def of(cls, visit: Visit) -> VisitDraft:
        return cls(
            office=visit.office, platforms=split_codes(visit.platforms),
            categories=tuple(ServiceCategory(c) for c in split_codes(visit.categories)), engineers=visit.engineers,
            arrived_at=visit.arrived_at, work_done=visit.work_done, departed_at=visit.departed_at,
            department=visit.department, district=visit.district, address=visit.address,
            problems_found=visit.problems_found, contact_name=visit.contact_name, contact_phone=visit.contact_phone,
            follow_ups=tuple(FollowUp(f.text, f.due, f.done) for f in visit.follow_ups if not f.deleted),
        )


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def device_code(session: Session) -> str:
    """A short code for this data directory, made once, that keeps report numbers from two laptops apart."""
    code = get_meta(session, DEVICE_CODE_KEY)
    if code is None:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
        set_meta(session, DEVICE_CODE_KEY, code)
    return code


def _next_number(session: Session, arrived_at: datetime) -> str:
    code = device_code(session)
    prefix = report_number(arrived_at, 0, code)[:-2]
    taken = session.scalar(select(func.count()).select_from(Visit).where(Visit.report_number.like(f"{prefix}%")))
    return report_number(arrived_at, (taken or 0) + 1, code)


def save_visit(session: Session, draft: VisitDraft, now: datetime, visit: Visit | None = None) -> Visit:
    """Adds a visit or applies an edit; a signed visit refuses edits (see `amend`)."""
    if visit is not None and visit.signed:
        raise VisitRejected([VisitProblem.ALREADY_SIGNED])
    problems = visit_problems(draft.facts(), now)
    if problems:
        raise VisitRejected(problems)
    if visit is None:
        visit = Visit(report_number=_next_number(session, draft.arrived_at))
        session.add(visit)
    values = {
        "office": draft.office.strip(), "platforms": ",".join(draft.platforms),
        "categories": ",".join(c.value for c in draft.categories), "engineers": draft.engineers.strip(),
        "arrived_at": draft.arrived_at.replace(microsecond=0),
        "departed_at": draft.departed_at.replace(microsecond=0) if draft.departed_at else None,
        "work_done": draft.work_done.strip(), "department": draft.department.strip(),
        "district": draft.district.strip(), "address": draft.address.strip(),
        "problems_found": draft.problems_found.strip(), "contact_name": draft.contact_name.strip(),
        "contact_phone": draft.contact_phone.strip(),
    }
    for name, value in values.items():
        if getattr(visit, name) != value:
            setattr(visit, name, value)
    _apply_follow_ups(session, visit, draft.follow_ups)
    session.flush()
    return visit


def _apply_follow_ups(session: Session, visit: Visit, wanted: tuple[FollowUp, ...]) -> None:
    current = [f for f in visit.follow_ups if not f.deleted]
    for position, follow_up in enumerate(wanted):
        if position < len(current):
            record = current[position]
            for name, value in (("text", follow_up.text.strip()), ("due", follow_up.due), ("done", follow_up.done)):
                if getattr(record, name) != value:
                    setattr(record, name, value)
        else:
            session.add(VisitFollowUp(visit=visit, visit_id=visit.id, position=position, text=follow_up.text.strip(),
                                      due=follow_up.due, done=follow_up.done))
    for record in current[len(wanted):]:
        record.deleted = True


def add_attachment(session: Session, visit: Visit, blobs: BlobStore, source: Path,
                   caption: str = "") -> VisitAttachment:
    if visit.signed:
        raise VisitRejected([VisitProblem.ALREADY_SIGNED])
    sha256 = blobs.put_file(source)
    kind = "photo" if source.suffix.lower() in PHOTO_SUFFIXES else "file"
    position = len([a for a in visit.attachments if not a.deleted])
    attachment = VisitAttachment(visit=visit, visit_id=visit.id, position=position, sha256=sha256,
                                 filename=source.name, kind=kind, caption=caption.strip())
    session.add(attachment)
    return attachment


def remove_attachment(visit: Visit, attachment: VisitAttachment) -> None:
    if visit.signed:
        raise VisitRejected([VisitProblem.ALREADY_SIGNED])
    attachment.deleted = True


def sign(session: Session, visit: Visit, signer: str, signature_png: bytes, blobs: BlobStore,
         now: datetime, shown: VisitDraft | None = None) -> None:
    """`shown` is the visit as it stood when the customer began to sign: they sign what they read, so a visit
    changed since (a sync's pull) is refused, to be gone through again."""
    stored = VisitDraft.of(visit)
    problems = signing_problems(stored.facts(), signer, bool(signature_png), visit.signed, now)
    if not problems and shown is not None and stored != shown:
        problems = [VisitProblem.CHANGED_WHILE_SIGNING]
    if problems:
        raise VisitRejected(problems)
    visit.signature_sha256 = blobs.put_bytes(signature_png)
    visit.signer_name = signer.strip()
    visit.signed_at = now.replace(microsecond=0)
    if visit.departed_at is None:
        # The customer signs as the engineer leaves; never before the (slightly fast-clocked) arrival.
        visit.departed_at = max(visit.signed_at, visit.arrived_at)


def amend(session: Session, visit: Visit, text: str, now: datetime) -> VisitAmendment:
    """A change after signing, kept beside what the customer signed."""
    if not text.strip():
        raise ValueError("an amendment needs a text")
    amendment = VisitAmendment(visit=visit, visit_id=visit.id, at=now.replace(microsecond=0), text=text.strip())
    session.add(amendment)
    return amendment


def link_incident(session: Session, visit: Visit, incident: Incident, now: datetime) -> VisitIncident:
    """Links a fault to a visit; after signing the link is also recorded as an amendment."""
    for link in visit.incident_links:
        if link.incident_id == incident.id and not link.deleted:
            return link
    link = VisitIncident(visit=visit, visit_id=visit.id, incident_id=incident.id)
    session.add(link)
    if visit.signed:
        amend(session, visit, f"关联故障：{incident.title}", now)
    return link


def linked_incidents(session: Session, visit: Visit) -> list[Incident]:
    ids = [link.incident_id for link in visit.incident_links if not link.deleted]
    if not ids:
        return []
    return list(session.scalars(select(Incident).where(Incident.id.in_(ids)).order_by(Incident.reported_at)))


def load_visit(session: Session, visit_id: str) -> Visit | None:
    return session.scalars(select(Visit).where(Visit.id == visit_id).options(
        selectinload(Visit.follow_ups), selectinload(Visit.attachments), selectinload(Visit.amendments),
        selectinload(Visit.incident_links))).first()


def find_visit(session: Session, id_or_number: str) -> Visit | None:
    """By id, id prefix or report number, as people quote them."""
    text = id_or_number.strip()
    if not text:
        return None
    visit = load_visit(session, text)
    if visit is not None:
        return visit
    condition = Visit.report_number == text.upper()
    prefix = id_prefix(text)
    if prefix:
        condition = condition | Visit.id.like(f"{prefix}%")
    matches = session.scalars(select(Visit.id).where(condition).limit(2)).all()
    return load_visit(session, matches[0]) if len(matches) == 1 else None


def page_visits(session: Session, offset: int, limit: int) -> Sequence[Visit]:
    return session.scalars(select(Visit).where(Visit.deleted == false()).order_by(
        Visit.arrived_at.desc(), Visit.id).offset(offset).limit(limit)).all()


def count_visits(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Visit).where(Visit.deleted == false())) or 0
