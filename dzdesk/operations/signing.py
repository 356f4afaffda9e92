"""The team's signing certificate on this machine: set once by whoever signs (the PKCS#12 file's path and the
timestamp server in the settings, its password in the keyring, the certificates that vouch for it beside the
settings), then loaded for each report that is signed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from asn1crypto import x509

from dzdesk.atomic_file import write_text_atomically
from dzdesk.config import DataDir, Settings
from dzdesk.reports.signing import (
    SigningError,
    SigningKey,
    certificate_name,
    certificates_pem,
    load_signing_key,
    read_certificates,
)
from dzdesk.secrets import (
    ENV_SIGNING_PASSWORD,
    SIGNING_PASSWORD_KEY,
    KeyringUnavailableError,
    set_secret,
    signing_password,
)


@dataclass(frozen=True)
class CertificateSet:
    settings: Settings
    key: SigningKey
    trusted: tuple[str, ...]  # the certificates a signature is checked against, by name


def signing_key(settings: Settings, now: datetime | None = None) -> SigningKey:
    """The team's key for signing a report now; SigningError in words when it is not set up on this machine."""
    if not settings.signing_certificate:
        raise SigningError("no signing certificate is set on this machine: set the team's certificate with "
                           "`dzdesk signing set-certificate FILE.p12`")
    try:
        password = signing_password()
    except KeyringUnavailableError as exc:
        raise SigningError(f"{exc} Or set {ENV_SIGNING_PASSWORD} for unattended signing.") from exc
    if not password:
        raise SigningError(f"the password of the signing certificate {settings.signing_certificate} is not in this "
                           "machine's keyring: set the certificate again with `dzdesk signing set-certificate`, or "
                           f"set {ENV_SIGNING_PASSWORD}")
    return load_signing_key(Path(settings.signing_certificate), password, settings.timestamp_url, now)


def set_certificate(data_dir: DataDir, settings: Settings, p12: Path, password: str,
                    extra_trust: Path | None = None, now: datetime | None = None) -> CertificateSet:
    """Checks that `password` opens `p12` and that its certificate is valid, keeps the password in the keyring,
    the file's path in the settings, and the certificates that vouch for it (those that came with the key, or the
    certificate itself, and `extra_trust`) for checking signatures. Nothing is changed when any step fails."""
    key = load_signing_key(p12, password, settings.timestamp_url, now or datetime.now(UTC))
    trusted = key.chain() or [key.certificate]
    if extra_trust is not None:
        trusted += read_certificates(extra_trust)
    try:
        set_secret(SIGNING_PASSWORD_KEY, password)
    except KeyringUnavailableError as exc:
        raise SigningError(f"{exc} The certificate was not set.") from exc
    write_text_atomically(data_dir.signing_trust_file, certificates_pem(trusted))
    settings = replace(settings, signing_certificate=str(p12.expanduser().resolve()),
                       signing_trust=str(data_dir.signing_trust_file))
    settings.save(data_dir.settings_file)
    return CertificateSet(settings, key, tuple(certificate_name(cert) for cert in trusted))


def set_timestamp_url(data_dir: DataDir, settings: Settings, url: str) -> Settings:
    """Sets the timestamp server signatures ask (an http or https URL), or none for an empty `url`."""
    url = url.strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SigningError(f"'{url}' is not the http or https address of a timestamp server")
    settings = replace(settings, timestamp_url=url)
    settings.save(data_dir.settings_file)
    return settings


def trust_roots(settings: Settings, extra: Sequence[Path] = ()) -> list[x509.Certificate]:
    """The certificates a report's signature is checked against: those kept when the certificate was set, and any
    the caller names. A kept file that went missing counts as none."""
    found: list[x509.Certificate] = []
    if settings.signing_trust and Path(settings.signing_trust).is_file():
        found += read_certificates(Path(settings.signing_trust))
    for path in extra:
        found += read_certificates(path)
    return found
