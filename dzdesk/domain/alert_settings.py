"""Where the team's alerts go and when they are sent, as a lead keeps them for the whole team.

A lead names the team's channels (a DingTalk, WeCom or Feishu group, a mailbox, a JSON webhook) and the rules of
when to alert; both reach every laptop and the always-on watcher as team settings, key → JSON text, like the
working calendar (`dzdesk.domain.working_calendar`):

- `alerts.channel.<name>` → `{"kind": "dingtalk", "label": "运维一组群"}`, one setting per channel, so two leads
  who add different channels merge instead of overwriting each other;
- `alerts.rules` → the rules, every field optional (an absent one keeps its default).

A channel's URL is its secret (a webhook's access token, a mailbox's password), so it is never a setting: each
machine keeps it in its keyring or, for the watcher, in its environment (`dzdesk.secrets.alert_channel_url`).
`setting_problem` refuses a setting that carries one, so the hub never stores it and no laptop ever syncs it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import time
from typing import Any

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.labels import Labelled, set_labels

PREFIX = "alerts."
CHANNEL_PREFIX = "alerts.channel."
RULES_KEY = "alerts.rules"
MAX_NAME = 40
MAX_LABEL = 60
MAX_WARN_POINTS = 5
MAX_LEAD_CHANNELS = 20
DIGEST_ZONE = SHANGHAI  # the certificate digest's hour is read in Shanghai time, like every time people see
_NAME = re.compile(rf"^[a-z0-9-]{{1,{MAX_NAME}}}$")
_HOUR_MINUTE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# What a label must not look like: an address or a token copied into the wrong box.
_SECRET_LOOKING = re.compile(r"://|access_token|[?&](key|token|secret|password)=|/hook/|^(mailto|smtps?):",
                             re.IGNORECASE)


class ChannelKind(Labelled):
    DINGTALK = "dingtalk"
    WECOM = "wecom"
    FEISHU = "feishu"
    EMAIL = "email"
    WEBHOOK = "webhook"


set_labels(ChannelKind, {
    ChannelKind.DINGTALK: ("钉钉群", "DingTalk group"),
    ChannelKind.WECOM: ("企业微信群", "WeCom group"),
    ChannelKind.FEISHU: ("飞书群", "Feishu group"),
    ChannelKind.EMAIL: ("电子邮件", "E-mail"),
    ChannelKind.WEBHOOK: ("JSON Webhook", "JSON webhook"),
})


@dataclass(frozen=True)
class Channel:
    """One place alerts go, as the team knows it: a name, a kind and what people call it. No address."""

    name: str
    kind: ChannelKind
    label: str = ""

    @property
    def shown(self) -> str:
        """How a list names it: its label, or its name when it has none."""
        return self.label or self.name


@dataclass(frozen=True)
class AlertRules:
    """When alerts are sent. Every field has the contract's sensible default, so a team that set nothing is
    warned at half and 80 % of a fault's response time, at the breach, and its lead half an hour after it."""

    fault_warn_percent: tuple[int, ...] = (50, 80)  # of a fault's response time passed, before the deadline
    fault_warn_at_breach: bool = True
    fault_lead_after_minutes: int | None = 30  # after the breach the lead is told; None: never
    lead_channels: tuple[str, ...] = ()  # where the lead's alert goes; empty: every channel
    complaint_reply_due_tomorrow: bool = True
    visit_follow_up_overdue: bool = True
    certificate_digest_at: time = time(9, 0)  # Asia/Shanghai
    certificate_days_ahead: int = 30

    def to_json(self) -> dict[str, Any]:
        """The rules as the `alerts.rules` setting holds them."""
        return {
            "fault_warn_percent": list(self.fault_warn_percent),
            "fault_warn_at_breach": self.fault_warn_at_breach,
            "fault_lead_after_minutes": self.fault_lead_after_minutes,
            "lead_channels": list(self.lead_channels),
            "complaint_reply_due_tomorrow": self.complaint_reply_due_tomorrow,
            "visit_follow_up_overdue": self.visit_follow_up_overdue,
            "certificate_digest_at": self.certificate_digest_at.strftime("%H:%M"),
            "certificate_days_ahead": self.certificate_days_ahead,
        }


