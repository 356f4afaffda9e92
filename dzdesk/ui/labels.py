"""Words for the domain's codes in the interface language: an enum's labels are the domain's (`dzdesk.domain.labels`),
chosen by the installed translation; only words the domain does not hold are translated here."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.incident import Channel, Status
from dzdesk.domain.labels import Labelled
from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_state import TargetState
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_duration
from dzdesk.domain.vantage import vantage_kind


def duration_text(delta: timedelta) -> str:
    """A countdown in the interface language: `1 d 03:15` in English, `1天 03:15` in Chinese."""
    return format_duration(delta, QCoreApplication.translate("Labels", " d "))


def interface_is_chinese() -> bool:
    """Whether the window speaks Chinese: the installed translation turns this code into its own language's."""
    return QCoreApplication.translate("Labels", "en") != "en"


def enum_label(member: Labelled) -> str:
    """The member's label (declared once, beside its enum in the domain) in the interface language."""
    return member.label_zh if interface_is_chinese() else member.label_en


def severity_label(severity: Severity) -> str:
    return enum_label(Severity(severity))


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
    return enum_label(Status(status))


def channel_label(channel: Channel) -> str:
    return enum_label(Channel(channel))


def complaint_channel_label(channel: ComplaintChannel) -> str:
    return enum_label(ComplaintChannel(channel))


def failure_label(failure: Failure) -> str:
    return enum_label(failure)


def failure_text(failure: Failure | None, detail: str) -> str:
    """The failure in words with its technical detail, which stays as the system reported it."""
    if failure is None:
        return ""
    label = failure_label(failure)
    return f"{label}: {detail}" if detail else label


def target_state_label(state: TargetState) -> str:
    return enum_label(state)


def platform_label(code: str, names: dict[str, str]) -> str:
    return names.get(code, code) if code else QCoreApplication.translate("Labels", "all platforms")


def vantage_kind_label(kind: str) -> str:
    """What a prober of the team is: a laptop, or the always-on watcher."""
    known = vantage_kind(kind)
    return enum_label(known) if known is not None else kind


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
