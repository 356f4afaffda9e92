"""The contract's figures: response timeliness (≥ 95 %), completion (100 %) and complaints answered within a week
(100 %). A rate over nothing is None, not 100 %."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from dzdesk.domain.metrics import (
    COMPLAINTS_COMMITMENT,
    COMPLETION_COMMITMENT,
    TIMELINESS_COMMITMENT,
    ComplaintFact,
    ComplaintFigures,
    IncidentFact,
    IncidentFigures,
    Rate,
    complaint_figures,
    incident_figures,
    incident_figures_by,
)
from dzdesk.domain.severity import Severity

SH = ZoneInfo("Asia/Shanghai")
URGENT, MAJOR, MINOR, ADVISORY = Severity.URGENT, Severity.MAJOR, Severity.MINOR, Severity.ADVISORY


def sh(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- Rate ----------------------------------------------------------------------------------------------------------


def test_commitments():
    assert TIMELINESS_COMMITMENT == 0.95
    assert COMPLETION_COMMITMENT == 1.0
    assert COMPLAINTS_COMMITMENT == 1.0


@pytest.mark.parametrize(("rate", "value"), [
    (Rate(0, 0), None),
    (Rate(0, 4), 0.0),
    (Rate(1, 2), 0.5),
    (Rate(19, 20), 0.95),
    (Rate(3, 3), 1.0),
])
def test_rate_value(rate, value):
    assert rate.value == value


@pytest.mark.parametrize(("rate", "commitment", "meets"), [
    (Rate(0, 0), 0.95, None),
    (Rate(0, 0), 1.0, None),
    (Rate(19, 20), 0.95, True),  # exactly the commitment
    (Rate(95, 100), 0.95, True),
    (Rate(20, 20), 0.95, True),
    (Rate(18, 19), 0.95, False),
    (Rate(94, 99), 0.95, False),
    (Rate(189, 199), 0.95, False),  # 0.9497…
    (Rate(190, 199), 0.95, True),  # 0.9547…
    (Rate(3, 3), 1.0, True),
    (Rate(99, 100), 1.0, False),
    (Rate(0, 5), 0.0, True),
])
def test_rate_meets(rate, commitment, meets):
    assert rate.meets(commitment) is meets


def test_rate_meets_tolerates_rounding_of_the_commitment():
    # 0.1 + 0.2 + 0.65 is 0.9500000000000001 in floating point: 19 of 20 still meets it
    assert Rate(19, 20).meets(0.1 + 0.2 + 0.65) is True


# --- incidents -----------------------------------------------------------------------------------------------------


NOW = sh(2026, 3, 10, 12)


def fact(platform, severity, due, responded_at=None, resolved_at=None, reported_at=None):
    return IncidentFact(platform, severity, reported_at or sh(2026, 3, 10, 8), due, responded_at, resolved_at)


ON_TIME_RESOLVED = fact("credit", MINOR, sh(2026, 3, 10, 14), sh(2026, 3, 10, 9), sh(2026, 3, 10, 11))
LATE_OPEN = fact("credit", URGENT, sh(2026, 3, 10, 9), sh(2026, 3, 10, 9, 1))
UNANSWERED_OVERDUE = fact("approval", MAJOR, sh(2026, 3, 10, 10))
UNANSWERED_NOT_DUE = fact("approval", ADVISORY, sh(2026, 3, 10, 16))
AT_DEADLINE_RESOLVED = fact("approval", MINOR, sh(2026, 3, 10, 11), sh(2026, 3, 10, 11), sh(2026, 3, 10, 11, 30))
ALL = [ON_TIME_RESOLVED, LATE_OPEN, UNANSWERED_OVERDUE, UNANSWERED_NOT_DUE, AT_DEADLINE_RESOLVED]


def test_empty_incidents_give_no_rates():
    figures = incident_figures([], NOW)
    assert figures == IncidentFigures(0, 0, 0, 0, 0, Rate(0, 0), Rate(0, 0))
    assert figures.timeliness.value is None
    assert figures.completion.value is None
    assert figures.timeliness.meets(TIMELINESS_COMMITMENT) is None
    assert incident_figures_by([], lambda f: f.platform, NOW) == {}


def test_incident_figures():
    figures = incident_figures(ALL, NOW)
    assert figures == IncidentFigures(
        total=5, responded=3, responded_on_time=2, breached=2, resolved=2,
        timeliness=Rate(2, 4),  # the unanswered fault not yet due is left out of the denominator
        completion=Rate(2, 5),
    )
    assert figures.timeliness.meets(TIMELINESS_COMMITMENT) is False
    assert figures.completion.meets(COMPLETION_COMMITMENT) is False


def test_incident_figures_accept_any_iterable():
    assert incident_figures(iter(ALL), NOW) == incident_figures(ALL, NOW)
    assert incident_figures_by(iter(ALL), lambda f: f.platform, NOW) == incident_figures_by(
        ALL, lambda f: f.platform, NOW)


@pytest.mark.parametrize(("one", "now", "expected"), [
    # answered on time
    (fact("credit", MINOR, sh(2026, 3, 10, 14), responded_at=sh(2026, 3, 10, 13)), NOW,
     IncidentFigures(1, 1, 1, 0, 0, Rate(1, 1), Rate(0, 1))),
    # answered exactly at the deadline
    (fact("credit", MINOR, sh(2026, 3, 10, 14), responded_at=sh(2026, 3, 10, 14)), NOW,
     IncidentFigures(1, 1, 1, 0, 0, Rate(1, 1), Rate(0, 1))),
    # answered one minute late, still before `now`
    (fact("credit", MINOR, sh(2026, 3, 10, 9), responded_at=sh(2026, 3, 10, 9, 1)), NOW,
     IncidentFigures(1, 1, 0, 1, 0, Rate(0, 1), Rate(0, 1))),
    # answered late, resolved: completed but not timely
    (fact("credit", MINOR, sh(2026, 3, 10, 9), sh(2026, 3, 10, 10), sh(2026, 3, 10, 11)), NOW,
     IncidentFigures(1, 1, 0, 1, 1, Rate(0, 1), Rate(1, 1))),
    # unanswered, deadline passed
    (fact("credit", URGENT, sh(2026, 3, 10, 9)), NOW, IncidentFigures(1, 0, 0, 1, 0, Rate(0, 1), Rate(0, 1))),
    # unanswered, deadline exactly now: not counted yet
    (fact("credit", URGENT, NOW), NOW, IncidentFigures(1, 0, 0, 0, 0, Rate(0, 0), Rate(0, 1))),
    # unanswered, deadline ahead: not counted
    (fact("credit", MINOR, sh(2026, 3, 11, 9)), NOW, IncidentFigures(1, 0, 0, 0, 0, Rate(0, 0), Rate(0, 1))),
    # the same, one minute after the deadline
    (fact("credit", MINOR, sh(2026, 3, 11, 9)), sh(2026, 3, 11, 9, 1),
     IncidentFigures(1, 0, 0, 1, 0, Rate(0, 1), Rate(0, 1))),
    # answered after the deadline, but the figures are taken before the answer
    (fact("credit", MINOR, sh(2026, 3, 10, 9), responded_at=sh(2026, 3, 10, 13)), NOW,
     IncidentFigures(1, 1, 0, 1, 0, Rate(0, 1), Rate(0, 1))),
    # deadline and answer in UTC
    (fact("credit", MINOR, utc(2026, 3, 10, 6), responded_at=sh(2026, 3, 10, 14)), NOW,
     IncidentFigures(1, 1, 1, 0, 0, Rate(1, 1), Rate(0, 1))),
    (fact("credit", MINOR, utc(2026, 3, 10, 3, 59)), NOW,  # 11:59 in Shanghai
     IncidentFigures(1, 0, 0, 1, 0, Rate(0, 1), Rate(0, 1))),
    (fact("credit", MINOR, sh(2026, 3, 10, 11, 59)), utc(2026, 3, 10, 3, 58),  # now 11:58 in Shanghai
     IncidentFigures(1, 0, 0, 0, 0, Rate(0, 0), Rate(0, 1))),
], ids=["on time", "at the deadline", "late", "late and resolved", "unanswered overdue", "unanswered due now",
        "unanswered not due", "unanswered just overdue", "answered late", "utc on time", "utc overdue",
        "utc now not due"])
def test_one_incident(one, now, expected):
    assert incident_figures([one], now) == expected


def test_figures_by_platform():
    assert incident_figures_by(ALL, lambda f: f.platform, NOW) == {
        "credit": IncidentFigures(2, 2, 1, 1, 1, Rate(1, 2), Rate(1, 2)),
        "approval": IncidentFigures(3, 1, 1, 1, 1, Rate(1, 2), Rate(1, 3)),
    }


def test_figures_by_severity():
    by_severity = incident_figures_by(ALL, lambda f: f.severity, NOW)
    assert by_severity == {
        MINOR: IncidentFigures(2, 2, 2, 0, 2, Rate(2, 2), Rate(2, 2)),
        URGENT: IncidentFigures(1, 1, 0, 1, 0, Rate(0, 1), Rate(0, 1)),
        MAJOR: IncidentFigures(1, 0, 0, 1, 0, Rate(0, 1), Rate(0, 1)),
        ADVISORY: IncidentFigures(1, 0, 0, 0, 0, Rate(0, 0), Rate(0, 1)),
    }
    assert by_severity[ADVISORY].timeliness.value is None
    assert by_severity[MINOR].timeliness.meets(TIMELINESS_COMMITMENT) is True
    assert by_severity[MINOR].completion.meets(COMPLETION_COMMITMENT) is True


def test_figures_by_platform_and_severity():
    grouped = incident_figures_by(ALL, lambda f: (f.platform, f.severity), NOW)
    assert set(grouped) == {("credit", MINOR), ("credit", URGENT), ("approval", MAJOR), ("approval", ADVISORY),
                            ("approval", MINOR)}
    assert grouped["approval", MINOR] == IncidentFigures(1, 1, 1, 0, 1, Rate(1, 1), Rate(1, 1))
    assert grouped["credit", URGENT] == IncidentFigures(1, 1, 0, 1, 0, Rate(0, 1), Rate(0, 1))


def test_nineteen_of_twenty_meets_the_timeliness_commitment():
    answered = [fact("credit", MINOR, sh(2026, 3, 10, 14), sh(2026, 3, 10, 10), sh(2026, 3, 10, 11))] * 19
    late = [fact("credit", MINOR, sh(2026, 3, 10, 9), sh(2026, 3, 10, 10), sh(2026, 3, 10, 11))]
    not_due = [fact("credit", MINOR, sh(2026, 3, 10, 16))] * 5
    figures = incident_figures(answered + late + not_due, NOW)
    assert figures.timeliness == Rate(19, 20)
    assert figures.timeliness.meets(TIMELINESS_COMMITMENT) is True
    assert figures.completion == Rate(20, 25)
    assert figures.completion.meets(COMPLETION_COMMITMENT) is False
    with_one_more_late = incident_figures([*answered, *late, *late, *not_due], NOW)
    assert with_one_more_late.timeliness == Rate(19, 21)
    assert with_one_more_late.timeliness.meets(TIMELINESS_COMMITMENT) is False


# --- complaints ----------------------------------------------------------------------------------------------------


C_NOW = sh(2026, 3, 20, 12)


def test_empty_complaints_give_no_rate():
    figures = complaint_figures([], C_NOW)
    assert figures == ComplaintFigures(0, 0, 0, Rate(0, 0))
    assert figures.on_time.value is None
    assert figures.on_time.meets(COMPLAINTS_COMMITMENT) is None


def test_complaint_figures():
    facts = [
        ComplaintFact(sh(2026, 3, 1, 10), sh(2026, 3, 5, 10)),  # answered in four days
        ComplaintFact(sh(2026, 3, 2, 10), sh(2026, 3, 9, 10)),  # answered exactly a week later
        ComplaintFact(sh(2026, 3, 3, 10), sh(2026, 3, 10, 10, 1)),  # a minute late
        ComplaintFact(sh(2026, 3, 5, 10), None),  # unanswered, the week is over
        ComplaintFact(sh(2026, 3, 15, 9), None),  # unanswered, the week runs to 03-22 09:00
    ]
    figures = complaint_figures(facts, C_NOW)
    assert figures == ComplaintFigures(total=5, replied=3, overdue=2, on_time=Rate(2, 4))
    assert figures.on_time.meets(COMPLAINTS_COMMITMENT) is False


@pytest.mark.parametrize(("one", "expected"), [
    (ComplaintFact(sh(2026, 3, 13, 12), None), ComplaintFigures(1, 0, 0, Rate(0, 0))),  # a week exactly now
    (ComplaintFact(sh(2026, 3, 13, 11, 59), None), ComplaintFigures(1, 0, 1, Rate(0, 1))),
    (ComplaintFact(sh(2026, 3, 13, 12), sh(2026, 3, 20, 12)), ComplaintFigures(1, 1, 0, Rate(1, 1))),
    (ComplaintFact(sh(2026, 3, 13, 12), sh(2026, 3, 13, 12)), ComplaintFigures(1, 1, 0, Rate(1, 1))),
    (ComplaintFact(utc(2026, 3, 13, 4), sh(2026, 3, 20, 12)), ComplaintFigures(1, 1, 0, Rate(1, 1))),
    (ComplaintFact(utc(2026, 3, 13, 3, 59), sh(2026, 3, 20, 12)), ComplaintFigures(1, 1, 1, Rate(0, 1))),
    # over the National Day holiday: still seven days
    (ComplaintFact(sh(2026, 9, 30, 10), sh(2026, 10, 8, 9)), ComplaintFigures(1, 1, 1, Rate(0, 1))),
])
def test_one_complaint(one, expected):
    assert complaint_figures([one], C_NOW) == expected


def test_all_complaints_on_time_meet_the_commitment():
    facts = [ComplaintFact(sh(2026, 3, d, 10), sh(2026, 3, d + 2, 10)) for d in range(1, 11)]
    facts.append(ComplaintFact(sh(2026, 3, 19, 10), None))  # not due yet
    figures = complaint_figures(facts, C_NOW)
    assert figures == ComplaintFigures(11, 10, 0, Rate(10, 10))
    assert figures.on_time.meets(COMPLAINTS_COMMITMENT) is True


def test_complaint_figures_refuse_a_naive_receipt_time():
    with pytest.raises(ValueError, match=r"received_at .* has no time zone"):
        complaint_figures([ComplaintFact(datetime(2026, 3, 10, 10), None)], C_NOW)
