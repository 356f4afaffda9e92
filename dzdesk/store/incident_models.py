"""Tables of incidents, their history and waiting periods, and complaints."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.types import UTCDateTime


class Incident(RecordMixin, Base):
    __tablename__ = "incidents"

    platform: Mapped[str] = mapped_column(String(20), nullable=False)
    module: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    district: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    department: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    reporter: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    reporter_contact: Mapped[str] = mapped_column(String(80), default="", nullable=False)
    channel: Mapped[str] = mapped_column(String(20), default="phone", nullable=False)
    severity: Mapped[str] = mapped_column(String(10), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    cause: Mapped[str] = mapped_column(Text, default="", nullable=False)
    resolution: Mapped[str] = mapped_column(Text, default="", nullable=False)
    assignee: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="new", nullable=False)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Kept with the record so lists sort by time left in SQL; derived on each laptop from the working calendar of
    # the fault's team (it does not travel), and recomputed when that calendar changes.
    response_due: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    # The team the hub keeps the fault in ("" until the hub has said: this laptop's own team). Never travels.
    hub_team: Mapped[str] = mapped_column(String(80), default="", nullable=False)
    typical: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    lesson: Mapped[str] = mapped_column(Text, default="", nullable=False)  # what a typical case teaches
    # The record's row in the full-text index (see dzdesk.store.search), so a search joins on an integer.
    search_key: Mapped[int] = mapped_column(BigInteger, nullable=False, index=True)

    events: Mapped[list[IncidentEvent]] = relationship(
        back_populates="incident", order_by="IncidentEvent.at", cascade="save-update, merge")
    pauses: Mapped[list[IncidentPause]] = relationship(
        back_populates="incident", order_by="IncidentPause.start_at", cascade="save-update, merge")
    corrections: Mapped[list[IncidentCorrection]] = relationship(
        back_populates="incident", order_by="IncidentCorrection.at", cascade="save-update, merge")

    __table_args__ = (
        Index("ix_incidents_reported_at", "reported_at"),
        Index("ix_incidents_status_due", "status", "response_due"),
        Index("ix_incidents_platform_reported", "platform", "reported_at"),
        Index("ix_incidents_responded_due", "responded_at", "response_due"),
        Index("ix_incidents_severity_reported", "severity", "reported_at"),
        # Covers the counts behind every list filter, so counting 100 000 faults reads an index, not the rows.
        Index("ix_incidents_listing", "deleted", "platform", "severity", "status", "responded_at"),
        # Covers the dashboard's monthly sums of the contract's figures (`reports.dashboard_data.contract_figures`).
        Index("ix_incidents_contract_figures", "deleted", "reported_at", "responded_at", "response_due",
              "resolved_at"),
    )


class IncidentEvent(RecordMixin, Base):
    """One line of an incident's history: created, a status change, an edit, a pause; never rewritten."""

    __tablename__ = "incident_events"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    from_status: Mapped[str] = mapped_column(String(20), default="", nullable=False)
    to_status: Mapped[str] = mapped_column(String(20), default="", nullable=False)
    note: Mapped[str] = mapped_column(Text, default="", nullable=False)

    incident: Mapped[Incident] = relationship(back_populates="events")


class IncidentPause(RecordMixin, Base):
    """Time spent waiting on the customer or a third party; shown apart from the team's own time."""

    __tablename__ = "incident_pauses"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reason: Mapped[str] = mapped_column(String(200), default="", nullable=False)

    incident: Mapped[Incident] = relationship(back_populates="pauses")


class IncidentCorrection(RecordMixin, Base):
    """A change to a fault's reported, response or resolution time or its severity, or a time entered late (补录):
    who (`author`), when (`at`), the old and the new value (see `dzdesk.domain.corrections`). Appended, never
    changed: the hub refuses an edit of one."""

    __tablename__ = "incident_corrections"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    field: Mapped[str] = mapped_column(String(20), nullable=False)
    old_value: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    new_value: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    late: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    incident: Mapped[Incident] = relationship(back_populates="corrections")


class Complaint(RecordMixin, Base):
    __tablename__ = "complaints"

    channel: Mapped[str] = mapped_column(String(10), nullable=False)
    complainant: Mapped[str] = mapped_column(String(60), nullable=False)
    unit: Mapped[str] = mapped_column(String(120), default="", nullable=False)
    contact: Mapped[str] = mapped_column(String(80), default="", nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    handling: Mapped[str] = mapped_column(Text, default="", nullable=False)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    outcome: Mapped[str] = mapped_column(Text, default="", nullable=False)
    search_key: Mapped[int] = mapped_column(BigInteger, nullable=False, index=True)
