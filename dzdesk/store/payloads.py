"""A local record's payload: every column that travels as a JSON value, times as ISO 8601 in UTC.

The store keeps it because it is about the tables (which columns mean something only here, `LOCAL_COLUMNS`), and
a sync base written for records every laptop makes alike needs it; sync sends it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import inspect

from dzdesk.store.base import LOCAL_COLUMNS, RecordMixin


@cache
def _columns(model: type[RecordMixin]) -> tuple[Any, ...]:
    """The columns that travel, in mapper order; cached, since a sync asks for them once per record."""
    return tuple(c for c in inspect(model).columns if c.key not in LOCAL_COLUMNS)


def payload_columns(model: type[RecordMixin]) -> tuple[Any, ...]:
    """The table columns a payload is made of, for selecting records without building ORM objects."""
    return tuple(model.__table__.c[c.key] for c in _columns(model))


def _wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _holds_dates(column: Any) -> bool:
    """False only for columns known to hold plain JSON values (a TypeDecorator may not say what it holds)."""
    try:
        return column.type.python_type not in (str, int, float, bool)
    except NotImplementedError:
        return True


@cache
def _wire_columns(model: type[RecordMixin]) -> tuple[tuple[str, bool], ...]:
    """(key, whether its values need converting for the wire): most columns hold JSON values as they are."""
    return tuple((column.key, _holds_dates(column)) for column in _columns(model))


def to_payload(record: RecordMixin) -> dict[str, Any]:
    return {key: _wire(getattr(record, key)) if dated else getattr(record, key)
            for key, dated in _wire_columns(type(record))}


def row_payload(model: type[RecordMixin], row: Any) -> dict[str, Any]:
    """The payload of a record read as a plain row of `payload_columns(model)`: the same as `to_payload` of the
    record, without the cost of an ORM object per record."""
    mapping = row._mapping
    return {key: _wire(mapping[key]) if dated else mapping[key] for key, dated in _wire_columns(model)}