RULE_FIELDS = tuple(f.name for f in fields(AlertRules))


@dataclass(frozen=True)
class AlertSettings:
    """The team's channels (sorted by name) and rules, as read from its settings."""

    channels: tuple[Channel, ...] = ()
    rules: AlertRules = AlertRules()

    def channel(self, name: str) -> Channel | None:
        return next((c for c in self.channels if c.name == name), None)

    def lead_channels(self) -> tuple[Channel, ...]:
        """Where the lead's alert after a breach goes: the rules' lead channels, or every channel."""
        if not self.rules.lead_channels:
            return self.channels
        return tuple(c for c in self.channels if c.name in self.rules.lead_channels)


def channel_key(name: str) -> str:
    return f"{CHANNEL_PREFIX}{name}"


def name_problem(name: str) -> str:
    """Why a channel name cannot be used, or an empty string. Names become keyring keys and environment
    variable names, so they are kept to lowercase letters, digits and `-`."""
    if _NAME.fullmatch(name):
        return ""
    if not name:
        return "a channel needs a name"
    if len(name) > MAX_NAME:
        return f"a channel name is at most {MAX_NAME} characters"
    return f"“{name[:MAX_NAME]}” is not a channel name: use lowercase letters, digits and -"


def label_problem(label: str) -> str:
    if len(label) > MAX_LABEL:
        return f"a channel's label is at most {MAX_LABEL} characters"
    if _SECRET_LOOKING.search(label):
        return "a channel's label looks like an address or a token; the URL is kept on each machine, never here"
    if any(ch in label for ch in "\r\n\t"):
        return "a channel's label is one line"
    return ""


def to_settings(channels: Iterable[Channel], rules: AlertRules | None = None) -> dict[str, str]:
    """Channels and rules as team settings: key → value as JSON text. Raises ValueError for a bad name or label."""
    values: dict[str, str] = {}
    for channel in sorted(channels, key=lambda c: c.name):
        problem = name_problem(channel.name) or label_problem(channel.label)
        if problem:
            raise ValueError(problem)
        values[channel_key(channel.name)] = json.dumps({"kind": ChannelKind(channel.kind).value,
                                                        "label": channel.label}, ensure_ascii=False, sort_keys=True)
    if rules is not None:
        values[RULES_KEY] = json.dumps(rules.to_json(), ensure_ascii=False, sort_keys=True)
    return values


def setting_problem(key: str, value: str) -> str:
    """Why an alert setting cannot be kept, in words, or an empty string (also for keys that are not the
    alerts'). Meant for the hub to refuse such a setting, so no laptop of the team ever reads it."""
    if not key.startswith(PREFIX):
        return ""
    try:
        parsed = json.loads(value)
    except ValueError:
        return f"the value of {key} is not JSON"
    if key.startswith(CHANNEL_PREFIX):
        return _channel_problem(key, key.removeprefix(CHANNEL_PREFIX), parsed)
    if key == RULES_KEY:
        if not isinstance(parsed, dict):
            return f"{key} holds the alert rules as a JSON object"
        for name in sorted(parsed):
            problem = _rule_problem(name, parsed[name])
            if problem:
                return f"{key}: {problem}"
        return ""
    return f"{key} is not a setting of the team's alerts"


def _channel_problem(key: str, name: str, parsed: object) -> str:
    problem = name_problem(name)
    if problem:
        return problem
    if not isinstance(parsed, dict):
        return f"{key} must say the channel's kind and label"
    if set(parsed) - {"kind", "label"}:
        return (f"{key} holds only the channel's kind and label; its URL and any token stay on each machine "
                "(keyring or environment), never in a team setting")
    if parsed.get("kind") not in {k.value for k in ChannelKind}:
        return f"{key}: the kind is one of {', '.join(k.value for k in ChannelKind)}"
    label = parsed.get("label", "")
    if not isinstance(label, str):
        return f"{key}: the label is text"
    return label_problem(label)


