"""Issued reports as the customer checks them: a signed visit report and a signed annual report validate with
pyHanko's validator, carry their number, code and QR code on the last page, and are in the register; a changed
byte makes `verify` say so in words; an unsigned report is "unsigned, registered" or "unknown"."""

from __future__ import annotations

import hashlib
import io
import subprocess
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import func, select

from dzdesk.config import DataDir, Settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.report_code import CODE_PATTERN, qr_text, short_code
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range, year_range
from dzdesk.domain.visit import ServiceCategory
from dzdesk.operations.reports import (
    HealthRequest,
    OperationsRequest,
    SigningRefusedError,
    write_health_report,
    write_operations_report,
    write_visit_report,
)
from dzdesk.operations.signing import signing_key
from dzdesk.operations.verify import Verdict, verify_report
from dzdesk.reports.signing import SigningError, load_signing_key
from dzdesk.store import open_store
from dzdesk.store.account import HubAccount, remember_account
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident, update_incident
from dzdesk.store.report_models import IssuedReport
from dzdesk.store.visit_repo import VisitDraft, save_visit, sign
from tests.support.signing import TeamCertificate, team_certificate, timestamp_server

CATALOGUE = load_catalogue()
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def desk(tmp_path):
    store = open_store(DataDir(tmp_path / "data").ensure(), author="李明")
    yield store, BlobStore(store.data_dir.blobs)
    store.close()


@pytest.fixture
def team(tmp_path) -> TeamCertificate:
    return team_certificate(tmp_path / "certificate")


def _roots(team: TeamCertificate) -> list[asn1_x509.Certificate]:
    return [asn1_x509.Certificate.load(team.ca.cert.public_bytes(serialization.Encoding.DER))]


