"""The team's alert channels and rules as this laptop (or the watcher) last synced them from its hub.

Read-only: a lead changes them on the hub and they arrive with the next sync, like the working calendar.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from dzdesk.domain.alert_settings import PREFIX, AlertSettings, from_settings
from dzdesk.store.team_models import TeamSetting

log = logging.getLogger(__name__)


def team_alert_values(session: Session, team: str) -> dict[str, str]:
    """The team's `alerts.*` settings, key → JSON text, removed ones left out."""
    records = session.scalars(select(TeamSetting).where(TeamSetting.team == team,
                                                        TeamSetting.key.startswith(PREFIX, autoescape=True)))
    return {r.key: r.value for r in records if not r.deleted}


def team_alerts(session: Session, team: str) -> tuple[AlertSettings, list[str]]:
    """The team's channels and rules, and why any setting was passed over (each also logged)."""
    settings, skipped = from_settings(team_alert_values(session, team))
    for why in skipped:
        log.warning("team %s: an alert setting is passed over: %s", team, why)
    return settings, skipped
