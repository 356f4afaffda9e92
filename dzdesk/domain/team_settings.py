"""The settings a team keeps on its hub, by the prefix of their keys: the working calendar (`calendar.*`) and the
alert channels and rules (`alerts.*`). The hub refuses any other, and any that does not read as its kind says."""

from __future__ import annotations

from dzdesk.domain import alert_settings, working_calendar


def setting_problem(key: str, value: str) -> str:
    """Why a team setting cannot be kept, in words, or an empty string."""
    if key.startswith(working_calendar.PREFIX):
        return working_calendar.setting_problem(key, value)
    if key.startswith(alert_settings.PREFIX):
        return alert_settings.setting_problem(key, value)
    return f"{key} is not a team setting this version knows (the working calendar, or the alerts)"
