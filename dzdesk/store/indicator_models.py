"""Tables of the approval indicators: their definitions, the monthly figures per area, the team's notes on flags,
and the column mappings remembered per source of exports.

Figures and notes get ids derived from what they are (month, area, indicator) and the team
(`dzdesk.domain.record_ids.indicator_id`), so two engineers of a team who import the same month produce the same
records, which sync as one instead of doubling, and two teams never share one.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dzdesk.domain.indicators import Indicator, Unit
from dzdesk.store.base import Base, RecordMixin


class IndicatorDefinition(RecordMixin, Base):
    __tablename__ = "indicator_definitions"

    code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    unit: Mapped[str] = mapped_column(String(4), nullable=False)
    higher_is_better: Mapped[bool] = mapped_column(Boolean, nullable=False)
    target: Mapped[float | None] = mapped_column(Float, nullable=True)
    threshold_pct: Mapped[float] = mapped_column(Float, default=10.0, nullable=False)
    synonyms: Mapped[str] = mapped_column(Text, default="", nullable=False)  # "、"-separated column titles
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    def to_indicator(self) -> Indicator:
        return Indicator(self.code, self.name, Unit(self.unit), self.higher_is_better, self.target,
                         self.threshold_pct, tuple(s for s in self.synonyms.split("、") if s))


class IndicatorValue(RecordMixin, Base):
    __tablename__ = "indicator_values"
    __table_args__ = (Index("ix_indicator_values_month_code", "month", "code"),)

    month: Mapped[str] = mapped_column(String(7), nullable=False)  # "2026-03"
    area: Mapped[str] = mapped_column(String(40), nullable=False)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(200), default="", nullable=False)  # file name or "manual"


class IndicatorNote(RecordMixin, Base):
    """What the team found behind a flag, and what it will do about it."""

    __tablename__ = "indicator_notes"
    __table_args__ = (Index("ix_indicator_notes_month", "month"),)

    month: Mapped[str] = mapped_column(String(7), nullable=False)
    area: Mapped[str] = mapped_column(String(40), nullable=False)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    cause: Mapped[str] = mapped_column(Text, default="", nullable=False)
    action: Mapped[str] = mapped_column(Text, default="", nullable=False)


class ImportMapping(Base):
    """Which column of a source's exports holds which indicator (kept on this machine)."""

    __tablename__ = "indicator_mappings"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    mapping: Mapped[str] = mapped_column(Text, nullable=False)  # JSON: column title -> indicator code
