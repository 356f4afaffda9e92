"""China's working days and the team's business hours.

Working days in 2026 follow the State Council notice: Spring Festival off 02-15..02-23 with Saturdays 02-14 and 02-28
working; National Day off 10-01..10-07 with Sunday 09-20 and Saturday 10-10 working; New Year off 01-01..01-03 with
Sunday 01-04 working. 2027 is not in the notice yet: Monday–Friday unless the user enters the days by hand.
Default business hours are 09:00–12:00 and 13:00–18:00, Asia/Shanghai.
"""

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from dzdesk.domain.calendar import BusinessCalendar, BusinessHours, CalendarOverrides, require_aware

SH = ZoneInfo("Asia/Shanghai")


def sh(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=SH)


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def days(first, last):
    """Every date from first to last, both included."""
    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))


@pytest.fixture
def cal():
    return BusinessCalendar()


# --- require_aware -------------------------------------------------------------------------------------------------


class _NoOffset(tzinfo):
    """A time zone that does not know its offset: as unusable as none at all."""

    def utcoffset(self, dt):
        return None

    def dst(self, dt):
        return None

    def tzname(self, dt):
        return "?"


def test_require_aware_returns_an_aware_datetime_unchanged():
    moment = sh(2026, 3, 10, 9)
    assert require_aware(moment) is moment
    moment_utc = utc(2026, 3, 10, 1)
    assert require_aware(moment_utc, "reported_at") is moment_utc


def test_require_aware_rejects_a_naive_datetime_with_a_clear_message():
    with pytest.raises(ValueError, match=r"reported_at 2026-03-10T09:00:00 has no time zone; give an aware datetime"):
        require_aware(datetime(2026, 3, 10, 9), "reported_at")


def test_require_aware_default_name():
    with pytest.raises(ValueError, match=r"^datetime 2026-03-10T09:00:00 has no time zone"):
        require_aware(datetime(2026, 3, 10, 9))


def test_require_aware_rejects_a_zone_without_offset():
    with pytest.raises(ValueError, match="has no time zone"):
        require_aware(datetime(2026, 3, 10, 9, tzinfo=_NoOffset()), "moment")


@pytest.mark.parametrize("value", [date(2026, 3, 10), "2026-03-10 09:00", 1773104400, None])
def test_require_aware_rejects_what_is_not_a_datetime(value):
    with pytest.raises(TypeError, match="start must be a datetime, got"):
        require_aware(value, "start")


NAIVE = datetime(2026, 3, 10, 9)


@pytest.mark.parametrize(("call", "name"), [
    (lambda c: c.is_business_moment(NAIVE), "moment"),
    (lambda c: c.next_business_moment(NAIVE), "moment"),
    (lambda c: c.add_business_time(NAIVE, timedelta(hours=1)), "start"),
    (lambda c: c.business_time_between(NAIVE, sh(2026, 3, 10, 18)), "start"),
    (lambda c: c.business_time_between(sh(2026, 3, 10, 9), NAIVE), "end"),
], ids=["is_business_moment", "next_business_moment", "add_business_time", "between-start", "between-end"])
def test_calendar_rejects_naive_datetimes(cal, call, name):
    with pytest.raises(ValueError, match=rf"^{name} 2026-03-10T09:00:00 has no time zone"):
        call(cal)


# --- BusinessHours ---------------------------------------------------------------------------------------------------


def test_default_business_hours():
    hours = BusinessHours()
    assert hours.periods == ((time(9), time(12)), (time(13), time(18)))
    assert hours.per_day == timedelta(hours=8)
    assert hours.format() == "09:00-12:00, 13:00-18:00"


@pytest.mark.parametrize(("text", "periods"), [
    ("09:00-12:00, 13:00-18:00", ((time(9), time(12)), (time(13), time(18)))),
    ("09:00-12:00,13:00-18:00", ((time(9), time(12)), (time(13), time(18)))),
    ("09:00-12:00，13:00-18:00", ((time(9), time(12)), (time(13), time(18)))),  # full-width comma
    ("09:00–12:00, 13:00–18:00", ((time(9), time(12)), (time(13), time(18)))),  # en dash
    ("  08:30 - 12:00 ,, 14:30-17:30 , ", ((time(8, 30), time(12)), (time(14, 30), time(17, 30)))),
    ("09:00-17:00", ((time(9), time(17)),)),
    ("09:00-12:00, 12:00-18:00", ((time(9), time(12)), (time(12), time(18)))),  # adjacent periods
    ("08:00-10:00, 10:30-12:00, 14:00-18:00",
     ((time(8), time(10)), (time(10, 30), time(12)), (time(14), time(18)))),
])
def test_parse_business_hours(text, periods):
    assert BusinessHours.parse(text) == BusinessHours(periods)


