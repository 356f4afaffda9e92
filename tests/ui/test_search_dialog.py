"""Search everywhere (Ctrl+K): results as you type across faults, complaints, visits and training, opened where
they live."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from dzdesk.config import Settings
from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.severity import Severity
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.global_search import search_everything
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.training_repo import TrainingDraft, save_training
from dzdesk.ui.main_window import MainWindow
from dzdesk.ui.search.dialog import SearchDialog

NOW = datetime.now(UTC)


def fill(ctx):
    with ctx.store.transaction() as session:
        add_incident(session, IncidentDraft(platform="approval", severity=Severity.MINOR, title="网上大厅上传失败",
                                            reported_at=NOW - timedelta(days=2)), ctx.catalogue,
                     Settings().calendar(), NOW)
        add_incident(session, IncidentDraft(platform="credit", severity=Severity.MINOR, title="信用报告PDF乱码",
                                            reported_at=NOW - timedelta(days=1)), ctx.catalogue,
                     Settings().calendar(), NOW)
        save_training(session, TrainingDraft(title="网上大厅申报培训", starts_at=NOW + timedelta(days=3)))
        save_complaint(session, ComplaintDraft(channel=ComplaintChannel.PHONE, complainant="张先生",
                                               received_at=NOW - timedelta(hours=5), content="网上大厅上传太慢"), NOW)


def test_search_finds_every_kind_and_confirms_longer_words(ctx):
    fill(ctx)
    with ctx.store.session() as session:
        kinds = sorted(h.kind for h in search_everything(session, "网上大厅"))
        assert kinds == ["complaints", "incidents", "trainings"]
        assert [h.title for h in search_everything(session, "pdf")] == ["信用报告PDF乱码"]
        assert search_everything(session, "大厅失败网上") == []  # pairs found apart are confirmed, not trusted
        assert search_everything(session, "   ") == []


def test_ctrl_k_types_and_opens_the_result(qtbot, ctx):
    fill(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dialog = window.search()
    assert isinstance(dialog, SearchDialog)
    dialog.query.setText("上传")
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=2000)
    assert dialog.results.item(0).text().startswith(("投诉", "Complaint"))  # the newest first
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.incidents
    editor = window.incidents.editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.is_loaded)  # the fault is read on a worker
    assert editor.w["title"].text() == "网上大厅上传失败"
