"""What the team probes: one target per platform entry, subsystem or district hall, kept as TOML the team edits.

A target without its URL or host is part of the default catalogue that nobody has filled in yet; it is listed but
never probed, so a fresh install neither raises false alarms nor pretends that unknown systems are up.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from dzdesk.domain.catalogue import Catalogue

MAX_TIMEOUT_S = 120.0
MAX_LATENCY_THRESHOLD_MS = 600_000  # ten minutes, as the target editor allows; the store holds 64-bit integers
DEFAULT_TIMEOUT_S = 5.0
# A target's fields as the store keeps them, one column each beside its kind, in the order its readers take them.
TARGET_FIELDS = ("name", "platform", "url", "host", "port", "expect_status", "keyword", "timeout_s",
                 "latency_threshold_ms", "verify_tls", "cert_warning_days", "module", "district", "username",
                 "enabled", "notes")


class ProbeKind(StrEnum):
    HTTP = "http"
    TCP = "tcp"
    DNS = "dns"
    TLS = "tls"


class TargetsFileError(ValueError):
    """A targets file that cannot be used; the message names the target and the field."""


@dataclass(frozen=True)
class ProbeTarget:
    name: str
    platform: str
    kind: ProbeKind = ProbeKind.HTTP
    url: str = ""
    host: str = ""
    port: int | None = None
    expect_status: int | None = None
    keyword: str = ""
    timeout_s: float = DEFAULT_TIMEOUT_S
    latency_threshold_ms: int | None = None
    verify_tls: bool = True
    cert_warning_days: int | None = None
    module: str = ""
    district: str = ""
    username: str = ""
    enabled: bool = True
    notes: str = ""

    @property
    def configured(self) -> bool:
        """Whether the target says where to look; the default catalogue leaves that to the team."""
        if self.kind in (ProbeKind.HTTP, ProbeKind.TLS):
            return bool(self.url) or (self.kind is ProbeKind.TLS and bool(self.host))
        return bool(self.host) and (self.kind is not ProbeKind.TCP or self.port is not None)

    @property
    def probed(self) -> bool:
        return self.enabled and self.configured

    @property
    def address(self) -> str:
        """Where the target points, as people read it."""
        if self.url:
            return self.url
        if self.port is not None:
            return f"{self.host}:{self.port}"
        return self.host

    def endpoint(self) -> tuple[str, int]:
        """Host and port of a TCP or TLS target, the port taken from the URL's scheme when not given."""
        if self.url:
            parts = urlsplit(self.url)
            return parts.hostname or "", parts.port or self.port or (443 if parts.scheme == "https" else 80)
        return self.host, self.port or 443


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str, "platform": str, "kind": str, "url": str, "host": str, "port": int, "expect_status": int,
    "keyword": str, "timeout_s": (int, float), "latency_threshold_ms": int, "verify_tls": bool,
    "cert_warning_days": int, "module": str, "district": str, "username": str, "enabled": bool, "notes": str,
}


def target_of(kind: str, values: Sequence[object]) -> ProbeTarget:
    """The target a stored row describes: its kind and the values of `TARGET_FIELDS`, in that order (a record's
    attributes, or the columns of a query that reads only those)."""
    return ProbeTarget(kind=ProbeKind(kind), **dict(zip(TARGET_FIELDS, values, strict=True)))


