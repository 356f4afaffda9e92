"""What goes on a fault's record: every corrected time or severity, and every time entered late (补录)."""

from datetime import datetime, timedelta

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.corrections import LATE_ENTRY, TimeEntry, describe_zh, entries
from dzdesk.domain.severity import Severity


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


REPORTED = sh(2026, 11, 20, 9, 0)
NOW = sh(2026, 11, 20, 10, 0)


def watched(**values):
    return {"reported_at": REPORTED, "responded_at": None, "resolved_at": None, "severity": Severity.MINOR} | values


def test_a_fault_recorded_as_it_happens_puts_nothing_on_the_record():
    assert entries(None, watched(), NOW) == []
    assert entries(watched(), watched(responded_at=NOW), NOW) == []  # a first entry, at once


def test_a_fault_recorded_a_day_after_it_was_reported_is_marked_as_entered_late():
    late = REPORTED + LATE_ENTRY
    assert entries(None, watched(), late) == [TimeEntry("reported_at", "", REPORTED.isoformat(), True)]
    assert entries(None, watched(), late - timedelta(seconds=1)) == []


def test_every_correction_keeps_the_old_and_the_new_value_and_a_severity_change_is_on_the_record():
    before = watched(responded_at=sh(2026, 11, 20, 9, 40))
    after = watched(responded_at=sh(2026, 11, 20, 9, 20), severity=Severity.MAJOR)
    assert entries(before, after, NOW) == [
        TimeEntry("responded_at", before["responded_at"].isoformat(), after["responded_at"].isoformat(), False),
        TimeEntry("severity", "MINOR", "MAJOR", False)]
    # Taking a resolution time back out is a correction to nothing.
    resolved = watched(responded_at=NOW, resolved_at=NOW)
    [cleared] = entries(resolved, watched(responded_at=NOW), NOW)
    assert (cleared.field, cleared.old, cleared.new, cleared.corrected) == ("resolved_at", NOW.isoformat(), "", True)


def test_the_chinese_line_says_who_when_the_old_and_the_new_value_and_the_late_mark():
    at = sh(2026, 11, 22, 14, 0)
    corrected = describe_zh("responded_at", sh(2026, 11, 20, 9, 40).isoformat(), sh(2026, 11, 20, 9, 20).isoformat(),
                            True, "张伟", at)
    assert corrected == "响应时间 2026-11-20 09:40 → 2026-11-20 09:20（张伟 2026-11-22 14:00 更正，补录）"
    assert describe_zh("severity", "MINOR", "MAJOR", False, "李娜", at) == \
        "故障级别 一般故障 → 重要故障（李娜 2026-11-22 14:00 更正）"
    assert describe_zh("reported_at", "", REPORTED.isoformat(), True, "", at) == \
        "报告时间 2026-11-20 09:00（（未署名） 2026-11-22 14:00 录入，补录）"
