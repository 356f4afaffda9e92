"""A team's alert channel on this machine: its URL (from the environment or the keyring, never synced), checked
and kept, and a test message sent through the channels. Apart from the channels' and rules' settings
(`alerts`), which travel with the team."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from dzdesk.alerts.messages import Message, channel_test_message
from dzdesk.alerts.send import DEFAULT_TIMEOUT, ChannelTarget, Delivery, Outcome, send
from dzdesk.alerts.urls import ChannelUrlError, channel_url
from dzdesk.domain.alert_settings import (
    Channel,
    ChannelKind,
)
from dzdesk.operations.alerts import (
    MAX_TIMEOUT,
    AlertsError,
    NoChannelsError,
    TeamAlerts,
    UrlNotKeptError,
    find_channel,
)
from dzdesk.secrets import (
    KeyringUnavailableError,
    alert_channel_env,
    alert_channel_key,
    alert_channel_url,
    set_secret,
)


# -- a channel's URL on this machine ------------------------------------------------------------------------------
class UrlState(StrEnum):
    USABLE = "usable"
    MISSING = "missing"  # none in the environment nor the keyring
    UNUSABLE = "unusable"  # one is held, and it cannot be used
    NO_KEYRING = "no-keyring"  # none in the environment, and the keyring cannot be asked


@dataclass(frozen=True)
class UrlOnMachine:
    """Whether this machine holds a channel's URL, where, and why it cannot be used. The URL itself (a secret) is
    left out of repr, and nothing here ever shows it."""

    state: UrlState
    url: str | None = field(default=None, repr=False)
    where: str = ""  # ENVIRONMENT or KEYRING, when held
    problem: str = ""  # why it cannot be used, in words; empty when usable
    destination: str = ""  # the host it goes to, safe to show

    @property
    def held(self) -> bool:
        return self.url is not None

    @property
    def usable(self) -> bool:
        return self.state is UrlState.USABLE


def url_on_machine(team: str, channel: Channel) -> UrlOnMachine:
    """The URL this machine holds for the team's channel: the environment's (the watcher's way) before the
    keyring's. Asks the keyring, so a window calls it for a handful of channels at most."""
    try:
        url, where = alert_channel_url(team, channel.name)
    except KeyringUnavailableError:
        return UrlOnMachine(UrlState.NO_KEYRING, problem=(
            f"this machine has no keyring to keep it in; set {alert_channel_env(channel.name)} in the environment "
            "of the process that sends"))
    if url is None:
        return UrlOnMachine(UrlState.MISSING, problem="no URL on this machine")
    try:
        built = channel_url(channel.kind, url)
    except ChannelUrlError as exc:
        return UrlOnMachine(UrlState.UNUSABLE, url, where, f"the URL kept in the {where} cannot be used: {exc}")
    return UrlOnMachine(UrlState.USABLE, url, where, destination=built.destination)


@dataclass(frozen=True)
class UrlCheck:
    """What a URL typed for a channel of some kind would do: where it goes, or why it cannot be used."""

    destination: str
    problem: str

    @property
    def ok(self) -> bool:
        return not self.problem


def check_url(kind: ChannelKind | str, typed: str) -> UrlCheck:
    """A typed URL checked as the channel's kind reads it, for saying what is wrong while it is being typed."""
    try:
        built = channel_url(kind, typed)
    except ChannelUrlError as exc:
        return UrlCheck("", str(exc))
    return UrlCheck(built.destination, "")


@dataclass(frozen=True)
class UrlKept:
    """Where a kept URL sends, and whether this machine's environment overrides it (the watcher's way), so the
    person who kept it is told why a test may still use another."""

    destination: str  # where the channel's messages now go, safe to show
    environment_wins: bool  # the channel's environment variable is set too, and is what a send here uses
    environment_variable: str


def keep_channel_url(team: str, channel: Channel, typed: str) -> UrlKept:
    """Keeps `typed` as the channel's URL in this machine's keyring once it reads as the channel's kind; the URL
    never leaves this machine (it is no team setting). Raises `UrlNotKeptError` saying why, keeping nothing."""
    try:
        built = channel_url(channel.kind, typed)
    except ChannelUrlError as exc:
        raise UrlNotKeptError(str(exc)) from None
    env = alert_channel_env(channel.name)
    try:
        set_secret(alert_channel_key(team, channel.name), typed.strip())
    except KeyringUnavailableError:
        raise UrlNotKeptError(f"this machine has no keyring to keep the URL in; set {env} in the environment of "
                              "the process that sends instead") from None
    return UrlKept(built.destination, bool(os.environ.get(env, "").strip()), env)


# -- a test message -----------------------------------------------------------------------------------------------
def sender_name(found: TeamAlerts, profile_name: str = "") -> str:
    """Who a test message says it is from: the hub account, else the profile's name, else this machine."""
    if found.account is not None and found.account.name:
        return found.account.name
    return profile_name or socket.gethostname()


def channels_to_test(found: TeamAlerts, name: str | None = None) -> list[Channel]:
    """The one channel named, or every channel of the team; `UnknownChannelError` / `NoChannelsError` otherwise."""
    if name is not None:
        return [find_channel(found, name)]
    if not found.settings.channels:
        raise NoChannelsError(f"team {found.team or '-'} has no alert channels yet: a lead of the team adds them, "
                              "and they arrive with the next sync")
    return list(found.settings.channels)


@dataclass(frozen=True)
class ChannelTried:
    """One channel's outcome of a test: sent, or why not (its URL on this machine says why it was not tried)."""

    channel: Channel
    delivery: Delivery
    held: UrlOnMachine

    @property
    def sent(self) -> bool:
        return self.delivery.sent


@dataclass(frozen=True)
class SentTest:
    """The test message and each channel's outcome, in the order the channels were given."""

    message: Message
    tried: tuple[ChannelTried, ...]

    @property
    def all_sent(self) -> bool:
        return all(t.sent for t in self.tried)

    @property
    def any_unusable(self) -> bool:
        return any(t.delivery.outcome is Outcome.UNUSABLE for t in self.tried)


def send_test(team: str, channels: Sequence[Channel], sender: str,
              timeout: float = DEFAULT_TIMEOUT) -> SentTest:
    """Sends the test message to each of `channels` that this machine holds a usable URL for, all at once, each
    within `timeout` seconds; every other channel is said why it was not tried. Blocks for up to about `timeout`
    seconds (a window calls it off its own thread)."""
    if not 0 < timeout <= MAX_TIMEOUT:
        raise AlertsError(f"a test waits between 0 and {MAX_TIMEOUT:g} seconds for a channel")
    held = {c.name: url_on_machine(team, c) for c in channels}
    ready = [c for c in channels if held[c.name].usable]
    message = channel_test_message(sender)
    sent = send(message, [ChannelTarget(c.name, c.kind, held[c.name].url or "") for c in ready], timeout)
    by_name: dict[str, Delivery] = {d.channel: d for d in sent}
    tried = []
    for channel in channels:
        delivery = by_name.get(channel.name) or Delivery(channel.name, Outcome.UNUSABLE, held[channel.name].problem)
        tried.append(ChannelTried(channel, delivery, held[channel.name]))
    return SentTest(message, tuple(tried))

