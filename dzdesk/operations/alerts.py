"""The team's alert channels and rules, read and changed, their URLs kept on this machine, and a test message sent.

The window (Settings → Alert channels) and `dzdesk alerts …` call these same functions, so a rule about alerts is
kept here once: who may change them (a lead of the team, through `write_team_settings`), what a channel's URL must
look like (`dzdesk.alerts.urls`), where a machine keeps it (`dzdesk.secrets`), and how a test message is sent.

A change is applied as a change, not as a whole new list: adding a channel touches that channel's setting only, and
changing one rule keeps the others as they are when it is saved. Two leads who change different things between
two syncs therefore both keep what they did, as the settings' one-key-per-channel layout intends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dzdesk.domain.alert_settings import (
    CHANNEL_PREFIX,
    MAX_WARN_POINTS,
    PREFIX,
    RULE_FIELDS,
    RULES_KEY,
    AlertRules,
    AlertSettings,
    Channel,
    ChannelKind,
    channel_key,
    from_settings,
    label_problem,
    name_problem,
    setting_problem,
    to_settings,
)
from dzdesk.secrets import KeyringUnavailableError, alert_channel_key, delete_secret
from dzdesk.store import Store
from dzdesk.store.account import HubAccount, hub_account
from dzdesk.store.team_models import TeamSetting
from dzdesk.store.team_settings import SettingsNotYoursError, write_team_settings

MAX_TIMEOUT = 300.0  # seconds a test may wait for one channel
LEAD_AFTER_MAX = 24 * 60  # minutes after a breach the lead may be told at the latest


class AlertsError(Exception):
    """Why the team's alerts cannot be read, changed or tried as asked, in words that never hold a URL."""


class TeamNotHeldError(AlertsError):
    """A team this laptop has not synced as a member or lead of, so it holds none of its settings."""


class UnknownChannelError(AlertsError):
    """A channel name the team does not have."""


class NoChannelsError(AlertsError):
    """The team has no channel to try."""


class UrlNotKeptError(AlertsError):
    """A channel's URL that was not kept on this machine: it cannot be used, or there is no keyring."""


# -- reading ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AlertChange:
    """Who last changed one alert setting, and when: a channel's (`channel` is its name) or the rules'."""

    key: str
    channel: str | None  # None: the rules
    changed_by: str
    changed_at: datetime
    removed: bool


@dataclass(frozen=True)
class TeamAlerts:
    """The team's alerts as this laptop last synced them, and what this laptop's account may do with them."""

    team: str | None  # None: this laptop never synced, so it knows no team and no channels
    account: HubAccount | None
    settings: AlertSettings = field(default_factory=AlertSettings)
    skipped: tuple[str, ...] = ()  # settings passed over, each said in words
    changes: tuple[AlertChange, ...] = ()  # latest first, removed ones too

    @property
    def synced(self) -> bool:
        return self.team is not None

    @property
    def editable(self) -> bool:
        """Whether this laptop's account may change them: only a lead of the team."""
        return self.team is not None and self.account is not None and self.account.leads(self.team)

    @property
    def own(self) -> bool:
        """Whether this is the account's own team, so a command it suggests needs no --team."""
        return self.account is not None and self.team == self.account.team

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams whose alerts this laptop's account may change: those it leads (none for an engineer)."""
        if self.account is None or not self.account.is_lead:
            return ()
        return tuple(sorted({self.account.team, *self.account.teams}))


def _records(session: Session, team: str) -> list[TeamSetting]:
    return list(session.scalars(select(TeamSetting).where(TeamSetting.team == team,
                                                          TeamSetting.key.startswith(PREFIX, autoescape=True))))


def _changes(records: Iterable[TeamSetting]) -> tuple[AlertChange, ...]:
    changes = [AlertChange(r.key, r.key.removeprefix(CHANNEL_PREFIX) if r.key.startswith(CHANNEL_PREFIX) else None,
                           r.changed_by or r.author, r.updated_at, r.deleted) for r in records]
    return tuple(sorted(changes, key=lambda c: (c.changed_at, c.key), reverse=True))


def _read(session: Session, team: str, account: HubAccount | None) -> TeamAlerts:
    records = _records(session, team)
    settings, skipped = from_settings({r.key: r.value for r in records if not r.deleted})
    return TeamAlerts(team, account, settings, tuple(skipped), _changes(records))


def read_alerts(store: Store, team: str | None = None) -> TeamAlerts:
    """The alerts of `team` (by default the account's own team) as last synced. A laptop that never synced gets
    a `TeamAlerts` without a team; a team it holds no settings of raises `TeamNotHeldError`."""
    with store.session() as session:
        account = hub_account(session)
        if account is None:
            return TeamAlerts(None, None)
        chosen = account.team if team is None else team
        if chosen not in {account.team, *account.teams}:
            raise TeamNotHeldError("this laptop holds no settings of that team (it has not synced as a member or "
                                   "lead of it)")
        return _read(session, chosen, account)