def parse_targets(text: str, platforms: tuple[str, ...] = ("credit", "approval")) -> list[ProbeTarget]:
    """Targets from the text of a targets file; any problem raises `TargetsFileError` naming target and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TargetsFileError(f"not valid TOML: {exc}") from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise TargetsFileError(f"not usable TOML: {exc}") from exc
    except RecursionError:
        raise TargetsFileError("not usable TOML: arrays or tables are nested too deeply") from None
    unknown = set(data) - {"target"}
    if unknown:
        raise TargetsFileError(f"unknown top-level key(s): {', '.join(sorted(unknown))}; expected [[target]] tables")
    entries = data.get("target", [])
    if not isinstance(entries, list):
        raise TargetsFileError("'target' must be an array of tables: write each one as [[target]]")
    targets = [target_from_mapping(entry, index, platforms) for index, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for target in targets:
        if target.name in seen:
            raise TargetsFileError(f"target “{target.name}”: the name is used twice")
        seen.add(target.name)
    return targets


def target_from_mapping(entry: Any, index: int = 1,
                        platforms: tuple[str, ...] = ("credit", "approval")) -> ProbeTarget:
    """One target from a mapping (a TOML table or an edited form), checked field by field."""
    if not isinstance(entry, dict):
        raise TargetsFileError(f"target {index}: not a table")
    name = entry.get("name")
    where = f"target “{name}”" if isinstance(name, str) and name.strip() else f"target {index}"
    for key, value in entry.items():
        expected = _FIELDS.get(key)
        if expected is None:
            raise TargetsFileError(f"{where}: unknown field '{key}'")
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise TargetsFileError(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    values = {key: value.strip() if isinstance(value, str) and key != "keyword" else value
              for key, value in entry.items()}
    if not values.get("name"):
        raise TargetsFileError(f"{where}: 'name' is missing")
    if len(values["name"]) > 100:
        raise TargetsFileError(f"{where}: 'name' is longer than 100 characters")
    if values.get("platform") not in platforms:
        raise TargetsFileError(f"{where}: 'platform' must be one of {', '.join(platforms)}")
    try:
        values["kind"] = ProbeKind(values.get("kind", "http"))
    except ValueError:
        raise TargetsFileError(f"{where}: 'kind' must be one of http, tcp, dns, tls") from None
    target = ProbeTarget(**values)
    _check(target, where)
    return target


def _check(target: ProbeTarget, where: str) -> None:
    if target.url:
        try:
            parts = urlsplit(target.url)
        except ValueError:  # "http://[" is not even a URL: its IPv6 address has no closing bracket
            raise TargetsFileError(f"{where}: 'url' must be an http:// or https:// address") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TargetsFileError(f"{where}: 'url' must be an http:// or https:// address")
        try:
            _ = parts.port
        except ValueError:
            raise TargetsFileError(f"{where}: 'url' has an invalid port") from None
        if target.kind is ProbeKind.TLS and parts.scheme != "https":
            raise TargetsFileError(f"{where}: 'url' of a tls target must start with https://")
    if target.kind in (ProbeKind.TCP, ProbeKind.DNS) and target.url:
        raise TargetsFileError(f"{where}: a {target.kind} target takes 'host', not 'url'")
    if target.kind is ProbeKind.HTTP and target.host:
        raise TargetsFileError(f"{where}: an http target takes 'url', not 'host'")
    if target.host and (any(c.isspace() for c in target.host) or "/" in target.host):
        raise TargetsFileError(f"{where}: 'host' must be a host name or address, without scheme or path")
    if target.port is not None and not 1 <= target.port <= 65535:
        raise TargetsFileError(f"{where}: 'port' must be between 1 and 65535")
    if target.kind is ProbeKind.TCP and target.host and target.port is None:
        raise TargetsFileError(f"{where}: a tcp target needs 'port'")
    if target.expect_status is not None and not 100 <= target.expect_status <= 599:
        raise TargetsFileError(f"{where}: 'expect_status' must be an HTTP status between 100 and 599")
    if target.kind is not ProbeKind.HTTP and (target.expect_status is not None or target.keyword):
        raise TargetsFileError(f"{where}: 'expect_status' and 'keyword' apply to http targets only")
    try:
        timeout = float(target.timeout_s)
    except OverflowError:  # an integer beyond any float
        timeout = math.inf
    if not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT_S:
        raise TargetsFileError(f"{where}: 'timeout_s' must be more than 0 and at most {MAX_TIMEOUT_S:g} seconds")
    if target.latency_threshold_ms is not None and not 0 < target.latency_threshold_ms <= MAX_LATENCY_THRESHOLD_MS:
        raise TargetsFileError(f"{where}: 'latency_threshold_ms' must be positive and at most "
                               f"{MAX_LATENCY_THRESHOLD_MS} (ten minutes)")
    if target.cert_warning_days is not None and not 0 <= target.cert_warning_days <= 365:
        raise TargetsFileError(f"{where}: 'cert_warning_days' must be between 0 and 365")


def dump_targets(targets: list[ProbeTarget]) -> str:
    """A targets file for `targets`, leaving out fields at their defaults so the file stays readable."""
    defaults = asdict(ProbeTarget(name="", platform=""))
    tables = []
    for target in targets:
        row: dict[str, Any] = {}
        for key, value in asdict(target).items():
            if key in ("name", "platform", "kind") or (value != defaults[key] and value is not None):
                row[key] = str(value) if isinstance(value, StrEnum) else value
        if isinstance(row.get("timeout_s"), float) and row["timeout_s"].is_integer():
            row["timeout_s"] = int(row["timeout_s"])
        tables.append(row)
    header = ("# dzdesk probe targets. kind is http, tcp, dns or tls; http and tls take url, tcp and dns take host\n"
              "# (tcp also port). Optional: expect_status, keyword, timeout_s, latency_threshold_ms, verify_tls,\n"
              "# cert_warning_days, module, district, username (its password lives in the keyring), enabled.\n\n")
    # One [[target]] table each, as people write them; tomli_w would put them all on one inline array.
    return header + "\n".join("[[target]]\n" + tomli_w.dumps(row) for row in tables)


def default_targets(catalogue: Catalogue) -> list[ProbeTarget]:
    """The default catalogue: each platform's portal and each module or subsystem, and each district's hall.

    Addresses are left empty for the team to fill in; the contract names the systems, not their hosts.
    """
    targets: list[ProbeTarget] = []
    for platform in catalogue.platforms:
        targets.append(ProbeTarget(name=f"{platform.short_name}-门户", platform=platform.code))
        targets.extend(ProbeTarget(name=f"{platform.short_name}-{module}", platform=platform.code, module=module)
                       for module in platform.modules)
    approval = next((p for p in catalogue.platforms if p.code == "approval"), None)
    if approval is not None:
        targets.extend(ProbeTarget(name=f"{approval.short_name}-{district}", platform=approval.code,
                                   district=district) for district in catalogue.districts)
    return targets


def with_changes(target: ProbeTarget, **changes: Any) -> ProbeTarget:
    """A copy of `target` with `changes`, checked like a file entry."""
    changed = replace(target, **changes)
    _check(changed, f"target “{changed.name}”")
    return changed
