"""Words for the domain's codes, in the interface language (the domain itself stays language-free)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.incident import Channel, Status
from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_state import TargetState
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_duration


def duration_text(delta: timedelta) -> str:
    """A countdown in the interface language: `1 d 03:15` in English, `1天 03:15` in Chinese."""
    return format_duration(delta, QCoreApplication.translate("Labels", " d "))


def severity_label(severity: Severity) -> str:
    return {
        Severity.URGENT: QCoreApplication.translate("Labels", "Urgent"),
        Severity.MAJOR: QCoreApplication.translate("Labels", "Major"),
        Severity.MINOR: QCoreApplication.translate("Labels", "Minor"),
        Severity.ADVISORY: QCoreApplication.translate("Labels", "Advisory"),
    }[Severity(severity)]


def severity_hint(severity: Severity) -> str:
    return {
        Severity.URGENT: QCoreApplication.translate(
            "Labels", "cannot start or cannot be used; answer within 1 h, 7×24"),
        Severity.MAJOR: QCoreApplication.translate(
            "Labels", "errors, key business still works; answer within 2 h, 7×24"),
        Severity.MINOR: QCoreApplication.translate(
            "Labels", "occasional non-fatal errors; answer within 4 business hours"),
        Severity.ADVISORY: QCoreApplication.translate(
            "Labels", "questions and suggestions; answer within 6 business hours"),
    }[Severity(severity)]


def status_label(status: Status) -> str:
    return {
        Status.NEW: QCoreApplication.translate("Labels", "New"),
        Status.RESPONDED: QCoreApplication.translate("Labels", "Responded"),
        Status.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
        Status.RESOLVED: QCoreApplication.translate("Labels", "Resolved"),
        Status.CLOSED: QCoreApplication.translate("Labels", "Closed"),
    }[Status(status)]


def channel_label(channel: Channel) -> str:
    return {
        Channel.PHONE: QCoreApplication.translate("Labels", "Phone"),
        Channel.WECHAT: QCoreApplication.translate("Labels", "WeChat group"),
        Channel.EMAIL: QCoreApplication.translate("Labels", "Email"),
        Channel.ON_SITE: QCoreApplication.translate("Labels", "On site"),
        Channel.PROBE: QCoreApplication.translate("Labels", "Health probe"),
    }[Channel(channel)]


def complaint_channel_label(channel: ComplaintChannel) -> str:
    return {
        ComplaintChannel.PHONE: QCoreApplication.translate("Labels", "Phone"),
        ComplaintChannel.FAX: QCoreApplication.translate("Labels", "Fax"),
        ComplaintChannel.EMAIL: QCoreApplication.translate("Labels", "Email"),
    }[ComplaintChannel(channel)]


def failure_label(failure: Failure) -> str:
    return {
        Failure.DNS: QCoreApplication.translate("Labels", "name does not resolve"),
        Failure.REFUSED: QCoreApplication.translate("Labels", "connection refused or unreachable"),
        Failure.TIMEOUT: QCoreApplication.translate("Labels", "no answer within the timeout"),
        Failure.TLS: QCoreApplication.translate("Labels", "TLS handshake failed"),
        Failure.CERTIFICATE: QCoreApplication.translate("Labels", "certificate not valid"),
        Failure.CERT_EXPIRED: QCoreApplication.translate("Labels", "certificate expired"),
        Failure.STATUS: QCoreApplication.translate("Labels", "unexpected HTTP status"),
        Failure.KEYWORD: QCoreApplication.translate("Labels", "keyword not found in the page"),
        Failure.SLOW: QCoreApplication.translate("Labels", "slower than the latency threshold"),
        Failure.REDIRECTS: QCoreApplication.translate("Labels", "too many redirects"),
        Failure.PROTOCOL: QCoreApplication.translate("Labels", "invalid answer"),
        Failure.CREDENTIALS: QCoreApplication.translate("Labels", "probe password missing"),
    }[failure]


def failure_text(failure: Failure | None, detail: str) -> str:
    """The failure in words with its technical detail, which stays as the system reported it."""
    if failure is None:
        return ""
    label = failure_label(failure)
    return f"{label}: {detail}" if detail else label


def target_state_label(state: TargetState) -> str:
    return {
        TargetState.UP: QCoreApplication.translate("Labels", "up"),
        TargetState.DOWN: QCoreApplication.translate("Labels", "down"),
        TargetState.UNKNOWN: QCoreApplication.translate("Labels", "not yet known"),
    }[state]


def platform_label(code: str, names: dict[str, str]) -> str:
    return names.get(code, code) if code else QCoreApplication.translate("Labels", "all platforms")


def vantage_kind_label(kind: str) -> str:
    """What a prober of the team is: a laptop, or the always-on watcher."""
    return {
        "laptop": QCoreApplication.translate("Labels", "laptop"),
        "watcher": QCoreApplication.translate("Labels", "watcher"),
    }.get(kind, kind)


def this_laptop_label() -> str:
    """This laptop among the team's probers (its results not sent yet carry no name)."""
    return QCoreApplication.translate("Labels", "this laptop")


def elapsed_text(delta: timedelta) -> str:
    """How long ago, in words: `45 min`, `3 h 05 min`, `2 d 4 h`."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Labels", "%1 d %2 h").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return QCoreApplication.translate("Labels", "%1 h %2 min").replace("%1", str(hours)).replace(
            "%2", f"{minutes:02d}")
    return QCoreApplication.translate("Labels", "%1 min").replace("%1", str(minutes))