@pytest.mark.parametrize(("text", "formatted", "per_day"), [
    ("09:00-12:00, 13:00-18:00", "09:00-12:00, 13:00-18:00", timedelta(hours=8)),
    ("08:30-12:00，14:30-17:30", "08:30-12:00, 14:30-17:30", timedelta(hours=6, minutes=30)),
    ("09:00-17:00", "09:00-17:00", timedelta(hours=8)),
    ("09:00-12:00, 12:00-18:00", "09:00-12:00, 12:00-18:00", timedelta(hours=9)),
    ("00:00-23:59", "00:00-23:59", timedelta(hours=23, minutes=59)),
])
def test_format_and_per_day(text, formatted, per_day):
    hours = BusinessHours.parse(text)
    assert hours.format() == formatted
    assert hours.per_day == per_day
    assert BusinessHours.parse(hours.format()) == hours


@pytest.mark.parametrize(("text", "message"), [
    ("", "business hours need at least one period"),
    ("  ,  ，", "business hours need at least one period"),
    ("09:00", r"'09:00' is not a period like 09:00-12:00"),
    ("09:00-12:00-13:00", r"'09:00-12:00-13:00' is not a period like 09:00-12:00"),
    ("nine-noon", r"'nine-noon' is not a period like 09:00-12:00"),
    ("09:00-12:00, 13:00-25:00", r"'13:00-25:00' is not a period like 09:00-12:00"),
    ("09:00-", r"'09:00-' is not a period like 09:00-12:00"),
    ("09:00~12:00", r"'09:00~12:00' is not a period like 09:00-12:00"),
    ("12:00-09:00", "business period 12:00–09:00 ends before it starts"),
    ("09:00-09:00", "business period 09:00–09:00 ends before it starts"),
    ("09:00-12:00, 11:00-14:00", "business period starting 11:00 overlaps the one before it"),
    ("13:00-18:00, 09:00-12:00", "business period starting 09:00 overlaps the one before it"),
])
def test_parse_refuses_what_is_not_business_hours(text, message):
    with pytest.raises(ValueError, match=message):
        BusinessHours.parse(text)


@pytest.mark.parametrize(("periods", "message"), [
    ((), "at least one period"),
    (((time(18), time(9)),), "ends before it starts"),
    (((time(9), time(13)), (time(12), time(18))), "overlaps the one before it"),
])
def test_business_hours_validate_when_built_directly(periods, message):
    with pytest.raises(ValueError, match=message):
        BusinessHours(periods)


def test_parse_refuses_a_time_with_an_offset_with_value_error():
    with pytest.raises(ValueError):
        BusinessHours.parse("09:00+08:00-12:00")


# --- CalendarOverrides ---------------------------------------------------------------------------------------------


def test_overrides_refuse_a_day_both_off_and_working():
    with pytest.raises(ValueError, match="2027-01-01, 2027-02-06 cannot be both a day off and a working day"):
        CalendarOverrides(days_off=frozenset({date(2027, 2, 6), date(2027, 1, 1), date(2027, 1, 2)}),
                          working_days=frozenset({date(2027, 2, 6), date(2027, 1, 1), date(2027, 1, 9)}))


def test_overrides_default_to_nothing():
    overrides = CalendarOverrides()
    assert overrides.days_off == frozenset()
    assert overrides.working_days == frozenset()
    assert overrides.complete_years == frozenset()


