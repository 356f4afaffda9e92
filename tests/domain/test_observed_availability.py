"""Availability over observed time: what a report may claim about hours nobody watched.

Each case is a situation the operations team meets: laptops that are only open in office hours, an always-on watcher,
two vantage points that disagree, a laptop that slept, planned work. The figures are exact wherever the rule makes
them exact (all checks fall on whole minutes), so a wrong rule fails the test rather than shifting a decimal.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence, in_maintenance, maintenance_spans
from dzdesk.domain.observed import Observation, ObservedFigures, combine, observed_figures

FIVE = timedelta(minutes=5)
HOUR = 3600.0
DAY = 24 * HOUR
MONDAY = datetime(2025, 3, 3, tzinfo=SHANGHAI)  # Monday 3 March 2025, 00:00 Beijing time
WEEK_END = MONDAY + timedelta(days=7)
# A laptop open 09:00–18:00 checks at 09:00 … 17:55; the day's last check stands for up to two intervals (the rule
# cannot know the lid closed at 18:00), so each day it covers 9 h 05 min.
OFFICE_DAY_SEEN = 9 * HOUR + 5 * 60


def bj(day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment of the week of 3 March 2025 in Beijing time; day 0 is the Monday."""
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def checks(vantage: str, first: datetime, stop: datetime, *, every: timedelta = FIVE,
           ok: Callable[[datetime], bool] = lambda _at: True,
           flagged: Callable[[datetime], bool] = lambda _at: False,
           interval: timedelta | None = None) -> list[Observation]:
    """Results from `first` every `every` until before `stop`; a success measures 100 ms."""
    found = []
    at = first
    while at < stop:
        good = ok(at)
        found.append(Observation(at, good, 100.0 if good else None, flagged(at), vantage,
                                 every if interval is None else interval))
        at += every
    return found


def office_hours(vantage: str, days: int = 7, **kwargs: object) -> list[Observation]:
    return [r for day in range(days) for r in checks(vantage, bj(day, 9), bj(day, 18), **kwargs)]


def round_the_clock(vantage: str, **kwargs: object) -> list[Observation]:
    return checks(vantage, MONDAY, WEEK_END, **kwargs)


def up_by_day(at: datetime) -> bool:
    """The platform that goes down every night from 22:00 to 06:00 Beijing time."""
    return 6 <= at.astimezone(SHANGHAI).hour < 22


# --- coverage: no data is not uptime --------------------------------------------------------------------------


def test_a_laptop_open_in_office_hours_sees_a_bit_over_a_third_of_the_week_and_nothing_at_night():
    figures = observed_figures(office_hours("laptop"), MONDAY, WEEK_END)
    assert figures.period_s == 7 * DAY
    assert figures.observed_s == 7 * OFFICE_DAY_SEEN
    assert figures.coverage == pytest.approx(OFFICE_DAY_SEEN / DAY)  # 37.8 %: 9/24 plus the last check's 5 min
    assert figures.coverage == pytest.approx(9 / 24, abs=0.004)
    assert figures.availability == 1.0
    assert figures.down_s == 0.0
    assert figures.no_data_s == 7 * (DAY - OFFICE_DAY_SEEN)  # the nights: neither up nor down
    assert figures.by_vantage == {"laptop": figures.observed_s}
    assert (figures.checks, figures.failures, figures.maintenance_checks) == (7 * 108, 0, 0)


def test_a_nightly_outage_seen_by_a_watcher_costs_a_third_of_the_availability():
    figures = observed_figures(round_the_clock("watcher", ok=up_by_day), MONDAY, WEEK_END)
    assert figures.coverage == 1.0
    assert figures.up_s == 7 * 16 * HOUR
    assert figures.down_s == 7 * 8 * HOUR
    assert figures.availability == pytest.approx(2 / 3)
    assert figures.failures == 7 * 8 * 12


