"""The one-folder build carries everything it needs: built here, copied away from the checkout, and started."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import REPO

PYINSTALLER = Path(sys.executable).with_name("pyinstaller")


# Slow: PyInstaller analyses and copies the whole app and its libraries (about a minute), then the built app runs.
@pytest.mark.slow
def test_the_built_app_starts_and_writes_a_report_outside_the_checkout(tmp_path):
    work, dist = tmp_path / "work", tmp_path / "dist"
    build = subprocess.run([str(PYINSTALLER), "--noconfirm", "--workpath", str(work), "--distpath", str(dist),
                            str(REPO / "build_installer.spec")], cwd=REPO, capture_output=True, text=True,
                           timeout=900, check=False)
    assert build.returncode == 0, build.stderr[-3000:]
    moved = tmp_path / "elsewhere" / "dzdesk"
    shutil.copytree(dist / "dzdesk", moved, symlinks=True)
    shutil.rmtree(dist)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DZDESK_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    data = tmp_path / "data"

    def run(*args):
        return subprocess.run([str(moved / "dzdesk"), *args, "--data-dir", str(data)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120, check=False)

    started = run("gui", "--quit-after-ready", "500")
    assert started.returncode == 0, started.stderr
    assert (data / "dzdesk.sqlite3").exists()
    report = run("report", "annual", "--year", "2026", "-o", str(tmp_path / "annual.pdf"))
    assert report.returncode == 0, report.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "annual.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2026 年年度运维报告" in text
    hub = subprocess.run([str(moved / "dzdesk"), "hub", "add-user", "李明", "--role", "lead", "--db",
                          f"sqlite:///{tmp_path / 'hub.sqlite3'}"], env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    assert hub.returncode == 0 and hub.stdout.startswith("dzh_"), hub.stderr
