"""What every probe of a sweep shares: trust anchors, proxies, the certificate warning default and credentials."""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from dzdesk.trust import TrustError, trusting_context


class ProbeOptionsError(ValueError):
    """The options cannot be used, e.g. the CA bundle file is missing or unreadable."""


@dataclass(frozen=True)
class ProbeOptions:
    """`ca_bundle` adds the team's own trust anchors to the operating system's store.

    `trust_env` makes HTTP probes use the system's proxy settings (environment, or the registry on Windows).
    """

    ca_bundle: str = ""
    trust_env: bool = True
    cert_warning_days: int = 30
    concurrency: int = 32
    passwords: Mapping[str, str] = field(default_factory=dict)  # target name -> password, read from the keyring

    @cached_property
    def verifying_context(self) -> ssl.SSLContext:
        """Built once per sweep: loading trust anchors costs milliseconds a probe should not pay. The team's CA
        bundle is trusted besides the system's certificates, not instead of them."""
        try:
            return trusting_context(self.ca_bundle)
        except TrustError as exc:
            raise ProbeOptionsError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from exc

    @cached_property
    def unverified_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context

    def context(self, verify: bool) -> ssl.SSLContext:
        return self.verifying_context if verify else self.unverified_context
