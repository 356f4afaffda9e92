"""The hub account this laptop last synced as: who, which role, which team, and which teams it reads.

Kept in the database, not the settings file, because it decides which team's calendar the stored deadlines follow,
and the two must change together. Absent on a laptop that never synced: it keeps to its own settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from dzdesk.store.meta import get_meta, set_meta

_ACCOUNT = "sync.account"
LEAD = "lead"


@dataclass(frozen=True)
class HubAccount:
    name: str
    role: str  # "engineer" or "lead"
    team: str
    teams: tuple[str, ...] = ()  # every team the account reads: its own, and for a lead those it leads

    @property
    def is_lead(self) -> bool:
        return self.role == LEAD

    def leads(self, team: str) -> bool:
        """Whether this account may change `team`'s settings (its working calendar first)."""
        return self.is_lead and team in {self.team, *self.teams}


def hub_account(session: Session) -> HubAccount | None:
    text = get_meta(session, _ACCOUNT)
    if text is None:
        return None
    try:
        raw = json.loads(text)
        return HubAccount(str(raw["name"]), str(raw["role"]), str(raw["team"]),
                          tuple(str(t) for t in raw.get("teams", ())))
    except (ValueError, KeyError, TypeError):
        return None


def remember_account(session: Session, account: HubAccount) -> None:
    set_meta(session, _ACCOUNT, json.dumps({"name": account.name, "role": account.role, "team": account.team,
                                            "teams": list(account.teams)}, ensure_ascii=False))


def own_team(session: Session) -> str:
    """The team records made on this laptop belong to; empty before the first sync."""
    account = hub_account(session)
    return "" if account is None else account.team
