import itertools
import os
import shutil
import tempfile
import time
from pathlib import Path

import keyring
import pytest

from dzdesk.config import DataDir
from dzdesk.store import database, open_store
from tests.support.demo import copy_demo, demo_template, fixed_demo_template
from tests.support.hub import PostgresServer, running_hub
from tests.support.memory_keyring import MemoryKeyring
from tests.support.secret_scan import SEEN, find_leaks
from tests.support.store_template import make_template, migrating_from

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.hookimpl(hookwrapper=True)
def pytest_sessionfinish(session):
    """No token or password handed out during the run is in any file the run wrote.

    Under pytest-xdist each worker hands the secrets it saw to the controller, in memory, and the controller searches
    the run's whole temporary folder (every worker's lies below it) once all of them have finished."""
    yield
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output["secrets"] = sorted(SEEN)
        return
    if not SEEN:
        return
    started = time.monotonic()
    leaks = find_leaks([session.config._tmp_path_factory.getbasetemp()], SEEN)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"secrets scan: {len(SEEN)} secrets searched for in every file the run wrote, "
                            f"{time.monotonic() - started:.1f} s")
    if leaks:
        lines = [f"  {path}: contains a secret ({secret[:4]}…)" for path, secret in leaks]
        if reporter is not None:
            reporter.write_sep("=", "secrets found in files the test run wrote", red=True)
            reporter.write_line("\n".join(lines))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """An xdist worker finished: keep the secrets it saw for the search above."""
    SEEN.update(getattr(node, "workeroutput", {}).get("secrets", ()))


def pytest_collection_modifyitems(items):
    """The tests marked slow start first, so that on several workers none of them is left running alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory) -> Path:
    return make_template(tmp_path_factory.mktemp("store-template"))


@pytest.fixture(autouse=True)
def _stores_from_a_migrated_copy(request, _migrated_database, monkeypatch):
    """A store opened in a new data directory starts from a copy of a migrated one (see
    `tests/support/store_template.py`); tests marked `real_migrations` migrate from nothing."""
    if request.node.get_closest_marker("real_migrations") is None:
        monkeypatch.setattr(database, "migrate_to_head", migrating_from(_migrated_database))


@pytest.fixture
def data_dir(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data").ensure()


@pytest.fixture
def store(data_dir):
    opened = open_store(data_dir, author="测试工程师")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    """The run's demo year (see `tests/support/demo.py`): read it, or copy it with `demo_copy` to change it."""
    return demo_template(tmp_path_factory)


@pytest.fixture(scope="session")
def fixed_demo_data(tmp_path_factory) -> Path:
    """A demo year as at `tests.support.demo.FIXED_NOW`: copy it with `copy_demo` to open it."""
    return fixed_demo_template(tmp_path_factory)


@pytest.fixture
def demo_copy(demo_data, tmp_path) -> Path:
    """A demo data directory of this test's own."""
    return copy_demo(demo_data, tmp_path / "demo")


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
