import json
import sqlite3

from dzdesk import __version__
from dzdesk.config import Settings
from dzdesk.instance_lock import InstanceLock
from dzdesk.store.migrate import head_revision
from tests.support.cli import run_dzdesk_process


def test_version():
    result = run_dzdesk_process("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"dzdesk {__version__}"


def test_gui_quits_once_the_data_shows_and_leaves_a_migrated_database(tmp_path):
    target = tmp_path / "x"
    result = run_dzdesk_process("gui", "--quit-after-ready", "200", "--data-dir", str(target))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target / "dzdesk.sqlite3") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert (target / "logs" / "dzdesk.log").read_text(encoding="utf-8").count("started on") == 1
    assert (target / "window.ini").exists()


def test_data_dir_before_the_subcommand_and_from_the_environment(tmp_path):
    first = run_dzdesk_process("--data-dir", str(tmp_path / "a"), "gui", "--quit-after-ready", "0")
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "a" / "dzdesk.sqlite3").exists()
    second = run_dzdesk_process("doctor", "--json", DZDESK_HOME=str(tmp_path / "b"))
    assert json.loads(second.stdout)["data_dir"] == str(tmp_path / "b")


def test_second_instance_on_the_same_data_directory_is_refused(data_dir):
    with InstanceLock(data_dir.lock_file):
        result = run_dzdesk_process("gui", "--quit-after-ready", "0", "--data-dir", str(data_dir.root))
    assert result.returncode == 1
    assert f"dzdesk 已在数据目录 {data_dir.root} 上打开" in result.stderr  # Chinese by default
    assert not data_dir.database.exists()


def test_doctor_reports_what_support_asks_for(tmp_path):
    target = tmp_path / "d"
    before = run_dzdesk_process("doctor", "--data-dir", str(target))
    assert before.returncode == 0, before.stderr
    assert "no database yet" in before.stdout
    assert "keyring.backends.fail.Keyring (not usable" in before.stdout
    run_dzdesk_process("gui", "--quit-after-ready", "0", "--data-dir", str(target))
    report = json.loads(run_dzdesk_process("doctor", "--json", "--data-dir", str(target)).stdout)
    assert report["schema"] == report["schema_head"] == head_revision()
    assert report["catalogue"]["platforms"] == 2
    assert report["catalogue"]["modules"] == 23
    assert report["catalogue"]["districts"] == 10
    assert report["catalogue"]["size"] > 40
    assert report["keyring_usable"] is False


def test_doctor_names_a_broken_user_catalogue(tmp_path):
    target = tmp_path / "c"
    target.mkdir()
    (target / "catalogue.toml").write_text("districts = [", encoding="utf-8")
    result = run_dzdesk_process("doctor", "--data-dir", str(target))
    assert result.returncode == 1
    assert "catalogue.toml: not valid TOML" in result.stderr


def test_window_closed_while_the_data_opens_exits_at_once_and_loses_nothing(tmp_path):
    """Closing the window before the database is open abandons the opening; the next start finishes it."""
    target = tmp_path / "early"
    early = run_dzdesk_process("gui", "--quit-after", "0", "--data-dir", str(target))
    assert early.returncode == 0, early.stderr
    later = run_dzdesk_process("gui", "--quit-after-ready", "0", "--data-dir", str(target))
    assert later.returncode == 0, later.stderr
    with sqlite3.connect(target / "dzdesk.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)


def test_a_database_from_a_newer_dzdesk_stops_the_gui_with_a_message(tmp_path):
    target = tmp_path / "newer"
    assert run_dzdesk_process("gui", "--quit-after-ready", "0", "--data-dir", str(target)).returncode == 0
    with sqlite3.connect(target / "dzdesk.sqlite3") as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    result = run_dzdesk_process("gui", "--quit-after-ready", "0", "--data-dir", str(target))
    assert result.returncode == 1
    assert "newer version of dzdesk" in result.stderr, result.stderr


def test_malformed_settings_stop_the_gui_with_a_message(tmp_path):
    target = tmp_path / "s"
    target.mkdir()
    (target / "settings.json").write_text("[1, 2", encoding="utf-8")
    result = run_dzdesk_process("gui", "--quit-after", "0", "--data-dir", str(target))
    assert result.returncode == 1
    assert "settings file" in result.stderr and "cannot be read" in result.stderr
    assert (target / "settings.json").read_text(encoding="utf-8") == "[1, 2"


def test_demo_fills_a_new_directory_once(tmp_path):
    target = tmp_path / "demo"
    first = run_dzdesk_process("demo", "--data-dir", str(target))
    assert first.returncode == 0, first.stderr
    settings = Settings.load(target / "settings.json")
    assert settings.demo and settings.profile.is_complete
    with sqlite3.connect(target / "dzdesk.sqlite3") as db:
        assert db.execute("SELECT value FROM local_meta WHERE key = 'demo'").fetchone() == ("1",)


def test_demo_refuses_a_directory_with_real_work(tmp_path):
    target = tmp_path / "real"
    target.mkdir()
    Settings(profile=Settings().profile.__class__(name="王芳")).save(target / "settings.json")
    result = run_dzdesk_process("demo", "--data-dir", str(target))
    assert result.returncode == 1
    assert "belongs to 王芳" in result.stderr
    assert not (target / "dzdesk.sqlite3").exists()


def test_unknown_subcommand_is_a_usage_error_that_lists_every_command():
    from dzdesk.cli import COMMANDS

    result = run_dzdesk_process("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr
    assert all(f"'{name}'" in result.stderr for name in COMMANDS)
