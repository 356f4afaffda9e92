"""Which certificates dzdesk trusts when it talks TLS: the operating system's, plus the team's own CA if it has one.

A team that runs its hub or an intranet portal behind its own CA adds that CA; it must not lose the public ones by
doing so (`ssl.create_default_context(cafile=…)` would trust the file alone, and every public portal would fail).
The probes and the sync client build their contexts here, so both trust alike.
"""

from __future__ import annotations

import functools
import os
import ssl
from pathlib import Path


class TrustError(ValueError):
    """The extra CA bundle cannot be used; the message says why."""


def trusting_context(extra_ca_bundle: str = "") -> ssl.SSLContext:
    """A verifying context that trusts the system's certificates and, when given, those of `extra_ca_bundle` too.

    Loading the system's store takes tens of milliseconds of CPU, and every sync and sweep asks for a context; one
    context serves any number of connections, so the same one is handed out again until the bundle file changes
    (its size or modification time) or OpenSSL is pointed at another system store (`SSL_CERT_FILE`,
    `SSL_CERT_DIR`)."""
    system = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    if not extra_ca_bundle:
        return _context("", None, system)
    bundle = Path(extra_ca_bundle)
    try:
        stat = bundle.stat()
    except OSError:
        stat = None
    if stat is None or not bundle.is_file():
        raise TrustError(f"the CA bundle {extra_ca_bundle} does not exist")
    return _context(extra_ca_bundle, (stat.st_size, stat.st_mtime_ns), system)


@functools.lru_cache(maxsize=8)
def _context(extra_ca_bundle: str, version: tuple[int, int] | None,
             system: tuple[str | None, str | None]) -> ssl.SSLContext:
    del version, system  # parts of the cache key only: a changed bundle or system store is read again
    context = ssl.create_default_context()  # the system's trust store (SSL_CERT_FILE/SSL_CERT_DIR honoured)
    if not extra_ca_bundle:
        return context
    try:
        context.load_verify_locations(cafile=extra_ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise TrustError(f"the CA bundle {extra_ca_bundle} cannot be read: {exc}") from exc
    return context
