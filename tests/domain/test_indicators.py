"""Approval indicators: figures as exports write them, competition ranks, and the flags a month's analysis raises."""

import pytest

from dzdesk.domain.indicators import (
    DEFAULT_INDICATORS,
    BadValueError,
    FlagKind,
    Indicator,
    Unit,
    analyse,
    change_pct,
    format_value,
    parse_value,
    ranks,
)

BY_CODE = {i.code: i for i in DEFAULT_INDICATORS}
CITY = "达州市本级"
DISTRICTS = ["通川区", "达川区", "万源市", "宣汉县"]
AREAS = [CITY, *DISTRICTS]

# Shorter is better, target 60 days, a move of more than 10 % month on month is flagged.
DAYS = Indicator("days", "审批时间", Unit.DAYS, higher_is_better=False, target=60.0, threshold_pct=10.0)
# Higher is better, target 97 %, a move of more than 3 % is flagged.
RATE = Indicator("rate", "按时办结率", Unit.PERCENT, higher_is_better=True, target=97.0, threshold_pct=3.0)
# No target at all: only moves and ranks can flag it.
COUNT = Indicator("count", "办件量", Unit.ITEMS, higher_is_better=True, target=None, threshold_pct=30.0)


def run(indicator, values, previous=None, year_ago=None, areas=AREAS, ranked=DISTRICTS):
    cells = analyse(indicator, list(areas), list(ranked), values, previous or {}, year_ago or {})
    return {cell.area: cell for cell in cells}


# --- the default set -------------------------------------------------------------------------------------------------


def test_default_set_has_six_indicators_with_unique_codes():
    assert [i.code for i in DEFAULT_INDICATORS] == ["approval_days", "items_handled", "on_time_rate", "online_rate",
                                                    "overdue_items", "satisfaction_rate"]
    assert not BY_CODE["approval_days"].higher_is_better and not BY_CODE["overdue_items"].higher_is_better
    assert BY_CODE["satisfaction_rate"].unit is Unit.PERCENT and BY_CODE["items_handled"].target is None


# --- parse_value -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("95%", 95.0),
    ("95％", 95.0),  # a full-width percent sign, as Chinese input methods type it
    ("0.95", 95.0),  # a fraction: a decimal point and at most 1
    ("95", 95.0),
    ("1", 1.0),  # no decimal point: one per cent, not all of them
    ("1%", 1.0),
    ("100", 100.0),
    ("100%", 100.0),
    ("0.5", 50.0),
    ("0", 0.0),
    ("97.5", 97.5),
    (" 98.6 % ", 98.6),
    ("0.9876", 98.76),
])
def test_percentages_in_every_form_exports_use(text, expected):
    assert parse_value(text, Unit.PERCENT) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["101%", "101", "-3", "-0.5", "150％"])
def test_percentages_outside_0_to_100_are_refused(text):
    with pytest.raises(BadValueError, match="between 0 and 100") as raised:
        parse_value(text, Unit.PERCENT)
    assert text.strip() in str(raised.value)


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("1,234", Unit.ITEMS, 1234.0),
    ("1，234", Unit.ITEMS, 1234.0),  # a full-width comma
    ("12件", Unit.ITEMS, 12.0),
    ("45天", Unit.DAYS, 45.0),
    ("45.5天", Unit.DAYS, 45.5),
    ("45日", Unit.DAYS, 45.0),
    ("0", Unit.ITEMS, 0.0),
    ("0.5", Unit.DAYS, 0.5),  # no fraction rule outside percentages
    ("1 234", Unit.ITEMS, 1234.0),
])
def test_counts_with_separators_and_units(text, unit, expected):
    assert parse_value(text, unit) == expected


def test_a_count_is_not_a_percentage_and_not_negative():
    with pytest.raises(BadValueError, match="is a percentage"):
        parse_value("12%", Unit.ITEMS)
    with pytest.raises(BadValueError, match="negative"):
        parse_value("-3", Unit.DAYS)


@pytest.mark.parametrize("text", ["abc", "N/A", "五十", "待统计", "12..5", "1.2.3", "95%%", "%"])
@pytest.mark.parametrize("unit", list(Unit))
def test_text_is_refused_naming_what_was_found(text, unit):
    with pytest.raises(BadValueError) as raised:
        parse_value(text, unit)
    assert f"'{text}'" in str(raised.value)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("text", ["", "   ", "—", "-", "/", " — "])
@pytest.mark.parametrize("unit", list(Unit))
def test_empty_or_a_dash_is_a_missing_figure(text, unit):
    assert parse_value(text, unit) is None


def test_values_are_rounded_to_four_places():
    assert parse_value("0.123456", Unit.PERCENT) == 12.3456
    assert parse_value("3.14159265", Unit.DAYS) == 3.1416


# --- change_pct, format_value -----------------------------------------------------------------------------------------


