"""One demo year for the whole test run, made once and copied to each test that reads or changes one.

`dzdesk demo` writes a year of records (about 130 MB) in some seconds; the tests that need a demo directory only
read it or add to a copy of it, so making it once per run and copying it is the same directory for them. Under
pytest-xdist the workers share it: the first to need it makes it while the others wait on a lock.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from filelock import FileLock

from dzdesk import demo
from dzdesk.config import DataDir, Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.store import open_store
from tests.support.cli import run_dzdesk


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder that every xdist worker sees (each worker's own is one level below)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder / "data")` the first time any worker asks for `name` in this run; the data folder after."""
    folder = shared_folder(tmp_path_factory) / name
    made = folder / "made"
    with FileLock(str(folder) + ".lock"):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder / "data")
            made.touch()
    return folder / "data"


def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's demo data directory, made by `dzdesk demo` the first time it is asked for. Never change it."""

    def make(data: Path) -> None:
        result = run_dzdesk("demo", "--data-dir", str(data))
        assert result.returncode == 0, result.stderr

    return _made_once(tmp_path_factory, "demo-template", make)


FIXED_NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)


def fixed_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo year filled as at `FIXED_NOW`, for the report tests that state what that year holds. Never change it."""

    def make(data: Path) -> None:
        store = open_store(DataDir(data).ensure())
        try:
            demo.fill(store, load_catalogue(), Settings().calendar(), now=FIXED_NOW)
        finally:
            store.close()

    return _made_once(tmp_path_factory, "fixed-demo-template", make)


def copy_demo(template: Path, destination: Path) -> Path:
    """A demo data directory of the test's own at `destination`."""
    shutil.copytree(template, destination)
    return destination