# --- working days --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "working"), [
    # an ordinary week
    (date(2026, 3, 9), True),  # Monday
    (date(2026, 3, 13), True),  # Friday
    (date(2026, 3, 14), False),  # Saturday
    (date(2026, 3, 15), False),  # Sunday
    # New Year
    (date(2025, 12, 31), True),
    (date(2026, 1, 1), False),
    (date(2026, 1, 2), False),  # a Friday off
    (date(2026, 1, 3), False),
    (date(2026, 1, 4), True),  # a Sunday worked
    (date(2026, 1, 5), True),
    # Spring Festival
    (date(2026, 2, 13), True),
    (date(2026, 2, 14), True),  # a Saturday worked
    (date(2026, 2, 15), False),
    (date(2026, 2, 16), False),  # a Monday off
    (date(2026, 2, 20), False),
    (date(2026, 2, 23), False),
    (date(2026, 2, 24), True),
    (date(2026, 2, 28), True),  # a Saturday worked
    (date(2026, 3, 1), False),
    # Qingming
    (date(2026, 4, 6), False),
    (date(2026, 4, 7), True),
    # Mid-autumn and National Day
    (date(2026, 9, 19), False),
    (date(2026, 9, 20), True),  # a Sunday worked
    (date(2026, 9, 25), False),
    (date(2026, 9, 30), True),
    (date(2026, 10, 1), False),
    (date(2026, 10, 5), False),  # a Monday off
    (date(2026, 10, 7), False),
    (date(2026, 10, 8), True),
    (date(2026, 10, 9), True),
    (date(2026, 10, 10), True),  # a Saturday worked
    (date(2026, 10, 11), False),
    # 2027 is not in the notice: Monday to Friday
    (date(2027, 1, 1), True),  # Friday
    (date(2027, 1, 2), False),  # Saturday
    (date(2027, 1, 3), False),  # Sunday
    (date(2027, 1, 4), True),  # Monday
    (date(2027, 2, 10), True),  # Wednesday
])
def test_working_days(cal, day, working):
    assert cal.is_working_day(day) is working


def test_library_years_are_known_others_are_not(cal):
    assert cal.year_is_known(2004)
    assert cal.year_is_known(2026)
    assert not cal.year_is_known(2003)
    assert not cal.year_is_known(2027)
    assert cal.unknown_years([2026, 2027, 2025, 2027, 2003]) == [2003, 2027]
    assert cal.unknown_years(y for y in (2024, 2025, 2026)) == []
    assert cal.unknown_years([]) == []


def test_a_year_entered_in_full_is_known():
    cal = BusinessCalendar(overrides=CalendarOverrides(complete_years=frozenset({2027})))
    assert cal.year_is_known(2027)
    assert cal.unknown_years([2026, 2027, 2028]) == [2028]


HAND_ENTERED_2027 = CalendarOverrides(
    days_off=days(date(2027, 1, 1), date(2027, 1, 1)) | days(date(2027, 2, 8), date(2027, 2, 12)),
    working_days=frozenset({date(2027, 2, 6), date(2027, 2, 20)}),
    complete_years=frozenset({2027}),
)


@pytest.mark.parametrize(("day", "working"), [
    (date(2027, 1, 1), False),  # a Friday entered as a day off
    (date(2027, 1, 4), True),
    (date(2027, 2, 5), True),
    (date(2027, 2, 6), True),  # a Saturday entered as a working day
    (date(2027, 2, 7), False),
    (date(2027, 2, 8), False),
    (date(2027, 2, 12), False),
    (date(2027, 2, 13), False),
    (date(2027, 2, 15), True),
    (date(2027, 2, 20), True),
    (date(2027, 2, 21), False),
])
def test_hand_entered_days_for_an_unknown_year(day, working):
    cal = BusinessCalendar(overrides=HAND_ENTERED_2027)
    assert cal.is_working_day(day) is working


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 3, 10), False),  # an ordinary Tuesday, made a day off
    (date(2026, 3, 14), True),  # an ordinary Saturday, made a working day
    (date(2026, 10, 2), True),  # a National Day holiday, made a working day
    (date(2026, 10, 10), False),  # an adjusted working Saturday, made a day off
    (date(2026, 3, 11), True),  # untouched
])
def test_hand_entered_days_take_precedence_over_the_notice(day, working):
    overrides = CalendarOverrides(days_off=frozenset({date(2026, 3, 10), date(2026, 10, 10)}),
                                  working_days=frozenset({date(2026, 3, 14), date(2026, 10, 2)}))
    assert BusinessCalendar(overrides=overrides).is_working_day(day) is working


