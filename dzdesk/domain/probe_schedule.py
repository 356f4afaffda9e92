"""The team's probe schedule, a team setting a lead keeps (`probes.schedule`): how often the team's watcher
sweeps, and how many results in a row confirm a target down or up again. Laptops sweep on their own settings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

PREFIX = "probes."
SCHEDULE_KEY = "probes.schedule"
_LIMITS = {"interval_minutes": (1, 1440), "confirm_failures": (1, 100), "confirm_successes": (1, 100)}


@dataclass(frozen=True)
class ProbeSchedule:
    interval_minutes: int = 5
    confirm_failures: int = 3
    confirm_successes: int = 2

    def to_json(self) -> str:
        return json.dumps({name: getattr(self, name) for name in _LIMITS}, sort_keys=True)


def setting_problem(key: str, value: str) -> str:
    """Why a `probes.*` setting cannot be kept, in words, or an empty string."""
    if key != SCHEDULE_KEY:
        return f"{key} is not a probe setting (only {SCHEDULE_KEY})"
    try:
        parsed = json.loads(value)
    except ValueError:
        return f"the value of {key} is not JSON"
    if not isinstance(parsed, dict) or not set(parsed) <= set(_LIMITS):
        return f"{key} holds the interval in minutes and the confirmation counts"
    for name, (low, high) in _LIMITS.items():
        number = parsed.get(name, getattr(ProbeSchedule(), name))
        if type(number) is not int or not low <= number <= high:
            return f"{key}: {name} must be a whole number from {low} to {high}"
    return ""


def read_schedule(values: Mapping[str, str]) -> ProbeSchedule:
    """The schedule the settings give, the defaults where they give nothing usable."""
    value = values.get(SCHEDULE_KEY)
    if value is None or setting_problem(SCHEDULE_KEY, value):
        return ProbeSchedule()
    return ProbeSchedule(**json.loads(value))
