"""The reports page: a report and its period chosen on the left, its first pages previewed on the right (written
and rendered on a worker), that same PDF saved where asked, the reports made recently listed with their files, and
whatever goes wrong said in words."""

import json
import subprocess
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

import dzdesk.ui.reports.page as page_module
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.reports.page import ReportsPage
from dzdesk.ui.reports.recent import FILE_NAME, load_recent


@pytest.fixture
def synchronous():
    set_synchronous(True)
    yield
    set_synchronous(False)


def pdf_text(path):
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_preview_shows_the_first_pages_and_save_keeps_that_same_pdf(qtbot, ctx, synchronous, tmp_path,
                                                                         monkeypatch):
    page = ReportsPage(ctx, now=lambda: datetime(2026, 8, 15, 4, tzinfo=UTC))
    qtbot.addWidget(page)
    assert page.reports.count() == 4 and page.report() == "annual" and page.part.isHidden()
    page.select_report("quarterly")
    assert page.part.value() == 3 and page.period()[2] == "2026 年第 3 季度"
    assert page.preview()
    previewed = page._written.pdf
    assert page.pane.page_labels and not page.pane.page_labels[0].pixmap().isNull()
    assert len(page.pane.page_labels) <= 3 and page.busy.isHidden()
    assert "2026年第3季度运维报告" in page.preview_title.text()
    messages = []
    page.message.connect(messages.append)
    assert page.save(tmp_path / "q3.pdf")
    assert (tmp_path / "q3.pdf").read_bytes() == previewed.read_bytes()  # the PDF looked at is the one saved
    assert "2026 年第 3 季度运维报告" in pdf_text(tmp_path / "q3.pdf")
    assert "合同指标" in load_workbook(tmp_path / "q3.xlsx").sheetnames
    assert messages and "q3.pdf" in messages[-1]

    recent = load_recent(ctx.data_dir.root)
    assert [r.path for r in recent] == [str(tmp_path / "q3.pdf")]
    assert json.loads((ctx.data_dir.root / FILE_NAME).read_text(encoding="utf-8"))[0]["title"] == \
        "2026年第3季度运维报告"
    assert page.recent.count() == 1 and page.open_button.isEnabled()
    opened = []
    monkeypatch.setattr(page_module, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    assert page.open_recent() == tmp_path / "q3.pdf"
    assert page.show_recent_folder() == tmp_path
    assert opened == [str(tmp_path / "q3.pdf"), str(tmp_path)]


def test_a_changed_choice_is_written_again_when_saved(qtbot, ctx, synchronous, tmp_path):
    page = ReportsPage(ctx, now=lambda: datetime(2026, 8, 15, 4, tzinfo=UTC))
    qtbot.addWidget(page)
    page.select_report("monthly")
    assert page.part.value() == 8
    page.preview()
    page.part.setValue(7)
    assert "2026年8月" in page.preview_title.text() and "2026年7月" in page.preview_title.text()
    page.save(tmp_path / "july.pdf")
    assert "2026 年 7 月运维报告" in pdf_text(tmp_path / "july.pdf")
    page.select_report("handout")
    assert not page.with_figures.isEnabled() and not page.sign.isEnabled()
    page.save(tmp_path / "cases.pdf")
    assert "典型案例" in pdf_text(tmp_path / "cases.pdf") and not (tmp_path / "cases.xlsx").exists()
    assert [r.path for r in load_recent(ctx.data_dir.root)] == [str(tmp_path / "cases.pdf"),
                                                                str(tmp_path / "july.pdf")]


def test_a_report_that_cannot_be_written_says_why(qtbot, ctx, synchronous, tmp_path):
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.with_figures.setChecked(False)
    page.save(tmp_path / "missing" / "r.pdf")
    assert "未能生成" in page.status.text() or "Not written" in page.status.text()
    assert page.save_button.isEnabled() and page.preview_button.isEnabled() and page.busy.isHidden()
    (tmp_path / "gone.pdf").write_bytes(b"%PDF")
    page.save(tmp_path / "gone.pdf")
    (tmp_path / "gone.pdf").unlink()
    page.show_recent(load_recent(ctx.data_dir.root))
    assert not page.open_button.isEnabled()
    assert page.open_recent() is None and "no longer there" in page.status.text()


def test_the_preview_is_written_on_a_worker_and_the_window_answers_meanwhile(qtbot, ctx):
    page = ReportsPage(ctx, now=lambda: datetime(2026, 8, 15, 4, tzinfo=UTC))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.written, timeout=60000):
        assert page.preview()
        assert not page.busy.isHidden() and not page.preview_button.isEnabled()
        assert not page.preview()  # one at a time
    assert page.pane.page_labels and page.busy.isHidden() and page.preview_button.isEnabled()


def test_the_annual_report_is_signed_when_asked_and_refused_in_words_without_a_certificate(qtbot, ctx, synchronous,
                                                                                          tmp_path):
    from dataclasses import replace

    from dzdesk.operations.signing import set_certificate
    from dzdesk.operations.verify import Verdict, verify_report
    from tests.support.signing import team_certificate

    page = ReportsPage(ctx, now=lambda: datetime(2026, 12, 1, 4, tzinfo=UTC))
    qtbot.addWidget(page)
    page.with_figures.setChecked(False)
    page.sign.setChecked(True)
    page.save(tmp_path / "unsigned.pdf")
    assert "no signing certificate is set" in page.status.text() and not (tmp_path / "unsigned.pdf").exists()
    team = team_certificate(tmp_path / "certificate")
    ctx.settings = replace(set_certificate(ctx.data_dir, ctx.settings, team.p12, team.password).settings)
    page.save(tmp_path / "annual.pdf")
    verified = verify_report(tmp_path / "annual.pdf", ctx.store)
    assert (verified.verdict, verified.summary) == (Verdict.VALID, "signed, registered")
    assert verified.facts.number == "YW-2026" and verified.facts.signatures[0].trusted is False  # no CA given
