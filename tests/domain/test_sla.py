"""The response clock: URGENT 1 h and MAJOR 2 h on the wall clock (7×24); MINOR 4 h and ADVISORY 6 h in business
hours on working days (5×8), 09:00–12:00 and 13:00–18:00 Asia/Shanghai, from the next business moment when reported
outside them. A deadline that ends when a period closes is that close.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from dzdesk.domain.calendar import BusinessCalendar, BusinessHours, CalendarOverrides
from dzdesk.domain.sla import ResponseStatus, Severity, response_due, response_status

SH = ZoneInfo("Asia/Shanghai")
URGENT, MAJOR, MINOR, ADVISORY = Severity.URGENT, Severity.MAJOR, Severity.MINOR, Severity.ADVISORY


def sh(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# 2026-03-09 is a Monday; 03-09..03-13 an ordinary working week, 03-14/15 its weekend.
BUSINESS_CASES = [
    # id, severity, reported, due
    ("at opening", MINOR, sh(2026, 3, 10, 9), sh(2026, 3, 10, 14)),
    ("before opening", MINOR, sh(2026, 3, 10, 8), sh(2026, 3, 10, 14)),
    ("after midnight", MINOR, sh(2026, 3, 10, 2), sh(2026, 3, 10, 14)),
    ("morning over lunch", MINOR, sh(2026, 3, 10, 10), sh(2026, 3, 10, 15)),
    ("11:30 over lunch", MINOR, sh(2026, 3, 10, 11, 30), sh(2026, 3, 10, 16, 30)),
    ("11:59", MINOR, sh(2026, 3, 10, 11, 59), sh(2026, 3, 10, 16, 59)),
    ("at 12:00", MINOR, sh(2026, 3, 10, 12), sh(2026, 3, 10, 17)),
    ("in the lunch break", MINOR, sh(2026, 3, 10, 12, 30), sh(2026, 3, 10, 17)),
    ("at 13:00", MINOR, sh(2026, 3, 10, 13), sh(2026, 3, 10, 17)),
    ("due at 18:00", MINOR, sh(2026, 3, 10, 14), sh(2026, 3, 10, 18)),
    ("14:01 into the next day", MINOR, sh(2026, 3, 10, 14, 1), sh(2026, 3, 11, 9, 1)),
    ("due at 12:00 next day", MINOR, sh(2026, 3, 10, 17), sh(2026, 3, 11, 12)),
    ("evening 17:30", MINOR, sh(2026, 3, 10, 17, 30), sh(2026, 3, 11, 13, 30)),
    ("17:59", MINOR, sh(2026, 3, 10, 17, 59), sh(2026, 3, 11, 13, 59)),
    ("at 18:00", MINOR, sh(2026, 3, 10, 18), sh(2026, 3, 11, 14)),
    ("evening 20:00", MINOR, sh(2026, 3, 10, 20), sh(2026, 3, 11, 14)),
    ("advisory at opening", ADVISORY, sh(2026, 3, 10, 9), sh(2026, 3, 10, 16)),
    ("advisory due at 18:00", ADVISORY, sh(2026, 3, 10, 11), sh(2026, 3, 10, 18)),
    ("advisory at 12:00", ADVISORY, sh(2026, 3, 10, 12), sh(2026, 3, 11, 10)),
    ("advisory at 13:00", ADVISORY, sh(2026, 3, 10, 13), sh(2026, 3, 11, 10)),
    ("advisory due at 12:00", ADVISORY, sh(2026, 3, 10, 15), sh(2026, 3, 11, 12)),
    ("advisory evening 17:30", ADVISORY, sh(2026, 3, 10, 17, 30), sh(2026, 3, 11, 15, 30)),
    ("advisory evening 20:00", ADVISORY, sh(2026, 3, 10, 20), sh(2026, 3, 11, 16)),
    # weekends
    ("Friday afternoon", MINOR, sh(2026, 3, 13, 16), sh(2026, 3, 16, 11)),
    ("Friday evening", MINOR, sh(2026, 3, 13, 20), sh(2026, 3, 16, 14)),
    ("Saturday", MINOR, sh(2026, 3, 14, 10), sh(2026, 3, 16, 14)),
    ("Sunday night", MINOR, sh(2026, 3, 15, 23, 59), sh(2026, 3, 16, 14)),
    ("advisory Friday afternoon", ADVISORY, sh(2026, 3, 13, 16), sh(2026, 3, 16, 14)),
    # reported on a holiday (Qingming, Monday 04-06)
    ("Qingming Monday", MINOR, sh(2026, 4, 6, 10), sh(2026, 4, 7, 14)),
    # Mid-autumn, Friday 09-25 to Sunday 09-27
    ("before Mid-autumn", MINOR, sh(2026, 9, 24, 17), sh(2026, 9, 28, 12)),
    # Spring Festival: off 02-15..02-23, Saturdays 02-14 and 02-28 worked
    ("Friday before Spring Festival", MINOR, sh(2026, 2, 13, 17), sh(2026, 2, 14, 12)),
    ("working Saturday 02-14", ADVISORY, sh(2026, 2, 14, 16), sh(2026, 2, 24, 14)),
    ("working Saturday 02-14 evening", MINOR, sh(2026, 2, 14, 19), sh(2026, 2, 24, 14)),
    ("Spring Festival", MINOR, sh(2026, 2, 18, 10), sh(2026, 2, 24, 14)),
    ("first day of Spring Festival", MINOR, sh(2026, 2, 15, 9), sh(2026, 2, 24, 14)),
    ("last day of Spring Festival", MINOR, sh(2026, 2, 23, 17), sh(2026, 2, 24, 14)),
    ("Friday before working Saturday 02-28", MINOR, sh(2026, 2, 27, 16), sh(2026, 2, 28, 11)),
    ("working Saturday 02-28", MINOR, sh(2026, 2, 28, 17), sh(2026, 3, 2, 12)),
    # National Day: off 10-01..10-07, Sunday 09-20 and Saturday 10-10 worked
    ("Saturday before working Sunday 09-20", MINOR, sh(2026, 9, 19, 10), sh(2026, 9, 20, 14)),
    ("working Sunday 09-20", MINOR, sh(2026, 9, 20, 15), sh(2026, 9, 21, 10)),
    ("eve of National Day", ADVISORY, sh(2026, 9, 30, 17), sh(2026, 10, 8, 15)),
    ("eve of National Day at 18:00", MINOR, sh(2026, 9, 30, 18), sh(2026, 10, 8, 14)),
    ("National Day", MINOR, sh(2026, 10, 3, 9), sh(2026, 10, 8, 14)),
    ("Friday before working Saturday 10-10", MINOR, sh(2026, 10, 9, 15), sh(2026, 10, 10, 10)),
    ("working Saturday 10-10", MINOR, sh(2026, 10, 10, 17), sh(2026, 10, 12, 12)),
    # New Year: off 01-01..01-03, Sunday 01-04 worked
    ("New Year's Eve", MINOR, sh(2025, 12, 31, 17), sh(2026, 1, 4, 12)),
    ("New Year Friday", MINOR, sh(2026, 1, 2, 10), sh(2026, 1, 4, 14)),
    ("working Sunday 01-04", ADVISORY, sh(2026, 1, 4, 17), sh(2026, 1, 5, 15)),
]

WALL_CASES = [
    ("urgent in business hours", URGENT, sh(2026, 3, 10, 10), sh(2026, 3, 10, 11)),
    ("urgent over lunch", URGENT, sh(2026, 3, 10, 11, 30), sh(2026, 3, 10, 12, 30)),
    ("major over lunch", MAJOR, sh(2026, 3, 10, 12), sh(2026, 3, 10, 14)),
    ("major evening", MAJOR, sh(2026, 3, 10, 17, 30), sh(2026, 3, 10, 19, 30)),
    ("urgent at night", URGENT, sh(2026, 3, 10, 23, 30), sh(2026, 3, 11, 0, 30)),
    ("major across midnight", MAJOR, sh(2026, 3, 10, 23, 1), sh(2026, 3, 11, 1, 1)),
    ("urgent on Saturday", URGENT, sh(2026, 3, 14, 12, 30), sh(2026, 3, 14, 13, 30)),
    ("major into National Day", MAJOR, sh(2026, 9, 30, 23), sh(2026, 10, 1, 1)),
    ("urgent into National Day", URGENT, sh(2026, 9, 30, 23, 30), sh(2026, 10, 1, 0, 30)),
    ("major in Spring Festival", MAJOR, sh(2026, 2, 15, 23), sh(2026, 2, 16, 1)),
    ("urgent across the year", URGENT, sh(2025, 12, 31, 23, 15), sh(2026, 1, 1, 0, 15)),
    ("urgent in 2027", URGENT, sh(2027, 2, 10, 3), sh(2027, 2, 10, 4)),
    ("major at 18:00", MAJOR, sh(2026, 3, 10, 18), sh(2026, 3, 10, 20)),
]


def _ids(cases):
    return [case[0] for case in cases]


@pytest.mark.parametrize(("label", "severity", "reported", "expected"), BUSINESS_CASES + WALL_CASES,
                         ids=_ids(BUSINESS_CASES + WALL_CASES))
def test_response_due(label, severity, reported, expected):
    due = response_due(severity, reported)
    assert due == expected
    assert due.tzinfo is SH
    assert due.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(("label", "severity", "reported", "expected"), BUSINESS_CASES + WALL_CASES,
                         ids=_ids(BUSINESS_CASES + WALL_CASES))
def test_utc_input_gives_the_same_instant_in_utc(label, severity, reported, expected):
    due = response_due(severity, reported.astimezone(UTC))
    assert due == expected
    assert due.tzinfo is UTC


@pytest.mark.parametrize(("severity", "reported", "expected"), [
    (MINOR, utc(2026, 3, 10, 3, 30), utc(2026, 3, 10, 8, 30)),  # 11:30 → 16:30 in Shanghai
    (MINOR, utc(2026, 3, 9, 20), utc(2026, 3, 10, 6)),  # Tuesday 04:00 → 14:00 in Shanghai
    (MINOR, utc(2026, 3, 10, 10), utc(2026, 3, 11, 6)),  # 18:00 → 14:00 next day in Shanghai
    (MINOR, utc(2026, 3, 13, 8), utc(2026, 3, 16, 3)),  # Friday 16:00 → Monday 11:00 in Shanghai
    (MINOR, utc(2026, 2, 13, 9), utc(2026, 2, 14, 4)),  # Friday 17:00 → working Saturday 12:00 in Shanghai
    (ADVISORY, utc(2026, 9, 30, 9), utc(2026, 10, 8, 7)),  # 17:00 → 10-08 15:00 in Shanghai
    (URGENT, utc(2026, 9, 30, 15, 30), utc(2026, 9, 30, 16, 30)),
    (MAJOR, utc(2026, 3, 13, 23), utc(2026, 3, 14, 1)),
])
def test_utc_literals(severity, reported, expected):
    due = response_due(severity, reported)
    assert due == expected
    assert due.utcoffset() == timedelta(0)


def test_fixed_offset_input_keeps_its_zone():
    plus8 = timezone(timedelta(hours=8))
    due = response_due(MINOR, datetime(2026, 3, 10, 17, 30, tzinfo=plus8))
    assert due == sh(2026, 3, 11, 13, 30)
    assert due.tzinfo is plus8


@pytest.mark.parametrize(("severity", "reported", "expected"), [
    ("URGENT", sh(2026, 3, 10, 10), sh(2026, 3, 10, 11)),
    ("MINOR", sh(2026, 3, 10, 11, 30), sh(2026, 3, 10, 16, 30)),
    ("ADVISORY", sh(2026, 3, 10, 11), sh(2026, 3, 10, 18)),
])
def test_severity_may_be_given_by_name(severity, reported, expected):
    assert response_due(severity, reported) == expected


def test_unknown_severity_is_refused():
    with pytest.raises(ValueError, match="CRITICAL"):
        response_due("CRITICAL", sh(2026, 3, 10, 10))


@pytest.mark.parametrize("severity", list(Severity))
def test_naive_report_time_is_refused(severity):
    with pytest.raises(ValueError, match=r"^reported_at 2026-03-10T10:00:00 has no time zone"):
        response_due(severity, datetime(2026, 3, 10, 10))


@pytest.mark.parametrize(("label", "severity", "reported", "expected"), BUSINESS_CASES, ids=_ids(BUSINESS_CASES))
def test_business_deadline_holds_exactly_the_business_hours_of_the_severity(label, severity, reported, expected):
    hours = {MINOR: timedelta(hours=4), ADVISORY: timedelta(hours=6)}[severity]
    assert BusinessCalendar().business_time_between(reported, expected) == hours


# --- a calendar that is not the default ----------------------------------------------------------------------------


HAND_ENTERED_2027 = CalendarOverrides(
    days_off=frozenset({date(2027, 1, 1), date(2027, 2, 8), date(2027, 2, 9), date(2027, 2, 10), date(2027, 2, 11),
                        date(2027, 2, 12)}),
    working_days=frozenset({date(2027, 2, 6)}),
    complete_years=frozenset({2027}),
)


@pytest.mark.parametrize(("severity", "reported", "without", "with_overrides"), [
    # Friday 2027-01-01: Monday to Friday says working, the entered notice says off
    (MINOR, sh(2027, 1, 1, 10), sh(2027, 1, 1, 15), sh(2027, 1, 4, 14)),
    (MINOR, sh(2026, 12, 31, 17), sh(2027, 1, 1, 12), sh(2027, 1, 4, 12)),
    # Friday 02-05 evening: Saturday 02-06 is worked, then a week off
    (MINOR, sh(2027, 2, 5, 17), sh(2027, 2, 8, 12), sh(2027, 2, 6, 12)),
    (ADVISORY, sh(2027, 2, 6, 15), sh(2027, 2, 8, 16), sh(2027, 2, 15, 12)),
    (MINOR, sh(2027, 2, 10, 10), sh(2027, 2, 10, 15), sh(2027, 2, 15, 14)),
    # an ordinary week of 2027 is the same either way
    (MINOR, sh(2027, 3, 2, 11, 30), sh(2027, 3, 2, 16, 30), sh(2027, 3, 2, 16, 30)),
    # wall-clock severities do not care
    (URGENT, sh(2027, 2, 10, 10), sh(2027, 2, 10, 11), sh(2027, 2, 10, 11)),
    (MAJOR, sh(2027, 1, 1, 23), sh(2027, 1, 2, 1), sh(2027, 1, 2, 1)),
])
def test_unknown_year_with_and_without_overrides(severity, reported, without, with_overrides):
    assert response_due(severity, reported) == without
    assert response_due(severity, reported, BusinessCalendar()) == without
    assert response_due(severity, reported, BusinessCalendar(overrides=HAND_ENTERED_2027)) == with_overrides


SUMMER = BusinessCalendar(hours=BusinessHours.parse("08:30-12:00, 14:30-17:30"))


@pytest.mark.parametrize(("severity", "reported", "expected"), [
    (MINOR, sh(2026, 6, 2, 11), sh(2026, 6, 2, 17, 30)),
    (MINOR, sh(2026, 6, 2, 12), sh(2026, 6, 3, 9, 30)),
    (MINOR, sh(2026, 6, 2, 8), sh(2026, 6, 2, 15)),
    (ADVISORY, sh(2026, 6, 2, 8, 30), sh(2026, 6, 2, 17)),
    (ADVISORY, sh(2026, 6, 2, 17), sh(2026, 6, 3, 16, 30)),
    (URGENT, sh(2026, 6, 2, 12, 30), sh(2026, 6, 2, 13, 30)),
    (MINOR, utc(2026, 6, 2, 3), utc(2026, 6, 2, 9, 30)),  # 11:00 → 17:30 in Shanghai
])
def test_custom_business_hours(severity, reported, expected):
    assert response_due(severity, reported, SUMMER) == expected


@pytest.mark.parametrize(("severity", "reported", "elapsed"), [
    (MAJOR, datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Berlin")), timedelta(hours=2)),
    (MAJOR, datetime(2026, 11, 1, 0, 30, tzinfo=ZoneInfo("America/New_York")), timedelta(hours=2)),
], ids=["Berlin clocks go forward", "New York clocks go back"])
def test_wall_clock_deadline_is_elapsed_time_in_any_zone(severity, reported, elapsed):
    due = response_due(severity, reported)
    assert due.astimezone(UTC) - reported.astimezone(UTC) == elapsed


# --- response status -----------------------------------------------------------------------------------------------


DUE = sh(2026, 3, 10, 16, 30)  # MINOR reported Tuesday 11:30


@pytest.mark.parametrize(("responded_at", "now", "responded", "breached", "on_time", "counts", "time_left"), [
    # unanswered
    (None, sh(2026, 3, 10, 11, 30), False, False, False, False, timedelta(hours=5)),
    (None, sh(2026, 3, 10, 15, 30), False, False, False, False, timedelta(hours=1)),
    (None, sh(2026, 3, 10, 16, 30), False, False, False, False, timedelta(0)),
    (None, sh(2026, 3, 10, 16, 31), False, True, False, True, timedelta(minutes=-1)),
    (None, sh(2026, 3, 11, 9), False, True, False, True, -timedelta(hours=16, minutes=30)),
    # answered early: the margin, whatever the time now
    (sh(2026, 3, 10, 14), sh(2026, 3, 10, 14, 5), True, False, True, True, timedelta(hours=2, minutes=30)),
    (sh(2026, 3, 10, 14), sh(2026, 3, 12, 9), True, False, True, True, timedelta(hours=2, minutes=30)),
    # answered exactly at the deadline
    (sh(2026, 3, 10, 16, 30), sh(2026, 3, 10, 20), True, False, True, True, timedelta(0)),
    # answered late
    (sh(2026, 3, 10, 16, 31), sh(2026, 3, 10, 20), True, True, False, True, timedelta(minutes=-1)),
    (sh(2026, 3, 11, 9), sh(2026, 3, 11, 9), True, True, False, True, -timedelta(hours=16, minutes=30)),
    # in UTC
    (utc(2026, 3, 10, 8, 30), utc(2026, 3, 10, 12), True, False, True, True, timedelta(0)),
    (None, utc(2026, 3, 10, 8, 31), False, True, False, True, timedelta(minutes=-1)),
])
def test_response_status(responded_at, now, responded, breached, on_time, counts, time_left):
    status = response_status(MINOR, sh(2026, 3, 10, 11, 30), responded_at, now)
    assert status == ResponseStatus(DUE, responded_at, now)
    assert status.responded is responded
    assert status.breached is breached
    assert status.on_time is on_time
    assert status.counts_for_timeliness is counts
    assert status.time_left == time_left


def test_business_deadline_over_a_night_is_met_next_morning():
    # reported Tuesday 17:30, due Wednesday 13:30: answered 16.5 wall-clock hours later, still on time
    status = response_status(MINOR, sh(2026, 3, 10, 17, 30), sh(2026, 3, 11, 10), sh(2026, 3, 11, 10))
    assert status.due == sh(2026, 3, 11, 13, 30)
    assert status.on_time and not status.breached
    assert status.time_left == timedelta(hours=3, minutes=30)


def test_time_left_counts_wall_clock_time_over_a_weekend():
    status = response_status(MINOR, sh(2026, 3, 13, 17), None, sh(2026, 3, 13, 18))
    assert status.due == sh(2026, 3, 16, 12)
    assert status.time_left == timedelta(days=2, hours=18)
    assert not status.counts_for_timeliness


def test_wall_clock_status_over_a_holiday():
    status = response_status(URGENT, sh(2026, 10, 1, 2), None, sh(2026, 10, 1, 3, 1))
    assert status.due == sh(2026, 10, 1, 3)
    assert status.breached and status.counts_for_timeliness and not status.on_time


def test_response_status_uses_the_given_calendar():
    status = response_status(MINOR, sh(2027, 1, 1, 10), None, sh(2027, 1, 1, 15),
                             BusinessCalendar(overrides=HAND_ENTERED_2027))
    assert status.due == sh(2027, 1, 4, 14)
    assert not status.breached


@pytest.mark.parametrize(("responded_at", "now", "name"), [
    (None, datetime(2026, 3, 10, 12), "now"),
    (datetime(2026, 3, 10, 12), sh(2026, 3, 10, 12), "responded_at"),
])
def test_response_status_refuses_naive_times(responded_at, now, name):
    with pytest.raises(ValueError, match=rf"^{name} 2026-03-10T12:00:00 has no time zone"):
        response_status(MINOR, sh(2026, 3, 10, 11), responded_at, now)


def test_response_status_refuses_a_naive_report_time():
    with pytest.raises(ValueError, match=r"^reported_at .* has no time zone"):
        response_status(URGENT, datetime(2026, 3, 10, 11), None, sh(2026, 3, 10, 12))
