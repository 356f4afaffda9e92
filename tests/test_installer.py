"""The one-folder build carries everything it needs: built here, copied away from the checkout, and started."""

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from dzdesk.config import DataDir, Settings
from dzdesk.sync.engine import LAST_SYNC
from tests.support.cli import REPO
from tests.support.hub import free_port, wait_for_hub

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
    _the_windows_sync_runs_in_the_built_app(moved / "dzdesk", env, tmp_path, hub.stdout.strip())


def _the_windows_sync_runs_in_the_built_app(app: Path, env: dict[str, str], tmp_path: Path, token: str) -> None:
    """The window syncs in a process of its own (`dzdesk.sync.child_process`); in the built app that process is
    the app started again, which works only if the app lets `multiprocessing` take it over."""
    port = free_port()
    server = subprocess.Popen([str(app), "hub", "serve", "--db", f"sqlite:///{tmp_path / 'hub.sqlite3'}", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_hub(f"http://127.0.0.1:{port}", server)
        data = DataDir(tmp_path / "synced").ensure()
        settings = Settings()
        settings.hub_url = f"http://127.0.0.1:{port}"
        settings.save(data.settings_file)
        window = subprocess.run([str(app), "gui", "--quit-after-ready", "8000", "--data-dir", str(data.root)],
                                cwd=tmp_path, env={**env, "DZDESK_HUB_TOKEN": token}, capture_output=True,
                                text=True, timeout=120, check=False)
        assert window.returncode == 0, window.stderr
        with closing(sqlite3.connect(data.database)) as db:
            synced = db.execute("SELECT value FROM local_meta WHERE key = ?", (LAST_SYNC,)).fetchone()
        assert synced is not None, (data.logs / "dzdesk.log").read_text(encoding="utf-8")[-3000:]
    finally:
        server.terminate()
        server.wait(10)

