#!/usr/bin/env bash
# Builds the one-folder app into dist/dzdesk (run it as dist/dzdesk/dzdesk; copy the folder anywhere).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test >&2
exec .venv/bin/pyinstaller --noconfirm --workpath build/pyinstaller --distpath dist build_installer.spec
