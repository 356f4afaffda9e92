"""`dzdesk report health` and the raw-results export, run as a user would."""

import csv
import subprocess
from datetime import datetime, timedelta

from openpyxl import load_workbook

from dzdesk.config import DataDir
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_outcome import Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.timefmt import day_range
from dzdesk.reports.probe_history import export_probe_results
from dzdesk.store import open_store
from dzdesk.store.probe_repo import record_outcomes, save_target
from tests.support.cli import run_dzdesk

DAY = datetime(2026, 3, 2, tzinfo=SHANGHAI)


def fill(data_dir: DataDir) -> None:
    store = open_store(data_dir)
    try:
        with store.transaction() as session:
            target = save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/"))
            session.flush()
            for hour in range(12):
                ok = hour not in (3, 4, 5, 6)
                record_outcomes(session, [(target, ProbeOutcome(target.name, DAY + timedelta(hours=hour), ok,
                                                                80.0 if ok else None,
                                                                None if ok else Failure.TIMEOUT, "" if ok else "5 s"))],
                                ConfirmPolicy())
    finally:
        store.close()


def test_health_report_is_written_with_findings(data_dir, tmp_path):
    fill(data_dir)
    findings = tmp_path / "findings.txt"
    findings.write_text("夜间批处理占满数据库连接", encoding="utf-8")
    target = tmp_path / "health.pdf"
    result = run_dzdesk("report", "health", "--from", "2026-03-01", "--to", "2026-03-31", "--findings", str(findings),
                        "-o", str(target), "--data-dir", str(data_dir.root))
    assert result.returncode == 0, result.stderr
    assert "12 checks, 1 outages" in result.stdout
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "平台健康评估报告" in text and "夜间批处理占满数据库连接" in text and "超时无响应" in text


def test_health_report_refuses_bad_input_and_writes_nothing(data_dir, tmp_path):
    target = tmp_path / "health.pdf"
    cases = [(["--from", "2026-13-01", "--to", "2026-03-31"], "is not a date"),
             (["--from", "2026-03-31", "--to", "2026-03-01"], "comes before"),
             (["--from", "2026-03-01", "--to", "2026-03-31", "--findings", str(tmp_path / "missing.txt")],
              "cannot be read")]
    for args, message in cases:
        result = run_dzdesk("report", "health", *args, "-o", str(target), "--data-dir", str(data_dir.root))
        assert result.returncode == 2, result.stderr
        assert message in result.stderr
    result = run_dzdesk("report", "health", "--from", "2026-03-01", "--to", "2026-03-31", "-o",
                        str(tmp_path / "health.txt"), "--data-dir", str(data_dir.root))
    assert result.returncode == 2 and ".pdf" in result.stderr
    assert not target.exists()


def test_raw_results_export_as_csv_and_xlsx(data_dir, tmp_path):
    fill(data_dir)
    start, end = day_range(DAY.date(), DAY.date())
    store = open_store(data_dir)
    try:
        with store.session() as session:
            assert export_probe_results(session, load_catalogue(), start, end, tmp_path / "r.csv") == 12
            assert export_probe_results(session, load_catalogue(), start, end, tmp_path / "r.xlsx") == 12
            later = day_range(DAY.date() + timedelta(days=1), DAY.date() + timedelta(days=1))
            assert export_probe_results(session, load_catalogue(), *later, tmp_path / "none.csv") == 0
    finally:
        store.close()
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["时间", "巡检目标", "平台", "结果"]
    assert [r[3] for r in rows[1:]].count("失败") == 4
    assert rows[4][6] == "超时无响应" and rows[1][1] == "审批系统-网上大厅" and rows[1][2] == "审批系统"
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet.max_row == 13 and sheet["B2"].value == "审批系统-网上大厅"
