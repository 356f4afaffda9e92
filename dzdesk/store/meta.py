"""Small key/value facts about this local database (sync cursor, demo marker, ...)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from dzdesk.store.base import Base


class LocalMeta(Base):
    __tablename__ = "local_meta"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(LocalMeta, key)
    return None if row is None else row.value


def set_meta(session: Session, key: str, value: str) -> None:
    session.merge(LocalMeta(key=key, value=value))


def delete_meta(session: Session, key: str) -> None:
    row = session.get(LocalMeta, key)
    if row is not None:
        session.delete(row)