def test_the_same_outage_seen_only_by_a_laptop_in_the_day_reads_full_availability_with_low_coverage():
    figures = observed_figures(office_hours("laptop", ok=up_by_day), MONDAY, WEEK_END)
    assert figures.availability == 1.0  # the laptop never saw the nights …
    assert figures.coverage == pytest.approx(OFFICE_DAY_SEEN / DAY)  # … and coverage says so
    assert figures.failures == 0


def test_a_watcher_and_a_laptop_together_see_the_whole_week_and_the_outage():
    results = round_the_clock("watcher", ok=up_by_day) + office_hours("laptop", ok=up_by_day)
    figures = observed_figures(results, MONDAY, WEEK_END)
    assert figures.coverage == 1.0
    assert figures.availability == pytest.approx(2 / 3)
    assert figures.by_vantage == {"laptop": 7 * OFFICE_DAY_SEEN, "watcher": 7 * DAY}
    assert figures.checks == 7 * 288 + 7 * 108


def test_two_laptops_that_probed_different_hours_add_up():
    morning = checks("zhang", bj(0, 8), bj(0, 12))
    afternoon = checks("li", bj(0, 13), bj(0, 17))
    figures = observed_figures(morning + afternoon, bj(0), bj(1))
    seen = 4 * HOUR + 5 * 60
    assert figures.by_vantage == {"li": seen, "zhang": seen}
    assert figures.observed_s == 2 * seen
    assert figures.coverage == pytest.approx(2 * seen / DAY)
    assert figures.vantage_coverage("zhang") == pytest.approx(seen / DAY)
    assert figures.vantage_coverage("wang") == 0.0  # never probed this target


def test_two_laptops_whose_hours_overlap_give_the_union_not_the_sum():
    early = checks("zhang", bj(0, 9), bj(0, 14))  # 09:00–14:05
    late = checks("li", bj(0, 12), bj(0, 18))  # 12:00–18:05
    figures = observed_figures(early + late, bj(0), bj(1))
    assert figures.by_vantage == {"li": 6 * HOUR + 5 * 60, "zhang": 5 * HOUR + 5 * 60}
    assert figures.observed_s == 9 * HOUR + 5 * 60  # 09:00–18:05 once, not 11 h 10 min
    assert figures.availability == 1.0


# --- vantage points that disagree -----------------------------------------------------------------------------


def test_a_moment_is_up_when_any_vantage_point_reached_the_platform():
    # The laptop's own network fails 10:00–11:00; the watcher fails 10:30–10:45 only. Down is when both failed.
    laptop = checks("laptop", bj(0, 9), bj(0, 12), ok=lambda at: not bj(0, 10) <= at < bj(0, 11))
    watcher = checks("watcher", bj(0, 9), bj(0, 12), ok=lambda at: not bj(0, 10, 30) <= at < bj(0, 10, 45))
    figures = observed_figures(laptop + watcher, bj(0, 9), bj(0, 12))
    assert figures.down_s == 15 * 60
    assert figures.up_s == 3 * HOUR - 15 * 60
    assert figures.failures == 12 + 3  # every failed check still counts as one
    assert figures.coverage == 1.0


def test_disagreement_at_offset_times_is_decided_moment_by_moment():
    # The watcher checks at :00, :05 …, the laptop at :02:30, :07:30 …; the watcher fails from 10:00 on.
    watcher = checks("watcher", bj(0, 9), bj(0, 11), ok=lambda at: at < bj(0, 10))
    laptop = checks("laptop", bj(0, 9, 2) + timedelta(seconds=30), bj(0, 10, 30),
                    ok=lambda at: at < bj(0, 10, 15))
    figures = observed_figures(watcher + laptop, bj(0, 9), bj(0, 11))
    # Up until the laptop's last success (10:12:30) stops standing for the time: 10:17:30, its next (failing) check.
    assert figures.up_s == HOUR + 17 * 60 + 30
    assert figures.down_s == 2 * HOUR - figures.up_s


# --- gaps: a laptop that slept ---------------------------------------------------------------------------------


