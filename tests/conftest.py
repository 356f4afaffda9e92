import itertools
import os
import shutil
import tempfile
from pathlib import Path

import keyring
import pytest

from dzdesk.config import DataDir
from dzdesk.store import open_store
from tests.support.hub import PostgresServer, running_hub
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


_names = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    # Not under pytest's temporary folder: that one is private to this user, and PostgreSQL runs as its own.
    root = Path(tempfile.mkdtemp(prefix="dzdesk-pg-"))
    server = PostgresServer(root)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    """A real hub on a loopback port, on each of the two databases the hub supports."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").create_database(f"hub{next(_names)}")
    with running_hub(url) as running:
        yield running