def _signature_png() -> bytes:
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    for x in range(20, 280):
        image.putpixel((x, 50 + (x % 20) - 10), (20, 30, 80, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _visit(desk, signed: bool = True) -> str:
    store, blobs = desk
    draft = VisitDraft(office="达州市政务服务中心", platforms=("approval",), categories=(ServiceCategory.FUNCTION,),
                       engineers="李明", arrived_at=sh(2026, 11, 20, 9, 0), departed_at=sh(2026, 11, 20, 11, 0),
                       work_done="检查网上大厅打印控件，更新窗口浏览器。", contact_name="王主任")
    with store.transaction() as session:
        visit = save_visit(session, draft, NOW)
        if signed:
            sign(session, visit, "王主任", _signature_png(), blobs, sh(2026, 11, 20, 11, 5))
        return visit.report_number


def _validate(path: Path, team: TeamCertificate):
    [embedded] = PdfFileReader(BytesIO(path.read_bytes())).embedded_signatures
    context = ValidationContext(trust_roots=_roots(team), allow_fetching=False)
    return validate_pdf_signature(embedded, context, context)


def _last_page_text(path: Path) -> str:
    pages = int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
                .stdout.split("Pages:")[1].split()[0])
    return subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _flip(path: Path, target: Path, offset: int) -> Path:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _register(store) -> list[IssuedReport]:
    with store.session() as session:
        return list(session.scalars(select(IssuedReport)))


def test_a_signed_visit_report_validates_with_pyhanko_is_timestamped_and_registered(desk, team, tmp_path):
    store, blobs = desk
    number = _visit(desk)
    with timestamp_server(team.ca) as tsa:
        key = load_signing_key(team.p12, team.password, tsa.url)
        written = write_visit_report(store, CATALOGUE, blobs, number, tmp_path / "visit.pdf", NOW, key)
        assert tsa.requests  # the timestamp came from the server on 127.0.0.1
    status = _validate(written.path, team)
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    issued = written.issued
    assert (issued.signed, issued.timestamped, issued.signer) == (True, True, "达州市工程建设运维团队")
    assert CODE_PATTERN.match(issued.code)
    # The code is the pages' hash: the file's first bytes as they were laid out.
    data = written.path.read_bytes()
    assert short_code(hashlib.sha256(data[:issued.content_length]).hexdigest()) == issued.code
    assert hashlib.sha256(data).hexdigest() == issued.sha256
    # The last page says how to check it, with the number and the code; the QR code holds both.
    text = " ".join(_last_page_text(written.path).split())
    assert "报告核验" in text and f"报告编号：{number}" in text and f"核验码： {issued.code}" in text
    assert "本报告带有运维团队的数字签名" in text and "客户确认" in text
    [entry] = _register(store)
    assert (entry.kind, entry.number, entry.code, entry.sha256, entry.signed, entry.timestamped, entry.author) == (
        "visit", number, issued.code, issued.sha256, True, True, "李明")
    result = verify_report(written.path, store, trust=_roots(team))
    assert (result.verdict, result.summary, result.exit_code) == (Verdict.VALID, "signed, registered", 0)


def test_the_qr_code_on_the_last_page_holds_the_number_and_the_code(desk, tmp_path):
    """Read back by a QR reader from the last page as printed, and from no other page."""
    store, blobs = desk
    number = _visit(desk)
    written = write_visit_report(store, CATALOGUE, blobs, number, tmp_path / "visit.pdf", NOW)
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(written.path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    read = [subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True).stdout.strip()
            for page in pages]
    assert read[-1] == qr_text(number, written.issued.code) == f"DZDESK-REPORT|{number}|{written.issued.code}"
    assert not any(read[:-1])


def test_a_visit_report_is_signed_only_once_the_customer_has_signed(desk, team, tmp_path):
    store, blobs = desk
    number = _visit(desk, signed=False)
    key = load_signing_key(team.p12, team.password)
    with pytest.raises(SigningRefusedError, match="the customer has not signed visit report"):
        write_visit_report(store, CATALOGUE, blobs, number, tmp_path / "visit.pdf", NOW, key)
    assert not (tmp_path / "visit.pdf").exists() and _register(store) == []


def _corrected_fault(store) -> None:
    with store.transaction() as session:
        draft = IncidentDraft(platform="credit", severity=Severity.MAJOR, title="信用报告导出超时", module="信用报告",
                              reported_at=sh(2026, 11, 20, 9, 30), responded_at=sh(2026, 11, 20, 10, 40))
        fault = add_incident(session, draft, CATALOGUE, Settings().calendar(), sh(2026, 11, 20, 11, 0))
    with store.transaction() as session:
        incident = session.get(Incident, fault.id)
        draft = IncidentDraft.of(incident)
        update_incident(session, incident, IncidentDraft(**{**draft.__dict__, "responded_at": sh(2026, 11, 20, 10, 5)}),
                        CATALOGUE, Settings().calendar(), sh(2026, 11, 23, 9, 15))


def _annual(store, tmp_path, key=None):
    start, end = year_range(2026)
    return write_operations_report(store, CATALOGUE, Settings(), OperationsRequest("annual", start, end, "2026 年"),
                                   tmp_path / "annual.pdf", NOW, key)[0]


def test_a_signed_annual_report_validates_and_a_changed_byte_fails_verify_in_words(desk, team, tmp_path):
    store, _blobs = desk
    _corrected_fault(store)
    key = load_signing_key(team.p12, team.password)
    written = _annual(store, tmp_path, key)
    assert written.number == "YW-2026"
    status = _validate(written.path, team)
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    text = " ".join(_last_page_text(written.path).split())
    assert "附录：故障时间更正与补录记录" in text and "报告编号：YW-2026" in text and written.issued.code in text
    assert verify_report(written.path, store, trust=_roots(team)).verdict is Verdict.VALID
    # One byte of the pages, one of the stamp, one near the end (the signature's own update): each fails.
    data = written.path.read_bytes()
    for name, offset in (("pages", written.issued.content_length // 2), ("stamp", written.issued.content_length + 40),
                         ("end", len(data) - 30)):
        changed = verify_report(_flip(written.path, tmp_path / f"{name}.pdf", offset), store, trust=_roots(team))
        assert (changed.verdict, changed.exit_code) == (Verdict.TAMPERED, 1), (name, changed.lines)
        assert any("does not hold" in line or "damaged or was changed" in line for line in changed.lines), changed.lines
    pages = verify_report(_flip(written.path, tmp_path / "p.pdf", written.issued.content_length // 2), store)
    assert "the pages were changed after the report was issued" in " ".join(pages.lines)
    # Without the team's CA and without a register, an intact signature vouches for nothing here.
    alone = verify_report(written.path, None)
    assert (alone.verdict, alone.exit_code) == (Verdict.UNKNOWN, 3)
    assert any("not trusted on this machine" in line for line in alone.lines)


def test_an_unsigned_report_verifies_as_unsigned_registered_or_unknown_and_a_changed_copy_fails(desk, tmp_path):
    store, _blobs = desk
    first, last = datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date()
    start, end = day_range(first, last)
    written, _data = write_health_report(store, CATALOGUE, Settings(), HealthRequest(first, last, start, end),
                                         tmp_path / "health.pdf", NOW)
    assert written.number == "JK-20261101-20261130" and not written.issued.signed
    here = verify_report(written.path, store)
    assert (here.verdict, here.summary, here.exit_code) == (Verdict.VALID, "unsigned, registered", 0)
    nowhere = verify_report(written.path, None)
    assert (nowhere.verdict, nowhere.summary, nowhere.exit_code) == (Verdict.UNKNOWN, "unknown", 3)
    assert "signature: none (an unsigned report)" in nowhere.lines
    # A changed byte in its pages: they no longer give their code. In the stamp: not the file registered.
    pages = verify_report(_flip(written.path, tmp_path / "pages.pdf", written.issued.content_length // 2), store)
    assert pages.verdict is Verdict.TAMPERED
    assert any("the pages were changed after the report was issued" in line for line in pages.lines)
    data = written.path.read_bytes()
    # Where the stamp is drawn (its update, after the pages): the file is no longer the one registered.
    at = data.index(b" cm /DZDeskStamp Do Q", written.issued.content_length) - 2
    moved = verify_report(_write(tmp_path / "moved.pdf", data[:at] + b"9" + data[at + 1:]), store)
    assert moved.verdict is Verdict.TAMPERED, moved.lines
    assert any(f"it is not the file issued as report {written.number} (code {written.issued.code}): this laptop "
               "registered a file with another SHA-256" in line for line in moved.lines), moved.lines
    # The code itself, rewritten: it is not the one the pages give, and the register knows the pages.
    code = written.issued.code.encode().replace(b"-", rb"\055")  # as the catalogue writes it
    forged = data[:written.issued.content_length] + data[written.issued.content_length:].replace(code, b"00000-00000")
    assert forged != data
    recoded = verify_report(_write(tmp_path / "recoded.pdf", forged), store)
    assert recoded.verdict is Verdict.TAMPERED
    assert any("the verification code in the file (00000-00000) is not the one its pages give" in line
               for line in recoded.lines), recoded.lines
    # Not a PDF at all: said so.
    text = tmp_path / "note.pdf"
    text.write_text("not a report", encoding="utf-8")
    assert verify_report(text, store).verdict is Verdict.UNREADABLE


def test_only_a_lead_signs_the_annual_and_health_reports(desk, team, tmp_path):
    store, _blobs = desk
    with store.transaction() as session:
        remember_account(session, HubAccount("张伟", "engineer", "一组", ("一组",)))
    key = load_signing_key(team.p12, team.password)
    with pytest.raises(SigningRefusedError, match="only a lead signs the 年度运维报告"):
        _annual(store, tmp_path, key)
    assert not (tmp_path / "annual.pdf").exists()
    assert _annual(store, tmp_path).issued.signed is False  # unsigned, an engineer may write it
    with store.transaction() as session:
        remember_account(session, HubAccount("组长", "lead", "一组", ("一组",)))
    assert _annual(store, tmp_path, key).issued.signed
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(IssuedReport)) == 2


def test_a_certificate_that_cannot_sign_is_said_in_words(team, tmp_path):
    with pytest.raises(SigningError, match="not a PKCS#12"):
        load_signing_key(team.p12, "wrong password")
    expired = team_certificate(tmp_path / "old", ca=team.ca, not_after=datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(SigningError, match="expired on"):
        load_signing_key(expired.p12, expired.password, now=datetime.now(UTC) + timedelta(days=3))
    with pytest.raises(SigningError, match="no signing certificate is set"):
        signing_key(Settings())
    with pytest.raises(SigningError, match="is not in this machine's keyring"):
        signing_key(Settings(signing_certificate=str(team.p12)))
