"""Storing and reading the approval indicators: definitions, monthly figures, notes on flags, import mappings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.domain.indicators import DEFAULT_INDICATORS, Cell, Indicator, analyse
from dzdesk.domain.record_ids import indicator_id
from dzdesk.store.account import own_team
from dzdesk.store.indicator_models import ImportMapping, IndicatorDefinition, IndicatorNote, IndicatorValue
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.outbox import APPLYING_REMOTE
from dzdesk.store.probe_repo import known_to_every_device

_DEFAULTS_ADDED = "indicator_defaults_added"


def ranked_areas(areas: tuple[str, ...] | list[str]) -> list[str]:
    """The districts that compete for a rank; the city level as a whole does not."""
    return [area for area in areas if "本级" not in area]


def ensure_default_indicators(session: Session) -> int:
    """The default set, once per database, under the same ids on every device (so they need no sync)."""
    if get_meta(session, _DEFAULTS_ADDED) is not None:
        return 0
    set_meta(session, _DEFAULTS_ADDED, "1")
    if session.scalar(select(IndicatorDefinition.id).limit(1)) is not None:
        return 0
    team = own_team(session)
    previous = session.info.get(APPLYING_REMOTE)
    session.info[APPLYING_REMOTE] = True
    try:
        records = []
        for position, indicator in enumerate(DEFAULT_INDICATORS):
            record = IndicatorDefinition(id=indicator_id("indicator", indicator.code, team=team), position=position)
            apply_indicator(record, indicator)
            session.add(record)
            records.append(record)
        session.flush()
        known_to_every_device(session, records)
    finally:
        session.info[APPLYING_REMOTE] = previous
    return len(DEFAULT_INDICATORS)


def apply_indicator(record: IndicatorDefinition, indicator: Indicator) -> None:
    values = {"code": indicator.code, "name": indicator.name, "unit": str(indicator.unit),
              "higher_is_better": indicator.higher_is_better, "target": indicator.target,
              "threshold_pct": indicator.threshold_pct, "synonyms": "、".join(indicator.synonyms)}
    for key, value in values.items():
        if getattr(record, key) != value:
            setattr(record, key, value)


def definitions(session: Session) -> list[Indicator]:
    return [r.to_indicator() for r in session.scalars(
        select(IndicatorDefinition).where(IndicatorDefinition.deleted == false())
        .order_by(IndicatorDefinition.position, IndicatorDefinition.code))]


def save_definition(session: Session, indicator: Indicator) -> IndicatorDefinition:
    record_id = indicator_id("indicator", indicator.code, team=own_team(session))
    record = session.get(IndicatorDefinition, record_id)
    if record is None:
        record = IndicatorDefinition(id=record_id, position=len(definitions(session)))
        session.add(record)
    record.deleted = False
    apply_indicator(record, indicator)
    return record


def month_values(session: Session, month: str) -> dict[tuple[str, str], float | None]:
    """(area, indicator code) → value of a month."""
    rows = session.execute(select(IndicatorValue.area, IndicatorValue.code, IndicatorValue.value).where(
        IndicatorValue.month == month, IndicatorValue.deleted == false()))
    return {(area, code): value for area, code, value in rows}


@dataclass(frozen=True)
class SaveSummary:
    added: int
    changed: int
    unchanged: int


def save_values(session: Session, month: str, values: Mapping[tuple[str, str], float | None],
                source: str) -> SaveSummary:
    """Writes a month's figures; a figure already there is replaced only when it differs."""
    added = changed = unchanged = 0
    team = own_team(session)
    for (area, code), value in values.items():
        record_id = indicator_id("value", month, area, code, team=team)
        record = session.get(IndicatorValue, record_id)
        if record is None:
            session.add(IndicatorValue(id=record_id, month=month, area=area, code=code, value=value, source=source))
            added += 1
        elif record.value == value and not record.deleted:
            unchanged += 1
        else:
            record.value, record.source, record.deleted = value, source, False
            changed += 1
    return SaveSummary(added, changed, unchanged)


def shift_month(month: str, months: int) -> str:
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_cells(session: Session, month: str, areas: list[str]) -> dict[str, list[Cell]]:
    """Indicator code → the analysed cells of every area for the month."""
    current, previous = month_values(session, month), month_values(session, shift_month(month, -1))
    year_ago = month_values(session, shift_month(month, -12))
    competing = ranked_areas(areas)
    result = {}
    for indicator in definitions(session):
        code = indicator.code
        result[code] = analyse(indicator, areas, competing, {a: current.get((a, code)) for a in areas},
                               {a: previous.get((a, code)) for a in areas}, {a: year_ago.get((a, code)) for a in areas})
    return result


def history(session: Session, code: str, area: str | None = None) -> list[tuple[str, str, float | None]]:
    """(month, area, value) of an indicator, oldest first; one area's or every area's."""
    statement = select(IndicatorValue.month, IndicatorValue.area, IndicatorValue.value).where(
        IndicatorValue.code == code, IndicatorValue.deleted == false())
    if area is not None:
        statement = statement.where(IndicatorValue.area == area)
    return [(m, a, v) for m, a, v in session.execute(statement.order_by(IndicatorValue.month, IndicatorValue.area))]


def notes(session: Session, month: str) -> dict[tuple[str, str, str], IndicatorNote]:
    return {(n.area, n.code, n.kind): n for n in session.scalars(
        select(IndicatorNote).where(IndicatorNote.month == month, IndicatorNote.deleted == false()))}


def save_note(session: Session, month: str, area: str, code: str, kind: str, cause: str, action: str) -> IndicatorNote:
    record_id = indicator_id("note", month, area, code, kind, team=own_team(session))
    note = session.get(IndicatorNote, record_id)
    if note is None:
        note = IndicatorNote(id=record_id, month=month, area=area, code=code, kind=kind)
        session.add(note)
    if note.cause != cause.strip():
        note.cause = cause.strip()
    if note.action != action.strip():
        note.action = action.strip()
    return note


def get_mapping(session: Session, name: str) -> dict[str, str] | None:
    row = session.get(ImportMapping, name)
    return None if row is None else json.loads(row.mapping)


def save_mapping(session: Session, name: str, mapping: Mapping[str, str]) -> None:
    session.merge(ImportMapping(name=name, mapping=json.dumps(dict(mapping), ensure_ascii=False, sort_keys=True)))


def mapping_names(session: Session) -> list[str]:
    return list(session.scalars(select(ImportMapping.name).order_by(ImportMapping.name)))
