"""Training sessions (培训) and attendance: what a roster row must hold and how attendance is counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from dzdesk.domain.labels import Labelled, set_labels
from dzdesk.domain.profile import phone_is_valid


class TrainingKind(Labelled):
    OPERATIONS = "operations"  # 运行维护
    USAGE = "usage"  # 操作使用
    OTHER = "other"


set_labels(TrainingKind, {TrainingKind.OPERATIONS: ("运行维护", "Operations and maintenance"),
                          TrainingKind.USAGE: ("操作使用", "Day-to-day use"), TrainingKind.OTHER: ("其他", "Other")})


class Attendance(Labelled):
    EXPECTED = "expected"  # on the roster, not checked in yet
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    ABSENT = "absent"
    EXCUSED = "excused"


set_labels(Attendance, {
    Attendance.EXPECTED: ("未签到", "Not checked in"), Attendance.PRESENT: ("出席", "Present"),
    Attendance.LATE: ("迟到", "Late"), Attendance.LEFT_EARLY: ("早退", "Left early"),
    Attendance.ABSENT: ("缺席", "Absent"), Attendance.EXCUSED: ("请假", "Excused"),
})
ATTENDED = frozenset({Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY})


class RosterProblem(StrEnum):
    NAME_MISSING = "the name is empty"
    NAME_TOO_LONG = "the name is longer than 40 characters"
    UNIT_TOO_LONG = "the unit is longer than 120 characters"
    PHONE_INVALID = "the phone number is not a mainland mobile or landline number"
    DUPLICATE_PHONE = "the same phone number appears on row {other}"
    DUPLICATE_NAME_UNIT = "the same name and unit appear on row {other}"


@dataclass(frozen=True)
class RosterEntry:
    name: str
    unit: str = ""
    department: str = ""
    phone: str = ""
    role: str = ""

    def normalised(self) -> RosterEntry:
        return RosterEntry(self.name.strip(), self.unit.strip(), self.department.strip(),
                           "".join(self.phone.split()), self.role.strip())

    def problems(self) -> list[RosterProblem]:
        found = []
        if not self.name.strip():
            found.append(RosterProblem.NAME_MISSING)
        elif len(self.name.strip()) > 40:
            found.append(RosterProblem.NAME_TOO_LONG)
        if len(self.unit.strip()) > 120:
            found.append(RosterProblem.UNIT_TOO_LONG)
        if self.phone.strip() and not phone_is_valid(self.phone):
            found.append(RosterProblem.PHONE_INVALID)
        return found


@dataclass(frozen=True)
class AttendanceFigures:
    sessions: int
    attendees: int
    attended: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.attendees if self.attendees else None


def attendance_figures(statuses_by_session: dict[str, list[Attendance]]) -> AttendanceFigures:
    """Figures over sessions that took place: excused people are not counted as expected to come."""
    attendees = attended = 0
    for statuses in statuses_by_session.values():
        counted = [s for s in statuses if s is not Attendance.EXCUSED]
        attendees += len(counted)
        attended += sum(1 for s in counted if s in ATTENDED)
    return AttendanceFigures(len(statuses_by_session), attendees, attended)


def lateness(checked_in: datetime, starts_at: datetime, grace_minutes: int = 10) -> Attendance:
    """Present, or late when checking in more than the grace period after the start."""
    late = (checked_in - starts_at).total_seconds() > grace_minutes * 60
    return Attendance.LATE if late else Attendance.PRESENT
