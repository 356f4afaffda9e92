"""Reading a server certificate: expiry, issuer, subject and whether it names the host.

Parsed from DER with `cryptography`, because the standard library only describes certificates it has verified, and
an expired or mismatched certificate is exactly the one the team needs to see.
"""

from __future__ import annotations

import ipaddress

from cryptography import x509
from cryptography.x509.oid import NameOID

from dzdesk.domain.probe_outcome import CertInfo


def cert_info(der: bytes, host: str) -> CertInfo:
    cert = x509.load_der_x509_certificate(der)
    return CertInfo(not_after=cert.not_valid_after_utc, issuer=_name(cert.issuer), subject=_name(cert.subject),
                    hostname_ok=hostname_matches(cert, host))


def _name(name: x509.Name) -> str:
    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        values = name.get_attributes_for_oid(oid)
        if values:
            return str(values[0].value)
    return name.rfc4514_string()


def hostname_matches(cert: x509.Certificate, host: str) -> bool:
    """RFC 6125 matching against the subject alternative names (a wildcard covers one leftmost label)."""
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return address in sans.get_values_for_type(x509.IPAddress)
    try:  # certificates name internationalised hosts in their xn-- form
        wanted = host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    for pattern in sans.get_values_for_type(x509.DNSName):
        pattern = pattern.rstrip(".").lower()
        if pattern == wanted:
            return True
        # A wildcard stands for one leftmost label, and never for a whole registrable domain like "*.org".
        if (pattern.startswith("*.") and "." in pattern[2:] and "." in wanted
                and wanted.split(".", 1)[1] == pattern[2:]):
            return True
    return False
