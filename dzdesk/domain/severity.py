"""The contract's four fault severities and the clock each one runs on (both contracts, clause 4.2 ★)."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from dzdesk.domain.labels import Labelled, set_labels


class Clock(StrEnum):
    WALL = "7x24"  # every hour of every day counts
    BUSINESS = "5x8"  # only business hours on working days count


class Severity(Labelled):
    URGENT = "URGENT"
    MAJOR = "MAJOR"
    MINOR = "MINOR"
    ADVISORY = "ADVISORY"

    @property
    def response_time(self) -> timedelta:
        return _RESPONSE[self][0]

    @property
    def clock(self) -> Clock:
        return _RESPONSE[self][1]


set_labels(Severity, {
    Severity.URGENT: ("紧急故障", "Urgent"),
    Severity.MAJOR: ("重要故障", "Major"),
    Severity.MINOR: ("一般故障", "Minor"),
    Severity.ADVISORY: ("普通故障", "Advisory"),
})

_RESPONSE = {
    Severity.URGENT: (timedelta(hours=1), Clock.WALL),
    Severity.MAJOR: (timedelta(hours=2), Clock.WALL),
    Severity.MINOR: (timedelta(hours=4), Clock.BUSINESS),
    Severity.ADVISORY: (timedelta(hours=6), Clock.BUSINESS),
}
