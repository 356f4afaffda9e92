"""The visit report (上门服务单) as the bureau files it, read back with poppler as a reader would see it."""

import io
import re
import subprocess
from datetime import date, datetime

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from dzdesk.config import DataDir
from dzdesk.domain.calendar import SHANGHAI, BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.incident import Channel
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import FollowUp, ServiceCategory
from dzdesk.reports.visit_report import gather_visit_report, render_visit_report
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.visit_repo import (
    VisitDraft,
    add_attachment,
    amend,
    link_incident,
    load_visit,
    remove_attachment,
    save_visit,
    sign,
)

CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 20, 16, 0, tzinfo=SHANGHAI)


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def image_bytes(size, color, fmt, mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=fmt)
    return out.getvalue()


def signature_png():
    """Dark ink on a transparent ground, as the signature pad gives it."""
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    for x in range(20, 280):
        image.putpixel((x, 50 + (x % 20) - 10), (20, 30, 80, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A store kept by the engineer 李明, with a folder of photos from the field."""
    root = tmp_path_factory.mktemp("desk")
    store = open_store(DataDir(root / "data"), author="李明")
    photos = root / "photos"
    photos.mkdir()
    yield store, BlobStore(store.data_dir.blobs), photos
    store.close()


def draft(**changes):
    values = {
        "office": "达州市政务服务中心", "department": "工程建设项目审批窗口", "district": "达州市本级",
        "address": "达州市通川区西外镇", "platforms": ("approval",),
        "categories": (ServiceCategory.FUNCTION, ServiceCategory.SECURITY), "engineers": "李明、王强",
        "arrived_at": sh(2026, 11, 20, 9, 0), "departed_at": sh(2026, 11, 20, 11, 0),
        "work_done": "检查网上大厅打印控件，更新窗口浏览器。", "problems_found": "窗口打印机驱动异常",
        "contact_name": "王主任", "contact_phone": "0818-2123456",
    }
    values.update(changes)
    return VisitDraft(**values)


def save(desk, **changes):
    store, _, _ = desk
    with store.transaction() as session:
        return save_visit(session, draft(**changes), NOW).id


def attach(desk, visit_id, name, content, caption=""):
    store, blobs, photos = desk
    path = photos / name
    path.write_bytes(content)
    with store.transaction() as session:
        return add_attachment(session, load_visit(session, visit_id), blobs, path, caption=caption).sha256


def sign_visit(desk, visit_id, signer="王主任"):
    """The customer signs at 11:05, after the engineers left."""
    store, blobs, _ = desk
    with store.transaction() as session:
        sign(session, load_visit(session, visit_id), signer, signature_png(), blobs, sh(2026, 11, 20, 11, 5))


def render(desk, visit_id, target):
    store, blobs, _ = desk
    with store.session() as session:
        data = gather_visit_report(session, load_visit(session, visit_id), CATALOGUE, blobs)
    return render_visit_report(data, target, NOW)


def poppler(tool, path):
    """What a poppler tool prints about the document: its text, fonts, pictures or properties."""
    options = {"pdftotext": [str(path), "-"], "pdfimages": ["-list", str(path)]}
    command = [tool, *options.get(tool, [str(path)])]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def flat(text):
    """The extracted text without the spaces and line breaks poppler puts wherever a line wraps."""
    return re.sub(r"\s+", "", text)


def images(path):
    """(type, width, height, encoding) of every picture in the document."""
    lines = poppler("pdfimages", path).splitlines()[2:]
    return [(f[2], int(f[3]), int(f[4]), f[8]) for f in (line.split() for line in lines)]


def fonts(path):
    """Each font as a dict of the columns pdffonts prints, split where its header's dashes split."""
    lines = poppler("pdffonts", path).splitlines()
    header, dashes, *body = lines
    spans, start = [], 0
    for dash in dashes.split(" "):
        spans.append((start, start + len(dash)))
        start += len(dash) + 1
    names = [header[a:b].strip() for a, b in spans[:-1]] + [header[spans[-1][0]:].strip()]
    return [{name: line[a:b].strip() for name, (a, b) in zip(names, spans, strict=True)} for line in body]


def page_count(text):
    totals = {int(t) for t in re.findall(r"第\s*\d+\s*页\s*/\s*共\s*(\d+)\s*页", text)}
    assert len(totals) == 1, totals
    return totals.pop()


# --- a complete signed visit ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signed_report(desk, tmp_path_factory):
    """A visit with follow-ups, a fault, two photos, a file, the customer's signature and an amendment."""
    store, _, _ = desk
    with store.transaction() as session:
        fault = add_incident(session, IncidentDraft(
            platform="approval", severity=Severity.MINOR, title="受理单打印空白", module="综合受理",
            reported_at=sh(2026, 11, 20, 9, 30), channel=Channel.ON_SITE), CATALOGUE, BusinessCalendar(), NOW)
        visit = save_visit(session, draft(follow_ups=(
            FollowUp("升级全部窗口浏览器", date(2026, 12, 1)), FollowUp("回访打印效果", done=True),
            FollowUp("作废的事项"))), NOW)
        visit_id, fault_id = visit.id, fault.id
    with store.transaction() as session:
        save_visit(session, draft(follow_ups=(FollowUp("升级全部窗口浏览器", date(2026, 12, 1)),
                                              FollowUp("回访打印效果", done=True))), NOW, load_visit(session, visit_id))
    attach(desk, visit_id, "窗口现场.jpg", image_bytes((320, 240), (200, 120, 40), "JPEG"), "窗口现场照片")
    attach(desk, visit_id, "打印机.png", image_bytes((120, 180), (30, 90, 160), "PNG"))
    attach(desk, visit_id, "巡检记录.xlsx", b"PK inspection sheet", "巡检记录表")
    attach(desk, visit_id, "拍错了.jpg", image_bytes((64, 64), (0, 0, 0), "JPEG"))
    with store.transaction() as session:
        loaded = load_visit(session, visit_id)
        remove_attachment(loaded, next(a for a in loaded.attachments if a.filename == "拍错了.jpg"))
    with store.transaction() as session:
        link_incident(session, load_visit(session, visit_id), session.get(Incident, fault_id), NOW)
    sign_visit(desk, visit_id)
    with store.transaction() as session:
        amend(session, load_visit(session, visit_id), "补充：打印机型号 HP-1020", sh(2026, 11, 20, 15, 30))
    with store.session() as session:
        number = load_visit(session, visit_id).report_number
    target = render(desk, visit_id, tmp_path_factory.mktemp("out") / "上门服务单.pdf")
    return target, number, fault_id


def test_the_report_holds_every_label_and_value(signed_report):
    target, number, fault_id = signed_report
    text = flat(poppler("pdftotext", target))
    for expected in (
        "达州市工程建设项目审批管理系统运维服务", "上门服务单", f"编号：{number}",
        "服务单位", "达州市政务服务中心", "科室/部门", "工程建设项目审批窗口", "区县", "达州市本级",
        "地址", "达州市通川区西外镇", "服务平台", "审批系统", "服务类别", "功能维护、安全维护",
        "服务工程师", "李明、王强", "客户联系人", "王主任0818-2123456",
        "到达时间", "2026-11-2009:00", "离开时间", "2026-11-2011:00",
        "工作内容", "检查网上大厅打印控件，更新窗口浏览器。", "发现的问题", "窗口打印机驱动异常",
        "后续事项", "升级全部窗口浏览器2026-12-01待办", "回访打印效果—已完成",
        "关联故障", f"{fault_id[:8]}一般故障受理单打印空白新建2026-11-2009:30",
        "现场照片", "窗口现场照片", "打印机.png",
        "附件", "巡检记录.xlsx巡检记录表",
        "签字后的修订", "2026-11-2015:30李明补充：打印机型号HP-1020",
        "客户确认", "客户签字", "签字人王主任", "签字时间2026-11-2011:05",
        f"上门服务单{number}·dzdesk生成于2026-11-2016:00", "第1页/共",
    ):
        assert expected in text, expected
    assert re.fullmatch(r"FW-20261120-[A-Z2-9]{4}-01", number)
    for absent in ("作废的事项", "拍错了.jpg", "客户尚未签字"):
        assert absent not in text, absent


def test_the_report_pages_are_numbered_out_of_the_total(signed_report):
    target, _, _ = signed_report
    text = poppler("pdftotext", target)
    total = page_count(text)
    assert total == int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", target)).group(1))
    for page in range(1, total + 1):
        assert f"第{page}页/共{total}页" in flat(text)


def test_the_report_says_what_it_is_in_its_properties(signed_report):
    target, number, _ = signed_report
    info = poppler("pdfinfo", target)
    assert re.search(rf"^Title:\s+上门服务单 {number}$", info, re.MULTILINE)
    assert re.search(r"^Subject:\s+达州市工程建设项目审批管理系统运维服务$", info, re.MULTILINE)
    assert re.search(r"^Author:\s+dzdesk$", info, re.MULTILINE)
    assert re.search(r"^Page size:.*\(A4\)", info, re.MULTILINE)


def test_every_font_is_embedded_and_is_the_shipped_chinese_font(signed_report):
    target, _, _ = signed_report
    rows = fonts(target)
    assert rows
    assert [row["emb"] for row in rows] == ["yes"] * len(rows), rows
    assert all(re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei(-\d+)?", row["name"]) for row in rows), rows


def test_the_photos_and_the_signature_are_pictures_in_the_document(signed_report):
    target, _, _ = signed_report
    assert images(target) == [
        ("image", 320, 240, "jpeg"),  # the JPEG photo, kept as it was taken
        ("image", 120, 180, "image"),
        ("image", 300, 100, "image"),  # the signature
        ("smask", 300, 100, "image"),  # and its transparency, so the ink sits on the form
    ]


def test_a_report_is_written_at_the_target_whole_and_readable_by_others(signed_report):
    target, _, _ = signed_report
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.read_bytes().rstrip().endswith(b"%%EOF")
    assert target.stat().st_mode & 0o044 == 0o044
    assert sorted(p.name for p in target.parent.iterdir()) == ["上门服务单.pdf"]


# --- what people type -----------------------------------------------------------------------------------------


def test_text_with_markup_and_control_characters_prints_as_typed(desk, tmp_path):
    typed = "<b>粗体</b> & <script>alert(1)</script>"
    visit_id = save(desk, office=f"{typed}单位", department="A&B<科>", engineers="李明 &nbsp; 王强",
                    work_done=f"第一行{typed}\n第二行\x07铃声\x00结束\x1b[31m", problems_found="<para>问题</para>",
                    contact_name="<i>王主任</i>", follow_ups=(FollowUp(f"事项{typed}"),))
    attach(desk, visit_id, "<img src=x>.png", image_bytes((40, 30), (1, 2, 3), "PNG"), caption=f"说明{typed}")
    sign_visit(desk, visit_id, signer="<u>王主任</u>")
    store, _, _ = desk
    with store.transaction() as session:
        amend(session, load_visit(session, visit_id), f"修订{typed}", NOW)
    raw = poppler("pdftotext", render(desk, visit_id, tmp_path / "typed.pdf"))
    text = flat(raw)
    for expected in ("<b>粗体</b>&<script>alert(1)</script>单位", "A&B<科>", "李明&nbsp;王强",
                     "第一行<b>粗体</b>&<script>alert(1)</script>", "第二行铃声结束[31m", "<para>问题</para>",
                     "<i>王主任</i>", "事项<b>粗体</b>&<script>", "说明<b>粗体</b>&<script>", "<u>王主任</u>",
                     "修订<b>粗体</b>&<script>alert(1)</script>", "客户确认"):
        assert expected in text, expected
    assert "&amp;" not in text and "&lt;" not in text
    assert not any(ch in raw for ch in "\x00\x07\x1b")
    lines = [line.strip() for line in raw.splitlines()]
    assert any(line.startswith("第二行") for line in lines)  # the typed line break is kept


def test_a_huge_work_description_runs_over_pages_and_is_cut_with_a_note(desk, tmp_path):
    kept, cut = "现场记录" * 5_000, "后面的日志" * 16_000
    assert len(kept) + len(cut) == 100_000
    visit_id = save(desk, work_done=kept + cut)
    raw = poppler("pdftotext", render(desk, visit_id, tmp_path / "long.pdf"))
    text = flat(raw)
    assert "以下省略80000字" in text
    assert "后面的日志" not in text
    assert text.count("现场记录") > 4_900
    assert page_count(raw) >= 3
    assert "客户确认" in text and "发现的问题" in text  # the rest of the form follows the long text


# --- what may be missing --------------------------------------------------------------------------------------


def test_a_missing_or_damaged_photo_is_named_instead_of_failing_the_report(desk, tmp_path):
    _, blobs, _ = desk
    visit_id = save(desk)
    gone = attach(desk, visit_id, "删除了.jpg", image_bytes((50, 40), (10, 200, 10), "JPEG"), "已删除的照片")
    damaged = attach(desk, visit_id, "损坏了.png", image_bytes((50, 40), (10, 10, 200), "PNG"), "已损坏的照片")
    attach(desk, visit_id, "完好.jpg", image_bytes((64, 48), (250, 250, 10), "JPEG"), "完好的照片")
    blobs.path(gone).unlink()
    blobs.path(damaged).write_bytes(b"\x89PNG half a photo")
    target = render(desk, visit_id, tmp_path / "missing.pdf")
    text = flat(poppler("pdftotext", target))
    assert "（照片缺失或已损坏：删除了.jpg）" in text
    assert "（照片缺失或已损坏：损坏了.png）" in text
    assert "完好的照片" in text
    assert "已删除的照片" not in text and "已损坏的照片" not in text
    assert images(target) == [("image", 64, 48, "jpeg")]


def test_a_photo_that_cannot_be_decoded_is_named_instead_of_failing_the_report(desk, tmp_path):
    visit_id = save(desk)
    whole = image_bytes((400, 300), (90, 90, 90), "JPEG")
    attach(desk, visit_id, "传了一半.jpg", whole[: len(whole) // 2])
    text = flat(poppler("pdftotext", render(desk, visit_id, tmp_path / "undecodable.pdf")))
    assert "传了一半.jpg" in text


def test_an_unsigned_visit_says_the_customer_has_not_signed(desk, tmp_path):
    visit_id = save(desk, departed_at=None)
    target = render(desk, visit_id, tmp_path / "unsigned.pdf")
    text = flat(poppler("pdftotext", target))
    assert "（客户尚未签字）" in text
    assert "签字人签字时间" in text  # both left blank for the customer
    assert "签字后的修订" not in text
    assert images(target) == []


def test_a_signed_visit_whose_signature_picture_is_lost_never_says_it_is_unsigned(desk, tmp_path):
    store, blobs, _ = desk
    visit_id = save(desk)
    sign_visit(desk, visit_id, signer="刘股长")
    with store.session() as session:
        blobs.path(load_visit(session, visit_id).signature_sha256).unlink()
    text = flat(poppler("pdftotext", render(desk, visit_id, tmp_path / "lost-signature.pdf")))
    assert "签字人刘股长" in text
    assert "客户尚未签字" not in text


@pytest.mark.parametrize("where", ["amendment", "follow-up"])
def test_a_long_amendment_or_follow_up_runs_over_pages(desk, tmp_path, where):
    store, _, _ = desk
    long_text = "补充说明打印机驱动问题。" * 300
    visit_id = save(desk, follow_ups=(FollowUp(long_text),) if where == "follow-up" else ())
    if where == "amendment":
        sign_visit(desk, visit_id)
        with store.transaction() as session:
            amend(session, load_visit(session, visit_id), long_text, NOW)
    text = flat(poppler("pdftotext", render(desk, visit_id, tmp_path / "long-row.pdf")))
    assert text.count("补充说明打印机驱动问题。") > 290


# --- writing --------------------------------------------------------------------------------------------------


def test_a_failed_render_leaves_no_file_at_the_target(desk, tmp_path, monkeypatch):
    visit_id = save(desk)

    def disk_full(_canvas):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Canvas, "save", disk_full)
    target = tmp_path / "服务单.pdf"
    with pytest.raises(OSError, match="No space left"):
        render(desk, visit_id, target)
    assert list(tmp_path.iterdir()) == []

    earlier = tmp_path / "上次的服务单.pdf"
    earlier.write_bytes(b"%PDF-1.4 the report printed last week")
    with pytest.raises(OSError, match="No space left"):
        render(desk, visit_id, earlier)
    assert earlier.read_bytes() == b"%PDF-1.4 the report printed last week"  # whole or not at all
    assert [p.name for p in tmp_path.iterdir()] == ["上次的服务单.pdf"]

    monkeypatch.undo()
    render(desk, visit_id, earlier)
    assert "达州市政务服务中心" in flat(poppler("pdftotext", earlier))
    assert [p.name for p in tmp_path.iterdir()] == ["上次的服务单.pdf"]
