"""Dates, months, moments, business hours and holiday lists as people type them: what is shown parses back to
the same value, and anything else is refused with a ValueError that quotes the input (or names its line).

An accepted value must also be usable: moved to UTC for the store, given a deadline, turned into a day or month
range, without an OverflowError deep in a report.

Profiles: see `tests/property/conftest.py` (``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dzdesk.domain.calendar import SHANGHAI, BusinessHours, parse_days
from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.domain.timefmt import (
    FIRST_YEAR,
    LAST_YEAR,
    day_range,
    format_local,
    iso_local,
    month_range,
    parse_day,
    parse_moment,
    parse_month,
)

days = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
# Whole minutes, as the forms show them; any offset a sender's clock might carry. From 1992: before that Beijing
# time had summer time (an hour shown twice each autumn) and, before 1901, an offset with seconds, so a moment shown
# to the minute in Beijing time could not name one instant.
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.builds(lambda d, h, m, tz: datetime.combine(d, time(h, m), tz),
                    st.dates(min_value=date(1992, 1, 1), max_value=date(LAST_YEAR, 12, 30)), st.integers(0, 23),
                    st.integers(0, 59), st.one_of(st.just(SHANGHAI), st.just(UTC), offsets))

# Text that looks like a date more often than random text does.
date_like = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789-:T +Z.W/", max_size=25),
    st.from_regex(r"-?\d{1,6}-\d{1,3}(-\d{1,3})?( \d{1,2}:\d{1,2}(:\d{1,2})?)?([+-]\d{2}:\d{2}|Z)?", fullmatch=True),
)


def usable(moment: datetime) -> None:
    """What the store and the deadline clock do with a moment the user typed."""
    moment.astimezone(UTC)
    format_local(moment)
    response_due(Severity.URGENT, moment)


@given(moment=moments)
def test_a_shown_moment_reads_back_as_the_same_instant(moment: datetime) -> None:
    assert parse_moment(format_local(moment)) == moment
    assert parse_moment(iso_local(moment) or "") == moment


@given(day=days)
def test_a_shown_day_and_month_read_back(day: date) -> None:
    assert parse_day(day.isoformat()) == day
    assert parse_month(f"{day.year:04d}-{day.month:02d}") == (day.year, day.month)
    assert parse_day(f"  {day.isoformat()}\t") == day, "spaces around a pasted date are not an error"


@given(text=date_like)
@example(text="9999-12-31T23:00-05:00")  # a real moment whose Beijing time is in the year 10000
@example(text="0001-01-01 00:00")  # before UTC can represent it
def test_any_text_is_a_usable_moment_or_refused_quoting_it(text: str) -> None:
    try:
        moment = parse_moment(text)
    except ValueError as exc:
        assert f"'{text}'" in str(exc)
        return
    assert moment.utcoffset() is not None, "a typed moment is always aware"
    usable(moment)


@given(text=date_like)
@example(text="9999-12-31")
@example(text="0001-01-01")
def test_any_text_is_a_usable_day_or_refused_quoting_it(text: str) -> None:
    try:
        day = parse_day(text)
    except ValueError as exc:
        assert f"'{text}'" in str(exc)
        return
    start, end = day_range(day, day)
    start.astimezone(UTC), end.astimezone(UTC)


@given(text=date_like)
@example(text="9999-12")
def test_any_text_is_a_usable_month_or_refused_quoting_it(text: str) -> None:
    try:
        year, month = parse_month(text)
    except ValueError as exc:
        assert f"'{text}'" in str(exc)
        return
    start, end = month_range(year, month)
    start.astimezone(UTC), end.astimezone(UTC)
    assert parse_month(f"{year:04d}-{month:02d}") == (year, month), "the shown form of a month reads back"


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "", " ", "2026/11/21",
                                  "21.11.2026", "二〇二六年十一月", "2026-11-21 25:00", "2026-11-21 14:60",
                                  "0000-01-01"])
def test_nonsense_dates_and_moments_are_refused(text: str) -> None:
    for parse in (parse_day, parse_moment):
        with pytest.raises(ValueError, match="'"):
            parse(text)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "", "2026", "2026-03-", "03-2026-", "2026-3-1", "三月"])
def test_nonsense_months_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"'{text}' is not a month like 2026-03")):
        parse_month(text)


def test_a_leap_day_is_a_day() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)


@st.composite
def business_hours(draw: st.DrawFn) -> BusinessHours:
    """One to four ordered, non-overlapping periods on the minute grid, possibly touching."""
    count = draw(st.integers(1, 4))
    minutes = sorted(draw(st.lists(st.integers(0, 23 * 60 + 59), min_size=2 * count, max_size=2 * count,
                                   unique=True)))
    periods = []
    for i in range(count):
        start, end = minutes[2 * i], minutes[2 * i + 1]
        periods.append((time(start // 60, start % 60), time(end // 60, end % 60)))
    return BusinessHours(tuple(periods))


@given(hours=business_hours(), separator=st.sampled_from([", ", ",", "，", " , "]))
def test_business_hours_read_back_as_shown(hours: BusinessHours, separator: str) -> None:
    assert BusinessHours.parse(hours.format()) == hours
    assert BusinessHours.parse(hours.format().replace(", ", separator)) == hours


@given(text=st.one_of(st.text(max_size=40), st.text(alphabet="0123456789:-–,， ", max_size=40)))
@example(text="")
@example(text="09:00-12:00, 11:00-18:00")
@example(text="18:00-09:00")
@example(text="24:00-25:00")
def test_any_text_is_business_hours_or_refused_in_words(text: str) -> None:
    try:
        hours = BusinessHours.parse(text)
    except ValueError as exc:
        assert str(exc).strip()
        return
    assert hours.periods and all(start < end for start, end in hours.periods)
    assert BusinessHours.parse(hours.format()) == hours


@given(spans=st.lists(st.tuples(days, st.integers(0, 20)), max_size=6), data=st.data())
def test_a_holiday_list_reads_as_the_days_it_names(spans: list[tuple[date, int]], data: st.DataObject) -> None:
    """A holiday notice as typed: single days and ranges (with .., ~ or ～), comments and blank lines."""
    lines, expected = [], set()
    for first, length in spans:
        last = min(first + timedelta(days=length), date(LAST_YEAR, 12, 31))
        joiner = data.draw(st.sampled_from(["..", " .. ", "~", "～"]))
        lines.append(first.isoformat() if first == last else f"{first.isoformat()}{joiner}{last.isoformat()}")
        expected.update(first + timedelta(days=n) for n in range((last - first).days + 1))
        if data.draw(st.booleans()):
            lines.append(data.draw(st.sampled_from(["", "# 春节", "   "])))
    assert parse_days("\n".join(lines)) == sorted(expected)


def one_line(text: str) -> bool:
    """Whether `text` stays one line: str.splitlines also breaks at \\x0b, \\x1c, \\u2028 and others."""
    return (text + "x").splitlines() == [text + "x"]


@given(good=st.lists(days.map(date.isoformat), max_size=4), bad=date_like.filter(one_line), data=st.data())
def test_a_bad_line_in_a_holiday_list_is_named_by_its_number(good: list[str], bad: str, data: st.DataObject) -> None:
    lines = list(good)
    position = data.draw(st.integers(0, len(lines)))
    lines.insert(position, bad)
    text = "\n".join(lines)
    try:
        parsed = parse_days(text)
    except ValueError as exc:
        assert str(exc).startswith(f"line {position + 1}: ")
        return
    assert all(isinstance(d, date) for d in parsed)
