"""Issuing a report: the verification block on its last page, the code and QR code stamped into it, and the
signature (see `dzdesk.domain.report_code` for what the code is derived from).

The block is the story's last flowable: a box of fixed size that says how to check the report, with its number, a
blank where the code goes and a square kept free for the QR code. Once the pages are laid out and written, the
SHA-256 of that file gives the code; the code and the QR code are drawn into the kept space as an incremental
update (the pages stay byte for byte the file's first bytes), with the report's number, code and content hash in
the document catalogue, where `dzdesk verify` reads them. The signature, when there is one, is a further update.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import segno
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from dzdesk.domain.report_code import content_hash, qr_text, short_code
from dzdesk.reports.pdf_base import LINE, SHADE, one_line, register_font
from dzdesk.reports.signing import SigningKey, sign_pdf

CATALOG_KEY = "/DZDeskReport"
BLOCK_HEIGHT = 34 * mm
QR_SIZE = 28 * mm
_PAD = 3 * mm
_CODE_SIZE = 13


@dataclass(frozen=True)
class IssuedFile:
    """What the issue made of the file: the code, the hash of the pages before the stamp and of the file as
    issued, and the signature."""

    number: str
    code: str
    content_sha256: str
    content_length: int
    sha256: str
    signed: bool
    signer: str
    timestamped: bool


@dataclass
class Issue:
    """A report on its way out: its number and what it is; with `key`, signed by the team's certificate."""

    kind: str
    number: str
    title: str
    key: SigningKey | None = None
    reason: str = ""
    location: str = ""
    place: tuple[int, float, float, float] | None = field(default=None, init=False)  # page, x, y, width
    issued: IssuedFile | None = field(default=None, init=False)

    def block(self) -> Flowable:
        return VerificationBlock(self)

    def finish(self, path: Path) -> None:
        """Stamps the code (and signs) the PDF just laid out at `path`, in place."""
        data = path.read_bytes()
        stamped, self.issued = stamp_and_sign(data, self)
        path.write_bytes(stamped)


class VerificationBlock(Flowable):
    """The box on the last page that says how to check the report; it notes where it was drawn."""

    def __init__(self, issue: Issue) -> None:
        super().__init__()
        self.issue = issue
        self.width = 0.0
        self.spaceBefore = 5 * mm  # apart from the content above it

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, BLOCK_HEIGHT

    def draw(self) -> None:
        canvas, issue = self.canv, self.issue
        font = register_font()
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(SHADE)
        canvas.rect(0, 0, self.width, BLOCK_HEIGHT, stroke=1, fill=1)
        canvas.setFillColor(colors.white)
        canvas.rect(self.width - QR_SIZE - _PAD, _PAD, QR_SIZE, QR_SIZE, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        left, top = _PAD + 1 * mm, BLOCK_HEIGHT - _PAD - 4 * mm
        canvas.setFont(font, 11)
        canvas.drawString(left, top, "报告核验")
        canvas.setFont(font, 9)
        canvas.drawString(left, top - 6 * mm, f"报告编号：{one_line(issue.number, 60)}")
        canvas.drawString(left, top - 12 * mm, "核验码：")
        signed = ("本报告带有运维团队的数字签名，PDF 阅读器的签名面板可查看签名是否有效。" if issue.key is not None
                  else "本报告未加数字签名。")
        canvas.setFont(font, 8)
        canvas.drawString(left, top - 18 * mm, signed)
        canvas.drawString(left, top - 23 * mm,
                          "核验：dzdesk verify 报告文件.pdf，或凭报告编号与核验码向运维团队查询签发登记。")
        canvas.restoreState()
        x, y = canvas.absolutePosition(0, 0)
        issue.place = (canvas.getPageNumber(), x, y, self.width)


def _stamp_page(width: float, code: str, number: str) -> bytes:
    """A page the size of the block holding only what is known once the pages are written: the code and the QR
    code, each where the block kept room for it."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, BLOCK_HEIGHT), initialFontName=register_font(), invariant=1)
    left, top = _PAD + 1 * mm, BLOCK_HEIGHT - _PAD - 4 * mm
    canvas.setFont(register_font(), _CODE_SIZE)
    canvas.drawString(left + 13 * mm, top - 12 * mm, code)
    qr = segno.make(qr_text(number, code), error="m")
    cells = qr.symbol_size(scale=1, border=2)[0]
    cell = QR_SIZE / cells
    origin_x, origin_y = width - QR_SIZE - _PAD, _PAD
    path = canvas.beginPath()
    for row_index, row in enumerate(qr.matrix):
        for column_index, dark in enumerate(row):
            if dark:
                path.rect(origin_x + (column_index + 2) * cell, origin_y + QR_SIZE - (row_index + 3) * cell,
                          cell, cell)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_and_sign(data: bytes, issue: Issue) -> tuple[bytes, IssuedFile]:
    """The file with its code stamped into the verification block (and signed, when the issue has a key), and
    what was issued."""
    if issue.place is None:
        raise RuntimeError("the verification block was not laid out")
    page, x, y, width = issue.place
    content_sha256 = content_hash(data)
    code = short_code(content_sha256)
    writer = IncrementalPdfFileWriter(BytesIO(data))
    pages = int(writer.root["/Pages"]["/Count"])
    if page != pages:
        raise RuntimeError(f"the verification block is on page {page} of {pages}, not the last")
    stamp = writer.import_page_as_xobject(PdfFileReader(BytesIO(_stamp_page(width, code, issue.number))))
    drawing = generic.StreamObject(stream_data=f"q 1 0 0 1 {x:.3f} {y:.3f} cm /DZDeskStamp Do Q".encode("ascii"))
    writer.add_stream_to_page(pages - 1, writer.add_object(drawing), resources=generic.DictionaryObject({
        generic.pdf_name("/XObject"): generic.DictionaryObject({generic.pdf_name("/DZDeskStamp"): stamp})}))
    writer.root[CATALOG_KEY] = generic.DictionaryObject({
        generic.pdf_name("/Number"): generic.pdf_string(issue.number),
        generic.pdf_name("/Code"): generic.pdf_string(code),
        generic.pdf_name("/ContentLength"): generic.NumberObject(len(data)),
        generic.pdf_name("/ContentSHA256"): generic.pdf_string(content_sha256),
    })
    writer.update_root()
    output = BytesIO()
    writer.write(output)
    stamped, timestamped = output.getvalue(), False
    if issue.key is not None:
        stamped, timestamped = sign_pdf(stamped, issue.key, issue.reason or f"签发{issue.title}", issue.location)
    return stamped, IssuedFile(issue.number, code, content_sha256, len(data), hashlib.sha256(stamped).hexdigest(),
                               issue.key is not None, issue.key.subject if issue.key is not None else "", timestamped)

