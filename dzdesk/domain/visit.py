"""On-site visits (上门服务): what the contract lets the customer ask for, and what a visit record must hold.

A visit signed by the customer is a document they filed: it is locked, and later changes are recorded as
amendments that the report shows, never silent edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from dzdesk.domain.incident import CLOCK_SKEW
from dzdesk.domain.labels import Labelled, set_labels
from dzdesk.domain.timefmt import format_local


class ServiceCategory(Labelled):
    """The on-site services both contracts list (clause 3.3 of the credit platform's contract)."""

    FUNCTION = "function"
    SECURITY = "security"
    RESEARCH = "research"
    ASSURANCE = "assurance"
    BRIEFING = "briefing"
    TRAINING = "training"


set_labels(ServiceCategory, {
    ServiceCategory.FUNCTION: ("功能维护", "Function maintenance"),
    ServiceCategory.SECURITY: ("安全维护", "Security maintenance"),
    ServiceCategory.RESEARCH: ("需求调研", "Requirements research"),
    ServiceCategory.ASSURANCE: ("技术保障", "Technical assurance"),
    ServiceCategory.BRIEFING: ("协助制作汇报演示材料", "Briefing material"),
    ServiceCategory.TRAINING: ("现场培训指导", "On-site coaching"),
})

MAX_VISIT_LENGTH = timedelta(days=3)


class VisitProblem(StrEnum):
    OFFICE_MISSING = "Enter the office or unit visited."
    PLATFORM_MISSING = "Choose at least one platform."
    CATEGORY_MISSING = "Choose at least one kind of service."
    ENGINEERS_MISSING = "Enter who went."
    WORK_MISSING = "Describe the work done."
    ARRIVED_IN_FUTURE = "The arrival time is in the future."
    DEPARTED_BEFORE_ARRIVED = "The departure time is before the arrival time."
    TOO_LONG = "A visit longer than three days is more than one visit: record each day."
    FOLLOW_UP_WITHOUT_TEXT = "A follow-up needs a description."
    SIGNER_MISSING = "Enter the name of the person who signs."
    SIGNATURE_MISSING = "The customer has not signed yet."
    ALREADY_SIGNED = "This visit is signed and locked: record an amendment instead."
    CHANGED_WHILE_SIGNING = ("The visit was changed while the customer was signing (a sync brought a teammate's "
                             "change): go through it with them again, then sign.")


@dataclass(frozen=True)
class FollowUp:
    text: str
    due: date | None = None
    done: bool = False


@dataclass(frozen=True)
class VisitFacts:
    office: str
    platforms: tuple[str, ...]
    categories: tuple[ServiceCategory, ...]
    engineers: str
    arrived_at: datetime
    departed_at: datetime | None
    work_done: str
    follow_ups: tuple[FollowUp, ...] = ()


def visit_problems(facts: VisitFacts, now: datetime) -> list[VisitProblem]:
    found: list[VisitProblem] = []
    if not facts.office.strip():
        found.append(VisitProblem.OFFICE_MISSING)
    if not facts.platforms:
        found.append(VisitProblem.PLATFORM_MISSING)
    if not facts.categories:
        found.append(VisitProblem.CATEGORY_MISSING)
    if not facts.engineers.strip():
        found.append(VisitProblem.ENGINEERS_MISSING)
    if not facts.work_done.strip():
        found.append(VisitProblem.WORK_MISSING)
    if facts.arrived_at > now + CLOCK_SKEW:
        found.append(VisitProblem.ARRIVED_IN_FUTURE)
    if facts.departed_at is not None:
        if facts.departed_at < facts.arrived_at:
            found.append(VisitProblem.DEPARTED_BEFORE_ARRIVED)
        elif facts.departed_at - facts.arrived_at > MAX_VISIT_LENGTH:
            found.append(VisitProblem.TOO_LONG)
    if any(not f.text.strip() for f in facts.follow_ups):
        found.append(VisitProblem.FOLLOW_UP_WITHOUT_TEXT)
    return found


def signing_problems(facts: VisitFacts, signer: str, has_signature: bool, already_signed: bool,
                     now: datetime) -> list[VisitProblem]:
    """What stands between a visit and the customer's signature; a visit is signed once, when it is complete."""
    if already_signed:
        return [VisitProblem.ALREADY_SIGNED]
    found = visit_problems(facts, now)
    if not signer.strip():
        found.append(VisitProblem.SIGNER_MISSING)
    if not has_signature:
        found.append(VisitProblem.SIGNATURE_MISSING)
    return found


def report_number(arrived_at: datetime, sequence: int, engineer_code: str) -> str:
    """`FW-20261121-LM-03`: the day, the engineer and a running number, unique without a server.

    Engineers work offline, so a number handed out by a central counter is not available when the customer signs.
    """
    code = "".join(ch for ch in engineer_code.upper() if ch.isalnum())[:6] or "X"
    return f"FW-{format_local(arrived_at, '%Y%m%d')}-{code}-{sequence:02d}"