def test_a_gap_longer_than_two_intervals_is_no_data():
    before = checks("laptop", bj(0, 9), bj(0, 12))  # 09:00–11:55, covering until 12:05
    after = checks("laptop", bj(0, 14), bj(0, 16), ok=lambda _at: False)  # woke at 14:00 to a failing platform
    figures = observed_figures(before + after, bj(0, 9), bj(0, 16))
    assert figures.up_s == 3 * HOUR + 5 * 60
    assert figures.down_s == 2 * HOUR
    assert figures.no_data_s == HOUR + 55 * 60  # 12:05–14:00: neither up nor down
    assert figures.availability == pytest.approx((3 * HOUR + 5 * 60) / (5 * HOUR + 5 * 60))


def test_one_missed_sweep_is_still_covered_but_not_two():
    results = [Observation(bj(0, 9), True, 50.0, False, "laptop", FIVE),
               Observation(bj(0, 9, 10), False, None, False, "laptop", FIVE),  # one sweep missed: covered
               Observation(bj(0, 9, 30), True, 50.0, False, "laptop", FIVE)]  # three missed: 09:20–09:30 no data
    figures = observed_figures(results, bj(0, 9), bj(0, 10))
    assert figures.up_s == 10 * 60 + 10 * 60  # 09:00–09:10 and 09:30–09:40
    assert figures.down_s == 10 * 60  # 09:10–09:20
    assert figures.observed_s == 30 * 60


def test_the_bound_is_the_probers_own_interval_and_a_missing_one_is_fifteen_minutes():
    results = [Observation(bj(0, 9), True, None, False, "watcher", timedelta(minutes=20)),  # 40 min
               Observation(bj(0, 12), True, None, False, "laptop", timedelta(0)),  # "only when asked": 30 min
               Observation(bj(0, 15), True, None, False, "laptop", timedelta(minutes=-5))]  # 30 min
    figures = observed_figures(results, bj(0), bj(1))
    assert figures.by_vantage == {"laptop": 60 * 60, "watcher": 40 * 60}


def test_a_result_never_covers_past_the_end_of_the_period():
    figures = observed_figures([Observation(bj(0, 23, 55), False, None, False, "watcher", FIVE)], bj(0), bj(1))
    assert figures.down_s == 5 * 60


def test_the_last_result_before_the_period_covers_its_first_minutes_but_is_not_counted():
    results = [Observation(bj(0, 23, 50), True, 10.0, False, "watcher", FIVE),
               Observation(bj(0, 23, 55), False, None, False, "watcher", FIVE),
               Observation(bj(1, 0, 2), True, 20.0, False, "watcher", FIVE)]
    figures = observed_figures(results, bj(1), bj(1, 1))
    assert figures.down_s == 2 * 60  # 00:00–00:02, from the 23:55 failure
    assert figures.up_s == 10 * 60  # 00:02–00:12
    assert (figures.checks, figures.failures, figures.max_ms) == (1, 0, 20.0)


# --- maintenance -------------------------------------------------------------------------------------------------


def planned_work(at: datetime) -> bool:
    """The platform's nightly planned work, 02:00–04:00 Beijing time."""
    return 2 <= at.astimezone(SHANGHAI).hour < 4


NIGHTLY = [(bj(day, 2), bj(day, 4)) for day in range(7)]


def test_maintenance_spans_leave_the_period_observed_and_up_time():
    results = round_the_clock("watcher", ok=lambda at: not planned_work(at))
    unplanned = observed_figures(results, MONDAY, WEEK_END)
    assert unplanned.availability == pytest.approx(22 / 24)

    figures = observed_figures(results, MONDAY, WEEK_END, NIGHTLY)
    assert figures.period_s == 7 * DAY
    assert figures.maintenance_s == 7 * 2 * HOUR
    assert figures.observed_s == 7 * 22 * HOUR
    assert figures.down_s == 0.0
    assert (figures.availability, figures.coverage) == (1.0, 1.0)
    assert (figures.checks, figures.failures, figures.maintenance_checks) == (7 * 264, 0, 7 * 24)


