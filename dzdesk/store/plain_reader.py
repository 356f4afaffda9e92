"""Reads named statements with Python's own `sqlite3`, before SQLAlchemy is imported.

The window's first page is read at start-up while SQLAlchemy and the models (three tenths of a second on the
2-core machine) are still being imported on the loader. Its statements are the ones the store runs through
SQLAlchemy everywhere else: `statement_cache` compiles them to SQLite text once, with the types of their
parameters and columns, and keeps that in the data directory; this module runs that text and converts what it
reads the way the columns' types do (times stored in UTC come back aware, booleans as bool, days as dates), so
both ways of reading give the same values — a test compares them on the same data.

The kept text is used only where it is known to be right: written by the same sources (`source_key`: a hash of
the modules that define the statements and the models) for the same schema revision as the database's now. Any
doubt — no file, another key, another revision, an unreadable file, a database that is missing or busy —
answers None, and the page is read the usual way.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import marshal
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from dzdesk import __version__

log = logging.getLogger(__name__)
FORMAT = 1  # the layout of the kept file; a new layout makes old files unknown
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how a UTC time is stored (SQLAlchemy's SQLite DATETIME)
READ_TIMEOUT_S = 0.5  # a database this busy is read the usual way instead


class Reader(Protocol):
    """Runs a named statement with its parameters: through a session (`statement_cache.SessionReader`) or through
    `sqlite3` (`PlainReader`). Rules that read through it run on either."""

    def rows(self, name: str, **params: Any) -> list[tuple[Any, ...]]: ...


class Tag:
    """What a parameter or column holds, when it is not stored as Python reads it back."""

    UTC = "utc"
    DATE = "date"
    BOOL = "bool"
    PLAIN = ""


def source_key(modules: Iterable[str]) -> str:
    """A hash of the source files of `modules` (found, not imported) and of this module's rules: kept statements
    compiled from other sources are not used."""
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for name in (__name__, *modules):
        digest.update(name.encode())
        digest.update(_code_of(name))
    return digest.hexdigest()


def compiled_from(kept: Mapping[str, Any], key: str) -> bool:
    """Whether a kept file's content is of this layout and compiled from the sources `key` stands for."""
    return kept.get("format") == FORMAT and kept.get("key") == key


def _code_of(module: str) -> bytes:
    """The module's source file, or, where there is none (a one-folder build keeps bytecode in an archive), its
    code as its loader gives it."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        return b"?"
    if spec.origin and Path(spec.origin).is_file():
        return Path(spec.origin).read_bytes()
    get_code = getattr(spec.loader, "get_code", None)
    code = get_code(module) if get_code else None
    return marshal.dumps(code) if code is not None else b"?"


def utc_for_storage(value: datetime) -> datetime:
    """The store's rule for every time it keeps (`types.UTCDateTime` too): aware, kept as naive UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: dzdesk stores only timezone-aware times")
    return value.astimezone(UTC).replace(tzinfo=None)


def stored(value: Any, tag: str) -> Any:
    """`value` as the column stores it."""
    if value is None:
        return None
    if tag == Tag.UTC:
        return utc_for_storage(value).strftime(STORED_TIME)
    if tag == Tag.DATE:
        return value.isoformat()
    if tag == Tag.BOOL:
        return int(bool(value))
    return value


def _read(value: Any, tag: str) -> Any:
    if value is None or tag == Tag.PLAIN:
        return value
    if tag == Tag.UTC:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    if tag == Tag.DATE:
        return date.fromisoformat(value)
    if tag == Tag.BOOL:
        return bool(value)
    raise ValueError(f"unknown column tag {tag!r}")


@dataclass(frozen=True)
class PlainStatement:
    sql: str
    params: tuple[tuple[str, str, bool, Any], ...]  # in order: name, tag, given by the caller, stored default
    columns: tuple[str, ...]  # a tag per column

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> PlainStatement:
        return cls(str(raw["sql"]), tuple((str(n), str(t), bool(g), d) for n, t, g, d in raw["params"]),
                   tuple(str(t) for t in raw["columns"]))

    def arguments(self, given: Mapping[str, Any]) -> list[Any]:
        return [stored(given[name], tag) if required else default for name, tag, required, default in self.params]


class PlainReader:
    """Runs kept statements by name on a connection of its own that cannot write; `rows` answers what
    `SessionReader.rows` answers for the same statement."""

    def __init__(self, connection: sqlite3.Connection, statements: Mapping[str, PlainStatement]) -> None:
        self.connection, self.statements = connection, statements

    @classmethod
    def open(cls, database: Path, kept: Path, key: str) -> PlainReader | None:
        """A reader on `database` with the statements kept in `kept`, or None when they cannot be trusted."""
        if not database.is_file():
            return None
        try:
            raw = json.loads(kept.read_text(encoding="utf-8"))
            if not compiled_from(raw, key):
                return None
            statements = {name: PlainStatement.from_json(value) for name, value in raw["statements"].items()}
            revision = raw["revision"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # missing, cut short, another shape
            return None
        connection = None
        try:
            connection = sqlite3.connect(database, timeout=READ_TIMEOUT_S, check_same_thread=False)
            connection.execute("PRAGMA query_only = ON")  # it reads; the store is what writes
            found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.Error as exc:
            log.debug("the first page is read the usual way: %s", exc)
            if connection is not None:
                connection.close()
            return None
        if found != [(revision,)]:  # a migration is due, or the database is another's: not this text
            connection.close()
            return None
        return cls(connection, statements)

    def rows(self, name: str, **params: Any) -> list[tuple[Any, ...]]:
        statement = self.statements[name]
        cursor = self.connection.execute(statement.sql, statement.arguments(params))
        tags = statement.columns
        return [tuple(_read(value, tag) for value, tag in zip(row, tags, strict=True)) for row in cursor]

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> PlainReader:
        self.connection.execute("BEGIN")  # one snapshot for every statement, as a session's transaction
        return self

    def __exit__(self, *_exc: object) -> None:
        self.connection.rollback()
        self.close()
