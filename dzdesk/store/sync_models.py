"""Local bookkeeping of sync: what each record looked like at its last sync, the conflicts the team must look at,
and pulled records waiting for a parent that has not arrived yet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.types import UTCDateTime


class SyncBase(Base):
    """The record as the hub last had it: the base a local edit is measured against, field by field."""

    __tablename__ = "sync_base"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)  # JSON


class SyncConflict(RecordMixin, Base):
    """A field both sides changed: the value kept and the one that lost, for a person to compare and settle.

    Made by the hub (or locally, when the hub refuses a change), and synced to the team like any record.
    """

    __tablename__ = "sync_conflicts"

    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    kept_value: Mapped[str] = mapped_column(Text, default="null", nullable=False)  # JSON
    other_value: Mapped[str] = mapped_column(Text, default="null", nullable=False)  # JSON
    kept_author: Mapped[str] = mapped_column(String(80), default="", nullable=False)
    other_author: Mapped[str] = mapped_column(String(80), default="", nullable=False)
    kept_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    other_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False, index=True)
    resolution: Mapped[str] = mapped_column(String(20), default="", nullable=False)


class ParkedRecord(Base):
    """A pulled record whose parent is not here yet (pages arrive in revision order, not family order)."""

    __tablename__ = "sync_parked"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, nullable=False)
    owner: Mapped[str] = mapped_column(String(80), nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)  # JSON
