"""The probes' configuration through the operations the window and the command line both call: a targets file read
whole and against the catalogue's platforms before anything is saved, targets and maintenance windows kept,
deleted and brought back, and a target deleted meanwhile said so."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence
from dzdesk.domain.probe_target import ProbeTarget, dump_targets
from dzdesk.operations.probe_targets import (
    TargetGoneError,
    TargetsFileProblemError,
    delete_maintenance_window,
    delete_probe_target,
    import_targets_file,
    read_targets_file,
    save_maintenance_window,
    save_probe_target,
)
from dzdesk.store.probe_models import MaintenanceWindowRecord, ProbeTargetRecord
from dzdesk.store.probe_repo import TargetNameTakenError

CATALOGUE = load_catalogue()
SH = ZoneInfo("Asia/Shanghai")
PORTAL = ProbeTarget("信用门户", "credit", url="https://xyxx.example.cn/", keyword="信用")


def live(store, model) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False)))


def test_a_targets_file_is_read_whole_then_merged(store, tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text(dump_targets([PORTAL]), encoding="utf-8")
    targets = read_targets_file(path, CATALOGUE)
    first = import_targets_file(store, CATALOGUE, targets)
    assert first.added == 1
    defaults = live(store, ProbeTargetRecord) - 1
    assert defaults > 0  # the catalogue's targets are there too, as on first start
    again = import_targets_file(store, CATALOGUE, targets)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


@pytest.mark.parametrize(("content", "message"), [
    (b"[[target]]\nname = \"x\"\nplatform = \"water\"\nurl = \"https://a.cn/\"\n", "must be one of credit, approval"),
    (b"\xff\xfe not text", "not UTF-8 text"),
    (b"[[target]\nname=", "targets.toml"),
])
def test_a_bad_targets_file_is_refused_in_words(store, tmp_path, content, message):
    path = tmp_path / "targets.toml"
    path.write_bytes(content)
    with pytest.raises(TargetsFileProblemError, match=message):
        read_targets_file(path, CATALOGUE)
    with pytest.raises(TargetsFileProblemError, match="cannot be read"):
        read_targets_file(tmp_path / "missing.toml", CATALOGUE)


def test_a_target_kept_renamed_deleted_and_brought_back(store):
    saved = save_probe_target(store, PORTAL)
    assert saved.old_name is None
    renamed = save_probe_target(store, ProbeTarget("信用门户-外网", "credit", url="https://xyxx.example.cn/"),
                                saved.target_id)
    assert renamed == type(renamed)(saved.target_id, "信用门户")
    with pytest.raises(TargetNameTakenError):
        save_probe_target(store, ProbeTarget("信用门户-外网", "credit", url="https://b.example.cn/"))
    delete_probe_target(store, saved.target_id)
    assert live(store, ProbeTargetRecord) == 0
    with pytest.raises(TargetGoneError, match="no longer there"):
        save_probe_target(store, PORTAL, saved.target_id)
    delete_probe_target(store, saved.target_id, deleted=False)
    assert live(store, ProbeTargetRecord) == 1
    with pytest.raises(TargetGoneError):
        delete_probe_target(store, "no-such-target")


def test_a_maintenance_window_kept_changed_deleted_and_brought_back(store):
    sunday = datetime(2026, 12, 6, 2, tzinfo=SH)
    window = MaintenanceWindow(sunday, timedelta(hours=2), Recurrence.WEEKLY, platform="approval", note="例行维护")
    window_id = save_maintenance_window(store, window).record_id
    assert save_maintenance_window(store, MaintenanceWindow(sunday, timedelta(hours=3), Recurrence.WEEKLY,
                                                            platform="approval"), window_id).record_id == window_id
    with store.session() as session:
        assert session.get(MaintenanceWindowRecord, window_id).duration_minutes == 180
    with pytest.raises(ValueError):
        save_maintenance_window(store, MaintenanceWindow(sunday, timedelta(seconds=30), Recurrence.ONCE))
    delete_maintenance_window(store, window_id)
    assert live(store, MaintenanceWindowRecord) == 0
    delete_maintenance_window(store, window_id, deleted=False)
    assert live(store, MaintenanceWindowRecord) == 1
    with pytest.raises(TargetGoneError):
        save_maintenance_window(store, window, "no-such-window")


def test_the_default_targets_are_added_once_and_a_deleted_one_stays_deleted(store):
    from dzdesk.domain.probe_target import default_targets
    from dzdesk.operations.probe_targets import ensure_probe_defaults

    expected = len(default_targets(CATALOGUE))
    assert ensure_probe_defaults(store, CATALOGUE) == expected > 0
    assert live(store, ProbeTargetRecord) == expected
    with store.session() as session:
        first = session.scalars(select(ProbeTargetRecord.id)).first()
    delete_probe_target(store, first)
    assert ensure_probe_defaults(store, CATALOGUE) == 0
    assert live(store, ProbeTargetRecord) == expected - 1
