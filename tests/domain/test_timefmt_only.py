"""Times shown to people go through `dzdesk.domain.timefmt` alone: no other module converts a moment to a zone
(other than UTC, for storage) or formats it with strftime or an f-string date pattern, so none can print UTC as if
it were Shanghai time. The few that do something of the kind for another reason are listed below, each with why."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from dzdesk.domain.timefmt import format_day, format_local, local_day

PACKAGE = Path(__file__).resolve().parents[2] / "dzdesk"
# A conversion to a zone other than UTC, a strftime call, or an f-string field with a strftime pattern.
SUSPECT = re.compile(r"\.astimezone\((?!UTC\))|\.strftime\(|\{[^{}\"']*:%[^{}]*\}")

# (module, text on the line) -> why it is not a time shown to people, or why it cannot go through timefmt.
ALLOWED: dict[tuple[str, str], str] = {
    ("domain/calendar.py", ".astimezone(self.tz)"): "the business calendar's arithmetic in its own zone; timefmt "
                                                     "builds on this module, so it cannot call timefmt",
    ("domain/calendar.py", "{start:%H:%M}"): "times of day of the business hours: no date, no zone",
    ("domain/sla.py", ".astimezone(reported_at.tzinfo)"): "a deadline handed back in the zone it was asked in",
    ("domain/alert_settings.py", '.strftime("%H:%M")'): "a time of day, stored as text",
    ("commands/alerts.py", ".strftime('%H:%M')"): "a time of day (the digest's), with no date or zone",
    ("domain/holiday_notice.py", ":%-m月%-d日}"): "calendar days of a holiday notice: no time, no zone",
    ("domain/holiday_notice_lines.py", "{day:%Y-%m-%d}"): "a calendar day of a holiday notice",
    ("domain/report_code.py", "{first:%Y%m%d}"): "the calendar days of a report's period, already local",
    ("ui/incidents/page.py", "{first:%Y%m%d}"): "the calendar days the user picked, in a file name",
    ("imports/table_file.py", '.strftime("%Y-%m-%d %H:%M")'): "a spreadsheet cell's own value, shown as typed",
    ("crash_report.py", '.strftime("%Y%m%d-%H%M%S-%f")'): "a UTC stamp in a file name, for machines",
    ("store/migrate.py", '.strftime("%Y%m%dT%H%M%S%fZ")'): "a UTC stamp in a backup's file name, marked Z",
    ("store/backup.py", "%Y%m%dT%H%M%S"): "a UTC stamp in a backup's file name, marked Z",
    ("demo/probes.py", '.strftime("%Y-%m-%d %H:%M:%S.%f")'): "UTC as the store's SQL text, for bulk inserts",
    ("store/plain_reader.py", ".strftime(STORED_TIME)"): "UTC as the store's SQL text, for reading with sqlite3",
}


def _hits() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module == "domain/timefmt.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SUSPECT.search(line) and not any(module == where and text in line for where, text in ALLOWED):
                found.append((module, number, line.strip()))
    return found


def test_no_module_but_timefmt_formats_or_converts_times_for_people() -> None:
    assert _hits() == [], "format times for people with dzdesk.domain.timefmt (format_local, format_day, to_local)"


def test_every_allowance_is_still_needed() -> None:
    """An entry whose line is gone is removed, so the list stays an honest account of the exceptions."""
    stale = [key for key in ALLOWED
             if not any(key[1] in line and SUSPECT.search(line)
                        for line in (PACKAGE / key[0]).read_text(encoding="utf-8").splitlines())]
    assert stale == []


def test_the_scan_sees_what_it_is_for() -> None:
    for line in ['stamp = now.astimezone(SHANGHAI)', 'now.strftime("%H:%M")', 'f"生成于 {now:%Y-%m-%d %H:%M}"']:
        assert SUSPECT.search(line), line
    assert not SUSPECT.search("value.astimezone(UTC).isoformat()")


def test_utc_is_shown_on_shanghai_s_clock() -> None:
    moment = datetime(2026, 12, 6, 20, 30, tzinfo=UTC)
    assert format_local(moment) == "2026-12-07 04:30"
    assert format_day(moment) == "2026-12-07" and local_day(moment).isoformat() == "2026-12-07"
    assert format_local(moment, "%H:%M") == "04:30"
    assert format_local(moment.replace(tzinfo=None)) == "2026-12-07 04:30", "a naive time is UTC, as stored"
    assert format_local(None) == ""
