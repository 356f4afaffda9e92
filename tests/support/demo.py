"""One demo year for the whole test run, made once and copied to each test that reads or changes one.

`dzdesk demo` writes a year of records (about 130 MB) in some seconds; the tests that need a demo directory only
read it or add to a copy of it, so making it once per run and copying it is the same directory for them. Under
pytest-xdist the workers share it: the first to need it makes it while the others wait on a lock.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from tests.support.cli import run_dzdesk


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder that every xdist worker sees (each worker's own is one level below)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's demo data directory, made by `dzdesk demo` the first time it is asked for. Never change it."""
    folder = shared_folder(tmp_path_factory) / "demo-template"
    made = folder / "made"
    with FileLock(str(folder) + ".lock"):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            result = run_dzdesk("demo", "--data-dir", str(folder / "data"))
            assert result.returncode == 0, result.stderr
            made.touch()
    return folder / "data"


def copy_demo(template: Path, destination: Path) -> Path:
    """A demo data directory of the test's own at `destination`."""
    shutil.copytree(template, destination)
    return destination
