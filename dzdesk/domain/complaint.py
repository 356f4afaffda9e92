"""Complaints (投诉): received by phone, fax or email, answered with an outcome within one week (clause 4.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from dzdesk.domain.calendar import require_aware
from dzdesk.domain.incident import CLOCK_SKEW
from dzdesk.domain.labels import Labelled, set_labels

REPLY_WITHIN = timedelta(days=7)


class ComplaintChannel(Labelled):
    PHONE = "phone"
    FAX = "fax"
    EMAIL = "email"


set_labels(ComplaintChannel, {
    ComplaintChannel.PHONE: ("电话", "Phone"),
    ComplaintChannel.FAX: ("传真", "Fax"),
    ComplaintChannel.EMAIL: ("电子邮件", "Email"),
})


class ComplaintProblem(StrEnum):
    COMPLAINANT_MISSING = "Enter who complained."
    CONTENT_MISSING = "Enter what the complaint is about."
    RECEIVED_IN_FUTURE = "The receipt time is in the future."
    REPLIED_BEFORE_RECEIVED = "The reply time is before the receipt time."
    OUTCOME_MISSING = "A replied complaint needs its outcome."


def reply_due(received_at: datetime) -> datetime:
    return require_aware(received_at, "received_at") + REPLY_WITHIN


@dataclass(frozen=True)
class ComplaintFacts:
    complainant: str
    content: str
    received_at: datetime
    replied_at: datetime | None = None
    outcome: str = ""

    def is_overdue(self, now: datetime) -> bool:
        due = reply_due(self.received_at)
        return self.replied_at > due if self.replied_at is not None else now > due

    def replied_on_time(self) -> bool:
        return self.replied_at is not None and self.replied_at <= reply_due(self.received_at)


def complaint_problems(facts: ComplaintFacts, now: datetime) -> list[ComplaintProblem]:
    found = []
    if not facts.complainant.strip():
        found.append(ComplaintProblem.COMPLAINANT_MISSING)
    if not facts.content.strip():
        found.append(ComplaintProblem.CONTENT_MISSING)
    if facts.received_at > now + CLOCK_SKEW:
        found.append(ComplaintProblem.RECEIVED_IN_FUTURE)
    if facts.replied_at is not None:
        if facts.replied_at < facts.received_at:
            found.append(ComplaintProblem.REPLIED_BEFORE_RECEIVED)
        if not facts.outcome.strip():
            found.append(ComplaintProblem.OUTCOME_MISSING)
    return found
