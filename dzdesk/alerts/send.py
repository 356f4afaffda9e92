"""Sends one message to one or more channels through apprise and says, per channel, whether it went.

Every channel is sent to at once, each on its own thread with its own deadline, so one unreachable mail server
does not hold back the groups. A channel that fails says why in words: it could not be reached (no such host,
nothing listening, no answer in time, a certificate not trusted), or it answered and refused (an HTTP error, a
mail server that refused the login or a recipient, a robot that refused the message). The reason is read from
apprise's own record of the attempt, kept in memory; only what is safe to show is taken from it (a status code,
the kind of network failure), never the URL, and the channel's secrets are masked from it besides.

DingTalk and WeCom answer HTTP 200 even when a group's robot refuses a message (a keyword it requires is missing,
a signature is wrong); apprise takes that answer as sent, so `sent` there means the robot's server took the request.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from http import HTTPStatus

from dzdesk.alerts.logs import keep_secrets_out_of_logs
from dzdesk.alerts.messages import Message
from dzdesk.alerts.urls import ChannelUrl, ChannelUrlError, channel_url
from dzdesk.domain.alert_settings import ChannelKind

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0  # seconds one channel may take, connecting included
CONNECT_TIMEOUT = 5.0
_GRACE = 3.0  # beyond apprise's own deadline, before a channel's thread is given up on


class Outcome(StrEnum):
    SENT = "sent"
    UNREACHABLE = "unreachable"  # nothing answered: no such host, nothing listening, no answer in time, TLS failed
    REFUSED = "refused"  # the receiver answered and did not take the message
    UNUSABLE = "unusable"  # the channel's URL cannot be used; nothing was tried
    FAILED = "failed"  # apprise said it failed and left no reason that can be read


@dataclass(frozen=True)
class ChannelTarget:
    """A channel and the URL this machine holds for it (a secret: left out of repr)."""

    name: str
    kind: ChannelKind | str
    url: str = field(repr=False)


@dataclass(frozen=True)
class Delivery:
    """What happened to the message on one channel; `why` is empty when it went, and never holds the URL."""

    channel: str
    outcome: Outcome
    why: str = ""

    @property
    def sent(self) -> bool:
        return self.outcome is Outcome.SENT


def send(message: Message, targets: Sequence[ChannelTarget], timeout: float = DEFAULT_TIMEOUT) -> list[Delivery]:
    """Sends `message` to every target at once; one Delivery per target, in the targets' order. Returns within
    about `timeout` seconds whatever the receivers do."""
    keep_secrets_out_of_logs()
    results: list[Delivery | None] = [None] * len(targets)

    def run(index: int, target: ChannelTarget) -> None:
        results[index] = _send_one(message, target, timeout)

    threads = [threading.Thread(target=run, args=(i, t), name=f"alert-{t.name}", daemon=True)
               for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + _GRACE)
    deliveries = []
    for target, delivery in zip(targets, results, strict=True):
        if delivery is None:
            delivery = Delivery(target.name, Outcome.UNREACHABLE, f"no answer within {timeout:g} s")
        if delivery.sent:
            log.info("alert sent to channel %s", target.name)
        else:
            log.warning("alert not sent to channel %s (%s): %s", target.name, delivery.outcome.value, delivery.why)
        deliveries.append(delivery)
    return deliveries


def _send_one(message: Message, target: ChannelTarget, timeout: float) -> Delivery:
    try:
        built = channel_url(target.kind, target.url)
    except ChannelUrlError as exc:
        return Delivery(target.name, Outcome.UNUSABLE, str(exc))
    try:
        return _notify(message, target.name, built, timeout)
    except Exception as exc:  # apprise's or a plugin's defect: said by its type only, its text may hold the URL
        return Delivery(target.name, Outcome.FAILED, f"the sending library failed ({type(exc).__name__})")


def _notify(message: Message, name: str, built: ChannelUrl, timeout: float) -> Delivery:
    import apprise
    from apprise.common import NotifyFormat

    asset = apprise.AppriseAsset(app_id="dzdesk", app_desc="dzdesk", storage_mode="memory")
    plugin = apprise.Apprise.instantiate(built.apprise_url, asset=asset)
    if plugin is None:
        return Delivery(name, Outcome.UNUSABLE, f"the {built.kind.label_zh} URL cannot be used; set it again")
    plugin.socket_connect_timeout = min(CONNECT_TIMEOUT, timeout)
    plugin.socket_read_timeout = timeout
    if built.kind is ChannelKind.EMAIL:  # smtplib takes one timeout for the whole session
        plugin.socket_connect_timeout = timeout
    sender = apprise.Apprise(asset=asset)
    sender.add(plugin)
    # A group reads the body, which starts with the headline; a mailbox has the headline as its subject, and a
    # webhook's receiver gets it as the payload's title.
    title = message.title if built.kind in {ChannelKind.EMAIL, ChannelKind.WEBHOOK} else ""
    result = sender.notify(body=message.body, title=title, body_format=NotifyFormat.TEXT, timeout=timeout,
                           log_level=logging.DEBUG)
    try:
        services = list(result)
        if result and services:
            return Delivery(name, Outcome.SENT)
        timed_out = bool(services) and services[0].status == apprise.AppriseResultStatus.TIMEOUT
        lines = [entry.message for service in services for entry in service.logs()]
    finally:
        result.close()
    outcome, why = failure_reason(lines, built.destination, timeout, timed_out)
    return Delivery(name, outcome, built.mask(why))


_RESOLVE = re.compile(r"Name or service not known|Temporary failure in name resolution|NameResolutionError|"
                      r"nodename nor servname|getaddrinfo failed|No address associated", re.IGNORECASE)
_TLS = re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLError|\[SSL", re.IGNORECASE)


def failure_reason(lines: Sequence[str], destination: str, timeout: float,
                   timed_out: bool = False) -> tuple[Outcome, str]:
    """Why a send failed, from apprise's record of it: the outcome and words safe to show (a status code, the kind
    of network failure, the host), never a line of the record itself."""
    text = "\n".join(lines)
    if timed_out:
        return Outcome.UNREACHABLE, f"{destination} gave no answer within {timeout:g} s"
    if (found := re.search(r"error=(\d{3})\b", text)) is not None:
        code = int(found.group(1))
        try:
            phrase = f" {HTTPStatus(code).phrase}"
        except ValueError:
            phrase = ""
        return Outcome.REFUSED, f"{destination} refused it: HTTP {code}{phrase}"
    if (found := re.search(r"rejected our notification: code=(-?\d+)", text)) is not None:
        return Outcome.REFUSED, f"the group's robot refused it (code {found.group(1)})"
    if (found := re.search(r"recipient \S+ was refused: (\d{3})|\{'[^']*': \((\d{3}),", text)) is not None:
        return Outcome.REFUSED, f"the mail server refused a recipient (SMTP {found.group(1) or found.group(2)})"
    if (found := re.search(r"Socket Exception: \((\d{3}),", text)) is not None:
        code = found.group(1)
        if code in {"530", "534", "535", "538"}:
            return Outcome.REFUSED, f"the mail server refused the login (SMTP {code}): check the user and password"
        return Outcome.REFUSED, f"the mail server refused the message (SMTP {code})"
    if re.search(r"STARTTLS extension not supported|SMTPNotSupportedError", text):
        return Outcome.REFUSED, "the mail server offers no STARTTLS: use smtps:// or its TLS port"
    if re.search(r"AUTH extension not supported", text):
        return Outcome.REFUSED, "the mail server takes no login here: drop the user and password"
    if re.search(r"Connection refused|Errno 111|WinError 10061", text):
        return Outcome.UNREACHABLE, f"nothing answers at {destination} (connection refused)"
    if _RESOLVE.search(text):
        return Outcome.UNREACHABLE, f"the host of {destination} cannot be found (its name does not resolve)"
    if _TLS.search(text):
        return Outcome.UNREACHABLE, f"{destination}'s certificate is not trusted on this machine"
    if re.search(r"timed out|Timeout", text, re.IGNORECASE):
        return Outcome.UNREACHABLE, f"{destination} gave no answer within {timeout:g} s"
    if re.search(r"Network is unreachable|No route to host", text):
        return Outcome.UNREACHABLE, f"no network route to {destination}"
    if re.search(r"Connection reset|Connection aborted|RemoteDisconnected|SMTPServerDisconnected|"
                 r"Connection unexpectedly closed", text):
        return Outcome.UNREACHABLE, f"{destination} closed the connection"
    if re.search(r"Connection error|Failed to establish", text, re.IGNORECASE):
        return Outcome.UNREACHABLE, f"could not connect to {destination}"
    return Outcome.FAILED, f"the message was not taken by {destination}, and no reason was given"
