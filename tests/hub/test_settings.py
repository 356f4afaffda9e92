"""The hub's settings: every option from its flag or its `DZDESK_HUB_*` variable, flags over environment, and a
value that cannot be used refused in words, with exit 2, before anything is opened or started."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from dzdesk.hub.settings import OPTIONS, HubSettings, HubSettingsError
from tests.support.cli import REPO, child_env, run_dzdesk
from tests.support.hub import free_port, running_hub

NO_FLAGS: dict[str, str | None] = {}


def test_the_defaults_are_the_documented_ones() -> None:
    assert HubSettings.from_sources(NO_FLAGS, {}) == HubSettings()
    assert HubSettings() == HubSettings(db_url="sqlite:///dzdesk-hub.sqlite3", host="127.0.0.1", port=8765,
                                        keep_results_days=400, sign_in_limit=30, sign_in_window=60.0)


def test_settings_from_flags() -> None:
    flags = {"db_url": "postgresql://dzdesk@db.internal/dzdesk", "host": "0.0.0.0", "port": "9000",
             "keep_results_days": "730", "sign_in_limit": "10", "sign_in_window": "30.5"}
    assert HubSettings.from_sources(flags, {}) == HubSettings(
        db_url="postgresql://dzdesk@db.internal/dzdesk", host="0.0.0.0", port=9000, keep_results_days=730,
        sign_in_limit=10, sign_in_window=30.5)


def test_settings_from_the_environment() -> None:
    environ = {"DZDESK_HUB_DB": "sqlite:///hub.sqlite3", "DZDESK_HUB_HOST": "10.0.0.5", "DZDESK_HUB_PORT": "8800",
               "DZDESK_HUB_KEEP_RESULTS_DAYS": "500", "DZDESK_HUB_SIGN_IN_LIMIT": "12",
               "DZDESK_HUB_SIGN_IN_WINDOW": "90", "DZDESK_HUB_TOKEN": "a client's variable, not an option"}
    assert HubSettings.from_sources(NO_FLAGS, environ) == HubSettings(
        db_url="sqlite:///hub.sqlite3", host="10.0.0.5", port=8800, keep_results_days=500, sign_in_limit=12,
        sign_in_window=90.0)
    assert {option.env for option in OPTIONS} <= environ.keys(), "every option has its variable"


def test_a_flag_wins_over_the_environment() -> None:
    environ = {"DZDESK_HUB_PORT": "8800", "DZDESK_HUB_KEEP_RESULTS_DAYS": "not a number"}
    settings = HubSettings.from_sources({"port": "9100", "keep_results_days": "450"}, environ)
    assert (settings.port, settings.keep_results_days) == (9100, 450)


@pytest.mark.parametrize(("flags", "environ", "words"), [
    ({"port": "abc"}, {}, "--port: 'abc' is not a whole number"),
    ({}, {"DZDESK_HUB_PORT": "70000"}, "DZDESK_HUB_PORT: the port must be from 1 to 65535, not 70000"),
    ({"keep_results_days": "30"}, {}, "--keep-results-days: raw probe results are kept at least 400 days, so a "
                                      "year's report can always be made again (not 30)"),
    ({}, {"DZDESK_HUB_SIGN_IN_WINDOW": "nan"}, "DZDESK_HUB_SIGN_IN_WINDOW: 'nan' is not a number of seconds"),
    ({}, {"DZDESK_HUB_SIGN_IN_LIMIT": "0"}, "DZDESK_HUB_SIGN_IN_LIMIT: the number of refused tokens must be from 1"),
    ({"host": " "}, {}, "--host: ' ' is empty"),
])
def test_an_unusable_value_is_refused_in_words_naming_where_it_came_from(flags, environ, words) -> None:
    with pytest.raises(HubSettingsError) as refused:
        HubSettings.from_sources(flags, environ)
    assert words in str(refused.value)


def test_settings_made_directly_are_checked_too() -> None:
    with pytest.raises(HubSettingsError, match="--port: the port must be from 1 to 65535, not 0"):
        HubSettings(port=0)


def test_serve_refuses_every_bad_value_with_exit_2_and_starts_nothing(tmp_path: Path) -> None:
    database = tmp_path / "hub.sqlite3"
    result = run_dzdesk("hub", "serve", "--db", f"sqlite:///{database}", "--port", "eighty",
                        DZDESK_HUB_KEEP_RESULTS_DAYS="90")
    assert result.returncode == 2
    assert "--port: 'eighty' is not a whole number" in result.stderr
    assert "DZDESK_HUB_KEEP_RESULTS_DAYS: raw probe results are kept at least 400 days" in result.stderr
    assert "dzdesk hub on" not in result.stdout and not database.exists()


def test_serve_help_says_flags_win_over_the_environment() -> None:
    result = run_dzdesk("hub", "serve", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "a flag given on the command line wins over the environment" in text
    assert all(option.env in text for option in OPTIONS)


def test_a_served_hub_runs_with_the_flags_over_the_environment(tmp_path: Path) -> None:
    """The real command in its own process: the port of the flag, the database of the environment."""
    port, other = free_port(), free_port()
    database = tmp_path / "hub.sqlite3"
    env = child_env(DZDESK_HUB_DB=f"sqlite:///{database}", DZDESK_HUB_PORT=str(other))
    hub = subprocess.Popen([sys.executable, "-m", "dzdesk", "hub", "serve", "--port", str(port)], cwd=REPO,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2)
                break
            except httpx.TransportError:
                assert hub.poll() is None, hub.stderr.read() if hub.stderr else ""
                assert time.monotonic() < deadline, "the hub did not start"
                time.sleep(0.1)
        assert answer.json()["status"] == "ok"
        assert database.exists()
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://127.0.0.1:{other}/v1/health", timeout=2)
    finally:
        hub.terminate()
        hub.wait(10)


def test_the_throttle_settings_reach_the_served_hub(tmp_path: Path) -> None:
    settings = HubSettings.from_sources(NO_FLAGS, {"DZDESK_HUB_SIGN_IN_LIMIT": "2"})
    wrong = {"Authorization": "Bearer dzh_" + "x" * 43}
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", settings) as hub:
        codes = [httpx.get(f"{hub.url}/v1/me", headers=wrong, timeout=10).status_code for _ in range(3)]
    assert codes == [401, 401, 429]
