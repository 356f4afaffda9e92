"""A test CA made by the tests: the team's signing certificate as a PKCS#12 file, a certificate of another CA, and a
real timestamp server (RFC 3161 over HTTP) on 127.0.0.1 whose answers pyHanko's own test stamper signs."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper

from tests.support.secret_scan import remember


def _new_key() -> rsa.RSAPrivateKey:
    """RSA: pyHanko's test timestamper signs with RSA only, and one kind of key keeps the CA simple."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str, organisation: str = "达州市工程建设运维团队") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation)])


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _certificate(subject: x509.Name, key: rsa.RSAPrivateKey, issuer: Issued | None, ca: bool,
                 usage: list[x509.ObjectIdentifier] | None = None, not_after: datetime | None = None) -> Issued:
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.cert.subject if issuer else subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
               .not_valid_after(not_after or now + timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                        critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                                        critical=True)
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False)
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usage), critical=True)
    return Issued(key, builder.sign(issuer.key if issuer is not None else key, hashes.SHA256()))


def make_ca(common: str = "达州运维团队测试根证书") -> Issued:
    key = _new_key()
    return _certificate(_name(common), key, None, ca=True)


def make_leaf(ca: Issued, common: str, usage: list[x509.ObjectIdentifier] | None = None,
              not_after: datetime | None = None) -> Issued:
    return _certificate(_name(common), _new_key(), ca, ca=False, usage=usage,
                        not_after=not_after)


@dataclass
class TeamCertificate:
    """The team's signing certificate as the lead keeps it: a PKCS#12 file with the CA's certificate beside the
    key, its password (registered with the secrets scan), and the CA."""

    ca: Issued
    leaf: Issued
    p12: Path
    password: str
    ca_pem: Path


def team_certificate(folder: Path, common: str = "达州市工程建设运维团队", ca: Issued | None = None,
                     not_after: datetime | None = None) -> TeamCertificate:
    folder.mkdir(parents=True, exist_ok=True)
    ca = ca or make_ca()
    leaf = make_leaf(ca, common, not_after=not_after)
    password = "p12-" + secrets.token_urlsafe(12)
    remember(password)
    data = pkcs12.serialize_key_and_certificates(
        b"dzdesk", leaf.key, leaf.cert, [ca.cert],
        serialization.BestAvailableEncryption(password.encode()))
    p12 = folder / "team.p12"
    p12.write_bytes(data)
    ca_pem = folder / "team-ca.pem"
    ca_pem.write_bytes(ca.pem())
    return TeamCertificate(ca, leaf, p12, password, ca_pem)


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: rsa.RSAPrivateKey) -> keys.PrivateKeyInfo:
    return keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER,
                                                      serialization.PrivateFormat.PKCS8,
                                                      serialization.NoEncryption()))


@dataclass
class TimestampServer:
    url: str
    requests: list[int]


@contextmanager
def timestamp_server(ca: Issued) -> Iterator[TimestampServer]:
    """A timestamp server on 127.0.0.1: it reads each RFC 3161 request as sent over HTTP and answers with a token
    signed by a timestamping certificate of `ca`."""
    tsa = make_leaf(ca, "达州运维团队测试时间戳", usage=[ExtendedKeyUsageOID.TIME_STAMPING])
    stamper = DummyTimeStamper(tsa_cert=_asn1_cert(tsa.cert), tsa_key=_asn1_key(tsa.key),
                               certs_to_embed=[_asn1_cert(ca.cert)])
    seen: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            seen.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield TimestampServer(f"http://127.0.0.1:{server.server_address[1]}/tsa", seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
