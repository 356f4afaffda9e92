"""Imports every model so `Base.metadata` describes the whole schema (for Alembic and the schema test)."""

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.meta import LocalMeta
from dzdesk.store.outbox import OutboxEntry

RECORD_MODELS: tuple[type[RecordMixin], ...] = ()

__all__ = ["RECORD_MODELS", "Base", "LocalMeta", "OutboxEntry"]