def test_change_pct():
    assert change_pct(110, 100) == pytest.approx(10.0)
    assert change_pct(90, 100) == pytest.approx(-10.0)
    assert change_pct(5, None) is None and change_pct(None, 5) is None
    assert change_pct(5, 0) is None  # no relative change from nothing


def test_format_value():
    assert format_value(None, Unit.PERCENT) == "—"
    assert format_value(97.26, Unit.PERCENT) == "97.3%"
    assert format_value(95, Unit.PERCENT) == "95.0%"
    assert format_value(12.0, Unit.ITEMS) == "12"
    assert format_value(45.5, Unit.DAYS) == "45.5"


# --- ranks ------------------------------------------------------------------------------------------------------------


def test_ranks_share_the_better_place_on_ties():
    values = {"a": 99.0, "b": 97.0, "c": 97.0, "d": 90.0}
    assert ranks(values, higher_is_better=True) == {"a": 1, "b": 2, "c": 2, "d": 4}


def test_ranks_by_direction():
    values = {"a": 40.0, "b": 55.0, "c": 55.0, "d": 70.0}
    assert ranks(values, higher_is_better=False) == {"a": 1, "b": 2, "c": 2, "d": 4}
    assert ranks(values, higher_is_better=True) == {"d": 1, "b": 2, "c": 2, "a": 4}


def test_areas_without_a_value_are_not_ranked():
    assert ranks({"a": 1.0, "b": None, "c": 3.0}, higher_is_better=True) == {"c": 1, "a": 2}
    assert ranks({"a": None}, higher_is_better=True) == {}
    assert ranks({}, higher_is_better=False) == {}


def test_a_tie_for_first():
    assert ranks({"a": 5.0, "b": 5.0, "c": 4.0}, higher_is_better=True) == {"a": 1, "b": 1, "c": 3}


# --- analyse: MOVED ---------------------------------------------------------------------------------------------------


def test_moved_beyond_the_threshold_is_flagged_in_both_directions():
    cells = run(DAYS, {"通川区": 55.5, "达川区": 44.0, "万源市": 52.0, "宣汉县": 50.0},
                previous={"通川区": 50.0, "达川区": 50.0, "万源市": 50.0, "宣汉县": 50.0})
    assert FlagKind.MOVED in cells["通川区"].flags  # +11 %
    assert FlagKind.MOVED in cells["达川区"].flags  # −12 %
    assert FlagKind.MOVED not in cells["万源市"].flags  # +4 %
    assert FlagKind.MOVED not in cells["宣汉县"].flags


@pytest.mark.parametrize(("current", "previous"), [(55.0, 50.0), (45.0, 50.0), (110.0, 100.0), (33.0, 30.0)])
def test_a_move_of_exactly_the_threshold_is_not_flagged(current, previous):
    cells = run(DAYS, {"通川区": current}, previous={"通川区": previous})
    assert FlagKind.MOVED not in cells["通川区"].flags
    assert cells["通川区"].mom_pct == pytest.approx(10.0 if current > previous else -10.0)


def test_a_percentage_at_exactly_its_threshold_is_not_flagged():
    # 3 % of 96 is 2.88: 98.88 is exactly the threshold, 98.9 is beyond it
    cells = run(RATE, {"通川区": 98.88, "达川区": 98.9}, previous={"通川区": 96.0, "达川区": 96.0})
    assert FlagKind.MOVED not in cells["通川区"].flags
    assert FlagKind.MOVED in cells["达川区"].flags


def test_no_previous_month_means_no_move():
    cells = run(DAYS, {"通川区": 90.0, "达川区": 40.0}, previous={"达川区": None})
    assert all(FlagKind.MOVED not in c.flags for c in cells.values())
    assert cells["通川区"].previous is None and cells["通川区"].mom_pct is None


def test_a_previous_month_of_zero_means_no_move():
    cells = run(COUNT, {"通川区": 12.0}, previous={"通川区": 0.0})
    assert cells["通川区"].mom_pct is None and FlagKind.MOVED not in cells["通川区"].flags


def test_a_missing_current_value_has_no_flags():
    cells = run(DAYS, {"通川区": 50.0, "达川区": 90.0}, previous={"宣汉县": 50.0})
    assert cells["宣汉县"].value is None and cells["宣汉县"].flags == () and cells["宣汉县"].rank is None


# --- analyse: MISSED_TARGET -------------------------------------------------------------------------------------------


def test_missed_target_follows_the_direction():
    days = run(DAYS, {"通川区": 61.0, "达川区": 60.0, "万源市": 59.0})
    assert FlagKind.MISSED_TARGET in days["通川区"].flags  # longer than 60 days
    assert FlagKind.MISSED_TARGET not in days["达川区"].flags  # exactly the target
    assert FlagKind.MISSED_TARGET not in days["万源市"].flags
    rates = run(RATE, {"通川区": 96.9, "达川区": 97.0, "万源市": 99.0})
    assert FlagKind.MISSED_TARGET in rates["通川区"].flags  # lower than 97 %
    assert FlagKind.MISSED_TARGET not in rates["达川区"].flags
    assert FlagKind.MISSED_TARGET not in rates["万源市"].flags


