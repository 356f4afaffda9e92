"""Local records as the wire carries them: every column as a JSON value, times as ISO 8601 in UTC.

Columns that only mean something on this machine stay home (`LOCAL_ONLY`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date

from dzdesk.store import models  # noqa: F401 - registers every model with Base
from dzdesk.store.base import LOCAL_COLUMNS, Base, RecordMixin
from dzdesk.store.payloads import _columns, payload_columns, row_payload, to_payload
from dzdesk.store.types import UTCDateTime
from dzdesk.sync.protocol import ENTITIES

LOCAL_ONLY = LOCAL_COLUMNS
__all__ = ["ENTITY_MODELS", "LOCAL_ONLY", "PayloadError", "apply_payload", "changed_fields", "new_row",
           "payload_columns", "row_payload", "to_payload"]


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


class PayloadError(ValueError):
    """A pulled payload does not fit the local record; the message names the field."""


def apply_payload(record: RecordMixin, payload: dict[str, Any], fields: set[str] | None = None) -> None:
    """Sets the record's columns from `payload` (only `fields`, when given), converting and checking types."""
    for key, convert in _converters(type(record)):
        if key not in payload or (fields is not None and key not in fields):
            continue
        try:
            value = convert(payload[key])
        except (TypeError, ValueError) as exc:
            raise PayloadError(f"{type(record).__tablename__}.{key}: {exc}") from exc
        if getattr(record, key) != value:
            setattr(record, key, value)


def new_row(model: type[RecordMixin], payload: dict[str, Any]) -> dict[str, Any]:
    """The column values of a new record made from `payload`, for a plain INSERT: what `model()` followed by
    `apply_payload` would store. As there, a field that is absent or empty is left out, so the column's default
    applies; an INSERT of many rows must group them by their keys."""
    values: dict[str, Any] = {}
    for key, convert in _converters(model):
        if key not in payload:
            continue
        try:
            value = convert(payload[key])
        except (TypeError, ValueError) as exc:
            raise PayloadError(f"{model.__tablename__}.{key}: {exc}") from exc
        if value is not None:
            values[key] = value
    return values


Converter = Callable[[Any], Any]


@cache
def _converters(model: type[RecordMixin]) -> tuple[tuple[str, Converter], ...]:
    """(key, converter) of each column that travels; made once per model, since a pull converts every field."""
    return tuple((column.key, _converter(column)) for column in _columns(model))


def _converter(column: Any) -> Converter:
    """A function that turns a JSON value into the column's Python value, raising TypeError or ValueError when
    the value does not fit."""
    required = not column.nullable and column.default is None and not column.primary_key
    convert = _value_converter(column.type)

    def converter(value: Any) -> Any:
        if value is None:
            if required:
                raise ValueError("may not be empty")
            return None
        return convert(value)

    return converter


def _value_converter(kind: Any) -> Converter:
    if isinstance(kind, UTCDateTime):
        return _moment
    if isinstance(kind, Date):
        return _day
    try:
        python_type = kind.python_type
    except NotImplementedError:
        return _unchanged
    if python_type is bool:
        return _bool
    if python_type is int:
        return _int
    if python_type is float:
        return _float
    if python_type is str:
        length = getattr(kind, "length", None)
        return _text if length is None else _short_text(length)
    return _unchanged


def _moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("time without a time zone")
    return moment


def _day(value: Any) -> date:
    return date.fromisoformat(str(value))


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected a whole number")
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a number")
    return float(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _short_text(length: int) -> Converter:
    def short_text(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError("expected text")
        if len(value) > length:
            raise ValueError(f"longer than {length} characters")
        return value

    return short_text


def _unchanged(value: Any) -> Any:
    return value


def changed_fields(payload: dict[str, Any], base_json: str | None) -> list[str]:
    """Fields that differ from the last synced version; everything for a record the hub has not seen."""
    if base_json is None:
        return sorted(payload)
    base = json.loads(base_json)
    return sorted(key for key, value in payload.items() if base.get(key) != value)
