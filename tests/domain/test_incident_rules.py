"""Incident records: what a record must satisfy, its life cycle, and the time spent waiting on others."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest

from dzdesk.domain.incident import (
    CLOCK_SKEW,
    OPEN_STATUSES,
    IncidentFacts,
    IncidentProblem,
    Pause,
    Status,
    TransitionError,
    check_transition,
    incident_problems,
    own_resolution_time,
    paused_time,
)
from dzdesk.domain.severity import Severity

SH = ZoneInfo("Asia/Shanghai")
P = IncidentProblem


def sh(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def t(hour, minute=0):
    """A moment on Tuesday 2026-03-10, Shanghai time."""
    return sh(2026, 3, 10, hour, minute)


MODULES = {
    "credit": ("信用信息采集", "信用修复", "异议管理"),
    "approval": ("网上大厅", "多评合一"),
}
NOW = t(15)

# A complete record: reported 09:00, answered 09:30, resolved 11:00, closed 12:00.
CLOSED = IncidentFacts(
    title="网上大厅无法登录",
    platform="approval",
    module="网上大厅",
    severity=Severity.MINOR,
    reported_at=t(9),
    responded_at=t(9, 30),
    resolved_at=t(11),
    closed_at=t(12),
    cause="证书过期",
    resolution="更换证书并重启服务",
)
NEW = IncidentFacts(title="信用修复申请提交失败", platform="credit", module="信用修复", severity=Severity.MAJOR,
                    reported_at=t(14, 50))


def test_clock_skew_is_five_minutes():
    assert timedelta(minutes=5) == CLOCK_SKEW


@pytest.mark.parametrize("facts", [
    CLOSED,
    NEW,
    replace(NEW, module=""),  # the module may be left open
    replace(CLOSED, closed_at=None),
    replace(CLOSED, resolved_at=None, closed_at=None, cause="", resolution=""),
    replace(CLOSED, responded_at=t(9), resolved_at=t(9), closed_at=t(9)),  # all at the same moment
    replace(NEW, reported_at=NOW + timedelta(minutes=5)),  # within the tolerated skew
    replace(CLOSED, pauses=(Pause(t(9, 30), t(11), "等待用户回复"),)),  # the whole of the work
    replace(CLOSED, pauses=(Pause(t(10), t(10, 20)), Pause(t(10, 30), t(10, 45)))),
    replace(CLOSED, resolved_at=None, closed_at=None, pauses=(Pause(t(10)),)),  # still waiting
])
def test_a_sound_record_has_no_problems(facts):
    assert incident_problems(facts, NOW, MODULES) == []


@pytest.mark.parametrize(("changes", "problems"), [
    ({"title": ""}, [P.TITLE_MISSING]),
    ({"title": "  \t "}, [P.TITLE_MISSING]),
    ({"platform": "gis"}, [P.PLATFORM_UNKNOWN]),
    ({"platform": "", "module": ""}, [P.PLATFORM_UNKNOWN]),
    ({"platform": "gis", "module": "nonsense"}, [P.PLATFORM_UNKNOWN]),  # the module is not judged then
    ({"module": "信用修复"}, [P.MODULE_UNKNOWN]),  # a credit module on the approval platform
    ({"module": "网上"}, [P.MODULE_UNKNOWN]),
    ({"responded_at": t(8, 59)}, [P.RESPONDED_BEFORE_REPORTED]),
    ({"responded_at": None}, [P.RESOLVED_WITHOUT_RESPONSE]),
    ({"resolved_at": t(9, 29)}, [P.RESOLVED_BEFORE_RESPONDED]),
    ({"cause": ""}, [P.CAUSE_MISSING]),
    ({"cause": "  "}, [P.CAUSE_MISSING]),
    ({"resolution": ""}, [P.RESOLUTION_MISSING]),
    ({"cause": "", "resolution": " "}, [P.CAUSE_MISSING, P.RESOLUTION_MISSING]),
    ({"resolved_at": None, "cause": "", "resolution": ""}, [P.CLOSED_WITHOUT_RESOLUTION]),
    ({"closed_at": t(10, 59)}, [P.CLOSED_BEFORE_RESOLVED]),
    ({"pauses": (Pause(t(10), t(9, 50)),)}, [P.PAUSE_ENDS_BEFORE_START]),
    ({"pauses": (Pause(t(9, 10), t(9, 40)),)}, [P.PAUSE_OUTSIDE_WORK]),  # starts before the response
    ({"pauses": (Pause(t(10, 30), t(11, 1)),)}, [P.PAUSE_OUTSIDE_WORK]),  # ends after the resolution
    ({"pauses": (Pause(t(10, 30)),)}, [P.PAUSE_OUTSIDE_WORK]),  # still open on a resolved fault
    ({"pauses": (Pause(t(11, 30), t(11, 45)),)}, [P.PAUSE_OUTSIDE_WORK]),  # after the resolution
    ({"pauses": (Pause(t(9, 10), t(9, 20)), Pause(t(11, 10), t(11, 20)))}, [P.PAUSE_OUTSIDE_WORK]),  # once only
    ({"pauses": (Pause(t(9, 20), t(9, 10)),)}, [P.PAUSE_ENDS_BEFORE_START, P.PAUSE_OUTSIDE_WORK]),
])
def test_each_problem_of_a_closed_record(changes, problems):
    assert incident_problems(replace(CLOSED, **changes), NOW, MODULES) == problems


@pytest.mark.parametrize(("changes", "problems"), [
    ({"reported_at": NOW + timedelta(minutes=5, seconds=1)}, [P.REPORTED_IN_FUTURE]),
    ({"reported_at": NOW + timedelta(days=1)}, [P.REPORTED_IN_FUTURE]),
    ({"responded_at": t(14, 49)}, [P.RESPONDED_BEFORE_REPORTED]),
    ({"resolved_at": t(14, 55), "cause": "x", "resolution": "y"}, [P.RESOLVED_WITHOUT_RESPONSE]),
    ({"resolved_at": t(14, 55)}, [P.RESOLVED_WITHOUT_RESPONSE, P.CAUSE_MISSING, P.RESOLUTION_MISSING]),
    ({"closed_at": t(14, 55)}, [P.CLOSED_WITHOUT_RESOLUTION]),
    ({"pauses": (Pause(t(14, 40)),)}, [P.PAUSE_BEFORE_RESPONSE]),  # no response yet, so no waiting either
    ({"responded_at": NOW + timedelta(minutes=6)}, [P.TIME_IN_FUTURE]),
])
def test_each_problem_of_a_new_record(changes, problems):
    assert incident_problems(replace(NEW, **changes), NOW, MODULES) == problems


def test_problems_come_in_rule_order_and_once_each():
    facts = IncidentFacts(
        title="", platform="gis", module="x", severity=Severity.URGENT, reported_at=NOW + timedelta(hours=1),
        responded_at=NOW, resolved_at=NOW - timedelta(hours=1), closed_at=NOW - timedelta(hours=2),
        pauses=(Pause(NOW - timedelta(hours=3), NOW - timedelta(hours=4)), Pause(NOW)),
    )
    assert incident_problems(facts, NOW, MODULES) == [
        P.TITLE_MISSING,
        P.PLATFORM_UNKNOWN,
        P.REPORTED_IN_FUTURE,
        P.RESPONDED_BEFORE_REPORTED,
        P.RESOLVED_BEFORE_RESPONDED,
        P.CAUSE_MISSING,
        P.RESOLUTION_MISSING,
        P.CLOSED_BEFORE_RESOLVED,
        P.PAUSE_ENDS_BEFORE_START,
        P.PAUSE_OUTSIDE_WORK,
    ]


def test_every_problem_is_reachable():
    reached = set()
    facts = [replace(CLOSED, **changes) for changes in (
        {"title": ""}, {"platform": "gis"}, {"module": "信用修复"}, {"reported_at": t(16), "responded_at": t(16),
                                                                      "resolved_at": t(16), "closed_at": t(16)},
        {"responded_at": t(8)}, {"resolved_at": t(9, 10)}, {"responded_at": None}, {"cause": ""},
        {"resolution": ""}, {"closed_at": t(10)}, {"resolved_at": None, "cause": "", "resolution": ""},
        {"pauses": (Pause(t(10), t(9, 45)),)}, {"pauses": (Pause(t(9)),)},
        {"pauses": (Pause(t(9, 40), t(10)), Pause(t(9, 50), t(10, 10)))},
        {"responded_at": None, "resolved_at": None, "closed_at": None, "cause": "", "resolution": "",
         "pauses": (Pause(t(9, 40), t(10)),)},
    )]
    for each in facts:
        reached.update(incident_problems(each, NOW, MODULES))
    assert reached == set(IncidentProblem)


def test_utc_and_shanghai_times_are_the_same_instants():
    in_utc = replace(CLOSED, reported_at=datetime(2026, 3, 10, 1, tzinfo=UTC),
                     responded_at=datetime(2026, 3, 10, 1, 30, tzinfo=UTC))
    assert incident_problems(in_utc, NOW, MODULES) == []
    late = replace(CLOSED, responded_at=datetime(2026, 3, 10, 0, 59, tzinfo=UTC))  # 08:59 in Shanghai
    assert incident_problems(late, NOW, MODULES) == [P.RESPONDED_BEFORE_REPORTED]
    future = replace(NEW, reported_at=datetime(2026, 3, 10, 7, 6, tzinfo=UTC))  # 15:06 in Shanghai
    assert incident_problems(future, NOW, MODULES) == [P.REPORTED_IN_FUTURE]


def test_problem_messages_are_english_sentences():
    for problem in IncidentProblem:
        assert problem.value[0].isupper() and problem.value.endswith(".")


# --- life cycle ----------------------------------------------------------------------------------------------------


ALLOWED = {
    (Status.NEW, Status.RESPONDED),
    (Status.RESPONDED, Status.IN_PROGRESS),
    (Status.RESPONDED, Status.RESOLVED),
    (Status.IN_PROGRESS, Status.RESOLVED),
    (Status.RESOLVED, Status.CLOSED),
    (Status.RESOLVED, Status.IN_PROGRESS),  # reopen
    (Status.CLOSED, Status.IN_PROGRESS),  # reopen
}
REFUSED = sorted(set(product(Status, Status)) - ALLOWED)


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_transitions(current, target):
    assert check_transition(current, target) is None


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_refused_transitions(current, target):
    with pytest.raises(TransitionError, match=f"^an incident cannot go from {current.value} to {target.value}$"):
        check_transition(current, target)


@pytest.mark.parametrize(("current", "target", "message"), [
    (Status.NEW, Status.RESOLVED, "from new to resolved"),  # must be answered first
    (Status.NEW, Status.CLOSED, "from new to closed"),
    (Status.IN_PROGRESS, Status.CLOSED, "from in_progress to closed"),  # must be resolved first
    (Status.CLOSED, Status.NEW, "from closed to new"),  # reopening goes back to work, not to the start
    (Status.CLOSED, Status.RESPONDED, "from closed to responded"),
    (Status.RESOLVED, Status.RESPONDED, "from resolved to responded"),
    (Status.CLOSED, Status.CLOSED, "from closed to closed"),
    (Status.NEW, Status.NEW, "from new to new"),
])
def test_notable_refusals(current, target, message):
    with pytest.raises(ValueError, match=message):
        check_transition(current, target)


def test_refusals_are_value_errors():
    assert issubclass(TransitionError, ValueError)
    assert len(REFUSED) == 25 - 7


def test_open_statuses():
    assert {Status.NEW, Status.RESPONDED, Status.IN_PROGRESS} == OPEN_STATUSES


# --- waiting time --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pauses", "until", "expected"), [
    ((), t(12), timedelta(0)),
    ((Pause(t(10), t(10, 45)),), t(12), timedelta(minutes=45)),
    ((Pause(t(10), t(10, 45)),), t(10, 30), timedelta(minutes=45)),  # a finished pause counts in full
    ((Pause(t(10)),), t(12), timedelta(hours=2)),  # an open pause counts up to `until`
    ((Pause(t(10)),), t(10), timedelta(0)),
    ((Pause(t(10)),), t(9), timedelta(0)),  # open, and starting after `until`
    ((Pause(t(10), t(10, 30)), Pause(t(11))), t(12, 15), timedelta(hours=1, minutes=45)),
    ((Pause(t(10), t(10, 30)), Pause(t(11), t(11, 20)), Pause(t(14))), t(15), timedelta(hours=1, minutes=50)),
    ((Pause(t(10), t(9, 50)),), t(12), timedelta(0)),  # ends before it starts: nothing
    ((Pause(t(10), t(10)),), t(12), timedelta(0)),
    ((Pause(sh(2026, 3, 10, 17), sh(2026, 3, 11, 9)),), t(12), timedelta(hours=16)),  # wall-clock, overnight
    ((Pause(sh(2026, 3, 10, 17)),), sh(2026, 3, 12, 17), timedelta(days=2)),
    ((Pause(datetime(2026, 3, 10, 2, tzinfo=UTC)),), t(12), timedelta(hours=2)),  # 10:00 in Shanghai
])
def test_paused_time(pauses, until, expected):
    assert paused_time(pauses, until) == expected


@pytest.mark.parametrize(("pauses", "until", "expected"), [
    ((Pause(t(10), t(11)), Pause(t(10, 30), t(11, 30))), t(12), timedelta(hours=1, minutes=30)),
    ((Pause(t(10), t(11)), Pause(t(10, 30))), t(12), timedelta(hours=2)),
    ((Pause(t(10), t(11)), Pause(t(10), t(11))), t(12), timedelta(hours=1)),
], ids=["two finished", "finished and open", "the same period twice"])
def test_overlapping_pauses_count_once(pauses, until, expected):
    assert paused_time(pauses, until) == expected


def test_overlapping_pauses_are_refused_or_counted_once():
    facts = replace(CLOSED, pauses=(Pause(t(9, 30), t(10, 30)), Pause(t(10), t(11))))
    # reported 09:00, resolved 11:00, waiting 09:30–11:00: the team's own share is 30 minutes
    refused = incident_problems(facts, NOW, MODULES) != []
    assert refused or own_resolution_time(facts) == timedelta(minutes=30)


@pytest.mark.parametrize(("facts", "expected"), [
    (CLOSED, timedelta(hours=2)),  # 09:00 to 11:00
    (replace(CLOSED, closed_at=None), timedelta(hours=2)),
    (replace(CLOSED, pauses=(Pause(t(10), t(10, 30)),)), timedelta(hours=1, minutes=30)),
    (replace(CLOSED, pauses=(Pause(t(9, 30), t(10)), Pause(t(10, 15), t(10, 45)))), timedelta(hours=1)),
    (replace(CLOSED, pauses=(Pause(t(9, 30), t(11)),)), timedelta(minutes=30)),
    (replace(CLOSED, resolved_at=sh(2026, 3, 11, 11), pauses=(Pause(t(17), sh(2026, 3, 11, 9)),)),
     timedelta(hours=10)),  # 26 h, 16 h of them waiting overnight
    (replace(CLOSED, reported_at=datetime(2026, 3, 10, 1, tzinfo=UTC)), timedelta(hours=2)),
])
def test_own_resolution_time(facts, expected):
    assert own_resolution_time(facts) == expected


@pytest.mark.parametrize("facts", [NEW, replace(CLOSED, resolved_at=None, closed_at=None),
                                   replace(CLOSED, resolved_at=None, closed_at=None, pauses=(Pause(t(10)),))])
def test_own_resolution_time_of_an_unresolved_fault_is_none(facts):
    assert own_resolution_time(facts) is None
