from datetime import UTC, date, datetime, timedelta

import pytest

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import (
    MaintenanceProblem,
    MaintenanceWindow,
    Recurrence,
    in_maintenance,
)


def bj(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


SUNDAY = bj(2025, 3, 2, 2)  # Sunday 2 March 2025, 02:00 Beijing time
WEEKLY = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=2), recurrence=Recurrence.WEEKLY)


def test_the_sample_dates_fall_where_the_tests_expect():
    assert SUNDAY.weekday() == 6


# --- once ------------------------------------------------------------------------------------------------------


def test_once_window_covers_start_inclusive_end_exclusive():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 5, 22), duration=timedelta(minutes=90))
    assert window.recurrence is Recurrence.ONCE
    assert not window.covers(bj(2025, 3, 5, 21, 59, 59))
    assert window.covers(bj(2025, 3, 5, 22))
    assert window.covers(bj(2025, 3, 5, 23, 29, 59))
    assert not window.covers(bj(2025, 3, 5, 23, 30))
    assert not window.covers(bj(2025, 3, 6, 22))  # once means once


def test_once_window_compares_instants_across_time_zones():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 5, 22), duration=timedelta(hours=1))
    assert window.covers(datetime(2025, 3, 5, 14, 30, tzinfo=UTC))  # 22:30 in Beijing
    assert not window.covers(datetime(2025, 3, 5, 22, 30, tzinfo=UTC))  # 06:30 the next day in Beijing


# --- daily -----------------------------------------------------------------------------------------------------


def test_daily_window_repeats_at_the_same_local_time():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 1, 12), duration=timedelta(minutes=30),
                               recurrence=Recurrence.DAILY)
    for day in (1, 2, 15, 31):
        assert window.covers(bj(2025, 3, day, 12))
        assert window.covers(bj(2025, 3, day, 12, 29, 59))
        assert not window.covers(bj(2025, 3, day, 12, 30))
        assert not window.covers(bj(2025, 3, day, 11, 59, 59))
    assert window.covers(datetime(2025, 6, 10, 4, 15, tzinfo=UTC))  # 12:15 Beijing


def test_daily_window_not_before_its_first_occurrence():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 10, 12), duration=timedelta(minutes=30),
                               recurrence=Recurrence.DAILY)
    assert not window.covers(bj(2025, 3, 9, 12, 10))
    assert not window.covers(bj(2025, 3, 10, 11, 59))
    assert window.covers(bj(2025, 3, 10, 12, 10))


def test_daily_window_respects_until():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 1, 12), duration=timedelta(minutes=30),
                               recurrence=Recurrence.DAILY, until=date(2025, 3, 5))
    assert window.covers(bj(2025, 3, 5, 12, 10))  # the last day still has its occurrence
    assert not window.covers(bj(2025, 3, 6, 12, 10))


def test_daily_window_crossing_midnight_covers_the_next_morning():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 1, 23), duration=timedelta(hours=3),
                               recurrence=Recurrence.DAILY)
    assert window.covers(bj(2025, 3, 2, 1))
    assert window.covers(bj(2025, 3, 1, 23, 30))
    assert window.covers(bj(2025, 3, 2, 0))
    assert not window.covers(bj(2025, 3, 2, 2))  # 23:00 + 3 h, exclusive
    assert not window.covers(bj(2025, 3, 2, 22, 59))
    assert not window.covers(bj(2025, 3, 1, 1))  # the morning before the first occurrence


def test_window_crossing_midnight_after_until_covers_the_last_nights_tail():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 1, 23), duration=timedelta(hours=3),
                               recurrence=Recurrence.DAILY, until=date(2025, 3, 3))
    assert window.covers(bj(2025, 3, 4, 1))  # the occurrence that started on the 3rd runs into the 4th
    assert not window.covers(bj(2025, 3, 4, 23, 30))


# --- weekly ----------------------------------------------------------------------------------------------------


def test_weekly_window_sunday_two_hours():
    for weeks in range(4):
        sunday = SUNDAY + timedelta(weeks=weeks)
        assert WEEKLY.covers(sunday)
        assert WEEKLY.covers(sunday + timedelta(hours=1, minutes=59, seconds=59))
        assert not WEEKLY.covers(sunday + timedelta(hours=2))
        assert not WEEKLY.covers(sunday - timedelta(seconds=1))
    for day in range(3, 9):  # Monday 3 to Saturday 8 March at 03:00
        assert not WEEKLY.covers(bj(2025, 3, day, 3))


def test_weekly_window_in_utc_terms():
    assert WEEKLY.covers(datetime(2025, 3, 8, 18, 30, tzinfo=UTC))  # Sunday 9 March, 02:30 Beijing
    assert not WEEKLY.covers(datetime(2025, 3, 9, 2, 30, tzinfo=UTC))  # Sunday 02:30 UTC is 10:30 Beijing


def test_weekly_window_not_before_the_first_sunday():
    assert not WEEKLY.covers(bj(2025, 2, 23, 2, 30))


def test_weekly_window_respects_until():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=2), recurrence=Recurrence.WEEKLY,
                               until=date(2025, 3, 15))
    assert window.covers(bj(2025, 3, 9, 2, 30))
    assert not window.covers(bj(2025, 3, 16, 2, 30))


def test_weekly_window_of_several_days():
    window = MaintenanceWindow(starts_at=bj(2025, 3, 7, 20), duration=timedelta(days=2, hours=6),  # Fri–Mon 02:00
                               recurrence=Recurrence.WEEKLY)
    assert window.covers(bj(2025, 3, 9, 12))
    assert window.covers(bj(2025, 3, 10, 1, 59))
    assert not window.covers(bj(2025, 3, 10, 2))
    assert window.covers(bj(2025, 3, 16, 12))


