"""`dzdesk probe` and `dzdesk targets list|import|export`, run as the duty engineer's scheduled task runs them."""

import json

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget, default_targets, dump_targets, parse_targets
from dzdesk.store import open_store
from dzdesk.store.probe_models import ProbeResult
from dzdesk.store.probe_repo import list_targets
from tests.support.cli import run_dzdesk
from tests.support.probe_servers import closed_port, serve

DEFAULT_NAMES = [t.name for t in default_targets(load_catalogue())]


@pytest.fixture(scope="module")
def server():
    with serve() as url:
        yield url


def dzdesk(*args):
    # Probes use the system's proxy settings; loopback traffic must not go to a proxy from the environment.
    return run_dzdesk(*args, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")


def port_of(url):
    return int(url.rsplit(":", 1)[1])


def healthy(server):
    """Three targets of the default catalogue, filled in with addresses on the loopback server."""
    return [
        ProbeTarget("审批系统-网上大厅", "approval", url=server + "/", keyword="网上大厅"),
        ProbeTarget("审批系统-综合受理", "approval", kind=ProbeKind.TCP, host="127.0.0.1", port=port_of(server)),
        ProbeTarget("信用平台-门户", "credit", kind=ProbeKind.DNS, host="127.0.0.1"),
    ]


def targets_file(path, targets):
    path.write_text(dump_targets(targets), encoding="utf-8")
    return path


def stored_targets(root):
    store = open_store(DataDir(root))
    try:
        with store.session() as session:
            return [record.to_target() for record in list_targets(session)]
    finally:
        store.close()


def result_count(root):
    store = open_store(DataDir(root))
    try:
        with store.session() as session:
            return session.scalar(select(func.count()).select_from(ProbeResult))
    finally:
        store.close()


# --- probe --targets FILE -------------------------------------------------------------------------------------


def test_probe_exits_0_when_every_target_answers(tmp_path, server):
    path = targets_file(tmp_path / "targets.toml", healthy(server))
    result = dzdesk("probe", "--targets", str(path), "--data-dir", str(tmp_path / "desk"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["ok", "ok", "ok"]
    assert "审批系统-网上大厅" in lines[0]
    assert lines[-1] == "3 targets, 0 failed"


def test_probe_exits_1_when_one_fails_and_prints_json(tmp_path, server):
    targets = [*healthy(server), ProbeTarget("审批系统-联合验收", "approval", url=server + "/error"),
               ProbeTarget("信用平台-信用报告", "credit", kind=ProbeKind.TCP, host="127.0.0.1", port=closed_port())]
    path = targets_file(tmp_path / "targets.toml", targets)
    result = dzdesk("probe", "--targets", str(path), "--json", "--data-dir", str(tmp_path / "desk"))
    assert result.returncode == 1, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert [row["name"] for row in rows] == [t.name for t in targets]
    for row in rows:
        assert {"name", "ok", "latency_ms", "error"} <= set(row)
    assert [row["ok"] for row in rows] == [True, True, True, False, False]
    assert all(row["error"] is None for row in rows[:3])
    assert all(isinstance(row["latency_ms"], float) for row in rows)
    assert rows[3]["error"].startswith("unexpected HTTP status: 500")
    assert rows[3]["status_code"] == 500
    assert rows[4]["error"].startswith("connection refused or unreachable")
    assert rows[4]["failure"] == "refused"


def test_probe_of_a_file_is_not_recorded(tmp_path, server):
    root = tmp_path / "desk"
    path = targets_file(tmp_path / "targets.toml", healthy(server))
    assert dzdesk("targets", "import", str(path), "--data-dir", str(root)).returncode == 0
    assert dzdesk("probe", "--targets", str(path), "--data-dir", str(root)).returncode == 0
    assert result_count(root) == 0


BAD_FILES = {
    "wrong kind": ('[[target]]\nname = "门户"\nplatform = "credit"\nkind = "ping"\nhost = "127.0.0.1"\n',
                   ["“门户”", "'kind'"]),
    "tcp without port": ('[[target]]\nname = "综合受理"\nplatform = "approval"\nkind = "tcp"\nhost = "10.0.0.1"\n',
                         ["“综合受理”", "'port'"]),
    "ftp url": ('[[target]]\nname = "网上大厅"\nplatform = "approval"\nurl = "ftp://10.0.0.1/"\n',
                ["“网上大厅”", "'url'"]),
    "not toml": ("this is not a targets file\n", ["not valid TOML"]),
    "unknown field": ('[[target]]\nname = "信用报告"\nplatform = "credit"\nurl = "http://10.0.0.1/"\ncolour = "red"\n',
                      ["“信用报告”", "'colour'"]),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_unusable_targets_file_exits_2_naming_target_and_field(tmp_path, case):
    text, expected = BAD_FILES[case]
    path = tmp_path / "targets.toml"
    path.write_text(text, encoding="utf-8")
    result = dzdesk("probe", "--targets", str(path), "--data-dir", str(tmp_path / "desk"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert str(path) in result.stderr
    for words in expected:
        assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_file_target_without_an_address_exits_2(tmp_path, server):
    targets = [*healthy(server), ProbeTarget("审批系统-多测合一", "approval")]
    path = targets_file(tmp_path / "targets.toml", targets)
    result = dzdesk("probe", "--targets", str(path), "--data-dir", str(tmp_path / "desk"))
    assert result.returncode == 2
    assert "审批系统-多测合一" in result.stderr
    assert "no address" in result.stderr
    assert result.stdout == ""


# --- probe of the stored targets ------------------------------------------------------------------------------


def test_probe_without_configured_targets_exits_2(tmp_path):
    result = dzdesk("probe", "--data-dir", str(tmp_path / "desk"))
    assert result.returncode == 2
    assert "no target has an address yet" in result.stderr
    assert "dzdesk targets import" in result.stderr


def test_imported_targets_are_probed_and_recorded(tmp_path, server):
    root = tmp_path / "desk"
    path = targets_file(tmp_path / "targets.toml", healthy(server))
    imported = dzdesk("targets", "import", str(path), "--data-dir", str(root))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "0 added, 3 updated, 0 unchanged"  # the catalogue's entries, filled in

    first = dzdesk("probe", "--json", "--data-dir", str(root))
    assert first.returncode == 0, first.stdout + first.stderr
    in_catalogue_order = [name for name in DEFAULT_NAMES if name in {t.name for t in healthy(server)}]
    assert [row["name"] for row in json.loads(first.stdout)] == in_catalogue_order
    assert result_count(root) == 3  # the default catalogue has no addresses yet and is not probed
    assert dzdesk("probe", "--data-dir", str(root)).returncode == 0
    assert result_count(root) == 6


def test_stored_target_that_fails_exits_1_and_is_recorded(tmp_path, server):
    root = tmp_path / "desk"
    path = targets_file(tmp_path / "targets.toml",
                        [ProbeTarget("审批系统-联合验收", "approval", url=server + "/error")])
    assert dzdesk("targets", "import", str(path), "--data-dir", str(root)).returncode == 0
    result = dzdesk("probe", "--data-dir", str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 targets, 1 failed"
    assert result_count(root) == 1


# --- targets list / import / export ---------------------------------------------------------------------------


def test_list_shows_the_default_catalogue_without_addresses(tmp_path):
    result = dzdesk("targets", "list", "--json", "--data-dir", str(tmp_path / "desk"))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == DEFAULT_NAMES
    assert not any(row["configured"] for row in rows)


def test_export_writes_what_is_stored_including_the_default_catalogue(tmp_path, server):
    root = tmp_path / "desk"
    extra = ProbeTarget("审批系统-本地测试", "approval", url=server + "/", keyword="网上大厅", timeout_s=2.5,
                        latency_threshold_ms=800, verify_tls=False, cert_warning_days=10, expect_status=200)
    assert dzdesk("targets", "import", str(targets_file(tmp_path / "in.toml", [extra])),
                  "--data-dir", str(root)).returncode == 0
    output = tmp_path / "out" / "targets.toml"
    output.parent.mkdir()
    result = dzdesk("targets", "export", "-o", str(output), "--data-dir", str(root))
    assert result.returncode == 0, result.stderr
    assert "36 targets written" in result.stdout
    exported = parse_targets(output.read_text(encoding="utf-8"))
    assert exported == stored_targets(root)
    assert len(exported) == 36
    names = [t.name for t in exported]
    assert "审批系统-网上大厅" in names
    assert set(DEFAULT_NAMES) <= set(names)
    assert len(DEFAULT_NAMES) == 35
    assert exported[-1] == extra


def test_importing_the_same_file_twice_changes_nothing(tmp_path, server):
    root = tmp_path / "desk"
    path = targets_file(tmp_path / "targets.toml", healthy(server))
    first = dzdesk("targets", "import", str(path), "--data-dir", str(root))
    assert first.stdout.strip() == "0 added, 3 updated, 0 unchanged"
    second = dzdesk("targets", "import", str(path), "--data-dir", str(root))
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("0 added, 0 updated")
    assert second.stdout.strip() == "0 added, 0 updated, 3 unchanged"


def test_import_updates_a_default_target_by_name(tmp_path, server):
    root = tmp_path / "desk"
    filled = ProbeTarget("审批系统-网上大厅", "approval", url=server + "/", keyword="网上大厅", module="网上大厅")
    result = dzdesk("targets", "import", str(targets_file(tmp_path / "t.toml", [filled])), "--data-dir", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 added, 1 updated, 0 unchanged"
    stored = stored_targets(root)
    assert len(stored) == 35
    assert next(t for t in stored if t.name == filled.name) == filled


def test_import_updates_notes(tmp_path, server):
    """Notes are not part of a target's identity (compare=False), yet a file that changes only them updates."""
    root = tmp_path / "desk"
    target = ProbeTarget("审批系统-本地测试", "approval", url=server + "/", notes="机房A")
    assert dzdesk("targets", "import", str(targets_file(tmp_path / "a.toml", [target])),
                  "--data-dir", str(root)).returncode == 0
    changed = ProbeTarget("审批系统-本地测试", "approval", url=server + "/", notes="已迁至机房B")
    result = dzdesk("targets", "import", str(targets_file(tmp_path / "b.toml", [changed])), "--data-dir", str(root))
    assert result.stdout.strip() == "0 added, 1 updated, 0 unchanged"
    assert next(t for t in stored_targets(root) if t.name == target.name).notes == "已迁至机房B"