def test_results_flagged_in_maintenance_count_as_maintenance_without_spans():
    results = round_the_clock("watcher", ok=lambda at: not planned_work(at), flagged=planned_work)
    assert observed_figures(results, MONDAY, WEEK_END) == observed_figures(results, MONDAY, WEEK_END, NIGHTLY)


def test_a_flagged_result_makes_its_time_maintenance_for_every_vantage_point():
    watcher = checks("watcher", bj(0, 1), bj(0, 5), ok=lambda at: not planned_work(at), flagged=planned_work)
    laptop = checks("laptop", bj(0, 1), bj(0, 5), ok=lambda at: not planned_work(at))  # knew of no window
    figures = observed_figures(watcher + laptop, bj(0, 1), bj(0, 5))
    assert figures.maintenance_s == 2 * HOUR
    assert figures.down_s == 0.0
    assert figures.by_vantage == {"laptop": 2 * HOUR, "watcher": 2 * HOUR}  # seen outside maintenance only
    assert figures.failures == 24  # the laptop's failed checks stay visible as checks


def test_maintenance_nobody_watched_still_shrinks_what_coverage_is_measured_against():
    spans = [(bj(day, 0), bj(day, 6)) for day in range(7)]
    figures = observed_figures(office_hours("laptop"), MONDAY, WEEK_END, spans)
    assert figures.maintenance_s == 7 * 6 * HOUR
    assert figures.coverage == pytest.approx(OFFICE_DAY_SEEN / (18 * HOUR))


def test_a_span_is_clipped_to_the_period_and_overlapping_spans_count_once():
    spans = [(bj(0, 22), bj(1, 2)), (bj(1, 1), bj(1, 3)), (bj(1, 2, 30), bj(1, 2, 45))]
    figures = observed_figures([], bj(1), bj(2), spans)
    assert figures.maintenance_s == 3 * HOUR
    assert figures.coverage == 0.0


def test_a_check_starting_inside_a_span_counts_as_made_during_maintenance():
    results = checks("watcher", bj(0, 1), bj(0, 3), ok=lambda at: at < bj(0, 2))
    figures = observed_figures(results, bj(0, 1), bj(0, 3), [(bj(0, 2), bj(0, 3))])
    assert (figures.checks, figures.failures, figures.maintenance_checks) == (12, 0, 12)


# --- edges ---------------------------------------------------------------------------------------------------


def test_a_period_without_results_has_no_availability_and_no_coverage():
    figures = observed_figures([], MONDAY, WEEK_END)
    assert figures.availability is None
    assert figures.coverage == 0.0
    assert figures.no_data_s == 7 * DAY
    assert (figures.checks, figures.p50_ms, figures.by_vantage) == (0, None, {})


def test_a_period_all_in_maintenance_has_no_coverage_to_speak_of():
    figures = observed_figures(round_the_clock("watcher"), bj(0, 2), bj(0, 4), [(bj(0, 1), bj(0, 5))])
    assert (figures.availability, figures.coverage) == (None, None)
    assert figures.maintenance_checks == 24


def test_an_empty_period_is_allowed_and_a_backwards_one_refused():
    assert observed_figures(round_the_clock("watcher"), bj(1), bj(1)).coverage is None
    with pytest.raises(ValueError, match="before period_start"):
        observed_figures([], bj(1), bj(0))


