"""A defect leaves a report for support, with no secret in it; a full or read-only disk is said in words instead."""

import subprocess
import sys
import textwrap

from dzdesk import __version__
from dzdesk.crash_report import FOLDER, KEEP, mask_secrets, write_report
from tests.support.cli import REPO, child_env

TOKEN = "dzh_" + "Q" * 43


def _run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=child_env(), cwd=REPO, timeout=timeout, check=False)


def test_secrets_are_masked_wherever_they_appear():
    text = (f"token={TOKEN} Authorization: Bearer {TOKEN} password: hunter2 "
            f"{{'token': 'abc123'}} url https://hub.example/v1?secret=s3cr3t")
    masked = mask_secrets(text)
    for secret in (TOKEN, "hunter2", "abc123", "s3cr3t"):
        assert secret not in masked
    assert "https://hub.example/v1" in masked


def test_a_report_has_the_version_the_traceback_and_the_log_tail(tmp_path):
    log = tmp_path / "logs" / "dzdesk.log"
    log.parent.mkdir()
    log.write_text("".join(f"line {n} sent {TOKEN}\n" for n in range(500)), encoding="utf-8")
    try:
        {}["missing"]
    except KeyError as exc:
        path = write_report(tmp_path / FOLDER, exc, log, "a test")
    text = path.read_text(encoding="utf-8")
    assert f"dzdesk {__version__} crash report" in text
    assert "KeyError: 'missing'" in text and "test_crash_report.py" in text
    assert "line 499 sent dzh_***" in text and "line 299 " not in text  # the last 200 lines
    assert TOKEN not in text


def test_only_the_newest_reports_are_kept(tmp_path):
    for n in range(KEEP + 5):
        write_report(tmp_path, RuntimeError(f"number {n}"))
    reports = sorted(tmp_path.glob("crash-*.txt"))
    assert len(reports) == KEEP
    assert "number 24" in reports[-1].read_text(encoding="utf-8")


def test_a_defect_in_a_command_writes_a_report_and_says_where(tmp_path):
    data = tmp_path / "data"
    result = _run_python(f"""
        import sys
        from dzdesk import cli
        from dzdesk.commands import stats

        def broken(args):
            raise ZeroDivisionError("a defect in the statistics, token {TOKEN}")

        stats.run = broken
        sys.exit(cli.main(["stats", "--year", "2026", "--data-dir", {str(data)!r}]))
    """)
    assert result.returncode == 70, result.stderr
    assert "A report for support was written to" in result.stderr
    reports = list((data / FOLDER).glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError: a defect in the statistics" in text and "dzdesk stats" in text
    assert TOKEN not in text and TOKEN not in result.stderr


def test_the_window_reports_an_uncaught_error_and_keeps_running(tmp_path):
    """An error in a slot reaches the report and a notice over the window; the event loop goes on."""
    data = tmp_path / "data"
    result = _run_python(f"""
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from dzdesk import crash_report
        from dzdesk.config import DataDir, Settings
        from dzdesk.ui.crash_notice import CrashNotice
        from dzdesk.ui.main_window import MainWindow

        app = QApplication([])
        data_dir = DataDir(Path({str(data)!r})).ensure()
        window = MainWindow.shell(data_dir, Settings())
        notice = CrashNotice(window)
        crash_report.install(data_dir.root, notify=notice)
        window.show()
        later = []

        def broken():
            raise ValueError("a defect in a slot")

        def check():
            box = notice.last
            print("SHOWN", box is not None and box.isVisible())
            print("TEXT", box.text() if box else "")
            app.quit()

        QTimer.singleShot(0, broken)
        QTimer.singleShot(50, lambda: later.append(True))
        QTimer.singleShot(300, check)
        app.exec()
        print("LATER", later)
    """)
    assert result.returncode == 0, result.stderr
    assert "SHOWN True" in result.stdout
    assert "ValueError" in result.stdout and str(data / FOLDER) in result.stdout
    assert "LATER [True]" in result.stdout  # the window went on working after the error
    reports = list((data / FOLDER).glob("crash-*.txt"))
    assert len(reports) == 1 and "ValueError: a defect in a slot" in reports[0].read_text(encoding="utf-8")


def test_a_hard_crash_is_reported_on_the_next_start(tmp_path):
    data = tmp_path / "data"
    crashed = _run_python(f"""
        import ctypes
        from pathlib import Path
        from dzdesk import crash_report
        crash_report.install(Path({str(data)!r}))
        ctypes.string_at(0)  # a segfault below Python
    """)
    assert crashed.returncode != 0
    assert not list((data / FOLDER).glob("crash-*.txt"))
    _run_python(f"""
        from pathlib import Path
        from dzdesk import crash_report
        crash_report.install(Path({str(data)!r}))
    """)
    reports = list((data / FOLDER).glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "Fatal Python error" in text and "a hard crash of the previous run" in text
    assert (data / FOLDER / "fatal.log").read_text(encoding="utf-8") == ""
