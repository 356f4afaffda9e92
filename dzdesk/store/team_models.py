"""The team's settings as this laptop last synced them: the working calendar first.

One record per team and key (`dzdesk.domain.record_ids.team_setting_id`), written only by a lead of the team (the
hub refuses anyone else), read by every laptop of the team. A lead of several teams holds each team's.
"""

from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dzdesk.store.base import Base, RecordMixin


class TeamSetting(RecordMixin, Base):
    __tablename__ = "team_settings"

    team: Mapped[str] = mapped_column(String(80), nullable=False)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)  # JSON
    changed_by: Mapped[str] = mapped_column(String(80), default="", nullable=False)  # set by the hub

    __table_args__ = (Index("ix_team_settings_team_key", "team", "key"),)
