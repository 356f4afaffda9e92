"""The engineer who uses this copy of dzdesk; their name goes on every record and every visit report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# Mainland mobile numbers, or a landline with an optional area code (Dazhou is 0818) and extension.
# ASCII digits only: `\d` alone would also accept full-width and Arabic-Indic digits, which no telephone dials.
_MOBILE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d{9}$", re.ASCII)
_LANDLINE = re.compile(r"^(?:0\d{2,3}[- ]?)?\d{7,8}(?:[- ]\d{1,6})?$", re.ASCII)


class ProfileProblem(StrEnum):
    """What can be wrong with a profile; the UI words each one in the user's language."""

    NAME_MISSING = "Enter your name."
    NAME_TOO_LONG = "The name is longer than 40 characters."
    PHONE_INVALID = "The phone number is not a mainland mobile or landline number."
    TEAM_TOO_LONG = "The team name is longer than 60 characters."


def phone_is_valid(phone: str) -> bool:
    compact = phone.strip()
    return bool(_MOBILE.match(compact) or _LANDLINE.match(compact))


@dataclass(frozen=True)
class EngineerProfile:
    name: str = ""
    phone: str = ""
    team: str = ""

    def problems(self) -> list[ProfileProblem]:
        found: list[ProfileProblem] = []
        name = self.name.strip()
        if not name:
            found.append(ProfileProblem.NAME_MISSING)
        elif len(name) > 40:
            found.append(ProfileProblem.NAME_TOO_LONG)
        if self.phone.strip() and not phone_is_valid(self.phone):
            found.append(ProfileProblem.PHONE_INVALID)
        if len(self.team.strip()) > 60:
            found.append(ProfileProblem.TEAM_TOO_LONG)
        return found

    @property
    def is_complete(self) -> bool:
        return not self.problems()