def test_latency_percentiles_come_from_successes_outside_maintenance():
    results = [Observation(bj(0, 9, m), True, float(ms), False, "laptop", FIVE)
               for m, ms in zip(range(0, 50, 5), (10, 20, 30, 40, 50, 60, 70, 80, 90, 100), strict=True)]
    results += [Observation(bj(0, 10), False, 5000.0, False, "laptop", FIVE),  # a timeout is no latency
                Observation(bj(0, 10, 5), True, 9999.0, True, "laptop", FIVE),  # nor is a check in maintenance
                Observation(bj(0, 10, 10), True, 8888.0, False, "laptop", FIVE),  # inside a span
                Observation(bj(0, 10, 15), True, None, False, "laptop", FIVE)]  # nothing measured
    figures = observed_figures(results, bj(0, 9), bj(0, 11), [(bj(0, 10, 10), bj(0, 10, 15))])
    assert (figures.p50_ms, figures.p95_ms, figures.max_ms) == (50.0, 100.0, 100.0)
    assert (figures.checks, figures.failures, figures.maintenance_checks) == (12, 1, 2)


def test_unsorted_and_repeated_input_gives_the_same_figures():
    results = (round_the_clock("watcher", ok=up_by_day, flagged=planned_work)
               + office_hours("laptop", ok=lambda at: at.minute % 15 != 0))
    expected = observed_figures(results, MONDAY, WEEK_END, NIGHTLY)
    shuffled = results + random.Random(7).sample(results, len(results) // 3)  # a third of them synced twice
    random.Random(8).shuffle(shuffled)
    assert observed_figures(shuffled, MONDAY, WEEK_END, list(reversed(NIGHTLY))) == expected
    assert observed_figures(iter(shuffled), MONDAY, WEEK_END, NIGHTLY) == expected  # any iterable will do


def test_copies_that_disagree_keep_the_failure_whatever_their_order():
    ok = Observation(bj(0, 9), True, 10.0, False, "laptop", FIVE)
    failed = ok._replace(ok=False, latency_ms=None)
    for results in ([ok, failed], [failed, ok], [ok, failed, ok]):
        figures = observed_figures(results, bj(0, 9), bj(0, 10))
        assert (figures.checks, figures.failures, figures.down_s, figures.up_s) == (1, 1, 600.0, 0.0)


def test_the_same_start_from_two_vantage_points_is_two_checks():
    results = [Observation(bj(0, 9), True, 10.0, False, "laptop", FIVE),
               Observation(bj(0, 9), False, None, False, "watcher", FIVE)]
    figures = observed_figures(results, bj(0, 9), bj(0, 10))
    assert (figures.checks, figures.failures, figures.up_s, figures.down_s) == (2, 1, 600.0, 0.0)


def test_times_in_any_zone_are_the_same_instants():
    beijing = checks("watcher", bj(0, 9), bj(0, 12), ok=lambda at: at.hour != 10)
    utc = [r._replace(started_at=r.started_at.astimezone(UTC)) for r in beijing]
    assert observed_figures(utc, bj(0, 9).astimezone(UTC), bj(0, 12)) == observed_figures(beijing, bj(0, 9), bj(0, 12))


def test_naive_datetimes_are_refused_naming_the_field():
    good = Observation(bj(0, 9), True)
    naive = Observation(datetime(2025, 3, 3, 9, 5), True)
    with pytest.raises(ValueError, match=r"started_at of result 1 .* no time zone"):
        observed_figures([good, naive], bj(0), bj(1))
    with pytest.raises(ValueError, match=r"period_start .* no time zone"):
        observed_figures([good], datetime(2025, 3, 3), bj(1))
    with pytest.raises(ValueError, match=r"period_end .* no time zone"):
        observed_figures([good], bj(0), datetime(2025, 3, 4))
    with pytest.raises(ValueError, match=r"end of maintenance span 0 .* no time zone"):
        observed_figures([good], bj(0), bj(1), [(bj(0, 2), datetime(2025, 3, 3, 4))])
    with pytest.raises(TypeError, match="started_at of result 0 must be a datetime"):
        observed_figures([Observation("2025-03-03 09:00", True)], bj(0), bj(1))  # type: ignore[arg-type]


def test_a_span_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="maintenance span 0 ends"):
        observed_figures([], bj(0), bj(1), [(bj(0, 4), bj(0, 2))])


