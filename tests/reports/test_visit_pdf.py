"""The visit report as a bureau receives it: embedded fonts, Chinese text, escaped user text, pictures."""

import io
import subprocess
from datetime import datetime

import pytest
from PIL import Image

from dzdesk.domain.calendar import SHANGHAI, BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.incident import Channel
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import FollowUp, ServiceCategory
from dzdesk.reports.visit_report import gather_visit_report, render_visit_report
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.visit_repo import VisitDraft, add_attachment, amend, link_incident, load_visit, save_visit, sign

CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI)


def png(color, size=(320, 200)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def make_visit(store, tmp_path, work="检查网上大厅打印控件。", signed=True, photos=2):
    blobs = BlobStore(store.data_dir.blobs)
    with store.transaction() as session:
        incident = add_incident(session, IncidentDraft(
            platform="approval", severity=Severity.MINOR, title="受理单打印空白", module="综合受理",
            reported_at=datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI), channel=Channel.ON_SITE),
            CATALOGUE, BusinessCalendar(), NOW)
        visit = save_visit(session, VisitDraft(
            office="达州市政务服务中心", department="工程建设项目审批窗口", district="达州市本级",
            platforms=("approval",), categories=(ServiceCategory.FUNCTION, ServiceCategory.SECURITY),
            engineers="李明、王强", arrived_at=datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI),
            departed_at=datetime(2026, 11, 20, 11, 0, tzinfo=SHANGHAI), work_done=work,
            problems_found="窗口打印机驱动异常", contact_name="王主任", contact_phone="0818-2123456",
            follow_ups=(FollowUp("升级全部窗口浏览器", datetime(2026, 12, 1).date()),)), NOW)
        for n in range(photos):
            path = tmp_path / f"photo{n}.png"
            path.write_bytes(png((40 * n, 120, 200)))
            add_attachment(session, visit, blobs, path, caption=f"窗口现场 {n + 1}")
        link_incident(session, visit, incident, NOW)
        if signed:
            sign(session, visit, "王主任", png((10, 10, 10), (300, 100)), blobs, NOW)
            amend(session, visit, "补充：打印机型号 HP-1020", NOW)
        return visit.id


def render(store, visit_id, target):
    with store.session() as session:
        data = gather_visit_report(session, load_visit(session, visit_id), CATALOGUE, BlobStore(store.data_dir.blobs))
    return render_visit_report(data, target, NOW)


def pdftext(path):
    """The text poppler extracts, without the spaces and line breaks it puts in wherever a line wraps."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in text if ch not in " \n")


def fonts(path):
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split() for line in lines[2:]]


def test_a_signed_visit_report_holds_everything_in_embedded_fonts(store, tmp_path):
    visit_id = make_visit(store, tmp_path)
    target = render(store, visit_id, tmp_path / "report.pdf")
    text = pdftext(target)
    for expected in ("达州市工程建设项目审批管理系统运维服务", "上门服务单", "服务单位", "达州市政务服务中心",
                     "李明、王强",
                     "功能维护、安全维护", "后续事项", "升级全部窗口浏览器", "2026-12-01", "关联故障", "受理单打印空白",
                     "现场照片", "窗口现场 1", "签字后的修订", "打印机型号 HP-1020", "客户签字", "王主任",
                     "2026-11-20 12:00", "第 1 页 / 共"):
        assert expected.replace(" ", "") in text, expected
    rows = fonts(target)
    assert rows and all(row[-5] == "yes" and row[-4] == "yes" for row in rows), rows
    assert all("WenQuanYiMicroHei" in row[0] for row in rows)
    images = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) >= 3  # two photos and the signature


def test_user_text_prints_as_typed_and_long_text_runs_over_pages(store, tmp_path):
    hostile = "<b>粗体</b> & <script>alert(1)</script> \x07铃声" + "很长的工作记录。" * 12_500
    visit_id = make_visit(store, tmp_path, work=hostile, signed=False, photos=0)
    target = render(store, visit_id, tmp_path / "long.pdf")
    text = pdftext(target)
    assert "<b>粗体</b>&<script>alert(1)</script>" in text
    assert "\x07" not in text and "铃声" in text
    assert "以下省略" in text
    assert "客户尚未签字" in text
    assert text.count("\f") > 3  # several pages


def test_a_missing_photo_is_named_instead_of_failing(store, tmp_path):
    visit_id = make_visit(store, tmp_path, signed=False, photos=1)
    with store.session() as session:
        sha256 = load_visit(session, visit_id).attachments[0].sha256
    BlobStore(store.data_dir.blobs).path(sha256).write_bytes(b"damaged")
    text = pdftext(render(store, visit_id, tmp_path / "damaged.pdf"))
    assert "照片缺失或已损坏：photo0.png" in text


def test_a_failed_render_leaves_nothing_at_the_target(store, tmp_path, monkeypatch):
    visit_id = make_visit(store, tmp_path, signed=False, photos=0)
    target = tmp_path / "out.pdf"
    import dzdesk.reports.visit_report as module

    def broken(_data):
        raise RuntimeError("disk full")

    monkeypatch.setattr(module, "story", broken)
    with pytest.raises(RuntimeError):
        render(store, visit_id, target)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".out*")) == []
