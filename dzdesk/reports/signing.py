"""Signing a report (PAdES, with pyHanko) with the team's certificate: a PKCS#12 file whose password lives in the
keyring, and a timestamp from the team's timestamp server when one is set.

The signature is an incremental update of the file, so the pages and the verification stamp under it are kept
byte for byte, and any change to them afterwards breaks the signature in the eyes of every PDF reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import pem, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

from dzdesk.domain.timefmt import format_day

FIELD_NAME = "dzdesk-signature"
TIMESTAMP_TIMEOUT_S = 15


class SigningError(Exception):
    """The report cannot be signed; the message says why in words, and nothing was issued."""


@dataclass(frozen=True)
class SigningKey:
    """The team's certificate and key, loaded for signing, and where timestamps come from ("" for none)."""

    signer: signers.SimpleSigner
    timestamp_url: str = ""

    @property
    def certificate(self) -> x509.Certificate:
        return self.signer.signing_cert

    @property
    def subject(self) -> str:
        return certificate_name(self.certificate)

    def chain(self) -> list[x509.Certificate]:
        """The certificates that came with the key (its issuers), not the signing certificate itself."""
        own = self.certificate.dump()
        return [cert for cert in self.signer.cert_registry if cert.dump() != own]


def certificate_name(cert: x509.Certificate) -> str:
    """The certificate's subject as people read it: its common name, with the organisation when it has one."""
    names = cert.subject.native
    common = str(names.get("common_name", "")) if isinstance(names, dict) else ""
    organisation = str(names.get("organization_name", "")) if isinstance(names, dict) else ""
    text = "，".join(dict.fromkeys(part for part in (common, organisation) if part))
    return text or cert.subject.human_friendly


def load_signing_key(path: Path, password: str, timestamp_url: str = "",
                     now: datetime | None = None) -> SigningKey:
    """The key and certificate of a PKCS#12 file; SigningError in words when the file cannot be read, the password
    does not open it, or the certificate is not valid now."""
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise SigningError(f"the certificate file {path} cannot be read ({exc.strerror or exc})") from exc
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password.encode("utf-8"))
    except ValueError as exc:
        raise SigningError(f"{path} could not be opened: it is not a PKCS#12 (.p12/.pfx) file, or the password "
                           "is not its password") from exc
    if signer.signing_cert is None or signer.signing_key is None:
        raise SigningError(f"{path} holds no certificate with its private key")
    moment = now or datetime.now(UTC)
    validity = signer.signing_cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    if moment < not_before:
        raise SigningError(f"the certificate of {certificate_name(signer.signing_cert)} is not valid before "
                           f"{format_day(not_before)}")
    if moment > not_after:
        raise SigningError(f"the certificate of {certificate_name(signer.signing_cert)} expired on "
                           f"{format_day(not_after)}; a report signed with it would not validate")
    return SigningKey(signer, timestamp_url.strip())


def sign_pdf(data: bytes, key: SigningKey, reason: str, location: str = "") -> tuple[bytes, bool]:
    """The file signed (and timestamped when the key has a timestamp server), and whether it was timestamped.
    Raises SigningError in words when the file cannot be signed or the timestamp server does not answer."""
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, reason=reason,
                                        location=location or None, name=key.subject)
    timestamper = HTTPTimeStamper(key.timestamp_url, timeout=TIMESTAMP_TIMEOUT_S) if key.timestamp_url else None
    output = BytesIO()
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data))
        signers.PdfSigner(meta, signer=key.signer, timestamper=timestamper).sign_pdf(writer, output=output)
    except TimestampRequestError as exc:
        raise SigningError(f"the timestamp server {key.timestamp_url} did not give a timestamp ({exc}); the report "
                           "was not issued. Try again, or turn timestamps off with `dzdesk signing timestamp off`") \
            from exc
    except (OSError, PdfError) as exc:  # aiohttp's connection errors are OSErrors
        where = f" (timestamp server {key.timestamp_url})" if key.timestamp_url else ""
        raise SigningError(f"the report could not be signed{where}: {exc}") from exc
    return output.getvalue(), timestamper is not None


def certificates_pem(certs: list[x509.Certificate]) -> str:
    return "".join(pem.armor("CERTIFICATE", cert.dump()).decode("ascii") for cert in certs)


def read_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM (or DER) file; SigningError in words when there is none."""
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise SigningError(f"{path} cannot be read ({exc.strerror or exc})") from exc
    try:
        if pem.detect(data):
            found = [x509.Certificate.load(der) for kind, _headers, der in pem.unarmor(data, multiple=True)
                     if kind == "CERTIFICATE"]
        else:
            found = [x509.Certificate.load(data)]
            found[0].native  # noqa: B018 (parses it: asn1crypto loads lazily)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"{path} does not hold certificates (PEM or DER)") from exc
    if not found:
        raise SigningError(f"{path} holds no certificate")
    return found
