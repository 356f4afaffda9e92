"""`dzdesk sync` and `dzdesk login`, run as a scheduled job or a person at a terminal runs them."""

import json

import pytest

from dzdesk.config import DataDir
from dzdesk.store import open_store
from tests.support.cli import run_dzdesk_process
from tests.support.hub import free_port
from tests.sync.helpers import add_fault, hub_records, outbox

LOOPBACK = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
MEMORY_KEYRING = "tests.support.memory_keyring.MemoryKeyring"


def dzdesk(*args, **env):
    return run_dzdesk_process(*args, **LOOPBACK, **env)


@pytest.fixture
def laptop(tmp_path):
    """A data directory holding one fault recorded offline by 张伟."""
    data_dir = DataDir(tmp_path / "laptop").ensure()
    store = open_store(data_dir, author="张伟")
    try:
        add_fault(store, "受理单打印空白")
    finally:
        store.close()
    return data_dir


def queued(data_dir):
    store = open_store(data_dir)
    try:
        return outbox(store)
    finally:
        store.close()


def saved_settings(data_dir):
    path = data_dir.settings_file
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# -- sync --------------------------------------------------------------------------------------------------------
def test_sync_with_a_token_from_the_environment(hub, laptop, tmp_path):
    token = hub.add_user("张伟")

    result = dzdesk("sync", "--hub", hub.url, "--data-dir", str(laptop.root), DZDESK_HUB_TOKEN=token)

    assert result.returncode == 0, result.stderr
    assert "sync done" in result.stdout
    assert "2 pushed" in result.stdout
    assert queued(laptop) == []
    assert sorted(r.entity for r in hub_records(hub)) == ["incident_events", "incidents"]

    again = dzdesk("sync", "--hub", hub.url, "--data-dir", str(laptop.root), DZDESK_HUB_TOKEN=token)
    assert again.returncode == 0, again.stderr
    assert "sync done: 0 pushed, 0 pulled" in again.stdout

    teammate = DataDir(tmp_path / "teammate").ensure()
    pulled = dzdesk("sync", "--hub", hub.url, "--data-dir", str(teammate.root),
                    DZDESK_HUB_TOKEN=hub.add_user("李娜"))
    assert pulled.returncode == 0, pulled.stderr
    assert "sync done: 0 pushed, 2 pulled" in pulled.stdout


def test_sync_without_a_token_says_how_to_get_one(hub, laptop):
    result = dzdesk("sync", "--hub", hub.url, "--data-dir", str(laptop.root), PYTHON_KEYRING_BACKEND=MEMORY_KEYRING)
    assert result.returncode == 2
    assert f"no token for {hub.url}" in result.stderr
    assert "dzdesk login" in result.stderr and "DZDESK_HUB_TOKEN" in result.stderr
    assert len(queued(laptop)) == 2
    assert hub_records(hub) == []


def test_sync_without_a_token_or_a_keyring_points_to_the_environment(hub, laptop):
    result = dzdesk("sync", "--hub", hub.url, "--data-dir", str(laptop.root))
    assert result.returncode == 2
    assert "No system keyring is available" in result.stderr
    assert "DZDESK_HUB_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr
    assert hub_records(hub) == []


def test_sync_without_a_hub_says_to_sign_in(laptop):
    result = dzdesk("sync", "--data-dir", str(laptop.root), DZDESK_HUB_TOKEN="dzh_unused")
    assert result.returncode == 2
    assert "no hub" in result.stderr and "dzdesk login --hub" in result.stderr


def test_sync_with_a_wrong_token_says_to_sign_in_again(hub, laptop):
    hub.add_user("张伟")
    result = dzdesk("sync", "--hub", hub.url, "--data-dir", str(laptop.root), DZDESK_HUB_TOKEN="dzh_not-a-token")
    assert result.returncode == 1
    assert "sign in again" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(queued(laptop)) == 2
    assert hub_records(hub) == []


def test_sync_with_the_hub_down_fails_in_words(laptop):
    url = f"http://127.0.0.1:{free_port()}"
    result = dzdesk("sync", "--hub", url, "--data-dir", str(laptop.root), DZDESK_HUB_TOKEN="dzh_any")
    assert result.returncode == 1
    assert "cannot reach the hub" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(queued(laptop)) == 2


# -- login -------------------------------------------------------------------------------------------------------
def test_login_without_a_keyring_says_the_token_cannot_be_stored(hub, laptop):
    token = hub.add_user("张伟")
    result = dzdesk("login", "--hub", hub.url, "--data-dir", str(laptop.root), input_text=token + "\n")
    assert result.returncode != 0
    assert "keyring" in result.stderr
    assert "could not be stored" in result.stderr
    assert token not in result.stdout + result.stderr
    assert saved_settings(laptop).get("hub_url", "") == ""


def test_login_with_an_unknown_token_saves_nothing(hub, laptop):
    hub.add_user("张伟")
    result = dzdesk("login", "--hub", hub.url, "--data-dir", str(laptop.root), input_text="dzh_not-a-token\n",
                    PYTHON_KEYRING_BACKEND=MEMORY_KEYRING)
    assert result.returncode == 1
    assert "the hub does not know this token" in result.stderr
    assert "nothing was saved" in result.stderr
    assert saved_settings(laptop).get("hub_url", "") == ""


def test_login_without_a_token_on_stdin(hub, laptop):
    result = dzdesk("login", "--hub", hub.url, "--data-dir", str(laptop.root), input_text="\n")
    assert result.returncode == 2
    assert "no token given" in result.stderr


def test_login_with_a_keyring_saves_the_hub_and_greets(hub, laptop):
    token = hub.add_user("张伟")
    result = dzdesk("login", "--hub", hub.url + "/", "--data-dir", str(laptop.root), input_text=token + "\n",
                    PYTHON_KEYRING_BACKEND=MEMORY_KEYRING)
    assert result.returncode == 0, result.stderr
    assert f"signed in to {hub.url} as 张伟 (engineer, team 一组)" in result.stdout
    assert token not in result.stdout
    settings = saved_settings(laptop)
    assert settings["hub_url"] == hub.url
    assert token not in laptop.settings_file.read_text(encoding="utf-8")
    # The hub signed in to is the default of `dzdesk sync`.
    synced = dzdesk("sync", "--data-dir", str(laptop.root), DZDESK_HUB_TOKEN=token)
    assert synced.returncode == 0, synced.stderr
    assert "sync done: 2 pushed" in synced.stdout
