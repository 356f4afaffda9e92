"""Tables of training sessions and their attendees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.types import UTCDateTime


class Training(RecordMixin, Base):
    __tablename__ = "trainings"

    title: Mapped[str] = mapped_column(String(200), nullable=False)
    platforms: Mapped[str] = mapped_column(String(60), default="", nullable=False)  # codes, comma-separated
    modules: Mapped[str] = mapped_column(Text, default="", nullable=False)  # names, "、"-separated
    kind: Mapped[str] = mapped_column(String(20), default="usage", nullable=False)
    venue: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    district: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    trainers: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    target_units: Mapped[str] = mapped_column(Text, default="", nullable=False)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    search_key: Mapped[int] = mapped_column(BigInteger, nullable=False, index=True)

    attendees: Mapped[list[Attendee]] = relationship(
        back_populates="training", order_by="Attendee.position", cascade="save-update, merge")
    materials: Mapped[list[TrainingMaterial]] = relationship(
        back_populates="training", order_by="TrainingMaterial.created_at", cascade="save-update, merge")


class Attendee(RecordMixin, Base):
    __tablename__ = "training_attendees"

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    unit: Mapped[str] = mapped_column(String(120), default="", nullable=False)
    department: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    phone: Mapped[str] = mapped_column(String(30), default="", nullable=False)
    role: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    status: Mapped[str] = mapped_column(String(12), default="expected", nullable=False)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    training: Mapped[Training] = relationship(back_populates="attendees")


class TrainingMaterial(RecordMixin, Base):
    """Slides, handouts and videos of a session, kept as blobs named by their sha256."""

    __tablename__ = "training_materials"

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), nullable=False, index=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)

    training: Mapped[Training] = relationship(back_populates="materials")