def test_distance_to_target_is_positive_on_the_good_side():
    days = run(DAYS, {"通川区": 50.0, "达川区": 65.0})
    assert days["通川区"].to_target == 10.0 and days["达川区"].to_target == -5.0
    rates = run(RATE, {"通川区": 99.0, "达川区": 95.0})
    assert rates["通川区"].to_target == pytest.approx(2.0) and rates["达川区"].to_target == pytest.approx(-2.0)


def test_an_indicator_without_a_target_never_misses_it():
    cells = run(COUNT, {"通川区": 0.0, "达川区": 1.0})
    assert all(FlagKind.MISSED_TARGET not in c.flags for c in cells.values())
    assert cells["通川区"].to_target is None


# --- analyse: LAST and ranks ------------------------------------------------------------------------------------------


def test_last_is_the_worst_of_the_districts_by_direction():
    days = run(DAYS, {CITY: 100.0, "通川区": 40.0, "达川区": 50.0, "万源市": 55.0, "宣汉县": 45.0})
    assert [a for a, c in days.items() if FlagKind.LAST in c.flags] == ["万源市"]  # the longest time
    counts = run(COUNT, {CITY: 1.0, "通川区": 40.0, "达川区": 50.0, "万源市": 55.0, "宣汉县": 45.0})
    assert [a for a, c in counts.items() if FlagKind.LAST in c.flags] == ["通川区"]  # the fewest items


def test_the_city_level_never_ranks_nor_is_last():
    cells = run(COUNT, {CITY: 1.0, "通川区": 40.0, "达川区": 50.0})
    assert cells[CITY].rank is None and FlagKind.LAST not in cells[CITY].flags
    assert cells["达川区"].rank == 1 and cells["通川区"].rank == 2
    assert all(c.ranked == 2 for c in cells.values())


def test_ranks_in_cells_share_ties():
    cells = run(RATE, {"通川区": 99.0, "达川区": 98.0, "万源市": 98.0, "宣汉县": 97.5})
    assert [cells[a].rank for a in DISTRICTS] == [1, 2, 2, 4]
    assert cells["宣汉县"].ranked == 4


def test_everyone_tied_for_last_is_not_flagged():
    cells = run(DAYS, {CITY: 10.0, "通川区": 50.0, "达川区": 50.0, "万源市": 50.0, "宣汉县": 50.0})
    assert all(FlagKind.LAST not in c.flags for c in cells.values())
    assert {cells[a].rank for a in DISTRICTS} == {1}


def test_areas_tied_for_last_are_all_flagged():
    cells = run(COUNT, {"通川区": 40.0, "达川区": 50.0, "万源市": 40.0, "宣汉县": 45.0})
    assert sorted(a for a, c in cells.items() if FlagKind.LAST in c.flags) == ["万源市", "通川区"]
    assert cells["通川区"].rank == cells["万源市"].rank == 3


def test_a_single_ranked_district_is_not_last():
    cells = run(COUNT, {CITY: 1.0, "通川区": 40.0})
    assert cells["通川区"].rank == 1 and cells["通川区"].ranked == 1
    assert FlagKind.LAST not in cells["通川区"].flags


def test_a_district_without_a_value_is_not_ranked_and_not_last():
    cells = run(COUNT, {"通川区": 40.0, "达川区": 50.0, "万源市": None})
    assert cells["万源市"].rank is None and FlagKind.LAST not in cells["万源市"].flags
    assert FlagKind.LAST in cells["通川区"].flags and cells["通川区"].ranked == 2


def test_flags_combine_in_a_fixed_order():
    cells = run(DAYS, {"通川区": 80.0, "达川区": 50.0}, previous={"通川区": 50.0})
    assert cells["通川区"].flags == (FlagKind.MOVED, FlagKind.MISSED_TARGET, FlagKind.LAST)
    assert cells["达川区"].flags == ()


# --- analyse: month on month, year on year ----------------------------------------------------------------------------


def test_mom_and_yoy_percentages():
    cells = run(COUNT, {"通川区": 120.0, "达川区": 80.0}, previous={"通川区": 100.0, "达川区": 100.0},
                year_ago={"通川区": 60.0})
    tc, dc = cells["通川区"], cells["达川区"]
    assert tc.previous == 100.0 and tc.year_ago == 60.0
    assert tc.mom_pct == pytest.approx(20.0) and tc.yoy_pct == pytest.approx(100.0)
    assert dc.mom_pct == pytest.approx(-20.0) and dc.yoy_pct is None


def test_one_cell_per_area_in_the_given_order():
    cells = analyse(DAYS, list(reversed(AREAS)), DISTRICTS, {}, {}, {})
    assert [c.area for c in cells] == list(reversed(AREAS))
    assert all(c.value is None and c.rank is None and c.flags == () and c.ranked == 0 for c in cells)
    assert all(c.indicator is DAYS for c in cells)
