"""Writing and listing complaints, validated by the domain rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from dzdesk.domain.complaint import ComplaintChannel, ComplaintFacts, ComplaintProblem, complaint_problems
from dzdesk.store.incident_models import Complaint


class ComplaintRejected(ValueError):  # noqa: N818 (reads as what happened to the complaint)
    def __init__(self, problems: list[ComplaintProblem]) -> None:
        super().__init__(" ".join(p.value for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class ComplaintDraft:
    channel: ComplaintChannel
    complainant: str
    content: str
    received_at: datetime
    unit: str = ""
    contact: str = ""
    handling: str = ""
    replied_at: datetime | None = None
    outcome: str = ""

    @classmethod
    def of(cls, complaint: Complaint) -> ComplaintDraft:
        values = {f.name: getattr(complaint, f.name) for f in fields(cls)}
        values["channel"] = ComplaintChannel(complaint.channel)
        return cls(**values)

    def stripped(self) -> ComplaintDraft:
        return replace(self, complainant=self.complainant.strip(), content=self.content.strip(),
                       unit=self.unit.strip(), contact=self.contact.strip(), handling=self.handling.strip(),
                       outcome=self.outcome.strip())

    def problems(self, now: datetime) -> list[ComplaintProblem]:
        return complaint_problems(ComplaintFacts(self.complainant, self.content, self.received_at,
                                                 self.replied_at, self.outcome), now)


def save_complaint(session: Session, draft: ComplaintDraft, now: datetime,
                   complaint: Complaint | None = None) -> Complaint:
    """Adds a complaint, or applies `draft` to an existing one."""
    draft = draft.stripped()
    problems = draft.problems(now)
    if problems:
        raise ComplaintRejected(problems)
    if complaint is None:
        complaint = Complaint()
        session.add(complaint)
    for f in fields(ComplaintDraft):
        value = getattr(draft, f.name)
        value = value.value if isinstance(value, ComplaintChannel) else value
        if getattr(complaint, f.name) != value:
            setattr(complaint, f.name, value)
    session.flush()
    return complaint


def count_complaints(session: Session) -> int:
    return session.scalar(select(func.count(Complaint.id)).where(Complaint.deleted == false())) or 0


def page_complaints(session: Session, offset: int, limit: int) -> Sequence[Complaint]:
    """Unanswered first (oldest receipt first, the most urgent), then answered ones, newest first."""
    unanswered = Complaint.replied_at.is_(None)
    statement = (select(Complaint).where(Complaint.deleted == false())
                 .order_by(unanswered.desc(), func.iif(unanswered, Complaint.received_at, None),
                           Complaint.received_at.desc(), Complaint.id)
                 .offset(offset).limit(limit))
    return session.scalars(statement).all()
