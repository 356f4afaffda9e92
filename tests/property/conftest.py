"""Hypothesis profiles for the property tests, and a fingerprint of the real SQLite file to prove "nothing changed".

Select a profile with the environment variable DZDESK_HYPOTHESIS_PROFILE:

- ``ci`` (default): bounded examples, derandomised, so every run searches the same inputs and the folder stays
  well under a minute on a small shared machine;
- ``thorough``: many more examples with a fresh random search each run, for hunting before a release:
  ``DZDESK_HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/property``.

Neither profile keeps an example database, and Hypothesis's caches go to the system's temporary folder (unless
HYPOTHESIS_STORAGE_DIRECTORY says otherwise): nothing is written into the checkout (no ``.hypothesis`` folder).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from dzdesk.config import DataDir

PROFILE_VARIABLE = "DZDESK_HYPOTHESIS_PROFILE"

if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    # Its character tables and constants caches, otherwise written to `.hypothesis` in the working directory.
    _owner = os.getuid() if hasattr(os, "getuid") else "user"  # Windows' temporary folder is per user already
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"dzdesk-hypothesis-{_owner}")

# The store fixtures are function-scoped and shared by all examples of a test on purpose: each property compares
# the database before and after one example, so what earlier examples wrote does not matter.
_COMMON = {"deadline": None, "database": None,
           "suppress_health_check": (HealthCheck.function_scoped_fixture, HealthCheck.too_slow)}
settings.register_profile("ci", max_examples=60, derandomize=True, **_COMMON)
settings.register_profile("thorough", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "ci"))

Fingerprint = dict[str, list[tuple[object, ...]]]


def database_fingerprint(data_dir: DataDir) -> Fingerprint:
    """Every row of every table of the store's SQLite file, read with a separate connection.

    Reading the file itself, not through the store's session, is what proves that nothing was committed.
    """
    connection = sqlite3.connect(data_dir.database)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                for table in tables}
    finally:
        connection.close()


@pytest.fixture
def fingerprint(store, data_dir) -> Callable[[], Fingerprint]:
    """The current contents of the `store` fixture's database file, as a comparable value."""
    return lambda: database_fingerprint(data_dir)


@pytest.fixture
def quiet_logging() -> Iterator[None]:
    """A command run in-process routes the root logger to its data directory; put the session's handlers back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