# --- business moments ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("moment", "inside"), [
    (sh(2026, 3, 10, 8, 59, 59), False),
    (sh(2026, 3, 10, 9), True),
    (sh(2026, 3, 10, 11, 59, 59), True),
    (sh(2026, 3, 10, 12), False),
    (sh(2026, 3, 10, 12, 30), False),
    (sh(2026, 3, 10, 13), True),
    (sh(2026, 3, 10, 17, 59, 59), True),
    (sh(2026, 3, 10, 18), False),
    (sh(2026, 3, 10, 20), False),
    (sh(2026, 3, 14, 10), False),  # Saturday
    (sh(2026, 2, 14, 10), True),  # adjusted working Saturday
    (sh(2026, 9, 20, 10), True),  # adjusted working Sunday
    (sh(2026, 10, 5, 10), False),  # National Day
    (sh(2026, 2, 18, 10), False),  # Spring Festival
    (utc(2026, 3, 10, 1), True),  # 09:00 in Shanghai
    (utc(2026, 3, 10, 4, 30), False),  # 12:30 in Shanghai
    (utc(2026, 3, 10, 10), False),  # 18:00 in Shanghai
    (utc(2026, 3, 13, 23), False),  # Saturday 07:00 in Shanghai
    (utc(2026, 3, 15, 23), False),  # Monday 07:00 in Shanghai
    (utc(2026, 3, 16, 1), True),  # Monday 09:00 in Shanghai
    (utc(2026, 3, 14, 1), False),  # Saturday 09:00 in Shanghai, Saturday in UTC too
])
def test_is_business_moment(cal, moment, inside):
    assert cal.is_business_moment(moment) is inside


@pytest.mark.parametrize(("moment", "expected"), [
    (sh(2026, 3, 10, 10, 15), sh(2026, 3, 10, 10, 15)),
    (sh(2026, 3, 10, 9), sh(2026, 3, 10, 9)),
    (sh(2026, 3, 10, 13), sh(2026, 3, 10, 13)),
    (sh(2026, 3, 10, 0), sh(2026, 3, 10, 9)),
    (sh(2026, 3, 10, 8), sh(2026, 3, 10, 9)),
    (sh(2026, 3, 10, 12), sh(2026, 3, 10, 13)),
    (sh(2026, 3, 10, 12, 30), sh(2026, 3, 10, 13)),
    (sh(2026, 3, 10, 18), sh(2026, 3, 11, 9)),
    (sh(2026, 3, 10, 23, 59), sh(2026, 3, 11, 9)),
    (sh(2026, 3, 13, 18, 30), sh(2026, 3, 16, 9)),  # Friday evening → Monday
    (sh(2026, 3, 14, 10), sh(2026, 3, 16, 9)),  # Saturday → Monday
    (sh(2026, 2, 13, 19), sh(2026, 2, 14, 9)),  # → the working Saturday before Spring Festival
    (sh(2026, 2, 14, 18), sh(2026, 2, 24, 9)),  # over Spring Festival
    (sh(2026, 2, 20, 10), sh(2026, 2, 24, 9)),
    (sh(2026, 9, 19, 10), sh(2026, 9, 20, 9)),  # Saturday → the working Sunday
    (sh(2026, 9, 30, 18), sh(2026, 10, 8, 9)),  # over National Day
    (sh(2026, 10, 9, 18), sh(2026, 10, 10, 9)),  # → the working Saturday after it
    (sh(2025, 12, 31, 18), sh(2026, 1, 4, 9)),  # over New Year → the working Sunday
    (utc(2026, 3, 10, 10), sh(2026, 3, 11, 9)),  # 18:00 in Shanghai
    (utc(2026, 3, 9, 20), sh(2026, 3, 10, 9)),  # 04:00 Tuesday in Shanghai
])
def test_next_business_moment(cal, moment, expected):
    assert cal.next_business_moment(moment) == expected


def test_next_business_moment_gives_up_when_no_day_is_working():
    cal = BusinessCalendar(overrides=CalendarOverrides(days_off=days(date(2027, 1, 1), date(2028, 12, 31))))
    with pytest.raises(ValueError, match="no working day within 400 days"):
        cal.next_business_moment(sh(2027, 1, 1, 10))


