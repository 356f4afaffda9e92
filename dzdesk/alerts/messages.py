"""The texts alerts say: short Chinese lines a group reads on a phone, the same on every channel.

Pure functions of plain values (names, times, a severity), no database, so the watcher and the tests build the
same text. Times are shown in Asia/Shanghai. A message carries no link to an internal system and nothing secret:
text people typed (a fault's title) is cut to one line, and any address in it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local, to_local

MAX_TEXT = 40  # characters of a title people typed, kept in a message
MAX_LINES = 30  # listed items in one message; more are counted
_ADDRESS = re.compile(r"(?:https?|ftp|smtps?|mailto)://\S+|www\.\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Message:
    """One alert: `title` is its first line (an e-mail's subject), `body` the whole text a group reads."""

    title: str
    body: str


@dataclass(frozen=True)
class TargetChange:
    """A probe target that went down or came back up in one sweep. `since` is when it went down; for one that came
    back, `until` is when it did."""

    name: str  # as people know it: “审批系统-网上大厅”
    down: bool
    since: datetime
    reason: str = ""  # why it is down, in words: “连接超时”
    until: datetime | None = None


@dataclass(frozen=True)
class CertificateExpiry:
    name: str  # the target whose certificate it is
    expires: datetime


def span_zh(delta: timedelta) -> str:
    """`1 小时 36 分钟`, `35 分钟`, `2 天 3 小时`: whole minutes, rounded down, minutes dropped past a day."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 1:
        return "不到 1 分钟"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} 天" if days else "", f"{hours} 小时" if hours else "",
             f"{minutes} 分钟" if minutes and not days else ""]
    return " ".join(p for p in parts if p)


def clock_zh(moment: datetime, now: datetime) -> str:
    """`02:05` on the day of `now`, `12-30 23:50` on another day of its year, else `2026-12-30 23:50`."""
    local, today = to_local(moment), to_local(now)
    if local.date() == today.date():
        return format_local(moment, "%H:%M")
    if local.year == today.year:
        return format_local(moment, "%m-%d %H:%M")
    return format_local(moment)


def moment_zh(moment: datetime, now: datetime) -> str:
    """A deadline: `12-31 11:00` (always with its day), with the year when it is not `now`'s."""
    same_year = to_local(moment).year == to_local(now).year
    return format_local(moment, "%m-%d %H:%M") if same_year else format_local(moment)


def day_zh(day: date, today: date) -> str:
    return day.isoformat()[5:] if day.year == today.year else day.isoformat()


def plain(text: str, limit: int = MAX_TEXT) -> str:
    """Typed text made fit for a one-line alert: addresses left out, whitespace folded, cut at `limit`."""
    text = " ".join(_ADDRESS.sub("[链接已略]", text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _listed(title: str, lines: Sequence[str]) -> Message:
    if len(lines) == 1:
        return Message(lines[0], lines[0])
    shown = [f"· {line}" for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"· 另有 {len(lines) - MAX_LINES} 项")
    return Message(title, "\n".join([title, *shown]))


def probe_alert(changes: Sequence[TargetChange], now: datetime) -> Message | None:
    """One message for a sweep's changes: the targets that went down, then those that came back; None for none.

    “【巡检告警】审批系统-网上大厅 不可用（连接超时），自 02:05 起”, “【恢复】… 已恢复，中断 35 分钟”."""
    downs = sorted((c for c in changes if c.down), key=lambda c: (c.since, c.name))
    ups = sorted((c for c in changes if not c.down), key=lambda c: (c.until or now, c.name))
    lines = []
    for change in downs:
        why = f"（{plain(change.reason, 20)}）" if change.reason.strip() else ""
        lines.append(f"{plain(change.name)} 不可用{why}，自 {clock_zh(change.since, now)} 起")
    for change in ups:
        lines.append(f"{plain(change.name)} 已恢复，中断 {span_zh((change.until or now) - change.since)}")
    if not lines:
        return None
    if len(lines) == 1:
        return _listed("", [("【巡检告警】" if downs else "【恢复】") + lines[0]])
    if downs and ups:
        title = f"【巡检告警】{len(downs)} 个目标不可用，{len(ups)} 个已恢复"
    elif downs:
        title = f"【巡检告警】{len(downs)} 个目标不可用"
    else:
        title = f"【恢复】{len(ups)} 个目标已恢复"
    return _listed(title, lines)


def certificate_digest(certificates: Sequence[CertificateExpiry], now: datetime,
                       days_ahead: int) -> Message | None:
    """The day's one message of every certificate that expires within `days_ahead` days (or has expired), soonest
    first; None when there is none."""
    today = to_local(now).date()
    due = sorted((to_local(c.expires).date(), c.name) for c in certificates
                 if (to_local(c.expires).date() - today).days <= days_ahead)
    if not due:
        return None
    lines = []
    for day, name in due:
        left = (day - today).days
        if left > 0:
            when = f"{day.isoformat()} 到期，还剩 {left} 天"
        elif left == 0:
            when = f"今天（{day.isoformat()}）到期"
        else:
            when = f"已过期 {-left} 天（{day.isoformat()}）"
        lines.append(f"{plain(name)}：{when}")
    title = f"【证书到期】{days_ahead} 天内到期的证书 {len(lines)} 个"
    shown = [f"· {line}" for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"· 另有 {len(lines) - MAX_LINES} 个")
    return Message(title, "\n".join([title, *shown]))


def _fault(severity: Severity, title: str) -> str:
    return f"{severity.label_zh}「{plain(title)}」"


def fault_warning(title: str, severity: Severity, due: datetime, now: datetime) -> Message:
    """A fault not yet answered, at one of the rules' points before its deadline.

    “【响应提醒】一般故障「证书下载失败」还剩 1 小时 36 分钟，响应期限 12-31 11:00”."""
    text = f"【响应提醒】{_fault(severity, title)}还剩 {span_zh(due - now)}，响应期限 {moment_zh(due, now)}"
    return Message(text, text)


def fault_breached(title: str, severity: Severity, due: datetime, now: datetime) -> Message:
    """A fault whose response deadline passed unanswered:
    “【已超时】一般故障「…」已超过响应期限 12-31 11:00，尚未响应”."""
    text = f"【已超时】{_fault(severity, title)}已超过响应期限 {moment_zh(due, now)}，尚未响应"
    return Message(text, text)


def fault_lead_notice(title: str, severity: Severity, due: datetime, now: datetime, duty: str = "") -> Message:
    """To the lead, a while after the breach: how long the fault has been late, and who is on duty if known."""
    on_duty = f"，值班：{plain(duty, 20)}" if duty.strip() else ""
    text = (f"【请组长关注】{_fault(severity, title)}超过响应期限 {moment_zh(due, now)} 已 {span_zh(now - due)}，"
            f"仍未响应{on_duty}")
    return Message(text, text)


def _relative_day(day: date, today: date) -> str:
    return {0: "今天", 1: "明天", 2: "后天"}.get((day - today).days, day_zh(day, today))


def complaint_reply_due(subject: str, due: datetime, now: datetime) -> Message:
    """A complaint whose reply is due tomorrow and not yet given:
    “【投诉答复提醒】投诉「…」明天须答复，答复期限 01-05 18:00”."""
    day = _relative_day(to_local(due).date(), to_local(now).date())
    text = f"【投诉答复提醒】投诉「{plain(subject)}」{day}须答复，答复期限 {moment_zh(due, now)}"
    return Message(text, text)


def visit_follow_up_overdue(office: str, follow_up: str, due: date, now: datetime) -> Message:
    """A follow-up promised on a visit and not done by its day:
    “【跟进逾期】达川区政务服务中心 上门服务的跟进事项「…」已逾期 2 天（应于 12-29 完成）”."""
    today = to_local(now).date()
    late = (today - due).days
    overdue = f"已逾期 {late} 天" if late > 0 else "今天到期"
    text = (f"【跟进逾期】{plain(office, 30)} 上门服务的跟进事项「{plain(follow_up)}」{overdue}"
            f"（应于 {day_zh(due, today)} 完成）")
    return Message(text, text)


def channel_test_message(sender: str) -> Message:
    """What `dzdesk alerts test` sends: “【测试】dzdesk 告警通道测试，来自 李明”."""
    text = f"【测试】dzdesk 告警通道测试，来自 {plain(sender, 60)}"
    return Message(text, text)
