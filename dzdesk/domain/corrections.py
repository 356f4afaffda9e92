"""Corrected times on the record: a change to a fault's reported, response or resolution time or to its severity
keeps who, when, the old and the new value, and a time entered long after it happened is marked as entered late
(补录). The contract is proved with these times, so the customer sees every one that was changed or filled in
afterwards, beside the value it replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local

TIME_FIELDS = ("reported_at", "responded_at", "resolved_at")
WATCHED = (*TIME_FIELDS, "severity")
FIELD_LABELS_ZH = {"reported_at": "报告时间", "responded_at": "响应时间", "resolved_at": "解决时间",
                   "severity": "故障级别"}
# A time entered this long or longer after the moment it names was entered late (补录): written down afterwards,
# not as it happened.
LATE_ENTRY = timedelta(hours=24)
LATE_LABEL_ZH = "补录"

Value = datetime | Severity | None


@dataclass(frozen=True)
class TimeEntry:
    """One line of the record: `old` and `new` as stored (a time in ISO 8601 UTC, a severity's value; "" when
    empty)."""

    field: str
    old: str
    new: str
    late: bool

    @property
    def corrected(self) -> bool:
        """A value that was there was changed (rather than one entered for the first time)."""
        return bool(self.old)


def stored_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Severity):
        return value.value
    return value.isoformat()


def entries(before: Mapping[str, Value] | None, after: Mapping[str, Value], now: datetime) -> list[TimeEntry]:
    """What goes on the record when a fault's watched fields go from `before` (None: the fault is new) to `after`,
    at `now`: every change of a value that was set (a correction, whenever it is made), and every time entered
    `LATE_ENTRY` or more after the moment it names (补录). A severity is on the record when it is changed."""
    found: list[TimeEntry] = []
    for name in WATCHED:
        old = None if before is None else before.get(name)
        new = after.get(name)
        if old == new:
            continue
        if name == "severity":
            if before is not None:
                found.append(TimeEntry(name, stored_value(old), stored_value(new), False))
            continue
        late = isinstance(new, datetime) and now - new >= LATE_ENTRY
        if old is not None or late:
            found.append(TimeEntry(name, stored_value(old), stored_value(new), late))
    return found


def shown_value(field: str, stored: str) -> str:
    """A stored value as people read it: a time in Asia/Shanghai, a severity in Chinese, "空" for nothing."""
    if not stored:
        return "空"
    if field == "severity":
        try:
            return Severity(stored).label_zh
        except ValueError:
            return stored
    try:
        return format_local(datetime.fromisoformat(stored))
    except ValueError:
        return stored


def describe_zh(field: str, old: str, new: str, late: bool, who: str, at: datetime) -> str:
    """One line for the incident log and the annual report: `响应时间 2026-03-02 10:00 → 2026-03-02 09:30（张三
    2026-03-03 14:00 更正，补录）`."""
    label = FIELD_LABELS_ZH.get(field, field)
    what = "更正" if old else "录入"
    marks = "，".join(part for part in (f"{who or '（未署名）'} {format_local(at)} {what}",
                                        LATE_LABEL_ZH if late else "") if part)
    if old:
        return f"{label} {shown_value(field, old)} → {shown_value(field, new)}（{marks}）"
    return f"{label} {shown_value(field, new)}（{marks}）"
