"""The local store: SQLAlchemy models on SQLite, migrated by Alembic, with an outbox for sync."""

from dzdesk.store.database import Store, open_store
from dzdesk.store.migrate import NewerSchemaError, SchemaError

__all__ = ["NewerSchemaError", "SchemaError", "Store", "open_store"]