def test_a_database_row_becomes_an_observation_as_it_is():
    row = (bj(0, 9), True, 120.0, False, "watcher", 300)  # the store keeps the interval in seconds, 0 for one-off
    assert observed_figures([Observation(*row)], bj(0, 9), bj(0, 10)).up_s == 600.0
    one_off = (bj(0, 9), False, None, False, "", 0)
    assert observed_figures([Observation(*one_off)], bj(0, 9), bj(0, 10)).down_s == 1800.0


# --- a platform -------------------------------------------------------------------------------------------------


def test_a_platform_adds_its_targets_time_up_not_their_percentages():
    portal = observed_figures(round_the_clock("watcher", ok=up_by_day), MONDAY, WEEK_END)  # 2/3, all week
    repair = observed_figures(office_hours("laptop"), MONDAY, WEEK_END)  # 100 %, office hours only
    platform = combine([portal, repair])
    assert platform.availability == pytest.approx((portal.up_s + repair.up_s) / (7 * DAY + 7 * OFFICE_DAY_SEEN))
    assert platform.availability != pytest.approx((2 / 3 + 1) / 2)  # not the mean of the two percentages
    assert platform.coverage == pytest.approx((7 * DAY + 7 * OFFICE_DAY_SEEN) / (14 * DAY))
    assert platform.checks == portal.checks + repair.checks
    assert platform.failures == portal.failures
    assert platform.by_vantage == {"laptop": repair.observed_s, "watcher": portal.observed_s}
    assert (platform.p50_ms, platform.p95_ms, platform.max_ms) == (None, None, None)


def test_a_platform_leaves_maintenance_out_of_its_coverage():
    planned = observed_figures(round_the_clock("watcher"), MONDAY, WEEK_END, NIGHTLY)
    unwatched = observed_figures([], MONDAY, WEEK_END)
    platform = combine([planned, unwatched])
    assert platform.maintenance_s == 7 * 2 * HOUR
    assert platform.coverage == pytest.approx(22 / (22 + 24))
    assert platform.availability == 1.0


def test_a_platform_of_no_targets_has_no_figures():
    nothing = combine([])
    assert nothing == ObservedFigures(0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0, None, None, None, {})
    assert (nothing.availability, nothing.coverage) == (None, None)


# --- maintenance windows as spans ------------------------------------------------------------------------------


def test_a_daily_window_across_midnight_gives_one_span_a_night_clipped_to_the_period():
    window = MaintenanceWindow(starts_at=bj(-2, 23), duration=timedelta(hours=3), recurrence=Recurrence.DAILY)
    spans = maintenance_spans([window], "信用平台-门户", "credit", bj(0), bj(3))
    assert spans == [(bj(0), bj(0, 2)), (bj(0, 23), bj(1, 2)), (bj(1, 23), bj(2, 2)), (bj(2, 23), bj(3))]


def test_a_weekly_window_repeats_on_its_weekday_from_its_first_occurrence_until_its_last_day():
    sunday = bj(6, 2)
    window = MaintenanceWindow(starts_at=sunday, duration=timedelta(hours=2), recurrence=Recurrence.WEEKLY,
                               until=date(2025, 3, 23))
    spans = maintenance_spans([window], "审批系统-门户", "approval", bj(-14), bj(35))
    assert spans == [(sunday + timedelta(weeks=w), sunday + timedelta(weeks=w, hours=2)) for w in range(3)]


def test_only_windows_that_apply_to_the_target_give_spans_and_overlaps_merge():
    credit = MaintenanceWindow(starts_at=bj(0, 1), duration=timedelta(hours=2), recurrence=Recurrence.DAILY,
                               platform="credit")
    portal = MaintenanceWindow(starts_at=bj(0, 2), duration=timedelta(hours=3), target_name="信用平台-门户")
    other = MaintenanceWindow(starts_at=bj(0, 12), duration=timedelta(hours=1), target_name="审批系统-门户")
    windows = [other, portal, credit]
    assert maintenance_spans(windows, "信用平台-门户", "credit", bj(0), bj(2)) == [(bj(0, 1), bj(0, 5)),
                                                                                  (bj(1, 1), bj(1, 3))]
    assert maintenance_spans(windows, "信用平台-信用修复", "credit", bj(0), bj(1)) == [(bj(0, 1), bj(0, 3))]
    assert maintenance_spans(windows, "审批系统-通川区", "approval", bj(0), bj(1)) == []


