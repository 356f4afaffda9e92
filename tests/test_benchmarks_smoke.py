"""The benchmarks run from a clean state and print every figure (a smoke run: the quick sizes, no thresholds)."""

import json
import subprocess
import sys

from benchmarks.run import INFORMATIONAL, TARGETS
from tests.support.cli import REPO, child_env


def test_quick_benchmarks_print_every_figure():
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--quick", "--json"], cwd=REPO,
                            env=child_env(), capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert figures.pop("mode") == "quick"
    assert set(figures) == set(TARGETS) | set(INFORMATIONAL)
    assert all(isinstance(v, float | int) and v > 0 for v in figures.values())