def find_channel(found: TeamAlerts, name: str) -> Channel:
    """The team's channel called `name`; `UnknownChannelError` naming the channels it has otherwise."""
    channel = found.settings.channel(name)
    if channel is None:
        known = ", ".join(c.name for c in found.settings.channels) or "none yet"
        raise UnknownChannelError(f"team {found.team or '-'} has no alert channel {name!r} (its channels: {known})")
    return channel


def forget_channel_url(team: str, name: str) -> bool:
    """Takes the channel's URL out of this machine's keyring; False when there is no keyring to ask."""
    try:
        delete_secret(alert_channel_key(team, name))
    except KeyringUnavailableError:
        return False
    return True


# -- changing -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AlertEdit:
    """What a lead changes: channels added or relabelled (`put`), channels removed, and rule fields set (field name
    of `AlertRules` → its new value). Whatever it does not name stays as it is when saved."""

    put: tuple[Channel, ...] = ()
    remove: tuple[str, ...] = ()
    rules: Mapping[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.put or self.remove or self.rules)


def edit_between(before: AlertSettings, after: AlertSettings) -> AlertEdit:
    """The edit that turns `before` (what a window read) into `after` (what it shows now): applied to the settings
    as they are when saved, it keeps what another lead changed meanwhile."""
    old = {c.name: c for c in before.channels}
    new = {c.name: c for c in after.channels}
    put = tuple(c for name, c in sorted(new.items()) if old.get(name) != c)
    # A channel that changed its kind is removed and added again, as a lead has to.
    remove = tuple(name for name in sorted(old) if name not in new or new[name].kind != old[name].kind)
    rules = {name: getattr(after.rules, name) for name in RULE_FIELDS
             if getattr(after.rules, name) != getattr(before.rules, name)}
    return AlertEdit(put, remove, rules)


@dataclass(frozen=True)
class AlertsSaved:
    """What a save did, for the window's status line and the command's report: the settings now, how many were
    written, and which channels changed how."""

    team: str
    settings: AlertSettings  # the team's alerts now, on this laptop
    changed: int  # settings written (each queued for the next sync)
    added: tuple[str, ...] = ()
    relabelled: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    rules_changed: bool = False
    notes: tuple[str, ...] = ()  # what else the change did, in words
    urls_forgotten: tuple[str, ...] = ()  # removed channels whose URL this machine's keyring no longer keeps


def _rules_with(rules: AlertRules, changes: Mapping[str, Any]) -> AlertRules:
    """`rules` with the named fields changed: the others stay as saved, which is what a partial change means."""
    unknown = sorted(set(changes) - set(RULE_FIELDS))
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not an alert rule")
    values = dict(changes)
    for name in ("fault_warn_percent", "lead_channels"):
        if name in values:
            values[name] = tuple(sorted(values[name])) if name == "fault_warn_percent" else tuple(values[name])
    return replace(rules, **values)


def _applied(current: AlertSettings, edit: AlertEdit) -> AlertsSaved:
    """`current` with `edit` applied (removals first, so a channel removed and added again takes its new kind), and
    what that did; the team and the count are filled in by the caller. Raises ValueError in words for a change that
    cannot be made."""
    channels = {c.name: c for c in current.channels}
    for name in edit.remove:  # one another lead removed already stays removed
        channels.pop(name, None)
    added, relabelled = [], []
    for channel in edit.put:
        problem = name_problem(channel.name) or label_problem(channel.label)
        if problem:
            raise ValueError(problem)
        kind = ChannelKind(channel.kind)
        old = channels.get(channel.name)
        if old is not None and old.kind is not kind:
            raise ValueError(f"channel {channel.name} is of kind {old.kind.value}; to make it {kind.value}, remove it "
                             "and add it again (each machine then keeps a URL of the new kind)")
        if old is None:
            added.append(channel.name)
        elif old.label != channel.label:
            relabelled.append(channel.name)
        channels[channel.name] = Channel(channel.name, kind, channel.label)
    rules = _rules_with(current.rules, edit.rules)
    notes = []
    gone = [n for n in rules.lead_channels if n not in channels]
    if gone and "lead_channels" in edit.rules:
        raise ValueError(f"the lead's alerts cannot go to {', '.join(gone)}: not a channel of the team")
    if gone:
        rules = replace(rules, lead_channels=tuple(n for n in rules.lead_channels if n in channels))
        notes.append(f"the lead's alerts no longer go to {', '.join(gone)}"
                     + ("" if rules.lead_channels else "; they now go to every channel"))
    settings = AlertSettings(tuple(channels[n] for n in sorted(channels)), rules)
    removed = tuple(n for n in edit.remove if n in {c.name for c in current.channels} and n not in channels)
    return AlertsSaved("", settings, 0, tuple(added), tuple(relabelled), removed, rules != current.rules,
                       tuple(notes))


