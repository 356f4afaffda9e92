#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the whole test suite headless, with the lint first.
# Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
