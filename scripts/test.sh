#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the whole test suite headless, with the lint first, on every core
# (pytest-xdist; DZDESK_TEST_WORKERS=N to choose, 0 for one process), and ends with the 25 slowest tests.
# Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest -n "${DZDESK_TEST_WORKERS:-auto}" --dist worksteal --durations=25 "$@"
