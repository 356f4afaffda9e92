import os

import keyring
import pytest

from dzdesk.config import DataDir
from dzdesk.store import open_store
from tests.support.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """No test reads the user's data directory or keyring."""
    monkeypatch.setenv("DZDESK_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("DZDESK_HUB_TOKEN", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data").ensure()


@pytest.fixture
def store(data_dir):
    opened = open_store(data_dir, author="测试工程师")
    yield opened
    opened.close()