def test_a_window_given_in_utc_recurs_at_its_beijing_time():
    window = MaintenanceWindow(starts_at=datetime(2025, 3, 2, 18, tzinfo=UTC), duration=timedelta(hours=1),
                               recurrence=Recurrence.DAILY)  # 02:00 Beijing time
    day_in_utc = datetime(2025, 3, 3, tzinfo=UTC)
    spans = maintenance_spans([window], "x", "credit", day_in_utc, day_in_utc + timedelta(days=1))
    assert spans == [(bj(1, 2), bj(1, 3))]  # 2025-03-03 18:00 UTC; the 02:00 of the 3rd was 2 March UTC


@pytest.mark.parametrize("window", [
    MaintenanceWindow(starts_at=bj(0, 22, 30), duration=timedelta(minutes=90)),
    MaintenanceWindow(starts_at=bj(-3, 23), duration=timedelta(hours=3), recurrence=Recurrence.DAILY,
                      until=date(2025, 3, 5)),
    MaintenanceWindow(starts_at=bj(2, 12), duration=timedelta(minutes=30), recurrence=Recurrence.DAILY),
    MaintenanceWindow(starts_at=bj(-3, 20), duration=timedelta(days=2, hours=6), recurrence=Recurrence.WEEKLY),
    MaintenanceWindow(starts_at=datetime(2025, 3, 1, 18, tzinfo=UTC), duration=timedelta(hours=2),
                      recurrence=Recurrence.WEEKLY, until=date(2025, 3, 9)),
])
def test_spans_agree_with_in_maintenance_minute_by_minute(window):
    start, end = bj(0), bj(10)
    spans = maintenance_spans([window], "t", "p", start, end)
    minute = start
    while minute < end:
        inside = any(s <= minute < e for s, e in spans)
        assert inside == in_maintenance([window], "t", "p", minute), minute
        minute += timedelta(minutes=1)


def test_spans_feed_the_figures():
    window = MaintenanceWindow(starts_at=bj(0, 2), duration=timedelta(hours=2), recurrence=Recurrence.DAILY)
    spans = maintenance_spans([window], "信用平台-门户", "credit", MONDAY, WEEK_END)
    assert spans == NIGHTLY
    results = round_the_clock("watcher", ok=lambda at: not planned_work(at))
    assert observed_figures(results, MONDAY, WEEK_END, spans).availability == 1.0


def test_naive_period_for_spans_is_refused():
    with pytest.raises(ValueError, match=r"period_end .* no time zone"):
        maintenance_spans([], "t", "p", bj(0), datetime(2025, 3, 4))


# --- properties: the rule against a minute-by-minute count ---------------------------------------------------
#
# With every start, interval and span on whole minutes, asking minute by minute which results cover it is a slow
# but obviously right reading of the rule; the sweep must give exactly the same seconds.

PERIOD_MINUTES = 360
VANTAGES = ("watcher", "zhang", "li")


def at_minute(minute: int) -> datetime:
    return bj(0, 0, 0) + timedelta(minutes=minute)


observations = st.builds(
    lambda minute, ok, flagged, vantage, interval: Observation(
        at_minute(minute), ok, float(minute % 7) * 10 if ok else None, flagged, vantage, timedelta(minutes=interval)),
    st.integers(-40, PERIOD_MINUTES + 20), st.booleans(), st.sampled_from([False, False, False, True]),
    st.sampled_from(VANTAGES), st.sampled_from([0, 1, 3, 5, 15, -1]))
