"""The result of probing one target, as it is shown, stored and exported."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from dzdesk.domain.labels import Labelled, set_labels


class Failure(Labelled):
    """Why a probe failed; the value is the English label (the store keeps the member's name)."""

    DNS = "name does not resolve"
    REFUSED = "connection refused or unreachable"
    TIMEOUT = "no answer within the timeout"
    TLS = "TLS handshake failed"
    CERTIFICATE = "certificate not valid"
    CERT_EXPIRED = "certificate expired"
    STATUS = "unexpected HTTP status"
    KEYWORD = "keyword not found in the page"
    SLOW = "slower than the latency threshold"
    REDIRECTS = "too many redirects"
    PROTOCOL = "invalid answer"
    CREDENTIALS = "probe password missing"


set_labels(Failure, {failure: (zh, failure.value) for failure, zh in {
    Failure.DNS: "域名无法解析", Failure.REFUSED: "连接被拒绝或不可达", Failure.TIMEOUT: "超时无响应",
    Failure.TLS: "TLS 握手失败", Failure.CERTIFICATE: "证书无效", Failure.CERT_EXPIRED: "证书已过期",
    Failure.STATUS: "HTTP 状态异常", Failure.KEYWORD: "页面缺少关键字", Failure.SLOW: "响应超过时延阈值",
    Failure.REDIRECTS: "重定向过多", Failure.PROTOCOL: "响应无效", Failure.CREDENTIALS: "缺少巡检账号密码",
}.items()})


class Warning_(StrEnum):  # noqa: N801 - "Warning" is a builtin
    VERIFY_OFF = "certificate verification is turned off for this target"
    CERT_EXPIRING = "certificate expires soon"


@dataclass(frozen=True)
class CertInfo:
    not_after: datetime
    issuer: str
    subject: str
    hostname_ok: bool

    def days_left(self, now: datetime) -> int:
        """Whole days until expiry, negative once expired (an hour past expiry is already -1)."""
        return math.floor((self.not_after - now).total_seconds() / 86400)


@dataclass(frozen=True)
class ProbeOutcome:
    target: str
    started_at: datetime
    ok: bool
    latency_ms: float | None = None
    failure: Failure | None = None
    detail: str = ""
    status_code: int | None = None
    redirects: int = 0
    phases: dict[str, float] = field(default_factory=dict)  # connect_ms, tls_ms, ttfb_ms where measured
    cert: CertInfo | None = None
    warnings: tuple[Warning_, ...] = ()

    @property
    def error(self) -> str:
        """The failure in words, with the detail that explains it; empty when the probe succeeded."""
        if self.failure is None:
            return ""
        return f"{self.failure.value}: {self.detail}" if self.detail else self.failure.value

    def cert_days_left(self) -> int | None:
        return None if self.cert is None else self.cert.days_left(self.started_at)
