"""Local records as the wire carries them: every column as a JSON value, times as ISO 8601 in UTC.

Columns that only mean something on this machine (the hub revision it is based on, the search key) stay home.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, inspect

from dzdesk.store import models  # noqa: F401 - registers every model with Base
from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.types import UTCDateTime
from dzdesk.sync.protocol import ENTITIES

LOCAL_ONLY = frozenset({"server_rev", "search_key"})


def entity_models() -> dict[str, type[RecordMixin]]:
    found: dict[str, type[RecordMixin]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, RecordMixin) and cls.__tablename__ in ENTITIES:
            found[cls.__tablename__] = cls
    missing = set(ENTITIES) - set(found)
    if missing:
        raise RuntimeError(f"no local model for synced entities {sorted(missing)}")
    return found


ENTITY_MODELS = entity_models()


def _columns(model: type[RecordMixin]) -> list[Any]:
    return [c for c in inspect(model).columns if c.key not in LOCAL_ONLY]


def to_payload(record: RecordMixin) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for column in _columns(type(record)):
        value = getattr(record, column.key)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()
        elif isinstance(value, date):
            value = value.isoformat()
        payload[column.key] = value
    return payload


class PayloadError(ValueError):
    """A pulled payload does not fit the local record; the message names the field."""


def apply_payload(record: RecordMixin, payload: dict[str, Any], fields: set[str] | None = None) -> None:
    """Sets the record's columns from `payload` (only `fields`, when given), converting and checking types."""
    for column in _columns(type(record)):
        key = column.key
        if key not in payload or (fields is not None and key not in fields):
            continue
        value = payload[key]
        try:
            value = _convert(column, value)
        except (TypeError, ValueError) as exc:
            raise PayloadError(f"{type(record).__tablename__}.{key}: {exc}") from exc
        if getattr(record, key) != value:
            setattr(record, key, value)


def _convert(column: Any, value: Any) -> Any:
    if value is None:
        if not column.nullable and column.default is None and not column.primary_key:
            raise ValueError("may not be empty")
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            raise ValueError("time without a time zone")
        return moment
    if isinstance(kind, Date):
        return date.fromisoformat(str(value))
    python_type = kind.python_type
    if python_type is bool:
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if python_type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("expected a whole number")
        return value
    if python_type is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("expected a number")
        return float(value)
    if python_type is str:
        if not isinstance(value, str):
            raise TypeError("expected text")
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise ValueError(f"longer than {length} characters")
        return value
    return value


def changed_fields(payload: dict[str, Any], base_json: str | None) -> list[str]:
    """Fields that differ from the last synced version; everything for a record the hub has not seen."""
    if base_json is None:
        return sorted(payload)
    base = json.loads(base_json)
    return sorted(key for key, value in payload.items() if base.get(key) != value)
