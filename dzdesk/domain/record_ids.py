"""Ids of the records every laptop of a team makes alike: the default probe targets, the approval indicators and
their figures, and the team's settings.

Two laptops that make the same record offline must give it the same id, or the team would hold it twice; two teams
must give it different ids, or the first team to sync would own it and every other team's edit would be refused.
So the id is derived from what the record is and from the team. A laptop that has not yet signed in to a hub has
no team (the empty name), which gives the ids every version of dzdesk gave before teams were part of them: those
records are renamed to their team's ids at the first sync (`dzdesk.store.team_records`), and the hub renamed its
own when it was upgraded.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

_PROBE_DEFAULTS = uuid.UUID("8f1d2b9e-5c43-4c1e-9a37-2d6f0b7e4a10")
_INDICATORS = uuid.UUID("4b8c5a3e-2f61-4d8a-9c0e-7a1b3d5f9e21")
_TEAM_SETTINGS = uuid.UUID("0c6f3e2a-91d4-4b7e-8a55-3f2d1c9b7e64")
_SEPARATOR = "\x1f"  # a control character no team name or record key holds


def _team_scoped(namespace: uuid.UUID, text: str, team: str) -> str:
    return str(uuid.uuid5(namespace, f"{team}{_SEPARATOR}{text}" if team else text))


def default_target_id(name: str, team: str = "") -> str:
    """The id of the default probe target first named `name` (renaming it later keeps the id)."""
    return _team_scoped(_PROBE_DEFAULTS, f"probe-target:{name}", team)


def indicator_id(*parts: str, team: str = "") -> str:
    """The id of an indicator definition ("indicator", code), a month's figure ("value", month, area, code) or a
    note on a flag ("note", month, area, code, kind)."""
    return _team_scoped(_INDICATORS, "|".join(parts), team)


def team_setting_id(team: str, key: str) -> str:
    """The id of one of a team's settings: one record per team and key, whichever lead writes it first."""
    return str(uuid.uuid5(_TEAM_SETTINGS, f"{team}{_SEPARATOR}{key}"))


# Entities whose records may have ids made under no team, and so are renamed when their team is known.
TEAM_KEYED = ("probe_targets", "indicator_definitions", "indicator_values", "indicator_notes")
_INDICATOR_PARTS = {
    "indicator_definitions": ("indicator", ("code",)),
    "indicator_values": ("value", ("month", "area", "code")),
    "indicator_notes": ("note", ("month", "area", "code", "kind")),
}


def legacy_target_ids(names: Iterable[str]) -> dict[str, str]:
    """The id each default target name gives under no team, mapped to the name."""
    return {default_target_id(name): name for name in names}


def team_keyed_id(entity: str, record_id: str, fields: Mapping[str, Any], team: str,
                  legacy_targets: Mapping[str, str]) -> str | None:
    """The id in `team` of a record whose id was made under no team, or None when its id is not such an id (a
    record made by hand has a random id, and keeps it). `fields` are the record's values; `legacy_targets` maps the
    no-team ids of the default target names to those names (`legacy_target_ids`), since a default target renamed
    since keeps the id of its first name."""
    if not team:
        return None
    if entity == "probe_targets":
        name = legacy_targets.get(record_id)
        if name is None and record_id == default_target_id(str(fields.get("name", ""))):
            name = str(fields.get("name", ""))
        return None if name is None else default_target_id(name, team)
    shape = _INDICATOR_PARTS.get(entity)
    if shape is None:
        return None
    kind, names = shape
    parts = (kind, *(str(fields.get(name, "")) for name in names))
    return indicator_id(*parts, team=team) if record_id == indicator_id(*parts) else None