def test_start_given_in_utc_repeats_at_the_beijing_time():
    # 18:00 UTC on Saturday is 02:00 on Sunday in Beijing: the weekday that counts is Beijing's.
    window = MaintenanceWindow(starts_at=datetime(2025, 3, 1, 18, tzinfo=UTC), duration=timedelta(hours=2),
                               recurrence=Recurrence.WEEKLY)
    assert window.covers(bj(2025, 3, 9, 2, 30))
    assert not window.covers(bj(2025, 3, 8, 2, 30))


# --- applies_to ------------------------------------------------------------------------------------------------


def test_target_name_wins_over_platform():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=1), platform="credit",
                               target_name="审批系统-门户")
    assert window.applies_to("审批系统-门户", "approval")
    assert not window.applies_to("信用平台-门户", "credit")


def test_platform_window_covers_that_platform_only():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=1), platform="credit")
    assert window.applies_to("信用平台-门户", "credit")
    assert window.applies_to("信用平台-信用修复", "credit")
    assert not window.applies_to("审批系统-门户", "approval")


def test_empty_platform_covers_everything():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=1))
    assert window.applies_to("信用平台-门户", "credit")
    assert window.applies_to("审批系统-通川区", "approval")


def test_in_maintenance_needs_a_window_that_applies_and_covers():
    credit = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=2), recurrence=Recurrence.WEEKLY,
                               platform="credit")
    portal = MaintenanceWindow(starts_at=bj(2025, 3, 5, 22), duration=timedelta(hours=1), target_name="审批系统-门户")
    windows = [credit, portal]
    assert in_maintenance(windows, "信用平台-门户", "credit", bj(2025, 3, 9, 3))
    assert not in_maintenance(windows, "审批系统-门户", "approval", bj(2025, 3, 9, 3))
    assert in_maintenance(windows, "审批系统-门户", "approval", bj(2025, 3, 5, 22, 30))
    assert not in_maintenance(windows, "审批系统-通川区", "approval", bj(2025, 3, 5, 22, 30))
    assert not in_maintenance([], "信用平台-门户", "credit", bj(2025, 3, 9, 3))


# --- problems --------------------------------------------------------------------------------------------------


def test_valid_windows_have_no_problems():
    assert WEEKLY.problems() == []
    assert MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(days=7)).problems() == []
    assert MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=23, minutes=59),
                             recurrence=Recurrence.DAILY, until=SUNDAY.date()).problems() == []


@pytest.mark.parametrize("duration", [timedelta(0), timedelta(minutes=-5), timedelta(days=7, seconds=1)])
def test_duration_must_be_positive_and_at_most_a_week(duration):
    window = MaintenanceWindow(starts_at=SUNDAY, duration=duration)
    assert window.problems() == [MaintenanceProblem.DURATION]


@pytest.mark.parametrize("duration", [timedelta(days=1), timedelta(days=2)])
def test_daily_window_must_be_shorter_than_a_day(duration):
    window = MaintenanceWindow(starts_at=SUNDAY, duration=duration, recurrence=Recurrence.DAILY)
    assert window.problems() == [MaintenanceProblem.DAILY_TOO_LONG]


def test_weekly_window_may_last_a_day():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(days=1), recurrence=Recurrence.WEEKLY)
    assert window.problems() == []


def test_until_before_start():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=1), recurrence=Recurrence.DAILY,
                               until=date(2025, 3, 1))
    assert window.problems() == [MaintenanceProblem.UNTIL_BEFORE_START]


def test_until_is_compared_with_the_beijing_date_of_the_start():
    # 20:00 UTC on 1 March is already 2 March in Beijing, so an until of 1 March comes before it.
    window = MaintenanceWindow(starts_at=datetime(2025, 3, 1, 20, tzinfo=UTC), duration=timedelta(hours=1),
                               recurrence=Recurrence.DAILY, until=date(2025, 3, 1))
    assert window.problems() == [MaintenanceProblem.UNTIL_BEFORE_START]


def test_several_problems_are_all_reported():
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(days=8), recurrence=Recurrence.DAILY,
                               until=date(2025, 1, 1))
    assert window.problems() == [MaintenanceProblem.DURATION, MaintenanceProblem.DAILY_TOO_LONG,
                                 MaintenanceProblem.UNTIL_BEFORE_START]


# --- naive datetimes -------------------------------------------------------------------------------------------


def test_naive_start_is_rejected():
    with pytest.raises(ValueError, match="no time zone"):
        MaintenanceWindow(starts_at=datetime(2025, 3, 2, 2), duration=timedelta(hours=2))


@pytest.mark.parametrize("recurrence", list(Recurrence))
def test_naive_moment_is_rejected(recurrence):
    window = MaintenanceWindow(starts_at=SUNDAY, duration=timedelta(hours=2), recurrence=recurrence)
    with pytest.raises(ValueError, match="no time zone"):
        window.covers(datetime(2025, 3, 2, 2, 30))


def test_a_window_shorter_than_a_minute_is_refused_because_it_is_stored_in_whole_minutes():
    start = datetime(2026, 5, 1, 2, 0, tzinfo=SHANGHAI)
    assert MaintenanceWindow(start, timedelta(seconds=59)).problems() == [MaintenanceProblem.DURATION]
    assert MaintenanceWindow(start, timedelta(minutes=1)).problems() == []
