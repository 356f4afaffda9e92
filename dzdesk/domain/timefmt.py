"""How people read and type times: Asia/Shanghai, `2026-11-21 14:05`; stored and exchanged aware, in UTC.

This is the one place a moment is turned into the wall-clock time people read: every window, PDF, spreadsheet,
alert and printed line formats through `format_local` (or its day and month forms), so a time stored in UTC is never
printed as if it were local. `tests/domain/test_timefmt_only.py` keeps it so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from dzdesk.domain.calendar import SHANGHAI

DISPLAY_FORMAT = "%Y-%m-%d %H:%M"
DAY_FORMAT = "%Y-%m-%d"
MONTH_FORMAT = "%Y-%m"
# Typed dates outside these years are refused: a year like 0001 or 9999 cannot be moved to UTC, stored, or have
# a deadline or the following day added to it without overflowing.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _check_year(text: str, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}': the year must be between {FIRST_YEAR} and {LAST_YEAR}")


def to_local(moment: datetime) -> datetime:
    """The moment on Shanghai's wall clock. A naive datetime is taken as UTC, the zone every time is stored in,
    never as the machine's own zone (which is how UTC ends up printed as if it were local time)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI)


def format_local(moment: datetime | None, pattern: str = DISPLAY_FORMAT) -> str:
    """`2026-11-21 14:05` (or `pattern`, a strftime pattern) in Asia/Shanghai; empty for no moment."""
    return "" if moment is None else to_local(moment).strftime(pattern)


def format_day(moment: datetime | None) -> str:
    """`2026-11-21`, the Shanghai day of the moment."""
    return format_local(moment, DAY_FORMAT)


def local_day(moment: datetime) -> date:
    """The Shanghai calendar day the moment falls on."""
    return to_local(moment).date()


def iso_local(moment: datetime | None) -> str | None:
    """ISO 8601 with the +08:00 offset, for JSON output."""
    return None if moment is None else to_local(moment).isoformat()


def parse_moment(text: str) -> datetime:
    """Reads ISO 8601 (`2026-11-21T14:05+08:00`, `2026-11-21 14:05`); a time without offset is Shanghai time."""
    cleaned = text.strip().replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a date and time like 2026-11-21 14:05 or 2026-11-21T14:05+08:00") from exc
    _check_year(text, value.year)
    return value.replace(tzinfo=SHANGHAI) if value.tzinfo is None else value


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a date like 2026-11-21") from exc
    _check_year(text, day.year)
    return day


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00:00, the day after last 00:00) in Shanghai time: both days included."""
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    return (datetime.combine(first, time(), SHANGHAI), datetime.combine(last + timedelta(days=1), time(), SHANGHAI))


def year_range(year: int) -> tuple[datetime, datetime]:
    return day_range(date(year, 1, 1), date(year, 12, 31))


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return day_range(first, following - timedelta(days=1))


def quarter_range(year: int, quarter: int) -> tuple[datetime, datetime]:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter}: a year has quarters 1 to 4")
    start, _end = month_range(year, 3 * quarter - 2)
    _start, end = month_range(year, 3 * quarter)
    return start, end


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) from "2026-03"."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        date(year, month, 1)
    except ValueError:
        raise ValueError(f"'{text}' is not a month like 2026-03") from None
    _check_year(text, year)
    return year, month


def format_duration(delta: timedelta, day_unit: str = " d ") -> str:
    """`2 d 03:15`, `-0:40` for overdue: compact, sortable by eye; the UI passes its own word for days."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    return f"{sign}{days}{day_unit}{hours:02d}:{minutes:02d}" if days else f"{sign}{hours}:{minutes:02d}"
