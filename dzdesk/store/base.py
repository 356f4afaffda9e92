"""The declarative base and the fields every synced record shares."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from sqlalchemy import Boolean, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from dzdesk.store.types import UTCDateTime, utcnow

# Stable constraint names, so Alembic's batch migrations on SQLite can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Columns that mean something only on this machine, so they never travel and changing them is not an edit: the hub
# revision a record is based on, its search key, the team the hub keeps a fault in, and the response deadline each
# laptop derives from that team's working calendar.
LOCAL_COLUMNS = frozenset({"server_rev", "search_key", "hub_team", "response_due"})


def new_id() -> str:
    return str(uuid.uuid4())


_ID_PREFIX = re.compile(r"[0-9a-f-]{4,36}")


def id_prefix(text: str) -> str | None:
    """The start of a record id as people quote it (lower-cased), or None when the text cannot be one.

    Used in `LIKE 'prefix%'`, so only hex digits and dashes pass: a quote like `%` must not match everything."""
    candidate = text.strip().lower()
    return candidate if _ID_PREFIX.fullmatch(candidate) else None


class RecordMixin:
    """Identity and bookkeeping that let a record be created offline and merged on the hub later.

    The id is made on the client so a record exists before any server knows it; `server_rev` is the hub's revision
    the local copy is based on (None until first synced); a delete is a tombstone so it can travel to other clients.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    author: Mapped[str] = mapped_column(String(80), default="", nullable=False)
    server_rev: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
