import json
from pathlib import Path

import pytest

from dzdesk.config import DataDir, DataDirError, Settings, SettingsError, resolve_data_dir
from dzdesk.domain.profile import EngineerProfile


def test_cli_value_wins_over_environment(tmp_path):
    chosen = resolve_data_dir(tmp_path / "cli", {"DZDESK_HOME": str(tmp_path / "env")})
    assert chosen.root == (tmp_path / "cli").resolve()


def test_environment_wins_over_platform_default(tmp_path):
    assert resolve_data_dir(None, {"DZDESK_HOME": str(tmp_path / "env")}).root == (tmp_path / "env").resolve()


def test_platform_default_when_nothing_is_set():
    root = resolve_data_dir(None, {}).root
    assert root.name == "dzdesk"
    assert root.is_absolute()


def test_ensure_creates_every_folder(tmp_path):
    data_dir = DataDir(tmp_path / "a" / "b").ensure()
    for folder in (data_dir.root, data_dir.blobs, data_dir.logs, data_dir.backups):
        assert folder.is_dir()


def test_data_dir_that_is_a_file_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="Cannot create the data directory"):
        DataDir(blocker / "data").ensure()


def test_settings_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(language="en", profile=EngineerProfile("王芳", "0818-2123456", "审批组"))
    settings.save(path)
    assert Settings.load(path) == settings
    assert json.loads(path.read_text(encoding="utf-8"))["profile"]["name"] == "王芳"


def test_missing_settings_give_defaults(tmp_path):
    settings = Settings.load(tmp_path / "none.json")
    assert settings.language == "zh_CN"
    assert not settings.profile.is_complete


def test_malformed_settings_are_reported_and_left_alone(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SettingsError, match="cannot be read"):
        Settings.load(path)
    assert path.read_text(encoding="utf-8") == "{not json"


def test_unknown_language_falls_back(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "fr"}), encoding="utf-8")
    assert Settings.load(path).language == "zh_CN"


def test_save_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "settings.json"
    Settings().save(path)
    Settings(language="en").save(path)
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["settings.json"]


def test_calendar_overrides_come_from_settings(tmp_path):
    from datetime import date

    path = tmp_path / "settings.json"
    Settings(business_hours="08:30-12:00, 14:00-17:30", extra_days_off=["2027-02-08"],
             extra_working_days=["2027-02-20"], complete_years=[2027]).save(path)
    calendar = Settings.load(path).calendar()
    assert calendar.hours.format() == "08:30-12:00, 14:00-17:30"
    assert not calendar.is_working_day(date(2027, 2, 8))  # a Monday, off by the override
    assert calendar.is_working_day(date(2027, 2, 20))  # a Saturday, worked by the override
    assert calendar.year_is_known(2027)


@pytest.mark.parametrize("bad", [{"business_hours": "18:00-09:00"}, {"extra_days_off": "2027-01-01"},
                                 {"extra_working_days": ["next monday"]}, {"complete_years": ["soon"]}])
def test_invalid_calendar_settings_are_reported(tmp_path, bad):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(SettingsError, match="invalid calendar"):
        Settings.load(path)
