"""Which certificates dzdesk trusts when it talks TLS: the operating system's, plus the team's own CA if it has one.

A team that runs its hub or an intranet portal behind its own CA adds that CA; it must not lose the public ones by
doing so (`ssl.create_default_context(cafile=…)` would trust the file alone, and every public portal would fail).
The probes and the sync client build their contexts here, so both trust alike.
"""

from __future__ import annotations

import ssl
from pathlib import Path


class TrustError(ValueError):
    """The extra CA bundle cannot be used; the message says why."""


def trusting_context(extra_ca_bundle: str = "") -> ssl.SSLContext:
    """A verifying context that trusts the system's certificates and, when given, those of `extra_ca_bundle` too."""
    context = ssl.create_default_context()  # the system's trust store (SSL_CERT_FILE/SSL_CERT_DIR honoured)
    if not extra_ca_bundle:
        return context
    if not Path(extra_ca_bundle).is_file():
        raise TrustError(f"the CA bundle {extra_ca_bundle} does not exist")
    try:
        context.load_verify_locations(cafile=extra_ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise TrustError(f"the CA bundle {extra_ca_bundle} cannot be read: {exc}") from exc
    return context
