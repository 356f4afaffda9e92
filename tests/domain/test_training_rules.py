from datetime import datetime, timedelta

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.training import Attendance, RosterEntry, RosterProblem, attendance_figures, lateness

START = datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)


def test_roster_entry_rules():
    assert RosterEntry("张三", phone="139 8086 1234").normalised().phone == "13980861234"
    assert RosterEntry(" ").problems() == [RosterProblem.NAME_MISSING]
    assert RosterEntry("张" * 41, unit="单" * 121, phone="12").problems() == [
        RosterProblem.NAME_TOO_LONG, RosterProblem.UNIT_TOO_LONG, RosterProblem.PHONE_INVALID]


def test_attendance_rate_leaves_out_the_excused():
    figures = attendance_figures({
        "a": [Attendance.PRESENT, Attendance.LATE, Attendance.ABSENT, Attendance.EXCUSED],
        "b": [Attendance.LEFT_EARLY, Attendance.EXPECTED],
    })
    assert (figures.sessions, figures.attendees, figures.attended) == (2, 5, 3)
    assert figures.rate == 0.6
    assert attendance_figures({}).rate is None


def test_late_after_ten_minutes():
    assert lateness(START + timedelta(minutes=10), START) is Attendance.PRESENT
    assert lateness(START + timedelta(minutes=10, seconds=1), START) is Attendance.LATE
    assert lateness(START - timedelta(minutes=30), START) is Attendance.PRESENT
