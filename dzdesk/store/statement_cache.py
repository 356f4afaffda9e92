"""Named statements read through a session, and kept as SQLite text for `plain_reader`.

Rules that read with `reader.rows(name, **params)` run on either reader: `SessionReader` here, through
SQLAlchemy, or `PlainReader` on the text this module keeps (`keep_statements`) — one set of statements, compiled
by SQLAlchemy either way.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, Select, String, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.sqltypes import NullType
from sqlalchemy.types import TypeEngine

from dzdesk.atomic_file import write_text_atomically
from dzdesk.store.plain_reader import FORMAT, Tag, compiled_from, stored
from dzdesk.store.types import UTCDateTime

log = logging.getLogger(__name__)


class SessionReader:
    """`rows(name, **params)` through a session: the statements' own types convert what is read."""

    def __init__(self, session: Session, statements: Mapping[str, Select[Any]]) -> None:
        self.session, self.statements = session, statements

    def rows(self, name: str, **params: Any) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.session.execute(self.statements[name], params)]


def _tag(type_: TypeEngine[Any], what: str) -> str:
    if isinstance(type_, UTCDateTime):
        return Tag.UTC
    if isinstance(type_, Boolean):
        return Tag.BOOL
    if isinstance(type_, Date):
        return Tag.DATE
    if isinstance(type_, Integer | String | Float | NullType):  # read back by sqlite3 as SQLAlchemy reads them
        return Tag.PLAIN
    raise TypeError(f"{what}: a {type_!r} cannot be read without SQLAlchemy yet")


def compiled(session: Session, statements: Mapping[str, Select[Any]]) -> dict[str, Any]:
    """Each statement as the SQLite text SQLAlchemy runs, its parameters in order and its columns' tags."""
    dialect = session.get_bind().dialect
    out = {}
    for name, statement in statements.items():
        compiled_statement = statement.compile(dialect=dialect)
        defaults = compiled_statement.params
        params = []
        for param in compiled_statement.positiontup or ():
            bind = compiled_statement.binds[param]
            tag = _tag(bind.type, f"{name}.{param}")
            params.append((param, tag, bind.required, None if bind.required else stored(defaults[param], tag)))
        columns = [_tag(column.type, f"{name}, column {i}") for i, column in enumerate(statement.selected_columns)]
        out[name] = {"sql": compiled_statement.string, "params": params, "columns": columns}
    return out


def keep_statements(session: Session, path: Path, statements: Mapping[str, Select[Any]], key: str) -> bool:
    """Writes the statements' SQLite text to `path` for the database's revision, unless what is there already
    serves it. True when it wrote. A failure to write is logged and changes nothing: the page is read the usual
    way next time."""
    revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if compiled_from(raw, key) and raw.get("revision") == revision:
            return False
    except (OSError, ValueError, AttributeError):
        pass
    try:
        texts = compiled(session, statements)
    except TypeError as exc:  # a column of a type the plain reader does not convert: read the usual way
        log.warning("the first page's statements are not kept: %s", exc)
        return False
    content = {"format": FORMAT, "key": key, "revision": revision, "statements": texts}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, json.dumps(content, ensure_ascii=False, indent=1))
    except OSError as exc:
        log.warning("the first page's statements could not be kept in %s: %s", path, exc)
        return False
    return True

