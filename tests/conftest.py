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
from tests.support.secret_scan import SEEN, find_leaks

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_written: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _files_this_run_writes(tmp_path_factory):
    _written.append(tmp_path_factory.getbasetemp())


@pytest.hookimpl(hookwrapper=True)
def pytest_sessionfinish(session):
    """No token or password handed out during the run is in any file the run wrote."""
    yield
    if not SEEN or not _written:
        return
    leaks = find_leaks(_written, SEEN)
    if leaks:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"  {path}: contains a secret ({secret[:4]}…)" for path, secret in leaks]
        if reporter is not None:
            reporter.write_sep("=", "secrets found in files the test run wrote", red=True)
            reporter.write_line("\n".join(lines))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