def _rule_problem(name: str, value: object) -> str:
    """Why one field of the rules cannot be read, or an empty string."""
    if name not in RULE_FIELDS:
        return f"{name} is not an alert rule this version knows"
    if name == "fault_warn_percent":
        if not isinstance(value, list) or len(value) > MAX_WARN_POINTS \
                or not all(type(p) is int and 1 <= p <= 99 for p in value):
            return (f"fault_warn_percent lists up to {MAX_WARN_POINTS} whole percentages between 1 and 99 of a "
                    "fault's response time")
        if len(set(value)) != len(value):
            return "fault_warn_percent names a percentage twice"
        return ""
    if name == "fault_lead_after_minutes":
        if value is not None and not (type(value) is int and 0 <= value <= 24 * 60):
            return "fault_lead_after_minutes is whole minutes from 0 to 1440 after the breach, or null for never"
        return ""
    if name == "lead_channels":
        if not isinstance(value, list) or len(value) > MAX_LEAD_CHANNELS \
                or not all(isinstance(n, str) and not name_problem(n) for n in value):
            return "lead_channels lists the names of the channels the lead's alerts go to"
        return ""
    if name == "certificate_digest_at":
        if not isinstance(value, str) or _HOUR_MINUTE.fullmatch(value) is None:
            return "certificate_digest_at is a time of day like “09:00” (Asia/Shanghai)"
        return ""
    if name == "certificate_days_ahead":
        if not (type(value) is int and 1 <= value <= 365):
            return "certificate_days_ahead is a whole number of days from 1 to 365"
        return ""
    if type(value) is not bool:  # the yes/no rules
        return f"{name} is true or false"
    return ""


def _rule_value(name: str, value: Any) -> object:
    if name in {"fault_warn_percent", "lead_channels"}:
        return tuple(sorted(value)) if name == "fault_warn_percent" else tuple(value)
    if name == "certificate_digest_at":
        return time.fromisoformat(value)
    return value


def read_rules(value: str) -> tuple[AlertRules, list[str]]:
    """The rules an `alerts.rules` value sets, field by field: a field that cannot be read keeps its default, and
    why is said."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return AlertRules(), [f"the value of {RULES_KEY} is not JSON; the default rules apply"]
    if not isinstance(parsed, dict):
        return AlertRules(), [f"{RULES_KEY} is not a JSON object; the default rules apply"]
    taken: dict[str, object] = {}
    skipped: list[str] = []
    for name in sorted(parsed):
        problem = _rule_problem(name, parsed[name])
        if problem:
            skipped.append(f"{RULES_KEY}: {problem}; " + ("passed over" if name not in RULE_FIELDS
                                                         else "its default applies"))
            continue
        taken[name] = _rule_value(name, parsed[name])
    return replace(AlertRules(), **taken), skipped  # type: ignore[arg-type]


def from_settings(values: Mapping[str, str]) -> tuple[AlertSettings, list[str]]:
    """The team's channels and rules as its settings say, and why any setting (or part of one) was passed over:
    one a newer dzdesk wrote, or one that never should have been stored."""
    channels: list[Channel] = []
    rules = AlertRules()
    skipped: list[str] = []
    for key, value in sorted(values.items()):
        if not key.startswith(PREFIX):
            continue
        if key == RULES_KEY:
            rules, why = read_rules(value)
            skipped += why
            continue
        problem = setting_problem(key, value)
        if problem:
            skipped.append(problem)
            continue
        parsed = json.loads(value)
        channels.append(Channel(key.removeprefix(CHANNEL_PREFIX), ChannelKind(parsed["kind"]),
                                parsed.get("label", "")))
    names = {c.name for c in channels}
    unknown = [n for n in rules.lead_channels if n not in names]
    if unknown:
        skipped.append(f"{RULES_KEY}: lead_channels names {', '.join(unknown)}, not a channel of the team; "
                       "passed over")
        rules = replace(rules, lead_channels=tuple(n for n in rules.lead_channels if n in names))
    return AlertSettings(tuple(channels), rules), skipped