# --- add_business_time ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "amount", "expected"), [
    (sh(2026, 3, 10, 9), timedelta(hours=3), sh(2026, 3, 10, 12)),  # ends at the close of the morning, not 13:00
    (sh(2026, 3, 10, 11), timedelta(hours=1), sh(2026, 3, 10, 12)),
    (sh(2026, 3, 10, 11), timedelta(hours=1, seconds=1), sh(2026, 3, 10, 13, 0, 1)),
    (sh(2026, 3, 10, 13), timedelta(hours=5), sh(2026, 3, 10, 18)),  # ends at the close of the day, not tomorrow
    (sh(2026, 3, 10, 17), timedelta(hours=1, minutes=1), sh(2026, 3, 11, 9, 1)),
    (sh(2026, 3, 10, 9), timedelta(hours=8), sh(2026, 3, 10, 18)),
    (sh(2026, 3, 10, 9), timedelta(hours=16), sh(2026, 3, 11, 18)),
    (sh(2026, 3, 9, 9), timedelta(hours=40), sh(2026, 3, 13, 18)),  # a whole working week
    (sh(2026, 3, 9, 9), timedelta(hours=41), sh(2026, 3, 16, 10)),
    (sh(2026, 3, 10, 10), timedelta(0), sh(2026, 3, 10, 10)),
    (sh(2026, 3, 10, 12), timedelta(0), sh(2026, 3, 10, 13)),  # no time to add: the clock still starts at 13:00
    (sh(2026, 3, 10, 18), timedelta(0), sh(2026, 3, 11, 9)),
    (sh(2026, 2, 13, 9), timedelta(hours=24), sh(2026, 2, 24, 18)),  # Fri, working Sat, then after the festival
    (sh(2026, 9, 30, 9), timedelta(hours=32), sh(2026, 10, 10, 18)),  # 09-30, 10-08, 10-09, working Sat 10-10
])
def test_add_business_time(cal, start, amount, expected):
    assert cal.add_business_time(start, amount) == expected


def test_add_business_time_refuses_a_negative_amount(cal):
    with pytest.raises(ValueError, match="must not be negative"):
        cal.add_business_time(sh(2026, 3, 10, 10), timedelta(minutes=-1))


def test_add_business_time_gives_up_when_it_cannot_fit():
    cal = BusinessCalendar(overrides=CalendarOverrides(days_off=days(date(2027, 1, 1), date(2038, 12, 31))))
    with pytest.raises(ValueError, match="does not fit in 4000 days"):
        cal.add_business_time(sh(2027, 1, 1, 10), timedelta(hours=1))


def test_add_business_time_in_utc_gives_the_same_instant(cal):
    assert cal.add_business_time(utc(2026, 3, 10, 3, 30), timedelta(hours=4)) == utc(2026, 3, 10, 8, 30)
    assert cal.add_business_time(utc(2026, 3, 9, 20), timedelta(hours=4)) == sh(2026, 3, 10, 14)


# --- business_time_between -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "expected"), [
    (sh(2026, 3, 10, 9), sh(2026, 3, 10, 18), timedelta(hours=8)),
    (sh(2026, 3, 10, 0), sh(2026, 3, 11, 0), timedelta(hours=8)),
    (sh(2026, 3, 10, 11), sh(2026, 3, 10, 14), timedelta(hours=2)),  # the lunch break does not count
    (sh(2026, 3, 10, 11, 30), sh(2026, 3, 10, 16, 30), timedelta(hours=4)),
    (sh(2026, 3, 10, 12), sh(2026, 3, 10, 13), timedelta(0)),
    (sh(2026, 3, 10, 18), sh(2026, 3, 11, 9), timedelta(0)),  # the night does not count
    (sh(2026, 3, 10, 20), sh(2026, 3, 11, 8), timedelta(0)),
    (sh(2026, 3, 10, 17, 30), sh(2026, 3, 11, 9, 30), timedelta(hours=1)),
    (sh(2026, 3, 13, 17), sh(2026, 3, 16, 10), timedelta(hours=2)),  # over a weekend
    (sh(2026, 3, 9, 0), sh(2026, 3, 16, 0), timedelta(hours=40)),  # an ordinary week
    (sh(2026, 3, 14, 0), sh(2026, 3, 16, 0), timedelta(0)),  # a weekend
    (sh(2026, 2, 13, 9), sh(2026, 2, 25, 9), timedelta(hours=24)),  # Fri 13, Sat 14, Tue 24
    (sh(2026, 2, 15, 0), sh(2026, 2, 24, 0), timedelta(0)),  # Spring Festival
    (sh(2026, 9, 30, 0), sh(2026, 10, 11, 0), timedelta(hours=32)),  # 09-30, 10-08, 10-09, 10-10
    (sh(2026, 9, 19, 0), sh(2026, 9, 21, 0), timedelta(hours=8)),  # the working Sunday 09-20
    (sh(2025, 12, 31, 0), sh(2026, 1, 5, 0), timedelta(hours=16)),  # 12-31 and the working Sunday 01-04
    (sh(2026, 3, 10, 10), sh(2026, 3, 10, 10), timedelta(0)),
    (sh(2026, 3, 10, 15), sh(2026, 3, 10, 10), timedelta(0)),  # end before start
    (sh(2026, 3, 11, 15), sh(2026, 3, 10, 10), timedelta(0)),
    (utc(2026, 3, 10, 1), utc(2026, 3, 10, 10), timedelta(hours=8)),  # 09:00–18:00 in Shanghai
    (utc(2026, 3, 9, 20), utc(2026, 3, 10, 5), timedelta(hours=3)),  # 04:00–13:00 in Shanghai
    (utc(2026, 3, 10, 3), sh(2026, 3, 10, 14), timedelta(hours=2)),  # 11:00 UTC+8 to 14:00
])
def test_business_time_between(cal, start, end, expected):
    assert cal.business_time_between(start, end) == expected


