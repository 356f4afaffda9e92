"""Writing a team's settings on this laptop, to be pushed at the next sync: only a lead of the team may.

A group of settings (those under one prefix: the working calendar, the alerts) is written whole: every key given
is set, every other key of the group that is set is removed (a tombstone, so the removal syncs). One record per
team and key, under the id the team and key give, so two leads writing one setting write one record.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dzdesk.domain.record_ids import team_setting_id
from dzdesk.domain.team_settings import setting_problem
from dzdesk.store.account import hub_account
from dzdesk.store.team_models import TeamSetting


class SettingsNotYoursError(PermissionError):
    """This account may not change the team's settings; the message says whose they are."""


def write_team_settings(session: Session, team: str, prefix: str, values: Mapping[str, str]) -> int:
    """Makes the settings of `team` under `prefix` exactly `values` (key → JSON text); returns how many changed.
    Raises `SettingsNotYoursError` unless this laptop's account leads the team, and ValueError naming the first
    setting that does not read as its kind; either way nothing is written."""
    account = hub_account(session)
    if account is None or not account.leads(team):
        raise SettingsNotYoursError(
            f"team {team or '-'}'s settings are kept by its lead on the hub; only a lead of the team changes them. "
            "Nothing was changed.")
    for key, value in values.items():
        if not key.startswith(prefix):
            raise ValueError(f"{key} is not a setting under {prefix}")
        problem = setting_problem(key, value)
        if problem:
            raise ValueError(problem)
    existing = {r.key: r for r in session.scalars(select(TeamSetting).where(
        TeamSetting.team == team, TeamSetting.key.startswith(prefix, autoescape=True)))}
    changed = 0
    for key, value in values.items():
        record = existing.get(key)
        if record is None:
            session.add(TeamSetting(id=team_setting_id(team, key), team=team, key=key, value=value,
                                    changed_by=account.name))
        elif record.value != value or record.deleted:
            record.value, record.deleted, record.changed_by = value, False, account.name
        else:
            continue
        changed += 1
    for key, record in existing.items():
        if key not in values and not record.deleted:
            record.deleted, record.changed_by = True, account.name
            changed += 1
    return changed
