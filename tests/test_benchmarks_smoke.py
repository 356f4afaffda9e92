"""The benchmarks run from a clean state and print every figure (a smoke run: the quick sizes, no thresholds)."""

import json
import subprocess
import sys

import pytest

from benchmarks.run import INFORMATIONAL, TARGETS
from tests.support.cli import REPO, child_env


# Slow: every benchmark at its quick size, from a clean state, in a process of its own.
@pytest.mark.slow
def test_quick_benchmarks_print_every_figure():
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--quick", "--json"], cwd=REPO,
                            env=child_env(), capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert figures.pop("mode") == "quick"
    assert set(figures) == set(TARGETS) | set(INFORMATIONAL)
    assert all(isinstance(v, float | int) and v > 0 for v in figures.values())


def _quick(module: str) -> str:
    result = subprocess.run([sys.executable, "-m", module, "--quick"], cwd=REPO, env=child_env(), capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_hub_results_storage_prints_the_room_on_both_databases():
    lines = _quick("benchmarks.hub_results_storage").splitlines()
    for database in ("PostgreSQL", "SQLite"):
        row = next(line.split() for line in lines if line.startswith(database))
        assert row[1] == "34,560"  # two days of 60 targets every 5 minutes
        assert all(float(value.replace(",", "")) > 0 for value in row[2:6])


def test_observed_figures_prints_its_time_and_figures():
    out = _quick("benchmarks.observed_figures")
    assert "observed_figures, best of 5:" in out
    assert "availability" in out and "coverage" in out
