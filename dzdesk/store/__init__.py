"""The local store: SQLAlchemy models on SQLite, migrated by Alembic, with an outbox for sync.

`Store` and `open_store` are looked up when first asked for: a module of the package that reads the database
without SQLAlchemy (`plain_reader`, the window's first page) does not import SQLAlchemy by being in it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dzdesk.store.database import Store, open_store
    from dzdesk.store.migrate import NewerSchemaError, SchemaError

__all__ = ["NewerSchemaError", "SchemaError", "Store", "open_store"]
_HOMES = {"Store": "dzdesk.store.database", "open_store": "dzdesk.store.database",
          "NewerSchemaError": "dzdesk.store.migrate", "SchemaError": "dzdesk.store.migrate"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'dzdesk.store' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
