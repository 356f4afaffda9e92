"""A working calendar as team settings: one setting per day, per complete year and for the hours, read back whole,
and every setting the hub could be sent checked in words."""

from datetime import date

import pytest

from dzdesk.domain.working_calendar import (
    HOURS_KEY,
    WorkingCalendar,
    from_settings,
    setting_problem,
    to_settings,
)

CALENDAR = WorkingCalendar(
    hours="08:30-12:00, 14:00-17:30",
    days_off=frozenset({date(2027, 1, 1), date(2027, 2, 8)}),
    working_days=frozenset({date(2027, 2, 13)}),
    complete_years=frozenset({2027}),
    notes={date(2027, 1, 1): "一、元旦：1月1日（周五）至3日（周日）放假，共3天。",
           date(2027, 2, 13): "2月13日（周六）上班。"},
)


def test_a_calendar_goes_to_settings_and_comes_back_whole():
    values = to_settings(CALENDAR)
    assert sorted(values) == ["calendar.day.2027-01-01", "calendar.day.2027-02-08", "calendar.day.2027-02-13",
                              "calendar.hours", "calendar.year.2027"]
    assert all(setting_problem(key, value) == "" for key, value in values.items())
    back, skipped = from_settings(values)
    assert back == CALENDAR and skipped == []
    assert back.fingerprint() == CALENDAR.fingerprint()


def test_the_fingerprint_follows_what_deadlines_depend_on_and_not_the_notes():
    assert WorkingCalendar(notes={date(2027, 1, 1): "x"}).fingerprint() == WorkingCalendar().fingerprint()
    assert WorkingCalendar(hours="9:00-12:00, 13:00-18:00").fingerprint() == WorkingCalendar().fingerprint()
    assert WorkingCalendar(days_off=frozenset({date(2027, 1, 1)})).fingerprint() != WorkingCalendar().fingerprint()
    assert WorkingCalendar(hours="09:00-17:00").fingerprint() != WorkingCalendar().fingerprint()


@pytest.mark.parametrize(("key", "value", "why"), [
    (HOURS_KEY, '"18:00-09:00"', "ends before it starts"),
    (HOURS_KEY, "09:00-18:00", "not JSON"),
    (HOURS_KEY, "[1]", "written like"),
    ("calendar.day.2027-02-30", '{"off": true, "note": ""}', "is not a date"),
    ("calendar.day.2027-02-01", '{"off": "yes", "note": ""}', "whether the day is off"),
    ("calendar.day.2027-02-01", '{"off": true}', "whether the day is off"),
    ("calendar.day.2027-02-01", '{"off": true, "note": "' + "长" * 501 + '"}', "whether the day is off"),
    ("calendar.year.2027", '{"complete": false}', "only mark the year complete"),
    ("calendar.week.2027-01", "{}", "not a setting of the working calendar"),
])
def test_a_setting_that_is_not_a_calendar_setting_is_refused_in_words(key, value, why):
    assert why in setting_problem(key, value)


def test_settings_of_a_newer_version_are_passed_over_with_why_and_the_rest_is_read():
    values = {**to_settings(CALENDAR), "calendar.week.2027-01": "{}", "alerts.channel": '"x"'}
    back, skipped = from_settings(values)
    assert back == CALENDAR
    assert skipped == ["calendar.week.2027-01 is not a setting of the working calendar"]
