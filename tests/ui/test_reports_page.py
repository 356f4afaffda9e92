"""The reports page writes the operations report, its figures and the handout without blocking the window."""

import subprocess
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.reports.page import ReportsPage


@pytest.fixture
def synchronous():
    set_synchronous(True)
    yield
    set_synchronous(False)


def test_quarterly_report_with_figures_and_the_handout(qtbot, ctx, synchronous, tmp_path):
    page = ReportsPage(ctx, now=lambda: datetime(2026, 8, 15, 4, tzinfo=UTC))
    qtbot.addWidget(page)
    assert not page.part.isHidden() or page.kind.currentData() == "annual"
    page.kind.setCurrentIndex(page.kind.findData("quarterly"))
    assert page.part.value() == 3 and page.period()[2] == "2026 年第 3 季度"
    messages = []
    page.message.connect(messages.append)
    assert page.write_report(tmp_path / "q3.pdf", open_viewer=False)
    text = subprocess.run(["pdftotext", str(tmp_path / "q3.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2026 年第 3 季度运维报告" in text and "本期没有故障记录" in text
    assert "合同指标" in load_workbook(tmp_path / "q3.xlsx").sheetnames
    assert messages and "q3.pdf" in messages[-1]
    page.kind.setCurrentIndex(page.kind.findData("monthly"))
    assert page.part.value() == 8 and page.period()[2] == "2026 年 8 月"
    assert page.write_handout(tmp_path / "cases.pdf", open_viewer=False)
    assert (tmp_path / "cases.pdf").exists()


def test_a_report_that_cannot_be_written_says_why(qtbot, ctx, synchronous, tmp_path):
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.with_figures.setChecked(False)
    page.write_report(tmp_path / "missing" / "r.pdf", open_viewer=False)
    assert "未能生成" in page.status.text() or "Not written" in page.status.text()
    assert page.write_button.isEnabled()


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
    page.write_report(tmp_path / "unsigned.pdf", open_viewer=False)
    assert "no signing certificate is set" in page.status.text() and not (tmp_path / "unsigned.pdf").exists()
    team = team_certificate(tmp_path / "certificate")
    ctx.settings = replace(set_certificate(ctx.data_dir, ctx.settings, team.p12, team.password).settings)
    page.write_report(tmp_path / "annual.pdf", open_viewer=False)
    verified = verify_report(tmp_path / "annual.pdf", ctx.store)
    assert (verified.verdict, verified.summary) == (Verdict.VALID, "signed, registered")
    assert verified.facts.number == "YW-2026" and verified.facts.signatures[0].trusted is False  # no CA given