histories = st.lists(observations, max_size=60, unique_by=lambda r: (r.vantage, r.started_at))
span_lists = st.lists(st.tuples(st.integers(-30, PERIOD_MINUTES + 30), st.integers(0, 90)), max_size=4).map(
    lambda pairs: [(at_minute(s), at_minute(s + length)) for s, length in pairs])


def minute_by_minute(results: list[Observation], spans: list[tuple[datetime, datetime]]) -> dict[str, object]:
    """The rule read literally, one minute at a time."""
    own: dict[str, list[Observation]] = {}
    for r in sorted(results, key=lambda r: r.started_at):
        own.setdefault(r.vantage, []).append(r)

    def covering(minute: datetime) -> list[Observation]:
        found = []
        for rows in own.values():
            for i, r in enumerate(rows):
                interval = r.interval if r.interval > timedelta(0) else timedelta(minutes=15)
                until = r.started_at + 2 * interval
                if i + 1 < len(rows):
                    until = min(until, rows[i + 1].started_at)
                if r.started_at <= minute < until:
                    found.append(r)
        return found

    maintenance = up = down = 0
    seen = dict.fromkeys(own, 0)
    for m in range(PERIOD_MINUTES):
        minute = at_minute(m)
        cover = covering(minute)
        if any(s <= minute < e for s, e in spans) or any(r.in_maintenance for r in cover):
            maintenance += 60
            continue
        for r in cover:
            seen[r.vantage] += 60
        if any(r.ok for r in cover):
            up += 60
        elif cover:
            down += 60
    counted = [r for r in results if at_minute(0) <= r.started_at < at_minute(PERIOD_MINUTES)]
    during = [r.in_maintenance or any(s <= r.started_at < e for s, e in spans) for r in counted]
    return {"maintenance_s": maintenance, "up_s": up, "down_s": down, "by_vantage": seen,
            "checks": during.count(False), "maintenance_checks": during.count(True),
            "failures": sum(1 for r, d in zip(counted, during, strict=True) if not r.ok and not d)}


@settings(max_examples=150, deadline=None, database=None, derandomize=True)
@given(histories, span_lists)
def test_the_sweep_agrees_with_a_minute_by_minute_reading_of_the_rule(results, spans):
    figures = observed_figures(results, at_minute(0), at_minute(PERIOD_MINUTES), spans)
    expected = minute_by_minute(results, spans)
    assert {key: getattr(figures, key) for key in expected} == expected


moments = st.integers(-3_600_000, 90_000_000).map(lambda ms: at_minute(0) + timedelta(milliseconds=ms))
any_observations = st.builds(Observation, moments, st.booleans(), st.none() | st.floats(0, 10_000),
                             st.booleans(), st.sampled_from(VANTAGES),
                             st.integers(-60, 7200).map(lambda s: timedelta(seconds=s)))
any_spans = st.lists(st.tuples(moments, st.integers(0, 20_000_000)), max_size=5).map(
    lambda pairs: [(s, s + timedelta(milliseconds=length)) for s, length in pairs])


@settings(max_examples=150, deadline=None, database=None, derandomize=True)
@given(st.lists(any_observations, max_size=80), any_spans, moments, st.integers(0, 90_000_000))
def test_up_and_down_make_the_observed_time_and_coverage_is_a_share(results, spans, start, length_ms):
    end = start + timedelta(milliseconds=length_ms)
    figures = observed_figures(results, start, end, spans)
    assert figures.up_s + figures.down_s == figures.observed_s
    assert figures.up_s >= 0 and figures.down_s >= 0
    assert figures.observed_s <= figures.period_s - figures.maintenance_s + 1e-6
    assert 0 <= figures.maintenance_s <= figures.period_s + 1e-6
    assert all(0 <= seen <= figures.observed_s + 1e-6 for seen in figures.by_vantage.values())
    if figures.coverage is not None:
        assert 0 <= figures.coverage <= 1
    if figures.availability is not None:
        assert 0 <= figures.availability <= 1
    assert figures.checks + figures.maintenance_checks <= len(results)
