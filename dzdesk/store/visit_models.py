"""Tables of on-site visits: the visit, its follow-ups, attachments, amendments and linked faults."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.types import UTCDateTime


class Visit(RecordMixin, Base):
    __tablename__ = "visits"

    report_number: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    office: Mapped[str] = mapped_column(String(120), nullable=False)
    department: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    district: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    address: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    platforms: Mapped[str] = mapped_column(String(60), default="", nullable=False)  # codes, comma-separated
    categories: Mapped[str] = mapped_column(String(120), default="", nullable=False)  # codes, comma-separated
    engineers: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    work_done: Mapped[str] = mapped_column(Text, default="", nullable=False)
    problems_found: Mapped[str] = mapped_column(Text, default="", nullable=False)
    contact_name: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    contact_phone: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    signer_name: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    signature_sha256: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    search_key: Mapped[int] = mapped_column(BigInteger, nullable=False, index=True)

    follow_ups: Mapped[list[VisitFollowUp]] = relationship(
        back_populates="visit", order_by="VisitFollowUp.position", cascade="save-update, merge")
    attachments: Mapped[list[VisitAttachment]] = relationship(
        back_populates="visit", order_by="VisitAttachment.position", cascade="save-update, merge")
    amendments: Mapped[list[VisitAmendment]] = relationship(
        back_populates="visit", order_by="VisitAmendment.at", cascade="save-update, merge")
    incident_links: Mapped[list[VisitIncident]] = relationship(
        back_populates="visit", cascade="save-update, merge")

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


class VisitFollowUp(RecordMixin, Base):
    __tablename__ = "visit_follow_ups"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    visit: Mapped[Visit] = relationship(back_populates="follow_ups")


class VisitAttachment(RecordMixin, Base):
    """A photo or file, kept as a blob named by its sha256."""

    __tablename__ = "visit_attachments"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), default="photo", nullable=False)  # photo | file
    caption: Mapped[str] = mapped_column(String(200), default="", nullable=False)

    visit: Mapped[Visit] = relationship(back_populates="attachments")


class VisitAmendment(RecordMixin, Base):
    """A change after the customer signed: recorded beside the signed content, shown on the report."""

    __tablename__ = "visit_amendments"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)

    visit: Mapped[Visit] = relationship(back_populates="amendments")


class VisitIncident(RecordMixin, Base):
    """A fault found or handled during a visit."""

    __tablename__ = "visit_incidents"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), nullable=False, index=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)

    visit: Mapped[Visit] = relationship(back_populates="incident_links")