def _values(settings: AlertSettings, current: AlertSettings, raw: Mapping[str, str]) -> dict[str, str]:
    """The settings to write: an unchanged one keeps the text it has, and rules left at their defaults are written
    only when the team had set them before. Rules this version cannot read whole (a field a newer dzdesk added) are
    written as read, since the hub would refuse them as they are."""
    values = to_settings(settings.channels)
    before = {c.name: c for c in current.channels}
    for channel in settings.channels:
        key = channel_key(channel.name)
        if before.get(channel.name) == channel and key in raw:
            values[key] = raw[key]
    if settings.rules == current.rules and RULES_KEY in raw and not setting_problem(RULES_KEY, raw[RULES_KEY]):
        values[RULES_KEY] = raw[RULES_KEY]
    elif settings.rules != AlertRules() or RULES_KEY in raw:
        values[RULES_KEY] = to_settings((), settings.rules)[RULES_KEY]
    return values


def _not_yours(team: str) -> SettingsNotYoursError:
    return SettingsNotYoursError(f"team {team or '-'}'s alert channels and rules are kept by its lead on the hub; only "
                                 "a lead of the team changes them. Nothing was changed.")


def ensure_editable(found: TeamAlerts) -> None:
    """Raises `SettingsNotYoursError` in words unless this laptop's account leads the team: for saying so before
    anything else is asked."""
    if not found.editable:
        raise _not_yours(found.team or "")


def save_alerts(store: Store, team: str, edit: AlertEdit) -> AlertsSaved:
    """Applies `edit` to the team's alerts as they are now on this laptop and keeps them as the team's settings,
    each queued for the next sync (the team takes them then). A channel's URL is no setting: for a removed channel
    this machine forgets its URL too, since nothing sends to it any more.

    Raises `SettingsNotYoursError` unless this laptop's account leads the team, and ValueError in words for a change
    that cannot be made; either way nothing is written. A setting a newer dzdesk wrote, which this one cannot read,
    is taken out by the save (it is among `TeamAlerts.skipped` beforehand)."""
    with store.transaction() as session:
        account = hub_account(session)
        if account is None or not account.leads(team):
            raise _not_yours(team)
        raw = {r.key: r.value for r in _records(session, team) if not r.deleted}
        current, _skipped = from_settings(raw)
        summary = _applied(current, edit)
        if edit.empty:  # nothing asked: nothing written, not even what this version cannot read
            return replace(summary, team=team)
        changed = write_team_settings(session, team, PREFIX, _values(summary.settings, current, raw))
    forgotten = tuple(name for name in summary.removed if forget_channel_url(team, name))
    return replace(summary, team=team, changed=changed, urls_forgotten=forgotten)


# -- rules as people type them ------------------------------------------------------------------------------------
def parse_warn_points(text: str) -> tuple[int, ...]:
    """`50, 80` → (50, 80): the percentages of a fault's response time at which to warn; `none` (or nothing) for
    no warning before the breach. Raises ValueError in words."""
    text = text.strip().replace("，", ",").replace("%", "")
    if text.lower() in {"", "none", "no", "off"}:
        return ()
    points = []
    for part in (p.strip() for p in text.split(",")):
        if not part.isdigit() or not 1 <= int(part) <= 99:
            raise ValueError(f"“{part}” is not a percentage from 1 to 99 of the response time")
        points.append(int(part))
    if len(set(points)) != len(points):
        raise ValueError("a warning point is given twice")
    if len(points) > MAX_WARN_POINTS:
        raise ValueError(f"at most {MAX_WARN_POINTS} warning points")
    return tuple(sorted(points))


def parse_lead_after(text: str) -> int | None:
    """`30` → 30 minutes after the breach the lead is told; `never` → None."""
    text = text.strip().lower()
    if text in {"never", "no", "off"}:
        return None
    if not text.isdigit() or not 0 <= int(text) <= LEAD_AFTER_MAX:
        raise ValueError(f"“{text}” is not whole minutes from 0 to {LEAD_AFTER_MAX}, nor “never”")
    return int(text)


def parse_channel_names(text: str) -> tuple[str, ...]:
    """`ops,duty-mail` → ('ops', 'duty-mail'); nothing (or `all`) for every channel."""
    text = text.strip().replace("，", ",")
    if text.lower() in {"", "all", "every"}:
        return ()
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    for name in names:
        problem = name_problem(name)
        if problem:
            raise ValueError(problem)
    return names


def parse_digest_at(text: str) -> time:
    """`09:00` → 09:00 (Asia/Shanghai), the hour of the daily certificate digest."""
    try:
        parsed = time.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"“{text}” is not a time of day like 09:00") from None
    if parsed.second or parsed.microsecond or parsed.tzinfo is not None:
        raise ValueError(f"“{text}” is not a time of day like 09:00")
    return parsed


def parse_certificate_days(text: str) -> int:
    """`14` → the certificate digest lists those that expire within 14 days."""
    text = text.strip()
    if not text.isdigit() or not 1 <= int(text) <= 365:
        raise ValueError(f"“{text}” is not a whole number of days from 1 to 365")
    return int(text)
