"""The time a report says it was made at is Shanghai's: a report made at 20:30 UTC on 6 December says
2026-12-07 04:30, the next morning in Dazhou, not the UTC clock as if it were local time."""

import re
import subprocess
from datetime import UTC, datetime

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.visit import ServiceCategory
from dzdesk.reports import training_sheets
from dzdesk.reports.visit_report import gather_visit_report, render_visit_report
from dzdesk.store.blobs import BlobStore
from dzdesk.store.training_repo import TrainingDraft, load_training, save_training
from dzdesk.store.visit_repo import VisitDraft, load_visit, save_visit

MADE_AT = datetime(2026, 12, 6, 20, 30, tzinfo=UTC)
SHOWN = "dzdesk生成于2026-12-0704:30"  # as extracted, spaces dropped
CATALOGUE = load_catalogue()


def text_of(path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return re.sub(r"\s+", "", raw)


def test_the_visit_report_footer_shows_shanghai_time(store, tmp_path):
    draft = VisitDraft(office="达州市政务服务中心", department="工程建设项目审批窗口", district="达州市本级",
                       address="达州市通川区西外镇", platforms=("approval",), categories=(ServiceCategory.FUNCTION,),
                       engineers="李明", arrived_at=datetime(2026, 12, 6, 9, 0, tzinfo=SHANGHAI),
                       departed_at=datetime(2026, 12, 6, 11, 0, tzinfo=SHANGHAI), work_done="更新窗口浏览器。",
                       problems_found="", contact_name="王主任", contact_phone="0818-2123456")
    with store.transaction() as session:
        visit_id = save_visit(session, draft, MADE_AT).id
    with store.session() as session:
        data = gather_visit_report(session, load_visit(session, visit_id), CATALOGUE,
                                   BlobStore(store.data_dir.blobs))
    text = text_of(render_visit_report(data, tmp_path / "visit.pdf", MADE_AT))
    assert SHOWN in text and "2026-12-0620:30" not in text


def test_the_sign_in_sheet_footer_shows_shanghai_time(store, tmp_path):
    with store.transaction() as session:
        training_id = save_training(session, TrainingDraft(
            title="联合验收培训", starts_at=datetime(2026, 12, 8, 9, 0, tzinfo=SHANGHAI), platforms=("approval",),
            venue="达川区政务服务中心", trainers="李明")).id
    with store.session() as session:
        data = training_sheets.gather(load_training(session, training_id), CATALOGUE)
    sheet = training_sheets.render(training_sheets.sign_in_story(data), "培训签到表", tmp_path / "sheet.pdf",
                                   MADE_AT)
    text = text_of(sheet)
    assert SHOWN in text and "2026-12-0620:30" not in text
