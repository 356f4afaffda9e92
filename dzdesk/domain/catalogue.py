"""The domain catalogue: platforms and their modules, districts, departments and fault severities.

It ships as data (`catalogue.toml` in this package) so that people, not code changes, keep it current; a user's
edited copy in the data directory replaces the shipped one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dzdesk.domain.severity import Severity

_SHIPPED = "catalogue.toml"


class CatalogueError(Exception):
    """A catalogue file is unreadable or incomplete; the message names the file and the field."""


@dataclass(frozen=True)
class Platform:
    code: str
    name: str
    short_name: str
    modules: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    platforms: tuple[Platform, ...]
    districts: tuple[str, ...]
    departments: tuple[str, ...]
    source: str

    @property
    def severities(self) -> tuple[Severity, ...]:
        return tuple(Severity)

    def platform(self, code: str) -> Platform:
        for platform in self.platforms:
            if platform.code == code:
                return platform
        raise KeyError(code)

    @property
    def size(self) -> int:
        """Entries in all lists together, as `dzdesk doctor` reports it."""
        modules = sum(len(p.modules) for p in self.platforms)
        return len(self.platforms) + modules + len(self.districts) + len(self.departments) + len(Severity)


def shipped_catalogue_text() -> str:
    return resources.files(__package__).joinpath(_SHIPPED).read_text(encoding="utf-8")


def load_catalogue(user_file: Path | None = None) -> Catalogue:
    """The user's catalogue when `user_file` exists, otherwise the shipped one."""
    if user_file is not None and user_file.exists():
        try:
            text = user_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogueError(f"{user_file}: cannot be read ({exc})") from exc
        return parse_catalogue(text, str(user_file))
    return parse_catalogue(shipped_catalogue_text(), "shipped")


def parse_catalogue(text: str, source: str) -> Catalogue:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: not valid TOML ({exc})") from exc
    platforms_raw = data.get("platform")
    if not isinstance(platforms_raw, list) or not platforms_raw:
        raise CatalogueError(f"{source}: no [[platform]] entries")
    platforms = tuple(_parse_platform(entry, index, source) for index, entry in enumerate(platforms_raw, 1))
    codes = [p.code for p in platforms]
    if len(set(codes)) != len(codes):
        raise CatalogueError(f"{source}: platform codes must be unique, got {codes}")
    return Catalogue(
        platforms=platforms,
        districts=_string_list(data, "districts", source),
        departments=_string_list(data, "departments", source),
        source=source,
    )


def _parse_platform(entry: Any, index: int, source: str) -> Platform:
    where = f"{source}: platform {index}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where} is not a table")
    fields = {}
    for key in ("code", "name", "short_name"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CatalogueError(f"{where}: '{key}' must be a non-empty string")
        fields[key] = value.strip()
    return Platform(modules=_string_list(entry, "modules", where), **fields)


def _string_list(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(f"{where}: '{key}' must be a non-empty list of names")
    names = tuple(v.strip() for v in value)
    if len(set(names)) != len(names):
        raise CatalogueError(f"{where}: '{key}' lists a name twice")
    return names
