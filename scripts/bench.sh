#!/usr/bin/env bash
# Sets up what the benchmarks need (as the test suite does) and runs them: scripts/bench.sh [--quick] [--json].
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test >&2
QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m benchmarks.run "$@"
