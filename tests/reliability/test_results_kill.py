"""`dzdesk sync` killed with SIGKILL while it sends probe results, and run again: every result is on the hub once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from dzdesk.config import DataDir, Settings
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.hub.models import HubProbeResult
from dzdesk.store import open_store
from dzdesk.store.probe_models import ProbeResult
from dzdesk.store.probe_repo import save_target
from dzdesk.sync.protocol import Role
from tests.support.cli import REPO, child_env
from tests.support.hub import running_hub

RESULTS = 24_000  # twelve uploads of 2 000


def hub_count(hub) -> int:
    with hub.db.transaction() as session:
        return session.scalar(select(func.count()).select_from(HubProbeResult)) or 0


def test_a_sync_killed_while_sending_results_sends_each_once_when_run_again(tmp_path):
    root = tmp_path / "laptop"
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        token = hub.add_user("张伟", Role.ENGINEER, "一组")
        data_dir = DataDir(root).ensure()
        Settings(hub_url=hub.url).save(data_dir.settings_file)
        store = open_store(data_dir, author="张伟")
        try:
            with store.transaction() as session:
                target = save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://example.invalid/"))
                session.flush()
                start = datetime.now(UTC) - timedelta(days=90)
                session.execute(insert(ProbeResult), [
                    {"target_id": target.id, "started_at": start + timedelta(minutes=5 * n), "ok": n % 97 != 0,
                     "latency_ms": 80.0, "interval_s": 300, "result_id": str(uuid.uuid4())} for n in range(RESULTS)])
        finally:
            store.close()
        env = child_env(DZDESK_HUB_TOKEN=token)
        command = [sys.executable, "-m", "dzdesk", "--data-dir", str(root), "sync"]
        killed_at = None
        for _attempt in range(5):  # aim the kill between the first and the last upload
            process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline:
                stored = hub_count(hub)
                if 0 < stored < RESULTS:
                    os.kill(process.pid, signal.SIGKILL)
                    killed_at = stored
                    break
                time.sleep(0.01)
            process.wait(30)
            if killed_at is not None:
                break
        assert killed_at is not None, "the sync finished before it could be killed mid-upload"
        finished = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
                                  check=False)
        assert finished.returncode == 0, finished.stderr
        assert hub_count(hub) == RESULTS
        with hub.db.transaction() as session:
            assert session.scalar(select(func.count(func.distinct(HubProbeResult.id)))) == RESULTS
        store = open_store(data_dir)
        try:
            with store.session() as session:
                assert session.scalar(select(func.count()).select_from(ProbeResult)) == RESULTS
                assert session.scalar(select(func.count()).where(ProbeResult.uploaded.is_(False))) == 0
        finally:
            store.close()