def test_business_time_between_in_an_unknown_year():
    plain = BusinessCalendar()
    entered = BusinessCalendar(overrides=HAND_ENTERED_2027)
    start, end = sh(2027, 2, 1, 0), sh(2027, 2, 22, 0)  # three weeks, Monday to Monday
    assert plain.business_time_between(start, end) == timedelta(hours=120)
    # five days off in the second week, two Saturdays worked
    assert entered.business_time_between(start, end) == timedelta(hours=96)


# --- custom business hours and time zones --------------------------------------------------------------------------


SUMMER = BusinessHours.parse("08:30-12:00, 14:30-17:30")


@pytest.mark.parametrize(("start", "amount", "expected"), [
    (sh(2026, 6, 2, 11), timedelta(hours=4), sh(2026, 6, 2, 17, 30)),
    (sh(2026, 6, 2, 12), timedelta(hours=4), sh(2026, 6, 3, 9, 30)),
    (sh(2026, 6, 2, 13), timedelta(hours=4), sh(2026, 6, 3, 9, 30)),
    (sh(2026, 6, 2, 8, 30), timedelta(hours=6), sh(2026, 6, 2, 17)),
    (sh(2026, 6, 2, 8, 30), timedelta(hours=3, minutes=30), sh(2026, 6, 2, 12)),
    (sh(2026, 6, 2, 18), timedelta(hours=4), sh(2026, 6, 3, 15)),
])
def test_summer_business_hours(start, amount, expected):
    assert BusinessCalendar(hours=SUMMER).add_business_time(start, amount) == expected


def test_summer_business_hours_between_and_moments():
    cal = BusinessCalendar(hours=SUMMER)
    assert cal.business_time_between(sh(2026, 6, 2, 0), sh(2026, 6, 3, 0)) == timedelta(hours=6, minutes=30)
    assert cal.is_business_moment(sh(2026, 6, 2, 8, 30))
    assert not cal.is_business_moment(sh(2026, 6, 2, 13))
    assert cal.next_business_moment(sh(2026, 6, 2, 12, 30)) == sh(2026, 6, 2, 14, 30)


def test_single_period_business_hours():
    cal = BusinessCalendar(hours=BusinessHours.parse("09:00-17:00"))
    assert cal.add_business_time(sh(2026, 3, 10, 15), timedelta(hours=4)) == sh(2026, 3, 11, 11)
    assert cal.add_business_time(sh(2026, 3, 10, 11, 30), timedelta(hours=4)) == sh(2026, 3, 10, 15, 30)
    assert cal.is_business_moment(sh(2026, 3, 10, 12, 30))


def test_a_calendar_in_another_zone_reads_hours_there():
    cal = BusinessCalendar(tz=ZoneInfo("UTC"))
    assert cal.is_business_moment(utc(2026, 3, 10, 9))
    assert not cal.is_business_moment(sh(2026, 3, 10, 9))  # 01:00 UTC
    assert cal.add_business_time(sh(2026, 3, 10, 17), timedelta(hours=4)) == utc(2026, 3, 10, 14)
    # Tuesday 01:00 in Shanghai is still Monday 17:00 in UTC: Monday's last hour counts
    assert cal.add_business_time(sh(2026, 3, 10, 1), timedelta(hours=4)) == utc(2026, 3, 10, 12)
    assert cal.next_business_moment(sh(2026, 3, 10, 1)) == utc(2026, 3, 9, 17)
    assert cal.business_time_between(sh(2026, 3, 10, 1), sh(2026, 3, 10, 20)) == timedelta(hours=4)


def test_fixed_offset_inputs_equal_shanghai_inputs(cal):
    plus8 = timezone(timedelta(hours=8))
    start = datetime(2026, 3, 10, 17, 30, tzinfo=plus8)
    assert cal.add_business_time(start, timedelta(hours=4)) == sh(2026, 3, 11, 13, 30)
    assert cal.business_time_between(start, datetime(2026, 3, 11, 13, 30, tzinfo=plus8)) == timedelta(hours=4)
