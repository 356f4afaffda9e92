"""The settings a team keeps on its hub, by the prefix of their keys: the working calendar (`calendar.*`), the
alert channels and rules (`alerts.*`) and the watcher's probe schedule (`probes.schedule`). The hub refuses any
other, and any that does not read as its kind says."""

from __future__ import annotations

from dzdesk.domain import alert_settings, probe_schedule, working_calendar


def setting_problem(key: str, value: str) -> str:
    """Why a team setting cannot be kept, in words, or an empty string."""
    if key.startswith(working_calendar.PREFIX):
        return working_calendar.setting_problem(key, value)
    if key.startswith(alert_settings.PREFIX):
        return alert_settings.setting_problem(key, value)
    if key.startswith(probe_schedule.PREFIX):
        return probe_schedule.setting_problem(key, value)
    return f"{key} is not a team setting this version knows (the working calendar, the alerts, the probe schedule)"
