"""Between aware Python datetimes and the Shanghai wall-clock times the date editors show."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.timefmt import to_local


def to_qdatetime(moment: datetime) -> QDateTime:
    local = to_local(moment)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime) -> datetime:
    date, time = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second(),
                    tzinfo=SHANGHAI)
