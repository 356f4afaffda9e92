"""What a report file says about itself: its number and code, whether its pages are those the code was derived
from, and whether its signature holds (pyHanko's validator), as plain facts for `dzdesk.operations.verify` to judge
against the registers."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from dzdesk.domain.report_code import short_code
from dzdesk.reports.issue import CATALOG_KEY
from dzdesk.reports.signing import certificate_name

log = logging.getLogger(__name__)
_RAW_IDENTITY = re.compile(rb"/DZDeskReport\s*<<(.{0,400}?)>>", re.S)
_RAW_ENTRY = {name: re.compile(rb"/" + name.encode() + rb"\s*\(((?:[^()\\]|\\[0-7]{1,3}|\\.){0,200})\)")
              for name in ("Number", "Code", "ContentSHA256")}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_NAMED_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_RAW_LENGTH = re.compile(rb"/ContentLength\s+(\d{1,12})")


@dataclass(frozen=True)
class SignatureFacts:
    holds: bool  # the signed bytes are those that were signed, and the signature over them is sound
    whole_file: bool  # it covers the file as it is: nothing was added after signing
    trusted: bool  # the signer's certificate leads to a certificate this machine trusts
    signer: str
    signed_at: datetime | None
    timestamped: bool
    problem: str = ""  # why it does not hold, in words


@dataclass(frozen=True)
class ReportFacts:
    sha256: str
    is_pdf: bool
    readable: bool
    read_problem: str = ""
    number: str = ""
    code: str = ""
    content_sha256: str = ""
    content_length: int = 0
    content_intact: bool | None = None  # None: the file names no pages to check its code against
    code_matches: bool | None = None  # the printed code is the one the named hash gives
    signatures: tuple[SignatureFacts, ...] = ()

    @property
    def identified(self) -> bool:
        return bool(self.number and self.code)


def _text(value: Any) -> str:
    return str(value) if value is not None else ""


def _literal(raw: bytes) -> str:
    """A PDF literal string's text: its escapes (`\\055` for `-`) undone."""
    def undo(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8) & 0xFF])
        return _NAMED_ESCAPES.get(escaped, escaped)

    return _ESCAPE.sub(undo, raw).decode("latin-1")


def _identity(reader: PdfFileReader | None, data: bytes) -> tuple[str, str, str, int]:
    """(number, code, content hash, content length) from the document catalogue; from the raw bytes when the file
    cannot be read as a PDF any more (a changed byte can break its structure, not its words)."""
    if reader is not None:
        try:
            entry = reader.root.get(CATALOG_KEY)
            if entry is not None:
                entry = entry.get_object()
                return (_text(entry.get("/Number")), _text(entry.get("/Code")), _text(entry.get("/ContentSHA256")),
                        int(entry.get("/ContentLength", 0)))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            log.info("the report's identity cannot be read from its catalogue: %s", exc)
    found = _RAW_IDENTITY.search(data)
    if found is None:
        return "", "", "", 0
    block = found.group(1)
    values = {name: (_literal(match.group(1)) if (match := pattern.search(block)) else "")
              for name, pattern in _RAW_ENTRY.items()}
    length = _RAW_LENGTH.search(block)
    return values["Number"], values["Code"], values["ContentSHA256"], int(length.group(1)) if length else 0


def _content_intact(data: bytes, content_sha256: str, length: int) -> bool | None:
    """Whether the file's first `length` bytes (the pages as laid out) still have the hash the stamp names."""
    if not content_sha256 or length <= 0:
        return None
    return length <= len(data) and hashlib.sha256(data[:length]).hexdigest() == content_sha256


def _signature(embedded: Any, context: ValidationContext) -> SignatureFacts:
    try:
        signer = certificate_name(embedded.signer_cert)
    except Exception:
        signer = ""
    try:
        status = validate_pdf_signature(embedded, context, context)
    except (SignatureValidationError, ValueError, TypeError, KeyError) as exc:
        return SignatureFacts(False, False, False, signer, None, False, f"the signature cannot be checked ({exc})")
    holds = bool(status.intact and status.valid)
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problem = ""
    if not status.intact:
        problem = "the bytes it signed were changed after signing"
    elif not status.valid:
        problem = "the signature itself is not sound"
    elif not whole:
        problem = "something was added to the file after it was signed"
    timestamp = status.timestamp_validity
    signed_at = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    return SignatureFacts(holds, whole, bool(status.trusted), signer, signed_at, timestamp is not None, problem)


def read_report(data: bytes, trust_roots: Sequence[x509.Certificate] = ()) -> ReportFacts:
    """The facts of a report file. Never raises for a damaged file: what cannot be read is said in `read_problem`."""
    sha256 = hashlib.sha256(data).hexdigest()
    if data.lstrip()[:5] != b"%PDF-":
        return ReportFacts(sha256, is_pdf=False, readable=False, read_problem="it is not a PDF file")
    reader: PdfFileReader | None = None
    problem = ""
    signatures: tuple[SignatureFacts, ...] = ()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
        context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
        signatures = tuple(_signature(signature, context) for signature in embedded)
    except Exception as exc:
        log.info("the report cannot be read as a PDF: %s", exc)
        problem = f"it cannot be read as a PDF any more ({type(exc).__name__}: {exc})"
        reader = None
    number, code, content_sha256, length = _identity(reader, data)
    code_matches = short_code(content_sha256) == code if code and len(content_sha256) == 64 else None
    return ReportFacts(sha256, True, reader is not None, problem, number, code, content_sha256, length,
                       _content_intact(data, content_sha256, length), code_matches, signatures)
