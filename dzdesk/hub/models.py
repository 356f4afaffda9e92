"""The hub's tables. Records are stored generically, as their entity, id and JSON payload: the hub merges and
serves them without knowing every field, so a new client field needs no hub migration."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}


class HubBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class HubUser(HubBase):
    __tablename__ = "hub_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    role: Mapped[str] = mapped_column(String(10), nullable=False)
    team: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # A lead's teams besides its own `team`: a lead reads and changes the records of exactly these.
    led_teams: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)

    def teams(self) -> frozenset[str]:
        """The teams whose records this account may read: its own, and for a lead the teams it leads."""
        if self.role == "lead":
            return frozenset({self.team, *(self.led_teams or ())})
        return frozenset({self.team})


class HubRecord(HubBase):
    __tablename__ = "hub_records"
    __table_args__ = (Index("ix_hub_records_team_rev", "team", "rev"),)

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, nullable=False, unique=True)
    owner: Mapped[str] = mapped_column(String(80), nullable=False)
    team: Mapped[str] = mapped_column(String(80), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    field_revs: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False)  # the revision that last set each field
    field_authors: Mapped[dict[str, str]] = mapped_column(JSON, nullable=False)  # who last set each field


class HubCounter(HubBase):
    """The revision counter. Its row is locked by every push, which also makes pushes commit in revision order:
    a reader that has seen revision n can never later miss a smaller one."""

    __tablename__ = "hub_counter"

    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)


class HubBatch(HubBase):
    """Pushes already applied, with their answers: a retried batch gets the same answer and changes nothing."""

    __tablename__ = "hub_batches"

    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(80), nullable=False)
    response: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class HubBlobRef(HubBase):
    """A team holds a record naming the blob: only such a team may read the blob or learn that the hub has it."""

    __tablename__ = "hub_blob_refs"

    team: Mapped[str] = mapped_column(String(80), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)


class HubBlob(HubBase):
    """Photos, signatures and attachments by sha256, in the database so every hub process sees the same ones."""

    __tablename__ = "hub_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    uploaded_by: Mapped[str] = mapped_column(String(80), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class HubProbeResult(HubBase):
    """A probe result of a team, as its prober saw it; appended, never changed, kept for at least 400 days.

    `seq` is the order of arrival (from the counter row `probe`, locked by every upload, so uploads commit in `seq`
    order and a reader that has seen `seq` n never later misses a smaller one)."""

    __tablename__ = "hub_probe_results"
    __table_args__ = (UniqueConstraint("team", "id", name="uq_hub_probe_results_team_id"),
                      Index("ix_hub_probe_results_team_seq", "team", "seq"),
                      Index("ix_hub_probe_results_started_at", "started_at"))

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    team: Mapped[str] = mapped_column(String(80), nullable=False)
    id: Mapped[str] = mapped_column(String(36), nullable=False)
    target_id: Mapped[str] = mapped_column(String(36), nullable=False)
    target_name: Mapped[str] = mapped_column(String(100), nullable=False)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ok: Mapped[bool] = mapped_column(Boolean, nullable=False)
    latency_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    failure: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status_code: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    cert_not_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cert_issuer: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    in_maintenance: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    interval_s: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    vantage: Mapped[str] = mapped_column(String(80), nullable=False)
    network: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    uploaded_by: Mapped[str] = mapped_column(String(80), nullable=False)


class HubVantage(HubBase):
    """A laptop or watcher of a team and when it last uploaded: its heartbeat."""

    __tablename__ = "hub_vantages"

    team: Mapped[str] = mapped_column(String(80), primary_key=True)
    vantage: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    network: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
